"""Hostile text and file names through every output format (issue 20), end to end through the
command line: terminal escape sequences in listing text and record ids, a lone surrogate from a
JSON string's "\\ud800", and a file name that is not UTF-8. Every format must write valid output
(JSON that parses as UTF-8, SARIF that validates, XML that parses), the human formats must show
the control characters as escapes, and the run must go on to lint the files after them."""
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from conftest import TODAY, runner

from loclint.cli import main
from loclint.model import Finding, ReadError, Severity, Source
from loclint.reporters import HUMAN, REPORTERS
from loclint.text.escapes import encodable_json, one_line, visible
from loclint.reporters.github import GithubReporter
from loclint.summary import Summary

SARIF_SCHEMA = Path(__file__).resolve().parent / "schemas" / "sarif-schema-2.1.0.json"

# what a terminal would act on: a window-title OSC, clear screen, carriage return, backspace, a
# C1 CSI, a right-to-left override
OSC_TITLE = "\x1b]0;pwned\x07"
TITLE_WITH_CONTROLS = "Die besten\x1b[2J Töpfe\r\b\x9b\u202e aus Stahl, 15 inches"
SURROGATE_TITLE = "Kissen \ud800 unschlagbar günstig"
NOT_UTF8_NAME = b"3-caf\xe9.jsonl"  # Latin-1 é: Python names it "3-caf\udce9.jsonl"
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def finding(**changes) -> Finding:
    base = dict(rule="DE001", name="unproven-superlative", severity=Severity.ERROR, message="“x” is wrong",
                path="feed.jsonl", record="R-1", field="title", start=0, end=1, line=1, column=2, text="x",
                suggestions=(), source=Source("UWG §5", "https://example.org/uwg", "L"), market="DE")
    base.update(changes)
    return Finding(**base)


def _write_inputs(directory: Path) -> None:
    """Our own listings; json.dumps writes the controls and the surrogate as JSON escapes."""
    def jsonl(name, *records):
        with open(os.path.join(os.fsencode(directory), os.fsencode(name)), "wb") as handle:
            handle.write("".join(json.dumps(r) + "\n" for r in records).encode("ascii"))

    jsonl("1-controls.jsonl",
          {"id": "T-1" + OSC_TITLE, "market": "DE", "title": TITLE_WITH_CONTROLS},
          {"id": "W-2" + OSC_TITLE, "market": "DE", "bullets": 3})  # unreadable: named in an error
    jsonl("2-surrogate.jsonl",
          {"id": "S-1", "market": "DE", "title": SURROGATE_TITLE, "images": [{"file": "kissen\ud800.jpg"}]})
    jsonl(NOT_UTF8_NAME, {"id": "C-1", "market": "DE", "title": "Die besten Kissen"})
    jsonl("4-later.jsonl", {"id": "L-1", "market": "DE", "title": "Die besten Kopfhörer"})


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """Each format's run over the hostile inputs, from inside their directory (relative paths),
    as (exit code, stdout bytes, stderr)."""
    directory = tmp_path_factory.mktemp("hostile")
    _write_inputs(directory)
    runs = {}

    def run(fmt: str):
        if fmt not in runs:
            with pytest.MonkeyPatch.context() as patch:
                patch.chdir(directory)
                result = runner().invoke(main, ["check", "--format", fmt, "--date", TODAY.isoformat(), "--jobs", "1",
                                                "--no-cache", "."], env={"GITHUB_ACTIONS": None})
            assert result.exc_info is None or result.exc_info[0] is SystemExit, result.exc_info
            runs[fmt] = (result.exit_code, result.stdout_bytes, result.stderr)
        return runs[fmt]

    return run


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_every_format_writes_valid_utf8_and_lints_the_files_after_the_bad_ones(fmt, hostile_run):
    code, out, err = hostile_run(fmt)
    assert "internal error" not in err and "Traceback" not in err
    assert code == 1  # findings and one unreadable record, not 2 (internal error)
    text = out.decode("utf-8")  # strict: no lone surrogate, no raw byte E9
    assert "L-1" in text and "C-1" in text  # the files after the hostile ones were linted


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_formats_escape_the_surrogate_and_name_the_file_as_python_does(fmt, hostile_run):
    _, out, _ = hostile_run(fmt)
    text = out.decode("utf-8")
    if fmt == "json":
        doc = json.loads(text)
        findings, errors = doc["findings"], doc["errors"]
    else:
        lines = [json.loads(line) for line in text.splitlines()]
        findings = [o for o in lines if o["type"] == "finding"]
        errors = [o for o in lines if o["type"] == "error"]
    assert "\\ud800" in text and "\\udce9" in text  # as JSON escapes, the UTF-8 stays valid
    by_record = {f["record"]: f for f in findings if f["rule"] in ("DE001", "DE002")}
    assert by_record["S-1"]["context"]["before"] == "Kissen \ud800 "  # read back exactly
    assert by_record["T-1" + OSC_TITLE]["context"]["after"].startswith("\x1b[2J Töpfe\r\b\x9b\u202e")
    # the path reads back as Python names the file, so it opens the file
    assert os.fsencode(by_record["C-1"]["path"]) == b"./" + NOT_UTF8_NAME
    assert [(e["path"], e["record"]) for e in errors] == [("./1-controls.jsonl", "W-2" + OSC_TITLE)]


def test_sarif_validates_and_its_uri_percent_encodes_the_file_names_bytes(hostile_run):
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    doc = json.loads(hostile_run("sarif")[1].decode("utf-8"))
    assert [e.message for e in jsonschema.validators.validator_for(schema)(schema).iter_errors(doc)] == []
    run = doc["runs"][0]
    uris = {r["properties"]["record"]: r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in run["results"]}
    assert uris["C-1"] == "3-caf%E9.jsonl"
    assert uris["L-1"] == "4-later.jsonl"
    alt = next(r for r in run["results"] if r["ruleId"] == "AST001")
    assert "kissen\ud800.jpg" in alt["message"]["text"]
    assert len(alt["partialFingerprints"]["loclintFinding/v1"]) == 32


def test_junit_parses_and_shows_controls_and_the_file_name_as_escapes(hostile_run):
    root = ET.fromstring(hostile_run("junit")[1])
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == ["./1-controls.jsonl", "./2-surrogate.jsonl", "./3-caf\\udce9.jsonl", "./4-later.jsonl"]
    names = [c.get("name") for c in suites["./1-controls.jsonl"].findall("testcase")]
    assert names == ["record T-1\\x1b]0;pwned\\x07", "record W-2\\x1b]0;pwned\\x07"]
    alt = next(f for f in suites["./2-surrogate.jsonl"].iter("failure") if f.get("type") == "AST001")
    assert "kissen\\ud800.jpg" in alt.get("message")


@pytest.mark.parametrize("fmt", sorted(HUMAN))
def test_human_formats_show_every_control_character_as_an_escape(fmt, hostile_run):
    text = hostile_run(fmt)[1].decode("utf-8")
    assert RAW_CONTROL.findall(text.replace("\t", "")) == []
    assert "T-1\\x1b]0;pwned\\x07" in text  # record id, in a finding
    assert "W-2\\x1b]0;pwned\\x07" in text  # record id, in a read error
    assert "./3-caf\\udce9.jsonl:1:" in text
    if fmt == "full":  # the excerpt
        assert "| Die besten\\x1b[2J Töpfe\\r\\x08\\x9b\\u202e aus Stahl" in text
        assert "| Kissen \\ud800 unschlagbar günstig" in text
    else:  # one line a finding, whatever the text holds
        findings = [line for line in text.splitlines() if not line.startswith(" ") and not line[0].isdigit()]
        assert len(findings) > 5 and all(re.match(r"\./\S+:\d+:\d+: ", line) for line in findings), findings
        assert "Image “kissen\\ud800.jpg” has no alt text" in text


def test_full_format_keeps_tabs_and_its_carets_still_sit_under_the_span(tmp_path):
    feed = tmp_path / "tabs.jsonl"
    feed.write_text(json.dumps({"id": "TAB-1", "market": "DE", "title": "Farbe:\trot\tDie besten Töpfe"}) + "\n",
                    encoding="utf-8")
    result = runner().invoke(main, ["check", "--format", "full", "--date", TODAY.isoformat(), "--no-cache",
                                    "--jobs", "1", str(feed)])
    lines = result.stdout.splitlines()
    head = next(i for i, line in enumerate(lines) if " DE001 " in line)
    excerpt, carets = (line.expandtabs() for line in lines[head + 3:head + 5])
    assert excerpt == "    | Farbe:    rot     Die besten Töpfe"
    assert carets.index("^") == excerpt.index("Die besten") and carets.count("^") == len("Die besten")


def test_github_commands_cannot_be_split_or_drive_the_log():
    out = io.StringIO()
    reporter = GithubReporter(out=out)
    reporter.finding(finding(path="a::b.jsonl", record="R\n::error file=x.jsonl::forged",
                             message=f"“x”\r::warning::forged {OSC_TITLE} \x85 \ud800"))
    reporter.error(ReadError("caf\udce9.jsonl", 2, "bad\n::notice::forged", record="R\x1b[2J"))
    reporter.finish(Summary())
    text = out.getvalue()
    text.encode("utf-8")  # no lone surrogate left
    lines = text.splitlines()
    assert len(lines) == 3 and lines[0].startswith("::error file=a%3A%3Ab.jsonl,")
    assert lines[1].startswith("::error file=caf\\udce9.jsonl,line=2,title=read error::")
    assert all("forged" not in line.split("::", 2)[1] for line in lines[:2])  # only ever in the message
    assert RAW_CONTROL.findall(text) == []
    assert "forged \\x1b]0;pwned\\x07 \\x85 \\ud800" in lines[0]


def test_baseline_records_and_matches_findings_in_a_file_whose_name_is_not_utf8(tmp_path, monkeypatch):
    _write_inputs(tmp_path)
    monkeypatch.chdir(tmp_path)
    args = ["check", "--format", "concise", "--date", TODAY.isoformat(), "--jobs", "1", "--no-cache",
            "--baseline", "baseline.json", "."]
    first = runner().invoke(main, args)
    assert first.exit_code == 1 and "internal error" not in first.stderr
    entries = json.loads((tmp_path / "baseline.json").read_bytes().decode("utf-8"))["findings"]
    assert "3-caf\udce9.jsonl" in {e["path"] for e in entries}
    again = runner().invoke(main, args)
    assert "0 findings" in again.stdout
    assert again.exit_code == 1  # the unreadable record is still unreadable


def test_notices_on_stderr_show_paths_with_escapes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "topf\x1b[2J.jsonl").write_text(
        json.dumps({"id": "F-1", "market": "DE", "title": "Topf, 15 inches"}) + "\n", encoding="utf-8")
    (tmp_path / "notes\x1b]0;pwned\x07.bin").write_bytes(b"\x00")
    result = runner().invoke(main, ["check", "--fix", "--format", "concise", "--date", TODAY.isoformat(),
                                    "--no-cache", "-v", "."])
    assert "loclint: ./topf\\x1b[2J.jsonl: fixed 1 finding(s)" in result.stderr
    assert "loclint: skipped ./notes\\x1b]0;pwned\\x07.bin" in result.stderr
    assert RAW_CONTROL.findall(result.stderr) == []


def test_config_prints_a_path_that_is_not_utf8(tmp_path):
    directory = os.path.join(os.fsencode(tmp_path), b"caf\xe9")
    os.mkdir(directory)
    with open(os.path.join(directory, b"loclint.toml"), "w", encoding="utf-8") as handle:
        handle.write('market = "DE"\n')
    result = runner().invoke(main, ["config", os.fsdecode(directory)])
    assert result.exit_code == 0, result.stderr
    text = result.stdout_bytes.decode("utf-8")
    assert text.startswith("# ") and "caf\\udce9/loclint.toml" in text.splitlines()[0]
    assert json.loads(text.split("\n", 1)[1])["market"] == "DE"


def test_a_c_locale_stdout_still_gets_utf8_json(tmp_path):
    """In the C locale Python writes a file name's undecodable byte back raw (surrogateescape);
    the JSON must still be UTF-8."""
    _write_inputs(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONIO", "PYTHONUTF8"))}
    proc = subprocess.run([sys.executable, "-m", "loclint", "check", "--format", "jsonl", "--date", TODAY.isoformat(),
                           "--no-cache", "--jobs", "1", NOT_UTF8_NAME],
                          capture_output=True, cwd=tmp_path, env={**env, "LC_ALL": "C"}, timeout=120)
    assert proc.returncode == 1, proc.stderr
    paths = {json.loads(line).get("path") for line in proc.stdout.decode("utf-8").splitlines()}
    assert "3-caf\udce9.jsonl" in paths


# --- the escapes themselves -----------------------------------------------------------------------

NORMAL = ["Die besten Töpfe – 24,99 € (15 × 10 cm)\n\tzweite Zeile",
          "सबसे अच्छा क्‍लीनर",  # Hindi with a zero-width joiner, which the script needs
          "أفضل سعر\u200f 100 درهم",  # Arabic with a right-to-left mark
          "emoji 😀, backslash \\x1b stays as typed, ‚quotes‘"]


@pytest.mark.parametrize("text", NORMAL)
def test_normal_text_passes_unchanged(text):
    assert visible(text) == text
    assert one_line(text) == text.replace("\n", "\\n")
    assert encodable_json(json.dumps(text, ensure_ascii=False)) == json.dumps(text, ensure_ascii=False)


def test_each_escape_names_one_code_point_as_a_python_literal_does():
    assert visible("a\x1b[2Jb\rc\bd\x9be\u202ef\u2066g\x7fh\ud800i\udce9j\ufffe") == (
        "a\\x1b[2Jb\\rc\\x08d\\x9be\\u202ef\\u2066g\\x7fh\\ud800i\\udce9j\\ufffe")
    assert visible("line\nnext\ttab") == "line\nnext\ttab"
    assert one_line("line\nnext") == "line\\nnext"
    assert json.loads(encodable_json(json.dumps({"k\ud800": "caf\udce9"}, ensure_ascii=False))) == {
        "k\ud800": "caf\udce9"}
