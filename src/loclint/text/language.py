"""Guess the language of a text. CLD2 (pycld2) is the default: given the market's languages as
a hint, and asking py3langid for a second opinion before it names another language (text/cld2.py).
Where pycld2 is not installed (it has wheels for Linux x86-64, macOS arm64 and Windows only),
"cld2" falls back to py3langid alone, the default before. langdetect, the user's original choice,
stays available. The numbers behind the choice: README (Language detection) and
benchmarks/langid_accuracy.py.

py3langid is limited to candidate languages, which the caller passes: the rulebook derives them
from rulesets/markets.yml (every market's languages plus those sellers paste by mistake or that
are easily confused with them, ``detect_also``). Measured on 14,588 labelled texts this lifts
its accuracy on long texts from 77.9 % to 93.4 % at the same speed and with no confident wrong
guess; a text in a language outside the list is still reported as "not the market's
language", under the nearest candidate's name. CLD2 answers among its own 80-odd languages: one
outside the candidates is not the market's language either.

fastText's lid.176.ftz was measured the same way: it loads in 0.02 s, but restricted it
is only 1.2x faster per text and makes confident wrong guesses on brand-heavy English titles (7
false findings on the real listings), so it is not offered."""
from __future__ import annotations

import functools
import re
from typing import Callable

DETECTORS = ("cld2", "py3langid", "langdetect")

# An address is tried only where a token starts: from every position inside a long token, \S+@
# would rescan the rest of it (a 100 KB token took 26 s). A token that holds an address matches
# from its start anyway, so the matches are the same.
# A symbol is neither a word character nor a combining mark: to `re` the vowel signs of Indic
# scripts and Thai and the Arabic harakat are not \w, and blanking them cut every Hindi word
# apart ("इलाज" -> "इल ज"), so CLD2 read Hindi as Bihari or not at all.
_MARKS = ("\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
          "\u0900-\u0963\u0966-\u0dff\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1-\u0ebc\u0ec8-\u0ecd"
          "\u0f18-\u0fbc\u102b-\u109d\u17b4-\u17d3\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"
          "\u3099\u309a\ufe20-\ufe2f")
_SYMBOL = rf"[^\w\s{_MARKS}]"
_NOISE = re.compile(rf"https?://\S+|(?<!\S)\S+@\S+|[\d_]+|{_SYMBOL}")
# The same without the branches a text cannot match: an address needs "@", a URL "://". The
# address branch tries every token it meets (scanning it for an "@"), which was a third of
# the time; a branch that matches nowhere in the text changes nothing when left out.
_NOISE_NO_ADDRESS = re.compile(rf"https?://\S+|[\d_]+|{_SYMBOL}")
_NOISE_PLAIN = re.compile(rf"[\d_]+|{_SYMBOL}")
# _NOISE_PLAIN on ASCII, byte by byte: each symbol becomes a space, and digits and "_" a NUL,
# whose runs then become one space. 96 % of the texts detected on the real catalogue are ASCII
# without an address or URL; the regex took 32 ms to clean them, this 7 ms.
_ASCII_SYMBOLS = bytes(c for c in range(128) if not (chr(c).isalnum() or chr(c) == "_" or chr(c).isspace()))
_ASCII_NOISE = bytes.maketrans(_ASCII_SYMBOLS + b"0123456789_", b" " * len(_ASCII_SYMBOLS) + b"\0" * 11)


def clean(text: str) -> str:
    """Numbers, URLs and symbols only confuse detectors."""
    if "@" in text:
        return _NOISE.sub(" ", text)
    if "://" in text:
        return _NOISE_NO_ADDRESS.sub(" ", text)
    if text.isascii():
        marked = text.encode("ascii").translate(_ASCII_NOISE)
        return (_spaced_runs(marked) if b"\0" in marked else marked).decode("ascii")
    return _NOISE_PLAIN.sub(" ", text)


def _spaced_runs(marked: bytes) -> bytes:
    """Each run of NULs as one space, as re.sub(rb"\0+", b" ", marked) gives: halving the runs
    with bytes.replace takes a few C scans (a number's run is rarely over 8 digits), where the
    regex searched byte by byte and built the result match by match: 27 against 91 M
    instructions for the 2,356 ASCII texts a corpus run detects (callgrind)."""
    while b"\0\0" in marked:
        marked = marked.replace(b"\0\0", b"\0")
    return marked.replace(b"\0", b" ")


def resolved(name: str) -> str:
    """The detector that ``name`` runs on this installation ("cld2" without pycld2: py3langid)."""
    from . import cld2

    return "py3langid" if name == "cld2" and not cld2.available() else name


def second_opinion(candidates: tuple[str, ...]) -> Callable[[str], tuple[str, float]]:
    """py3langid's guess for a text CLD2 doubts: from its cached model without numpy
    (langid_plain), or through py3langid itself where that file is not there yet (which writes
    it) or no longer reads back (the numpy reader checks it, and rebuilds it)."""
    from .langid_plain import DAMAGED, plain_identifier

    plain = plain_identifier(candidates)
    if plain is None:
        return detector("py3langid", candidates)
    instead: list[Callable[[str], tuple[str, float]]] = []

    def classify(text: str) -> tuple[str, float]:
        if not instead:
            try:
                return plain.classify(clean(text))
            except DAMAGED:  # a value out of range in a damaged file, met on this text
                instead.append(detector("py3langid", candidates))
        return instead[0](text)

    return classify


@functools.lru_cache(maxsize=None)
def detector(name: str = "cld2", candidates: tuple[str, ...] = (),
             hint: tuple[str, ...] = ()) -> Callable[[str], tuple[str, float]]:
    """A function text -> (ISO 639-1 code, probability). Imported lazily: py3langid and
    langdetect load models. ``hint``: the market's languages (only CLD2 takes a hint).
    py3langid answers only among ``candidates`` (those its model knows; all when empty);
    CLD2 and langdetect have no such restriction."""
    name = resolved(name)
    if name == "cld2":
        from .cld2 import cld2_classifier

        classify_cld2 = cld2_classifier(hint, lambda: second_opinion(candidates))
        return lambda text: classify_cld2(clean(text))
    if name == "py3langid":
        from .langid_model import load_identifier

        identifier = load_identifier(candidates)

        def classify(text: str) -> tuple[str, float]:
            lang, prob = identifier.classify(clean(text))
            return lang, float(prob)

        return classify
    if name == "langdetect":
        from langdetect import DetectorFactory, detect_langs
        from langdetect.lang_detect_exception import LangDetectException

        DetectorFactory.seed = 0  # deterministic results

        def classify(text: str) -> tuple[str, float]:
            try:
                best = detect_langs(clean(text))[0]
            except LangDetectException:
                return "und", 0.0
            return best.lang.split("-")[0], float(best.prob)

        return classify
    raise ValueError(f"unknown language detector {name!r} (choose from {', '.join(DETECTORS)})")
