"""What every rule kind shares: option specs, the compile context and the hits a checker yields."""
from __future__ import annotations

import bisect
import re
from typing import Any, Callable, Optional

import msgspec

from ..model import Field
from ..ruleset.bounded import compile_for
from ..ruleset.loader import is_team
from ..ruleset.regex_guard import regex_problem
from ..ruleset.rule import MarketConfig, Rule
from ..text.lazy_regex import LazyPattern
from ..text.lemmas import LanguageData
from ..text.words import carries_edges, compile_words
from .gate import Gate
from .shared import AcrossMarkets


# A Struct, not a dataclass: created in 0.1 M instructions instead of 2-4 M (docs/research/issue17-imports.md)
class Opt(msgspec.Struct, frozen=True):
    """One kind-specific rule key: accepted types, default, whether it must be given."""

    types: tuple
    default: Any = None
    required: bool = False

    def describe(self) -> str:
        names = {dict: "a mapping", list: "a list", str: "a string", bool: "true or false", int: "a number", float: "a number"}
        return " or ".join(names.get(t, t.__name__) for t in self.types)


class CompileContext(msgspec.Struct, frozen=True):
    market: MarketConfig
    languages: dict[str, LanguageData]
    data: dict[str, Any]  # shared data files (currencies.yml)
    inflect: Callable[[str, str, LanguageData], frozenset]  # (word, lang, data) -> forms
    gate: Gate  # where checkers register the literals their rules need (kinds.gate)
    shared: AcrossMarkets = msgspec.field(default_factory=AcrossMarkets)  # what other markets compiled (kinds.shared)


class Hit(msgspec.Struct):
    rule: Rule
    field: Optional[Field]  # None: the record as a whole
    start: Optional[int] = None
    end: Optional[int] = None
    replacements: tuple[str, ...] = ()
    vars: dict[str, Any] = msgspec.field(default_factory=dict)
    # Why the rewrite must not be applied unseen (fixsafety): the fix is demoted to `display`.
    not_safe: Optional[str] = None


def compile_patterns(patterns: list[str], rule: Optional[Rule] = None, words: bool = False) -> Optional[LazyPattern]:
    """One case-insensitive alternation compiled on first use, or None for an empty list;
    time-bounded for a team's ``rule`` (ruleset/bounded.py). ``words``: the patterns carry
    text.words edges (a shared vocabulary's), which compile fast only with `regex`; an exception
    that names a vocabulary carries them too (MP006's took `re` 50 ms to compile, `regex` 10)."""
    if not patterns:
        return None
    source = "|".join(f"(?:{p})" for p in patterns)
    words = words or carries_edges(source)
    if rule is None:
        return LazyPattern(source, re.IGNORECASE, compile_words if words else re.compile)
    return compile_for(rule, source, re.IGNORECASE, words=words)


def regex_problems(rule: Rule, key: str) -> list[str]:
    value = rule.options.get(key)
    patterns = value if isinstance(value, list) else [value] if value else []
    return [p for pattern in patterns for p in _one_regex(rule, key, pattern)]


def window_problems(rule: Rule, key: str) -> list[str]:
    value = rule.options.get(key)
    if value is None:
        return []
    if set(value) - {"patterns", "within"} or not isinstance(value.get("patterns"), list):
        return [f"key '{key}': expected {{patterns: [regex, ...], within: characters}}"]
    within = value.get("within", 0)
    # bool is an int to Python, and `within: yes` would read as one character
    problems = [] if isinstance(within, int) and not isinstance(within, bool) and within >= 0 else \
        [f"key '{key}': 'within' must be a whole number of characters, not {within!r}"]
    return problems + [p for pattern in value["patterns"] for p in _one_regex(rule, key, pattern)]


def _one_regex(rule: Rule, key: str, pattern: str) -> list[str]:
    problem = regex_problem(pattern, untrusted=is_team(rule))
    return [f"key '{key}': {problem}"] if problem else []


class Window:
    """``near``/``not_near``: does one of the patterns occur within N characters of a span?"""

    def __init__(self, spec: Optional[dict], rule: Optional[Rule] = None):
        self.pattern = compile_patterns(spec["patterns"], rule) if spec else None
        self.within = int(spec.get("within", 80)) if spec else 0

    def around(self, text: str, start: int, end: int) -> bool:
        lo, hi = max(0, start - self.within), min(len(text), end + self.within)
        return bool(self.pattern.search(text, lo, hi))


class Exceptions:
    """Spans of a field that a rule's `exceptions` regexes match (a quoted title, a product type):
    a hit inside one is dropped. The spans are found once per field text, not once per hit (a
    long field with thousands of hits re-scanned itself for each)."""

    def __init__(self, pattern):
        self.pattern = pattern
        self._text: Optional[str] = None
        self._starts: list[int] = []
        self._ends: list[int] = []

    def cover(self, text: str, start: int, end: int) -> bool:
        if text is not self._text:
            spans = [m.span() for m in self.pattern.finditer(text)]  # in order, never overlapping
            self._text, self._starts, self._ends = text, [s for s, _ in spans], [e for _, e in spans]
        k = bisect.bisect_right(self._starts, start) - 1
        return k >= 0 and end <= self._ends[k]


class InContexts:
    """The spans of a field that a rule's named contexts (`unless_in`, ruleset/contexts.py) cover:
    a hit inside one is dropped. Found once per field text, as Exceptions are."""

    def __init__(self, contexts):
        self.contexts = contexts
        self._text: Optional[str] = None
        self._spans: list[tuple[int, int]] = []

    def cover(self, text: str, start: int, end: int) -> bool:
        if text is not self._text:
            self._text = text
            self._spans = sorted(span for context in self.contexts for span in context.spans(text))
        k = bisect.bisect_right(self._spans, (start, len(text) + 1))
        # Context spans may overlap one another: any that starts at or before the hit may hold it.
        return any(end <= e for _, e in self._spans[:k])


def span_filters(rule: Rule):
    """The precision levers every text kind shares: exceptions, named contexts, near, not_near."""
    pattern = compile_patterns(rule.options.get("exceptions") or [], rule)
    return (
        Exceptions(pattern) if pattern is not None else None,
        Window(rule.options.get("near"), rule),
        Window(rule.options.get("not_near"), rule),
        InContexts(rule.unless_in) if rule.unless_in else None,
    )


def passes_filters(filters, text: str, start: int, end: int) -> bool:
    exceptions, near, not_near, contexts = filters
    if exceptions is not None and exceptions.cover(text, start, end):
        return False
    if contexts is not None and contexts.cover(text, start, end):
        return False
    if near.pattern is not None and not near.around(text, start, end):
        return False
    if not_near.pattern is not None and not_near.around(text, start, end):
        return False
    return True


class RulesByScope(dict):
    """The rules (or per-rule compiled items) that apply to a field scope, worked out once per
    scope: a record has dozens of fields and a market dozens of rules, and asking every rule
    about every field was the largest cost of a run. Read it as ``for_scope[scope]``: a scope
    seen before is a dict lookup in C, without a Python call per field and checker."""

    def __init__(self, items, rule_of=lambda item: item):
        super().__init__()
        self._items = list(items)
        self._rule_of = rule_of

    def __missing__(self, scope: str) -> list:
        found = self[scope] = [i for i in self._items if self._rule_of(i).applies_to(scope)]
        return found

    def __call__(self, scope: str) -> list:
        return self[scope]
