"""Which market a translation file is for: its locale (from the file, else its path) to a market.

A translation file names a *language*, sometimes with a region (PO ``Language: pt_BR``, XLIFF
``target-language="de-AT"``, ARB ``@@locale``, or path conventions such as
``de_DE/LC_MESSAGES/django.po``, ``pt-BR.json``, ``app_de.arb``). Rules are per *market*, so:

1. a region the file states is the market (pt_BR → BR, de_AT → AT); ``--market`` never overrides
   it, so one run can lint a whole ``locale/`` tree;
2. for a language alone, ``--market`` (or the configuration's ``market``) chooses among the
   markets that speak it (de with ``--market AT`` → AT);
3. otherwise the language's home market: the one whose locale is ``xx-XX`` (de → DE, fr → FR),
   or the only market that speaks it (pt → BR, hi → IN); en and ar have several, and ask for
   ``--market``;
4. a file with no locale at all takes ``--market``; without one it is an error naming the file.

When ``--market`` names a market that does not speak the file's language (de.po with
``--market BR``), the file is linted for the language's home market, and stderr says so once
per file (readers.translation.notices), never silently.

Markets and their languages come from the ruleset layer: the rulebook in use (``--rulesets``,
the configuration's rulesets) as ReadContext.markets, else the built-in rulebook; the engine
still checks the market against the rulesets in use.
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from typing import Mapping, Optional

from .notices import tell

Markets = Mapping[str, tuple[str, ...]]  # market code -> the languages spoken there


@dataclass(frozen=True)
class Locale:
    language: str  # lower case ISO 639 (de, pt, hi)
    region: Optional[str] = None  # upper case ISO 3166 (BR), or None

    @property
    def tag(self) -> str:
        """BCP 47: pt-BR."""
        return f"{self.language}-{self.region}" if self.region else self.language


@dataclass(frozen=True)
class MarketChoice:
    market: Optional[str]
    locale: Optional[str]  # BCP 47 for the records, None: the market's own
    problem: Optional[str] = None  # why no market could be found
    note: Optional[str] = None  # why it is not the market asked for, for a notice


_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|\d{3}))?(?:[.@].*)?$")
_CAMEL = re.compile(r"^([a-z]{2,3})([A-Z]{2})$")  # ptBR (Medusa, some JS projects)


def parse_tag(tag: Optional[str]) -> Optional[Locale]:
    """de, de_DE, de-DE, pt_BR.UTF-8, sr@latin, zh-Hans-CN, ptBR; None for anything else."""
    if not tag:
        return None
    tag = tag.strip()
    camel = _CAMEL.match(tag)
    if camel:
        return Locale(camel.group(1), camel.group(2))
    match = _TAG.match(tag)
    if match is None or match.group(1).lower() not in _languages():
        return None
    region = match.group(3)
    return Locale(match.group(1).lower(), region.upper() if region and not region.isdigit() else None)


_SPLIT = re.compile(r"[-_.\s]+")


def locale_from_path(path: str, markets: Optional[Markets] = None) -> Optional[Locale]:
    """The locale a path's conventions give: the file name's tokens first (``pt_BR.po``,
    ``django-oscar-4.2.1_pt_BR_django.po``, ``app_de.arb``, ``ptBR.json``), then the folders
    from the nearest up (``de_DE/LC_MESSAGES/``, ``locales/de/``). A token with a region beats
    a bare language, and a later token an earlier one (locales are usually suffixes)."""
    parts = os.path.normpath(path).split(os.sep)
    name = os.path.splitext(parts[-1])[0]
    found = _from_tokens(_SPLIT.split(name), markets or builtin_markets())
    if found:
        return found
    for folder in reversed(parts[:-1]):
        if folder.upper() == "LC_MESSAGES":
            continue
        found = parse_tag(folder)
        if found:
            return found
    return None


def _from_tokens(tokens: list[str], markets: Markets) -> Optional[Locale]:
    best: Optional[Locale] = None
    spoken = {lang for langs in markets.values() for lang in langs}
    for i, token in enumerate(tokens):
        camel = _CAMEL.match(token)
        if camel and camel.group(1) in _languages():
            found: Optional[Locale] = Locale(camel.group(1), camel.group(2))
        elif token.islower() and token in _languages():
            region = tokens[i + 1] if i + 1 < len(tokens) else ""
            found = Locale(token, region.upper() if _is_region(region) else None)
            # A bare two-letter word in a file name is often just a word ("how_to_sell.po" is not
            # Tongan): without a region it counts only as a language some market speaks.
            if found.region is None and len(tokens) > 1 and token not in spoken:
                continue
        else:
            continue
        if best is None or found.region or not best.region:
            best = found
    return best


def _is_region(token: str) -> bool:
    return len(token) == 2 and token.isalpha() and token.upper() in _regions()


def market_for_file(path: str, stated_tag: Optional[str], stated_where: str, market: Optional[str],
                    locale: Optional[str], markets: Optional[Markets] = None) -> MarketChoice:
    """The market of a translation file: the locale the file states (its ``stated_where``:
    Language header, target language, @@locale), else its path's conventions, then the flags."""
    stated = parse_tag(stated_tag)
    found, where = (stated, stated_where) if stated else (locale_from_path(path, markets), "file path")
    choice = choose_market(found, market, locale, where, markets)
    if choice.note:
        tell(path, choice.note)
    return choice


def choose_market(found: Optional[Locale], market: Optional[str], locale: Optional[str],
                  where: str = "", markets: Optional[Markets] = None) -> MarketChoice:
    """The market for a file whose locale is ``found``; ``market``/``locale`` come from the
    flags or the configuration. ``where`` says where ``found`` came from, for messages."""
    markets = markets or builtin_markets()
    flag = market.upper() if market else None
    if found is None:
        if flag:
            return MarketChoice(flag, locale)
        return MarketChoice(None, None, "no language found in the file or its name (such as de.po, "
                                        "pt_BR/LC_MESSAGES/, \"Language: de\"); pass --market")
    source = f" ({where})" if where else ""
    if found.region:
        if found.region in markets:
            return MarketChoice(found.region, found.tag)
        if flag:
            return MarketChoice(flag, locale)
        return MarketChoice(None, None, f"locale {found.tag}{source} is for {found.region}, a market loclint has "
                                        f"no rules for (known: {', '.join(sorted(markets))}); pass --market")
    if flag and found.language in markets.get(flag, ()):
        return MarketChoice(flag, locale)
    home = home_market(found.language, markets)
    if home:
        unspoken = f"its language {found.language} is not spoken in {flag}; linted as {home}" \
            if flag and flag != home else None
        return MarketChoice(home, None, note=unspoken)
    if flag:
        return MarketChoice(flag, locale)
    speakers = sorted(code for code, languages in markets.items() if found.language in languages)
    if speakers:
        return MarketChoice(None, None, f"language {found.language}{source} is spoken in several markets "
                                        f"({', '.join(speakers)}); pass --market")
    return MarketChoice(None, None, f"language {found.language}{source} is not spoken in any market loclint "
                                    f"has rules for; pass --market")


def home_market(language: str, markets: Optional[Markets] = None) -> Optional[str]:
    """de → DE (the market whose locale is de-DE); pt → BR (the only market speaking it)."""
    markets = markets or builtin_markets()
    same = language.upper()
    if same in markets and language in markets[same]:
        return same
    speakers = [code for code, languages in markets.items() if language in languages]
    return speakers[0] if len(speakers) == 1 else None


@functools.lru_cache(maxsize=1)
def builtin_markets() -> dict[str, tuple[str, ...]]:
    """The built-in markets' languages, for reads that were given none (tests, the API)."""
    from ...ruleset.loader import builtin_markets as markets

    return {code: tuple(config.languages) for code, config in markets().items()}


@functools.lru_cache(maxsize=1)
def _languages() -> frozenset:
    from babel.localedata import locale_identifiers

    return frozenset(i.split("_")[0] for i in locale_identifiers() if i.split("_")[0].isalpha())


@functools.lru_cache(maxsize=1)
def _regions() -> frozenset:
    from babel import Locale as BabelLocale

    return frozenset(code for code in BabelLocale("en").territories if code.isalpha())
