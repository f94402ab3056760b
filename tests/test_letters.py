"""text.letters: a threshold count of letters (Indic vowel signs count) that stops early, and
must agree with counting every character wherever the answer matters."""
import unicodedata

import pytest
from hypothesis import given, strategies as st

from loclint.text.letters import letters

HINDI = "सूती कपड़े से बनी आरामदायक कुर्ता, हाथ से सिली हुई"
TEXTS = [
    "", "Kabel, 6 ft lang", "12345 !!! ---", HINDI, HINDI * 3,
    "Kabellose Kopfhörer mit aktiver Geräuschunterdrückung und 30 Stunden Akkulaufzeit",
    "1" * 500 + " Kopfhörer",  # the letters only after a long run of digits
    "- " * 100 + HINDI,  # marks needed, after a long run of symbols
    "é" * 39, "e\u0301" * 39,  # a combining accent is a mark
]


def _every_character(text: str) -> int:
    return sum(c.isalpha() or unicodedata.category(c)[0] == "M" for c in text)


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("enough", [1, 20, 40, 80])
def test_exact_below_enough_and_at_least_enough_above(text, enough):
    exact = _every_character(text)
    counted = letters(text, enough)
    if exact < enough:
        assert counted == exact
    else:
        assert enough <= counted <= exact


@given(st.text(max_size=300), st.integers(min_value=0, max_value=120))
def test_agrees_with_counting_every_character(text, enough):
    exact = _every_character(text)
    counted = letters(text, enough)
    assert counted == exact if exact < enough else enough <= counted <= exact


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=300), st.integers(min_value=0, max_value=120))
def test_ascii_text_counted_from_its_bytes_agrees_with_counting_every_character(text, enough):
    exact = _every_character(text)
    counted = letters(text, enough)
    assert counted == exact if exact < enough else enough <= counted <= exact


def test_a_text_ascii_in_its_head_only_counts_each_part_its_own_way():
    text = "1" * 120 + " Kopfhörer" * 5  # an ASCII head without letters, the rest not ASCII
    assert letters(text, 60) == _every_character(text) == 45
