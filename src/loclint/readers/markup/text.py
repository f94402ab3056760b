"""A plain text or Markdown file is one listing description; its market comes from the flags.

In Markdown, code, link targets and URLs are blanked out (readers.markup.markdowntext) with offsets kept.
"""
from __future__ import annotations

from typing import Iterator

from ...positions import LineIndex
from ..base import Item, ReadContext, Reader, Source
from .markdowntext import markdown_text
from ..encoders import verbatim
from .comments import comment_directives
from .description import description_record


class TextReader(Reader):
    name = "text"
    suffixes = (".txt", ".md")
    escape = staticmethod(verbatim)

    def read(self, source: Source, ctx: ReadContext) -> Iterator[Item]:
        return read(source.path, source.text(), ctx.market, ctx.locale)


def read(path: str, text: str, market, locale) -> Iterator[Item]:
    lines = LineIndex(text)
    markdown = path.lower().endswith(".md")
    yield description_record(path, markdown_text(text) if markdown else text, market, locale,
                             locate=lines.position, encoder=verbatim,
                             directives=comment_directives(text, lines) if markdown else ())
