"""The gate folds text as a token's norm does (text.fold): a trigger whose
first word a listing writes with Arabic harakat or tatweel, or with or without the Devanagari
nukta, opens its rule's key, so the terms rule gets to see it. A fold that drops characters must
still keep every literal found in a text found in the folded text."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from loclint import api
from loclint.text.fold import folded
from loclint.text.literals import required_literals


def _rules(market: str, record: dict) -> set[tuple[str, str]]:
    return {(f.rule, f.text) for f in api.lint([record], market=market)}


@pytest.mark.parametrize("title", [
    "لحم خِنْزِير مقدد",  # harakat on the trigger's only word
    "لحم خـنـزيـر مقدد",  # tatweel
])
def test_an_arabic_trigger_with_marks_in_its_first_word_fires(title):
    found = _rules("AE", {"id": "r", "title": title, "attributes": {"category": "food"}})
    assert any(rule == "GCC001" for rule, _ in found), found


@pytest.mark.parametrize("title", [
    "जड से खत्म करे यह चूर्ण",  # the trigger is written "जड़ से ख़त्म": here without the nukta
    "जड़ से ख़त्म करे यह चूर्ण",  # with it
])
def test_a_hindi_trigger_written_with_or_without_the_nukta_fires(title):
    found = _rules("IN", {"id": "r", "title": title, "attributes": {"category": "ayurveda"}})
    assert any(rule == "IN017" for rule, _ in found), found


def test_text_without_the_trigger_stays_quiet():
    assert not any(rule == "GCC001" for rule, _ in _rules(
        "AE", {"id": "r", "title": "لحم بَقَري مقدد", "attributes": {"category": "food"}}))


_MARKED = st.text(alphabet=st.sampled_from(list("خنزيرجلاتكحولابڈड़क़ज़ıİIiaA \u064e\u0650\u0652\u0640\u093c")), max_size=20)


@given(_MARKED, _MARKED, _MARKED)
def test_a_literal_found_in_a_text_is_found_in_the_folded_text(before, literal, after):
    assert folded(literal) in folded(before + literal + after)


def test_a_class_of_marks_the_fold_drops_gives_no_literal():
    # "[\u064e\u0650]" needs a haraka; folded text has none, so no literal may stand for it.
    assert required_literals(["[\u064e\u0650]"]) is None
    assert required_literals(["x[\u064e\u0650]"]) == ("x",)
