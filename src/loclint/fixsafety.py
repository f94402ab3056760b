"""The invariants a `safe` fix must meet before it is offered as one.

A safe fix is written by ``--fix`` with no human looking, so it is checked, not trusted. Each
check answers "what would go wrong" (a reason) or None:

1. Token boundaries (``splits_token``): the span starts and ends between tokens. A span that
   begins or ends inside a word, a number ("1.234,5"), a fraction ("3-1/2"), a compound or model
   code ("USB-C", "X-15") would rewrite half of something else.
2. The rest of the field (``disturbs_neighbours``): every other word and number reads as before.
   The text outside the span is copied, but a replacement can still run into it: "$99" written
   before "39.95" reads as one number, "$9939.95".
3. The quantity (``same_quantity``): the numbers the rewrite writes read back, in the locale they
   were written for, as the values meant, within the rounding the rewrite states.

Rounding everywhere is decimal and half-up (``round_half_up``), as a person rounds on paper:
2.5 in = 6.35 cm is "6,4 cm", where binary floating point gives 6.3.

A fix that fails is demoted to ``display`` by the engine with the reason; the finding stays.
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Optional, Sequence

from .text.numbers import parse_number

# Characters that join two runs into one token: hyphens and the like join words and codes
# ("USB-C", "X-15"); marks inside numbers join digits ("3-1/2", "1.234,5", "5.2:1"), not "Preis:24".
_JOINS_ANY = frozenset("-‐‑_'’")
_JOINS_DIGITS = frozenset("/.,:")
# Words and numbers as a reader sees them: digits with their inner marks stay one number.
_TOKEN = re.compile(r"\d+(?:[.,:/'’]\d+)*|[^\W\d_]+|\S")


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    # Enough digits for any value a listing writes: the default 28 would raise on a long one.
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, value.adjusted() + decimals + 2)
        return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def splits_token(text: str, start: int, end: int) -> Optional[str]:
    """Why the span [start, end) does not start and end on token boundaries, or None."""
    for edge in (start, end):
        if _inside_token(text, edge):
            return f"the rewrite would split “{_token_at(text, edge)}”"
    return None


def disturbs_neighbours(text: str, start: int, end: int, replacement: str) -> Optional[str]:
    """Why the rewritten field would not keep every other word and number, or None."""
    # No token holds whitespace, so the words beyond the nearest whitespace either side tokenize
    # alike before and after the rewrite: only the text up to it is compared (tokenizing whole
    # descriptions twice per safe fix cost the corpus run about 4 ms).
    lo, hi = start, end
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    prefix, suffix = text[lo:start], text[end:hi]
    expected = _tokens(prefix) + _tokens(replacement) + _tokens(suffix)
    if _tokens(prefix + replacement + suffix) != expected:
        return f"“{replacement}” would run into the text around it"
    return None


def same_quantity(written: Sequence[str], locale: str, meant: Sequence[Decimal], decimals: Sequence[int]) -> Optional[str]:
    """Why the numbers ``written`` (formatted for ``locale``) do not read back as ``meant``,
    each rounded half-up to its ``decimals``, or None."""
    if len(written) != len(meant):
        return f"the rewrite writes {len(written)} numbers for {len(meant)} values"
    for text, value, places in zip(written, meant, decimals):
        number = parse_number(text, locale)
        if number is None:
            return f"“{text}” does not read as a number in {locale}"
        if number.value != round_half_up(value, places):
            return f"“{text}” reads as {number.value}, not {round_half_up(value, places)}"
    return None


def _inside_token(text: str, at: int) -> bool:
    if at <= 0 or at >= len(text):
        return False
    left, right = text[at - 1], text[at]
    if left.isalnum() and right.isalnum():
        return True
    # A joiner right outside the edge: "3-1/|2" seen from a span starting at "2".
    if at >= 2 and _joined(text[at - 2], left, right):
        return True
    return at + 1 < len(text) and _joined(left, right, text[at + 1])


def _joined(a: str, mark: str, b: str) -> bool:
    if mark in _JOINS_ANY:
        # A lowercase word before a number is a label ("Chest-42"), not a code ("X-15").
        return a.isalnum() and b.isalnum() and not (a.islower() and b.isdigit())
    return mark in _JOINS_DIGITS and a.isdigit() and b.isdigit()


def _token_at(text: str, at: int) -> str:
    lo, hi = at, at
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    return text[lo:hi]


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)
