"""The language detectors: what every one returns, py3langid's restriction to CANDIDATES, and one
default name everywhere it is spelt out (benchmarks/langid_accuracy.py measures the choice)."""
import inspect

import pytest

from loclint import api, engine, options
from loclint.cli import check
from loclint.text.language import CANDIDATES, DETECTORS, detector

DEFAULT = "py3langid"

SAMPLES = {
    "de": "Dieses T-Shirt aus weicher Baumwolle ist bequem und passt zu jeder Gelegenheit im Alltag.",
    "en": "This soft cotton t-shirt is comfortable and goes with every occasion in everyday life.",
    "fr": "Ce t-shirt en coton doux est confortable et convient à toutes les occasions du quotidien.",
    "pt": "Esta camiseta de algodão macio é confortável e combina com todas as ocasiões do dia a dia.",
    "hi": "यह मुलायम सूती टी-शर्ट आरामदायक है और रोज़मर्रा के हर मौके पर अच्छी लगती है।",
}
# Languages outside CANDIDATES (Indonesian, Finnish): py3langid still names a candidate.
OUTSIDE = ("Kaos katun lembut ini sangat nyaman dan cocok untuk setiap kesempatan sehari-hari.",
           "Tämä pehmeä puuvillainen t-paita on mukava ja sopii jokaiseen arjen tilanteeseen.")
EDGE = ("", "   ", "12345 !!! https://example.com/x", "OK")


def test_default_detector_is_named_the_same_everywhere():
    assert DETECTORS[0] == DEFAULT and {"py3langid", "langdetect"} <= set(DETECTORS)
    assert inspect.signature(detector.__wrapped__).parameters["name"].default == DEFAULT
    assert options.default("language_detector") == DEFAULT
    assert inspect.signature(api.make_linter).parameters["language_detector"].default == DEFAULT
    assert inspect.signature(engine.Linter).parameters["detector_name"].default == DEFAULT
    option = next(p for p in check.params if p.name == "language_detector")
    assert f"(default: {DEFAULT})" in option.help and list(option.type.choices) == list(DETECTORS)


@pytest.mark.parametrize("name", DETECTORS)
def test_detector_returns_a_code_and_a_probability(name):
    classify = detector(name)
    for text in (*SAMPLES.values(), *OUTSIDE, *EDGE):
        lang, prob = classify(text)
        assert isinstance(lang, str) and lang and isinstance(prob, float) and 0.0 <= prob <= 1.0, (text, lang, prob)
        assert classify(text) == (lang, prob)  # deterministic
    for lang, text in SAMPLES.items():
        assert classify(text)[0] == lang, (name, text)


def test_py3langid_names_only_candidates():
    classify = detector("py3langid")
    for text in (*SAMPLES.values(), *OUTSIDE, *EDGE):
        assert classify(text)[0] in CANDIDATES, text
    for lang, text in SAMPLES.items():
        assert classify(text)[1] >= 0.9, (lang, classify(text))


def test_unknown_detector():
    with pytest.raises(ValueError, match="unknown language detector 'nope'"):
        detector("nope")
