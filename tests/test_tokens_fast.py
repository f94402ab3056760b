"""text.tokens: the word branch is one character class (no lookahead per character), and norms()
lowers ASCII text whole. Both must give the tokens the earlier forms gave, on any text."""
import re

from hypothesis import given, settings, strategies as st

from loclint.text import tokens

# The tokenizer as it was written before (the reference).
_LOOKAHEAD_WORDS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|\d+(?:[.,]\d+)+(?![\w.,]*\w)|(?:(?![\u3400-\u9fff\uf900-\ufaff])\w)+(?:['’]\w+)*|[^\w\s]")

_ASCII = st.sampled_from(list("aZ09_ -'.,:;!?\n\t") + ["Women's", "CE-geprüft"[:2], "3.1:1", "x--y", "1,5"])
_ANY = st.sampled_from(list("aZ09_ -‐‑–'’.,!\n") + ["Größe", "İstanbul", "ß", "ﬁ", "中文", "高仿", "Ⅻ", "²", "é", "ı", "ŉ"])
_TEXT = st.one_of(st.lists(_ASCII, max_size=30), st.lists(_ANY, max_size=30)).map("".join)


def _reference_norms(text: str) -> list[str]:
    return [word.casefold() for word in _LOOKAHEAD_WORDS.findall(text) if word not in tokens.JOINERS]


@settings(max_examples=600, deadline=None)
@given(_TEXT)
def test_tokens_and_norms_match_the_reference(text):
    assert [m.span() for m in tokens.TOKEN_RE.finditer(text)] == [m.span() for m in _LOOKAHEAD_WORDS.finditer(text)]
    assert tokens.norms(text) == _reference_norms(text) == [t.norm for t in tokens.tokenize(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_norms_on_arbitrary_text(text):
    assert tokens.norms(text) == _reference_norms(text)


def test_written_examples():
    for text in ("Women's Top - Blue", "CE-geprüft 3.1:1 ratio", "ABC-DEF", "Straße – ß", "高仿 Rolex-Uhr", "a - b -- c"):
        assert tokens.norms(text) == _reference_norms(text)
