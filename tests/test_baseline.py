"""A baseline holds today's findings by what they are about, so unrelated edits keep them known."""
import json

import pytest

from conftest import TODAY
from loclint.baseline import Baseline, BaselineError, write
from loclint.engine import Linter
from loclint.readers import read_file
from loclint.model import Finding


def _findings(linter, path):
    return [i for i in linter.lint_stream(read_file(str(path))) if isinstance(i, Finding)]


def _feed(path, records):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return path


OLD = [{"id": "a", "market": "DE", "title": "Die besten Kopfhörer", "description": "Nur 24.99 €"},
       {"id": "b", "market": "DE", "title": "Die beste Wahl, die beste Qualität"}]


def test_old_findings_stay_known_after_unrelated_edits(tmp_path):
    linter = Linter(day=TODAY)
    feed = _feed(tmp_path / "feed.jsonl", OLD)
    before = _findings(linter, feed)
    assert write(str(tmp_path / "baseline.json"), before) == len(before)

    # A new record above shifts every line; an unrelated field changes; one new claim appears.
    edited = [{"id": "new", "market": "DE", "title": "Kopfhörer", "price": {"amount": 19.99, "currency": "EUR"}},
              dict(OLD[0], bullets=["Kabellos"]),
              dict(OLD[1], description="Unschlagbar günstig")]
    _feed(feed, edited)
    baseline = Baseline.load(str(tmp_path / "baseline.json"))
    fresh = [f for f in _findings(linter, feed) if not baseline.known(f)]
    assert [(f.record, f.rule, f.text) for f in fresh if f.record != "new"] == [("b", "DE002", "Unschlagbar günstig")]
    assert {f.record for f in fresh} == {"new", "b"}  # the new record's own findings are new too
    assert baseline.matched == len(before)


def test_a_repeat_beyond_the_recorded_count_is_new(tmp_path):
    linter = Linter(day=TODAY)
    feed = _feed(tmp_path / "feed.jsonl", [OLD[1]])
    write(str(tmp_path / "b.json"), _findings(linter, feed))
    _feed(feed, [dict(OLD[1], title=OLD[1]["title"] + ", die beste Farbe")])
    baseline = Baseline.load(str(tmp_path / "b.json"))
    fresh = [f for f in _findings(linter, feed) if not baseline.known(f)]
    assert len(fresh) == 1 and fresh[0].text.lower() == "die beste"


def test_the_baseline_file_is_sorted_relative_and_stable(tmp_path):
    linter = Linter(day=TODAY)
    feed = _feed(tmp_path / "data" / "feed.jsonl" if (tmp_path / "data").mkdir() is None else None, OLD)
    write(str(tmp_path / "baseline.json"), _findings(linter, feed))
    first = (tmp_path / "baseline.json").read_bytes()
    write(str(tmp_path / "baseline.json"), list(reversed(_findings(linter, feed))))
    assert (tmp_path / "baseline.json").read_bytes() == first
    doc = json.loads(first)
    assert doc["version"] == 1
    assert {e["path"] for e in doc["findings"]} == {"data/feed.jsonl"}


@pytest.mark.parametrize("content, message", [
    ("{not json", "not a loclint baseline"),
    ('{"version": 9, "findings": []}', "baseline version 9"),
    ('{"findings": [{"path": "x"}]}', "not a loclint baseline"),
])
def test_a_broken_baseline_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "baseline.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError) as excinfo:
        Baseline.load(str(path))
    assert str(excinfo.value).startswith(str(path)) and message in str(excinfo.value)
