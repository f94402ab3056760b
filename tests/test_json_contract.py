"""`--format json` is a public API: one document {"version": 1, "findings", "errors", "summary"}.
Every finding's start/end slice its field's text to the flagged text, and line/column point at
that text in the file."""
import json
import re
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

from conftest import runner
import yaml

from loclint.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
FIXTURES = ROOT / "fixtures"
DATE = "2026-11-25"


NULLABLE_OFFSET = {"type": ["integer", "null"], "minimum": 0}
FINDING = {
    "type": "object",
    "required": ["rule", "name", "severity", "message", "path", "record", "field", "start", "end", "line",
                 "column", "text", "suggestions", "source", "market", "context"],
    "properties": {
        "rule": {"type": "string", "pattern": r"^[A-Z]{2,4}\d{3}$"},
        "name": {"type": "string", "minLength": 1},
        "severity": {"enum": ["error", "warning", "info"]},
        "message": {"type": "string", "minLength": 1},
        "path": {"type": "string", "minLength": 1},
        "record": {"type": "string", "minLength": 1},
        "field": {"type": ["string", "null"]},
        "start": NULLABLE_OFFSET,
        "end": NULLABLE_OFFSET,
        "line": {"type": "integer", "minimum": 1},
        "column": {"type": "integer", "minimum": 1},
        "text": {"type": "string"},
        "suggestions": {"type": "array", "items": {
            "type": "object", "required": ["replacement", "applicability"],
            "properties": {"replacement": {"type": "string"}, "applicability": {"enum": ["safe", "unsafe", "display"]}},
        }},
        "source": {"type": "object", "required": ["title", "url", "grade"], "properties": {
            "title": {"type": "string", "minLength": 1}, "url": {"type": "string"},
            "grade": {"enum": ["L", "C", "P", "K", "W"]}}},
        "market": {"type": "string", "pattern": "^[A-Z]{2}$"},
        "context": {"type": "object", "required": ["before", "after"],
                    "properties": {"before": {"type": "string"}, "after": {"type": "string"}}},
    },
}
ERROR = {
    "type": "object",
    "required": ["path", "line", "record", "message"],
    "additionalProperties": False,
    "properties": {"path": {"type": "string", "minLength": 1}, "line": {"type": "integer", "minimum": 0},
                   "record": {"type": ["string", "null"]}, "message": {"type": "string", "minLength": 1}},
}
COUNT = {"type": "integer", "minimum": 0}
SUMMARY = {
    "type": "object",
    "required": ["files", "records", "findings", "errors", "by_severity", "by_rule", "fixable"],
    "properties": {
        "files": COUNT, "records": COUNT, "findings": COUNT, "errors": COUNT,
        "by_severity": {"type": "object", "required": ["error", "warning", "info"], "additionalProperties": False,
                        "properties": {"error": COUNT, "warning": COUNT, "info": COUNT}},
        "by_rule": {"type": "object", "additionalProperties": COUNT},
        "fixable": {"type": "object", "required": ["safe", "unsafe"], "properties": {"safe": COUNT, "unsafe": COUNT}},
    },
}
DOCUMENT = {
    "type": "object",
    "required": ["version", "findings", "errors", "summary"],
    "additionalProperties": False,
    "properties": {"version": {"const": 1}, "findings": {"type": "array", "items": FINDING},
                   "errors": {"type": "array", "items": ERROR}, "summary": SUMMARY},
}


def run_json(*args):
    result = runner().invoke(main, ["check", "--format", "json", "--date", DATE, *map(str, args)])
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr == ""
    doc = json.loads(result.stdout)  # the whole of stdout is one JSON document
    jsonschema.validate(doc, DOCUMENT)
    return result.exit_code, doc


def source_records(path: Path) -> dict:
    """The records of a fixture or data file as plain objects, by id (unreadable lines left out)."""
    if path.suffix == ".jsonl":
        out = {}
        for line in path.read_bytes().split(b"\n"):
            try:
                obj = json.loads(line.decode("utf-8"))
            except ValueError:
                continue
            if isinstance(obj, dict) and "id" in obj:
                out[str(obj["id"])] = obj
        return out
    if path.suffix == ".json":
        doc = json.loads(path.read_text(encoding="utf-8"))
    else:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {str(obj["id"]): obj for obj in (doc if isinstance(doc, list) else [doc])}


def field_text(obj: dict, field: str) -> str:
    """Follow a finding's field path (bullets[1], attributes.dimensions, images[0].alt) into a record."""
    value = obj
    for key, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", field):
        value = value[int(index)] if index else value[key]
    return value


def check_finding_against_source(f: dict, records: dict) -> None:
    if f["field"] is None:  # record-level: required information missing
        assert (f["start"], f["end"], f["text"]) == (None, None, ""), f
        assert f["context"] == {"before": "", "after": ""}
        return
    text = field_text(records[f["record"]], f["field"])
    start, end = f["start"], f["end"]
    assert 0 <= start < end <= len(text), f
    assert text[start:end] == f["text"], f
    assert text[max(0, start - len(f["context"]["before"])):start] == f["context"]["before"]
    assert text[end:end + len(f["context"]["after"])] == f["context"]["after"]


@pytest.fixture(scope="module")
def fixtures_doc():
    return run_json("--market", "DE", FIXTURES)


def test_fixtures_give_one_document_with_the_contract_keys(fixtures_doc):
    code, doc = fixtures_doc
    assert code == 1
    assert doc["version"] == 1 and doc["errors"] == []
    # DE-1005 bullets[1] is English: LOC003 (caught since py3langid is limited to market languages);
    # its "Best sound in the world" is a superlative of a factual property: DE001
    assert len(doc["findings"]) == 49
    for f in doc["findings"]:
        assert {"rule", "severity", "message", "path", "record", "field", "start", "end", "line", "column",
                "text", "suggestions", "source"} <= set(f)
        assert "{" not in f["message"], f  # every placeholder filled


def test_fixture_findings_slice_their_field_and_point_into_the_file(fixtures_doc):
    _, doc = fixtures_doc
    sources = {p.name: source_records(p) for p in FIXTURES.iterdir()}
    raw = {p.name: p.read_text(encoding="utf-8").split("\n") for p in FIXTURES.iterdir()}
    checked = Counter()
    for f in doc["findings"]:
        name = Path(f["path"]).name
        check_finding_against_source(f, sources[name])
        if f["field"] is not None:
            # the fixtures hold no escapes: the raw line shows the flagged text at the column
            line = raw[name][f["line"] - 1]
            assert line[f["column"] - 1:].startswith(f["text"].split("\n")[0]), (f, line)
            checked[name] += 1
    assert checked == {"listings-de.jsonl": 35, "listings-de.yaml": 8}


def test_record_level_findings_have_no_field(fixtures_doc):
    _, doc = fixtures_doc
    missing_maker = [f for f in doc["findings"] if f["rule"] == "EU007"]
    assert [(f["record"], f["field"], f["start"], f["end"], f["text"], f["line"], f["column"])
            for f in missing_maker] == [
        ("DE-1005", None, None, None, "", 5, 1),
        ("DE-1007", None, None, None, "", 7, 1),
        ("DE-2002", None, None, None, "", 17, 1),  # where the YAML record starts
    ]
    assert all(f["severity"] == "error" and f["source"]["url"].startswith("https://") for f in missing_maker)


def test_suggestions_and_sources(fixtures_doc):
    _, doc = fixtures_doc
    by_text = {(f["rule"], f["record"], f["field"], f["text"]): f for f in doc["findings"]}
    price = by_text[("LOC001", "DE-1002", "price.display", "24.99 €")]
    assert price["suggestions"] == [{"replacement": "24,99 €", "applicability": "safe"}]
    inches = by_text[("MET001", "DE-1003", "bullets[0]", "15 x 10 x 40 inches")]
    assert inches["suggestions"] == [
        {"replacement": "38,1 × 25,4 × 101,6 cm (15 x 10 x 40 inches)", "applicability": "safe"}]
    assert (inches["line"], inches["start"], inches["end"]) == (3, 12, 31)
    superlative = by_text[("DE001", "DE-1002", "bullets[0]", "Die besten")]
    assert superlative["suggestions"] == []
    assert superlative["source"] == {"title": "UWG §5 Abs. 2 Nr. 1 (misleading statements about essential characteristics); a claim to lead needs a clear and lasting lead (settled case law)",
                                     "url": "https://www.gesetze-im-internet.de/uwg_2004/__5.html", "grade": "L"}
    assert superlative["context"] == {"before": "", "after": " Kopfhörer für unterwegs"}


def test_summary_agrees_with_the_lists(fixtures_doc):
    _, doc = fixtures_doc
    summary, findings = doc["summary"], doc["findings"]
    assert (summary["files"], summary["records"], summary["errors"]) == (2, 9, 0)
    assert summary["findings"] == len(findings)
    severities = ("error", "warning", "info")
    assert summary["by_severity"] == {s: sum(f["severity"] == s for f in findings) for s in severities}
    assert summary["by_rule"] == dict(sorted(Counter(f["rule"] for f in findings).items()))
    safe = sum(1 for f in findings if f["suggestions"] and f["suggestions"][0]["applicability"] == "safe")
    assert summary["fixable"]["safe"] == safe


def test_findings_come_in_file_order(fixtures_doc):
    _, doc = fixtures_doc
    keys = [(f["path"], f["line"], f["column"]) for f in doc["findings"]]
    assert keys == sorted(keys)


def test_bad_input_document():
    path = DATA / "bad-records.jsonl"
    code, doc = run_json(path)
    assert code == 1
    assert [(e["path"], e["line"], e["record"]) for e in doc["errors"]] == [
        (str(path), 1, None), (str(path), 2, "bad-shape"), (str(path), 3, None)]
    assert [e["message"].split(":")[0] for e in doc["errors"]] == [
        "not JSON", "'bullets' must be a list, not a number (5); record skipped", "not UTF-8"]
    assert all(e["message"].endswith("record skipped") for e in doc["errors"])
    assert doc["summary"]["errors"] == len(doc["errors"]) == 3
    assert doc["summary"]["records"] == 1
    records = source_records(path)
    assert set(records) == {"bad-shape", "good"}
    [finding] = doc["findings"]
    check_finding_against_source(finding, records)
    line = path.read_bytes().split(b"\n")[4].decode("utf-8")
    assert (finding["record"], finding["field"], finding["line"], finding["column"]) == (
        "good", "title", 5, line.index("Die besten") + 1)


def test_whole_file_errors_are_in_the_document(tmp_path):
    (tmp_path / "broken.json").write_text("[{]", encoding="utf-8")
    code, doc = run_json("--market", "DE", tmp_path, tmp_path / "missing.yaml")
    assert code == 2 and doc["findings"] == []
    assert doc["errors"] == [
        {"path": str(tmp_path / "broken.json"), "line": 1, "record": None,
         "message": "not JSON: Expecting property name enclosed in double quotes at column 3"},
        {"path": str(tmp_path / "missing.yaml"), "line": 0, "record": None, "message": "no such file or directory"},
    ]
    assert doc["summary"]["files"] == 1 and doc["summary"]["errors"] == 2


def test_data_files_keep_the_contract_through_escapes():
    """The JSON/JSONL/YAML test files decode escapes: start/end index the decoded field text."""
    code, doc = run_json("--market", "DE", DATA)
    assert code == 1
    by_file = Counter(Path(f["path"]).name for f in doc["findings"])
    assert by_file == {"bad-records.jsonl": 1, "escapes.jsonl": 3, "listing.md": 1, "listing.txt": 1,
                       "pretty.json": 1, "styles.yaml": 4}
    for f in doc["findings"]:
        path = Path(f["path"])
        if path.suffix in (".txt", ".md"):
            text = path.read_text(encoding="utf-8")
            assert text[f["start"]:f["end"]] == f["text"]
        else:
            check_finding_against_source(f, source_records(path))
