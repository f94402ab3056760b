"""One selector grammar (README, Rule selectors): a code, a prefix, a glob, a name, a tag or ALL
means the same in --select/--ignore, the configuration's select/ignore, per-file-ignores,
suppressions and the Python API; a malformed selector or one that names no rule is an error
naming where it was written."""
import json

import pytest
from conftest import TODAY, rules_found, run_check, team_project, team_rule

import loclint
from loclint.engine import Linter
from loclint.readers.records import build_record
from loclint.rulebook import load_rulebook

TEAM_RULE = team_rule(extra="tags: [house-style, de]")
TITLE = "Die besten Headphones"  # DE001 (superlative) and TEAM001 (house style)


def _project(tmp_path, config: str = "", suppression: str = ""):
    """A feed with one record, the team's ruleset and a loclint.toml that loads it."""
    return team_project(tmp_path, TEAM_RULE, TITLE, config, suppression)


_check = run_check
_rules = rules_found


# --- the reproduction of issue 12: a glob meant one thing on the command line, another in the file

def test_a_glob_ignores_the_same_rules_as_a_flag_and_in_per_file_ignores(tmp_path):
    feed = _project(tmp_path)
    assert "DE001" in _rules(feed)
    assert "DE001" not in _rules("--ignore", "DE00?", feed)
    feed = _project(tmp_path, '[per-file-ignores]\n"*.jsonl" = ["DE00?"]\n')
    assert "DE001" not in _rules(feed) and "TEAM001" in _rules(feed)


# --- every kind of selector in every place ----------------------------------------------------------

SELECTORS = ["TEAM001", "team", "TEAM00?", "*M001", "team-house-style", "Team-House-Style", "house-style"]


@pytest.mark.parametrize("selector", SELECTORS)
def test_select_by_flag_and_by_configuration(tmp_path, selector):
    assert _rules("--select", selector, _project(tmp_path)) == {"TEAM001"}
    assert _rules(_project(tmp_path, f'select = ["{selector}"]\n')) == {"TEAM001"}


@pytest.mark.parametrize("selector", SELECTORS)
def test_ignore_by_flag_configuration_and_per_file_ignores(tmp_path, selector):
    for args in (("--ignore", selector, _project(tmp_path)),
                 (_project(tmp_path, f'ignore = ["{selector}"]\n'),),
                 (_project(tmp_path, f'[per-file-ignores]\n"feed.jsonl" = ["{selector}"]\n'),)):
        found = _rules(*args)
        assert "TEAM001" not in found and "DE001" in found, args


@pytest.mark.parametrize("selector", SELECTORS)
def test_suppress_by_any_selector(tmp_path, selector):
    feed = _project(tmp_path, suppression=f"loclint: ignore[{selector}] -- Markenname des Herstellers")
    found = _rules(feed)
    assert "TEAM001" not in found and "DE001" in found
    assert not {"LNT001", "LNT002"} & found  # readable, and it did its work


def test_a_glob_suppression_and_a_blanket_one(tmp_path):
    found = _rules(_project(tmp_path, suppression="loclint: ignore[DE00?] -- Testsieger laut Studie"))
    assert "DE001" not in found and "TEAM001" in found and not {"LNT001", "LNT002"} & found
    found = _rules(_project(tmp_path, suppression="loclint: ignore[ALL] -- Zitat aus einer Rezension"))
    assert found == set()  # the record-level EU007 (no manufacturer) too, and the suppression counts as used


def test_the_python_api_takes_names_and_globs():
    record = {"id": "a", "market": "DE", "title": "Die besten Töpfe, 15 x 10 inches"}
    assert {f.rule for f in loclint.lint(record, date=TODAY, select=["unproven-superlative"])} == {"DE001"}
    assert {f.rule for f in loclint.lint(record, date=TODAY, select=["MET00?", "DE"], ignore=["de0*"])} == {"MET001"}


def test_a_tag_selects_through_the_engine(tmp_path):
    _project(tmp_path)
    book = load_rulebook(extra=(tmp_path / "team",))
    record = build_record({"id": "a", "market": "DE", "title": TITLE}, path="x", line=1, index=1)
    assert {f.rule for f in Linter(book, day=TODAY, select=["HOUSE-style"]).lint_record(record)} == {"TEAM001"}


def test_a_code_beats_a_tag_of_the_same_spelling(tmp_path):
    """TEAM001 carries the tag "de"; "DE" is the DE codes' prefix, which comes first."""
    found = _rules("--select", "de", _project(tmp_path))
    assert "DE001" in found and "TEAM001" not in found


# --- errors name where the selector was written -------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (("--select", "DE 001"), "--select: 'DE 001' is not a rule selector"),
    (("--ignore", "NOPE123"), "--ignore: 'NOPE123' matches no rule"),
    (("--select", "no-such-name"), "--select: 'no-such-name' matches no rule"),
])
def test_a_bad_selector_on_the_command_line(tmp_path, args, message):
    result = _check(*args, _project(tmp_path))
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("config, message", [
    ('ignore = ["NOPE123"]\n', "key 'ignore': 'NOPE123' matches no rule"),
    ('select = ["DE", "nope-nope"]\n', "key 'select': 'NOPE-NOPE' matches no rule"),
    ('select = ["DE"]\nextend-select = ["XX9"]\n', "key 'extend-select': 'XX9' matches no rule"),
    ('extend-select = ["XX9"]\n', "key 'extend-select': 'XX9' matches no rule"),
    ('[per-file-ignores]\n"legacy/*" = ["MET001", "XX9"]\n', "key 'per-file-ignores' 'legacy/*': 'XX9' matches no rule"),
    ('ignore = ["DE;001"]\n', "key 'ignore': 'DE;001' is not a rule selector"),
    ('[per-file-ignores]\n"*.jsonl" = ["DE 001"]\n', "key 'per-file-ignores': '*.jsonl': 'DE 001' is not a rule selector"),
])
def test_a_bad_selector_in_the_configuration_names_the_file_and_key(tmp_path, config, message):
    result = _check(_project(tmp_path, config))
    assert result.exit_code == 2, result.stdout
    assert f"{tmp_path / 'loclint.toml'}" in result.stderr and message in result.stderr


def test_a_bad_selector_in_a_suppression_is_a_finding(tmp_path):
    result = _check("--select", "DE001,LNT", _project(tmp_path, suppression="loclint: ignore[DE 001] -- weil"))
    [problem] = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "LNT001"]
    assert "'DE 001' is not a rule selector" in problem["message"]


def test_a_bad_selector_in_the_python_api_is_a_value_error():
    with pytest.raises(ValueError, match="select: 'nope' matches no rule"):
        loclint.lint({"id": "a", "market": "DE", "title": "x"}, select=["nope"])


# --- a typo gets a did-you-mean wherever it is written -------------------------------------------------

@pytest.mark.parametrize("flags, config, message", [
    (("--select", "DE0O1"), "", "--select: 'DE0O1' matches no rule; did you mean DE001?"),
    (("--ignore", "team-house-styel"), "", "--ignore: 'team-house-styel' matches no rule; did you mean team-house-style?"),
    ((), 'ignore = ["MTE"]\n', "key 'ignore': 'MTE' matches no rule; did you mean MET?"),
    ((), 'select = ["DE"]\nextend-select = ["TEAM01"]\n', "key 'extend-select': 'TEAM01' matches no rule; did you "
                                                           "mean TEAM001?"),
    ((), '[per-file-ignores]\n"*.jsonl" = ["DE0O1"]\n', "key 'per-file-ignores' '*.jsonl': 'DE0O1' matches no rule; "
                                                        "did you mean DE001?"),
])
def test_a_misspelled_selector_on_the_command_line_or_in_the_configuration_suggests_the_rule(tmp_path, flags, config,
                                                                                            message):
    result = _check(*flags, _project(tmp_path, config))
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert message in result.stderr


def test_a_misspelled_code_in_the_api_and_in_a_suppression_suggests_the_rule(tmp_path):
    with pytest.raises(ValueError, match=r"ignore: 'unproven-superlativ' matches no rule; did you mean "
                                         r"unproven-superlative\?"):
        loclint.lint({"id": "a", "market": "DE", "title": "x"}, ignore=["unproven-superlativ"])
    result = _check("--select", "DE001,LNT", _project(tmp_path, suppression="loclint: ignore[DE0O1, XX9] -- weil"))
    [problem] = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "LNT001"]
    assert "DE0O1: no such rule; did you mean DE001?; XX9: no such rule (`loclint rules` lists them)" \
        in problem["message"]


def test_no_suggestion_when_nothing_is_close(tmp_path):
    result = _check("--select", "NOPE123", _project(tmp_path))
    assert "'NOPE123' matches no rule (`loclint rules` lists them)" in result.stderr


# --- a string where a list is expected is refused, never read letter by letter -------------------------

@pytest.mark.parametrize("option", ["select", "ignore"])
def test_a_string_for_a_list_of_selectors_is_refused_by_the_api(tmp_path, option):
    record = {"id": "a", "market": "DE", "title": TITLE, "price": {"amount": 59.99, "currency": "EUR"}}  # EU007 too
    for call in (lambda: loclint.lint(record, **{option: "DE001"}),
                 lambda: loclint.lint_file(_project(tmp_path), **{option: "DE001"}),
                 lambda: loclint.make_linter(**{option: "DE001"})):
        with pytest.raises(ValueError) as caught:
            call()
        assert str(caught.value) == f"{option}: expected a list of rule selectors, got the string 'DE001' " \
                                    f"(write {option}=['DE001'])"
    with pytest.raises(ValueError, match=f"{option}: expected a list of rule selectors \\(strings\\), got \\[1\\]"):
        loclint.lint(record, **{option: [1]})
    assert {f.rule for f in loclint.lint(record, date=TODAY, **{option: ("DE001",)})}  # a tuple is a list


@pytest.mark.parametrize("config, key", [('select = "DE001"\n', "select"), ('ignore = "DE001"\n', "ignore"),
                                         ('select = ["DE"]\nextend-select = "DE001"\n', "extend-select"),
                                         ('[per-file-ignores]\n"*.jsonl" = "DE001"\n', "per-file-ignores")])
def test_a_string_for_a_list_of_selectors_is_refused_by_the_configuration(tmp_path, config, key):
    result = _check(_project(tmp_path, config))
    assert result.exit_code == 2 and f"key '{key}'" in result.stderr
    assert 'expected an array of strings, got a string (write ["DE001"])' in result.stderr


# --- the grammar itself ----------------------------------------------------------------------------------

def test_resolution(rulebook):
    from loclint.selector import RuleIndex, Selector, SelectorError

    index = RuleIndex(rulebook.all_rules())
    codes = lambda text: index.codes(Selector.parse(text))  # noqa: E731
    assert codes("DE001") == {"DE001"} == codes("de001") == codes("unproven-superlative")
    assert codes("DE00?") == {f"DE00{i}" for i in range(1, 10)} & {r.code for r in rulebook.all_rules()}
    assert codes("DE0") == codes("DE0*") and codes("DE") >= codes("DE0")
    assert codes("ALL") == {r.code for r in rulebook.all_rules()}
    assert codes("XX") == frozenset()
    with pytest.raises(SelectorError) as excinfo:
        index.covered([Selector.parse("XX", "here")])
    assert str(excinfo.value).startswith("here: 'XX' matches no rule")
    for bad in ("", "DE 001", "DE,001", "DE/001"):
        with pytest.raises(SelectorError):
            Selector.parse(bad, "there")


# --- off-by-default rules: a note that asks for nothing runs only when named ------------------------

OFF_RULE = team_rule(extra="off_by_default: true\ntags: [house-style]")


def _off_project(tmp_path, config: str = ""):
    return team_project(tmp_path, OFF_RULE, TITLE, config)


def test_an_off_by_default_rule_does_not_run_unless_named(tmp_path):
    found = _rules(_off_project(tmp_path))
    assert "DE001" in found and "TEAM001" not in found


@pytest.mark.parametrize("selector", ["TEAM001", "team001", "team-house-style"])
def test_naming_an_off_by_default_rule_switches_it_on(tmp_path, selector):
    assert _rules("--select", selector, _off_project(tmp_path)) == {"TEAM001"}
    assert {"DE001", "TEAM001"} <= _rules("--select", f"DE,{selector}", _off_project(tmp_path))
    assert {"DE001", "TEAM001"} <= _rules(_off_project(tmp_path, f'select = ["DE", "{selector}"]\n'))
    assert "TEAM001" not in _rules("--select", selector, "--ignore", "TEAM", _off_project(tmp_path))


def test_extend_select_without_select_adds_an_off_by_default_rule_to_every_rule(tmp_path):
    # offers = "all": the title-only record is an offer, so EU007 (an offer rule) runs too.
    config = 'extend-select = ["TEAM001"]\noffers = "all"\n'
    assert {"DE001", "EU007", "TEAM001"} <= _rules(_off_project(tmp_path, config))


@pytest.mark.parametrize("selector", ["TEAM", "TEAM00?", "house-style", "ALL"])
def test_a_prefix_glob_tag_or_all_does_not_switch_on_an_off_by_default_rule(tmp_path, selector):
    assert "TEAM001" not in _rules("--select", f"DE,{selector}", _off_project(tmp_path))


def test_the_purple_note_is_off_by_default_in_india():
    record = build_record({"id": "p", "market": "IN", "title": "Cotton kurta", "attributes": {"color": "Purple"}},
                          path="feed.jsonl", line=1, index=1)
    found = lambda **kw: {f.rule for f in Linter(load_rulebook(), day=TODAY, **kw).lint_record(record)}  # noqa: E731
    assert "IN003" not in found()
    assert "IN003" not in found(select=["IN", "ALL"])
    assert "IN003" in found(select=["IN003"]) and "IN003" in found(select=["purple-colour-note"])


def test_rules_list_and_rule_page_say_off_by_default():
    from conftest import runner

    from loclint.cli import main

    listed = runner().invoke(main, ["rules", "--market", "IN"])
    assert listed.exit_code == 0
    line = next(line for line in listed.stdout.splitlines() if line.startswith("IN003"))
    assert "purple-colour-note (off by default)" in line
    assert "off by default" not in next(line for line in listed.stdout.splitlines() if line.startswith("IN004"))
    page = runner().invoke(main, ["rule", "IN003"])
    assert "Off by default: it runs only when selected by code or name (`--select IN003`" in page.stdout
