"""The symbols and codes that mark money, by currency: rulesets/currencies.yml, the one table the
feed readers (readers.prices) and the money rules (kinds.money) read.

A symbol may stand for several currencies: "¥" is written for the Japanese yen and the Chinese
yuan alike. ``reading`` says which a record means: the market's own currency when it is one of
them, else the currency of the record's locale's territory (ja-JP: JPY, zh-CN: CNY). When
neither decides (¥ in a German listing) every candidate is returned, and the caller says so
("CNY or JPY") instead of guessing.

A market may also write its currency with a word of its own, after the amount ("1.299,90 TL",
"1,290 บาท"): ``local`` holds those, by market. They are read only in that market's listings;
anywhere else they are words or product names ("LED TL 18W").
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Optional

import msgspec


# A Struct, not a dataclass: created in 0.1 M instructions instead of 2-4 M (docs/research/issue17-imports.md)
class Currencies(msgspec.Struct, frozen=True):
    by_code: dict[str, tuple[str, ...]]  # ISO 4217 code -> symbols and codes written for it
    # market code -> {local symbol: ISO 4217 code}: read in that market only, written after the amount
    local: dict[str, dict[str, str]] = msgspec.field(default_factory=dict)

    @classmethod
    def from_yaml(cls, doc: Any, path: Path, problems: list[str]) -> "Currencies":
        if doc is None:
            return cls({})  # a missing or unreadable file is already a problem of its own
        table = doc.get("currencies") if isinstance(doc, dict) else None
        if not isinstance(table, dict):
            problems.append(f"{path}: expected a mapping 'currencies' of ISO 4217 code -> symbols")
            return cls({})
        by_code = {}
        for code, symbols in table.items():
            if not (isinstance(code, str) and len(code) == 3 and code.isupper()):
                problems.append(f"{path}: currency {code!r}: expected an ISO 4217 code such as EUR")
            elif not isinstance(symbols, list) or not all(isinstance(s, str) and s for s in symbols):
                problems.append(f"{path}: currency {code}: expected a list of symbols")
            else:
                by_code[code] = tuple(symbols)
        return cls(by_code, _local(doc.get("local"), by_code, path, problems))

    def __contains__(self, code: str) -> bool:
        return code in self.by_code

    def symbols(self) -> list[str]:
        """Every symbol and code in the table, once."""
        return list(dict.fromkeys(s for symbols in self.by_code.values() for s in symbols))

    def local_symbols(self, market: str) -> dict[str, str]:
        """The symbols ``market`` writes after an amount, each with its currency (see the module)."""
        return self.local.get(market, {})

    def codes_for(self, symbol: str) -> tuple[str, ...]:
        """The currencies that write ``symbol``, in the table's order."""
        return tuple(code for code, symbols in self.by_code.items() if symbol in symbols)

    def reading(self, symbol: str, market_currency: Optional[str] = None,
                locale: Optional[str] = None) -> tuple[str, ...]:
        """The currencies ``symbol`` can mean in a record of this market and locale: one when
        the symbol is its own or the record decides, else every candidate (see the module)."""
        codes = self.codes_for(symbol)
        if len(codes) < 2:
            return codes
        if market_currency in codes:
            return (market_currency,)
        local = [code for code in _territory_currencies(locale) if code in codes] if locale else []
        return (local[0],) if len(local) == 1 else codes


def _local(table: Any, by_code: dict, path: Path, problems: list[str]) -> dict[str, dict[str, str]]:
    """The ``local`` mapping: market code -> {ISO 4217 code: [symbols]}, read as symbol -> code."""
    if table is None:
        return {}
    if not isinstance(table, dict):
        problems.append(f"{path}: key 'local': expected a mapping of market code -> currency -> symbols")
        return {}
    local = {}
    for market, currencies in table.items():
        where = f"{path}: local symbols of {market}"
        if not (isinstance(market, str) and len(market) == 2 and market.isupper()):
            problems.append(f"{where}: expected a market code such as TR")
        elif not isinstance(currencies, dict):
            problems.append(f"{where}: expected a mapping of currency -> symbols")
        else:
            symbols = {}
            for code, written in currencies.items():
                if code not in by_code:
                    problems.append(f"{where}: currency {code!r} is not in the 'currencies' table")
                elif not isinstance(written, list) or not all(isinstance(s, str) and s.strip() == s and s for s in written):
                    problems.append(f"{where}: currency {code}: expected a list of symbols")
                else:
                    symbols.update(dict.fromkeys(written, code))
            local[market] = symbols
    return local


@functools.lru_cache(maxsize=256)
def _territory_currencies(locale: str) -> tuple[str, ...]:
    # Babel only when a symbol is ambiguous: loading the currency table must not import it.
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_territory_currencies

    try:
        territory = Locale.parse(locale.replace("-", "_")).territory
    except (ValueError, TypeError, UnknownLocaleError):
        return ()  # not a locale Babel knows: it decides nothing
    return tuple(get_territory_currencies(territory)) if territory else ()
