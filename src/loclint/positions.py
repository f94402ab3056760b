"""Map character offsets in decoded values back to line and column in the file.

Readers decode values (JSON escapes, YAML quoting) but findings must point into the raw file.
Positions are computed lazily: most records have no finding, so the cost is paid only where a
finding needs it.
"""
from __future__ import annotations

import bisect
import functools
import json
from json.decoder import scanstring
from typing import Union

PathKey = tuple[Union[str, int], ...]

_WS = " \t\n\r"
_DECODER = json.JSONDecoder()


class LineIndex:
    """Offsets in a text to 1-based (line, column), columns counted in characters."""

    def __init__(self, text: str, first_line: int = 1):
        self._starts = [0]
        self._starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")
        self._first_line = first_line

    def position(self, offset: int) -> tuple[int, int]:
        row = bisect.bisect_right(self._starts, offset) - 1
        return (row + self._first_line, offset - self._starts[row] + 1)

    def offset(self, line: int, column: int) -> int:
        """The inverse of position(): the offset of a 1-based (line, column)."""
        return self._starts[line - self._first_line] + column - 1


def json_string_offset(raw: str, quote_index: int, char_offset: int) -> int:
    """Index in ``raw`` of decoded character ``char_offset`` of the string literal at ``quote_index``."""
    decoded, at = _escape_points(raw, quote_index)
    k = bisect.bisect_right(decoded, char_offset) - 1
    return at[k] + char_offset - decoded[k]


@functools.lru_cache(maxsize=64)
def _escape_points(raw: str, quote_index: int) -> tuple[list[int], list[int]]:
    """Where decoded and raw offsets line up again after each escape of one string literal, found
    once: a field with thousands of findings must not walk its string once per finding.
    Between two points every character is one raw character."""
    decoded, at = [0], [quote_index + 1]
    end = scanstring(raw, quote_index + 1)[1] - 1  # the closing quote
    i = raw.find("\\", quote_index + 1, end)
    while i != -1:
        if raw[i + 1] != "u":
            width = 2
        elif _is_surrogate_pair(raw, i):  # two escapes, one Python character
            width = 12
        else:
            width = 6
        decoded.append(decoded[-1] + (i - at[-1]) + 1)
        at.append(i + width)
        i = raw.find("\\", i + width, end)
    return decoded, at


def _is_surrogate_pair(raw: str, i: int) -> bool:
    return 0xD800 <= int(raw[i + 2 : i + 6], 16) < 0xDC00 and raw.startswith("\\u", i + 6) \
        and 0xDC00 <= int(raw[i + 8 : i + 12], 16) < 0xE000


def json_value_positions(raw: str, start: int = 0) -> dict[PathKey, int]:
    """Start index of every value (a string's opening quote) in the JSON value at ``start``, by path."""
    found: dict[PathKey, int] = {}
    _walk(raw, _skip_ws(raw, start), (), found)
    return found


def _skip_ws(raw: str, i: int) -> int:
    while i < len(raw) and raw[i] in _WS:
        i += 1
    return i


def _walk(raw: str, i: int, path: PathKey, found: dict[PathKey, int]) -> int:
    ch = raw[i]
    found[path] = i
    if ch == '"':
        return scanstring(raw, i + 1)[1]
    if ch == "{":
        return _walk_members(raw, i + 1, "}", path, found, keyed=True)
    if ch == "[":
        return _walk_members(raw, i + 1, "]", path, found, keyed=False)
    return _DECODER.raw_decode(raw, i)[1]


def _walk_members(raw, i, close, path, found, keyed) -> int:
    i = _skip_ws(raw, i)
    index = 0
    while raw[i] != close:
        if keyed:
            key, i = scanstring(raw, i + 1)
            i = _skip_ws(raw, _skip_ws(raw, i) + 1)  # past the colon
        else:
            key = index
        i = _skip_ws(raw, _walk(raw, i, path + (key,), found))
        index += 1
        if raw[i] == ",":
            i = _skip_ws(raw, i + 1)
    return i + 1
