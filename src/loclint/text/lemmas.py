"""Inflected forms of trigger words, from spaCy's lookup lemma tables (spacy-lookups-data).

Used when rulesets compile, never per record: each trigger word is expanded to the surface forms
that share its lemma *and* its stem. The stem condition matters because lemma tables are
suppletive: "beste", "besser" and "gut" share the lemma "gut", but only "beste/besten/bester/
bestes" are the superlative a rule means.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import Iterable, Optional

from .. import cache_entry
from ..cachedir import default_directory, prepare
from ..preparing import preparing


@dataclass(frozen=True)
class LanguageData:
    """How one language inflects, for expanding its trigger words (rulesets/languages.yml)."""

    strip: tuple[str, ...] = ()  # inflectional endings removed to find a word's stem
    endings: tuple[str, ...] = ()  # endings added to the stem for words the lemma table lacks
    min_stem: int = 3
    min_inflect: int = 4  # shorter words ("der", "#1") match only as written

    @classmethod
    def from_yaml(cls, data: dict) -> "LanguageData":
        return cls(
            strip=tuple(data.get("strip", ())),
            endings=tuple(data.get("endings", ())),
            min_stem=int(data.get("min_stem", 3)),
            min_inflect=int(data.get("min_inflect", 4)),
        )


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
    return {form.casefold(): lemma.casefold() for form, lemma in raw.items()}


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
        return frozenset({word})
    word_stem = stem(word, data)
    table = _lemma_table(lang)
    lemma = table.get(word, word)
    same_lemma: Iterable[str] = _forms_by_lemma(lang).get(lemma, ())
    forms = {f for f in same_lemma if f.startswith(word_stem)}
    forms.add(word)
    # Words the table lacks ("klimaneutral") still inflect regularly.
    forms.update(base + ending for base in (word_stem, word) for ending in data.endings)
    return frozenset(forms)


class InflectionCache:
    """Expanded trigger forms kept on disk, so a run does not load spaCy and its lemma tables
    (about 3 s) unless a trigger word is new. Keyed by the spacy-lookups-data version; stored as
    a checked cache entry (cache_entry), and one that cannot be read or written is simply not
    used."""

    def __init__(self, directory: Optional[str] = None):
        self.directory = directory or default_directory()
        self.key = f"inflections-{_tables_version()}"
        self.path = os.path.join(self.directory, self.key + ".json")
        stored = cache_entry.read(self.path, self.key, list[_Stored]) or []
        self._forms: dict = {(lang, word, data): forms for lang, word, data, forms in stored}
        self._dirty = False

    def __call__(self, word: str, lang: str, data: LanguageData) -> frozenset[str]:
        key = (lang, word.casefold(), data)
        forms = self._forms.get(key)
        if forms is None:
            preparing("the trigger words' inflected forms with spaCy's lemma tables")  # seconds, on a miss
            forms = self._forms[key] = inflections(word, lang, data)
            self._dirty = True
        return forms

    def save(self) -> None:
        if not self._dirty:
            return
        prepare(self.directory)
        stored = [(lang, word, data, sorted(forms)) for (lang, word, data), forms in self._forms.items()]
        if cache_entry.write(self.path, self.key, stored):
            self._dirty = False


def _tables_version() -> str:
    import importlib.metadata  # here, not at the top: importing it costs a run some 30 ms

    try:
        return importlib.metadata.version("spacy-lookups-data")
    except importlib.metadata.PackageNotFoundError:
        return "none"
