"""Rules about what an offer must disclose (`scope: offer`) judge offers, not copy: a record with a
price, or every record where the configuration declares the feed complete (`offers = "all"`)."""
import json

import pytest

from click.testing import CliRunner

from loclint import api
from loclint.cli import main
from loclint.engine import Linter

# Copy only: no price, no manufacturer. EU007 is an offer rule; DE001 judges wording.
COPY = {"id": "t", "market": "DE", "title": "Die besten Kopfhörer"}
OFFER = {**COPY, "id": "o", "price": {"amount": 59.99, "currency": "EUR"}}


def run_json(*args):
    result = CliRunner().invoke(main, ["check", "--format", "json", "--date", "2026-11-25", *map(str, args)])
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.stdout)


def _rules(report) -> set[str]:
    return {f.rule for f in report.findings}


def test_a_record_without_a_price_is_copy_and_not_judged_as_an_offer():
    report = api.lint([COPY])
    assert "DE001" in _rules(report) and "EU007" not in _rules(report)


def test_a_record_with_a_price_is_an_offer():
    assert {"DE001", "EU007"} <= _rules(api.lint([OFFER]))


def test_offers_all_declares_every_record_an_offer():
    assert "EU007" in _rules(api.lint([COPY], offers="all"))


def test_offers_is_checked_like_a_configuration_value():
    with pytest.raises(ValueError, match="offers: expected one of priced, all"):
        api.make_linter(offers="every")
    with pytest.raises(ValueError, match="unknown offers"):
        Linter(offers="every")


def test_offers_is_part_of_the_results_cache_key():
    assert Linter().cache_key() != Linter(offers="all").cache_key()


def test_the_command_line_and_a_folder_configuration_set_offers(tmp_path):
    feed = tmp_path / "copy" / "titles.jsonl"
    feed.parent.mkdir()
    feed.write_text(json.dumps(COPY) + "\n", encoding="utf-8")
    _, plain = run_json(feed)
    _, flagged = run_json("--offers", "all", feed)
    assert "EU007" not in {f["rule"] for f in plain["findings"]}
    assert "EU007" in {f["rule"] for f in flagged["findings"]}
    # A complete feed in its own folder says so in its configuration (found from the file upwards).
    (feed.parent / "loclint.toml").write_text('offers = "all"\n', encoding="utf-8")
    _, configured = run_json(feed)
    assert "EU007" in {f["rule"] for f in configured["findings"]}


def test_disclosure_rules_declare_their_scope():
    from loclint.rulebook import load_rulebook

    offer_rules = {r.code for r in load_rulebook().all_rules() if r.scope == "offer"}
    assert {"IN005", "IN006", "IN007", "IN008", "IN009", "EU007"} <= offer_rules
    assert all(r.kind == "required" for r in load_rulebook().all_rules() if r.scope == "offer")


def test_a_rule_with_an_unknown_scope_is_a_ruleset_problem(tmp_path):
    from loclint.rulebook import load_rulebook
    from loclint.ruleset.loader import RulesetError

    team = tmp_path / "team"
    team.mkdir()
    (team / "rules.yml").write_text(
        "rules:\n"
        "  - code: TM001\n    name: x\n    kind: required\n    scope: listing\n    severity: info\n"
        "    message: m\n    why: w\n    source: {title: t, grade: K}\n"
        "    any_of: [{price: present}]\n    examples: {invalid: [], valid: []}\n", encoding="utf-8")
    with pytest.raises(RulesetError, match="key 'scope': expected copy or offer"):
        load_rulebook(extra=(team,))


def test_the_rule_page_says_the_rule_judges_offers():
    from loclint.rule_page import rule_page
    from loclint.rulebook import load_rulebook

    book = load_rulebook()
    assert "Judges offers" in rule_page(book, book.find("EU007"))
    assert "Judges offers" not in rule_page(book, book.find("DE001"))
