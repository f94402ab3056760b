"""Instalment offers read against the record's price (kinds/instalments.py, BR005 and BR010)."""
import json

import pytest
import yaml
from conftest import TODAY, runner

from loclint.cli import main


def _lint(tmp_path, description, price):
    feed = tmp_path / "feed.jsonl"
    record = {"id": "a", "market": "BR", "title": "Notebook", "description": description}
    if price is not None:
        record["price"] = price
    feed.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    result = runner().invoke(main, ["check", "--market", "BR", "--format", "json", "--no-cache", "--date", TODAY.isoformat(),
                                    "--fail-on", "never", "--select", "BR005,BR010", str(feed)])
    return [(f["rule"], f["severity"], [s["replacement"] for s in f.get("fixes", f.get("suggestions", []))])
            for f in json.loads(result.stdout)["findings"]]


def test_a_known_price_free_of_interest_asks_only_for_the_instalment_amount(tmp_path):
    found = _lint(tmp_path, "Parcele em até 10x sem juros no cartão", {"amount": 1299.0, "currency": "BRL"})
    assert [(rule, severity) for rule, severity, _ in found] == [("BR010", "warning")]
    assert "Parcele em até 10x de R$ 129,90" in json.dumps(found, ensure_ascii=False)


@pytest.mark.parametrize("description, price", [
    ("Parcele em até 10x sem juros no cartão", None),  # no price known
    ("Em até 10x com juros de 2,49% a.m.", {"amount": 1299.0, "currency": "BRL"}),  # interest charged
    ("Em até 10x sem juros", {"amount": 1299.0, "currency": "USD"}),  # no price in reais
])
def test_the_error_stays_where_the_buyer_cannot_work_out_the_price(tmp_path, description, price):
    assert [(rule, severity) for rule, severity, _ in _lint(tmp_path, description, price)] == [("BR005", "error")]


def test_the_amount_is_rounded_to_the_cent_the_market_s_way(tmp_path):
    found = _lint(tmp_path, "Em até 3 vezes sem juros", {"amount": 1000.0, "currency": "BRL"})
    assert "Em até 3 vezes de R$ 333,33 sem juros" in json.dumps(found, ensure_ascii=False)


@pytest.mark.parametrize("changes, problem", [
    ({"report": "both"}, "key 'report': expected undisclosed or value"),
    ({"pattern": r"\d+x sem juros"}, "needs a group (?P<count>...)"),
])
def test_an_instalments_rule_is_checked_at_load(tmp_path, changes, problem):
    from loclint.rulebook import load_rulebook
    from loclint.ruleset import RulesetError

    rule = {"code": "TEAM001", "name": "team-offer", "kind": "instalments", "severity": "warning",
            "message": "“{match}”", "why": "House style.", "source": {"title": "S", "url": "https://example.org", "grade": "K"},
            "report": "value", "pattern": r"(?P<count>\d+x) sem juros",
            "free_of_interest": {"patterns": ["sem juros"], "within": 20},
            "examples": {"invalid": ["10x sem juros"], "valid": ["à vista"]}}
    rule.update(changes)
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "rules.yml").write_text(yaml.safe_dump({"rules": [rule]}), encoding="utf-8")
    with pytest.raises(RulesetError) as caught:
        load_rulebook(extra=(tmp_path / "team",))
    assert any(problem in p for p in caught.value.problems), caught.value.problems
