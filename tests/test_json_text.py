"""The json and jsonl formats write each finding with msgspec (reporters/jsontext.py), and the
bytes must stay those of ``json.dumps(obj, ensure_ascii=False)`` with lone surrogates escaped
(text.escapes.encodable_json), as the formats wrote them before: the separators, what is escaped
and how, key order. A msgspec release that changes any of it fails here."""
import io
import json

import pytest
from hypothesis import given, settings, strategies as st

from loclint.model import Applicability, Finding, ReadError, Severity, Source, Suggestion
from loclint.readers.encoders import json_string
from loclint.reporters.json import JsonReporter
from loclint.reporters.jsonl import JsonLinesReporter
from loclint.reporters.jsontext import dumps
from loclint.summary import Summary
from loclint.text.escapes import encodable_json


def reference(obj) -> str:
    return encodable_json(json.dumps(obj, ensure_ascii=False))


def finding(text: str, **changes) -> Finding:
    base = dict(rule="DE001", name="unproven-superlative", severity=Severity.WARNING,
                message=f"“{text}” is an unprovable superlative", path=f"feeds/{text}.jsonl", record=text,
                field="title", start=0, end=len(text), line=1, column=2, text=text,
                suggestions=(Suggestion(text + " gut", Applicability.UNSAFE),), source=Source("UWG §5", "https://x.example/§5", "L"),
                market="DE", before=text, after="", end_line=1, end_column=3)
    return Finding(**{**base, **changes})


TRICKY = [
    "Die besten Töpfe",                         # non-ASCII
    "Kissen 😀🎉 unschlagbar",                   # outside the BMP
    'Zitat "x" und \\ Rückstrich / Schrägstrich',
    "Zeile\nzwei\r\tTab\b\f",                   # the short escapes
    "\x00\x01\x1b[2J\x1f\x7f\x9b",              # other controls, DEL and C1 (json leaves the last two)
    "\u2028\u2029 \u202e rechts \ufeff \ufffe\uffff",
    "Kissen \ud800 allein, \udce9 aus einem Dateinamen, \udc00\ud800 verkehrt",  # lone surrogates
    "",
]


@pytest.mark.parametrize("text", TRICKY)
def test_a_finding_encodes_as_json_dumps_writes_it(text):
    obj = finding(text, field=None, start=None, suggestions=()).to_dict()
    assert dumps(obj) == reference(obj)
    obj = finding(text).to_dict()
    assert dumps(obj) == reference(obj)
    error = ReadError(path=text, line=3, message=f"not JSON: {text}", record=text).to_dict()
    assert dumps(error) == reference(error)


def test_every_code_point_encodes_as_json_dumps_writes_it():
    for start in range(0, 0x110000, 0x800):
        text = "".join(map(chr, range(start, start + 0x800)))
        assert dumps({"text": text, "n": [start, None, True, False]}) == reference({"text": text, "n": [start, None, True, False]})


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-2**80, 2**80) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(JSONISH)
def test_generated_objects_encode_as_json_dumps_writes_them(obj):
    assert dumps(obj) == reference(obj)


def test_the_json_and_jsonl_formats_write_what_they_wrote_with_json_dumps():
    findings = [finding(text) for text in TRICKY]
    errors = [ReadError(path="a\ud800.jsonl", line=2, message="not JSON", record="r\x1b")]
    summary = Summary()
    out = io.StringIO()
    reporter = JsonReporter(out)
    for f in findings:
        reporter.finding(f)
    for e in errors:
        reporter.error(e)
    reporter.finish(summary)
    items = ",\n".join("  " + reference(f.to_dict()) for f in findings)
    errs = ",\n".join("  " + reference(e.to_dict()) for e in errors)
    assert out.getvalue() == (f'{{"version": 1,\n "findings": [\n{items}\n ],\n "errors": [\n{errs}\n ],\n'
                              f' "summary": {reference(summary.as_dict())}\n}}\n')
    out.getvalue().encode("utf-8")  # a lone surrogate reaches the stream only as its escape

    out = io.StringIO()
    reporter = JsonLinesReporter(out)
    for f in findings:
        reporter.finding(f)
    assert out.getvalue() == "".join(reference({"type": "finding", **f.to_dict()}) + "\n" for f in findings)


@pytest.mark.parametrize("text", TRICKY)
def test_json_string_writes_what_json_dumps_writes_inside_the_quotes(text):
    assert json_string(text) == json.dumps(text, ensure_ascii=False)[1:-1]
