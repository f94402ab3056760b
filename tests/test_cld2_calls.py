"""How text/cld2.py hands a text to CLD2: an ASCII text is blanked byte by byte (_REFUSED_ASCII)
instead of by the _REFUSED regex, and pycld2.detect is called with its parameters in order
instead of by keyword. Both must give CLD2 the same input and options: compared on the rule
examples' texts and generated text, with and without the market hint. The regex path (any
non-ASCII text) is compared too."""
import inspect
import re

import pytest
from hypothesis import given, settings, strategies as st

from loclint.text import cld2

pycld2 = pytest.importorskip("pycld2")


def _keywords(text, hint_header: str):
    """The call as written before, by keyword."""
    return pycld2.detect(text, isPlainText=True, bestEffort=True, hintLanguageHTTPHeaders=hint_header)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.fixture(scope="module")
def example_texts(rulebook) -> list[str]:
    texts = set()
    for rule in rulebook.all_rules():
        for example in (*rule.invalid, *rule.valid):
            texts.update(_strings(example.text))
            texts.update(_strings(example.record))
    return sorted(texts)


def test_the_parameters_are_in_the_order_the_call_gives_them():
    names = re.findall(r"^    (\w+):", pycld2.detect.__doc__, re.M)
    assert names[:14] == ["utf8Bytes", "isPlainText", "hintTopLevelDomain", "hintLanguage", "hintLanguageHTTPHeaders",
                          "hintEncoding", "returnVectors", "debugScoreAsQuads", "debugHTML", "debugCR", "debugVerbose",
                          "debugQuiet", "debugEcho", "bestEffort"]
    assert "bestEffort" in inspect.getsource(cld2._detect)


def test_ascii_text_is_blanked_as_the_regex_blanks_it():
    for code in range(128):
        text = f"a{chr(code)}b {chr(code) * 3}"
        assert cld2._accepted(text) == cld2._REFUSED.sub(" ", text).encode("ascii"), repr(chr(code))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_generated_ascii_text_is_blanked_as_the_regex_blanks_it(text):
    assert cld2._accepted(text) == cld2._REFUSED.sub(" ", text).encode("ascii")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_other_text_goes_through_the_regex(text):
    accepted = cld2._accepted(text)
    expected = cld2._REFUSED.sub(" ", text)
    assert accepted == (expected.encode("ascii") if text.isascii() else expected)


@pytest.mark.parametrize("hint_header", ["", "de", "pt,en"])
def test_the_positional_call_answers_as_the_keyword_call_on_the_examples(example_texts, hint_header):
    assert len(example_texts) > 1000
    for text in example_texts:
        refused = cld2._REFUSED.sub(" ", text)
        try:
            expected = _keywords(refused, hint_header)
        except pycld2.error:
            with pytest.raises(pycld2.error):
                cld2._detect(pycld2, cld2._accepted(text), hint_header)
            continue
        assert cld2._detect(pycld2, cld2._accepted(text), hint_header) == expected, text


_PIECES = st.sampled_from(["Baumwolle ", "cotton ", "soft ", "algodão ", "coton doux ", "मुलायम ", "ผิว", "中文",
                           "42 ", "inch ", "\x0b", "\x1f", "\x7f", "\x85", "é", " ", "\n", "la ", "der ", "the "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join), st.sampled_from(["", "de", "pt", "en,hi"]))
def test_the_positional_call_answers_as_the_keyword_call_on_generated_text(text, hint_header):
    assert cld2._detect(pycld2, cld2._accepted(text), hint_header) == _keywords(cld2._REFUSED.sub(" ", text),
                                                                                hint_header)


def test_a_hint_reaches_cld2():
    # The header is the fifth parameter: given in the wrong place it would change nothing here.
    text = "Camiseta de algodão"
    assert cld2._detect(pycld2, cld2._accepted(text), "es") != cld2._detect(pycld2, cld2._accepted(text), "")
