"""What compiling one market's rules leaves for the next market's.

A Linter compiles each market it meets (engine.MarketLinter), and markets share most of their
rules: the EU's in DE, FR, IT ..., the marketplace's in every one (a corpus run of 8 markets
compiles 284 rules, 96 of them distinct). What a checker derives from a rule or a trigger
phrase alone (a phrase's inflected forms, a rule's parsed conditions) is the same in every
market, so one Linter works it out once; what belongs to a market (its gate's keys and
automata) is still built for each.
"""
from __future__ import annotations

from typing import Callable, Hashable, TypeVar

T = TypeVar("T")


class AcrossMarkets:
    """Compiled artefacts one Linter's markets share. A value may depend on its key, the
    rulebook and the inflections, which one Linter fixes; never on the market."""

    def __init__(self):
        self._found: dict[Hashable, object] = {}
        self._of_rules: dict[tuple[str, int], tuple[object, object]] = {}

    def of(self, key: Hashable, make: Callable[..., T], *args) -> T:
        """``make(*args)``, called on the first request for ``key`` only."""
        found = self._found.get(key, _MISSING)
        if found is _MISSING:
            found = self._found[key] = make(*args)
        return found  # type: ignore[return-value]

    def of_rule(self, what: str, rule, make: Callable[..., T], *args) -> T:
        """``make(*args)`` for this rule object, called once. A rule's options are dicts (it has no
        hash), so the rule is known by identity; the entry holds it, so its id cannot pass to
        another rule while the entry lives."""
        key = (what, id(rule))
        entry = self._of_rules.get(key)
        if entry is None:
            entry = self._of_rules[key] = (rule, make(*args))
        return entry[1]  # type: ignore[return-value]


_MISSING = object()
