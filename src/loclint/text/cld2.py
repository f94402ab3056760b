"""CLD2 (pycld2), and a second opinion before it says "not the market's language".

CLD2 is fast (a C++ n-gram table, about 1 ms to import) and catches far more texts in a wrong
language than py3langid, which stays cautious on listing copy; but on its own it names a
neighbour now and then (Scots or Corsican for brand-heavy English or Italian product names). So
when CLD2 answers a language the market does not use, py3langid (restricted to the candidate
languages) is asked too, and the text is given the benefit of the doubt unless py3langid also
names a language the market does not use, with some confidence. Measured in
benchmarks/langid_accuracy.py (README: Language detection).
"""
from __future__ import annotations

import re
from typing import Callable, Optional, Sequence

from .letters import letters

Classify = Callable[[str], tuple[str, float]]

# CLD2's codes that differ from ISO 639-1 (the rest are ISO 639-1, or a code with a script
# suffix such as zh-Hant, cut to the language).
_ISO = {"iw": "he", "nb": "no", "un": "und"}
# CLD2 calls a guess on a few words "reliable" too readily ("Kabel, 6 ft lang" is English to it,
# 93 %): below this many letters its confidence shrinks in proportion (Indic vowel signs count as
# letters). The language rules judge only texts of 40 letters or more anyway; the units kind
# asks about short ones to choose the number format of a fix.
_FULL_LETTERS = 40
# The second opinion agrees that a text is not in the market's language when it names another
# language with at least this confidence. CLD2 reads brand-heavy titles ("Camiseta Nike
# Sportswear Club Fleece Crew Feminina") as English at 98 %; py3langid gives them 0.2-0.55 and
# real English copy 0.75 and more (the Brazilian catalogue of ../shared/corpus, README).
SECOND_OPINION_CONFIDENCE = 0.7
# CLD2 refuses control characters, lone surrogates and noncharacters as invalid UTF-8.
_REFUSED = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
# The same for ASCII text, byte by byte: the regex searched it character by character (44 M
# instructions for the 2,411 ASCII texts a corpus run detects, the translation 9 M).
_REFUSED_ASCII = bytes.maketrans(bytes([*range(0x00, 0x09), 0x0b, *range(0x0e, 0x20), 0x7f]), b" " * 29)


def available() -> bool:
    """pycld2 has wheels for CPython 3.10-3.13 on Linux x86-64, macOS arm64 and Windows x86-64
    only; elsewhere it may be missing (pyproject.toml installs it only there)."""
    try:
        import pycld2  # noqa: F401
    except ImportError:
        return False
    return True


def _accepted(text: str):
    """``text`` with what CLD2 refuses blanked: as UTF-8 bytes (pycld2 reads str as them)."""
    if text.isascii():
        return text.encode("ascii").translate(_REFUSED_ASCII)
    return _REFUSED.sub(" ", text)


def _detect(pycld2, text, hint_header: str):
    """pycld2.detect(text, isPlainText=True, bestEffort=True, hintLanguageHTTPHeaders=hint_header),
    called with its parameters in their order instead: parsing keywords looked up each of its
    14 names in the call's dict, 22 M instructions for a corpus run's 2,454 detections. The
    order is utf8Bytes, isPlainText, hintTopLevelDomain, hintLanguage, hintLanguageHTTPHeaders,
    hintEncoding, returnVectors, the six debug flags, bestEffort (tests/test_cld2_calls.py
    compares the two calls)."""
    return pycld2.detect(text, True, None, None, hint_header, None, False,
                         False, False, False, False, False, False, True)


def cld2_classifier(market: Sequence[str], second_opinion: Optional[Callable[[], Classify]],
                    hint: bool = False) -> Classify:
    """text -> (ISO 639-1 code, confidence). The confidence is the share of the text CLD2 puts in
    that language, scaled down below _FULL_LETTERS letters, and 0 when CLD2 calls its own guess
    unreliable. ``second_opinion`` builds the detector asked when CLD2 names a language outside
    ``market`` (built on first need: most texts are in the market's language); None asks nobody.
    ``hint``: give CLD2 the market's languages as a hint. Off: with the hint "pt", CLD2 reads
    Spanish copy as Portuguese (the mistake BR001 exists to catch), and the second opinion
    already keeps brand-heavy text from being flagged (benchmarks/langid_accuracy.py, cld2-hint)."""
    import pycld2

    languages = set(market)
    hint_header = ",".join(market) if hint else ""  # CLD2 boosts every language of an Accept-Language list
    second: list[Classify] = []

    def cld2_guess(text: str) -> tuple[str, float]:
        try:
            reliable, _, details = _detect(pycld2, _accepted(text), hint_header)
        except pycld2.error:  # a byte sequence _REFUSED does not list: no guess rather than a crash
            return "und", 0.0
        _, code, percent, _ = details[0]
        code = code.split("-")[0]
        if not reliable:
            return _ISO.get(code, code), 0.0
        counted = letters(text[:_FULL_LETTERS * 4], _FULL_LETTERS)
        return _ISO.get(code, code), percent / 100 * min(1.0, counted / _FULL_LETTERS)

    def classify(text: str) -> tuple[str, float]:
        lang, confidence = cld2_guess(text)
        if lang in languages or lang == "und" or confidence == 0.0 or second_opinion is None:
            return lang, confidence
        if not second:
            second.append(second_opinion())
        other, other_confidence = second[0](text)
        if other in languages or other_confidence < SECOND_OPINION_CONFIDENCE:  # no agreement: no finding
            return other, min(other_confidence, confidence)
        return lang, confidence

    return classify
