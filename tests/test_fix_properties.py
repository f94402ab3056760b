"""Every rule whose fix is `safe` keeps the safe-fix invariants (loclint.fixsafety) on text
generated around its own examples: words of other languages, neighbouring numbers, fractions,
ratios, model codes and punctuation before and after. For each generated text:

- every safe rewrite starts and ends on token boundaries and leaves every other word and number
  of the field as it was;
- a unit conversion keeps the original quantity beside the metric one;
- applying the safe fixes, then fixing again, changes nothing the second time.
"""
import copy

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from loclint import fixsafety
from loclint.examples import example_record
from loclint.fixer import apply_fixes
from loclint.model import Applicability
from loclint.readers.records import build_record
from loclint.rulebook import load_rulebook

_BOOK = load_rulebook()
SAFE_RULES = [rule for rule in _BOOK.all_rules() if rule.fix is Applicability.SAFE]

# What listings put next to a quantity, a price or a word: other languages' words, numbers of
# every shape (grouped, decimal, fractions, ranges, ratios), model codes, units and signs.
FRAGMENTS = [
    "Kabel", "lang", "cable", "long", "câble", "cabo", "केबल", "كابل", "Road", "Feet", "Route 66",
    "Fifth Avenue", "3", "12", "1.234,5", "1,234.5", "24,99", "3-1/2", "1/2", "6-7", "1:1", "5.2:1",
    "USB-C", "X-15", "A54", "15 x 10", "€", "$", "Rs.", "EUR", "inch", "ft", "lb", "°F", "kg", "cm",
    "(", ")", "-", "/", ",", ".", ":", "\"", "″", "2 in 1", "v2",
]
SEPARATORS = ["", " ", " ", "-", "/", ", ", ". ", ":", "\u00a0"]

around = st.lists(st.sampled_from(FRAGMENTS), max_size=3).map(" ".join)
separator = st.sampled_from(SEPARATORS)


def _examples(rule):
    return [e for e in rule.invalid]


def _record(rule, example, prefix, before, after, suffix):
    market = example.market or _BOOK.example_market(rule)
    if example.text is not None:
        text = f"{prefix}{before}{example.text}{after}{suffix}"
        return market, example_record(example, market, text)
    data = copy.deepcopy(example.record)  # a whole record: vary its title
    data.update(id="example", market=data.get("market", market))
    data["title"] = f"{prefix}{before}{data.get('title', '')}{after}{suffix}"
    return market, build_record(data, path="<example>", line=1, index=1)


def _safe(findings):
    return [f for f in findings if f.suggestions and f.suggestions[0].applicability is Applicability.SAFE]


def _fixed_fields(linter, market, record, rule):
    """Each field's text after one pass of the rule's safe fixes, and the findings applied."""
    findings = [f for f in linter.market(market).lint(record) if f.rule == rule.code]
    texts = {}
    for field in record.fields:
        mine = [f for f in _safe(findings) if f.field == field.path]
        if mine:
            texts[field.path] = apply_fixes(field.text, mine)[0]
    return texts, _safe(findings)


def _with_fields(record, texts):
    from msgspec.structs import replace

    return replace(record, fields=tuple(replace(f, text=texts.get(f.path, f.text)) for f in record.fields))


def test_every_safe_rule_has_examples_to_generate_from():
    assert {r.code for r in SAFE_RULES} >= {"MET001", "MET002", "MET004", "LOC001", "DE013", "DE014", "BR002"}
    assert all(_examples(rule) for rule in SAFE_RULES)


@pytest.mark.parametrize("rule", SAFE_RULES, ids=lambda rule: rule.code)
@settings(max_examples=40, deadline=None, database=None,  # nothing written beside the tests
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), prefix=around, before=separator, after=separator, suffix=around)
def test_safe_fixes_keep_their_invariants(linter, rule, data, prefix, before, after, suffix):
    example = data.draw(st.sampled_from(_examples(rule)))
    market, record = _record(rule, example, prefix + " " if prefix else "", before, after,
                             " " + suffix if suffix else "")
    texts, applied = _fixed_fields(linter, market, record, rule)
    by_path = {f.path: f.text for f in record.fields}
    for finding in applied:
        text, replacement = by_path[finding.field], finding.suggestions[0].replacement
        assert fixsafety.splits_token(text, finding.start, finding.end) is None, (text, finding.text)
        assert fixsafety.disturbs_neighbours(text, finding.start, finding.end, replacement) is None, (text, replacement)
        if rule.kind == "units":
            assert replacement.endswith(f"({finding.text})"), replacement  # the original stays beside
    if not texts:
        return
    again, reapplied = _fixed_fields(linter, market, _with_fields(record, texts), rule)
    assert reapplied == [], [(f.text, f.suggestions[0].replacement) for f in reapplied]
