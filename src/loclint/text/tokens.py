"""A fast word tokenizer with character offsets, and the quoted spans a claim rule should skip.

spaCy's tokenizer is accurate but costs ~0.1 ms a field; phrase matching only needs words with
offsets, so a compiled regular expression does the work at C speed.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from . import unspaced
from .fold import folded

# CJK ideographs are one token each (no spaces to split on); a decimal number is one token
# ("3.1:1" is a ratio, not "3." and "1:1"); a run of Thai letters is one token until
# ``tokenize`` cuts it into words (text.unspaced); words keep inner apostrophes ("Women's") and
# their combining vowel signs and marks (Devanagari matras, Arabic harakat: not \w to `re`, so
# "इलाज" used to fall apart into four tokens); every other non-space character is its own token.
# A word character is one class, "\w but not CJK or Thai" (a lookahead before every character
# scanned slower).
_CJK = "\u3400-\u9fff\uf900-\ufaff"
_THAI = "\u0e01-\u0e3a\u0e40-\u0e4e"  # letters, vowels and tone marks; not ฿, not Thai digits
_MARKS = ("\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"  # Arabic
          "\u0900-\u0963\u0966-\u096f\u0971-\u0dff")  # Indic scripts, all but the danda
_LETTER = rf"[^\W{_CJK}{_THAI}]"
TOKEN_RE = re.compile(rf"[{_CJK}]|\d+(?:[.,]\d+)+(?![\w.,]*\w)"
                      rf"|{_LETTER}+(?:[{_MARKS}]+{_LETTER}*)*(?:['’]\w+)*"
                      rf"|[{_THAI}]+|[^\w\s]")
# TOKEN_RE as it reads ASCII text, where no CJK, Thai, mark or ’ can occur; the ASCII classes
# test a character faster. \x1c-\x1f are spaces to str (and to TOKEN_RE), not to an ASCII \s.
_ASCII_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)+(?![\w.,]*\w)|\w+(?:'\w+)*|[^\w\s\x1c-\x1f]", re.ASCII)

# Text a norm must fold beyond lowering (text.fold): Thai to segment, Turkish İ/ı, Arabic
# harakat and tatweel, the Devanagari nukta.
_NEEDS_MORE = re.compile(rf"[{_THAI}İı\u0640\u064b-\u0652\u093c\u0958-\u095f]")

# Hyphens join compounds ("CE-geprüft"); matching treats them like spaces.
JOINERS = frozenset("-‐‑–")

# A quoted title or name: „Mein bester Freund“, “The Best Of”, «Le meilleur». ASCII single
# quotes are left out because they double as apostrophes.
_QUOTED_RE = re.compile(
    r"„[^“”\"\n]{1,120}[“”\"]"
    r"|“[^”\n]{1,120}”"
    r"|\"[^\"\n]{1,120}\""
    r"|«[^»\n]{1,120}»"
    r"|»[^«\n]{1,120}«"
    r"|‚[^‘’\n]{1,120}[‘’]"
)


class Token(NamedTuple):
    norm: str  # case-folded surface form
    start: int
    end: int


def tokenize(text: str, segment: bool = True) -> list[Token]:
    """Word and punctuation tokens, joiners dropped, each case-folded with its offsets. Runs of
    Thai are cut into words unless ``segment`` is false (a trigger's Thai words are dictionary
    words of the segmenter, text.unspaced, and stay whole)."""
    if text.isascii() or not _NEEDS_MORE.search(text):
        return [
            Token(m.group().casefold(), m.start(), m.end())
            for m in TOKEN_RE.finditer(text)
            if m.group() not in JOINERS
        ]
    tokens = []
    for m in TOKEN_RE.finditer(text):
        word, start = m.group(), m.start()
        if word in JOINERS:
            continue
        if segment and unspaced.THAI_RUN.fullmatch(word):
            for part in unspaced.segment(word):
                tokens.append(Token(part, start, start + len(part)))
                start += len(part)
        else:
            tokens.append(Token(folded(word), start, m.end()))
    return tokens


def norms(text: str) -> list[str]:
    """The ``norm`` of every token ``tokenize`` gives, in order, without building offsets:
    most fields are looked up and never matched, and offsets are only needed for a match.
    ASCII text (most copy) is lowered whole and split as it is: lowering ASCII moves no token
    edge and casefold() of an ASCII word is its lower(), so no word is visited in Python."""
    if text.isascii():
        found = _ASCII_TOKEN_RE.findall(text.lower())
        return [word for word in found if word != "-"] if "-" in text else found  # "-": ASCII's one joiner
    if not _NEEDS_MORE.search(text):
        return [word.casefold() for word in TOKEN_RE.findall(text) if word not in JOINERS]
    return [token.norm for token in tokenize(text)]


def quoted_spans(text: str) -> list[tuple[int, int]]:
    if not any(q in text for q in "„“\"«»‚"):
        return []
    return [(m.start(), m.end()) for m in _QUOTED_RE.finditer(text)]


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)
