"""Shared vocabularies (rulesets/vocab): a list several rules use is kept once and named as
{vocab:name} inside a rule's regular expressions."""
import itertools
import shutil
from pathlib import Path

import pytest
import yaml

from loclint.rulebook import load_rulebook
from loclint.ruleset import RulesetError, default_rulesets_dir
from loclint.ruleset.vocab import expand

REGEX_KEYS = ("when", "unless", "pattern", "exceptions", "near", "not_near")


def test_a_reference_stands_for_the_list_as_one_group():
    problems = []
    rule = {"code": "XX001", "message": "{match} stays", "when": [{"category": "{vocab:mats}|rugs?"}]}
    assert expand(rule, {"mats": "(?:door ?mats?|bath ?mats?)"}, "f.yml: rule XX001", problems) == {
        "code": "XX001", "message": "{match} stays", "when": [{"category": "(?:door ?mats?|bath ?mats?)|rugs?"}]}
    assert problems == []


@pytest.fixture
def rulesets(tmp_path):
    shutil.copytree(default_rulesets_dir(), tmp_path / "rulesets")
    return tmp_path / "rulesets"


def test_an_unknown_vocabulary_names_file_rule_and_key(rulesets):
    symbols = rulesets / "in" / "symbols.yml"
    symbols.write_text(symbols.read_text(encoding="utf-8").replace(
        "{vocab:degrading_products}'}\n    message", "{vocab:degrading_product}'}\n    message", 1), encoding="utf-8")
    with pytest.raises(RulesetError) as caught:
        load_rulebook(rulesets)
    assert caught.value.problems == [
        f"{symbols}: rule IN001: key 'when': unknown vocabulary 'degrading_product' (rulesets/vocab has: "
        "business_buyers, consumer_care_contact, counterfeited_brands, degrading_products, dmr_diseases, "
        "fragrances, postal_and_electronic_address)"]


@pytest.mark.parametrize("content, problem", [
    ("door ?mats?\n", "expected a list of regular expressions"),
    ("- door ?mats?\n- 'slippers?('\n", "bad regular expression 'slippers?(': missing ), unterminated subpattern"),
])
def test_a_bad_vocabulary_names_its_file(rulesets, content, problem):
    (rulesets / "vocab" / "mats.yml").write_text(content, encoding="utf-8")
    with pytest.raises(RulesetError) as caught:
        load_rulebook(rulesets)
    assert [p for p in caught.value.problems if "mats.yml" in p][0].startswith(f"{rulesets / 'vocab' / 'mats.yml'}: {problem}")


def test_a_vocabulary_change_changes_the_rulebook_fingerprint(rulesets):
    before = load_rulebook(rulesets).fingerprint
    path = rulesets / "vocab" / "fragrances.yml"
    path.write_text(path.read_text(encoding="utf-8") + "- incense\n", encoding="utf-8")
    assert load_rulebook(rulesets).fingerprint != before  # cached results must not outlive the list


def test_in001_and_in002_share_one_list_of_degrading_products(rulebook):
    in001, in002 = rulebook.find("IN001").when[0].pattern.pattern, rulebook.find("IN002").when[0].pattern.pattern
    assert in001.startswith("(?:door ?mats?|") and in002.startswith(in001 + "|cushions?")


def _regexes(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _regexes(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _regexes(item)


def test_no_rule_copies_another_rules_alternation():
    """A long alternation written out in two rules (or one extending the other) belongs in rulesets/vocab."""
    found = []
    for path in sorted(Path(default_rulesets_dir()).glob("*/*.yml")):
        if path.parent.name in ("vocab", "contexts"):  # not rulesets
            continue
        for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            found += [(rule["code"], s) for key in REGEX_KEYS for s in _regexes(rule.get(key)) if s.count("|") >= 4]
    copies = [(a, b) for (a, x), (b, y) in itertools.combinations(found, 2)
              if a != b and (x == y or x.startswith(y + "|") or y.startswith(x + "|"))]
    assert copies == []
