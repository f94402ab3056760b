"""Map character offsets in decoded values back to line and column in the file.

Readers decode values (JSON escapes, YAML quoting) but findings must point into the raw file.
Positions are computed lazily: most records have no finding, so the cost is paid only where a
finding needs it.
"""
from __future__ import annotations

import bisect
import functools
import re
from json.decoder import scanstring
from typing import Union

PathKey = tuple[Union[str, int], ...]

_WS = " \t\n\r"
# A number, true, false or null runs to the next separator. Matched rather than decoded: the
# text has been parsed already, and decoding would fail on integers Python refuses to read.
_SCALAR = re.compile(r"[^,\]}\s]+")


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
    return _walk(raw, _skip_ws(raw, start))


def _skip_ws(raw: str, i: int) -> int:
    while i < len(raw) and raw[i] in _WS:
        i += 1
    return i


def _walk(raw: str, i: int) -> dict[PathKey, int]:
    """One pass over already validated JSON. Iterative, with the open containers on a list of
    its own: a value nested 600 deep must not exhaust Python's recursion limit."""
    found: dict[PathKey, int] = {}
    containers: list[list] = []  # [path, keyed, members so far] of each container not yet closed
    path: PathKey = ()
    while True:
        found[path] = i
        ch = raw[i]
        if ch == "{" or ch == "[":
            containers.append([path, ch == "{", 0])
            i += 1
        else:
            i = scanstring(raw, i + 1)[1] if ch == '"' else _SCALAR.match(raw, i).end()
            if not containers:
                return found
        while True:  # past the separator, and out of every container that closes here
            i = _skip_ws(raw, i)
            if raw[i] == ",":
                i = _skip_ws(raw, i + 1)
            parent, keyed, count = containers[-1]
            if raw[i] != ("}" if keyed else "]"):
                break
            containers.pop()
            i += 1
            if not containers:
                return found
        if keyed:
            key, i = scanstring(raw, i + 1)
            i = _skip_ws(raw, _skip_ws(raw, i) + 1)  # past the colon
        else:
            key = count
        containers[-1][2] = count + 1
        path = parent + (key,)
