"""An .html or .htm file is one listing description, linted as the text a buyer reads.

Tags, comments, scripts and styles are not copy; entities are decoded; every character of the
text maps back to the markup (readers.htmltext), so findings point into the file. The market
comes from the flags, as for text files.
"""
from __future__ import annotations

import dataclasses
import os
from typing import Iterator, Optional, Union

from ..model import ReadError, Record
from ..positions import LineIndex
from .decoding import decode
from .encoders import html_escaped
from .htmltext import html_text
from .comments import comment_directives
from .records import build_record

SUFFIXES = (".html", ".htm")


def read(path: str, market: Optional[str], locale: Optional[str]) -> Iterator[Union[Record, ReadError]]:
    with open(path, "rb") as handle:
        raw = decode(handle.read())
    lines = LineIndex(raw)
    page = html_text(raw)
    record = build_record(
        {"id": os.path.basename(path), "description": page.text},
        path=path, line=1, index=1, market=market, locale=locale,
        locator_for=lambda key: lambda offset: lines.position(page.raw_offset(offset)),
        end_locator_for=lambda key: lambda end: lines.position(page.raw_end(end)),
        encoder_for=lambda key: html_escaped,
    )
    yield dataclasses.replace(record, directives=comment_directives(raw, lines))
