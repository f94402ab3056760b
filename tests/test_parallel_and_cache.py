"""Workers and the results cache change how fast a run is, never what it reports."""
import io
import json
import os

import pytest

from conftest import TODAY, runner
from loclint import parallel
from loclint.cli import main
from loclint.engine import Linter
from loclint.readers.json import jsonl
from loclint.reporters.json import JsonReporter
from loclint.cachedir import default_directory
from loclint.results_cache import ResultCache
from loclint.run import lint_paths
from loclint.text import lemmas

LISTINGS = [
    {"title": "Die besten Kopfhörer", "description": "Nur 24.99 €, 12 inches breit."},
    {"id": "ok", "title": "Kopfhörer", "description": "Kabellose Kopfhörer mit 30 Stunden Akku."},
    {"title": "Made in Germany", "attributes": {"country_of_origin": "CN"}},
]


def _feed(path, records=300):
    lines = []
    for i in range(records):
        if i % 50 == 7:
            lines.append("{not json")
        elif i % 60 == 3:
            lines.append("")
        else:
            lines.append(json.dumps(dict(LISTINGS[i % len(LISTINGS)], market="DE"), ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(linter, paths, **kwargs):
    out = io.StringIO()
    result = lint_paths(linter, [str(p) for p in paths], JsonReporter(out), **kwargs)
    return json.loads(out.getvalue()), result


def test_slices_cover_the_feed_exactly(tmp_path):
    feed = _feed(tmp_path / "feed.jsonl")
    whole = [(getattr(r, "id", None), r.line, type(r).__name__) for r in jsonl.read(str(feed), None, None)]
    cut = jsonl.slices(str(feed), 2000)
    assert len(cut) > 3
    parts = [(getattr(r, "id", None), r.line, type(r).__name__)
             for s in cut for r in jsonl.read_range(str(feed), *s, None, None)]
    assert parts == whole  # same records, same line numbers, same default ids (#n)


@pytest.mark.skipif(not parallel.available(), reason="workers need fork")
def test_workers_report_exactly_what_one_process_reports(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "SLICE_BYTES", 3000)
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 1)
    feeds = [_feed(tmp_path / "a.jsonl"), _feed(tmp_path / "b.jsonl", 120)]
    (tmp_path / "c.txt").write_text("Die beste Wahl.\n", encoding="utf-8")
    paths = feeds + [tmp_path / "c.txt", tmp_path / "missing.jsonl"]
    one, _ = _run(Linter(day=TODAY), paths, market="DE", jobs=1)
    two, result = _run(Linter(day=TODAY), paths, market="DE", jobs=2)
    assert one == two
    assert one["summary"]["records"] == result.summary.records > 300
    assert one["errors"] and one["findings"]


def test_an_unchanged_file_is_read_back_from_the_cache(tmp_path):
    feed = _feed(tmp_path / "feed.jsonl", 60)
    linter = Linter(day=TODAY)
    cache = ResultCache(str(tmp_path / "cache"))
    first, _ = _run(linter, [feed], cache=cache)
    assert os.listdir(tmp_path / "cache" / "results")
    calls = []
    original = linter.lint_stream
    linter.lint_stream = lambda items: calls.append(1) or original(items)
    second, _ = _run(linter, [feed], cache=cache)
    assert second == first and calls == []
    feed.write_text(feed.read_text(encoding="utf-8").replace("besten", "beste"), encoding="utf-8")
    third, _ = _run(linter, [feed], cache=cache)
    assert calls == [1] and third != first


def test_the_cache_key_follows_the_rules_the_date_and_the_selection(tmp_path):
    keys = {Linter(day=TODAY).cache_key(), Linter(day=TODAY, select=["DE"]).cache_key(),
            Linter(day=TODAY.replace(year=2025)).cache_key(), Linter(day=TODAY, channel="own-store").cache_key()}
    assert len(keys) == 4


def test_no_cache_and_clean(tmp_path, monkeypatch):
    # The expanded trigger forms stay warm where they are; the rest of the cache moves.
    monkeypatch.setattr(lemmas, "default_directory", lambda warm=default_directory(): warm)
    monkeypatch.setenv("LOCLINT_CACHE_DIR", str(tmp_path / "cache"))
    feed = _feed(tmp_path / "feed.jsonl", 6)
    result = runner().invoke(main, ["check", "--no-cache", "--fail-on", "never", "--date", "2026-11-25", str(feed)])
    assert result.exit_code == 0
    assert not (tmp_path / "cache" / "results").exists()
    result = runner().invoke(main, ["check", "--fail-on", "never", "--date", "2026-11-25", str(feed)])
    assert result.exit_code == 0 and os.listdir(tmp_path / "cache" / "results")
    result = runner().invoke(main, ["clean"])
    assert result.exit_code == 0 and not (tmp_path / "cache").exists()
