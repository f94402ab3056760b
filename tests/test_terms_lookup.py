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
