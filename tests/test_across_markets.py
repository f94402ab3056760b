"""One Linter compiles what a rule or a phrase gives once for all its markets (kinds/shared.py):
the EU's rules in DE and FR share their compiled parts, and a market compiled after another
finds what a market compiled alone finds."""
import dataclasses

from conftest import TODAY

from loclint.engine import Linter
from loclint.kinds.required import RequiredChecker
from loclint.kinds.shared import AcrossMarkets
from loclint.kinds import phrase_store, terms
from loclint.readers.records import build_record


def test_a_value_is_made_once_per_key():
    shared, made = AcrossMarkets(), []

    def make(word):
        made.append(word)
        return word.upper()

    assert [shared.of(("k", w), make, w) for w in ("a", "b", "a")] == ["A", "B", "A"]
    assert made == ["a", "b"]


def test_a_rule_is_known_by_identity_not_by_equality(linter):
    rule = next(r for r in linter.rulebook.rules_for("DE") if r.code == "EU007")
    twin = dataclasses.replace(rule)  # equal, but another object (a team's severity override makes one)
    assert twin == rule and twin is not rule
    shared, made = AcrossMarkets(), []
    for r in (rule, twin, rule, twin):
        shared.of_rule("required", r, made.append, r.code)
    assert made == ["EU007", "EU007"]


def _checker(market, kind):
    return next(c for c in market.checkers if isinstance(c, kind))


def test_markets_of_one_linter_share_a_rules_compiled_parts(monkeypatch):
    compiled = []
    real = terms._compiled

    def recording(phrase, lang, *args):
        compiled.append((lang, phrase))
        return real(phrase, lang, *args)

    monkeypatch.setattr(terms, "_compiled", recording)
    # Every phrase worked out in process, none read from what an earlier run kept (kinds.phrase_store).
    monkeypatch.setattr(phrase_store, "compiled", lambda phrase, lang, data, inflect, make:
                        make(phrase, lang, data, inflect))
    linter = Linter(day=TODAY, select=["EU"])
    de = linter.market("DE")
    in_de = list(compiled)
    fr = linter.market("FR")
    assert in_de and compiled == in_de  # FR's EU phrases were all DE's: none compiled again
    de_eu007 = next(c for r, c in _checker(de, RequiredChecker).compiled if r.code == "EU007")
    fr_eu007 = next(c for r, c in _checker(fr, RequiredChecker).compiled if r.code == "EU007")
    assert de_eu007 is fr_eu007  # parsed once
    other = Linter(day=TODAY, select=["EU"])  # another Linter compiles its own
    assert next(c for r, c in _checker(other.market("FR"), RequiredChecker).compiled if r.code == "EU007") \
        is not fr_eu007
    assert len(compiled) > len(in_de)


def test_a_market_compiled_after_another_finds_what_it_finds_alone():
    record = {"id": "r", "market": "FR", "title": "Chargeur CE certifié, sans retour possible",
              "price": {"amount": 19.9, "currency": "EUR"}}

    def findings(linter):
        built = build_record(record, path="<test>", line=1, index=1)
        return [(f.rule, f.start, f.end, f.message) for f in linter.market("FR").lint(built)]

    after_de = Linter(day=TODAY)
    after_de.market("DE")
    alone = findings(Linter(day=TODAY))
    assert alone and findings(after_de) == alone
