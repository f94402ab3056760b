"""Numbers as listings write them: "1.234,56", "1,234.56", "12,34,567", "24,99", "1 234,5".

One parser for every reader and rule kind, so "1.234" cannot mean 1.234 in one place and 1234
in another. How a number is read:

1. Spaces (also no-break and narrow no-break) and apostrophes only ever group digits
   ("1 234,5", Swiss "1'234.50"): they are dropped first.
2. With a locale, the number is read as that locale writes it (Babel's ``parse_decimal``,
   strict, from CLDR): German "1.234" is 1234 (the dot groups thousands), English "1.234" is
   1.234 (the dot is the decimal sign), Indian English "12,34,567" is 1234567 (groups of two
   above the thousands). A reading with more decimals than ``max_decimals`` is not taken (see 4).
3. Without a locale, or when the text is not written the locale's way (listings are often
   written in another market's style: "24.99 €" in Germany), the marks decide:
   - both '.' and ',': the last one is the decimal sign ("1.234,56" and "1,234.56");
   - one mark, repeated: it groups ("1.234.567", "12,34,567");
   - one mark, once, not followed by exactly three digits: it is the decimal sign ("24,99",
     "15.5", "0,750" with its leading zero, "12345,678" whose leading part is too long to be
     a group).
4. The ambiguous case is one mark, once, before exactly three digits ("1.234", "1,234"):
   - an amount that cannot have three decimals (``max_decimals`` below 3: money in a
     currency with cents) reads it as grouping: "1.234 €" is 1234 euros;
   - otherwise ',' groups and '.' is the decimal sign, as English copy and machine-written
     feeds write numbers ("1,000 inch", "15.000" from a spreadsheet).

Grouped digits must be grouped plausibly (groups of three, or Indian twos before the last
three); anything else ("1.2.3", "1,23.4,5") is not a number and gives None.
"""
from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation
from typing import Optional

from babel import Locale, UnknownLocaleError
from babel.numbers import NumberFormatError, parse_decimal

import msgspec

from .locale_numbers import number_locale

_GROUPING_ONLY = re.compile(r"[\s\u00a0\u202f'’]")
_SHAPE = re.compile(r"[+-]?\d[\d.,]*")
_GROUPED = r"[1-9]\d{{0,2}}(?:{0}\d{{3}})+|[1-9]\d?(?:{0}\d{{2}})+{0}\d{{3}}"  # 1,234,567; Indian 12,34,567


# A Struct, not a dataclass: created in 0.1 M instructions instead of 2-4 M (docs/research/issue17-imports.md)
class Number(msgspec.Struct, frozen=True):
    value: Decimal
    decimals: int  # digits written after the decimal sign ("24,90": 2; "1.234" read as 1234: 0)


@functools.lru_cache(maxsize=4096)  # feeds repeat their numbers ("Rs. 499", "15 inch")
def parse_number(text: str, locale: Optional[str] = None, max_decimals: Optional[int] = None) -> Optional[Number]:
    """The number ``text`` writes, or None when it is not one (see the module's reading rules).
    ``locale`` is a Babel or BCP 47 tag ("de_DE", "en-IN"); ``max_decimals`` the most decimals
    the quantity can have (a currency's minor unit digits)."""
    digits = _GROUPING_ONLY.sub("", text)
    if not _SHAPE.fullmatch(digits):
        return None
    babel_locale = _babel_locale(locale) if locale else None
    if babel_locale is not None:
        number = _as_locale_writes(digits, babel_locale)
        if number is not None and (max_decimals is None or number.decimals <= max_decimals):
            return number
    return _by_the_marks(digits, max_decimals)


def _as_locale_writes(digits: str, locale: Locale) -> Optional[Number]:
    try:
        return _number(parse_decimal(digits, locale=locale, strict=True))
    except (NumberFormatError, InvalidOperation):
        return None


def _by_the_marks(digits: str, max_decimals: Optional[int]) -> Optional[Number]:
    sign = digits[0] if digits[0] in "+-" else ""
    body = digits[len(sign):]
    marks = [c for c in ".," if c in body]
    if len(marks) == 2:
        decimal = max(marks, key=body.rfind)
    elif not marks or body.count(marks[0]) > 1:
        decimal = None
    else:
        decimal = marks[0]
        whole, fraction = body.split(decimal)
        if len(fraction) == 3 and _is_grouped(body, decimal) and \
                (decimal == "," or (max_decimals is not None and max_decimals < 3)):
            decimal = None  # the ambiguous "1,234" / "1.234 €": grouping
    if decimal is None:
        whole, fraction = body, ""
    else:
        whole, fraction = body.rsplit(decimal, 1)
        if decimal in whole:
            return None  # "1,234,5": a decimal sign twice
    group = ({".", ","} - {decimal}).pop() if decimal else (marks[0] if marks else "")
    if group and group in whole and not _is_grouped(whole, group):
        return None
    plain = whole.replace(group, "") if group else whole
    return _number(Decimal(f"{sign}{plain}.{fraction}" if fraction else f"{sign}{plain}"))


def _is_grouped(whole: str, mark: str) -> bool:
    return re.fullmatch(_GROUPED.format(re.escape(mark)), whole) is not None


def _number(value: Decimal) -> Number:
    exponent = value.as_tuple().exponent
    return Number(value, -exponent if isinstance(exponent, int) and exponent < 0 else 0)


@functools.lru_cache(maxsize=64)
def _babel_locale(tag: str) -> Optional[Locale]:
    try:
        return number_locale(tag.replace("-", "_"))  # its number data kept across runs
    except (ValueError, TypeError, UnknownLocaleError):
        return None  # not a locale Babel knows: read by the marks alone
