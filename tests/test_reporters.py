"""The output formats beyond their golden files: SARIF validates against the OASIS schema and
its regions and fixes point at the right characters; JUnit parses whatever the text holds;
GitHub commands escape what would end them early; JSON Lines streams; the human formats close
with counts; the github format is picked inside GitHub Actions; the progress line only shows
for a person at a terminal."""
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from conftest import TODAY, runner

from loclint.cli import main
from loclint.model import Applicability, Finding, ReadError, Severity, Source, Suggestion
from loclint.progress import Progress, line_for, wanted
from loclint.reporters import default_format
from loclint.reporters.github import GithubReporter, escape_data, escape_property
from loclint.reporters.jsonl import JsonLinesReporter
from loclint.reporters.junit import JunitReporter
from loclint.reporters.sarif import SarifReporter
from loclint.summary import Summary
from loclint.reporters.tally import TOP_RULES, details

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
# The OASIS SARIF 2.1.0 schema, vendored unchanged so that CI validates without ../shared.
SARIF_SCHEMA = ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json"
MAKER = "Hersteller: Beispiel GmbH, Musterstr. 1, 10115 Berlin, info@beispiel.example"


def check(*args, env=None):
    result = runner().invoke(main, ["check", "--date", TODAY.isoformat(), "--jobs", "1", "--no-cache",
                                    *map(str, args)], env=env or {"GITHUB_ACTIONS": None})
    assert result.exc_info is None or result.exc_info[0] is SystemExit, result.exc_info
    assert "Traceback" not in result.stdout + result.stderr
    return result


def finding(**changes) -> Finding:
    base = dict(rule="DE001", name="unproven-superlative", severity=Severity.ERROR, message="“x” is wrong",
                path="feed.jsonl", record="R-1", field="title", start=0, end=1, line=1, column=2, text="x",
                suggestions=(), source=Source("UWG §5", "https://example.org/uwg", "L"), market="DE",
                end_line=1, end_column=3)
    base.update(changes)
    return Finding(**base)


@pytest.fixture(scope="module")
def sarif_validator():
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"{SARIF_SCHEMA} not present")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


def schema_errors(validator, doc) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]


# --- SARIF -------------------------------------------------------------------------------------

def test_golden_sarif_validates_and_names_every_rule_it_uses(sarif_validator):
    doc = json.loads((GOLDEN / "check.sarif.sarif").read_text(encoding="utf-8"))
    assert schema_errors(sarif_validator, doc) == []
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted({r["ruleId"] for r in run["results"]})
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    de002 = next(r for r in rules if r["id"] == "DE002")
    assert de002["help"]["markdown"].startswith("# DE002 price-superlative\n")
    assert de002["defaultConfiguration"] == {"level": "error"}
    assert de002["helpUri"].startswith("https://")
    assert {r["level"] for r in run["results"]} == {"error", "warning", "note"}
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [(n["level"], n["locations"][0]["physicalLocation"]["region"]["startLine"]) for n in notes] == [("error", 3)]
    assert run["invocations"][0]["executionSuccessful"] is True


def test_sarif_regions_cover_the_flagged_text_and_fixes_match_fix(tmp_path, monkeypatch, sarif_validator):
    """Apply every SARIF replacement to a copy of the input: the regions must hold exactly the
    flagged text, and the result must equal what `check --fix --unsafe-fixes` writes."""
    work = tmp_path / "input"
    shutil.copytree(GOLDEN / "input", work)
    monkeypatch.chdir(tmp_path)
    doc = json.loads(check("--format", "sarif", "--market", "DE", "input").stdout)
    assert schema_errors(sarif_validator, doc) == []
    run = doc["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    by_file: dict = {}
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]
        region = location["region"]
        uri = location["artifactLocation"]["uri"]
        assert location["artifactLocation"]["uriBaseId"] == "SRCROOT" and not uri.startswith("/")
        lines = (tmp_path / uri.replace("%2C", ",").replace("%20", " ")).read_text(encoding="utf-8").split("\n")
        assert region["startLine"] <= len(lines)
        assert region.get("endLine", region["startLine"]) == region["startLine"]  # one-line spans here
        for fix in result.get("fixes", []):
            for change in fix["artifactChanges"]:
                for replacement in change["replacements"]:
                    by_file.setdefault(uri, []).append((replacement["deletedRegion"],
                                                        replacement["insertedContent"]["text"]))
    json_doc = json.loads(check("--format", "json", "--market", "DE", "input").stdout)
    texts = {(f["rule"], f["line"], f["column"]): f["text"] for f in json_doc["findings"]}
    for result in run["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        if "endLine" in region:
            uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            line = (tmp_path / uri.replace("%2C", ",").replace("%20", " ")).read_text(encoding="utf-8").split("\n")[
                region["startLine"] - 1]
            assert line[region["startColumn"] - 1:region["endColumn"] - 1] == texts[
                (result["ruleId"], region["startLine"], region["startColumn"])]
    assert len(by_file) == 2  # both files have rewrites

    expected = {}
    for uri, edits in by_file.items():
        path = tmp_path / uri.replace("%2C", ",").replace("%20", " ")
        lines = path.read_text(encoding="utf-8").split("\n")
        for region, text in sorted(edits, key=lambda e: (e[0]["startLine"], e[0]["startColumn"]), reverse=True):
            row = lines[region["startLine"] - 1]
            lines[region["startLine"] - 1] = row[:region["startColumn"] - 1] + text + row[region["endColumn"] - 1:]
        expected[path] = "\n".join(lines)
    check("--fix", "--unsafe-fixes", "--market", "DE", "--format", "concise", "input")
    for path, text in expected.items():
        assert path.read_text(encoding="utf-8") == text


def test_sarif_without_findings_and_with_an_unreadable_file(tmp_path, monkeypatch, sarif_validator):
    (tmp_path / "ok.txt").write_text(f"Kochtopf aus Edelstahl, 24 cm\n{MAKER}\n", encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"id": ', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = check("--format", "sarif", "--market", "DE", ".")
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert schema_errors(sarif_validator, doc) == []
    run = doc["runs"][0]
    assert run["results"] == [] and run["tool"]["driver"]["rules"] == []
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for n in invocation["toolExecutionNotifications"]] == ["broken.json"]


def test_sarif_paths_outside_the_working_directory_are_absolute_uris(tmp_path, sarif_validator):
    reporter = SarifReporter(out=io.StringIO(), root=str(tmp_path / "project"))
    reporter.finding(finding(path=str(tmp_path / "elsewhere" / "a b.jsonl")))
    reporter.finish(Summary())
    doc = json.loads(reporter.out.getvalue())
    assert schema_errors(sarif_validator, doc) == []
    location = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": (tmp_path / "elsewhere" / "a b.jsonl").as_uri()} and "%20" in location["uri"]


def test_sarif_fingerprint_ignores_how_the_path_was_named_and_where_the_line_moved(tmp_path, monkeypatch):
    def fingerprint(**changes):
        reporter = SarifReporter(out=io.StringIO(), root=str(tmp_path))
        reporter.finding(finding(**changes))
        reporter.finish(Summary())
        return json.loads(reporter.out.getvalue())["runs"][0]["results"][0]["partialFingerprints"]

    monkeypatch.chdir(tmp_path)
    absolute = fingerprint(path=str(tmp_path / "sub" / "feed.jsonl"))
    assert list(absolute) == ["loclintFinding/v1"] and len(absolute["loclintFinding/v1"]) == 32
    assert fingerprint(path="sub/feed.jsonl") == absolute
    assert fingerprint(path="./sub/feed.jsonl", line=7, column=9, end_line=7, end_column=10) == absolute
    assert fingerprint(path="sub/feed.jsonl", record="R-2") != absolute
    assert fingerprint(path="sub/feed.jsonl", text="y") != absolute


def test_sarif_fix_only_for_writable_safe_or_unsafe_rewrites():
    reporter = SarifReporter(out=io.StringIO())
    reporter.finding(finding(suggestions=(Suggestion("y", Applicability.SAFE, raw="y"),)))
    reporter.finding(finding(column=5, suggestions=(Suggestion("y", Applicability.DISPLAY, raw="y"),)))
    reporter.finding(finding(column=7, suggestions=(Suggestion("y", Applicability.UNSAFE, raw=None),)))
    reporter.finish(Summary())
    results = json.loads(reporter.out.getvalue())["runs"][0]["results"]
    assert ["fixes" in r for r in results] == [True, False, False]


# --- JUnit -------------------------------------------------------------------------------------

def test_golden_junit_parses_and_counts_add_up():
    root = ET.parse(GOLDEN / "check.junit.xml").getroot()
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["tests/golden/input/feed.jsonl", "tests/golden/input/kissen, rot.txt"]
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
        assert int(suite.get("errors")) == sum(1 for c in cases if c.find("error") is not None)
    feed = suites[0]
    assert [c.get("name") for c in feed.findall("testcase")] == [
        "record G-1", "record G-4", "line 3", "1 record(s) without findings"]
    assert [f.get("type") for f in feed.find("testcase").findall("failure")] == ["DE016", "DE002", "MET001", "DE003"]
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)


def test_junit_survives_markup_and_control_characters():
    reporter = JunitReporter(out=io.StringIO())
    reporter.file('a&b <"c">.jsonl')
    reporter.records(2)
    reporter.finding(finding(path='a&b <"c">.jsonl', record="<R&1>", message="“x\x01” ]]> & <b>", text="x\x01\x1b"))
    reporter.error(ReadError('a&b <"c">.jsonl', 3, "bad \x00 byte", record="R-3"))
    reporter.finish(Summary())
    root = ET.fromstring(reporter.out.getvalue())
    suite = root.find("testsuite")
    assert suite.get("name") == 'a&b <"c">.jsonl'
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["record <R&1>", "record R-3", "1 record(s) without findings"]
    # control characters XML cannot hold are shown as escapes, as the human formats show them
    assert cases[0].find("failure").get("message") == "DE001: “x\\x01” ]]> & <b>"
    assert "text: x\\x01\\x1b" in cases[0].find("failure").text
    assert cases[1].find("error").get("message") == "bad \\x00 byte"


def test_junit_for_a_clean_run_has_passing_tests(tmp_path):
    clean = tmp_path / "ok.txt"
    clean.write_text(f"Kochtopf aus Edelstahl, 24 cm\n{MAKER}\n", encoding="utf-8")
    result = check("--format", "junit", "--market", "DE", clean)
    assert result.exit_code == 0
    root = ET.fromstring(result.stdout)
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("1", "0", "0")


# --- GitHub ------------------------------------------------------------------------------------

def test_github_escaping_follows_the_actions_toolkit():
    assert escape_data("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext: a, b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    # the escape character itself is escaped first, so escapes never double up
    assert escape_data("%0A") == "%250A"


def _unescape(text: str, prop: bool) -> str:
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if prop else [])
    for code, char in pairs:
        text = text.replace(code, char)
    return text.replace("%25", "%")


def parse_command(line: str):
    match = re.fullmatch(r"::(error|warning|notice) ([^:]*)::(.*)", line)
    assert match, line
    props = dict(p.split("=", 1) for p in match.group(2).split(","))
    return match.group(1), {k: _unescape(v, True) for k, v in props.items()}, _unescape(match.group(3), False)


def test_github_commands_round_trip_paths_and_messages():
    out = io.StringIO()
    reporter = GithubReporter(out=out)
    tricky = finding(path="dir, with: colon/100%.jsonl", message="50% off: “x”,\r\nnext line",
                     suggestions=(Suggestion("y, z", Applicability.SAFE),))
    reporter.finding(tricky)
    reporter.finding(finding(severity=Severity.INFO, end_line=0, end_column=0))
    reporter.error(ReadError("feed.jsonl", 0, "binary file: cannot read", whole_file=True))
    lines = out.getvalue().splitlines()
    assert len(lines) == 3  # no raw line break escaped into a second line
    level, props, message = parse_command(lines[0])
    assert level == "error"
    assert props == {"file": "dir, with: colon/100%.jsonl", "line": "1", "col": "2", "endLine": "1",
                     "endColumn": "3", "title": "DE001"}
    assert message.splitlines()[0] == "50% off: “x”,"
    assert message.endswith("fix (safe): y, z")
    level, props, _ = parse_command(lines[1])
    assert level == "notice" and "endLine" not in props
    level, props, message = parse_command(lines[2])
    assert (level, props, message) == ("error", {"file": "feed.jsonl", "title": "read error"}, "binary file: cannot read")


def test_golden_github_lines_match_the_json_findings():
    lines = (GOLDEN / "check.github.txt").read_text(encoding="utf-8").splitlines()
    doc = json.loads((GOLDEN / "check.json.json").read_text(encoding="utf-8"))
    commands = [parse_command(line) for line in lines if line.startswith("::") and "title=read error" not in line]
    assert [(p["file"], int(p["line"]), int(p["col"]), p["title"]) for _, p, _ in commands] == [
        (f["path"], f["line"], f["column"], f["rule"]) for f in doc["findings"]]
    assert [m.split(" [")[0] for _, _, m in commands] == [f["message"] for f in doc["findings"]]


@pytest.mark.parametrize("env, args, expected", [
    ({"GITHUB_ACTIONS": "true"}, [], "github"),
    ({"GITHUB_ACTIONS": "true"}, ["--format", "concise"], "concise"),
    ({"GITHUB_ACTIONS": None}, [], "full"),
    ({"GITHUB_ACTIONS": "false"}, [], "full"),
])
def test_github_format_is_the_default_inside_github_actions(tmp_path, monkeypatch, env, args, expected):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "listing.txt"
    path.write_text(f"Die besten Töpfe\n{MAKER}\n", encoding="utf-8")
    out = check("--market", "DE", *args, "listing.txt", env=env).stdout
    first = out.splitlines()[0]
    shapes = {"github": "::error file=listing.txt,line=1,col=1,endLine=1,endColumn=11,title=DE001::",
              "concise": "listing.txt:1:1: DE001 [error] ", "full": "listing.txt:1:1: DE001 error unproven-superlative"}
    assert first.startswith(shapes[expected]), first
    assert default_format({"GITHUB_ACTIONS": "true"}) == "github" and default_format({}) == "full"


def test_configured_format_beats_github_actions_and_a_bad_one_is_a_config_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "listing.txt").write_text(f"Die besten Töpfe\n{MAKER}\n", encoding="utf-8")
    (tmp_path / "loclint.toml").write_text('format = "concise"\n', encoding="utf-8")
    out = check("--market", "DE", "listing.txt", env={"GITHUB_ACTIONS": "true"}).stdout
    assert out.startswith("listing.txt:1:1: DE001 [error] ")
    (tmp_path / "loclint.toml").write_text('format = "xml"\n', encoding="utf-8")
    result = check("--market", "DE", "listing.txt")
    assert result.exit_code == 2 and result.stdout == ""
    assert "key 'format': expected one of concise, full, github, html, json, jsonl, junit, sarif; got 'xml'" in result.stderr


# --- JSON Lines --------------------------------------------------------------------------------

def test_golden_jsonl_holds_the_json_documents_objects():
    lines = [json.loads(line) for line in (GOLDEN / "check.jsonl.jsonl").read_text(encoding="utf-8").splitlines()]
    doc = json.loads((GOLDEN / "check.json.json").read_text(encoding="utf-8"))
    strip = lambda obj: {k: v for k, v in obj.items() if k != "type"}  # noqa: E731
    assert [strip(o) for o in lines if o["type"] == "finding"] == doc["findings"]
    assert [strip(o) for o in lines if o["type"] == "error"] == doc["errors"]
    assert lines[-1] == {"type": "summary", "version": 1, **doc["summary"]}
    assert [o["type"] for o in lines].count("summary") == 1


def test_jsonl_writes_each_finding_when_it_is_found():
    out = io.StringIO()
    reporter = JsonLinesReporter(out=out)
    reporter.finding(finding())
    assert json.loads(out.getvalue())["type"] == "finding"  # before the run ends
    reporter.error(ReadError("feed.jsonl", 2, "not JSON"))
    assert json.loads(out.getvalue().splitlines()[1]) == {"type": "error", "path": "feed.jsonl", "line": 2,
                                                          "record": None, "message": "not JSON"}


# --- closing summary of the human formats --------------------------------------------------------

def test_concise_closes_with_totals_rules_and_fixable():
    out = (GOLDEN / "check.concise.txt").read_text(encoding="utf-8").splitlines()
    assert out[-3:] == [
        "2 file(s), 4 record(s): 8 findings · 4 error, 3 warning, 1 info · 1 unreadable input(s)",
        "  rules: MET001 ×2, DE001 ×1, DE002 ×1, DE003 ×1, DE016 ×1, LOC001 ×1, MET004 ×1",
        "  fixable: 4 with --fix, 1 more with --fix --unsafe-fixes"]


def test_summary_names_the_top_rules_and_counts_the_rest():
    summary = Summary()
    for i in range(TOP_RULES + 3):
        for _ in range(i + 1):
            summary.add_finding(finding(rule=f"DE{i:03d}"))
    rules = details(summary)[0]
    assert rules.startswith(f"  rules: DE{TOP_RULES + 2:03d} ×{TOP_RULES + 3}, ")
    assert rules.endswith(" and 3 more rule(s)") and rules.count("×") == TOP_RULES
    assert details(Summary()) == []


# --- progress ----------------------------------------------------------------------------------

class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_progress_only_for_people_at_a_terminal():
    assert wanted("full", _Tty(), _Tty()) and wanted("concise", _Tty(), _Tty())
    assert not wanted("full", io.StringIO(), _Tty())  # stdout piped (| less): would draw over it
    assert not wanted("full", _Tty(), io.StringIO())
    for fmt in ("json", "jsonl", "sarif", "github", "junit"):
        assert not wanted(fmt, _Tty(), _Tty())


def test_progress_waits_throttles_and_clears_before_output():
    now = [0.0]
    stream = _Tty()
    progress = Progress(stream, clock=lambda: now[0])
    progress.start(4)
    summary = Summary(files=1, records=10)
    progress.update(summary)
    assert stream.getvalue() == ""  # a short run shows nothing
    now[0] = 1.5
    summary.files, summary.records, summary.findings = 3, 1200, 7
    progress.update(summary)
    assert stream.getvalue() == "\rloclint: [##########..........] 3/4 files · 1,200 records · 7 findings"
    summary.records = 1300
    progress.update(summary)  # within 0.1 s of the last draw
    assert "1,300" not in stream.getvalue()
    printed = []

    class Reporter:
        def finding(self, f):
            printed.append(stream.getvalue())

        def records(self, n):
            printed.append(n)

    wrapped = progress.wrap(Reporter())
    wrapped.finding(finding())
    assert printed[0].endswith("\r" + " " * len("loclint: [##########..........] 3/4 files · 1,200 records · 7 findings") + "\r")
    wrapped.records(3)  # other reporter hooks pass through
    assert printed[1] == 3
    progress.close()


def test_progress_for_one_large_file_counts_without_a_bar():
    assert line_for(Summary(files=1, records=48210, findings=1305), 1) == \
        "loclint: 1/1 files · 48,210 records · 1,305 findings"


def test_no_progress_line_when_stderr_is_not_a_terminal(tmp_path):
    path = tmp_path / "listing.txt"
    path.write_text(f"Die besten Töpfe\n{MAKER}\n", encoding="utf-8")
    assert "loclint: [" not in check("--market", "DE", path).stderr


def test_the_cli_wraps_human_reporters_in_a_progress_line_at_a_terminal(monkeypatch, tmp_path):
    from loclint import cli
    from loclint.session import Flags, Session

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdout", _Tty())
    monkeypatch.setattr("sys.stderr", _Tty())
    reporter, progress = cli._output(Session(Flags(output_format="concise")))
    assert isinstance(progress, Progress) and reporter._progress is progress
    reporter, progress = cli._output(Session(Flags(output_format="json")))
    assert progress is None and type(reporter).__name__ == "JsonReporter"
