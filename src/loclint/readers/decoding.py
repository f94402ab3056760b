"""Bytes to text: UTF-8 with or without BOM, UTF-16 with BOM; anything else is a clear error."""
from __future__ import annotations

import codecs

from .errors import UnreadableInput


def decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableInput(f"broken UTF-16 at byte {exc.start}") from None
    if b"\x00" in data[:8192]:
        raise UnreadableInput("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UnreadableInput(
            f"not UTF-8: byte 0x{data[exc.start]:02x} on line {line}; save the file as UTF-8"
        ) from None

