"""Prices written as text in feeds: "15.00 USD", "EUR 24,99", "1.234,50 €", "₹ 1,299".

The number is read by text.numbers without a locale: the last of '.' and ',' is decimal
("1.234,50", "1,234.50"); ',' before exactly three digits groups ("1,299"), '.' is decimal as
feeds write it ("15.00") unless the currency has no third decimal ("1.299 €"); a repeated mark
groups ("1.234.567", "12,34,567"). Anything else is not a price we can read: the caller keeps
the text as it is.
"""
from __future__ import annotations

import functools
import re
from typing import Optional

from babel.numbers import get_currency_precision

from ...ruleset import builtin_currencies
from ...text.numbers import parse_number

_NUMBER = re.compile(r"[+-]?\d[\d.,\u00a0\u202f' ]*")
_CODE = re.compile(r"(?<![A-Za-z])[A-Z]{3}(?![A-Za-z])")


def parse_price(text: str) -> Optional[tuple[float, Optional[str], int]]:
    """(amount, ISO currency or None, index of the currency in ``text`` or -1), or None.

    Symbols and codes come from rulesets/currencies.yml. A symbol several currencies write
    ("¥ 1000": yen or yuan) cannot be read without the record's market and locale, so the
    price is not read here: the caller keeps it as display text, which the money rules judge."""
    numbers = _NUMBER.findall(text)
    if len(numbers) != 1:
        return None
    rest = text.replace(numbers[0], " ", 1)
    code = _CODE.search(rest)
    if code:
        token = code.group()
        currencies = builtin_currencies().codes_for(token) or (token,)  # RMB is CNY; SEK is SEK
    else:
        token = next((symbol for symbol in _symbols_longest_first() if symbol in rest), "")
        currencies = builtin_currencies().codes_for(token) if token else (None,)
    if len(currencies) > 1:
        return None
    if token:
        rest = rest.replace(token, " ", 1)
    if rest.strip(" \u00a0\u202f"):
        return None  # words around the number: not a plain price
    # A currency with cents has no third decimal: "1.299 €" is 1299 euros, as the money rules read it.
    amount = parse_amount(numbers[0], get_currency_precision(currencies[0]) if currencies[0] else None)
    if amount is None:
        return None
    return amount, currencies[0], text.find(token) if token else -1


@functools.lru_cache(maxsize=1)
def _symbols_longest_first() -> list[str]:
    return sorted(builtin_currencies().symbols(), key=len, reverse=True)


def parse_amount(text: str, max_decimals: Optional[int] = None) -> Optional[float]:
    """The amount without a locale (a feed's column says none): text.numbers reads it."""
    number = parse_number(text.strip(), max_decimals=max_decimals)
    return float(number.value) if number is not None else None
