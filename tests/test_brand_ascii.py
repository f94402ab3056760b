"""text.brand finds an ASCII brand in ASCII text without compiling its regex (ascii_spans): it
must find what the brand's regex finds, in any case, spacing and neighbourhood."""
from hypothesis import given, settings, strategies as st

from loclint.text import brand

_WORD = st.text(alphabet="abkKsS0_-.&'", min_size=1, max_size=4)
_FILL = st.sampled_from(["", " ", "  ", "\t", "\n", "\x1c", "\x0b", "x", "_", "1", "-", ".", "A", "é"[:0], "(", ")"])


def _regex_spans(text: str, name: str) -> list[tuple[int, int]]:
    return [m.span() for m in brand._brand_regex(name).finditer(text)]


@settings(max_examples=500, deadline=None)
@given(st.lists(_WORD, min_size=1, max_size=3), st.data())
def test_ascii_spans_equal_the_regex(words, data):
    name = " ".join(words)
    cases = st.sampled_from([str.lower, str.upper, str.title, lambda s: s])
    pieces = data.draw(st.lists(st.one_of(_FILL, _WORD, st.just(name).map(data.draw(cases))), max_size=12))
    text = "".join(pieces)
    assert brand.ascii_spans(text, name.split()) == _regex_spans(text, name)
    assert brand.brand_spans(text, (name,)) == _regex_spans(text, name)


def test_written_examples():
    for text, name in [("Sale Funda  wrist watch by SALE\tFUNDA", "Sale Funda"), ("Best Choice_x Best Choice", "Best Choice"),
                       ("lego legos LEGO-DOTS", "LEGO"), ("A&B a&b", "A&B"), ("kobo kobokobo Kobo", "Kobo"),
                       ("Sale\n\nFunda", "Sale Funda"), ("SaleFunda", "Sale Funda")]:
        assert brand.ascii_spans(text, name.split()) == _regex_spans(text, name), (text, name)
