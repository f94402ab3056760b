"""A team's own rules (`rulesets = ["team"]`) cannot hang, crash or mislead the run (issue 20):
values that used to load and then raise or hang mid-run are refused at load, each problem naming
the file, the rule and the key; an unwritable baseline is a clear error, never a half-written file."""
import json
import os

import pytest
import yaml
from conftest import TODAY, runner

from loclint import baseline as baseline_module
from loclint.baseline import BaselineError, write
from loclint.cli import main
from loclint.rulebook import load_rulebook
from loclint.ruleset import RulesetError

SOURCE = {"title": "Team style guide", "url": "https://example.org/style", "grade": "K"}


def _pattern_rule(**changes) -> dict:
    rule = {"code": "TEAM001", "name": "team-claim", "kind": "pattern", "severity": "warning",
            "message": "“{match}” is not our style.", "why": "House style.", "source": SOURCE,
            "pattern": r"\bawesome\b", "examples": {"invalid": ["An awesome lamp"], "valid": ["A fine lamp"]}}
    rule.update(changes)
    return rule


def _terms_rule(**changes) -> dict:
    rule = {"code": "TEAM002", "name": "team-word", "kind": "terms", "severity": "warning",
            "message": "“{match}”: write “{replacement}”.", "why": "House style.", "source": SOURCE,
            "triggers": {"en": ["synergy"]}, "replacement": "teamwork",
            "examples": {"invalid": ["Pure synergy"], "valid": ["Pure teamwork"]}}
    rule.update(changes)
    return rule


def _team(tmp_path, *rules) -> "os.PathLike":
    folder = tmp_path / "team"
    folder.mkdir(exist_ok=True)
    (folder / "rules.yml").write_text(yaml.safe_dump({"rules": list(rules)}, allow_unicode=True), encoding="utf-8")
    return folder


def _problems(tmp_path, *rules) -> list[str]:
    folder = _team(tmp_path, *rules)
    with pytest.raises(RulesetError) as excinfo:
        load_rulebook(extra=(folder,))
    return excinfo.value.problems


def _project(tmp_path, *rules, record=None):
    _team(tmp_path, *rules)
    (tmp_path / "loclint.toml").write_text('rulesets = ["team"]\nmarket = "DE"\n', encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    record = record or {"id": "a", "market": "DE", "title": "An awesome lamp, pure synergy"}
    feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return feed


def _check(tmp_path, *args):
    return runner().invoke(main, ["check", "--config", str(tmp_path / "loclint.toml"), "--format", "json",
                                  "--no-cache", "--date", TODAY.isoformat(), "--fail-on", "never", *map(str, args)])


DEEP = "(" * 1000 + "a" + ")" * 1000

# (rule keys to change, the key named, what the problem says)
HOSTILE_REGEXES = [
    ({"pattern": "a{1000000000}"}, "pattern", "repeat count 1000000000 is too large"),
    ({"pattern": "x{5000000000}"}, "pattern", "the repetition number is too large"),
    ({"pattern": DEEP}, "pattern", "nested too deeply"),
    ({"pattern": "(" * 60 + "a" + ")" * 60}, "pattern", "nested too deeply"),
    ({"pattern": "(a+)+$"}, "pattern", "catastrophic backtracking"),
    ({"pattern": [r"\bfine\b", r"^(\w+\s?)*$"]}, "pattern", "catastrophic backtracking"),
    ({"exceptions": ["(.*)*x"]}, "exceptions", "catastrophic backtracking"),
    ({"near": {"patterns": ["(x+x+)+y"], "within": 20}}, "near", "catastrophic backtracking"),
    ({"not_near": {"patterns": [DEEP]}}, "not_near", "nested too deeply"),
    ({"when": [{"text": "(a+)+b"}]}, "when", "catastrophic backtracking"),
    ({"unless": [{"category": DEEP}]}, "unless", "nested too deeply"),
    ({"pattern": [r"\bfine\b", 42]}, "pattern", "expected a regular expression, got int"),
]


@pytest.mark.parametrize("changes, key, says", HOSTILE_REGEXES)
def test_a_hostile_regex_is_refused_at_load_naming_file_rule_and_key(tmp_path, changes, key, says):
    problems = _problems(tmp_path, _pattern_rule(**changes))
    path = tmp_path / "team" / "rules.yml"
    assert any(p.startswith(f"{path}: rule TEAM001: key '{key}': ") and says in p for p in problems), problems
    assert all(len(p) < 500 for p in problems)  # a 2,000-character pattern is shown shortened


def test_a_terms_rule_and_a_units_guard_get_the_same_checks(tmp_path):
    units = {"code": "TEAM003", "name": "team-unit", "kind": "units", "severity": "warning",
             "message": "“{match}”: write {metric}.", "why": "House style.", "source": SOURCE,
             "units": {"span": {"aliases": ["span"], "to": "cm", "factor": 23, "guard": "(?!(a|a)+)" + "(" * 40 + ")" * 40}},
             "examples": {"invalid": ["2 span"], "valid": ["46 cm"]}}
    problems = _problems(tmp_path, _terms_rule(exceptions=["(a+)+$"]), units)
    assert any("rule TEAM002: key 'exceptions': " in p and "catastrophic backtracking" in p for p in problems)
    assert any("rule TEAM003: key 'units': span: guard: " in p and "nested too deeply" in p for p in problems)


@pytest.mark.parametrize("message, says", [
    ("Bad: {0}", "positional placeholder {0}"),
    ("Bad: {}", "positional placeholder {}"),
    ("Bad: {match.upper}", "attribute and index access are not supported"),
    ("Bad: {match[0]}", "attribute and index access are not supported"),
    ("Bad: {match!r}", "conversions and format specs are not supported"),
    ("Bad: {match:>999999999}", "conversions and format specs are not supported"),
    ("Bad: {matched}", "unknown placeholder {matched} (this kind fills in {field}, {match}, {replacement}"),
    ("Bad: {match", "not a valid template"),
    ("Bad: match}", "not a valid template"),
])
def test_a_message_template_takes_only_the_values_the_kind_fills_in(tmp_path, message, says):
    problems = _problems(tmp_path, _pattern_rule(message=message))
    path = tmp_path / "team" / "rules.yml"
    assert [p for p in problems if p.startswith(f"{path}: rule TEAM001: key 'message': ") and says in p], problems


def test_a_placeholder_in_a_suggestion_is_refused_because_it_is_shown_as_written(tmp_path):
    problems = _problems(tmp_path, _pattern_rule(suggestion="Write {replacement} instead."))
    assert any("rule TEAM001: key 'suggestion': {replacement}: shown as written" in p for p in problems), problems


@pytest.mark.parametrize("within", ["eighty", "80", True, -5, 12.5, None])
def test_a_window_must_be_a_whole_number_of_characters(tmp_path, within):
    problems = _problems(tmp_path, _pattern_rule(near={"patterns": ["lamp"], "within": within}))
    assert any(f"rule TEAM001: key 'near': 'within' must be a whole number of characters, not {within!r}" in p
               for p in problems), problems


@pytest.mark.parametrize("replacement, says", [
    (r"\3", "invalid group reference 3"),
    (r"\g<name>", "unknown group name 'name'"),
    ([r"\1", r"\g<2>"], "invalid group reference 2"),
    (r"\q", r"bad escape \q"),
    ([7], "expected a string, got int"),
])
def test_a_rewrite_must_refer_only_to_the_patterns_groups(tmp_path, replacement, says):
    rule = _pattern_rule(pattern=r"\b(awesome)\b", replacement=replacement)
    problems = _problems(tmp_path, rule)
    assert any(p.startswith(f"{tmp_path / 'team' / 'rules.yml'}: rule TEAM001: key 'replacement': ") and says in p
               for p in problems), problems


def test_patterns_that_compile_alone_but_not_together_are_refused(tmp_path):
    problems = _problems(tmp_path, _pattern_rule(pattern=["(?P<w>awesome)", "(?P<w>great)"]))
    assert any("key 'pattern': the patterns do not combine into one" in p for p in problems), problems


@pytest.mark.parametrize("changes, key", [
    ({"replacement": r"team \1"}, "replacement"),
    ({"swap": {"synergy": [r"\g<0>work"]}}, "swap: synergy"),
    ({"swap": {"synergy": 3}}, "swap: synergy"),
])
def test_a_terms_rewrite_is_plain_text(tmp_path, changes, key):
    problems = _problems(tmp_path, _terms_rule(**changes))
    assert any(f"rule TEAM002: key '{key}': " in p for p in problems), problems


def test_every_problem_of_a_rule_is_reported_at_once(tmp_path):
    rule = _pattern_rule(pattern="(a+)+$", message="{0}", near={"patterns": ["x"], "within": "far"})
    problems = _problems(tmp_path, rule, _terms_rule(replacement=r"\1"))
    keys = {p.split(": key ")[1].split(":")[0] for p in problems}
    assert keys == {"'pattern'", "'message'", "'near'", "'replacement'"}, problems


@pytest.mark.parametrize("changes, says", [
    ({"pattern": "a{1000000000}"}, "repeat count 1000000000 is too large"),
    ({"pattern": "(a+)+$"}, "catastrophic backtracking"),
    ({"message": "{0} is bad"}, "positional placeholder {0}"),
    ({"near": {"patterns": ["lamp"], "within": "eighty"}}, "'within' must be a whole number"),
    ({"pattern": r"\b(awesome)\b", "replacement": r"\3"}, "invalid group reference 3"),
])
def test_the_command_line_reports_a_hostile_team_rule_as_a_ruleset_error(tmp_path, changes, says):
    feed = _project(tmp_path, _pattern_rule(**changes))
    result = _check(tmp_path, feed)
    assert result.exit_code == 2, result.output
    assert "loclint: ruleset error:" in result.stderr and "TEAM001" in result.stderr and says in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


ORDINARY = [
    _pattern_rule(pattern=[r"\b(awesome)\s+(?P<thing>lamp)\b", r"(\d+)\s*x\s*(\d+)"],
                  replacement=[r"fine \g<thing>", r"\1 × \2", r"\g<0>"],
                  message="“{match}” in {field} ({attr_brand}): write “{replacement}”. {{braces}} stay.",
                  suggestion="Describe the lamp plainly.",
                  exceptions=[r"\bawesome lamps?\b(?=.*\bsale\b)"],
                  near={"patterns": ["lamp"], "within": 40}, not_near={"patterns": ["sarcasm"]},
                  when=[{"text": r"\w+"}], unless=[{"attribute": "brand", "matches": "^Awesome( Inc)?$"}],
                  examples={"invalid": ["An awesome lamp"], "valid": ["A fine lamp"]}),
    _terms_rule(swap={"synergy": ["teamwork", "cooperation"]}),
]


def test_ordinary_team_rules_still_load_and_fire(tmp_path):
    book = load_rulebook(extra=(_team(tmp_path, *ORDINARY),))
    assert {r.code for r in book.rules[book.extra[0]]} == {"TEAM001", "TEAM002"}
    feed = _project(tmp_path, *ORDINARY, record={"id": "a", "market": "DE", "attributes": {"brand": "Lumo"},
                                                   "title": "An awesome lamp, pure synergy"})
    result = _check(tmp_path, "--select", "TEAM", feed)
    assert result.exit_code == 0, result.stderr
    findings = {f["rule"]: f for f in json.loads(result.stdout)["findings"]}
    assert findings["TEAM001"]["message"] == ("“awesome lamp” in title (Lumo): write “fine lamp”. "
                                              "{braces} stay.")
    assert findings["TEAM002"]["message"] == "“synergy”: write “teamwork”."


# The baseline


def test_a_baseline_path_that_is_a_directory_is_a_clear_error(tmp_path):
    feed = _project(tmp_path, _pattern_rule())
    (tmp_path / "base").mkdir()  # the flag refuses a directory; the configuration's `baseline` cannot
    with open(tmp_path / "loclint.toml", "a", encoding="utf-8") as config:
        config.write('baseline = "base"\n')
    result = _check(tmp_path, "--update-baseline", feed)
    assert result.exit_code == 2
    assert f"{tmp_path / 'base'}: cannot write the baseline: it is a directory" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_a_baseline_in_a_folder_that_cannot_be_made_is_a_clear_error(tmp_path):
    feed = _project(tmp_path, _pattern_rule())
    (tmp_path / "blocker").write_text("a file where the folder should be", encoding="utf-8")
    target = tmp_path / "blocker" / "base.json"
    result = _check(tmp_path, "--baseline", target, feed)
    assert result.exit_code == 2
    assert f"{target}: cannot write the baseline: " in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_a_failed_baseline_write_keeps_the_old_baseline_whole(tmp_path, monkeypatch):
    path = tmp_path / "base.json"
    path.write_text('{"version": 1, "findings": []}\n', encoding="utf-8")

    def read_only_folder(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(baseline_module.os, "replace", read_only_folder)
    with pytest.raises(BaselineError) as excinfo:
        write(str(path), [])
    assert str(excinfo.value) == f"{path}: cannot write the baseline: Permission denied"
    assert path.read_text(encoding="utf-8") == '{"version": 1, "findings": []}\n'
    assert os.listdir(tmp_path) == ["base.json"]  # no temporary file left behind


# The run-time bound: what no load-time check recognises ("(.*a){20}x" is polynomial, not nested)

SLOW = "(.*a){20}x"  # about C(n, 20) steps on n letters "a" without an "x": hangs `re` for ever


@pytest.mark.parametrize("changes", [
    {"pattern": SLOW},
    {"exceptions": [SLOW]},
    {"not_near": {"patterns": [SLOW], "within": 1000}},
    {"unless": [{"text": SLOW}]},
], ids=["pattern", "exceptions", "not_near", "unless"])
def test_a_team_regex_that_runs_too_long_is_stopped_and_reported(tmp_path, monkeypatch, changes):
    monkeypatch.setattr("loclint.ruleset.bounded.TIMEOUT", 0.1)
    rule = _pattern_rule(**changes)
    rule["examples"] = {"invalid": ["An awesome lamp"], "valid": ["A fine lamp"]}
    feed = _project(tmp_path, rule)
    # "ax" is what every match of SLOW holds (text.literals): without it the gate (and a text
    # condition's literals) would rule the text out before the regex ran.
    records = [{"id": "slow", "market": "DE", "title": "awesome ax " + "a" * 400},
               {"id": "fine", "market": "DE", "title": "An awesome lamp"}]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = _check(tmp_path, "--select", "TEAM", "--jobs", "1", feed)
    assert result.exit_code == 1, result.stderr  # an error, not an internal error (2) or a hang
    doc = json.loads(result.stdout)
    [error] = doc["errors"]
    assert error["record"] == "slow" and error["line"] == 1
    assert error["message"].startswith(f"record slow not linted: rule TEAM001 ({tmp_path / 'team' / 'rules.yml'}:")
    assert "ran longer than 0.1 s" in error["message"]
    if "pattern" not in changes:  # the next record is linted as usual
        assert [(f["record"], f["rule"]) for f in doc["findings"]] == [("fine", "TEAM001")]


def test_built_in_rules_keep_re_and_team_rules_get_the_bound(tmp_path):
    book = load_rulebook(extra=(_team(tmp_path, _pattern_rule(when=[{"text": "lamp"}])),))
    from loclint.engine import Linter

    linter = Linter(book, day=TODAY, select=["TEAM001", "DE002"])
    market = linter.market("DE")
    kinds = {rule.code: type(regex).__name__ for checker in market.checkers
             for rule, regex, *_ in getattr(checker, "compiled", []) if rule.code == "TEAM001"}
    assert kinds == {"TEAM001": "BoundedPattern"}
    assert type(book.find("TEAM001").when[0].pattern).__name__ == "BoundedPattern"
    # Built-in conditions compile unbounded, on first use (text.lazy_regex.LazyPattern; with
    # word edges text.words.WholeWords, which holds two of them).
    assert all(type(c.pattern).__name__ in ("LazyPattern", "WholeWords") for r in book.all_rules() if r.ruleset == "de"
               for c in (*r.when, *r.unless) if c.pattern is not None)


def test_the_backtracking_analysis_of_a_long_team_pattern_is_time_bounded(tmp_path, monkeypatch):
    # Unbounded, regexploit took 72 s on this pattern (a harmless nested repeat, then one clause
    # twice); it gets ANALYSIS_SECONDS, and what it cannot finish the run-time bound covers.
    import signal
    import time

    monkeypatch.setattr("loclint.ruleset.regex_guard.ANALYSIS_SECONDS", 0.2)
    clause = r"\b(?:MRP|price|rs\.?|₹|inr)\s*[\d,.\s]*\s*(?:\+|plus)\s*(?:\d{1,2}\s*%\s*)?(?:GST|taxes|tax|all taxes)\b"
    handler = signal.getsignal(signal.SIGALRM)
    started = time.monotonic()
    book = load_rulebook(extra=(_team(tmp_path, _pattern_rule(pattern="(?:ab+)+c" + clause * 2)),))
    assert time.monotonic() - started < 10
    assert book.find("TEAM001") is not None
    assert signal.getsignal(signal.SIGALRM) is handler


def test_overlapping_alternatives_under_a_star_run_in_linear_time_for_a_team_rule(tmp_path):
    # "(a|a)*b" passes the load-time check (no repeat inside a repeat) and hangs re on 30 letters;
    # the regex module a team rule runs on answers at once, without reaching the time bound.
    feed = _project(tmp_path, _pattern_rule(pattern="(a|a)*b", examples={"invalid": ["ab"], "valid": ["c"]}),
                    record={"id": "long", "market": "DE", "title": "a" * 5000})
    result = _check(tmp_path, "--select", "TEAM", "--jobs", "1", feed)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["errors"] == []
