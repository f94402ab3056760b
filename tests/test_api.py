"""The Python API (loclint.lint, lint_file, fix): the same findings as the command line, records
as dicts or Records, errors that name the record, rewrites applied to a copy, and an import that
stays cheap. The README's example runs here, so it cannot drift."""
import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TODAY, runner

import loclint
from loclint.cli import main
from loclint.model import Applicability

ROOT = Path(__file__).resolve().parent.parent
MAKER = "Hersteller: Beispiel GmbH, Musterstr. 1, 10115 Berlin, info@beispiel.example"
RECORD = {"id": "SKU-1", "market": "DE", "locale": "de-DE", "title": "Unschlagbar günstige Töpfe, 15 x 10 inches",
          "bullets": ["Die besten Töpfe", "Jetzt nur 24.99 €"], "description": MAKER}


def readme_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Python API\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 1, "the Python API section should hold one python example"
    return blocks[0]


def test_the_readme_example_runs(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    exec(compile(readme_example(), "README.md (Python API)", "exec"), {})
    out = capsys.readouterr().out
    assert "DE001 error title 'Die besten'" in out
    assert "record #1 (SKU-2): 'bullets' must be a list, not a string" in out  # and SKU-1 was linted
    assert re.search(r'^\{"rule": "MET001", .*"severity": "warning", ', out, re.M)
    assert re.search(r"^7 records, \d+ findings, 0 unreadable$", out, re.M)


def test_lint_gives_the_findings_the_command_line_gives(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    result = runner().invoke(main, ["check", "--format", "json", "--date", TODAY.isoformat(), "--no-cache", str(feed)])
    cli = [(f["rule"], f["field"], f["start"], f["end"], f["text"], [s["replacement"] for s in f["suggestions"]])
           for f in json.loads(result.stdout)["findings"]]
    api = [(f.rule, f.field, f.start, f.end, f.text, [s.replacement for s in f.suggestions])
           for f in loclint.lint([RECORD], date=TODAY)]
    assert sorted(api) == sorted(cli) and {"DE001", "DE002", "MET001", "LOC001"} <= {f[0] for f in api}
    assert [f[1] for f in api] == ["title", "title", "bullets[0]", "bullets[1]"]  # field order, then offset
    from_file = loclint.lint_file(feed, date=TODAY)
    assert sorted((f.rule, f.field, f.start, f.end) for f in from_file.findings) == sorted(a[:4] for a in api)
    assert [(f.line, f.column) for f in from_file.findings] == [
        (f["line"], f["column"]) for f in json.loads(result.stdout)["findings"]]
    assert (from_file.summary.files, from_file.summary.records, from_file.errors) == (1, 1, [])


def test_lint_takes_one_dict_a_record_object_and_the_market_argument():
    record = {"id": "x", "title": "Die besten Töpfe", "price": {"amount": 29.99, "currency": "EUR"}}
    assert {f.rule for f in loclint.lint(record, market="de", date=TODAY)} >= {"DE001"}
    from loclint.readers.records import build_record

    built = build_record(record, path="", line=0, index=0)
    assert [f.rule for f in loclint.lint([built], market="DE", date=TODAY)] == \
        [f.rule for f in loclint.lint([record], market="DE", date=TODAY)]
    assert [(f.line, f.path) for f in loclint.lint(record, market="DE", date=TODAY)] == [(0, "")] * 2  # EU007, DE001


def test_lint_options_select_and_date():
    only = loclint.lint([RECORD], date=TODAY, select=["MET"])
    assert {f.rule for f in only} == {"MET001"}
    assert "DE001" not in {f.rule for f in loclint.lint([RECORD], date=TODAY, ignore=["DE001"])}
    assert loclint.make_linter(date="2026-11-25", select=["MET"]) is loclint.make_linter(date=TODAY, select=("MET",))


GOOD = {"id": "g", "market": "DE", "title": "Die besten Töpfe"}


@pytest.mark.parametrize("record, message", [
    ({"id": "b", "market": "DE", "bullets": 5}, "record #1 (b): 'bullets' must be a list, not a number (5)"),
    ({"id": "m", "title": "x"}, "record m has no market; add \"market\" to it or pass market="),
    ({"id": "u", "market": "XX", "title": "x"}, "record u: unknown market 'XX'"),
])
def test_a_bad_record_is_an_error_and_the_others_are_linted(record, message):
    report = loclint.lint([GOOD, record, dict(GOOD, id="h")], date=TODAY)
    assert [(e.record, e.message[:len(message)]) for e in report.errors] == [(record["id"], message)]
    assert [f.record for f in report if f.rule == "DE001"] == ["g", "h"]
    assert (report.summary.records, report.summary.errors, report.summary.findings) == (2, 1, len(report.findings))
    with pytest.raises(ValueError) as caught:
        loclint.lint([GOOD, record], date=TODAY, errors="raise")
    assert str(caught.value).startswith(message)


def test_an_item_that_is_no_record_is_an_error_too():
    report = loclint.lint([GOOD, 5, None], date=TODAY)
    assert [e.message for e in report.errors] == ["record #1: expected a dict or a Record, not int",
                                                  "record #2: expected a dict or a Record, not NoneType"]
    assert "DE001" in {f.rule for f in report}
    with pytest.raises(TypeError, match="record #1: expected a dict or a Record, not int"):
        loclint.lint([GOOD, 5], date=TODAY, errors="raise")
    with pytest.raises(ValueError, match="errors: expected 'collect' or 'raise', got 'ignore'"):
        loclint.lint([GOOD], errors="ignore")


def test_a_report_is_the_sequence_of_its_findings():
    report = loclint.lint([RECORD], date=TODAY)
    assert list(report) == report.findings and len(report) == len(report.findings) >= 4
    assert report[0] is report.findings[0] and report[-2:] == report.findings[-2:]
    assert report.errors == [] and report.summary.records == 1


@pytest.mark.parametrize("options, message", [
    ({"severity": {"DE001": "fatal"}}, "severity: 'DE001': expected one of error, warning, info; got 'fatal'"),
    ({"channel": "shop"}, "channel: expected one of marketplace, own-store; got 'shop'"),
    ({"language_detector": "cld3"}, "language_detector: expected one of cld2, py3langid, langdetect; got 'cld3'"),
])
def test_bad_options_raise_naming_the_option(options, message):
    with pytest.raises(ValueError) as caught:
        loclint.lint([RECORD], date=TODAY, **options)
    assert str(caught.value) == message


def test_lint_file_reports_unreadable_lines_and_refuses_a_missing_path(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a", "market": "DE", "title": "Die besten Töpfe"}\nnot json\n', encoding="utf-8")
    report = loclint.lint_file(str(feed), date=TODAY)
    assert [(e.line, e.message.split(":")[0]) for e in report.errors] == [(2, "not JSON")]
    assert "DE001" in {f.rule for f in report.findings}
    with pytest.raises(FileNotFoundError):
        loclint.lint_file(tmp_path / "missing.jsonl")


def test_lint_file_can_raise_on_the_first_unreadable_line(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(GOOD) + "\nnot json\n[]\n", encoding="utf-8")
    with pytest.raises(ValueError) as caught:
        loclint.lint_file(feed, date=TODAY, errors="raise")
    assert str(caught.value).startswith(f"{feed}:2: not JSON") and str(caught.value).endswith("(and 1 more)")
    with pytest.raises(ValueError, match="errors: expected 'collect' or 'raise'"):
        loclint.lint_file(feed, errors="skip")


def _configured(tmp_path, config: str):
    """A feed whose records name no market, and a loclint.toml beside it."""
    (tmp_path / "loclint.toml").write_text(config, encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({k: v for k, v in RECORD.items() if k != "market"}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    return feed, tmp_path / "loclint.toml"


def test_lint_file_applies_a_configuration_as_the_command_line_does(tmp_path):
    feed, config = _configured(tmp_path, 'market = "DE"\nignore = ["MET"]\n[severity]\nDE002 = "info"\n'
                                         '[per-file-ignores]\n"feed.jsonl" = ["LOC001"]\n')
    report = loclint.lint_file(str(feed), config=config, date=TODAY)
    assert {f.rule for f in report} == {"DE001", "DE002"}  # the market, ignore and per-file-ignores apply
    assert {f.rule: str(f.severity) for f in report}["DE002"] == "info"
    cli = runner().invoke(main, ["check", "--format", "json", "--no-cache", "--fail-on", "never", "--date",
                                 TODAY.isoformat(), "--config", str(config), str(feed)])
    assert report.to_dict() == json.loads(cli.stdout)  # findings, errors and summary: the JSON contract
    flagged = loclint.lint_file(str(feed), config=config, date=TODAY, select=["MET", "DE001"], ignore=["DE001"])
    assert {f.rule for f in flagged} == {"MET001"}  # options are flags: they beat the file
    assert {f.rule for f in loclint.lint_file(feed, date=TODAY, market="DE")} >= {"MET001", "LOC001"}  # no config read


@pytest.mark.parametrize("config, call, error, message", [
    ('market = "DE"\nselect = ["DE0O1"]\n', {}, ValueError, "key 'select': 'DE0O1' matches no rule; did you mean DE001?"),
    ('colour = "red"\n', {}, ValueError, "key 'colour': unknown setting"),
    ('market = "DE"\n', {"select": "DE001"}, ValueError, "select: expected a list of rule selectors, got the string"),
    ('market = "DE"\n', {"severity": {"DE001": "info"}}, TypeError, "takes no option 'severity'; set [severity]"),
    ('market = "DE"\n', {"channel": "shop"}, ValueError, "channel: expected one of marketplace, own-store"),
    ('market = "DE"\n', {"linter": loclint.make_linter()}, ValueError, "pass either linter= or config="),
])
def test_lint_file_with_a_configuration_refuses_what_cannot_be_used(tmp_path, config, call, error, message):
    feed, path = _configured(tmp_path, config)
    with pytest.raises(error) as caught:
        loclint.lint_file(feed, config=path, date=TODAY, **call)
    assert message in str(caught.value)
    if "key" in message:
        assert str(path) in str(caught.value)


def test_finding_to_dict_is_the_json_contract_object(tmp_path):
    [finding] = [f for f in loclint.lint([RECORD], date=TODAY) if f.rule == "DE001"]
    data = finding.to_dict()
    assert data["severity"] == "error" and data["suggestions"] == [] and data["context"]["before"] == ""
    assert json.loads(json.dumps(data)) == data
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(RECORD, ensure_ascii=False) + "\nnot json\n", encoding="utf-8")
    for fmt in ("json", "jsonl"):
        out = runner().invoke(main, ["check", "--format", fmt, "--no-cache", "--date", TODAY.isoformat(),
                                     str(feed)]).stdout
        written = json.loads(out)["findings"] if fmt == "json" else [
            {k: v for k, v in json.loads(line).items() if k != "type"} for line in out.splitlines()
            if json.loads(line)["type"] == "finding"]
        report = loclint.lint_file(str(feed), date=TODAY)
        assert written == [f.to_dict() for f in report.findings]
        assert report.errors[0].to_dict() == {"path": str(feed), "line": 2, "record": None,
                                              "message": report.errors[0].message}


def test_fix_applies_safe_rewrites_to_a_copy():
    findings = loclint.lint([RECORD], date=TODAY)
    fixed = loclint.fix(RECORD, findings)
    assert fixed["title"] == "Unschlagbar günstige Töpfe, 38,1 × 25,4 cm (15 x 10 inches)"
    assert fixed["bullets"] == ["Die besten Töpfe", "Jetzt nur 24,99 €"]
    assert RECORD["bullets"][1] == "Jetzt nur 24.99 €"  # the input is untouched
    unsafe = loclint.fix(RECORD, findings, unsafe=True)
    assert unsafe["title"].startswith("Preiswerte Töpfe")
    again = {f.rule for f in loclint.lint([unsafe], date=TODAY)}
    assert not again & {"DE002", "MET001", "LOC001"} and "DE001" in again  # no rewrite for DE001


def test_fix_leaves_other_records_findings_and_display_advice_alone():
    findings = loclint.lint([RECORD], date=TODAY)
    other = dict(RECORD, id="SKU-2")
    assert loclint.fix(other, findings, unsafe=True) == other
    display = [dataclasses.replace(f, suggestions=tuple(dataclasses.replace(s, applicability=Applicability.DISPLAY)
                                                        for s in f.suggestions)) for f in findings]
    assert loclint.fix(RECORD, display, unsafe=True) == RECORD
    stray = dataclasses.replace(findings[0], field="bullets[7]")
    with pytest.raises(ValueError, match="no text field 'bullets\\[7\\]'"):
        loclint.fix(RECORD, [stray])


def test_import_is_cheap_and_python_dash_m_runs_the_cli():
    code = ("import sys, loclint; heavy = [m for m in ('loclint.engine', 'loclint.api', 'click', 'spacy', 'yaml', "
            "'babel') if m in sys.modules]; print(heavy, loclint.__version__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == f"[] {loclint.__version__}"
    proc = subprocess.run([sys.executable, "-m", "loclint", "--version"], capture_output=True, text=True)
    assert (proc.returncode, proc.stdout.strip()) == (0, f"loclint, version {loclint.__version__}")


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError):
        loclint.no_such_thing  # noqa: B018
    assert {"lint", "lint_file", "fix", "Finding"} <= set(dir(loclint))
