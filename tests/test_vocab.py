"""Shared vocabularies (rulesets/vocab): a list several rules use is kept once and named as
{vocab:name} inside a rule's regular expressions."""
import itertools
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from loclint.rulebook import load_rulebook
from loclint.ruleset import RulesetError, default_rulesets_dir
from loclint.ruleset import vocab
from loclint.ruleset.vocab import Vocabulary, as_written, expand, load_vocabularies

REGEX_KEYS = ("when", "unless", "pattern", "exceptions", "near", "not_near")


def test_a_reference_stands_for_the_list_as_one_group():
    problems = []
    rule = {"code": "XX001", "message": "{match} stays", "when": [{"category": "{vocab:mats}|rugs?"}]}
    expanded = expand(rule, {"mats": Vocabulary("mats", "(?:door ?mats?|bath ?mats?)")}, "f.yml: rule XX001", problems)
    assert expanded == {"code": "XX001", "message": "{match} stays",
                        "when": [{"category": "(?:(?#vocab:mats)(?:door ?mats?|bath ?mats?))|rugs?"}]}
    assert problems == []
    assert re.fullmatch(expanded["when"][0]["category"], "bath mat")
    # a rule page shows the reference again
    assert as_written(expanded["when"][0]["category"]) == "{vocab:mats}|rugs?"


def test_as_written_skips_parentheses_inside_classes_and_escapes():
    assert as_written(r"a(?:(?#vocab:x)(?:[()]|\)|b))c") == "a{vocab:x}c"


def test_an_unknown_vocabulary_names_file_rule_and_key(rulesets):
    symbols = rulesets / "in" / "symbols.yml"
    symbols.write_text(symbols.read_text(encoding="utf-8").replace(
        "{vocab:degrading_products}', or_title", "{vocab:degrading_product}', or_title", 1), encoding="utf-8")
    with pytest.raises(RulesetError) as caught:
        load_rulebook(rulesets)
    assert caught.value.problems == [
        f"{symbols}: rule IN001: key 'when': unknown vocabulary 'degrading_product' (rulesets/vocab has: "
        "best_not_a_rank, business_buyers, collectibles, consumer_care_contact, cosmetics, counterfeited_brands, degrading_products, "
        "dmr_diseases, electrical_equipment, electronic_address, food, fragrances, furniture, "
        "international_product_names, outside_weee, pet_diseases, pet_food, postal_address, services, sold_by_quantity)"]


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
    in001, in002 = (as_written(rulebook.find(code).when[0].written) for code in ("IN001", "IN002"))
    assert in001 == "{vocab:degrading_products}" and in002.startswith(in001 + "|cushions?")


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


def _class_vocabularies():
    problems = []
    found = load_vocabularies(Path(default_rulesets_dir()) / "vocab", lambda p: yaml.safe_load(p.read_text(encoding="utf-8")), problems)
    assert problems == []
    return {name: v for name, v in found.items() if v.match or v.no_match}


CLASSES = _class_vocabularies()


def test_the_product_class_vocabularies_have_examples():
    assert {"furniture", "electrical_equipment", "outside_weee", "food", "cosmetics", "sold_by_quantity",
            "collectibles"} <= set(CLASSES)


@pytest.mark.parametrize("name, text", [(n, t) for n, v in CLASSES.items() for t in v.match])
def test_a_vocabulary_finds_its_match_examples(name, text):
    assert re.search(CLASSES[name].regex, text, re.IGNORECASE), f"{name} must match {text!r}"


@pytest.mark.parametrize("name, text", [(n, t) for n, v in CLASSES.items() for t in v.no_match])
def test_a_vocabulary_misses_its_no_match_examples(name, text):
    found = re.search(CLASSES[name].regex, text, re.IGNORECASE)
    assert not found, f"{name} must not match {text!r} (matched {found.group()!r})"


@pytest.mark.parametrize("content, problem", [
    ("words: {de: tisch}\n", "words: de: expected a list of regular expressions"),
    ("words: {de: [tisch]}\nexamples: {match: tisch}\n", "examples: expected {match: [texts], no_match: [texts]}"),
    ("words: {de: [tisch]}\nsynonyms: [table]\n", "unexpected key(s) ['synonyms']"),
])
def test_a_malformed_class_vocabulary_names_its_file(rulesets, content, problem):
    (rulesets / "vocab" / "mats.yml").write_text(content, encoding="utf-8")
    with pytest.raises(RulesetError) as caught:
        load_rulebook(rulesets)
    assert any(p.startswith(f"{rulesets / 'vocab' / 'mats.yml'}: {problem}") for p in caught.value.problems)


# Rule-like data: the YAML scalars (dates too), lists and mappings, with strings that sometimes
# hold a reference, a near miss or a reference to a vocabulary that does not exist.
_TEXTS = st.sampled_from(["{vocab:mats}", "a{vocab:mats}|b", "{vocab:nope}", "{vocab:", "vocab:mats}",
                          "{Vocab:mats}", "\x00{vocab:mats}", "é{vocab:mats}é"]) | st.text(max_size=12)
_SCALARS = _TEXTS | st.integers() | st.floats(allow_nan=False) | st.booleans() | st.none() | st.dates()
_KEYS = _TEXTS | st.integers() | st.booleans()
_DATA = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
                     max_leaves=20)


def _expanded_walking_everything(rule, vocabularies):
    """expand() without its shortcut: every string of the rule searched."""
    problems = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(vocab, "_may_refer", lambda rule: True)
        return expand(rule, vocabularies, "f.yml: rule XX001", problems), problems


@settings(max_examples=300, deadline=None)
@given(rule=st.dictionaries(_KEYS, _DATA, max_size=5))
def test_expand_skips_only_rules_no_walk_would_change(rule):
    vocabularies = {"mats": Vocabulary("mats", "(?:door ?mats?)")}
    problems = []
    assert (expand(rule, vocabularies, "f.yml: rule XX001", problems), problems) == \
        _expanded_walking_everything(rule, vocabularies)


def test_expand_gives_every_built_in_rule_what_a_walk_over_it_gives():
    from loclint.ruleset.shipped import checked_documents

    root = default_rulesets_dir()
    documents = checked_documents(root)
    vocabularies = load_vocabularies(root / "vocab", lambda path: documents[path].data, [])
    rules = [rule for document in documents.values() if isinstance(document.data, dict)
             for rule in document.data.get("rules", [])]
    referring = 0
    for rule in rules:
        problems = []
        expanded = expand(rule, vocabularies, "f.yml: rule XX001", problems)
        assert (expanded, problems) == _expanded_walking_everything(rule, vocabularies)
        referring += expanded != rule
    assert 0 < referring < len(rules)
