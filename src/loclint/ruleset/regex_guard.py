"""What a rule's regular expression must pass before a run may use it.

Every rule's expression must compile, keep its repeat counts and group nesting small (an
oversized count or a thousand nested groups raised OverflowError or RecursionError deep in the
run), and, for a team's rules, show none of the nested-quantifier shapes that backtrack
exponentially ("(a+)+$"). Those shapes are found with regexploit; what it cannot judge
(polynomial blow-ups, backreferences) is bounded at run time instead (bounded.py).
"""
from __future__ import annotations

import re
import reprlib
import signal
import threading
import warnings
from typing import Optional

try:  # Python 3.11+
    from re import _constants as sre_constants, _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

MAX_REPEAT = 1000  # "{n}" / "{m,n}" beyond this is refused: listing text never needs more
MAX_NESTING = 30  # groups and repeats inside each other
# regexploit's starriness: a repeat inside a repeat scores 10 per level; 3 or 4 is a polynomial
# (cubic) worst case that built-in rules have too, left to the run-time bound.
EXPONENTIAL = 10
ANALYSIS_SECONDS = 2.0  # for regexploit on one pattern; past it, the run-time bound has to do

_REPEATS = tuple(getattr(sre_constants, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                 if hasattr(sre_constants, name))
_shown = reprlib.Repr()
_shown.maxstring = 60


def regex_problem(pattern, untrusted: bool = False) -> Optional[str]:
    """Why ``pattern`` cannot be used, or None. ``untrusted`` (a team's rule) adds the check for
    catastrophic backtracking, which costs milliseconds a pattern."""
    if not isinstance(pattern, str):
        return f"expected a regular expression, got {type(pattern).__name__}"
    problem = _compile_problem(pattern) if _plainly_small(pattern) else _tree_problem(pattern)
    if problem is None and untrusted:
        problem = _bounded_problem(pattern) or _backtracking_problem(pattern)
    return f"bad regular expression {_shown.repr(pattern)}: {problem}" if problem else None


def _plainly_small(pattern: str) -> bool:
    """A text screen that spares most patterns the tree walk (which doubled the time the built-in
    rulesets take to load): each nesting level needs a "(" (a group and its repeat are two
    levels), and a repeat count over MAX_REPEAT needs four digits in a row."""
    return 2 * pattern.count("(") < MAX_NESTING and not _FOUR_DIGITS.search(pattern)


_FOUR_DIGITS = re.compile(r"\d{4}")


def _compile_problem(pattern: str) -> Optional[str]:
    # Parsed, not compiled: parsing finds the syntax errors, and compiling is what costs (re's
    # charset optimiser expands every large Unicode range, the CJK block in text.words' word
    # edges among them, which made this check dearer than the rest of loading). What only a
    # compile could refuse, a variable-width look-behind, `regex` accepts: teams' patterns are
    # compiled with it (bounded.py), and the shipped rules compile in the test suite.
    try:
        sre_parse.parse(pattern)
    except (re.error, OverflowError, RecursionError) as exc:
        return str(exc) or type(exc).__name__
    return None


def _tree_problem(pattern: str) -> Optional[str]:
    try:
        tree = sre_parse.parse(pattern)
    except RecursionError:
        return f"groups nested too deeply (at most {MAX_NESTING})"
    except (re.error, OverflowError) as exc:
        return str(exc)
    return _size_problem(tree)  # not compiled, as in _compile_problem


def _size_problem(tree) -> Optional[str]:
    """Repeat counts over MAX_REPEAT or nesting deeper than MAX_NESTING (walked without
    recursion: the tree may be hundreds of levels deep)."""
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_NESTING:
            return f"groups nested too deeply (at most {MAX_NESTING})"
        for op, av in node:
            if op in _REPEATS:
                low, high, _ = av
                bound = low if high == sre_constants.MAXREPEAT else max(low, high)
                if bound > MAX_REPEAT:
                    return f"repeat count {bound} is too large (at most {MAX_REPEAT})"
            stack.extend((child, depth + 1) for child in _children(av))
    return None


def _repeat_in_repeat(tree) -> bool:
    stack = [(tree, False)]
    while stack:
        node, in_unbounded = stack.pop()
        for op, av in node:
            inner = in_unbounded
            if op in _REPEATS:
                low, high, _ = av
                if in_unbounded and high > 1:
                    return True
                inner = in_unbounded or high == sre_constants.MAXREPEAT
            stack.extend((child, inner) for child in _children(av))
    return False


class _OutOfTime(BaseException):
    """Raised by the timer; a BaseException so that no `except Exception` inside swallows it."""


def finished_within(seconds: float, work):
    """work(), or None when it takes longer than ``seconds``. The timer is SIGALRM, which only the
    main thread of a POSIX process can set; elsewhere the work runs unbounded."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return work()

    def stop(signum, frame):
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, stop)
    outer = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return work()
    except _OutOfTime:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer[0]:  # someone else's timer (a test runner's): set again, a little late
            signal.setitimer(signal.ITIMER_REAL, *outer)


def _children(av):
    if isinstance(av, sre_parse.SubPattern):
        yield av
    elif isinstance(av, (tuple, list)):
        for item in av:
            yield from _children(item)


def _bounded_problem(pattern: str) -> Optional[str]:
    """A team's expression runs on the `regex` module (bounded.py), whose syntax is re's, bar
    corner cases; one it reads differently is refused rather than crashing the run."""
    import regex

    try:
        regex.compile(pattern, regex.VERSION0)
    except (regex.error, OverflowError, RecursionError) as exc:
        return f"{exc} (team rules run on the regex module)"
    return None


def _backtracking_problem(pattern: str) -> Optional[str]:
    # Exponential backtracking needs a repeat inside an unbounded repeat; without one, regexploit
    # is not asked (its own analysis of a long pattern can take minutes: two of IN010's
    # pattern in a row took 37 s), and with one it gets ANALYSIS_SECONDS.
    if not _repeat_in_repeat(sre_parse.parse(pattern)):
        return None
    with warnings.catch_warnings():  # regexploit imports the deprecated sre_parse
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            from regexploit.ast.sre import SreOpParser
            from regexploit.redos import find
        except ImportError:  # a Python without sre_parse: the run-time bound still holds
            return None
    try:
        found = finished_within(ANALYSIS_SECONDS, lambda: find(SreOpParser().parse_sre(pattern))) or ()
    except Exception:  # a construct regexploit does not model: the run-time bound covers it
        return None
    worst = next((redos for redos in found if redos.starriness >= EXPONENTIAL), None)
    if worst is None:
        return None
    return (f"catastrophic backtracking: a repeat inside a repeat over {worst.repeated_character} can take "
            "exponential time on a long text; make the inner or the outer repeat match something "
            "the other cannot, e.g. (\\w+\\s)* instead of (\\w+\\s?)*")
