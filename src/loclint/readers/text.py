"""A plain text or Markdown file is one listing description; its market comes from the flags.

In Markdown, code, link targets and URLs are blanked out (readers.markdowntext) with offsets kept.
"""
from __future__ import annotations

import dataclasses
import os
from typing import Iterator, Optional, Union

from ..model import ReadError, Record
from ..positions import LineIndex
from .decoding import decode
from .markdowntext import markdown_text
from .encoders import verbatim
from .comments import comment_directives
from .records import build_record

SUFFIXES = (".txt", ".md")


def read(path: str, market: Optional[str], locale: Optional[str]) -> Iterator[Union[Record, ReadError]]:
    with open(path, "rb") as handle:
        text = decode(handle.read())
    lines = LineIndex(text)
    record = build_record(
        {"id": os.path.basename(path), "description": markdown_text(text) if path.lower().endswith(".md") else text},
        path=path, line=1, index=1, market=market, locale=locale,
        locator_for=lambda key: lines.position, encoder_for=lambda key: verbatim,
    )
    if path.lower().endswith(".md"):
        record = dataclasses.replace(record, directives=comment_directives(text, lines))
    yield record
