"""Named contexts (rulesets/contexts): a kind of text around a match, defined once with examples,
that rules name in `unless_in` instead of each writing a string exception of its own."""

import pytest

from loclint.rulebook import load_rulebook
from loclint.ruleset import RulesetError
from loclint.ruleset.contexts import example_problem


def _context_examples():
    rulebook = load_rulebook()
    for context in rulebook.contexts.values():
        for covered, group in ((True, context.covers), (False, context.not_covers)):
            for example in group:
                yield pytest.param(context, example, covered,
                                   id=f"{context.name}-{'covers' if covered else 'not'}-{example.text[:30]}")


@pytest.mark.parametrize("context, example, covered", list(_context_examples()))
def test_context_example(context, example, covered):
    assert example_problem(context, example, covered) is None


def test_the_builtin_contexts_exist(rulebook):
    assert {"advice_to_buyer", "statutory_declaration", "model_number", "postal_address"} <= set(rulebook.contexts)


def test_a_rule_names_its_contexts_and_the_page_says_so(rulebook):
    from loclint.rule_matches import _filters

    de001 = rulebook.find("DE001")
    assert [c.name for c in de001.unless_in] == ["advice_to_buyer"]
    assert any("`advice_to_buyer`" in line and "rulesets/contexts/advice_to_buyer.yml" in line for line in _filters(de001))


def test_an_unknown_context_names_file_rule_and_key(rulesets):
    claims = rulesets / "de" / "claims.yml"
    claims.write_text(claims.read_text(encoding="utf-8").replace(
        "unless_in: [advice_to_buyer]", "unless_in: [advice_to_buyers]", 1), encoding="utf-8")
    with pytest.raises(RulesetError) as caught:
        load_rulebook(rulesets)
    [problem] = caught.value.problems
    assert problem.startswith(f"{claims}: rule DE001: key 'unless_in': unknown context(s) 'advice_to_buyers' "
                              "(rulesets/contexts has: advice_to_buyer, ")


def test_a_kind_that_flags_no_span_refuses_unless_in(rulesets):
    disclosures = rulesets / "in" / "disclosures.yml"
    text = disclosures.read_text(encoding="utf-8")
    disclosures.write_text(text.replace("    name: missing-net-quantity\n",
                                        "    name: missing-net-quantity\n    unless_in: [model_number]\n", 1),
                           encoding="utf-8")
    with pytest.raises(RulesetError) as caught:
        load_rulebook(rulesets)
    assert caught.value.problems == [f"{disclosures}: rule IN007: key 'unless_in': a required rule flags no span "
                                     "of text, so no context can contain it"]


@pytest.mark.parametrize("content, problem", [
    ("description: x\nsource: y\npatterns: ['(']\nexamples: {covers: [a], not_covers: [b]}\n", "bad regular expression"),
    ("description: x\nsource: y\npatterns: [a]\nexamples: {covers: [a]}\n", "key 'examples'"),
    ("description: x\npatterns: [a]\nexamples: {covers: [a], not_covers: [b]}\n", "key 'source'"),
])
def test_a_bad_context_names_its_file_and_key(rulesets, content, problem):
    path = rulesets / "contexts" / "broken.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RulesetError) as caught:
        load_rulebook(rulesets)
    assert any(p.startswith(f"{path}: ") and problem in p for p in caught.value.problems)


def test_a_context_change_changes_the_rulebook_fingerprint(rulesets):
    before = load_rulebook(rulesets).fingerprint
    path = rulesets / "contexts" / "model_number.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("artikelnummer|", "artikelnummer|bestellnummer|"),
                    encoding="utf-8")
    assert load_rulebook(rulesets).fingerprint != before


def test_a_context_example_that_fails_says_why(rulebook):
    advice = rulebook.contexts["advice_to_buyer"]
    from loclint.ruleset.contexts import ContextExample

    assert "is not covered" in example_problem(advice, ContextExample("Die besten Räder", "besten"), True)
    assert "is covered" in example_problem(
        advice, ContextExample("Wir helfen Ihnen, die besten Räder zu finden.", "besten"), False)


def test_in009_and_the_statutory_declaration_share_the_consumer_care_definition(rulebook):
    """IN009 accepts the consumer-care line as the declaration; MP005 must leave that line alone."""
    in009 = rulebook.find("IN009")
    # As written (vocabulary expanded): the compiled pattern adds word edges around it.
    patterns = [c.written for c in _parsed_any_of(in009) if c.pattern is not None]
    care = rulebook.contexts["statutory_declaration"].patterns[0]
    assert any(care.startswith(p) for p in patterns)


def _parsed_any_of(rule):
    from loclint.ruleset.conditions import parse_condition

    return [parse_condition(item) for item in rule.options["any_of"]]
