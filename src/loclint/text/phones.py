"""Phone numbers in copy, as the market writes them: libphonenumber (the `phonenumbers` port)
with the record's market as the region, so "602-454-6445" (US), "(030) 1234567" (DE) and
"98765 43210" (IN) are found as well as "+49 30 1234567", and only digit runs that are valid
numbers for some region count (a date, a price, a dimension or a PIN code is not one).
"""
from __future__ import annotations

import contextlib
import functools
import re
import threading
from typing import Iterator, Optional

_ENOUGH_DIGITS = re.compile(r"\d(?:\D{0,3}\d){6}")  # no valid number has fewer than 7 digits
_NO_REGION = "ZZ"  # libphonenumber's unknown region: only numbers with a country code are found
_ASCII_DIGITS = b"0123456789"
_RE_COMPILE = re.compile  # the standard library's, for what the pattern cache does not build


def phone_spans(text: str, market: Optional[str]) -> list[tuple[int, int]]:
    """(start, end) of each valid phone number in ``text``, read as written in ``market``."""
    if not _may_hold_a_number(text):
        return []
    with _compiled_from_the_cache():
        import phonenumbers  # on first use: 40 ms a run without a candidate number need not pay
        from phonenumbers import Leniency, PhoneNumberMatcher

        region = (market or "").upper()
        if region not in phonenumbers.SUPPORTED_REGIONS:
            region = _NO_REGION
        return [(m.start, m.end) for m in PhoneNumberMatcher(text, region, leniency=Leniency.VALID)]


@contextlib.contextmanager
def _compiled_from_the_cache() -> Iterator[None]:
    """``re.compile`` answered by loclint's pattern cache (pattern_cache.compile_re: the same
    pattern, built from the code an earlier run generated) while libphonenumber is imported and
    matching. It compiles ~60 expressions at import and the region's metadata patterns on first
    use, all in re's Python compiler: the corpus run's import 98 -> 46 M instructions, its first
    131 texts 226 -> 183 M. One thread at a time swaps it (a second one here would save ours as
    the one to restore), and what was there before (a program's own wrapper too) is put back."""
    with _SWAPPING:
        before = re.compile
        re.compile = _cached_compile
        try:
            yield
        finally:
            re.compile = before


_SWAPPING = threading.Lock()


def _cached_compile(pattern, flags=0):
    if type(pattern) is not str:  # bytes, or a compiled pattern: as re.compile takes them
        return _RE_COMPILE(pattern, flags)
    return _compiled(pattern, int(flags))


# libphonenumber asks re.compile for a metadata pattern at each use (793 times in a corpus run),
# counting on re's own cache.
@functools.lru_cache(maxsize=1024)
def _compiled(source: str, flags: int) -> re.Pattern:
    from ..pattern_cache import compile_re

    return compile_re(source, flags)


def _may_hold_a_number(text: str) -> bool:
    """Whether ``_ENOUGH_DIGITS`` finds seven digits close together. An ASCII text with fewer
    than seven digits in all is answered by counting them (``\\d`` matches no other ASCII
    character) at C speed, without the search: 9,311 of the 10,095 texts the corpus asks about,
    and the check of all of them 13 -> 6 ms (best of 15)."""
    if text.isascii() and len(text) - len(text.encode().translate(None, _ASCII_DIGITS)) < 7:
        return False
    return _ENOUGH_DIGITS.search(text) is not None
