"""The pattern kind passes over an empty field without asking anything of it (kinds/pattern.py):
8,001 of the real corpus's fields are empty. That is exact because nothing there can become a
hit: a regular expression matches an empty text only with an empty match, which the checker
drops, and an empty text holds no phone number."""
import datetime as dt

from loclint.engine import Linter
from loclint.kinds.pattern import PatternChecker
from loclint.text.phones import phone_spans


def _pattern_checkers():
    linter = Linter(day=dt.date(2026, 11, 29))
    for code in sorted(linter.rulebook.markets):
        for checker in linter.market(code).checkers:
            if isinstance(checker, PatternChecker):
                yield code, checker


def test_no_shipped_pattern_rule_can_hit_an_empty_field():
    rules = 0
    for code, checker in _pattern_checkers():
        for rule, regex, _, _ in checker.compiled:
            rules += 1
            assert all(m.start() == m.end() for m in regex.finditer("")), (code, rule.code)
        assert phone_spans("", code) == []
    assert rules > 100  # every market's rules were asked, not none
