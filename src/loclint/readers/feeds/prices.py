"""Prices written as text in feeds: "15.00 USD", "EUR 24,99", "1.234,50 €", "₹ 1,299".

Decimal separator: when both '.' and ',' occur, the last one is decimal ("1.234,50", "1,234.50").
With only one kind: ',' followed by exactly three digits (once or repeated) groups thousands
("1,299", "1,234,567"), otherwise it is decimal ("24,99"); '.' is decimal as feeds write it
("15.00"), unless it groups more than once ("1.234.567"). Anything else is not a price we can
read: the caller keeps the text as it is.
"""
from __future__ import annotations

import re
from typing import Optional

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
    digits = re.sub(r"[\s\u00a0\u202f']", "", text.strip())
    if not re.fullmatch(r"[+-]?\d[\d.,]*", digits):
        return None
    dot, comma = digits.rfind("."), digits.rfind(",")
    if dot >= 0 and comma >= 0:
        decimal = "." if dot > comma else ","
    elif comma >= 0:
        decimal = None if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+", digits) else ","
    elif dot >= 0:
        decimal = None if digits.count(".") > 1 else "."
    else:
        decimal = None
    group = {".": ",", ",": ".", None: ".,"}[decimal]
    if decimal and digits.count(decimal) > 1:
        return None
    for mark in group:
        digits = digits.replace(mark, "")
    if decimal:
        digits = digits.replace(decimal, ".")
    try:
        return float(digits)
    except ValueError:
        return None
