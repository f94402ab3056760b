"""reporters.findingtext writes a finding's JSON object from its values through a template
instead of encoding and re-formatting ``to_dict()``; the text must be dumps(to_dict())'s, byte
for byte, for every finding: generated ones, the tricky texts, the fixtures' and the corpus's
findings, and values of other types (which go the old way)."""
import os

import pytest
from hypothesis import given, settings, strategies as st

import loclint
from loclint.model import Applicability, Finding, Severity, Source, Suggestion
from loclint.reporters import findingtext
from loclint.reporters.findingtext import finding_json
from loclint.reporters.jsontext import dumps

from test_json_text import TRICKY, finding

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "..", "shared", "corpus", "listings-real.jsonl")


def written_before(f: Finding) -> str:
    return dumps(f.to_dict())


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_texts_are_written_as_before(text):
    for f in (finding(text), finding(text, field=None, start=None, end=None, suggestions=()),
              finding(text, rule=text, name=text, message=text, market=text, source=Source(text, text, text)),
              finding("x", suggestions=tuple(Suggestion(text + str(i), a) for i, a in enumerate(Applicability)))):
        assert finding_json(f) == written_before(f)


TEXT = st.text() | st.sampled_from(TRICKY)
OPTIONAL_NUMBER = st.none() | st.integers(-2**70, 2**70)
FINDINGS = st.builds(
    Finding, rule=TEXT, name=TEXT, severity=st.sampled_from(Severity), message=TEXT, path=TEXT, record=TEXT,
    field=st.none() | TEXT, start=OPTIONAL_NUMBER, end=OPTIONAL_NUMBER, line=st.integers(0, 10**6),
    column=st.integers(0, 10**6), text=TEXT,
    suggestions=st.lists(st.builds(Suggestion, TEXT, st.sampled_from(Applicability), st.none() | TEXT),
                         max_size=3).map(tuple),
    source=st.builds(Source, TEXT, TEXT, TEXT), market=TEXT, before=TEXT, after=TEXT,
    end_line=st.integers(0, 10**6), end_column=st.integers(0, 10**6))


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(st.lists(FINDINGS, min_size=1, max_size=4))
def test_generated_findings_are_written_as_before(findings):
    # twice each, and several a time: the second meets the head kept by the first
    for f in findings + findings:
        assert finding_json(f) == written_before(f)


def test_equal_values_of_other_types_are_not_taken_for_each_other():
    """The kept heads are for str values and Severity: 1 == True, but they write 1 and true."""
    findingtext._heads.clear()
    for value in (1, True, 1.0, "1"):
        f = finding("x", rule=value, name=value, message=value, severity=1 if value == "1" else Severity.INFO)
        assert finding_json(f) == written_before(f)


def test_what_the_encoder_refuses_fails_as_before():
    f = finding("x", record=object())
    with pytest.raises(TypeError):
        written_before(f)
    with pytest.raises(TypeError):
        finding_json(f)


def test_the_kept_heads_stay_bounded():
    findingtext._heads.clear()
    for i in range(findingtext._HEADS_KEPT * 2 + 5):
        f = finding("x", message=f"message {i}")
        assert finding_json(f) == written_before(f)
    assert len(findingtext._heads) <= findingtext._HEADS_KEPT


def test_the_fixtures_findings_are_written_as_before():
    report = loclint.lint_file(os.path.join(ROOT, "fixtures"))
    assert len(report.findings) > 20
    for f in report.findings:
        assert finding_json(f) == written_before(f)


@pytest.mark.skipif(not os.path.exists(CORPUS), reason="the corpus is beside the checkout only")
def test_the_corpus_findings_are_written_as_before():
    report = loclint.lint_file(CORPUS)
    assert len(report.findings) > 4000
    for f in report.findings:
        assert finding_json(f) == written_before(f)
