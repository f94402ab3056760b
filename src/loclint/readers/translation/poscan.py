"""Where each PO string lives in the raw file: polib decodes entries but keeps no positions.

A PO value is one or more C-style string literals, the first after its keyword and the rest on
continuation lines::

    msgstr ""
    "Kostenloser \\"Versand\\"\\n"
    "ab 50 €"

``PoString`` maps an offset in the decoded value to an offset in the raw file text, across
literals and through escapes (\\" \\n \\t \\\\ octal and hex), so that findings point at the
exact character and a rewrite (write-back) can splice the raw file between two such
offsets. The scanner reads only what it needs (keywords, literals, comments) and leaves
validation to polib; the PO reader compares both decodings and drops positions, never
reports wrong ones, if they ever disagree.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..errors import UnreadableInput

_KEYWORD = re.compile(r"[ \t]*(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]+(?=\")")
_CONTINUATION = re.compile(r"[ \t]*(?=\")")
# The escapes polib decodes; any other backslash stays a character of the text, as in polib.
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"'}


def _syntax_error(line: int, message: str) -> UnreadableInput:
    """A string literal the scanner cannot follow (polib lets some of these pass)."""
    return UnreadableInput(f"not a PO file: line {line}: {message}", line)


@dataclass
class PoString:
    """A value: the raw offsets of its literals' opening quotes."""

    raw: str
    quotes: list[int] = field(default_factory=list)
    _map: Optional[tuple[str, list[int], list[int]]] = None

    def _mapping(self) -> tuple[str, list[int], list[int]]:
        """(decoded text, raw start of each char + 1 for the end, raw end of each char)."""
        if self._map is None:
            chars, starts, ends = [], [], []
            for quote in self.quotes:
                i = quote + 1
                while i < len(self.raw) and self.raw[i] != '"':
                    char, width = _decode_one(self.raw, i)
                    chars.append(char)
                    starts.append(i)
                    ends.append(i + width)
                    i += width
            last = i if self.quotes else 0  # the closing quote of the last literal
            self._map = ("".join(chars), starts + [last], ends)
        return self._map

    @property
    def text(self) -> str:
        return self._mapping()[0]

    def start(self, offset: int) -> int:
        """Raw offset of decoded character ``offset`` (the closing quote at the end)."""
        starts = self._mapping()[1]
        return starts[min(offset, len(starts) - 1)]

    def end(self, offset: int) -> int:
        """Raw offset just after decoded character ``offset - 1``: where a span ending at
        ``offset`` ends, inside its own literal even when the next character starts the next."""
        ends = self._mapping()[2]
        if offset <= 0 or not ends:
            return self.quotes[0] + 1 if self.quotes else 0
        return ends[min(offset, len(ends)) - 1]


def _decode_one(raw: str, i: int) -> tuple[str, int]:
    if raw[i] == "\\" and raw[i + 1:i + 2] in _ESCAPES and i + 1 < len(raw):
        return _ESCAPES[raw[i + 1]], 2
    return raw[i], 1


def _closing_quote(line: str, quote: int, lineno: int) -> int:
    """Index of the quote closing the literal opened at ``quote``; only blanks may follow it."""
    i = quote + 1
    while i < len(line) and line[i] != '"':
        i += 2 if line[i] == "\\" else 1
    if i >= len(line):
        raise _syntax_error(lineno, "string not closed on its line")
    if line[i + 1:].strip():
        raise _syntax_error(lineno, f"unexpected text after the string: {line[i + 1:].strip()[:30]!r}")
    return i


@dataclass
class Comment:
    kind: str  # "#" translator, "#." extracted, "#:" reference, "#," flags
    text: str  # after the marker and one space
    offset: int  # raw offset of ``text``


@dataclass
class ScannedEntry:
    strings: dict[str, PoString] = field(default_factory=dict)  # msgid, msgstr, msgstr[1], ...
    comments: list[Comment] = field(default_factory=list)
    offset: int = 0  # raw offset of the first keyword


def scan(raw: str) -> list[ScannedEntry]:
    """The live entries of a PO file (obsolete ``#~`` entries and ``#|`` previous strings are
    skipped), in file order; UnreadableInput for a literal that is not closed on its line."""
    entries: list[ScannedEntry] = []
    comments: list[Comment] = []
    current: Optional[ScannedEntry] = None
    value: Optional[PoString] = None
    last_keyword = ""
    pos = 0
    for lineno, line in enumerate(raw.split("\n"), 1):  # not splitlines(): it breaks at U+2028 too
        start, pos = pos, pos + len(line) + 1
        body = line.rstrip("\r")
        stripped = body.lstrip()
        if stripped.startswith("#"):
            if not stripped.startswith(("#~", "#|")):
                marker = re.match(r"#[.:,]?", stripped).group(0)
                text_at = start + len(body) - len(stripped) + len(marker)
                if body[text_at - start:text_at - start + 1] == " ":
                    text_at += 1
                comments.append(Comment(marker, raw[text_at:start + len(body)], text_at))
            value = None
            continue
        keyword = _KEYWORD.match(body)
        if keyword:
            name = keyword.group(1)
            new_entry = current is None or name == "msgctxt" or (name == "msgid" and last_keyword != "msgctxt")
            if new_entry:
                current = ScannedEntry(comments=comments, offset=start + keyword.start(1))
                comments = []
                entries.append(current)
            value = current.strings.setdefault(name, PoString(raw))
            value.quotes.append(start + keyword.end())
            _closing_quote(body, keyword.end(), lineno)
            last_keyword = name
            continue
        if value is not None and _CONTINUATION.match(body) and body.strip():
            value.quotes.append(start + _CONTINUATION.match(body).end())
            _closing_quote(body, _CONTINUATION.match(body).end(), lineno)
            continue
        if body.strip():
            value = None  # polib reports what is wrong here
    return entries
