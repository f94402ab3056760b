"""Literal prefilters: the words a regular expression cannot match without.

Python's ``re`` tries a case-insensitive pattern that starts with ``\\b(?:…|…)`` at every
position of the text, and most fields match nothing. If every match must contain one of a few
literal strings ("review", "feedback", "gst"), a substring test on the lower-cased field (a C
loop) rules most fields out before the regular expression runs. The prefilter is only ever a
necessary condition: a pattern whose literals cannot be worked out gets none and always runs.
"""
from __future__ import annotations

import re
from typing import Optional

try:  # Python 3.11+
    from re import _constants as sre_constants, _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

MIN_LENGTH = 3  # shorter literals ("us", "a") rule out too little to pay for the test

_LITERAL, _SUBPATTERN, _BRANCH = sre_constants.LITERAL, sre_constants.SUBPATTERN, sre_constants.BRANCH
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)
# Characters that IGNORECASE matches but str.lower() does not map to their ASCII partner.
_FOLD = str.maketrans({"ſ": "s", "ı": "i", "İ": "i"})


def lowered(text: str) -> str:
    """The text as literal prefilters expect it."""
    low = text.lower()
    return low if low.isascii() else low.translate(_FOLD)


def required_literals(patterns: list[str], flags: int = 0) -> Optional[tuple[str, ...]]:
    """Lower-cased strings one of which every match of any of ``patterns`` contains, or None."""
    found: set[str] = set()
    for pattern in patterns:
        try:
            literals = _of_sequence(list(sre_parse.parse(pattern, flags)))
        except (re.error, RecursionError, TypeError, ValueError):
            return None
        if literals is None:
            return None
        found |= literals
    return tuple(sorted(found)) if found else None


def _of_sequence(items: list) -> Optional[set[str]]:
    """The best required-literal set of a sequence: the one whose shortest member is longest."""
    candidates: list[set[str]] = []
    run = ""
    for op, av in items:
        if op is _LITERAL:
            run += chr(av).lower()
            continue
        if len(run) >= MIN_LENGTH:
            candidates.append({run})
        run = ""
        inner = _of_item(op, av)
        if inner is not None:
            candidates.append(inner)
    if len(run) >= MIN_LENGTH:
        candidates.append({run})
    if not candidates:
        return None
    return max(candidates, key=lambda c: min(map(len, c)))


def _of_item(op, av) -> Optional[set[str]]:
    if op is _SUBPATTERN:
        return _of_sequence(list(av[-1]))
    if op is _BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            literals = _of_sequence(list(branch))
            if literals is None:
                return None  # one branch could match without a literal
            union |= literals
        return union
    if op in _REPEATS and av[0] >= 1:
        return _of_sequence(list(av[2]))
    return None
