"""JSON Lines: one record a line, streamed so that feeds of any size run in bounded memory."""
from __future__ import annotations

import codecs
import json
from typing import Iterator, Optional, Union

from ..model import ReadError, Record
from ..positions import json_string_offset, json_value_positions
from .decoding import InputError, decode
from .records import record_or_error

SUFFIXES = (".jsonl", ".ndjson")


def read(path: str, market: Optional[str], locale: Optional[str]) -> Iterator[Union[Record, ReadError]]:
    with open(path, "rb") as handle:
        head = handle.read(8192)
        handle.seek(0)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            lines = _decoded_lines(decode(handle.read()))
        elif b"\x00" in head:  # the same test decode() makes for the other formats
            raise InputError("binary file (NUL bytes), not text")
        else:
            lines = _utf8_lines(handle)
        index = 0
        for lineno, text in lines:
            if isinstance(text, InputError):
                yield ReadError(path, lineno, str(text))
                continue
            if not text.strip():
                continue
            index += 1
            yield _parse_line(path, lineno, text, index, market, locale)


def _utf8_lines(handle) -> Iterator[tuple[int, Union[str, InputError]]]:
    for lineno, raw in enumerate(handle, 1):
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        try:
            yield lineno, raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError as exc:
            yield lineno, InputError(
                f"not UTF-8: byte 0x{raw[exc.start]:02x} at column {exc.start + 1}; record skipped"
            )


def _decoded_lines(text: str) -> Iterator[tuple[int, str]]:
    for lineno, line in enumerate(text.split("\n"), 1):
        yield lineno, line.rstrip("\r")


def _parse_line(path, lineno, text, index, market, locale) -> Union[Record, ReadError]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return ReadError(path, lineno, f"not JSON: {exc.msg} at column {exc.colno}; record skipped")
    positions: dict = {}

    def locator_for(key):
        if not positions:
            positions.update(json_value_positions(text))
        quote = positions.get(key)
        if quote is None or text[quote] != '"':
            return None
        return lambda offset: (lineno, json_string_offset(text, quote, offset) + 1)

    return record_or_error(obj, path=path, line=lineno, index=index, market=market, locale=locale,
                           locator_for=locator_for)
