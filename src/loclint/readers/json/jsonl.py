"""JSON Lines: one record a line, streamed so that feeds of any size run in bounded memory."""
from __future__ import annotations

import codecs
from typing import Iterator, Optional, Union

from ...positions import json_string_offset, json_value_positions
from ..base import STREAMED_MAX_BYTES, Item, ReadContext, Reader, Source
from ..decoding import BINARY, HEAD_BYTES, binary_throughout, decode
from ..encoders import json_string
from ..errors import UnreadableInput
from .listing import FeedShape, fast_record
from .parse import loads
from ..records import record_or_error

Slice = tuple[int, int, int, int]  # (start, end, first_line, first_index): see slices()


class JsonLinesReader(Reader):
    name = "jsonl"
    suffixes = (".jsonl", ".ndjson")
    escape = staticmethod(json_string)
    max_bytes = STREAMED_MAX_BYTES

    def read(self, source: Source, ctx: ReadContext) -> Iterator[Item]:
        return read(source.path, ctx.market, ctx.locale)

    def split(self, path: str, size: int) -> list[Slice]:
        return slices(path, size)

    def read_piece(self, path: str, piece: Slice, ctx: ReadContext) -> Iterator[Item]:
        return read_range(path, *piece, ctx.market, ctx.locale)


def read(path: str, market: Optional[str], locale: Optional[str]) -> Iterator[Item]:
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
        handle.seek(0)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            lines = _decoded_lines(decode(handle.read()))
        elif binary_throughout(head):  # an image renamed .jsonl; a NUL on one line is that line's error
            raise UnreadableInput(BINARY)
        else:
            lines = _utf8_lines(handle)
        yield from _records(path, lines, 1, market, locale)


def read_range(path: str, start: int, end: int, first_line: int, first_index: int, market: Optional[str],
               locale: Optional[str]) -> Iterator[Item]:
    """The records of the UTF-8 lines that begin at byte offsets [start, end): one slice of a
    large feed for one worker (see parallel.py). Line numbers and default ids (``#n``) continue
    from ``first_line`` and ``first_index``, so a slice reports exactly what a whole read would."""
    with open(path, "rb") as handle:
        handle.seek(start)
        yield from _records(path, _utf8_lines(_until(handle, end), first_line), first_index, market, locale)


def _records(path, lines, first_index: int, market, locale) -> Iterator[Item]:
    """Records of (line number, text or decoding error) pairs; blank lines are skipped and do
    not count towards the default ids."""
    index = first_index - 1
    shape = FeedShape()
    for lineno, text in lines:
        if isinstance(text, UnreadableInput):
            yield text
            continue
        if not text.strip():
            continue
        index += 1
        yield parse_line(path, lineno, text, index, market, locale, shape)


def slices(path: str, size: int) -> list[Slice]:
    """Cut a UTF-8 feed into (start, end, first_line, first_index) slices of about ``size`` bytes
    at line boundaries; UTF-16 feeds are one slice (they are decoded whole), and so is a binary
    file, which read() refuses whole."""
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or binary_throughout(head):
            return []
        handle.seek(0)
        cuts, offset, line, index = [(0, 1, 1)], 0, 1, 1
        next_cut = size
        for raw in handle:
            offset += len(raw)
            line += 1
            index += bool(raw.strip())
            if offset >= next_cut:
                cuts.append((offset, line, index))
                next_cut = offset + size
    bounds = [c[0] for c in cuts[1:]] + [offset]
    return [(start, end, first_line, first_index) for (start, first_line, first_index), end in zip(cuts, bounds)
            if end > start]


def _until(handle, end: int) -> Iterator[bytes]:
    position = handle.tell()
    while position < end:
        raw = handle.readline()
        if not raw:
            return
        position += len(raw)
        yield raw


def _utf8_lines(handle, first_line: int = 1) -> Iterator[tuple[int, Union[str, UnreadableInput]]]:
    for lineno, raw in enumerate(handle, first_line):
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        nul = raw.find(b"\x00")
        if nul >= 0:
            yield lineno, UnreadableInput(f"binary bytes (NUL) at column {nul + 1}; record skipped", lineno)
            continue
        try:
            yield lineno, raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError as exc:
            yield lineno, UnreadableInput(
                f"not UTF-8: byte 0x{raw[exc.start]:02x} at column {exc.start + 1}; record skipped", lineno)


def _decoded_lines(text: str) -> Iterator[tuple[int, str]]:
    for lineno, line in enumerate(text.split("\n"), 1):
        yield lineno, line.rstrip("\r")


def parse_line(path, lineno, text, index, market, locale, shape: Optional[FeedShape] = None) -> Item:
    """One JSON Lines line as the reader reads it (the record, or the error naming file and
    line): public for loclint.spark, which parses lines itself and must give the CLI's answer.
    ``shape``: what the feed's earlier lines showed (listing.FeedShape), which only saves time."""
    record = fast_record(text, path=path, line=lineno, index=index, market=market, locale=locale, shape=shape)
    return record if record is not None else _parse_line_generally(path, lineno, text, index, market, locale)


def _parse_line_generally(path, lineno, text, index, market, locale) -> Item:
    """Any line, checked in Python: the one way that names what is wrong with a line."""
    try:
        obj = loads(text)
    except UnreadableInput as exc:
        return UnreadableInput(f"{exc.message}; record skipped", lineno)
    positions: dict = {}

    def locator_for(key):
        if not positions:
            positions.update(json_value_positions(text))
        quote = positions.get(key)
        if quote is None or text[quote] != '"':
            return None
        return lambda offset: (lineno, json_string_offset(text, quote, offset) + 1)

    def encoder_for(key):
        if not positions:
            positions.update(json_value_positions(text))
        quote = positions.get(key)
        return json_string if quote is not None and text[quote] == '"' else None

    return record_or_error(obj, path=path, line=lineno, index=index, market=market, locale=locale,
                           locator_for=locator_for, encoder_for=encoder_for)
