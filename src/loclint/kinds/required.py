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
        self.compiled = [(rule, ctx.shared.of_rule("required", rule, _any_of, rule)) for rule in rules]
        # A record that is no offer is judged by no rule of ``scope: offer`` (RecordContext.judges):
        # IN's five rules are all offer rules, and 8,004 of the corpus's 8,999 IN records are no
        # offer; asking each rule's applies for them was a fifth of the kind's time (148 -> 118 ms
        # in process, loaded machine).
        self.for_non_offers = [entry for entry in self.compiled if entry[0].scope != "offer"]

    def check(self, record_ctx) -> Iterator[Hit]:
        if record_ctx.record.partial:  # one translated string cannot hold a whole listing's facts
            return
        for rule, (present_names, conditions) in self.compiled if record_ctx.is_offer else self.for_non_offers:
            # The rule's own gate first (RecordContext.applies: scope, when, unless, memoised for
            # the engine): it is cheap ({price: present}) and usually fails, while the evidence
            # conditions search the whole record's text.
            if not record_ctx.applies(rule):
                continue
            if present_names and not present_names.isdisjoint(record_ctx.present_attributes()):
                continue
            if not any(c.holds(record_ctx) for c in conditions):
                yield Hit(rule, None)


def _any_of(rule) -> tuple[frozenset[str], tuple]:
    """The rule's conditions as (names of the attributes whose presence satisfies it, the other
    conditions in their order). The IN rules name 2-8 such attributes each: one set test for all
    of them (RecordContext.present_attributes), before any text is searched, instead of a
    Condition.holds call each (the corpus run 6.169 -> 6.140 G instructions). A team rule keeps
    its written order: its regexes may stop with RegexTimeout, which a present attribute must
    not skip."""
    # validate() checked these when the rule was loaded (the test suite, for loclint's own): a
    # loclint rule's regexes are not parsed again for the check (10 ms a run); a team's are.
    with checked_by_tests(not is_team(rule)):
        conditions = bounded_conditions(rule, tuple(parse_condition(c) for c in rule.options["any_of"]))
    if is_team(rule):
        return frozenset(), conditions
    present = frozenset(c.name for c in conditions if _is_presence(c))
    return present, tuple(c for c in conditions if not _is_presence(c))


def _is_presence(condition) -> bool:
    return condition.target == "attribute" and condition.test == "present"


CHECKER = RequiredChecker
