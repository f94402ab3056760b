"""Gate literals: the strings a regular expression cannot match without.

If every match of a pattern must contain one of a few literal strings ("review", "@", "!!"),
a field whose folded text contains none of them cannot match, and the market's gate
(kinds.gate) rules it out in one pass for every rule at once, before any regular expression
runs. The literals are only ever a necessary condition: a pattern whose literals cannot be
worked out gets none and always runs.

Parts of a pattern that match one of a few strings (a letter, a small class, an alternation of
words, an optional letter, a fixed repeat) join their neighbours into longer literals:
``cr[eê]pes?`` needs "crepe" or "crêpe", not just "cr" (which opened 73 corpus fields for 8
names), and ``[!?]{2,}`` needs "!!", "!?", "?!" or "??", not a lone "!". On the real corpus the
gates' regex keys open 1,875 (field, key) pairs instead of 2,204 (467 of them match).
"""
from __future__ import annotations

import functools
import re
import warnings
from typing import NamedTuple, Optional

try:  # Python 3.11+
    from re import _constants as sre_constants, _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

from .fold import folded  # the gate folds text as the tokens' norms do
from .regex_source import outside_classes

# A character class counts as its characters when it is this small and names no category:
# "[!?]{2,}" needs "!" or "?", while "[A-Z]" would open the gate for nearly every field.
MAX_CLASS = 16
# Joined parts stay literals while they spell at most this many strings ("[ae][ei][io]" is 8):
# past it, the joined run is cut and each side counts on its own.
MAX_STRINGS = 16

_LITERAL, _SUBPATTERN, _BRANCH, _IN = sre_constants.LITERAL, sre_constants.SUBPATTERN, sre_constants.BRANCH, sre_constants.IN
_RANGE, _AT, _ATOMIC = sre_constants.RANGE, sre_constants.AT, getattr(sre_constants, "ATOMIC_GROUP", None)
_REPEATS = tuple(op for op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT,
                               getattr(sre_constants, "POSSESSIVE_REPEAT", None)) if op is not None)
_UNBOUNDED = sre_constants.MAXREPEAT

Strings = frozenset  # folded strings


class Part(NamedTuple):
    """What one part of a pattern tells about the folded text of its matches; None: unknown."""
    exact: Optional[Strings] = None  # every string it can match ("" when it may match nothing)
    starts: Optional[Strings] = None  # every match starts with one of these
    ends: Optional[Strings] = None  # every match ends with one of these
    within: Optional[Strings] = None  # every match contains one of these (the most selective)


_UNKNOWN = Part()
_NOTHING: Strings = frozenset({""})  # what an empty part matches
# Working out the literals of the 136 patterns the corpus's markets register took 21 ms beyond
# parsing them (the single-string literals of before: 8); a word's letters added to one pending
# string, each letter folded once, and the parser's lists read directly bring it to 13.
_CHARACTERS: dict[int, str] = {}  # code point -> folded; "" (a mark the fold drops) is looked up anew


def _folded_character(code: int) -> str:
    found = _CHARACTERS[code] = folded(chr(code))
    return found


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
    from ..pattern_cache import code_digests
    from . import fold

    return code_digests(__file__, fold.__file__)


def parsed_literals(pattern: str, flags: int) -> frozenset[str]:
    """The literals one of which every match of ``pattern`` contains; empty when not known.
    Worked out with `re`'s parser; a pattern that `regex` (which compiles a team's rules and the
    word-edged ones) may read otherwise gets none, so its rule always runs (read_alike)."""
    if not read_alike(pattern):
        return frozenset()
    try:
        with warnings.catch_warnings():
            # "Possible nested set": `regex` reads "[[:alpha:]]" as a POSIX class, `re` as a set
            # of "[:alph" and a literal "]" (a rule whose literals were "]" never ran).
            warnings.simplefilter("error", FutureWarning)
            within = _of_sequence(sre_parse.parse(pattern, flags)).within
    except (re.error, RecursionError, TypeError, ValueError, FutureWarning):
        return frozenset()
    return frozenset() if within is None else frozenset(_shortest_cover(within))


# A brace `re` reads as a repeat: {m}, {m,}, {,n}, {m,n}.
_REPEAT_BRACE = re.compile(r"\{\d*(?:,\d*)?\}")


def read_alike(pattern: str) -> bool:
    """Whether `re` and `regex` read the braces of ``pattern`` alike: a "{" that is not a repeat
    is a literal to `re`, but may open a `regex` fuzzy constraint ("(?:colour){e<=1}" matches
    "color"; its `re` literal "colour{e<=1}" occurs nowhere). Escapes and classes are skipped."""
    return not any(char == "{" and not _REPEAT_BRACE.match(pattern, index)
                   for index, char in outside_classes(pattern))


def _of_sequence(items) -> Part:
    """Consecutive parts of known strings join into their cross product (a run); a part that
    may match anything (``\\s+``, ``\\w*``) or a lookaround ends the run, though what the part
    starts with still joins the run before it and what it ends with starts the next."""
    candidates: list[Strings] = []
    run: Strings = _NOTHING  # what the text matched so far ends with, as far as known
    tail = ""  # letters still to add to each string of the run: most parts are single letters
    starts: Optional[Strings] = None
    from_start = True  # the run began with the sequence: its strings are the sequence's
    for op, av in _listed(items):
        if op is _LITERAL:
            tail += _CHARACTERS.get(av) or _folded_character(av)
            continue
        if op is _AT:
            continue  # \b, ^, $: zero-width, between the same characters as without it
        part = _of_item(op, av)
        if tail:
            run, tail = frozenset(head + tail for head in run), ""
        if part.exact is not None:
            joined = _product(run, part.exact)
            if joined is not None:
                run = joined
                continue
            closed, run = run, part.exact
        else:
            if part.within is not None:
                candidates.append(part.within)
            joined = _product(run, part.starts) if part.starts is not None else None
            if joined is None and part.starts is not None:
                candidates.append(part.starts)
            closed = run if joined is None else joined
            run = part.ends if part.ends is not None else _NOTHING
        candidates.append(closed)
        if from_start:
            starts, from_start = closed, False
    if tail:
        run = frozenset(head + tail for head in run)
    if from_start and not candidates:  # a word, or a few: the common case in a vocabulary
        return Part(run, run, run, None if "" in run else run)
    candidates.append(run)
    if from_start:
        return Part(run, run, run, _most_selective(candidates))
    return Part(None, _known(starts), _known(run), _most_selective(candidates))


def _listed(items) -> list:
    """A parsed pattern's items: its own list, as iterating the parser's SubPattern calls
    __getitem__ (in Python) for every item."""
    return getattr(items, "data", items)


def _of_item(op, av) -> Part:
    if op is _SUBPATTERN:
        return _of_sequence(av[-1])
    if op is _ATOMIC:
        return _of_sequence(av)
    if op is _BRANCH:
        return _of_branches([_of_sequence(branch) for branch in av[1]])
    if op in _REPEATS:
        return _of_repeat(av[0], av[1], _of_sequence(av[2]))
    if op is _IN:
        chars = _of_class(av)
        return _UNKNOWN if chars is None else Part(chars)
    return _UNKNOWN  # any character, a category, a backreference, a lookaround ...


def _of_branches(branches: list[Part]) -> Part:
    def union(sets) -> Optional[Strings]:
        if any(s is None for s in sets):
            return None  # one branch could match without any of them
        return frozenset().union(*sets)

    exact = union([b.exact for b in branches])
    within = union([b.within for b in branches])
    if exact is not None and len(exact) <= MAX_STRINGS:
        return Part(exact, exact, exact, within)
    return Part(None, _bounded(union([b.starts for b in branches])),
                _bounded(union([b.ends for b in branches])), within)


def _of_repeat(least: int, most: int, once: Part) -> Part:
    """``once`` repeated ``least`` to ``most`` times."""
    if once.exact == {""}:
        return once
    if once.exact is not None and most != _UNBOUNDED:
        exact: Optional[Strings] = frozenset({""} if least == 0 else ())
        power: Optional[Strings] = frozenset({""})
        for times in range(1, most + 1):
            power = _product(power, once.exact)
            if power is None:
                exact = None
                break
            if times >= least:
                exact = _bounded(exact | power)
                if exact is None:
                    break
        if exact is not None:
            return Part(exact, exact, exact, exact)
    if least < 1:
        return _UNKNOWN
    if once.exact is None:
        return Part(None, once.starts, once.ends, once.within)
    # The first (and last) ``least`` copies, as many of them as stay few strings.
    edge = once.exact
    for _ in range(least - 1):
        longer = _product(edge, once.exact)
        if longer is None:
            break
        edge = longer
    return Part(None, edge, edge, edge)


def _product(heads: Strings, tails: Strings) -> Optional[Strings]:
    """Every head followed by every tail, or None past MAX_STRINGS."""
    if len(heads) * len(tails) > MAX_STRINGS:
        return None
    return frozenset(head + tail for head in heads for tail in tails)


def _bounded(strings: Optional[Strings]) -> Optional[Strings]:
    return strings if strings is not None and len(strings) <= MAX_STRINGS else None


def _known(strings: Optional[Strings]) -> Optional[Strings]:
    """``strings`` unless one is empty (a match may start or end with anything)."""
    return None if strings is None or "" in strings else strings


def _most_selective(candidates: list[Strings]) -> Optional[Strings]:
    """The best of the sets one of whose strings every match contains: longest shortest
    string, then fewest strings. A set holding "" says nothing."""
    useful = [c for c in candidates if c and "" not in c]
    return max(useful, key=lambda c: (min(map(len, c)), -len(c))) if useful else None


def _shortest_cover(strings: Strings) -> Strings:
    """``strings`` less those holding another: a text that contains "crepes" contains "crepe"."""
    kept: list[str] = []
    for text in sorted(strings, key=len):
        if not any(shorter in text for shorter in kept):
            kept.append(text)
    return frozenset(kept)


def _of_class(items) -> Optional[Strings]:
    """The folded characters of a small class of plain characters and ranges, else None. A
    mark the fold drops (a haraka) folds to ""."""
    chars: set[str] = set()
    for op, av in items:
        if op is _LITERAL:
            chars.add(_CHARACTERS.get(av) or _folded_character(av))
        elif op is _RANGE and av[1] - av[0] < MAX_CLASS:
            chars.update(folded(chr(c)) for c in range(av[0], av[1] + 1))
        else:
            return None  # a category (\w), a negation or a wide range
        if len(chars) > MAX_CLASS:
            return None
    return frozenset(chars) or None
