"""text.widen: a widened pattern, compiled by Hyperscan, matches wherever the Python pattern does."""
import functools
import re
import sys

import pytest
from hypothesis import given, settings, strategies as st

from loclint.text.widen import ASCII_PARTNERS, widened

hs = pytest.importorskip("hyperscan")
_FLAGS = hs.HS_FLAG_UTF8 | hs.HS_FLAG_DOTALL | hs.HS_FLAG_SINGLEMATCH | hs.HS_FLAG_ALLOWEMPTY


def _scanner(source, flags=0):
    pattern = widened(source, flags)
    assert pattern is not None, source
    return _exact_scanner(pattern)


@functools.lru_cache(maxsize=None)  # a hypothesis test asks for the same few patterns again
def _exact_scanner(pattern):
    """Whether Hyperscan finds ``pattern`` (as written) in a text."""
    database = hs.Database(mode=hs.HS_MODE_BLOCK)
    database.compile(expressions=[pattern.encode()], ids=[0], elements=1, flags=[_FLAGS])

    def matches(text):
        hits = []
        database.scan(text.encode(), match_event_handler=lambda *args: hits.append(args))
        return bool(hits)

    return matches


# Lookarounds, \b, anchors, back-references, case (ASCII and not), classes, repeats, scoped flags.
PATTERNS = [
    (r"\bfree\s+shipping\b", re.IGNORECASE),
    (r"(?<![\w.])\d+(?:[.,]\d+)?\s*(?:in|inch(?:es)?|\")(?!\w)", re.IGNORECASE),
    (r"^(?:best|top)[- ]?seller$", re.IGNORECASE | re.MULTILINE),
    (r"(\w)\1{2,}", 0),
    (r"(?i:sk)i(?-i:K)", 0),
    (r"größte|über", re.IGNORECASE),
    (r"ÜBER", 0),
    (r"[^a-z0-9 ]{2}", re.IGNORECASE),
    (r"[\W\d]x[^\s]", 0),
    (r"€\s?\d{1,3}(?:[.,]\d{3}){0,40}", 0),
    (r"(?s:a.b)|a.b", 0),
    (r"\d{20,}", 0),
    (r"(?>ab+)c", 0),
]
# Characters the engines treat differently: Unicode folds onto ASCII, digits and spaces beyond
# ASCII, a long s, a Kelvin sign, dotted and dotless i.
ALPHABET = "abcefghiknorstuxBCEIKSX0123 \n\t\"-.,€üÜößẞİıſK٣\u00a0\u2009\u1680"


@pytest.mark.parametrize("source, flags", PATTERNS)
@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=24))
def test_the_widened_pattern_matches_wherever_the_pattern_does(source, flags, text):
    if re.search(source, text, flags):
        assert _scanner_for(source, flags)(text)


_SCANNERS = {}


def _scanner_for(source, flags):
    if (source, flags) not in _SCANNERS:
        _SCANNERS[source, flags] = _scanner(source, flags)
    return _SCANNERS[source, flags]


@pytest.mark.parametrize("source, flags, text", [
    (r"\bski\b", re.IGNORECASE, "SKİ"),  # re folds İ onto i
    (r"ok", re.IGNORECASE, "o\u212a"),  # the Kelvin sign onto k
    (r"ss", re.IGNORECASE, "\u017fS"),  # the long s onto s
    (r"\d+ cm", 0, "٣ cm"),  # an Arabic-Indic digit
    (r"a\sb", 0, "a\u1680b"),  # an Ogham space mark
    (r"(?<!x)über(?=\W)", re.IGNORECASE, "ÜBER!"),
])
def test_unicode_that_hyperscan_reads_otherwise_still_opens(source, flags, text):
    assert re.search(source, text, flags)
    assert _scanner(source, flags)(text)


def test_the_widening_is_narrower_than_anything():
    matches = _scanner(r"(?<!\w)12\s?(?:in|inch)\b", re.IGNORECASE)
    assert not matches("made in india")
    assert matches("a 12 inch screen")


@pytest.mark.parametrize("source", [
    r"(a)?(?(1)b|c)",  # a conditional group
    r"[[:alpha:]]+",  # a POSIX class the regex module reads, re warns about
    r"(?:colour){e<=1}",  # a fuzzy count for the regex module, literal text for re
    r"\p{L}+",  # re cannot read it
])
def test_what_cannot_be_widened_is_none(source):
    assert widened(source) is None


def test_ascii_partners_are_every_non_ascii_character_any_engine_folds_onto_a_letter():
    import regex

    ours = {c for partners in ASCII_PARTNERS.values() for c in partners}
    python = re.compile("[a-z]", re.IGNORECASE)
    module = regex.compile("[a-z]", regex.IGNORECASE | regex.VERSION0)
    found = set()
    for code in range(128, sys.maxunicode + 1):
        char = chr(code)
        if python.fullmatch(char) or module.fullmatch(char) or any(
                len(c) == 1 and c.isascii() and c.isalpha() for c in (char.lower(), char.upper(), char.casefold())):
            found.add(char)
    assert found <= ours
    for letter, partners in ASCII_PARTNERS.items():
        for char in partners:
            assert re.fullmatch(letter, char, re.IGNORECASE) or regex.fullmatch(letter, char, regex.IGNORECASE)


def test_a_fuzzy_constraint_is_not_widened_as_the_literal_re_reads():
    # `regex` reads "{e<=1}" as a fuzzy constraint: widened as re's literal braces, Hyperscan
    # would open the key only where "colour{e<=1}" occurs, so the rule would never run.
    assert widened(r"(?:colour){e<=1}") is None
    assert widened(r"(?:colour){1,2}") is not None


# The gate's literal and word keys on ASCII text (ascii_literal, ascii_word): exactly where the
# folded text holds the literal, or the word with no word character beside it (kinds.gate).
_ASCII_PIECES = ["in", "free", "o'neil", "#1", "a+", "12", "x_y", "-", " ", "_", "'", "\n", "F", "REE"]


def _holds_word(low, word, prefix):
    for start in (m.start() for m in re.finditer(f"(?={re.escape(word)})", low)):
        end = start + len(word)
        before = start and (low[start - 1].isalnum() or low[start - 1] == "_")
        after = end < len(low) and (low[end].isalnum() or low[end] == "_")
        if not before and (prefix or not after):
            return True
    return False


@settings(max_examples=300, deadline=None)
@given(word=st.sampled_from(["in", "free", "o'neil", "#1", "a+", "12", "x_y"]), prefix=st.booleans(),
       text=st.lists(st.sampled_from(_ASCII_PIECES) | st.text(alphabet=[chr(c) for c in range(128)], max_size=2),
                     max_size=10).map("".join))
def test_ascii_literal_and_word_match_exactly_where_the_folded_ascii_text_holds_them(word, prefix, text):
    from loclint.text.widen import ascii_literal, ascii_word

    low = text.lower()
    assert _exact_scanner(ascii_literal(word))(text) == (word in low)
    assert _exact_scanner(ascii_word(word, prefix))(text) == _holds_word(low, word, prefix)

