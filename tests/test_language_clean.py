"""text.language.clean: it leaves out the address and URL branches of its noise regex when the
text holds no "@" or "://" and cleans ASCII text byte by byte (it must give what the whole
regex gives, on any text), and it keeps
combining marks, so the detector sees Hindi, Thai and Arabic words whole."""
import pytest
from hypothesis import given, settings, strategies as st

from loclint import api
from loclint.text import language

_PIECES = st.sampled_from(list("ab hé@:/._-9\n\t€!") + ["http", "https", "://", "www", "a@b.c", "ü", "中",
                                                               "इलाज", "\u093e", "।", "ผิว", "\u0e34", "خِنزير"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=40))
def test_clean_equals_the_whole_noise_regex(pieces):
    text = "".join(pieces)
    assert language.clean(text) == language._NOISE.sub(" ", text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_clean_of_ascii_text_equals_the_whole_noise_regex(text):
    assert language.clean(text) == language._NOISE.sub(" ", text)


def test_each_ascii_character_is_cleaned_as_the_regex_cleans_it():
    # \s of `re` also takes the separators \x1c-\x1f; \x00 is a symbol like any other.
    for code in range(128):
        text = f"a{chr(code)}b {chr(code) * 3} 1{chr(code)}2"
        assert language.clean(text) == language._NOISE.sub(" ", text), repr(chr(code))


def test_clean_on_written_examples():
    for text in ("Mail info@shop.de or see https://shop.de/x now", "no address 12 kg", "ftp://x y@z",
                 "http:/not a url", "@ alone", "Größe: 42 – «neu»!"):
        assert language.clean(text) == language._NOISE.sub(" ", text)


def test_combining_marks_are_kept_so_words_stay_whole():
    # Indic vowel signs, Thai vowels and Arabic harakat are not \w to `re`; blanking them cut
    # Hindi words apart and CLD2 read the pieces as Bihari or nothing.
    assert language.clean("डायबिटीज़ का पक्का इलाज।").split() == ["डायबिटीज़", "का", "पक्का", "इलाज"]
    assert language.clean("ผิวขาวกระจ่างใส!").split() == ["ผิวขาวกระจ่างใส"]
    assert language.clean("لَحْم، خِنْزِير").split() == ["لَحْم", "خِنْزِير"]


@pytest.mark.parametrize("text", [
    "पूरे भारत में मुफ्त डिलीवरी और सात दिनों के भीतर आसान वापसी।",
    "ठंडे पानी में हल्के हाथ से धोएं, ब्लीच का प्रयोग न करें।",
    "एक साल की वारंटी, ग्राहक सेवा हिंदी और अंग्रेज़ी में उपलब्ध है।",
])
def test_hindi_copy_in_a_british_listing_is_not_the_markets_language(text):
    # Each of these was missed while clean() blanked the vowel signs (benchmarks/langid_accuracy.py
    # --rules: Hindi caught in 22 % of foreign markets before, 100 % after, no false finding).
    findings = api.lint([{"id": "r", "title": "Cotton kurta", "description": text}], market="GB")
    assert any(f.rule == "LOC003" and f.field == "description" for f in findings)


def test_hindi_copy_in_an_indian_listing_is_not_flagged():
    text = "पूरे भारत में मुफ्त डिलीवरी और सात दिनों के भीतर आसान वापसी।"
    assert not any(f.rule == "LOC003" for f in api.lint([{"id": "r", "title": "कुर्ता", "description": text}], market="IN"))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([b"\0", b"\0" * 7, b"\0" * 33, b"a", b" ", b"ab"]), max_size=30).map(b"".join))
def test_runs_of_nuls_become_one_space_each_as_the_regex_makes_them(marked):
    # clean's ASCII path marks digits and "_" with NULs and collapses their runs without a regex.
    import re

    assert language._spaced_runs(marked) == re.sub(rb"\0+", b" ", marked)
