"""The literal prefilter may only ever rule out texts the regular expression cannot match."""
import json
import re
from pathlib import Path

import pytest

from loclint.text.fold import folded
from loclint.text.literals import required_literals
from loclint.rulebook import load_rulebook

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "listings-real.jsonl"


def test_a_branch_gives_the_union_of_its_branches_literals():
    assert required_literals([r"\b(?:leave|give)\s+(?:a\s+)?(?:review|feedback)"], re.I) == ("feedback", "review")


def test_the_longest_required_run_wins():
    assert required_literals([r"\bhurry\s+up,?\s+sale\s+ends"], re.I) == ("hurry",)


def test_single_characters_and_small_classes_count():
    assert required_literals([r"\b[\w.+-]+@[\w-]+\.\w+"]) == ("@",)
    assert required_literals([r"(?:gst|\d+%)"], re.I) == ("%", "gst")
    assert required_literals([r"[!?]{2,}"]) == ("!", "?")
    assert required_literals([r"[A-Fa-f]x"], re.I) == ("x",)


def test_patterns_that_can_match_without_a_literal_get_no_prefilter():
    assert required_literals([r"\b\w+\d"]) is None
    assert required_literals([r"[^!?]{2,}"]) is None
    assert required_literals([r"[A-Z]{4,}"]) is None
    assert required_literals([r"(?:free)?\s*shipping", r"\d{3,}"], re.I) is None
    assert required_literals([r"(?:free)?"]) is None


def test_optional_parts_are_not_required():
    assert required_literals([r"(?:super\s+)?sale"], re.I) == ("sale",)


def test_case_insensitive_matches_survive_lowering():
    literals = required_literals([r"MWST|Mehrwertsteuer"], re.I)
    assert any(lit in folded("Preis inkl. MWST") for lit in literals)
    assert any(lit in folded("PREIS INKL. MEHRWERTSTEUER") for lit in literals)


def _texts():
    texts = ["Leave us a 5-star review!", "EXCL. GST", "Only 2 items left", "Heilt Arthritis",
             "Rückgaberecht 14 Tage inklusive", "Net wt. 12 oz", "好评返现"]
    if CORPUS.exists():
        with CORPUS.open(encoding="utf-8") as handle:
            for i, line in enumerate(handle):
                if i % 10 == 0:
                    record = json.loads(line)
                    texts += [record.get("title") or "", record.get("description") or ""]
    return texts


@pytest.mark.parametrize("rule", [r for r in load_rulebook().all_rules() if r.kind == "pattern"], ids=lambda r: r.code)
def test_the_prefilter_never_hides_a_match(rule):
    patterns = rule.options["pattern"] if isinstance(rule.options["pattern"], list) else [rule.options["pattern"]]
    flags = 0 if rule.options["case_sensitive"] else re.IGNORECASE
    literals = required_literals(patterns, flags)
    if literals is None:
        pytest.skip("no prefilter for this rule")
    regex = re.compile("|".join(f"(?:{p})" for p in patterns), flags)
    examples = [e.text for e in rule.invalid if e.text]
    for text in _texts() + examples:
        if regex.search(text):
            assert any(lit in folded(text) for lit in literals), (rule.code, text)


def _text_conditions():
    from loclint.ruleset.conditions import parse_condition

    for rule in load_rulebook().all_rules():
        conditions = [*rule.when, *rule.unless]
        if rule.kind == "required":
            conditions += [parse_condition(c) for c in rule.options["any_of"]]
        for condition in conditions:
            if condition.target == "text":
                yield pytest.param(rule, condition, id=f"{rule.code}-{condition.pattern.pattern[:30]}")


@pytest.mark.parametrize("rule, condition", list(_text_conditions()))
def test_a_text_condition_s_literals_never_hide_a_match(rule, condition):
    if condition.literals is None:
        pytest.skip("no literals for this condition")
    examples = [e.text for e in [*rule.invalid, *rule.valid] if e.text]
    for text in _texts() + examples:
        if condition.pattern.search(text):
            assert any(lit in folded(text) for lit in condition.literals), (rule.code, text)
