"""Inflected forms of trigger words, from spaCy's lookup lemma tables (spacy-lookups-data).

Used when rulesets compile, never per record: each trigger word is expanded to the surface forms
that share its lemma *and* its stem. The stem condition matters because lemma tables are
suppletive: "beste", "besser" and "gut" share the lemma "gut", but only "beste/besten/bester/
bestes" are the superlative a rule means.

The built-in rulesets' words ship expanded with the package (shipped_inflections.py, written by
loclint/inflections_build.py), so spaCy loads only for a team's trigger word that is new
(InflectionCache).
"""
from __future__ import annotations

import functools
import os
from typing import Callable, Iterable, Optional

from .. import cache_entry
from ..cachedir import default_directory, prepare
from ..preparing import preparing
from .language_data import LanguageData
from .shipped_inflections import SHIPPED

__all__ = ["LanguageData", "InflectionCache", "inflections", "stem", "tables_version"]


# One expansion: (language, case-folded word, the language's inflection data, its forms).
_Stored = tuple[str, str, LanguageData, frozenset[str]]


@functools.lru_cache(maxsize=None)
def _lemma_table(lang: str) -> dict[str, str]:
    """Case-folded form -> case-folded lemma. Empty when the language has no lookup table."""
    try:
        from spacy.util import load_language_data, registry
    except ImportError:  # spaCy is a dependency; keep compiling (without inflection) if it breaks
        return {}
    try:
        tables = registry.lookups.get(lang)
    except Exception:  # no lookups registered for this language
        return {}
    if "lemma_lookup" not in tables:
        return {}
    raw = load_language_data(tables["lemma_lookup"])
    # French maps each form to a list of lemmas ("a": ["avoir"]); the first is its usual one.
    return {form.casefold(): (lemma[0] if isinstance(lemma, list) else lemma).casefold()
            for form, lemma in raw.items() if lemma}


@functools.lru_cache(maxsize=None)
def _forms_by_lemma(lang: str) -> dict[str, frozenset[str]]:
    forms: dict[str, set[str]] = {}
    for form, lemma in _lemma_table(lang).items():
        forms.setdefault(lemma, {lemma}).add(form)
    return {lemma: frozenset(fs) for lemma, fs in forms.items()}


def stem(word: str, data: LanguageData) -> str:
    """The word without its longest inflectional ending, keeping at least ``min_stem`` letters."""
    for ending in sorted(data.strip, key=len, reverse=True):
        if word.endswith(ending) and len(word) - len(ending) >= data.min_stem:
            return word[: -len(ending)]
    return word


def inflections(word: str, lang: str, data: LanguageData) -> frozenset[str]:
    """All forms of ``word`` (case-folded) that a trigger should match."""
    word = word.casefold()
    if len(word) < data.min_inflect or not word.isalpha():
        return _with_proclitics(word, {word}, data)
    word_stem = stem(word, data)
    table = _lemma_table(lang)
    lemma = table.get(word, word)
    same_lemma: Iterable[str] = _forms_by_lemma(lang).get(lemma, ())
    forms = {f for f in same_lemma if f.startswith(word_stem)}
    forms.add(word)
    # Words the table lacks ("klimaneutral") still inflect regularly.
    forms.update(base + ending for base in (word_stem, word) for ending in data.endings)
    return _with_proclitics(word, forms, data)


def _with_proclitics(word: str, forms: set[str], data: LanguageData) -> frozenset[str]:
    """``forms`` and each with the language's proclitics in front (LanguageData.prefixes)."""
    if not (data.prefixes or data.clitics):
        return frozenset(forms)
    clitics = data.clitics if len(word) >= data.min_clitic else ()
    return frozenset(forms).union(p + f for p in (*data.prefixes, *clitics) for f in forms)


class InflectionCache:
    """Expanded trigger forms, so a run loads spaCy and its lemma tables (about 3 s) only for a
    trigger word that is new. The built-in rulesets' words come from the file shipped in the
    package (shipped_inflections); any other word (a team's rules) from a file in the cache
    directory, keyed by the spacy-lookups-data version and stored as a checked cache entry
    (cache_entry), where a word new to both is kept once expanded. That file is read only when a
    word is not shipped; one that cannot be read or written is simply not used."""

    def __init__(self, directory: Optional[str] = None,
                 shipped: Callable[[str, str, LanguageData], Optional[frozenset[str]]] = SHIPPED):
        self.directory = directory or default_directory()
        self.shipped = shipped
        self._forms: Optional[dict] = None  # the cache file's forms and this run's, once read
        self._dirty = False

    @functools.cached_property
    def key(self) -> str:
        return f"inflections-{tables_version()}"

    @property
    def path(self) -> str:
        return os.path.join(self.directory, self.key + ".json")

    def __call__(self, word: str, lang: str, data: LanguageData) -> frozenset[str]:
        word = word.casefold()
        forms = self.shipped(word, lang, data)
        if forms is not None:
            return forms
        stored = self.stored()
        key = (lang, word, data)
        forms = stored.get(key)
        if forms is None:
            preparing("the trigger words' inflected forms with spaCy's lemma tables")  # seconds, on a miss
            forms = stored[key] = inflections(word, lang, data)
            self._dirty = True
        return forms

    def stored(self) -> dict[tuple[str, str, LanguageData], frozenset[str]]:
        """The forms the cache directory holds (read on the first call) and those this run added."""
        if self._forms is None:
            entries = cache_entry.read(self.path, self.key, list[_Stored]) or []
            self._forms = {(lang, word, data): forms for lang, word, data, forms in entries}
        return self._forms

    def save(self) -> None:
        if not self._dirty:
            return
        prepare(self.directory)
        stored = [(lang, word, data, sorted(forms)) for (lang, word, data), forms in self.stored().items()]
        if cache_entry.write(self.path, self.key, stored):
            self._dirty = False


def tables_version() -> str:
    """The installed spacy-lookups-data version: the lemma tables forms are expanded with."""
    import importlib.metadata  # here, not at the top: importing it costs a run some 30 ms

    try:
        return importlib.metadata.version("spacy-lookups-data")
    except importlib.metadata.PackageNotFoundError:
        return "none"
