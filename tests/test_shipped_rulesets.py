"""The built-in rulesets' precomputed form (ruleset/shipped.py): current, giving the same rulebook
as the YAML, and used only for the exact files it was made from."""
import dataclasses
import datetime as dt
import re

import pytest

from loclint.kinds import KINDS
from loclint.ruleset import RulesetError, read_rulebook
from loclint.ruleset.shipped import checked_documents, generate, stale


def test_the_shipped_form_is_current_with_the_yaml():
    assert not stale(), "after editing rulesets/, regenerate with: python -m loclint.docs"


def test_every_built_in_rule_passes_every_check_read_from_yaml():
    rulebook = read_rulebook(None, (), KINDS, precomputed=False)
    assert len(rulebook.all_rules()) > 50


def _comparable(rulebook) -> list:
    """Everything the rulebook holds, as text: object addresses dropped, the patterns of
    conditions (lazily compiled objects) spelt out."""
    def conditions(rule):
        return [(c.pattern.pattern, c.pattern.flags) for c in (*rule.when, *rule.unless) if c.pattern is not None]

    rules = [(rule, rule.line, rule.options, conditions(rule)) for rule in rulebook.all_rules()]
    parts = (rules, rulebook.markets, rulebook.languages, rulebook.data, rulebook.fingerprint, rulebook.extra,
             rulebook.detect_also, rulebook.contexts, rulebook.rules.keys())
    return [re.sub(r" at 0x[0-9a-f]+", "", repr(part)) for part in parts]


def test_the_shipped_form_gives_the_rulebook_the_yaml_gives():
    assert _comparable(read_rulebook(None, (), KINDS)) == _comparable(read_rulebook(None, (), KINDS, precomputed=False))


def test_a_copy_of_the_built_in_rulesets_byte_for_byte_is_read_from_the_shipped_form(rulesets):
    assert checked_documents(rulesets) is not None


def test_an_edited_built_in_file_is_read_from_yaml_and_its_edit_seen(rulesets):
    path = rulesets / "de" / "claims.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("message: ", "message: Edited. ", 1), encoding="utf-8")

    assert checked_documents(rulesets) is None
    assert any(rule.message.startswith("Edited. ") for rule in read_rulebook(rulesets, (), KINDS).all_rules())


def test_an_edited_built_in_file_gets_every_check_again(rulesets):
    path = rulesets / "de" / "claims.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("examples:", "unless: [{text: '(unclosed'}]\n    examples:", 1), encoding="utf-8")

    with pytest.raises(RulesetError, match=r"key 'unless': bad regular expression"):
        read_rulebook(rulesets, (), KINDS)


def test_an_added_file_is_a_different_set_of_rulesets(rulesets):
    (rulesets / "de" / "more.yml").write_text("rules: []\n", encoding="utf-8")
    assert checked_documents(rulesets) is None


def test_a_team_ruleset_is_checked_beside_the_shipped_built_ins(tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    (team / "rules.yml").write_text("""rules:
  - code: TEAM001
    name: nested-repeat
    kind: pattern
    severity: warning
    message: Nested repeat.
    why: A test.
    source: {title: A test, grade: W}
    pattern: '(a+)+$'
    examples: {invalid: [aaaa], valid: [b]}
""", encoding="utf-8")
    with pytest.raises(RulesetError, match="catastrophic backtracking"):
        read_rulebook(None, (str(team),), KINDS)


def test_yaml_dates_come_back_as_dates_from_the_shipped_form(tmp_path, monkeypatch):
    from loclint.ruleset import shipped

    (tmp_path / "markets.yml").write_text("markets: {}\n", encoding="utf-8")
    (tmp_path / "de").mkdir()
    rules = tmp_path / "de" / "claims.yml"
    rules.write_text("rules:\n  - {code: DE001, effective_from: 2026-01-02, n: 1, x: 1.0, days: [true, 2026-03-04]}\n",
                     encoding="utf-8")
    shipped_file = tmp_path / "shipped.json"
    shipped_file.write_bytes(generate(tmp_path))
    monkeypatch.setattr(shipped, "SHIPPED_FILE", shipped_file)

    [rule] = checked_documents(tmp_path)[rules].data["rules"]
    assert rule == {"code": "DE001", "effective_from": dt.date(2026, 1, 2), "n": 1, "x": 1.0,
                    "days": [True, dt.date(2026, 3, 4)]}
    assert [type(v) for v in rule.values()] == [str, dt.date, int, float, list]


def test_a_document_json_cannot_carry_exactly_is_refused_when_generating(tmp_path):
    (tmp_path / "markets.yml").write_text("markets: {}\non: yes\n", encoding="utf-8")  # YAML 1.1: {True: True}
    with pytest.raises(RulesetError, match="does not survive JSON"):
        generate(tmp_path)


def test_the_shipped_form_and_the_yaml_give_the_same_findings():
    from pathlib import Path

    from loclint.engine import Linter
    from loclint.readers import read_file

    feed = str(Path(__file__).resolve().parent.parent / "fixtures" / "listings-de.jsonl")

    def findings(rulebook):
        linter = Linter(rulebook, day=dt.date(2026, 11, 29))
        return [repr(item) for item in linter.lint_stream(read_file(feed, "DE"))]

    shipped = findings(read_rulebook(None, (), KINDS))
    assert shipped and shipped == findings(read_rulebook(None, (), KINDS, precomputed=False))


def test_a_shipped_rules_examples_are_built_when_first_read_as_the_yaml_gives_them():
    shipped = read_rulebook(None, (), KINDS).all_rules()
    from_yaml = read_rulebook(None, (), KINDS, precomputed=False).all_rules()

    assert not any(isinstance(rule._invalid, tuple) for rule in shipped)  # a linting run reads none
    assert all(isinstance(rule._invalid, tuple) for rule in from_yaml)
    assert [(rule.invalid, rule.valid) for rule in shipped] == [(rule.invalid, rule.valid) for rule in from_yaml]
    assert all(isinstance(rule._valid, tuple) for rule in shipped)


def test_a_rule_replaced_keeps_its_examples_unbuilt_and_the_same():
    rule = next(rule for rule in read_rulebook(None, (), KINDS).all_rules() if rule.unless_in)
    copy = rule.replaced(code="XX001")

    assert not isinstance(copy._invalid, tuple)
    assert (copy.code, copy.invalid, copy.valid) == ("XX001", rule.invalid, rule.valid)
    assert dataclasses.replace(rule, code="XX001") == copy


def test_unbuilt_examples_that_do_not_parse_are_an_error_not_dropped():
    from loclint.ruleset.keys import UnbuiltExamples

    examples = UnbuiltExamples({"invalid": ["fine", {"txt": "a typo"}], "valid": []}, ("text",))
    with pytest.raises(ValueError, match="unknown example key"):
        examples.groups()


def test_the_fingerprint_follows_every_file_of_the_rulesets_and_of_a_team(rulesets, tmp_path):
    team = tmp_path / "team"
    team.mkdir()
    (team / "rules.yml").write_text("rules: []\n", encoding="utf-8")
    before = read_rulebook(rulesets, (str(team),), KINDS).fingerprint
    assert read_rulebook(rulesets, (str(team),), KINDS, precomputed=False).fingerprint == before

    (team / "rules.yml").write_text("rules: []\n# edited\n", encoding="utf-8")
    after_team = read_rulebook(rulesets, (str(team),), KINDS).fingerprint
    (rulesets / "vocab" / "unused.yaml").write_text("[a]\n", encoding="utf-8")  # a file the loader never reads
    after_vocab = read_rulebook(rulesets, (str(team),), KINDS).fingerprint
    assert len({before, after_team, after_vocab}) == 3


def test_a_folder_named_like_a_ruleset_file_is_no_shipped_form_and_the_yaml_still_loads(rulesets):
    (rulesets / "notes.yaml").mkdir()  # listed as the loader's patterns list it, never read
    assert checked_documents(rulesets) is None
    codes = [rule.code for rule in read_rulebook(rulesets, (), KINDS).all_rules()]
    assert codes == [rule.code for rule in read_rulebook(None, (), KINDS).all_rules()]
