"""Rule regular expressions match whole words unless a rule says nonword: true (text/words.py);
category conditions read the record's taxonomy, and its title only with or_title: true."""
import re

import pytest

from loclint.ruleset.conditions import parse_condition
from loclint.text.tokens import tokenize
from loclint.text.words import compound_head, whole_words


class View:
    def __init__(self, title="", text="", **attributes):
        self._title, self._text, self._attributes = title, text or title, attributes

    def attribute(self, name):
        return self._attributes.get(name)

    def joined_text(self):
        return self._text

    def folded_text(self):
        return self._text.casefold()

    def title(self):
        return self._title

    def has_price(self):
        return False


@pytest.mark.parametrize("text, found", [
    ("Bettertainment Stereo Headphones", False),
    ("Bett 140 x 200", True),
    ("Tablet stand", False),
    ("Table, oak", True),
])
def test_a_text_condition_matches_whole_words(text, found):
    assert parse_condition({"text": "bett|table"}).holds(View(text=text)) is found


def test_nonword_lets_a_condition_match_inside_words():
    condition = parse_condition({"text": "gefrier", "nonword": True})
    assert condition.holds(View(text="Gefrierschrank, 200 l"))
    assert not parse_condition({"text": "gefrier"}).holds(View(text="Gefrierschrank, 200 l"))


@pytest.mark.parametrize("pattern, text", [
    (r"\d\s?(?:mm|cm|m)\b", "Maße 120x60x75cm"),  # digits do not make a word: "x60" still starts a number
    (r"€\s?/\s?kg", "9,98€/kg"),  # an edge that is no letter is no boundary to test
    ("高仿", "这是高仿手表"),  # Chinese has no spaces between words
    ("ของแท้", "สินค้าของแท้100%"),  # nor has Thai
    ("セール", "今だけセール中"),  # nor Japanese kana
])
def test_edges_that_are_not_between_two_letters_still_match(pattern, text):
    assert re.search(whole_words(pattern), text, re.IGNORECASE)


def test_global_flags_stay_in_front():
    assert re.search(whole_words(r"(?s)inkl.*MwSt"), "inkl.\nMwSt")


def test_a_category_condition_reads_the_taxonomy_not_the_title():
    condition = parse_condition({"category": "kaffee"})
    assert not condition.holds(View(title="Espressomaschine für Kaffee"))
    assert condition.holds(View(title="Bohnen 500 g", category="Lebensmittel > Kaffee"))
    assert condition.holds(View(title="Bohnen", product_type="Kaffee"))
    assert condition.holds(View(title="Bohnen", google_product_category="Food > Kaffee"))
    assert condition.holds(View(title="Bohnen", breadcrumbs=["Lebensmittel", "Kaffee"]))


def test_or_title_lets_the_title_count():
    condition = parse_condition({"category": "doormat", "or_title": True})
    assert condition.holds(View(title="Printed doormat"))
    assert not condition.holds(View(title="Door stopper"))


@pytest.mark.parametrize("data, problem", [
    ({"category": "x", "or_title": "yes"}, "or_title: must be true or false"),
    ({"text": "x", "nonword": 1}, "nonword: must be true or false"),
    ({"text": "x", "or_title": True}, "unexpected key(s) ['or_title']"),
])
def test_the_new_condition_keys_are_checked(data, problem):
    with pytest.raises(ValueError, match=re.escape(problem)):
        parse_condition(data)


@pytest.mark.parametrize("word, found", [
    ("Esstisch", True), ("Couchtisch", True), ("Couch-Tisch", True), ("Tische", True), ("Tisch", True),
    ("Tischlampe", False), ("Tisch-Lampe", False), ("Schreibtischlampe", False), ("Tischtennisball", False),
])
def test_a_german_compound_is_a_kind_of_its_last_part(word, found):
    match = re.search(compound_head("tisch(?:e|en)?"), word, re.IGNORECASE)
    assert bool(match) is found
    if found:
        assert word.endswith(match.group())  # the match runs to the word's end


def test_a_decimal_number_is_one_token():
    assert [t.norm for t in tokenize("ratio 3.1:1")] == ["ratio", "3.1", ":", "1"]
    assert [t.norm for t in tokenize("1:1 replica")] == ["1", ":", "1", "replica"]


@pytest.mark.parametrize("nonword, matches", [(False, ["art"]), (True, ["art", "art"])])
def test_a_pattern_rule_matches_whole_words_unless_nonword(tmp_path, nonword, matches):
    import json

    import yaml
    from conftest import TODAY, runner

    from loclint.cli import main

    rule = {"code": "TEAM001", "name": "team-art", "kind": "pattern", "severity": "warning", "nonword": nonword,
            "message": "“{match}”", "why": "House style.", "source": {"title": "Style", "url": "https://example.org", "grade": "K"},
            "pattern": "art", "examples": {"invalid": ["art print"], "valid": ["paper"]}}
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "rules.yml").write_text(yaml.safe_dump({"rules": [rule]}), encoding="utf-8")
    (tmp_path / "loclint.toml").write_text('rulesets = ["team"]\nmarket = "DE"\n', encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(json.dumps({"id": "a", "market": "DE", "title": "A smart lamp, art print"}) + "\n")
    result = runner().invoke(main, ["check", "--config", str(tmp_path / "loclint.toml"), "--format", "json", "--no-cache",
                                    "--date", TODAY.isoformat(), "--fail-on", "never", "--select", "TEAM001",
                                    str(tmp_path / "feed.jsonl")])
    findings = json.loads(result.stdout)["findings"]
    assert [f["match"] if "match" in f else f["text"] for f in findings] == matches, result.stdout
