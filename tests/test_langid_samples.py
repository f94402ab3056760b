"""The language benchmark's own samples (benchmarks/data/langid_samples.tsv) and its market table:
every language a market is judged in has listing-like samples, short and long, the table says
what rulesets/markets.yml says, and the language rules (default detector) leave each sample
alone in the markets of its own language."""
import importlib.util
from pathlib import Path

import pytest

from loclint import api
from loclint.rulebook import load_rulebook

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "langid_accuracy.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("langid_accuracy", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def samples(bench):
    return [(lang, tag, text) for _, lang, tag, text in bench.load_own()]


def test_every_labelled_language_has_short_and_long_samples(bench, samples):
    for lang in bench.LANGS:
        texts = [text for label, _, text in samples if label == lang]
        assert len(texts) >= 20, lang
        # the benchmark's short and long buckets (titles, descriptions)
        assert sum(len(t) < bench.SHORT for t in texts) >= 5, lang
        assert sum(len(t) >= bench.SHORT for t in texts) >= 5, lang


def test_market_table_matches_markets_yml(bench):
    markets = load_rulebook().markets
    for code in ("FR", "ES", "IT", "NL", "PL", "AT", "CH", "GB", "TR", "TH"):
        assert code in bench.MARKETS, code
    for code, languages in bench.MARKETS.items():
        assert tuple(languages) == markets[code].languages, code
    # a text's own market is one whose languages include it
    for lang in bench.LANGS:
        assert lang in bench._own_market(lang)


@pytest.mark.parametrize("lang", ["fr", "es", "it", "nl", "pl", "tr", "th"])
def test_no_language_finding_on_samples_in_their_own_markets(bench, samples, lang):
    language_rules = {r.code for r in load_rulebook().all_rules() if r.kind == "language"}
    linter = api.make_linter()
    judged = [text for label, _, text in samples if label == lang and bench._letters(text) >= bench.SHORT]
    assert judged
    own = [code for code, languages in bench.MARKETS.items() if lang in languages]
    false = [(code, text) for text in judged for code in own
             for f in api.lint({"id": "s", "description": text}, code, linter=linter, errors="raise")
             if f.rule in language_rules]
    assert false == []
    # and the same copy is caught where it is not the market's language
    foreign = "TH" if lang != "th" else "DE"
    caught = [text for text in judged
              if any(f.rule in language_rules
                     for f in api.lint({"id": "s", "description": text}, foreign, linter=linter, errors="raise"))]
    assert len(caught) >= len(judged) // 2
