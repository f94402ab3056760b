"""Prices written as text in feeds: "15.00 USD", "EUR 24,99", "1.234,50 €", "₹ 1,299".

The number is read by text.numbers without a locale: the last of '.' and ',' is decimal
("1.234,50", "1,234.50"); ',' before exactly three digits groups ("1,299"), '.' is decimal as
feeds write it ("15.00"); a repeated mark groups ("1.234.567", "12,34,567"). Anything else is
not a price we can read: the caller keeps the text as it is.
"""
from __future__ import annotations

import re
from typing import Optional

from ..text.numbers import parse_number

SYMBOLS = {"€": "EUR", "£": "GBP", "₹": "INR", "R$": "BRL", "¥": "JPY", "₺": "TRY", "zł": "PLN",
           "CHF": "CHF", "Rs.": "INR", "Rs": "INR", "AED": "AED", "SAR": "SAR", "US$": "USD"}

_NUMBER = re.compile(r"[+-]?\d[\d.,\u00a0\u202f' ]*")
_CODE = re.compile(r"(?<![A-Za-z])[A-Z]{3}(?![A-Za-z])")


def parse_price(text: str) -> Optional[tuple[float, Optional[str], int]]:
    """(amount, ISO currency or None, index of the currency in ``text`` or -1), or None."""
    numbers = _NUMBER.findall(text)
    if len(numbers) != 1:
        return None
    amount = parse_amount(numbers[0])
    if amount is None:
        return None
    rest = text.replace(numbers[0], " ", 1)
    token, currency = "", None
    code = _CODE.search(rest)
    if code:
        token = currency = code.group()
    else:
        for symbol in sorted(SYMBOLS, key=len, reverse=True):
            if symbol in rest:
                token, currency = symbol, SYMBOLS[symbol]
                break
    if token:
        rest = rest.replace(token, " ", 1)
    if rest.strip(" $\u00a0\u202f"):
        return None  # words around the number: not a plain price
    return amount, currency, text.find(token) if token else -1


def parse_amount(text: str) -> Optional[float]:
    """The amount without a locale (a feed's column says none): text.numbers reads it."""
    number = parse_number(text.strip())
    return float(number.value) if number is not None else None
