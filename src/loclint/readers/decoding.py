"""Bytes to text: UTF-8 with or without BOM, UTF-16 with BOM; anything else is a clear error.

A file is "binary" when NUL bytes show in its head. Line-oriented feeds (JSONL, CSV) are judged
more gently: one broken line is a broken line, reported by the reader for that line, and the file
is binary only when most lines of its head are (an image renamed .jsonl).
"""
from __future__ import annotations

import codecs

from .errors import UnreadableInput

HEAD_BYTES = 8192
BINARY = "binary file (NUL bytes), not text"


def decode(data: bytes, line_level: bool = False) -> str:
    """The text of ``data``; with ``line_level``, NUL bytes on some lines are left for the
    reader to report per line (see binary_throughout)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableInput(f"broken UTF-16 at byte {exc.start}") from None
    head = data[:HEAD_BYTES]
    if binary_throughout(head) if line_level else b"\x00" in head:
        raise UnreadableInput(BINARY)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UnreadableInput(
            f"not UTF-8: byte 0x{data[exc.start]:02x} on line {line}; save the file as UTF-8"
        ) from None


def binary_throughout(head: bytes) -> bool:
    """Whether the head of a line-oriented file is binary rather than text with a broken line:
    NUL bytes in it, and more of its bytes on binary lines (NUL, or not UTF-8) than on text lines."""
    if b"\x00" not in head:
        return False
    binary = text = 0
    for line in head.split(b"\n"):
        if _binary_line(line):
            binary += len(line)
        else:
            text += len(line.strip())
    return binary > text


def _binary_line(line: bytes) -> bool:
    if b"\x00" in line:
        return True
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False
