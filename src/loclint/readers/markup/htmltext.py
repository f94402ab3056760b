"""HTML to the text a buyer reads, with a map from every character back to the markup.

Rules must see "Grün" where the markup says ``Gr&uuml;n`` and "Unschlagbar" where it says
``<b>Un</b>schlagbar``, so the text cannot keep the markup's length (blanking tags with spaces
would split words, and an entity is longer than its character). Instead the text is rebuilt
and every character remembers where it comes from:

- characters of text nodes are copied and map one to one;
- an entity or character reference (``&amp;`` ``&uuml;`` ``&#252;``) becomes its one character,
  which maps to the whole reference;
- a block tag (``<p>``, ``<br>``, ``<li>``, ...) becomes one line break, so words of adjacent
  blocks do not glue; inline tags (``<b>``, ``<a>``, ``<span>``) vanish;
- comments, declarations and the content of ``<script>``, ``<style>``, ``<template>`` and
  ``<head>`` vanish.

``raw_offset(i)`` is where text character ``i`` starts in the markup and ``raw_end(j)`` where
a span ending before character ``j`` ends, so a finding's span ``[start, end)`` is the markup
span ``[raw_offset(start), raw_end(end))``. A later write-back replaces that markup span with
the replacement escaped for HTML (``&`` ``<`` ``>``), then lets the reader of the enclosing
format re-escape the changed value (a CSV cell doubles its quotes, JSON escapes its string).

Tags are found by the standard library's ``html.parser`` (with character references left to
us, ``convert_charrefs=False``); its ``getpos()`` line and column give each token's offset.
"""
from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd details div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead "
    "tr ul".split())
HIDDEN_TAGS = frozenset({"script", "style", "template", "head"})

_TAG_HINT = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>|&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);")
_KNOWN_TAGS = BLOCK_TAGS | HIDDEN_TAGS | frozenset(
    "a abbr b bdi bdo big body cite code del dfn em font html i img ins kbd mark q s samp small span "
    "strike strong sub sup time tt u var wbr".split())


def looks_like_html(text: str) -> bool:
    """A known HTML tag or a character reference: plain copy with "<3 m>" stays plain."""
    for match in _TAG_HINT.finditer(text):
        if match.group(1) is None or match.group(1).lower() in _KNOWN_TAGS:
            return True
    return False


@dataclass(frozen=True)
class MappedText:
    text: str
    _starts: tuple[int, ...]  # text offset where each segment starts
    _segments: tuple[tuple[int, int, bool], ...]  # (raw start, raw length, copied one to one)

    def raw_offset(self, offset: int) -> int:
        """Index in the markup where text character ``offset`` starts."""
        if not self._starts:
            return offset
        i = max(bisect.bisect_right(self._starts, offset) - 1, 0)
        raw_start, raw_length, copied = self._segments[i]
        if offset >= len(self.text):
            return self.raw_end(len(self.text))
        return raw_start + (offset - self._starts[i] if copied else 0)

    def raw_end(self, end: int) -> int:
        """Index in the markup just after text character ``end - 1``."""
        if end <= 0 or not self._starts:
            return end
        i = bisect.bisect_right(self._starts, end - 1) - 1
        raw_start, raw_length, copied = self._segments[i]
        return raw_start + (end - self._starts[i] if copied else raw_length)


def html_text(raw: str) -> MappedText:
    parser = _Tokens(raw)
    parser.feed(raw)
    parser.close()
    events = parser.events
    pieces: list[str] = []
    starts: list[int] = []
    segments: list[tuple[int, int, bool]] = []
    length = 0
    hidden = 0
    for n, (kind, offset, value) in enumerate(events):
        raw_length = (events[n + 1][1] if n + 1 < len(events) else len(raw)) - offset
        emitted, copied = "", False
        if kind in ("start", "startend") and value in HIDDEN_TAGS:
            hidden += kind == "start"
        elif kind == "end" and value in HIDDEN_TAGS:
            hidden = max(hidden - 1, 0)
        elif hidden:
            continue
        elif kind in ("start", "startend", "end") and value in BLOCK_TAGS:
            emitted = "\n"
        elif kind == "data":
            emitted, copied = raw[offset:offset + raw_length], True
        elif kind == "ref":
            emitted = html.unescape(raw[offset:offset + raw_length])
            copied = len(emitted) == raw_length  # not a known reference: the text as written
        if emitted:
            starts.append(length)
            segments.append((offset, raw_length, copied))
            pieces.append(emitted)
            length += len(emitted)
    return MappedText("".join(pieces), tuple(starts), tuple(segments))


class _Tokens(HTMLParser):
    """Every token with its offset in the markup: tags, text, references, and the rest as skip."""

    def __init__(self, raw: str):
        super().__init__(convert_charrefs=False)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self._raw = raw
        self.events: list[tuple[str, int, str]] = []

    def _add(self, kind: str, value: str = "") -> None:
        line, column = self.getpos()
        self.events.append((kind, self._line_starts[line - 1] + column, value))

    def handle_starttag(self, tag, attrs):
        self._add("start", tag)

    def handle_startendtag(self, tag, attrs):
        self._add("startend", tag)

    def handle_endtag(self, tag):
        self._add("end", tag)

    def handle_data(self, data):
        self._add("data")

    def handle_entityref(self, name):
        self._add("ref")

    def handle_charref(self, name):
        self._add("ref")

    def handle_comment(self, data):
        self._add("skip")

    def handle_decl(self, decl):
        self._add("skip")

    def handle_pi(self, data):
        self._add("skip")

    def unknown_decl(self, data):
        self._add("skip")
