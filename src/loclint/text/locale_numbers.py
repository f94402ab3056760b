"""Babel locales whose number data is kept across runs, so that formatting an amount or a size
does not load CLDR's locale data.

Babel reads a locale's data on its first use: it unpickles the locale and its parents (en_IN is
root, en, en_001 and en_IN), and the pickles import babel.dates and babel.localtime, which work
out the machine's time zone. The money and units rules use a few parts of it (``plain_parts``:
the Latin digits' symbols, the decimal and currency patterns, the currency symbols and names),
yet that first use cost a corpus run about 26 ms CPU of its 1.27 s. So the first run keeps those
parts as plain strings in pattern_cache's directory, stamped with Babel's version and this
module's code, and later runs answer from them. A `Locale` of ``number_locale`` is Babel's own
class with its data read from the kept parts; anything else asked of it (a date pattern, the
symbols of Arabic digits) is read from CLDR as usual, so every Babel function gives the answer
it gives for the locale's name (tests/test_locale_numbers.py). Each currency's decimal digits,
which Babel reads from its global data, are kept the same way (``currency_precision``).
"""
from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, Callable, Iterator

from babel import Locale, localedata
from babel.numbers import parse_pattern
from babel.plural import PluralRule

# The parts of a locale's data Babel's number functions read (format_decimal, format_currency,
# parse_decimal, get_decimal_symbol, get_group_symbol): strings, string patterns, a plural rule.
_SYMBOLS = "number_symbols"
_LATIN = "latn"
_LATIN_SYMBOLS = "number_symbols/latn"
_PATTERNS = ("decimal_formats", "currency_formats")
_CURRENCY_SYMBOLS = "currency_symbols"
_CURRENCY_NAMES = "currency_names"
_PLURAL_NAMES = "currency_names_plural"
_PLURAL_FORM = "plural_form"  # a PluralRule, kept as its rules
_BY_CURRENCY = (_CURRENCY_NAMES, _PLURAL_NAMES)  # kept currency by currency (_ByCurrency)
_CURRENCY_MARK = "|"  # the store's name for one currency's parts in one locale: "en_IN|INR"
_GLOBAL = ""  # the store's name for what is kept of Babel's global data: no locale's name
_FRACTIONS = "currency_fractions"  # ISO 4217 code -> the digits of its minor unit
_NO_NAME = ""  # the key of a locale's default pattern (None in CLDR's data; msgpack keys are strings)


@functools.lru_cache(maxsize=None)
def currency_precision(code: str) -> int:
    """``babel.numbers.get_currency_precision(code)``, kept across runs: Babel reads it from its
    global data, a 470 kB pickle that cost the corpus run 4.6 ms to load for this one table."""
    fractions = _store().compiled(_GLOBAL, 0)[_FRACTIONS]
    return int(fractions.get(code, fractions["DEFAULT"]))


@functools.lru_cache(maxsize=64)
def number_locale(name: str) -> Locale:
    """``Locale.parse(name)`` (it raises as that does), its number data kept across runs."""
    parsed = Locale.parse(name)
    try:
        return _KeptLocale(parsed, _store())
    except (KeyError, AttributeError):  # CLDR's data not shaped as plain_parts reads it: Babel's own
        return parsed


class _KeptLocale(Locale):
    """A Babel locale whose data is the kept parts first, CLDR's for the rest."""

    def __init__(self, parsed: Locale, store):
        super().__init__(parsed.language, parsed.territory, parsed.script, parsed.variant, parsed.modifier)
        self._kept = _KeptData(str(self), store)

    @property
    def _data(self) -> Mapping:
        return self._kept


class _KeptData(Mapping):
    """A locale's data: each kept part answers what it holds and leaves the rest to CLDR's."""

    def __init__(self, name: str, store):
        self.name = name
        self.parts = _as_babel_reads(store.compiled(name, 0))
        # Only the Latin digits' symbols are kept of the numbering systems' symbols.
        self.parts[_SYMBOLS] = _KeptPart(self.parts[_SYMBOLS], functools.partial(self._cldr_part, _SYMBOLS))
        for part in _BY_CURRENCY:
            self.parts[part] = _ByCurrency(name, part, store, functools.partial(self._cldr_part, part))

    def __getitem__(self, key: str) -> Any:
        part = self.parts.get(key)
        return part if part is not None else self._cldr()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._cldr())

    def __len__(self) -> int:
        return len(self._cldr())

    def _cldr(self):
        return localedata.get_locale_data(self.name)

    def _cldr_part(self, key: str):
        return self._cldr()[key]


class _KeptPart(Mapping):
    """A part of which some entries are kept: the others are CLDR's."""

    def __init__(self, kept: dict, cldr: Callable[[], Mapping]):
        self.kept, self.cldr = kept, cldr

    def __getitem__(self, key) -> Any:
        if key in self.kept:
            return self.kept[key]
        return self.cldr()[key]

    def __iter__(self) -> Iterator:
        return iter(self.cldr())

    def __len__(self) -> int:
        return len(self.cldr())


class _ByCurrency(Mapping):
    """A part kept currency by currency: a locale's currency names are nine tenths of its kept
    data (25 of 27 kB for en_IN), and a run formats a few currencies."""

    def __init__(self, name: str, part: str, store, cldr: Callable[[], Mapping]):
        self.name, self.part, self.store, self.cldr = name, part, store, cldr
        self.kept: dict = {}

    def __getitem__(self, code) -> Any:
        if not isinstance(code, str) or _CURRENCY_MARK in code:
            return self.cldr()[code]
        entry = self.kept.get(code)
        if entry is None:
            entry = self.kept[code] = self.store.compiled(f"{self.name}{_CURRENCY_MARK}{code}", 0)
        if self.part not in entry:
            raise KeyError(code)
        return entry[self.part] if self.part == _PLURAL_NAMES else entry[self.part][code]

    def __iter__(self) -> Iterator:
        return iter(self.cldr())

    def __len__(self) -> int:
        return len(self.cldr())


def plain_parts(name: str) -> dict[str, dict[str, str]]:
    """The data of locale ``name`` Babel's number functions read, as plain strings from CLDR
    (what is kept): the Latin digits' symbols (their default numbering system), the decimal and
    currency patterns, the currency symbols and names (format_currency asks for a currency's
    name whatever its pattern) and the plural rule that picks the name."""
    data = localedata.get_locale_data(name)
    parts = {_LATIN_SYMBOLS: dict(data[_SYMBOLS][_LATIN])}
    for part in _PATTERNS:
        parts[part] = {_NO_NAME if key is None else key: pattern.pattern for key, pattern in data[part].items()}
    parts[_CURRENCY_SYMBOLS] = dict(data[_CURRENCY_SYMBOLS])
    parts[_PLURAL_FORM] = dict(data[_PLURAL_FORM].rules)
    return parts


def _currency_parts(name: str) -> dict[str, dict[str, str]]:
    """What is kept of one currency in one locale ("en_IN|INR"): its name and its plural
    names, each only where CLDR has it."""
    locale, code = name.split(_CURRENCY_MARK)
    data = localedata.get_locale_data(locale)
    parts = {}
    if code in data[_CURRENCY_NAMES]:
        parts[_CURRENCY_NAMES] = {code: data[_CURRENCY_NAMES][code]}
    if code in data[_PLURAL_NAMES]:
        parts[_PLURAL_NAMES] = dict(data[_PLURAL_NAMES][code])
    return parts


def _kept_parts(name: str, flags: int) -> dict[str, dict[str, str]]:
    if name == _GLOBAL:
        return _global_parts()
    return _currency_parts(name) if _CURRENCY_MARK in name else plain_parts(name)


def _global_parts() -> dict[str, dict[str, str]]:
    """What is kept of Babel's global data: each currency's decimal digits (as a string)."""
    from babel.core import get_global

    return {_FRACTIONS: {code: str(fraction[0]) for code, fraction in get_global(_FRACTIONS).items()}}


def _as_babel_reads(kept: dict[str, dict[str, str]]) -> dict[str, Any]:
    """The kept strings in the shapes of Babel's own data (patterns and the plural rule
    parsed, the None key)."""
    parts: dict[str, Any] = {_SYMBOLS: {_LATIN: kept[_LATIN_SYMBOLS]}, _CURRENCY_SYMBOLS: kept[_CURRENCY_SYMBOLS],
                             _PLURAL_FORM: PluralRule(kept[_PLURAL_FORM])}
    for part in _PATTERNS:
        parts[part] = {None if name == _NO_NAME else name: parse_pattern(pattern) for name, pattern in kept[part].items()}
    return parts


@functools.lru_cache(maxsize=None)
def engine():
    """How pattern_cache keeps a locale's parts: ``plain_parts`` on a first use, as they are."""
    from ..pattern_cache import Engine

    return Engine("babel-numbers", _facts, _kept_parts,
                  lambda name, flags, parts: parts,
                  lambda parts: parts, dict[str, dict[str, str]], fits=lambda name, parts: True)


@functools.lru_cache(maxsize=None)
def _store():
    from ..pattern_cache import Store

    return Store(engine())


def _facts() -> list[str]:
    """Babel's version (its CLDR) and this module's code, which decides what is kept."""
    import babel

    from ..pattern_cache import code_digests

    return [babel.__version__, *code_digests(__file__)]
