"""A renumbered rule keeps its former codes as `aliases`: selectors, per-file-ignores,
suppressions and baselines that name the old code keep working, and a clash is a ruleset error."""
import json

import pytest
from conftest import rules_found, run_check, team_project, team_rule

from loclint.rulebook import load_rulebook
from loclint.ruleset import RulesetError


def renumbered(aliases: str) -> str:
    """TEAM002, formerly ``aliases``."""
    return team_rule("TEAM002", severity="warning", extra=f"aliases: [{aliases}]")


def _project(tmp_path, config="", suppression="", aliases="team001"):
    return team_project(tmp_path, renumbered(aliases), "Neue Headphones", config, suppression)


_check = run_check
_rules = rules_found


def test_the_former_code_selects_and_ignores_the_renumbered_rule(tmp_path):
    feed = _project(tmp_path)
    assert _rules("--select", "TEAM001", feed) == {"TEAM002"}
    assert "TEAM002" not in _rules("--ignore", "team001", feed)
    assert "TEAM002" not in _rules(_project(tmp_path, '[per-file-ignores]\n"*.jsonl" = ["TEAM001"]\n'))


def test_a_suppression_naming_the_former_code_still_works(tmp_path):
    feed = _project(tmp_path, suppression="loclint: ignore[TEAM001] -- Markenname")
    found = _rules("--select", "TEAM,LNT", feed)
    assert found == set()  # suppressed, and the suppression counts as used (no LNT002)


def test_a_baseline_entry_under_the_former_code_still_matches(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # run from the project, whose configuration loads the team's rules
    feed = _project(tmp_path)
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"version": 1, "findings": [
        {"path": "feed.jsonl", "record": "a", "field": "title", "rule": "TEAM001", "text": "Headphones", "count": 1}]}),
        encoding="utf-8")
    result = _check("--select", "TEAM", "--baseline", baseline, feed)
    assert json.loads(result.stdout)["findings"] == []
    assert "1 finding(s) in the baseline" in result.stderr


def test_the_rule_page_answers_to_the_former_code(tmp_path):
    _project(tmp_path)
    book = load_rulebook(extra=(tmp_path / "team",))
    assert book.find("team001").code == "TEAM002"
    assert book.aliases() == {"TEAM001": "TEAM002"}
    from loclint.rule_page import rule_page

    assert "\nFormerly: TEAM001.\n" in rule_page(book, book.find("TEAM001"))


@pytest.mark.parametrize("aliases, message", [
    ("DE001", "rule TEAM002: key 'aliases': DE001 is another rule's code"),
    ("TEAM002", "rule TEAM002: key 'aliases': TEAM002 is another rule's code"),
    ("old-style", "rule TEAM002: key 'aliases': expected a list of former rule codes"),
])
def test_a_clashing_or_malformed_alias_is_a_ruleset_error(tmp_path, aliases, message):
    _project(tmp_path, aliases=aliases)
    with pytest.raises(RulesetError) as excinfo:
        load_rulebook(extra=(tmp_path / "team",))
    assert message in str(excinfo.value) and "style.yml" in str(excinfo.value)


def test_two_rules_cannot_share_an_alias(tmp_path):
    _project(tmp_path, aliases="TEAM001")
    (tmp_path / "team" / "other.yml").write_text(
        renumbered("TEAM001").replace("TEAM002", "TEAM003"), encoding="utf-8")
    with pytest.raises(RulesetError) as excinfo:
        load_rulebook(extra=(tmp_path / "team",))
    assert "key 'aliases': TEAM001 is already an alias of TEAM00" in str(excinfo.value)
