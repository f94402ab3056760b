"""text.tokens, made faster: a word character is one class (no lookahead per character) and
norms() lowers ASCII text whole. Tokens, offsets and norms must stay what the earlier forms gave
on any text, in every script the tokenizer treats apart."""
import re

from hypothesis import given, settings, strategies as st

from loclint.text import tokens, unspaced
from loclint.text.fold import folded

# The tokenizer as it was before (the reference): a negative lookahead before every word
# character, and every norm case-folded word by word.
_CJK, _THAI, _MARKS = tokens._CJK, tokens._THAI, tokens._MARKS
_REFERENCE_RE = re.compile(rf"[{_CJK}]|\d+(?:[.,]\d+)+(?![\w.,]*\w)"
                           rf"|(?:(?![{_CJK}{_THAI}])\w)+(?:[{_MARKS}]+(?:(?![{_CJK}{_THAI}])\w)*)*(?:['’]\w+)*"
                           rf"|[{_THAI}]+|[^\w\s]")


def _reference_tokens(text: str, segment: bool = True) -> list[tokens.Token]:
    if text.isascii() or not tokens._NEEDS_MORE.search(text):
        return [
            tokens.Token(m.group().casefold(), m.start(), m.end())
            for m in _REFERENCE_RE.finditer(text)
            if m.group() not in tokens.JOINERS
        ]
    found = []
    for m in _REFERENCE_RE.finditer(text):
        word, start = m.group(), m.start()
        if word in tokens.JOINERS:
            continue
        if segment and unspaced.THAI_RUN.fullmatch(word):
            for part in unspaced.segment(word):
                found.append(tokens.Token(part, start, start + len(part)))
                start += len(part)
        else:
            found.append(tokens.Token(folded(word), start, m.end()))
    return found


def _reference_norms(text: str) -> list[str]:
    if text.isascii() or not tokens._NEEDS_MORE.search(text):
        return [word.casefold() for word in _REFERENCE_RE.findall(text) if word not in tokens.JOINERS]
    return [token.norm for token in _reference_tokens(text)]


# Pieces of each script the tokenizer or the norm treats apart, to be strung together.
_ASCII = list("aZq09_ -'.,:;!?\n\t\"") + ["Women's", "CE-geprüft"[:5], "3.1:1", "x--y", "1,5", "A-", "-9", "IST"]
_LATIN1 = list("ßÄäÖéÿµªº²¹½×÷\xa0«»¿") + ["Größe", "Straße", "façade", "1,5 €"]
_TURKISH = list("İıIiŞşĞğ") + ["EN İYİ", "ıi", "İSTANBUL"]
_ARABIC = ["خِنْزِير", "خنزيــر", "بالخنزير", "\u0640", "\u064b", "\u0651", "\u0670", "ـ", "٣٫٥", "،", "؟"]
_DEVANAGARI = ["डायबिटीज़", "डायबिटीज", "इलाज।", "\u093c", "\u0958", "\u095e", "क़", "ि", "्", "१२", "॥"]
_THAI_PIECES = ["ครีมรักษาสิว", "หายขาดใน", "๑,๒๙๐", "฿", "\u0e31", "ๆ", "ขาวถาวร"]
_CJK_PIECES = ["中文", "高仿", "包邮", "㐀", "豈", "，", "。", "ア", "한국어"]
_EMOJI = ["😀", "👍🏽", "❤️", "🇩🇪", "\u200d", "\ufe0f"]
_JOINERS = ["-", "‐", "‑", "–", "—", "’", "'", "\u00ad", "\u2060"]
_ODD = ["ﬁ", "Ⅻ", "ŉ", "ǰ", "\u0345", "ΐ", "ẖ", "K", "Ω", "ſ", "_"]  # case folds that change length or class
_PIECES = _ASCII + _LATIN1 + _TURKISH + _ARABIC + _DEVANAGARI + _THAI_PIECES + _CJK_PIECES + _EMOJI + _JOINERS + _ODD

_SURROGATE = st.characters(categories=["Cs"])
_TEXT = st.one_of(
    st.lists(st.sampled_from(_ASCII), max_size=30).map("".join),
    st.lists(st.sampled_from(_ASCII + _LATIN1 + _JOINERS), max_size=30).map("".join),
    st.lists(st.one_of(st.sampled_from(_PIECES), _SURROGATE), max_size=30).map("".join),
    st.text(max_size=40),
)


@settings(max_examples=1500, deadline=None)
@given(_TEXT)
def test_norms_and_tokens_match_the_reference(text):
    assert tokens.norms(text) == _reference_norms(text)
    assert tokens.tokenize(text) == _reference_tokens(text)
    assert tokens.tokenize(text, segment=False) == _reference_tokens(text, segment=False)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(codec="ascii"), max_size=60))
def test_ascii_norms_match_the_reference(text):
    assert tokens.norms(text) == _reference_norms(text)


def test_one_class_is_the_lookahead_on_every_character():
    # the word class, character by character over all of Unicode (surrogates included)
    word = re.compile(tokens._LETTER)
    lookahead = re.compile(rf"(?![{_CJK}{_THAI}])\w")
    assert all(bool(word.match(c)) == bool(lookahead.match(c)) for c in map(chr, range(0x110000)))


def test_every_ascii_character_in_context():
    # norms() splits ASCII text with a regex of its own (ASCII classes): each character between
    # words, numbers and apostrophes, as the reference splits it
    for c in map(chr, range(128)):
        text = f"Ab{c}1.5{c}x'Y {c}{c}-{c}"
        assert tokens.norms(text) == _reference_norms(text), repr(c)


def test_written_examples():
    for text in ("Women's Top - Blue", "CE-geprüft 3.1:1 ratio", "ABC-DEF", "Straße – ß", "高仿 Rolex-Uhr",
                 "a - b -- c", "EN İYİ fiyat", "خِنْزِير بالخنزير", "डायबिटीज़ का पक्का इलाज।",
                 "ครีมรักษาสิวหายขาดใน 7 วัน", "😀 Top-Qualität 👍🏽", "ﬁne ǰ ͅ", "a\x1cb\x1f-c\x0b3,5"):
        assert tokens.norms(text) == _reference_norms(text)
        assert tokens.tokenize(text) == _reference_tokens(text)
