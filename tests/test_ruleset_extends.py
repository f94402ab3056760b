"""`extends`: a rule that matches like another (Austria's and Switzerland's rules reuse Germany's
triggers under their own law), and the problems a bad `extends` reports."""
import pytest

from loclint.api import lint
from loclint.rulebook import load_rulebook
from loclint.ruleset import RulesetError
from loclint.ruleset.extends import merged


def test_an_extending_rule_keeps_its_own_law_and_takes_the_bases_matching():
    base = {"code": "DE001", "name": "x", "kind": "terms", "severity": "error", "message": "m", "why": "w",
            "source": {"title": "UWG §5", "grade": "L"}, "triggers": {"de": ["bester"], "en": ["the best"]},
            "exceptions": ["am besten"], "fields": ["text"], "effective_from": "2026-01-01", "examples": {}}
    rule = {"code": "AT001", "name": "y", "severity": "error", "message": "m2", "why": "w2",
            "source": {"title": "UWG (AT) § 2", "grade": "L"}, "triggers": {"de": ["Österreichs Nr. 1", "bester"]},
            "exceptions": ["beste Freundin"], "examples": {"invalid": ["a"]}, "extends": "DE001"}
    out = merged(base, rule)
    assert out["source"]["title"] == "UWG (AT) § 2"  # never the base's law
    assert "effective_from" not in out  # nor its dates
    assert out["kind"] == "terms" and out["fields"] == ["text"]
    assert out["triggers"] == {"de": ["bester", "Österreichs Nr. 1"], "en": ["the best"]}
    assert out["exceptions"] == ["am besten", "beste Freundin"]
    assert out["examples"] == {"invalid": ["a"]}


def test_austria_and_switzerland_share_germanys_trigger_list(rulebook):
    de001, at001, ch001 = (rulebook.find(code) for code in ("DE001", "AT001", "CH001"))
    for rule in (at001, ch001):
        assert rule.extends == "DE001"
        for lang, phrases in de001.options["triggers"].items():
            assert set(phrases) <= set(rule.options["triggers"][lang])
        assert set(de001.options["exceptions"]) <= set(rule.options["exceptions"])
        assert "UWG §5" not in rule.source.title  # Germany's statute is not cited
    assert "Österreichs Nr. 1" not in de001.options["triggers"]["de"]  # a market's additions stay its own


def test_a_superlative_in_austria_cites_austrian_law():
    report = lint({"id": "1", "title": "Der beste Akku-Staubsauger am Markt"}, market="AT")
    codes = {f.rule for f in report.findings}
    assert "AT001" in codes and "DE001" not in codes


def test_an_unknown_base_names_file_rule_and_key(rulesets):
    path = rulesets / "at" / "claims.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("extends: DE003", "extends: DE999"), encoding="utf-8")
    with pytest.raises(RulesetError) as caught:
        load_rulebook(rulesets)
    assert f"{path}: rule AT003: key 'extends': no rule 'DE999' to extend" in caught.value.problems


def test_a_base_that_extends_another_is_refused(rulesets):
    path = rulesets / "at" / "claims.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("extends: DE003", "extends: CH002"), encoding="utf-8")
    with pytest.raises(RulesetError) as caught:
        load_rulebook(rulesets)
    assert any(p.startswith(f"{path}: rule AT003: key 'extends': CH002 itself extends DE003")
               for p in caught.value.problems)


def test_a_problem_in_an_inherited_key_is_reported_once_at_the_base(rulesets):
    claims = rulesets / "de" / "claims.yml"
    claims.write_text(claims.read_text(encoding="utf-8").replace(
        "unless_in: [advice_to_buyer]", "unless_in: [advice_to_buyers]", 1), encoding="utf-8")
    with pytest.raises(RulesetError) as caught:
        load_rulebook(rulesets)
    [problem] = caught.value.problems  # DE001's, not again for AT001 and CH001 which extend it
    assert problem.startswith(f"{claims}: rule DE001: key 'unless_in'")


def test_an_extending_rules_own_problem_is_reported(rulesets):
    path = rulesets / "ch" / "claims.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "de: [der Schweiz Nr. 1,", "de: [Tes*, der Schweiz Nr. 1,", 1), encoding="utf-8")
    with pytest.raises(RulesetError) as caught:
        load_rulebook(rulesets)
    assert caught.value.problems == [f"{path}: rule CH001: key 'triggers': prefix 'Tes*' needs at least 4 letters"]
