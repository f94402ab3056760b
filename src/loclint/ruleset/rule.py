"""A rule and a market as loaded from YAML: immutable, validated, ready to compile."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field, replace
from typing import Any, Optional

import msgspec

from ..model import Applicability, Severity, Source
from .conditions import Condition


# A Struct, not a dataclass: created in 0.1 M instructions instead of 2-4 M (docs/research/issue17-imports.md)
class MarketConfig(msgspec.Struct, frozen=True):
    code: str  # ISO 3166-1 alpha-2
    name: str
    locale: str  # BCP 47, e.g. de-DE
    currency: str  # ISO 4217
    languages: tuple[str, ...]
    rulesets: tuple[str, ...]

    @property
    def babel_locale(self) -> str:
        return self.locale.replace("-", "_")


@dataclass(frozen=True)
class Example:
    text: Optional[str]
    field: str
    record: dict  # extra record keys (attributes, price, images) or a whole record
    fixed: Optional[str] = None
    count: Optional[int] = None
    market: Optional[str] = None


class Examples:
    """The data descriptor behind Rule.invalid and Rule.valid (a dataclass field whose default
    is a descriptor: the generated __init__, repr and comparisons go through it).

    A built-in rule read from the shipped form may be given its examples unbuilt: anything with
    a ``groups()`` giving (invalid, valid), called when either is first read and kept. A run
    that lints never reads them (rule pages and tests do), and building the built-in rules'
    1,701 Example objects was a fifth of loading the rulebook (about 30 M instructions)."""

    def __init__(self, group: int):
        self.group = group  # 0: invalid, 1: valid

    def __set_name__(self, owner, name: str):
        self.slot = "_" + name

    # The value is kept as an ordinary attribute of another name, through object.__setattr__ as
    # the frozen dataclass's __init__ sets the others: reading rule.__dict__ instead would give
    # every rule a dict object of its own, and each of the lint loop's reads of rule.code or
    # rule.fields the slower path for it (+60 M instructions on the corpus run).
    def __get__(self, rule, owner=None):
        if rule is None:
            return ()  # the field's default
        value = getattr(rule, self.slot)
        if not isinstance(value, tuple):
            value = value.groups()[self.group]
            object.__setattr__(rule, self.slot, value)
        return value

    def __set__(self, rule, value) -> None:
        object.__setattr__(rule, self.slot, value)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    kind: str
    severity: Severity
    fields: tuple[str, ...]
    message: str
    why: str
    source: Source
    ruleset: str
    file: str
    line: int = field(default=0, compare=False)  # where the rule starts in ``file`` (1-based; 0: unknown)
    options: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    fix: Optional[Applicability] = None
    suggestion: str = ""  # advice in words, shown when no rewrite can be computed
    effective_from: Optional[dt.date] = None
    severity_before: Optional[Severity] = None
    when: tuple[Condition, ...] = ()
    unless: tuple[Condition, ...] = ()
    tags: tuple[str, ...] = ()
    markets: tuple[str, ...] = ()  # empty: every market that loads the ruleset
    scope: str = "copy"  # copy: judges any record; offer: only offers (engine.OFFERS), for disclosure rules
    replaces: tuple[str, ...] = ()  # codes this rule stands in for where both apply
    aliases: tuple[str, ...] = ()  # former codes: selectors, suppressions and baselines naming them still work
    off_by_default: bool = False  # runs only when a selector names it (selector.Selection)
    # Named contexts (ruleset.contexts.Context; names until the loader resolves them): a hit inside one is dropped.
    unless_in: tuple = ()
    extends: str = ""  # the code of the rule it matches like (ruleset/extends.py), already merged in
    invalid: tuple[Example, ...] = Examples(0)  # type: ignore[assignment]
    valid: tuple[Example, ...] = Examples(1)  # type: ignore[assignment]

    def severity_on(self, day: dt.date) -> Optional[Severity]:
        """The rule's severity on ``day``, or None when it is not in force yet."""
        if self.effective_from is None or day >= self.effective_from:
            return self.severity
        return self.severity_before

    def applies_to(self, scope: str) -> bool:
        return _fields_cover(self.fields, scope)

    def replaced(self, **changes) -> "Rule":
        """dataclasses.replace, leaving examples not yet built (Examples) unbuilt."""
        return replace(self, **{"invalid": self._invalid, "valid": self._valid, **changes})  # type: ignore[attr-defined]


# Named groups of field scopes, so rules can say "text" instead of listing each field.
SCOPE_GROUPS = {
    "text": ("title", "bullets", "description"),
    "copy": ("title", "bullets", "description", "attributes", "price.display", "images.alt"),
}


@functools.lru_cache(maxsize=8192)
def _fields_cover(fields: tuple[str, ...], scope: str) -> bool:
    """Cached: every rule asks this for every field of every record."""
    return any(_scope_matches(pattern, scope) for pattern in fields)


# Taxonomy paths ("Home >> Decor >> Doormats") are the marketplace's, not the seller's copy: a
# wildcard such as `attributes` or `all` does not reach them; a rule may still name one exactly.
TAXONOMY_SCOPES = frozenset({"attributes.category", "attributes.product_type", "attributes.google_product_category"})


def _scope_matches(pattern: str, scope: str) -> bool:
    if (scope in TAXONOMY_SCOPES or scope == "_loclint") and pattern != scope:
        return False  # suppressions are not copy either
    if pattern == "all":
        return True
    if pattern in SCOPE_GROUPS:
        return any(_scope_matches(p, scope) for p in SCOPE_GROUPS[pattern])
    return scope == pattern or scope.startswith(pattern + ".")
