"""The loader records where each rule is defined and reports every problem of a rule at once,
without a traceback whatever the YAML holds (the key table is ruleset/keys.py)."""
import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from loclint.rulebook import load_rulebook
from loclint.ruleset import RulesetError

TEAM_RULE = """\
  - code: {code}
    name: team-word
    kind: terms
    severity: warning
    message: "“{{match}}” is not our word."
    why: House style.
    source: {{title: Team style guide, url: "https://example.org/style", grade: K}}
    triggers: {{en: [{word}]}}
    examples: {{invalid: [{word}], valid: [fine]}}
"""


def _team(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "team"
    folder.mkdir(exist_ok=True)
    (folder / "rules.yml").write_text(text, encoding="utf-8")
    return folder


def _problems(tmp_path: Path, rule_yaml: str) -> list[str]:
    folder = _team(tmp_path, "rules:\n" + textwrap.indent(textwrap.dedent(rule_yaml), "  "))
    with pytest.raises(RulesetError) as excinfo:
        load_rulebook(extra=(folder,))
    return excinfo.value.problems


def test_each_rule_records_the_line_it_starts_on(tmp_path):
    folder = _team(tmp_path, "# the team's words\nrules:\n" + TEAM_RULE.format(code="TEAM001", word="synergy")
                   + "\n" + TEAM_RULE.format(code="TEAM002", word="leverage"))
    book = load_rulebook(extra=(folder,))
    assert [(r.code, r.line) for r in book.rules[next(iter(book.extra))]] == [("TEAM001", 3), ("TEAM002", 13)]
    assert book.find("TEAM002").file == str(folder / "rules.yml")


def test_every_shipped_rule_points_at_its_own_code_line(rulebook):
    for rule in rulebook.all_rules():
        lines = Path(rule.file).read_text(encoding="utf-8").splitlines()
        assert re.match(rf"\s*- code: {rule.code}\b", lines[rule.line - 1]), (rule.code, rule.line)


def test_every_problem_of_a_rule_is_reported_at_once(tmp_path):
    problems = _problems(tmp_path, """\
        - code: TEAM001
          name: several-mistakes
          kind: terms
          severity: fatal
          fix: maybe
          tags: claims
          markets: [1]
          effective_from: next year
          message: m
          why: w
          source: {title: T, url: "https://example.org", grade: X}
          triggers: {en: [synergy]}
          examples: {invalid: [synergy], valid: [fine]}
        """)
    keys = [re.search(r"key '(\w+)'", p).group(1) for p in problems]
    assert keys == ["severity", "source", "fix", "effective_from", "tags", "markets"], problems
    assert all(p.startswith(f"{tmp_path / 'team' / 'rules.yml'}: rule TEAM001: key '") for p in problems)


@pytest.mark.parametrize("rule_yaml, expected", [
    # Values the loader used to crash on (a list is not a dict key; a number has no .upper()).
    ("kind: [terms]", "key 'kind': unknown kind ['terms']"),
    ("markets: [1]", "key 'markets': expected a list of strings"),
    ("replaces: LOC003", "key 'replaces': expected a list of strings"),
    ("message: 42", "key 'message': expected a string, got int"),
    ("code: de001", "key 'code': use a market prefix in capitals and three digits"),
    ("examples: {invalid: [{txt: synergy}], valid: [fine]}", "key 'examples': unknown example key(s) ['txt']"),
    ("pattern: synergy", "key 'pattern': unknown key for a terms rule"),
    ("triggers: [synergy]", "key 'triggers': expected a mapping, got list"),
])
def test_a_bad_value_is_one_clear_problem(tmp_path, rule_yaml, expected):
    key = rule_yaml.split(":")[0]
    text = TEAM_RULE.format(code="TEAM001", word="synergy")
    replaced = re.sub(rf"^(  - |    ){key}:.*$", lambda m: m.group(1) + rule_yaml, text, flags=re.MULTILINE)
    problems = _problems(tmp_path, textwrap.dedent(replaced if replaced != text else text + f"    {rule_yaml}\n"))
    assert any(expected in p for p in problems), problems


def test_a_rule_without_examples_is_told_they_are_required(tmp_path):
    text = TEAM_RULE.format(code="TEAM001", word="synergy")
    problems = _problems(tmp_path, textwrap.dedent(text[:text.index("    examples")]))
    assert problems == [f"{tmp_path / 'team' / 'rules.yml'}: rule TEAM001: key 'examples': required"]


def test_a_quoted_date_is_a_date(tmp_path):
    folder = _team(tmp_path, "rules:\n" + TEAM_RULE.format(code="TEAM001", word="synergy")
                   + "    effective_from: '2027-01-01'\n    severity_before: info\n")
    rule = load_rulebook(extra=(folder,)).find("TEAM001")
    assert rule.effective_from.isoformat() == "2027-01-01" and str(rule.severity_before) == "info"


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=20), fields=st.lists(st.sampled_from(["text", "copy", "title", "attributes.size",
                                                                    "images.alt", "all", "price"]), max_size=3))
def test_an_example_written_as_text_is_the_example_written_as_a_mapping_with_that_text(text, fields):
    from loclint.ruleset.keys import _examples, examples_in

    def built(items):
        problems = []
        invalid, valid = _examples({"invalid": items, "valid": items}, problems.append)
        return examples_in(invalid, fields), examples_in(valid, fields), problems

    assert built([text]) == built([{"text": text}])
