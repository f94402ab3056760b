"""GB008: the food business operator's name and address in the UK, where EU food-information law
is kept as assimilated law but the `eu` ruleset (EU009) is not loaded; and the UK postcode that
counts as the address."""
import re
from pathlib import Path

import pytest
import yaml

from loclint.api import lint
from loclint.ruleset import default_rulesets_dir

ALMONDS = {"id": "1", "title": "Roasted Marcona Almonds", "attributes": {"category": "fresh chilled food", "weight": "150g"},
           "price": {"amount": 3.7, "currency": "GBP"}}


def _codes(record, market="GB"):
    return {f.rule for f in lint(record, market=market).findings}


def test_gb008_matches_like_eu009_under_british_law(rulebook):
    eu009, gb008 = rulebook.find("EU009"), rulebook.find("GB008")
    assert gb008.extends == "EU009"
    assert (gb008.kind, gb008.severity) == (eu009.kind, eu009.severity)
    assert [c.written for c in gb008.when] == [c.written for c in eu009.when]  # food by its category
    assert "legislation.gov.uk" in gb008.source.url and gb008.source.grade == "L"
    assert "Lebensmittelunternehmer" not in gb008.suggestion  # a British rewrite, not the German one


def test_a_uk_food_offer_without_the_operator_gets_gb008_not_eu009():
    assert _codes(ALMONDS) >= {"GB008"} and "EU009" not in _codes(ALMONDS)
    # ... and an EU market gets EU009, not GB008.
    assert "GB008" not in _codes(ALMONDS, market="DE") and "EU009" in _codes(ALMONDS, market="DE")


@pytest.mark.parametrize("description", [
    "Packed for Example Stores plc, Waterside House, 35 North Wharf Road, London W2 1NW",
    "Manufactured by: Example Dairy Ltd, Welwyn Garden City, AL7 1GA, U.K.",
    "Return to Example Foods Ltd, Unit 4, Riverside Park, Edinburgh EH1 1YZ",
    "Produced for Example Bakeries Ltd, Belfast BT1 1AA",
])
def test_british_operator_lines_with_a_postcode_satisfy_it(description):
    assert "GB008" not in _codes({**ALMONDS, "description": description})


@pytest.mark.parametrize("description", [
    "Manufacturer: Example Dairy Ltd. Vitamins B6 1mg, D 2µg",  # a dose is no postcode
    "Made by Example Drinks, sold as 6 x330ml cans",  # nor a pack size
    "Packed for: Example Stores plc",  # a name alone
])
def test_a_name_without_an_address_does_not(description):
    assert "GB008" in _codes({**ALMONDS, "description": description})


@pytest.mark.parametrize("record", [
    {"title": "Chicken in Jelly Cat Food, 12 x 85g", "attributes": {"category": "Pets > Cat > Cat food"}},
    {"title": "Nt Labs Pro-F Shrimp Enhancer", "attributes": {"category": "aquatics > food"}},
    {"title": "Bin bags, 20 per roll", "attributes": {"category": "Groceries > Household > Bin bags"}},
    {"title": "Daylesford Organic Rosemary Hand Balm", "attributes": {"category": "fresh chilled food"}},
    {"title": "Loose Brown Onions", "attributes": {"category": "Fresh & Chilled Food > Vegetables"}},
])
def test_feed_non_food_and_loose_produce_are_not_judged(record):
    assert "GB008" not in _codes({"id": "1", "price": {"amount": 1.0, "currency": "GBP"}, **record})


def test_loose_leaf_tea_is_prepacked_tea():
    record = {"id": "1", "title": "Earl Grey Loose Leaf Tea", "attributes": {"category": "soft drinks tea coffee"},
              "price": {"amount": 5.0, "currency": "GBP"}}
    assert "GB008" in _codes(record)


def _postal_address() -> str:
    items = yaml.safe_load((Path(default_rulesets_dir()) / "vocab" / "postal_address.yml").read_text(encoding="utf-8"))
    return "(?:" + "|".join(items) + ")"


@pytest.mark.parametrize("text", ["Leeds LS1 4AB", "London EC1N 2HT", "SW1A 1AA", "Glasgow G2 5AB", "Croydon CR0 2AB",
                                  "Manchester M1 1AE", "Hatfield AL10 9UL", "Belfast BT1 1AA"])
def test_the_postal_address_vocabulary_finds_uk_postcodes(text):
    assert re.search(_postal_address(), text, re.IGNORECASE)


@pytest.mark.parametrize("text", ["Vitamin B6 1mg", "6 x330ml cans", "E330ml", "Net 4 x 25g"])
def test_the_postal_address_vocabulary_takes_no_dose_or_pack_size_for_a_postcode(text):
    assert not re.search(_postal_address(), text, re.IGNORECASE)
