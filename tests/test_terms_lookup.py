"""The terms kind looks up trigger entries only for tokens that can start one (kinds/terms.py):
most tokens of a field start none, and generating their (empty) candidates was a call each."""
from conftest import TODAY

from loclint.engine import Linter
from loclint.kinds.terms import _PREFIX_KEY, TermsChecker
from loclint.readers.records import build_record


def test_only_tokens_that_start_a_trigger_are_looked_up_and_the_findings_stay(monkeypatch):
    asked = []
    candidates = TermsChecker._candidates

    def recording(self, norm):
        asked.append((self, norm))
        return candidates(self, norm)

    monkeypatch.setattr(TermsChecker, "_candidates", recording)
    market = Linter(day=TODAY, select=["MP001"]).market("DE")
    record = build_record({"id": "r", "market": "DE", "title": "Wireless Earbuds mit Kabel – FREE SHIPPING, Sonderangebot"},
                          path="<test>", line=1, index=1)
    findings = market.lint(record)
    assert [(f.rule, f.text) for f in findings] == [("MP001", "FREE SHIPPING"), ("MP001", "Sonderangebot")]
    assert asked and all(norm in checker.exact or norm[:_PREFIX_KEY] in checker.prefix for checker, norm in asked)
    assert "wireless" not in {norm for _, norm in asked}


def _terms_key(market):
    checker = next(c for c in market.checkers if isinstance(c, TermsChecker))
    return market, checker.gate_key


def _opens(market, key, text) -> bool:
    return key in market.gate.open_keys(text)


def test_a_trigger_opens_the_gate_on_its_longest_word_not_its_article():
    # "la mejor", "que la competencia": every word must be there, so "mejor" or "competencia"
    # is enough to open the terms kind; "la" and "que" open nearly every Spanish field.
    market, key = _terms_key(Linter(day=TODAY, select=["ES001"]).market("ES"))
    assert not _opens(market, key, "Sartén de 28 cm con la tapa de cristal, que va al horno")
    assert _opens(market, key, "La mejor sartén del mercado")
    assert _opens(market, key, "Más potente que la competencia")
    findings = market.lint(build_record({"id": "r", "market": "ES", "title": "Más potente que la competencia"},
                                        path="<test>", line=1, index=1))
    assert [(f.rule, f.text) for f in findings] == [("ES001", "que la competencia")]


def test_a_symbol_is_no_anchor_where_the_tokenizer_splits_it_from_a_word():
    # "#1" is two tokens, "#" and "1", with nothing between them: the gate sees a whole word
    # only between non-word characters, so "1" (not "#") must open the key.
    market, key = _terms_key(Linter(day=TODAY, select=["GB001"]).market("GB"))
    assert _opens(market, key, "#1 kettle in Britain")
    findings = market.lint(build_record({"id": "r", "market": "GB", "title": "#1 kettle in Britain"},
                                        path="<test>", line=1, index=1))
    assert [f.rule for f in findings] == ["GB001"]
