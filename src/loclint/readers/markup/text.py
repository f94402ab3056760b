"""A plain text or Markdown file is one listing description; its market comes from the flags.

In Markdown, code, link targets and URLs are blanked out (readers.markup.markdowntext) with offsets kept.
"""
from __future__ import annotations

import dataclasses
import os
from typing import Iterator

from ...positions import LineIndex
from ..base import Item, ReadContext, Reader, Source
from .markdowntext import markdown_text
from ..encoders import verbatim
from .comments import comment_directives
from ..records import build_record


class TextReader(Reader):
    name = "text"
    suffixes = (".txt", ".md")
    escape = staticmethod(verbatim)

    def read(self, source: Source, ctx: ReadContext) -> Iterator[Item]:
        return read(source.path, source.text(), ctx.market, ctx.locale)


def read(path: str, text: str, market, locale) -> Iterator[Item]:
    lines = LineIndex(text)
    record = build_record(
        {"id": os.path.basename(path), "description": markdown_text(text) if path.lower().endswith(".md") else text},
        path=path, line=1, index=1, market=market, locale=locale,
        locator_for=lambda key: lines.position, encoder_for=lambda key: verbatim,
    )
    if path.lower().endswith(".md"):
        record = dataclasses.replace(record, directives=comment_directives(text, lines))
    yield record
