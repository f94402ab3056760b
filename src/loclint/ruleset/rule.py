"""A rule and a market as loaded from YAML: immutable, validated, ready to compile."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
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
    invalid: tuple[Example, ...] = ()
    valid: tuple[Example, ...] = ()

    def severity_on(self, day: dt.date) -> Optional[Severity]:
        """The rule's severity on ``day``, or None when it is not in force yet."""
        if self.effective_from is None or day >= self.effective_from:
            return self.severity
        return self.severity_before

    def applies_to(self, scope: str) -> bool:
        return _fields_cover(self.fields, scope)


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
