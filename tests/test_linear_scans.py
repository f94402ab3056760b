"""Scans rewritten to be linear find exactly what the quadratic originals found (the scaling
itself is measured by benchmarks/scaling.py)."""
import re

from hypothesis import given, settings, strategies as st

from loclint.kinds.base import Exceptions
from loclint.text import language

QUADRATIC_NOISE = re.compile(r"https?://\S+|\S+@\S+|[\d_]+|[^\w\s]")
TEXT = st.text(alphabet="ab1_@ .:/\n\"'«»é", max_size=60)


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_language_noise_matches_what_the_quadratic_pattern_matched(text):
    assert language.clean(text) == QUADRATIC_NOISE.sub(" ", text)


def test_an_address_in_a_sentence_is_still_noise():
    assert language.clean("Mail an info@example.de bitte") == "Mail an   bitte"


@settings(max_examples=500, deadline=None)
@given(TEXT, st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=6),
       st.sampled_from([r'"[^"]*"', r"«[^»]*»", r"a+", r"b*", r"\d+ ?[a-z]*"]))
def test_exception_cover_equals_scanning_every_match_per_hit(text, hits, pattern):
    compiled = re.compile(pattern)
    exceptions = Exceptions(compiled)
    for start, width in hits:
        start = min(start, len(text))
        end = min(start + width, len(text))
        naive = any(m.start() <= start and end <= m.end() for m in compiled.finditer(text))
        if start < end:  # hits are never empty
            assert exceptions.cover(text, start, end) == naive
