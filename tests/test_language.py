"""The language detectors: what every one returns, py3langid's restriction to the candidate
languages (derived from rulesets/markets.yml), and one default name everywhere it is spelt out
(benchmarks/langid_accuracy.py measures the choice)."""
import inspect
import shutil

import pytest

from loclint import api, engine, options
from loclint.cli import check
from loclint.rulebook import load_rulebook
from loclint.ruleset import RulesetError, default_rulesets_dir
from loclint.text.language import DETECTORS, detector

CANDIDATES = load_rulebook().candidate_languages

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
    classify = detector(name, CANDIDATES)
    for text in (*SAMPLES.values(), *OUTSIDE, *EDGE):
        lang, prob = classify(text)
        assert isinstance(lang, str) and lang and isinstance(prob, float) and 0.0 <= prob <= 1.0, (text, lang, prob)
        assert classify(text) == (lang, prob)  # deterministic
    for lang, text in SAMPLES.items():
        assert classify(text)[0] == lang, (name, text)


def test_py3langid_names_only_candidates():
    classify = detector("py3langid", CANDIDATES)
    for text in (*SAMPLES.values(), *OUTSIDE, *EDGE):
        assert classify(text)[0] in CANDIDATES, text
    for lang, text in SAMPLES.items():
        assert classify(text)[1] >= 0.9, (lang, classify(text))


def test_unknown_detector():
    with pytest.raises(ValueError, match="unknown language detector 'nope'"):
        detector("nope")


def test_the_candidates_are_every_market_language_and_the_listed_neighbours(rulebook):
    market_languages = {lang for market in rulebook.markets.values() for lang in market.languages}
    assert set(rulebook.candidate_languages) == market_languages | set(rulebook.detect_also)
    # The list this replaced (hand-kept in text/language.py until 2026-11) was the same 26
    # languages; the derived one adds Romansh (CH), which py3langid has no model for.
    before = {"de", "en", "fr", "it", "es", "ca", "gl", "eu", "nl", "hi", "pt", "ar",
              "pl", "cs", "sv", "da", "no", "ro", "tr", "ru", "uk", "ur", "fa", "zh", "ja", "ko"}
    assert set(rulebook.candidate_languages) - before == {"rm"} and before <= set(rulebook.candidate_languages)


@pytest.fixture
def markets_yml(tmp_path):
    """A copy of the built-in rulesets; returns its markets.yml."""
    shutil.copytree(default_rulesets_dir(), tmp_path / "rulesets")
    return tmp_path / "rulesets" / "markets.yml"


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_new_market_language_becomes_a_candidate(markets_yml):
    edit(markets_yml, "languages: [nl]", "languages: [nl, fy]")
    assert "fy" in load_rulebook(markets_yml.parent).candidate_languages


def test_detect_also_must_be_a_list_of_codes(markets_yml):
    edit(markets_yml, "detect_also: [pl,", "detect_also: pl\nunused: [pl,")
    with pytest.raises(RulesetError, match="markets.yml: key 'detect_also': expected a list"):
        load_rulebook(markets_yml.parent)


def test_the_engine_restricts_detection_to_the_rulebook_candidates(linter, rulebook):
    assert linter.market("DE").detect.candidates == rulebook.candidate_languages
