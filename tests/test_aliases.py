"""A renumbered rule keeps its former codes as `aliases`: selectors, per-file-ignores,
suppressions and baselines that name the old code keep working, and a clash is a ruleset error."""
import json
import textwrap

import pytest
from conftest import TODAY, runner

from loclint.cli import main
from loclint.rulebook import load_rulebook
from loclint.ruleset import RulesetError

RENUMBERED = """\
rules:
  - code: TEAM002
    aliases: [{aliases}]
    name: team-house-style
    kind: terms
    severity: warning
    fields: [text]
    message: "“{{match}}”: our house style says “Kopfhörer”."
    why: the team's own style
    source: {{title: Team style guide, url: "https://example.org/style", grade: K}}
    triggers:
      de: [Headphones]
    examples:
      invalid: ["Neue Headphones"]
      valid: ["Neue Kopfhörer"]
"""


def _project(tmp_path, config="", suppression="", aliases="team001"):
    (tmp_path / "team").mkdir(exist_ok=True)
    (tmp_path / "team" / "style.yml").write_text(RENUMBERED.format(aliases=aliases), encoding="utf-8")
    (tmp_path / "loclint.toml").write_text('rulesets = ["team"]\n' + textwrap.dedent(config), encoding="utf-8")
    record = {"id": "a", "market": "DE", "title": "Neue Headphones"}
    if suppression:
        record["_loclint"] = suppression
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return feed


def _check(*args):
    return runner().invoke(main, ["check", "--format", "json", "--no-cache", "--date", TODAY.isoformat(),
                                  "--fail-on", "never", *map(str, args)])


def _rules(*args) -> set:
    result = _check(*args)
    assert result.exit_code == 0, result.stderr
    return {f["rule"] for f in json.loads(result.stdout)["findings"]}


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
        RENUMBERED.format(aliases="TEAM001").replace("TEAM002", "TEAM003"), encoding="utf-8")
    with pytest.raises(RulesetError) as excinfo:
        load_rulebook(extra=(tmp_path / "team",))
    assert "key 'aliases': TEAM001 is already an alias of TEAM00" in str(excinfo.value)
