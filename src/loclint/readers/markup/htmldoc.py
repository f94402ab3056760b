"""An .html or .htm file is one listing description, linted as the text a buyer reads.

Tags, comments, scripts and styles are not copy; entities are decoded; every character of the
text maps back to the markup (readers.markup.htmltext), so findings point into the file. The market
comes from the flags, as for text files.
"""
from __future__ import annotations

from typing import Iterator

from ...positions import LineIndex
from ..base import Item, ReadContext, Reader, Source
from ..encoders import html_escaped
from .htmltext import html_text
from .comments import comment_directives
from .description import description_record


class HtmlReader(Reader):
    name = "html"
    suffixes = (".html", ".htm")
    escape = staticmethod(html_escaped)

    def read(self, source: Source, ctx: ReadContext) -> Iterator[Item]:
        return read(source.path, source.text(), ctx.market, ctx.locale)


def read(path: str, raw: str, market, locale) -> Iterator[Item]:
    lines = LineIndex(raw)
    page = html_text(raw)
    yield description_record(path, page.text, market, locale, encoder=html_escaped,
                             locate=lambda offset: lines.position(page.raw_offset(offset)),
                             locate_end=lambda end: lines.position(page.raw_end(end)),
                             directives=comment_directives(raw, lines))
