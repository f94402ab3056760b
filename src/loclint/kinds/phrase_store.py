"""A terms trigger phrase's steps, kept across runs in pattern_cache's directory.

What a phrase compiles to (kinds.terms: its tokens, each word's inflected forms, the step that
opens the gate) is the same in every market and every run of the same rules and code. Worked
out afresh, the corpus's 953 distinct phrases cost 128 M of the 367 M instructions its 8 markets
took to compile (callgrind); a later run reads them from the file instead, and then never
decodes the shipped inflections (data/inflections.json, 400 kB) either: 287 M.

An entry is known by the phrase, its language and that language's inflection data (languages.yml
as the rulebook read it); the file's stamp holds the digests of the code that works an entry
out and the shipped inflections' size and time. Only a phrase whose every word came from
the shipped inflections is kept: a word expanded by spaCy depends on its lemma tables too, which
the user's own cache (text.lemmas) keys by their version. A Linter whose inflections are not
loclint's own (a test's) never uses the file.
"""
from __future__ import annotations

import functools
from typing import Any, Callable, Optional

from ..text import unspaced
from ..text.language_data import LanguageData
from ..text.lemmas import InflectionCache
from ..text.shipped_inflections import SHIPPED
from . import terms as _terms  # its step types (terms imports this module first: read at call time)

# What the file holds for a phrase: each step as (is a prefix, its forms sorted; a prefix's one
# text), and the index of the step that opens the gate (-1: the phrase has no steps).
Saved = tuple[list[tuple[bool, list[str]]], int]


class _Worked:
    """A phrase's steps and anchor as terms worked them out, and whether they may be kept."""

    def __init__(self, compiled: tuple, shipped: bool):
        self.compiled, self.shipped = compiled, shipped


def compiled(phrase: str, lang: str, data: Optional[LanguageData], inflect: Callable,
             make: Callable[..., tuple]) -> tuple:
    """``make(phrase, lang, data, inflect)`` (kinds.terms' steps and anchor), from the file when
    an earlier run kept it."""
    if not (isinstance(inflect, InflectionCache) and inflect.shipped is SHIPPED):
        return make(phrase, lang, data, inflect)
    if not phrase.isascii():
        # What make() does besides its result: a Thai trigger word joins the segmenter's words.
        unspaced.add_words(phrase.split())
    source = _language_key(lang, data) + phrase
    found = _store().compiled(source, 0, lambda _source, _flags: _work(phrase, lang, data, inflect, make))
    return found.compiled if isinstance(found, _Worked) else found


@functools.lru_cache(maxsize=None)
def _language_key(lang: str, data: Optional[LanguageData]) -> str:
    """The language and a digest of its inflection data (written out, it was a third of the file)."""
    import hashlib

    return f"{lang}\x00{hashlib.sha256(repr(data).encode()).hexdigest()[:32]}\x00"


def _work(phrase: str, lang: str, data, inflect: InflectionCache, make: Callable) -> _Worked:
    shipped = True

    def recording(word: str, lang: str, data: LanguageData) -> frozenset[str]:
        nonlocal shipped
        shipped = shipped and inflect.shipped(word.casefold(), lang, data) is not None
        return inflect(word, lang, data)

    return _Worked(make(phrase, lang, data, recording), shipped)


def _saved(source: str, flags: int, worked: _Worked) -> Optional[Saved]:
    if not worked.shipped:
        return None
    steps, anchor = worked.compiled
    saved = [(True, [step.text]) if isinstance(step, _terms._Prefix) else (False, sorted(step)) for step in steps]
    return saved, steps.index(anchor) if steps else -1


def _built(saved: Saved) -> tuple:
    listed, anchor = saved
    prefix = _terms._Prefix
    steps = tuple([prefix(forms[0]) if is_prefix else frozenset(forms) for is_prefix, forms in listed])
    if not (0 <= anchor < len(steps) if steps else anchor == -1) or any(
            len(forms) != 1 if is_prefix else not forms for is_prefix, forms in listed):
        raise ValueError("not a phrase's steps")  # the store falls back to working it out
    return steps, steps[anchor] if steps else None


def _facts() -> list[Any]:
    """The digests of the code that works a phrase out, and the size and time of the shipped
    inflections it reads (hashing their 400 kB cost every run 11 M instructions; the file
    changes only when it is written again). Not loclint's version: reading it imports
    importlib.metadata, which a run otherwise never does (69 M instructions)."""
    import os

    from ..pattern_cache import code_digests
    from ..text import fold, lemmas, shipped_inflections, tokens
    from . import gate

    facts: list[Any] = code_digests(__file__, _terms.__file__, gate.__file__, tokens.__file__, fold.__file__,
                                    lemmas.__file__, shipped_inflections.__file__, unspaced.__file__)
    try:
        status = os.stat(shipped_inflections.PATH)
        facts.append([status.st_size, status.st_mtime_ns])
    except OSError:  # missing: nothing is shipped, so nothing is kept
        facts.append(None)
    return facts


@functools.lru_cache(maxsize=None)
def engine():
    from ..pattern_cache import Engine

    def not_alone(source: str, flags: int):
        raise TypeError("a phrase is worked out with its inflections (phrase_store.compiled)")

    return Engine("phrases", _facts, not_alone, _saved, _built, Saved, fits=lambda source, built: True)


@functools.lru_cache(maxsize=None)
def _store():
    from ..pattern_cache import Store

    return Store(engine())
