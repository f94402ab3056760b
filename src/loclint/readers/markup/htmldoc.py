"""An .html or .htm file is one listing description, linted as the text a buyer reads.

Tags, comments, scripts and styles are not copy; entities are decoded; every character of the
text maps back to the markup (readers.markup.htmltext), so findings point into the file. The market
comes from the flags, as for text files.
"""
from __future__ import annotations

import dataclasses
import os
from typing import Iterator

from ...positions import LineIndex
from ..base import Item, ReadContext, Reader, Source
from ..encoders import html_escaped
from .htmltext import html_text
from .comments import comment_directives
from ..records import build_record


class HtmlReader(Reader):
    name = "html"
    suffixes = (".html", ".htm")
    escape = staticmethod(html_escaped)

    def read(self, source: Source, ctx: ReadContext) -> Iterator[Item]:
        return read(source.path, source.text(), ctx.market, ctx.locale)


def read(path: str, raw: str, market, locale) -> Iterator[Item]:
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
