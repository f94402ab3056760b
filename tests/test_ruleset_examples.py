"""Every rule's YAML examples run as tests: `pytest -k DE001` selects one rule's cases.

invalid: the rule fires (exactly `count` times when given); with `fixed`, applying its rewrites
(unsafe ones included) gives exactly `fixed`, and the fixed text no longer fires.
valid: the rule stays quiet.
"""
import pytest

from loclint.examples import example_record, field_text
from loclint.fixer import apply_fixes
from loclint.rulebook import load_rulebook


_BOOK = load_rulebook()


def _cases():
    for rule in _BOOK.all_rules():
        for group in ("invalid", "valid"):
            for i, example in enumerate(getattr(rule, group)):
                yield pytest.param((rule, group, example), id=f"{rule.code}-{group}-{i}")


def pytest_generate_tests(metafunc):
    if "example_case" in metafunc.fixturenames:
        metafunc.parametrize("example_case", list(_cases()))


def _lint(linter, rule, example):
    market = example.market or _BOOK.example_market(rule)
    record = example_record(example, market)
    return record, [f for f in linter.market(market).lint(record) if f.rule == rule.code]


def test_example(every_rule_linter, example_case):
    linter = every_rule_linter
    rule, group, example = example_case
    record, findings = _lint(linter, rule, example)
    if group == "valid":
        assert findings == [], f"{rule.code} must not fire on {example.text or example.record!r}"
        return
    if example.count is not None:
        assert len(findings) == example.count, [f.text for f in findings]
    else:
        assert findings, f"{rule.code} must fire on {example.text or example.record!r}"
    if example.text is None:
        return
    fixed, skipped = apply_fixes(field_text(record, example.field), findings, unsafe=True)
    if example.fixed is None:
        assert not any(f.suggestions and f.suggestions[0].applicability.value != "display" for f in findings), (
            f"{rule.code} rewrites {example.text!r} to {fixed!r}: add `fixed` to the example"
        )
        return
    assert not skipped
    assert fixed == example.fixed
    _, again = _lint(linter, rule, _with_text(example, fixed))
    assert again == [], f"{rule.code} still fires after its own fix: {fixed!r}"


def _with_text(example, text):
    from dataclasses import replace

    return replace(example, text=text)


# Issue 16's bar for every rule: a rule with one or two examples a side leaves its near misses
# untested, and those are where false positives live.
MIN_EXAMPLES_EACH_WAY = 3


def test_every_rule_has_three_examples_that_fire_and_three_that_stay_quiet():
    short = {
        rule.code: f"{len(rule.invalid)} fire / {len(rule.valid)} quiet"
        for rule in _BOOK.all_rules()
        if len(rule.invalid) < MIN_EXAMPLES_EACH_WAY or len(rule.valid) < MIN_EXAMPLES_EACH_WAY
    }
    assert short == {}, f"rules below {MIN_EXAMPLES_EACH_WAY} examples each way: {short}"
