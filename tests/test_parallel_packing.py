"""What --jobs workers send the parent (run._Writing.pack): with json or jsonl, no results cache
and a ``keep`` marked by_path_and_rule (or none), the workers keep, count and join the findings
themselves (_Written); the parent must then write and count exactly what it writes and counts
when it gets every finding (_Encoded)."""
import dataclasses
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import TODAY
from loclint import parallel, run
from loclint.engine import Linter
from loclint.model import Finding, ReadError
from loclint.readers import read_file
from loclint.reporters.json import JsonReporter
from loclint.reporters.jsonl import JsonLinesReporter
from loclint.session import Session
from loclint.summary import Summary

TITLES = ["Die besten Kopfhörer, 12 inches", "Kabellose Kopfhörer", "Der beste Preis: 24.99 €", "Nur heute!",
          "Jetzt kaufen: Gratis Versand", "100% Baumwolle, 5 lbs"]
REPORTERS = (JsonReporter, JsonLinesReporter)


def _feed(path, records=120, market="DE"):
    lines = [json.dumps({"id": f"r{i}", "market": market, "title": TITLES[i % len(TITLES)],
                         "description": f"Artikel {i}: der beste Kauf, Lieferung in 2 Tagen."}, ensure_ascii=False)
             for i in range(records)]
    lines[17] = "{not json"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def findings(tmp_path_factory):
    feed = _feed(tmp_path_factory.mktemp("feed") / "feed.jsonl")
    found = [item for item in Linter(day=TODAY).lint_stream(read_file(str(feed), "DE", None))
             if isinstance(item, Finding)]
    assert len({f.rule for f in found}) >= 3 and any(f.suggestions for f in found)
    return found


def _reported(reporter_class, events, keep) -> tuple:
    out = io.StringIO()
    reporter = reporter_class(out)
    writing = run._Writing.of(reporter)
    summary, worst, unreadable = run._report(iter(events), reporter, keep, None, None, None, writing)
    reporter.finish(summary)
    return out.getvalue(), summary.as_dict(), worst, unreadable


def _both(reporter_class, items, keep) -> tuple:
    writing = run._Writing.of(reporter_class())
    one_by_one = _reported(reporter_class, run._encoded(writing.encode, items).events(), keep)
    joined = _reported(reporter_class, run._written(writing.encode, writing.join, keep, items), None)
    return one_by_one, joined


@pytest.mark.parametrize("reporter_class", REPORTERS)
def test_joined_findings_write_and_count_what_the_parent_writes_one_by_one(findings, reporter_class):
    errors = [ReadError("feed.jsonl", 18, "not JSON"), ReadError("feed.jsonl", 0, "gone", whole_file=True)]
    items = findings[:5] + errors[:1] + findings[5:] + errors[1:]
    dropped = {findings[0].rule}
    for keep in (None, lambda f: f.rule not in dropped, lambda f: False):
        one_by_one, joined = _both(reporter_class, items, keep)
        assert one_by_one == joined
    assert one_by_one[1]["findings"] == 0 and joined[0].count("not JSON") == 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_joined_findings_match_on_generated_runs(findings, data):
    """Any interleaving of findings (some with arbitrary text, lone surrogates included) and
    read errors, under any keep that looks at the path and rule."""
    text = st.text(max_size=12)
    pool = st.sampled_from(findings).flatmap(
        lambda f: st.builds(lambda message, excerpt, path: dataclasses.replace(f, message=message, text=excerpt,
                                                                                path=path),
                            st.one_of(st.just(f.message), text), st.one_of(st.just(f.text), text),
                            st.sampled_from(["a.jsonl", "legacy/b.jsonl"])))
    error = st.builds(ReadError, st.just("a.jsonl"), st.integers(0, 99), text, st.none(), st.booleans())
    items = data.draw(st.lists(st.one_of(pool, pool, error), max_size=30))
    dropped = data.draw(st.sets(st.sampled_from(sorted({(f.path, f.rule) for f in items
                                                         if isinstance(f, Finding)}) or [("", "")])))
    keep = data.draw(st.sampled_from([None, lambda f: (f.path, f.rule) not in dropped]))
    for reporter_class in REPORTERS:
        one_by_one, joined = _both(reporter_class, items, keep)
        assert one_by_one == joined


@given(cuts=st.lists(st.integers(0, 200), max_size=6))
def test_merged_summaries_count_what_one_summary_counts(findings, cuts):
    whole, merged = Summary(), Summary()
    for finding in findings:
        whole.add_finding(finding)
    bounds = [0, *sorted(cuts), len(findings)]
    for start, stop in zip(bounds, bounds[1:]):
        part = Summary()
        for finding in findings[start:stop]:
            part.add_finding(finding)
        merged.merge(part)
    assert merged == whole and list(merged.by_rule) == list(whole.by_rule)
    assert merged.worst() == whole.worst() == (max(f.severity for f in findings) if findings else None)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(picked=st.lists(st.integers(0, 10_000), max_size=8))
def test_a_summarys_worst_is_the_most_severe_finding_it_counted(findings, picked):
    """--fail-on compares Summary.worst(), worked out from the counts."""
    chosen = [findings[i % len(findings)] for i in picked]
    summary = Summary()
    for finding in chosen:
        summary.add_finding(finding)
    assert summary.worst() == (max(f.severity for f in chosen) if chosen else None)
    assert len({f.severity for f in findings}) >= 2  # the fixture's findings differ in severity


def test_the_parent_gets_findings_only_when_it_needs_them():
    writing = run._Writing.of(JsonReporter())
    unmarked = lambda f: True  # noqa: E731
    assert writing.pack(None, None).func is run._written
    assert writing.pack(run.by_path_and_rule(lambda f: True), None).func is run._written
    assert writing.pack(unmarked, None).func is run._encoded  # it may record or count what it sees
    assert writing.pack(None, object()).func is run._encoded  # the results cache stores findings

    class OneByOne(JsonReporter):  # a reporter that cannot join: encoded one by one
        join_encoded = None

    assert run._Writing.of(OneByOne()).pack(None, None).func is run._encoded
    assert getattr(Session.keep, "by_path_and_rule", False)


@pytest.mark.skipif(not parallel.available(), reason="workers need fork")
@pytest.mark.parametrize("reporter_class", REPORTERS)
def test_workers_apply_a_marked_keep_and_the_parent_an_unmarked_one(tmp_path, monkeypatch, reporter_class):
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 1)
    monkeypatch.setattr(parallel, "MIN_SLICE_BYTES", 500)
    monkeypatch.setattr(parallel, "SLICE_BYTES", 2000)
    feed = str(_feed(tmp_path / "feed.jsonl", 200))
    asked: list = []

    def unmarked(finding):
        asked.append(finding)
        return finding.rule != "DE001"

    @run.by_path_and_rule
    def marked(finding):
        asked.append(finding)  # in a worker's copy of the list: the parent's stays empty
        return finding.rule != "DE001"

    outputs = []
    for keep, jobs in ((None, 1), (unmarked, 1), (unmarked, 2), (marked, 2)):
        out = io.StringIO()
        result = run.lint_paths(Linter(day=TODAY), [feed], reporter_class(out), market="DE", jobs=jobs, keep=keep)
        outputs.append((out.getvalue(), result.summary, result.worst))
        assert bool(asked) == (keep is unmarked), "an unmarked keep is asked in the parent, a marked one in workers"
        asked.clear()
    assert outputs[1] == outputs[2] == outputs[3] != outputs[0]
    assert '"rule": "DE001"' in outputs[0][0] and '"rule": "DE001"' not in outputs[1][0]
    assert outputs[1][1].findings > 0
