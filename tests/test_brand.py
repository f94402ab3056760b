"""The record's brand (text.brand): from the brand attribute or the category path, and where a
field names it, so `skip_brand` rules leave a trigger word that is part of the brand alone."""
import pytest
from conftest import TODAY

from loclint.engine import Linter
from loclint.readers.records import build_record
from loclint.ruleset.loader import read_rulebook
from loclint.kinds import KINDS
from loclint.text.brand import brand_spans, category_brands, record_brands


def test_a_category_leaf_named_brand_plus_parent_names_the_brand_the_title_starts_with():
    watches = "Watches >> Wrist Watches >> Sale Funda Wrist Watches"
    assert category_brands(watches, "Sale Funda SF694 Analog Watch") == ("Sale Funda",)
    assert category_brands("Home > Mugs > Best Buy  Mugs", "Best Buy Ceramic Mug") == ("Best Buy",)
    assert category_brands(watches, "Analog Watch by Sale Funda") == ()  # the title does not lead with it
    assert category_brands("Pets >> Furniture >> Pet Furniture", "Lal Pet Products Pet Bed") == ()  # a kind
    assert category_brands("Sale Funda Wrist Watches", "Sale Funda Watch") == ()  # no parent node
    assert category_brands("", "Sale Funda Watch") == ()


def test_the_brand_attribute_wins_over_the_category():
    attributes = {"brand": "Hot Deal", "category": "Watches >> Wrist Watches >> Sale Funda Wrist Watches"}
    title = "Sale Funda SF694 Analog Watch"
    assert record_brands(attributes.get, title) == ("Hot Deal",)
    assert record_brands({"category": attributes["category"]}.get, title) == ("Sale Funda",)
    assert record_brands({}.get, title) == ()


def test_brand_spans_are_whole_words_in_any_case_and_spacing():
    assert brand_spans("SALE  FUNDA watch, Sale Fundamentals", ("Sale Funda",)) == [(0, 11)]
    assert brand_spans("Hot Deals", ("Hot Deal",)) == []


RULE = """\
rules:
  - code: TEAM001
    name: team-hype
    kind: pattern
    severity: warning
    fields: [title]
    skip_brand: true
    message: "“{match}” is hype."
    why: the team's own style
    source: {title: Team style guide, url: "https://example.org/style", grade: K}
    pattern: '\\bsuper\\b'
    examples:
      invalid: ["Super Kettle"]
      valid: [{text: "Super Home Kettle", attributes: {brand: Super Home}}]
"""


def test_a_pattern_rule_skips_a_match_inside_the_brand(tmp_path):
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "style.yml").write_text(RULE, encoding="utf-8")
    linter = Linter(read_rulebook(None, (str(tmp_path / "team"),), KINDS), day=TODAY, select=["TEAM001"])

    def found(title, attributes):
        record = build_record({"id": "a", "market": "DE", "title": title, "attributes": attributes},
                              path="f.jsonl", line=1, index=1)
        return [f.text for f in linter.lint_record(record)]

    assert found("Super Home Kettle, super fast", {"brand": "Super Home"}) == ["super"]
    assert found("Super Home Kettle", {"category": "Kitchen >> Kettles >> Super Home Kettles"}) == []
    assert found("Super Home Kettle", {}) == ["Super"]


@pytest.mark.parametrize("brand, text", [
    ("Sale Funda", "SALE   FUNDA watch"),
    ("İpek", "ipek halı"),  # Turkish dotted capital I: IGNORECASE finds it, so must the pre-test
    ("Kılıç", "KILIÇ bıçak"),
    ("Straße", "STRASSE"),
    ("ſale", "SALE"),
    ("Kelvin", "\u212aelvin"),  # the Kelvin sign is a K to IGNORECASE
    ("Σοφία", "ΣΟΦΊΑ σοφία σοφίας"),
    ("LEGO", "no brand here"),
])
def test_the_substring_pre_test_finds_every_span_the_brand_regex_finds(brand, text):
    from loclint.text.brand import _brand_regex

    assert brand_spans(text, (brand,)) == [m.span() for m in _brand_regex(brand).finditer(text)]
