"""Required information: a record-level finding when none of the ``any_of`` conditions holds.

The conditions are the same grammar as ``when``/``unless`` (attributes, category, text, price).
"""
from __future__ import annotations

from typing import Iterator

from ..ruleset.bounded import bounded_conditions
from ..ruleset.conditions import parse_condition
from ..ruleset.loader import is_team
from ..ruleset.regex_guard import checked_by_tests, regex_problem
from .base import CompileContext, Hit, Opt

OPTIONS = {"any_of": Opt((list,), required=True)}
MESSAGE_VALUES = ()  # what its findings fill into a message (ruleset/templates.py)


def validate(rule) -> list[str]:
    problems = []
    for item in rule.options["any_of"]:
        try:
            condition = parse_condition(item)
        except ValueError as exc:
            problems.append(f"key 'any_of': {exc}")
            continue
        problem = condition.pattern is not None and is_team(rule) and \
            regex_problem(condition.pattern.pattern, untrusted=True)
        if problem:
            problems.append(f"key 'any_of': {problem}")
    return problems


class RequiredChecker:
    def __init__(self, rules, ctx: CompileContext):
        # Parsed once for all markets (kinds.shared): parsing checks each regex again.
        self.compiled = [(rule, ctx.shared.of_rule("required", rule, _conditions, rule)) for rule in rules]

    def check(self, record_ctx) -> Iterator[Hit]:
        if record_ctx.record.partial:  # one translated string cannot hold a whole listing's facts
            return
        for rule, conditions in self.compiled:
            # The rule's own gate first (RecordContext.applies: scope, when, unless, memoised for
            # the engine): it is cheap ({price: present}) and usually fails, while the evidence
            # conditions search the whole record's text.
            if not record_ctx.applies(rule):
                continue
            if not any(c.holds(record_ctx) for c in conditions):
                yield Hit(rule, None)


def _conditions(rule) -> tuple:
    # validate() checked these when the rule was loaded (the test suite, for loclint's own): a
    # loclint rule's regexes are not parsed again for the check (10 ms a run); a team's are.
    with checked_by_tests(not is_team(rule)):
        return bounded_conditions(rule, tuple(parse_condition(c) for c in rule.options["any_of"]))


CHECKER = RequiredChecker
