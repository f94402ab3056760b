"""The command line: exit codes (0 clean enough, 1 findings or unreadable records, 2 usage,
ruleset and file errors), messages that name what is wrong, and never a traceback."""
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import runner, team_rule

from loclint.cli import main
from loclint.readers.registry import REGISTRY

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
FIXTURES = ROOT / "fixtures"
DATE = "2026-11-25"
MAKER = "Hersteller: Beispiel GmbH, Musterstr. 1, 10115 Berlin, info@beispiel.example"



def invoke(*args):
    result = runner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.stdout + result.stderr
    # click turns usage errors into SystemExit(2); anything else escaping is a crash
    assert result.exc_info is None or result.exc_info[0] is SystemExit, result.exc_info
    return result


def check_json(*args):
    result = invoke("check", "--format", "json", "--date", DATE, *args)
    return result.exit_code, json.loads(result.stdout)


@pytest.fixture
def listing(tmp_path):
    """Write a one-listing text file (sold in Germany, manufacturer named) and return its path."""
    def write(text, name="listing.txt"):
        path = tmp_path / name
        path.write_text(f"{text}\n{MAKER}\n", encoding="utf-8")
        return path
    return write


# --- exit codes --------------------------------------------------------------------------------

def test_only_info_findings_exit_0_with_the_default_fail_on(listing):
    path = listing("Jetzt nur 24.99 € inkl. MwSt.")
    code, doc = check_json("--market", "DE", path)
    assert [(f["rule"], f["severity"]) for f in doc["findings"]] == [("LOC001", "info")]
    assert code == 0
    assert check_json("--market", "DE", "--fail-on", "info", path)[0] == 1
    assert check_json("--market", "DE", "--fail-on", "never", path)[0] == 0


@pytest.mark.parametrize("fail_on, expected", [("info", 1), ("warning", 1), ("error", 0), ("never", 0)])
def test_warning_findings_against_each_fail_on(listing, fail_on, expected):
    path = listing("Maße: 15 x 10 x 40 inches")
    code, doc = check_json("--market", "DE", "--fail-on", fail_on, path)
    assert {(f["rule"], f["severity"]) for f in doc["findings"]} == {("MET001", "warning")}
    assert code == expected


@pytest.mark.parametrize("fail_on, expected", [("info", 1), ("warning", 1), ("error", 1), ("never", 0)])
def test_error_findings_against_each_fail_on(listing, fail_on, expected):
    path = listing("Die besten Töpfe")
    code, doc = check_json("--market", "DE", "--fail-on", fail_on, path)
    assert {(f["rule"], f["severity"]) for f in doc["findings"]} == {("DE001", "error")}
    assert code == expected


def test_a_clean_listing_exits_0_in_every_format(listing):
    path = listing("Kochtopf aus Edelstahl, 24 cm, 3,5 l")
    code, doc = check_json("--market", "DE", "--fail-on", "info", path)
    assert (code, doc["findings"], doc["errors"]) == (0, [], [])
    for fmt in ("full", "concise"):
        result = invoke("check", "--market", "DE", "--fail-on", "info", "--format", fmt, path)
        assert result.exit_code == 0
        assert "1 file(s), 1 record(s): 0 findings · clean" in result.stdout


def test_unreadable_records_exit_1_even_when_nothing_else_fails(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "x", "market": "DE", "title": 5}\n', encoding="utf-8")
    code, doc = check_json("--fail-on", "never", feed)
    assert code == 1
    assert doc["findings"] == []
    assert doc["errors"] == [{"path": str(feed), "line": 1, "record": "x",
                              "message": "'title' must be a string, not a number (5); record skipped"}]


@pytest.mark.parametrize("args, message", [
    (["--date", "2026-02-30"], "Invalid value for --date: '2026-02-30' is not a date like 2026-09-27"),
    (["--date", "27.09.2026"], "Invalid value for --date: '27.09.2026' is not a date like 2026-09-27"),
    (["--format", "xml"], "Invalid value for '--format': 'xml' is not one of"),
    (["--fail-on", "fatal"], "Invalid value for '--fail-on': 'fatal' is not one of"),
    (["--channel", "shop"], "Invalid value for '--channel': 'shop' is not one of"),
    (["--market", "XX"], "Invalid value for --market: unknown market 'XX' (known: AE, AT, BR, CH, DE,"),
    (["--market", "EU"], "Invalid value for --market: unknown market 'EU'"),
])
def test_usage_errors_exit_2_and_name_the_option(listing, args, message):
    path = listing("Die besten Töpfe")
    market = [] if "--market" in args else ["--market", "DE"]
    result = invoke("check", *market, *args, path)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_no_paths_is_a_usage_error():
    result = invoke("check", "--market", "DE")
    assert result.exit_code == 2 and "Missing argument 'PATHS...'" in result.stderr


def test_lowercase_market_flag_is_accepted(listing):
    code, doc = check_json("--market", "de", listing("Die besten Töpfe"))
    assert code == 1 and {f["market"] for f in doc["findings"]} == {"DE"}


# --- bad input -----------------------------------------------------------------------------------

def test_bad_records_are_named_and_the_good_one_is_linted():
    path = DATA / "bad-records.jsonl"
    code, doc = check_json(path)
    assert code == 1
    assert [(e["path"], e["line"], e["record"]) for e in doc["errors"]] == [
        (str(path), 1, None), (str(path), 2, "bad-shape"), (str(path), 3, None)]
    assert [(f["record"], f["rule"], f["line"]) for f in doc["findings"]] == [("good", "DE001", 5)]
    assert doc["summary"]["records"] == 1 and doc["summary"]["errors"] == 3


@pytest.mark.parametrize("fmt", ["full", "concise"])
def test_bad_records_in_the_human_formats(fmt):
    path = DATA / "bad-records.jsonl"
    result = invoke("check", "--date", DATE, "--format", fmt, path)
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if "read error" in line]
    assert len(errors) == 3
    assert errors[0].startswith(f"{path}:1") and "not JSON" in errors[0]
    assert errors[1].startswith(f"{path}:2") and errors[1].endswith(
        "'bullets' must be a list, not a number (5); record skipped (record bad-shape)")
    assert errors[2].startswith(f"{path}:3") and "not UTF-8: byte 0xe9" in errors[2]
    column = path.read_bytes().split(b"\n")[4].decode("utf-8").index("Die besten") + 1
    assert f"{path}:5:{column}" in result.stdout and "DE001" in result.stdout
    assert "1 file(s), 1 record(s): 1 finding · 1 error · 3 unreadable input(s)" in result.stdout


def test_unreadable_files_exit_2_and_the_other_files_are_linted(tmp_path):
    (tmp_path / "broken.json").write_text('{"id": "x", "title": ', encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "packed.jsonl").write_bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xab\xae\x05\x00")
    (tmp_path / "ok.txt").write_text(f"Die besten Töpfe\n{MAKER}\n", encoding="utf-8")
    missing = tmp_path / "missing.jsonl"
    code, doc = check_json("--market", "DE", tmp_path, missing)
    assert code == 2
    assert {(Path(e["path"]).name, e["message"].split(":")[0]) for e in doc["errors"]} == {
        ("broken.json", "not JSON"), ("binary.txt", "binary file (NUL bytes), not text"),
        ("packed.jsonl", "binary file (NUL bytes), not text"), ("missing.jsonl", "no such file or directory")}
    assert [(Path(f["path"]).name, f["rule"]) for f in doc["findings"]] == [("ok.txt", "DE001")]
    # whole-file problems beat findings and --fail-on never
    assert check_json("--market", "DE", "--fail-on", "never", tmp_path)[0] == 2

    result = invoke("check", "--market", "DE", "--format", "concise", tmp_path, missing)
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    for name in ("broken.json", "binary.txt", "packed.jsonl", "missing.jsonl"):
        mentions = [line for line in lines if name in line]
        assert len(mentions) == 1 and "read error: " in mentions[0], mentions


def test_unsupported_file_named_directly_exits_2(tmp_path):
    sheet = tmp_path / "feed.xlsx"
    sheet.write_bytes(b"PK\x03\x04 a zipped workbook")
    code, doc = check_json("--market", "DE", sheet)
    assert code == 2
    supported = ", ".join(REGISTRY.suffixes())
    assert {".csv", ".json", ".jsonl", ".md", ".ndjson", ".tsv", ".txt", ".yaml", ".yml"} <= set(REGISTRY.suffixes())
    assert doc["errors"] == [{"path": str(sheet), "line": 0, "record": None, "message":
                              f"unsupported file type (supported: {supported})"}]


def test_record_without_market_asks_for_the_flag(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "nomarket", "title": "Die besten Töpfe"}) + "\n", encoding="utf-8")
    code, doc = check_json(feed)
    assert code == 1 and doc["findings"] == []
    assert doc["errors"] == [{"path": str(feed), "line": 1, "record": "nomarket", "message":
                              "record nomarket has no market; add \"market\" to it or pass --market"}]
    code, doc = check_json("--market", "DE", feed)
    assert doc["errors"] == [] and "DE001" in {f["rule"] for f in doc["findings"]}


def test_record_with_an_unknown_market_is_an_error(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "mars", "market": "MA", "title": "x"}) + "\n", encoding="utf-8")
    code, doc = check_json("--market", "DE", feed)
    assert code == 1
    assert [(e["record"], e["message"].split(" (known")[0]) for e in doc["errors"]] == [
        ("mars", "record mars: unknown market 'MA'")]


def test_an_internal_error_is_one_line_and_exit_2(monkeypatch, listing):
    import loclint.run

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(loclint.run, "lint_paths", boom)
    monkeypatch.delenv("LOCLINT_DEBUG", raising=False)
    result = invoke("check", "--market", "DE", listing("x"))
    assert result.exit_code == 2
    assert result.stderr == ("loclint: internal error: RuntimeError: boom "
                             "(set LOCLINT_DEBUG=1 for the traceback, and please report it)\n")


# --- ruleset errors ----------------------------------------------------------------------------

BROKEN_RULE = """\
rules:
  - code: DE901
    name: broken-rule
    kind: terms
    severity: error
    message: "“{match}” is broken"
    why: a test rule
    triggers: {de: [kaputt]}
    colour: red
    examples: {invalid: [kaputt], valid: [heil]}
"""


@pytest.fixture
def broken_rulesets(tmp_path):
    """A copy of the rulesets with one extra file holding a rule with an unknown key and no source."""
    root = tmp_path / "rulesets"
    shutil.copytree(ROOT / "rulesets", root)
    (root / "de" / "broken.yml").write_text(BROKEN_RULE, encoding="utf-8")
    return root


def test_a_broken_ruleset_exits_2_naming_file_rule_and_key(broken_rulesets):
    result = invoke("check", "--rulesets", broken_rulesets, "--market", "DE", FIXTURES / "listings-de.yaml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("loclint: ruleset error:\n")
    assert f"  {broken_rulesets / 'de' / 'broken.yml'}: rule DE901: key 'source': required\n" in result.stderr


def test_a_broken_ruleset_names_every_problem_of_the_rule_at_once(broken_rulesets):
    result = invoke("check", "--rulesets", broken_rulesets, "--market", "DE", FIXTURES / "listings-de.yaml")
    assert "rule DE901: key 'source': required" in result.stderr
    assert "rule DE901: key 'colour': unknown key for a terms rule" in result.stderr


def test_an_unknown_key_alone_is_named(broken_rulesets):
    broken = broken_rulesets / "de" / "broken.yml"
    broken.write_text(BROKEN_RULE.replace(
        "    why: a test rule\n",
        "    why: a test rule\n    source: {title: Test, url: 'https://example.org', grade: W}\n"), encoding="utf-8")
    result = invoke("check", "--rulesets", broken_rulesets, "--market", "DE", FIXTURES / "listings-de.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        f"loclint: ruleset error:\n  {broken}: rule DE901: key 'colour': unknown key for a terms rule\n")


@pytest.mark.parametrize("command", [["rules"], ["rules", "--market", "DE"], ["rule", "DE001"]])
def test_the_rule_listings_report_ruleset_errors_too(broken_rulesets, command):
    result = invoke(*command, "--rulesets", broken_rulesets)
    assert result.exit_code == 2
    assert "broken.yml: rule DE901: key 'source': required" in result.stderr


def test_a_missing_rulesets_directory_is_a_ruleset_error(tmp_path):
    result = invoke("check", "--rulesets", tmp_path / "nowhere", "--market", "DE", FIXTURES / "listings-de.yaml")
    assert result.exit_code == 2
    assert "markets.yml: file missing" in result.stderr


# --- the installed command -------------------------------------------------------------------

def _loclint() -> list[str]:
    """The console script of the environment running the tests (a fresh venv in CI)."""
    script = Path(sys.executable).with_name("loclint")
    if script.exists():
        return [str(script)]
    found = shutil.which("loclint")
    return [found] if found else [sys.executable, "-c", "import sys; from loclint.cli import main; sys.exit(main())"]


def _run(*args, cwd):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("LOCLINT_DEBUG", None)
    return subprocess.run([*_loclint(), *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                          cwd=cwd, env=env, timeout=120)


def test_installed_command_json_on_stdout_and_exit_2_for_an_unreadable_file(tmp_path):
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "ok.txt").write_text(f"Die besten Töpfe\n{MAKER}\n", encoding="utf-8")
    proc = _run("check", "--format", "json", "--market", "DE", "--date", DATE, ".", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    doc = json.loads(proc.stdout)  # stdout holds the JSON document and nothing else
    assert [(e["path"], e["line"], e["message"]) for e in doc["errors"]] == [
        ("./broken.json", 1, "not JSON: Expecting property name enclosed in double quotes at column 2")]
    assert [(f["path"], f["rule"], f["line"], f["column"]) for f in doc["findings"]] == [("./ok.txt", "DE001", 1, 1)]


def test_installed_command_ruleset_error(broken_rulesets, tmp_path):
    proc = _run("check", "--rulesets", broken_rulesets, "--market", "DE", FIXTURES / "listings-de.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert proc.stderr == textwrap.dedent(f"""\
        loclint: ruleset error:
          {broken_rulesets / 'de' / 'broken.yml'}: rule DE901: key 'source': required
          {broken_rulesets / 'de' / 'broken.yml'}: rule DE901: key 'colour': unknown key for a terms rule
        """)


# --- rules, rule and config read the configuration as check does -----------------------------

TEAM_RULE = team_rule("TM001")


@pytest.fixture
def team_project(tmp_path, monkeypatch):
    """A project whose loclint.toml adds a team ruleset with rule TM001; the working directory."""
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "style.yml").write_text(TEAM_RULE, encoding="utf-8")
    (tmp_path / "loclint.toml").write_text('rulesets = ["team"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_rules_and_rule_show_the_team_rules_check_uses(team_project):
    (team_project / "listing.txt").write_text(f"Neue Headphones\n{MAKER}\n", encoding="utf-8")
    code, doc = check_json("--market", "DE", "listing.txt")
    assert "TM001" in {f["rule"] for f in doc["findings"]}
    listed = invoke("rules")
    assert listed.exit_code == 0 and re.search(r"^TM001\s+info\s+\S*team\s+team-house-style", listed.stdout, re.M)
    assert "TM001" in invoke("rules", "--market", "DE").stdout
    page = invoke("rule", "TM001")
    assert page.exit_code == 0 and "team-house-style" in page.stdout


def test_rules_and_rule_take_config(team_project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    os.chdir(elsewhere)  # no configuration here: the team rule is unknown ...
    assert "TM001" not in invoke("rules").stdout
    assert invoke("rule", "TM001").exit_code == 2
    config = team_project / "loclint.toml"  # ... unless --config names the file
    assert "TM001" in invoke("rules", "--config", config).stdout
    assert invoke("rule", "--config", config, "TM001").exit_code == 0


def test_rules_report_a_bad_configuration(team_project):
    (team_project / "loclint.toml").write_text('rulesets = ["team"]\nchannel = "shop"\n', encoding="utf-8")
    for command in (["rules"], ["rule", "DE001"]):
        result = invoke(*command)
        assert result.exit_code == 2
        assert result.stderr == (f"loclint: configuration error: {team_project / 'loclint.toml'}: key 'channel': "
                                 "expected one of marketplace, own-store; got 'shop'\n")


def test_a_configuration_with_several_problems_names_them_all(tmp_path, monkeypatch, listing):
    path = listing("Die besten Töpfe")
    (tmp_path / "loclint.toml").write_text('language-detector = "cld3"\njobs = 0\n[csv]\npreset = "ebay"\n',
                                           encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "--market", "DE", path)
    config = tmp_path / "loclint.toml"
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        f"loclint: configuration error:\n"
        f"  {config}: key 'language-detector': expected one of cld2, py3langid, langdetect; got 'cld3'\n"
        f"  {config}: key 'jobs': expected a number of at least 1, got 0\n"
        f"  {config}: key 'csv.preset': expected one of auto, canonical, google, shopify, amazon; got 'ebay'\n")


def test_a_broken_pyproject_is_an_error_naming_file_and_line(tmp_path, monkeypatch, listing):
    path = listing("Die besten Töpfe")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "shop"\nversion = \n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "--market", "DE", path)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"loclint: configuration error: {tmp_path / 'pyproject.toml'}: not valid TOML: ")
    assert "(at line 3, column 11)" in result.stderr


def test_config_shows_what_applies_and_what_the_file_sets(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("config")
    assert result.stdout.startswith("# no configuration file found: built-in defaults\n")
    shown = json.loads(result.stdout.split("\n", 1)[1])
    assert (shown["fail-on"], shown["channel"], shown["csv"]["preset"]) == ("warning", "marketplace", "auto")
    (tmp_path / "loclint.toml").write_text('fail-on = "error"\n[csv]\nmap = { "Name" = "title" }\n', encoding="utf-8")
    result = invoke("config")
    assert result.stdout.startswith(f"# {tmp_path / 'loclint.toml'} (sets fail-on, csv; the rest are defaults)\n")
    shown = json.loads(result.stdout.split("\n", 1)[1])
    assert (shown["fail-on"], shown["csv"]["map"], shown["csv"]["preset"]) == ("error", {"Name": "title"}, "auto")
