"""The language detectors: what every one returns, py3langid's restriction to the candidate
languages (derived from rulesets/markets.yml), CLD2's hint, second opinion and fallback, and one
default name everywhere it is spelt out (benchmarks/langid_accuracy.py measures the choice)."""
import inspect
import sys

import pytest

from loclint import api, engine, options
from loclint.cli import check
from loclint.rulebook import load_rulebook
from loclint.ruleset import RulesetError
from loclint.text.cld2 import cld2_classifier
from loclint.text.language import DETECTORS, detector, resolved

CANDIDATES = load_rulebook().candidate_languages

DEFAULT = "cld2"

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
    # languages; the derived one adds Romansh (CH), which py3langid has no model for, and Thai
    # (the TH market, issue 16).
    before = {"de", "en", "fr", "it", "es", "ca", "gl", "eu", "nl", "hi", "pt", "ar",
              "pl", "cs", "sv", "da", "no", "ro", "tr", "ru", "uk", "ur", "fa", "zh", "ja", "ko"}
    assert set(rulebook.candidate_languages) - before == {"rm", "th"} and before <= set(rulebook.candidate_languages)


@pytest.fixture
def markets_yml(rulesets):
    """A copy of the built-in rulesets; returns its markets.yml."""
    return rulesets / "markets.yml"


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


# --- CLD2, the default (text/cld2.py) ---------------------------------------------------------

ENGLISH = "This stylish jacket keeps you warm in winter and dry in the rain, with two deep pockets."
GERMAN = "Diese stylische Jacke hält im Winter warm und bei Regen trocken, mit zwei tiefen Taschen."


@pytest.fixture
def without_pycld2(monkeypatch):
    """As on a platform pycld2 has no wheel for: importing it fails."""
    monkeypatch.setitem(sys.modules, "pycld2", None)  # `import pycld2` raises ImportError
    detector.cache_clear()
    yield
    detector.cache_clear()


def test_cld2_answers_with_the_market_languages_as_context():
    assert resolved("cld2") == "cld2"
    in_germany = detector("cld2", CANDIDATES, ("de",))
    assert in_germany(GERMAN)[0] == "de"
    lang, confidence = in_germany(ENGLISH)
    assert lang == "en" and confidence >= 0.9


def test_cld2_names_another_language_only_when_the_second_opinion_agrees():
    asked = []

    def second_opinion(answer):
        def build():
            asked.append("built")
            return lambda text: answer
        return build

    agrees = cld2_classifier(("de",), second_opinion(("nl", 0.8)))
    assert agrees(GERMAN) == agrees(GERMAN) and agrees(GERMAN)[0] == "de" and not asked  # not asked, not even loaded
    lang, confidence = agrees(ENGLISH)
    assert lang == "en" and confidence >= 0.9 and asked == ["built"]
    disagrees = cld2_classifier(("de",), second_opinion(("de", 0.6)))
    assert disagrees(ENGLISH) == ("de", 0.6)  # the benefit of the doubt: no finding
    unsure = cld2_classifier(("de",), second_opinion(("en", 0.4)))  # as on a brand-heavy title
    assert unsure(ENGLISH) == ("en", 0.4)


def test_a_brand_heavy_title_in_the_market_language_is_not_flagged():
    # CLD2 alone reads these as English at 98 %; py3langid is far from sure.
    in_brazil = detector("cld2", CANDIDATES, ("pt",))
    for title in ("Camiseta Nike Sportswear Club Fleece Crew Feminina Manga Curta",
                  "Monitor Gamer Samsung Odyssey 27 polegadas, Tela Curva, FreeSync Premium Pro, Preto"):
        assert in_brazil(title)[1] < 0.9, title


def test_cld2_is_not_confident_on_a_few_words():
    # CLD2 itself calls "Kabel ft lang" reliably English (93 %); the units kind asks about such
    # texts to choose the number format of a fix, the language rules never (40 letters).
    lang, confidence = detector("cld2", CANDIDATES, ("de",))("Kabel, 6 ft lang")
    assert confidence < 0.5


@pytest.mark.parametrize("junk", ["\x00", "\x1b[0m", "\x85", "\ud800", "\ufffe", "\uffff", "\x7f"])
def test_cld2_survives_what_it_calls_invalid_utf8(junk):
    lang, confidence = detector("cld2", CANDIDATES, ("de",))(f"{ENGLISH} {junk} {ENGLISH}")
    assert lang == "en" and confidence >= 0.9


def test_without_pycld2_cld2_falls_back_to_py3langid(without_pycld2):
    assert resolved("cld2") == "py3langid" and resolved("langdetect") == "langdetect"
    fallback = detector("cld2", CANDIDATES, ("de",))
    for text in (*SAMPLES.values(), *OUTSIDE):
        assert fallback(text) == detector("py3langid", CANDIDATES)(text)


def test_without_pycld2_the_language_rule_still_judges(without_pycld2):
    linter = engine.Linter(detector_name="cld2")
    report = api.lint({"id": "r1", "market": "DE", "description": ENGLISH}, linter=linter)
    assert "LOC003" in [f.rule for f in report.findings]
    assert "'py3langid'" in linter.cache_key()  # a cached result of the other detector is not reused


def test_the_engine_gives_each_market_its_languages_as_hint(linter):
    assert linter.market("BR").detect.hint == ("pt",)
    assert linter.market("IN").detect.hint == ("en", "hi")


def test_international_names_compile_with_regex_and_find_what_re_finds():
    import re

    import regex
    from conftest import TODAY

    from loclint.engine import Linter
    from loclint.kinds.language import LanguageChecker

    market = Linter(day=TODAY).market("IN")
    [checker] = [c for c in market.checkers if isinstance(c, LanguageChecker)]
    texts = ["Velours Noir Eau de Parfum Pour Femme", "Café Espresso Ristretto e Chai Latte em cápsulas",
             "Cantuccini al pistacchio", "Prosciutto di Parma, Mozzarella di Bufala und Espresso Ristretto",
             "EAU DE TOILETTE spray", "Chai-Latte Mischung", "Eau de Parfum音乐 Chai Latte"]
    texts += [example.text for rule in market.rules if rule.kind == "language" for example in (*rule.invalid, *rule.valid)
              if example.text]
    for names in checker.names.values():
        assert isinstance(names.compiled(), regex.Pattern)  # word edges compile fast there
        reference = re.compile(names.pattern, re.IGNORECASE)
        for text in texts:
            assert [m.span() for m in names.finditer(text)] == [m.span() for m in reference.finditer(text)], text
