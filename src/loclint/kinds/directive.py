"""Rules about suppressions themselves. Their checks run in the engine, after every other rule
(engine.MarketLinter.lint, suppressions.py): this kind only declares them, so that they have
codes, pages, severities and examples like every other rule, and can be selected or ignored."""
from __future__ import annotations

from typing import Iterator

from .base import CompileContext, Hit, Opt

OPTIONS = {"check": Opt((str,), required=True)}
CHECKS = ("malformed", "unused")


def validate(rule) -> list[str]:
    if rule.options["check"] not in CHECKS:
        return [f"key 'check': expected one of {', '.join(CHECKS)}"]
    return []


class DirectiveChecker:
    def __init__(self, rules, ctx: CompileContext):
        self.rules = rules

    def check(self, record_ctx) -> Iterator[Hit]:
        return iter(())


CHECKER = DirectiveChecker
