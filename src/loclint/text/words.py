"""Where words begin and end, for the regular expressions rules write (conditions, pattern rules,
shared vocabularies): a match may not begin or end inside a word unless the rule says
``nonword: true`` (as Vale's ``nonword``). "table" then misses "Tablet" and "Vegetable", and
"bett" misses "Bettertainment".

A word here is a run of letters. Digits do not make a word ("60cm", "5kg" and "3x" are still
read as a number and a unit), and scripts written without spaces between words (Chinese,
Japanese, Thai ...) have no boundary to test, so their letters never count: "高仿" is found
inside a sentence.

German writes compounds as one word, and a compound is a kind of its last part (its head):
"Esstisch" is a table, "Schreibtischlampe" a lamp and "Tischtennisball" a ball. A vocabulary's
German words therefore match a whole word or a compound's head, never its first parts
(``compound_head``). That rule is written here once.
"""
from __future__ import annotations

import re
import sys
from typing import Iterator

# Scripts without spaces between words: CJK ideographs, kana, Hangul is spaced (left out),
# Thai, Lao, Khmer, Myanmar.
_UNSPACED = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff"
LETTER = rf"[^\W\d_{_UNSPACED}]"

# Not between two letters: the edge of a match is not inside a word (either side may be a
# digit, a space, punctuation or the end of the text).
_EDGE = rf"(?:(?<!{LETTER})|(?!{LETTER}))"

# Languages that write compounds as one word, head last.
COMPOUNDING = frozenset({"de"})


def compile_words(pattern: str, flags: int = 0):
    """``pattern`` compiled with the `regex` module (in its `re`-compatible VERSION0): the word
    edges above carry a class with the CJK block, which `re` expands into a 64k-entry map at
    every compile (about 1 ms per edge, over a second at start-up for the rulebook), while
    `regex` keeps ranges as ranges. The flags go in as a plain int: `regex` tests them
    thousands of times while parsing, and as its RegexFlag enum each test was a Python call
    (12 % of the compile; the same bits, the same pattern). An expression an earlier run
    compiled is built from its cached code (pattern_cache)."""
    import regex

    from ..pattern_cache import compile_regex

    return compile_regex(pattern, int(flags | regex.VERSION0))


def carries_edges(pattern: str) -> bool:
    """Whether ``pattern`` holds this module's word edges (a vocabulary's words carry them), and
    so compiles fast only with ``compile_words``."""
    return LETTER in pattern


_GLOBAL_FLAGS = re.compile(r"^\(\?[aiLmsux]+\)")


def whole_words(pattern: str) -> str:
    """``pattern`` so that no match begins or ends inside a word (global flags such as ``(?s)``
    stay in front)."""
    flags = _GLOBAL_FLAGS.match(pattern)
    head, body = (flags.group(), pattern[flags.end():]) if flags else ("", pattern)
    return f"{head}{_EDGE}(?:{body}){_EDGE}"


class WholeWords:
    """``body`` compiled as ``whole_words`` bounds it (with `regex`, compile_words), each on its
    first use. A search tries the bare body first: the edges are lookarounds the `regex` module
    tries at every position of the text, where the bare body skips ahead to its candidates (half
    the time or less), and an edged match is always a match of the bare body at the same place,
    so a text the body misses holds no edged match either. Most texts miss it, and a body missed
    by a whole run never compiles its edged form."""

    def __init__(self, body: str, flags: int = 0):
        from .lazy_regex import LazyPattern  # here: text.lazy_regex is not needed to build a pattern

        self.body = body
        self.pattern, self.flags = whole_words(body), flags  # as re.Pattern names them
        self._bare = LazyPattern(body, flags, compile_words)
        self._edged = LazyPattern(self.pattern, flags, compile_words)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize):
        if self._bare.search(text, pos, endpos) is None:
            return None
        return self._edged.search(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator:
        if self._bare.search(text, pos, endpos) is None:
            return iter(())
        return self._edged.finditer(text, pos, endpos)

    def __repr__(self) -> str:
        return f"WholeWords({self.body!r}, {self.flags!r})"


def compound_head(pattern: str) -> str:
    """A word that is ``pattern`` or ends in it, German-style: "Esstisch" and "Couch-Tisch" for
    ``tisch``; not "Tischlampe", "Tisch-Lampe" or "Tischtennisball". The match is the whole
    word, from its first letter."""
    return rf"(?<!{LETTER}){LETTER}*?(?:{pattern})(?!-?{LETTER})"


def bare_words(pattern: str) -> str:
    """A word that is ``pattern`` (English, Portuguese ...), not part of a hyphenated one
    ("table-top")."""
    return rf"(?<!{LETTER})(?:{pattern})(?!-?{LETTER})"
