"""text.language.clean leaves out the address and URL branches of its noise regex when the text
holds no "@" or "://": it must give what the whole regex gives, on any text."""
from hypothesis import given, settings, strategies as st

from loclint.text import language

_PIECES = st.sampled_from(list("ab hé@:/._-9\n\t€!") + ["http", "https", "://", "www", "a@b.c", "ü", "中"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=40))
def test_clean_equals_the_whole_noise_regex(pieces):
    text = "".join(pieces)
    assert language.clean(text) == language._NOISE.sub(" ", text)


def test_clean_on_written_examples():
    for text in ("Mail info@shop.de or see https://shop.de/x now", "no address 12 kg", "ftp://x y@z",
                 "http:/not a url", "@ alone", "Größe: 42 – «neu»!"):
        assert language.clean(text) == language._NOISE.sub(" ", text)
