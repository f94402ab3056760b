"""The built-in rulesets' trigger words with their inflected forms, shipped inside the package
(data/inflections.json), so that no run of the built-in rules loads spaCy's lemma tables: not even
the first one after installing, which used to spend 5-15 s expanding them.

`python -m loclint.inflections_build` generates the file from the rulesets with spaCy
(tests/test_shipped_inflections.py fails when it is out of date). It is read with msgspec into
declared types, like a cache entry: reading it cannot run code. It names each language's
inflection data too, so rulesets whose languages.yml inflects otherwise take nothing from it.
A missing or unreadable file costs only time: every word then comes from the user's cache or
spaCy, as for a team's rules.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Optional

import msgspec

from .language_data import LanguageData

PATH = Path(__file__).resolve().parent.parent / "data" / "inflections.json"
REGENERATE = "python -m loclint.inflections_build"


class ShippedFile(msgspec.Struct, forbid_unknown_fields=True):
    about: str
    spacy_lookups_data: str  # the version of the lemma tables the forms were expanded with
    languages: dict[str, LanguageData]  # rulesets/languages.yml, as the forms were expanded for
    forms: dict[str, dict[str, list[str]]]  # language -> case-folded trigger word -> its forms, sorted


class ShippedForms:
    """``(word, lang, data)`` -> the shipped forms of a case-folded word, or None when the file
    does not hold it for that language's ``data``. The file is read on the first call."""

    def __init__(self, path=PATH):
        self.path = path
        self._frozen: dict[tuple[str, str], frozenset[str]] = {}

    @functools.cached_property
    def file(self) -> Optional[ShippedFile]:
        return read(self.path)

    def __call__(self, word: str, lang: str, data: LanguageData) -> Optional[frozenset[str]]:
        shipped = self.file
        if shipped is None or shipped.languages.get(lang) != data:
            return None
        forms = self._frozen.get((lang, word))
        if forms is None:
            listed = shipped.forms.get(lang, {}).get(word)
            if listed is None:
                return None
            forms = self._frozen[(lang, word)] = frozenset(listed)
        return forms


def read(path) -> Optional[ShippedFile]:
    """The shipped file at ``path``; None when it is missing, damaged or not shaped as written."""
    try:
        with open(path, "rb") as handle:
            return msgspec.json.decode(handle.read(), type=ShippedFile)
    except (OSError, msgspec.DecodeError):  # ValidationError (wrong shape) is a DecodeError
        return None


SHIPPED = ShippedForms()  # one per process: every Linter's trigger words come from the same file
