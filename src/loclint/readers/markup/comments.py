"""Suppressions in HTML and Markdown comments: <!-- loclint: ignore[DE001] -- reason -->."""
from __future__ import annotations

import re

from ...model import Directive
from ...positions import LineIndex
from ...suppressions import MARKER

_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)


def comment_directives(raw: str, lines: LineIndex) -> tuple[Directive, ...]:
    """Every comment that addresses loclint, with where its text starts in the file."""
    found = []
    for match in _COMMENT.finditer(raw):
        body = match.group(1)
        if MARKER.search(body):
            line, column = lines.position(match.start(1) + len(body) - len(body.lstrip()))
            found.append(Directive(body.strip(), line, column))
    return tuple(found)
