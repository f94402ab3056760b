"""Markdown: blank out what is not copy, keep every other character where it is.

Code (fenced blocks and inline spans), link and image destinations, reference definitions'
URLs, bare URLs, HTML comments and inline HTML tags are replaced by spaces (line breaks kept),
so the text has the file's exact length and offsets: a finding's span in the text is the same
span in the file, for positions now and for write-back later. Link text, alt text and emphasised
words stay; emphasis markers (``**``) stay as punctuation. Indented code blocks are not
recognised (four spaces also continue list items), which keeps the reader simple and errs
towards linting.
"""
from __future__ import annotations

import re

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_LINK_DESTINATION = re.compile(r"""
    \]\(\s*
    (?: <[^>\n]*> | [^\s()]* (?:\([^\s()]*\)[^\s()]*)* )        # <url>, or url with balanced ( )
    (?: \s+ (?: "[^"]*" | '[^']*' | \([^)]*\) ) )?                 # optional title
    \s*\)""", re.X)
_REFERENCE_DEFINITION = re.compile(r"""
    ^\ {0,3} \[[^\]\n]+\]: [\ \t]* \S+                            # [label]: url
    (?: [\ \t]+ (?: "[^"\n]*" | '[^'\n]*' | \([^)\n]*\) ) )? [\ \t]*$  # optional title""", re.X | re.M)
_AUTOLINK = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]")
_HTML = re.compile(r"<!--.*?-->|</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>", re.S)


def markdown_text(raw: str) -> str:
    chars = list(raw)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "

    _blank_fences(raw, blank)
    for pattern in (_CODE_SPAN, _HTML, _AUTOLINK):
        for match in pattern.finditer("".join(chars)):
            blank(match.start(), match.end())
    for match in _LINK_DESTINATION.finditer("".join(chars)):
        blank(match.start() + 1, match.end())  # keep "]" so that "[text]" still reads as text
    for pattern in (_REFERENCE_DEFINITION, _BARE_URL):
        for match in pattern.finditer("".join(chars)):
            blank(match.start(), match.end())
    return "".join(chars)


def _blank_fences(raw: str, blank) -> None:
    offset, fence = 0, None
    for line in raw.splitlines(keepends=True):
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
            blank(offset, offset + len(line))
        elif fence is not None:
            blank(offset, offset + len(line))
            stripped = line.strip()
            if stripped.startswith(fence[0] * len(fence)) and set(stripped) == {fence[0]}:
                fence = None
        offset += len(line)
