"""Phone numbers in copy, as the market writes them: libphonenumber (the `phonenumbers` port)
with the record's market as the region, so "602-454-6445" (US), "(030) 1234567" (DE) and
"98765 43210" (IN) are found as well as "+49 30 1234567", and only digit runs that are valid
numbers for some region count (a date, a price, a dimension or a PIN code is not one).
"""
from __future__ import annotations

import re
from typing import Optional

_ENOUGH_DIGITS = re.compile(r"\d(?:\D{0,3}\d){6}")  # no valid number has fewer than 7 digits
_NO_REGION = "ZZ"  # libphonenumber's unknown region: only numbers with a country code are found


def phone_spans(text: str, market: Optional[str]) -> list[tuple[int, int]]:
    """(start, end) of each valid phone number in ``text``, read as written in ``market``."""
    if not _ENOUGH_DIGITS.search(text):
        return []
    import phonenumbers  # on first use: 40 ms a run without a candidate number need not pay
    from phonenumbers import Leniency, PhoneNumberMatcher

    region = (market or "").upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        region = _NO_REGION
    return [(m.start, m.end) for m in PhoneNumberMatcher(text, region, leniency=Leniency.VALID)]
