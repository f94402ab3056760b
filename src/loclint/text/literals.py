"""Gate literals: the strings a regular expression cannot match without.

If every match of a pattern must contain one of a few literal strings ("review", "@", "!"),
a field whose folded text contains none of them cannot match, and the market's gate
(kinds.gate) rules it out in one pass for every rule at once, before any regular expression
runs. The literals are only ever a necessary condition: a pattern whose literals cannot be
worked out gets none and always runs.
"""
from __future__ import annotations

import functools
import re
from typing import Optional

try:  # Python 3.11+
    from re import _constants as sre_constants, _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

from .fold import folded  # the gate folds text as the tokens' norms do

# A character class counts as its characters when it is this small and names no category:
# "[!?]{2,}" needs "!" or "?", while "[A-Z]" would open the gate for nearly every field.
MAX_CLASS = 16

_LITERAL, _SUBPATTERN, _BRANCH, _IN = sre_constants.LITERAL, sre_constants.SUBPATTERN, sre_constants.BRANCH, sre_constants.IN
_RANGE = sre_constants.RANGE
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)


def required_literals(patterns: list[str], flags: int = 0) -> Optional[tuple[str, ...]]:
    """Folded strings (``folded``) one of which every match of any of ``patterns`` contains, or None."""
    found: set[str] = set()
    for pattern in patterns:
        literals = _of_pattern(pattern, flags)
        if literals is None:
            return None
        found |= literals
    return tuple(sorted(found)) if found else None


# Markets share rules (eu in de, fr, it ...) and conditions recur across rules: each pattern is
# parsed once per process, not once per market that registers it, and once for all runs
# (pattern_cache keeps what a run parsed).
@functools.lru_cache(maxsize=4096)
def _of_pattern(pattern: str, flags: int) -> Optional[frozenset[str]]:
    return _store().compiled(pattern, int(flags)) or None


@functools.lru_cache(maxsize=None)
def engine():
    """How pattern_cache keeps a pattern's literals across runs: parsing is Python, 26 ms of a
    corpus run's market compiles (117 expressions), and a later run reads them in 1 ms. The
    file's stamp holds the digests of the code that works them out (this module, text.fold)
    besides the interpreter (its parser), so changed code starts a new file."""
    from ..pattern_cache import Engine

    return Engine("literals", _code_digests, parsed_literals, lambda pattern, flags, found: sorted(found),
                  frozenset, list[str], fits=lambda pattern, found: True)


@functools.lru_cache(maxsize=None)
def _store():
    from ..pattern_cache import Store

    return Store(engine())


def _code_digests() -> list[str]:
    import hashlib

    from . import fold

    digests = []
    for path in (__file__, fold.__file__):
        with open(path, "rb") as handle:
            digests.append(hashlib.sha256(handle.read()).hexdigest())
    return digests


def parsed_literals(pattern: str, flags: int) -> frozenset[str]:
    """The literals one of which every match of ``pattern`` contains; empty when not known."""
    try:
        literals = _of_sequence(list(sre_parse.parse(pattern, flags)))
    except (re.error, RecursionError, TypeError, ValueError):
        return frozenset()
    return frozenset(literals) if literals is not None else frozenset()


def _of_sequence(items: list) -> Optional[set[str]]:
    """The most selective of the literal sets a sequence requires."""
    candidates: list[set[str]] = []
    run = ""
    for op, av in items:
        if op is _LITERAL:
            run += folded(chr(av))
            continue
        if run:
            candidates.append({run})
        run = ""
        inner = _of_item(op, av)
        if inner is not None:
            candidates.append(inner)
    if run:
        candidates.append({run})
    if not candidates:
        return None
    # The most selective set: longest shortest member, then fewest members.
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)))


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
    if op is _IN:
        return _of_class(av)
    return None


def _of_class(items) -> Optional[set[str]]:
    """The characters of a small class of plain characters and ranges, else None."""
    chars: set[str] = set()
    for op, av in items:
        if op is _LITERAL:
            chars.add(folded(chr(av)))
        elif op is _RANGE and av[1] - av[0] < MAX_CLASS:
            chars.update(folded(chr(c)) for c in range(av[0], av[1] + 1))
        else:
            return None  # a category (\w), a negation or a wide range
        if len(chars) > MAX_CLASS:
            return None
    if "" in chars:
        return None  # a mark the fold drops (a haraka): the class needs no literal of folded text
    return chars or None
