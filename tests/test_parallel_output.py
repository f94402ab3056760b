"""`--jobs 2` writes the same bytes as `--jobs 1` in every format, with read errors, per-file
ignores, a baseline and the results cache; and for json and jsonl the workers encode the
findings, so the parent only writes them (issue 17)."""
import io
import json
import os

import pytest

from conftest import TODAY, runner
from loclint import parallel
from loclint.cli import main
from loclint.engine import Linter
from loclint.model import Finding
from loclint.readers import read_file
from loclint.reporters import REPORTERS
from loclint.reporters.json import JsonReporter
from loclint.reporters.jsonl import JsonLinesReporter
from loclint.run import lint_paths

pytestmark = pytest.mark.skipif(not parallel.available(), reason="workers need fork")

TITLES = ["Die besten Kopfhörer, 12 inches", "Kabellose Kopfhörer", "Der beste Preis: 24.99 €", "Nur heute!"]


def _feed(path, records=240, market="DE"):
    lines = []
    for i in range(records):
        if i % 41 == 5:
            lines.append("{not json")
        elif i % 53 == 7:
            lines.append("")
        else:
            lines.append(json.dumps({"id": f"{path.stem}-{i}", "market": market, "title": TITLES[i % len(TITLES)],
                                     "description": f"Artikel {i}: der beste Kauf, Lieferung in 2 Tagen."},
                                    ensure_ascii=False))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    data += b'{"id": "bad-utf8", "title": "Kopfh\xf6rer"}\n{"id": "nul", "title": "a\x00b"}\n'
    path.write_bytes(data)
    return path


@pytest.fixture
def small_pieces(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 1)
    monkeypatch.setattr(parallel, "MIN_SLICE_BYTES", 500)
    monkeypatch.setattr(parallel, "SLICE_BYTES", 3000)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "legacy").mkdir()
    _feed(tmp_path / "a.jsonl")
    _feed(tmp_path / "legacy" / "b.jsonl", 150)
    (tmp_path / "c.txt").write_text("Die beste Wahl.\n", encoding="utf-8")
    (tmp_path / "loclint.toml").write_text('[per-file-ignores]\n"legacy/" = ["DE001"]\n', encoding="utf-8")
    return tmp_path


def _check(project, monkeypatch, *args):
    monkeypatch.chdir(project)
    monkeypatch.setenv("LOCLINT_CACHE_DIR", str(project / "cache"))
    result = runner().invoke(main, ["check", "--date", "2026-11-25", "--fail-on", "never", "--market", "DE", *args,
                                    "a.jsonl", "legacy", "c.txt", "missing.jsonl"])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("output_format", sorted(REPORTERS))
def test_every_format_writes_the_same_bytes_with_workers(project, monkeypatch, small_pieces, output_format):
    one = _check(project, monkeypatch, "--no-cache", "--jobs", "1", "--format", output_format)
    two = _check(project, monkeypatch, "--no-cache", "--jobs", "2", "--format", output_format)
    assert one == two
    assert "DE001" in one[1] and "not UTF-8" in one[1] + one[2]


def test_per_file_ignores_and_a_baseline_drop_the_same_findings_with_workers(project, monkeypatch, small_pieces):
    base = project / "baseline.json"
    _check(project, monkeypatch, "--no-cache", "--jobs", "1", "--baseline", str(base), "--update-baseline")
    with open(base, encoding="utf-8") as handle:
        recorded = json.load(handle)["findings"]
    assert recorded and not any(e.get("rule") == "DE001" and "legacy" in e.get("path", "") for e in recorded)
    # half the baseline forgotten: the other half is reported, by one process or by workers alike
    with open(base, "w", encoding="utf-8") as handle:
        json.dump({"version": 1, "findings": recorded[::2]}, handle)
    runs = [_check(project, monkeypatch, "--no-cache", "--jobs", jobs, "--baseline", str(base), "--format", "json")
            for jobs in ("1", "2")]
    assert runs[0] == runs[1]
    assert json.loads(runs[0][1])["findings"]


def test_a_run_with_workers_fills_the_results_cache_with_findings(project, monkeypatch, small_pieces):
    cold = _check(project, monkeypatch, "--jobs", "2", "--format", "jsonl")
    assert os.listdir(project / "cache" / "results")
    warm = _check(project, monkeypatch, "--jobs", "1", "--format", "jsonl")  # every file from the cache
    assert warm == cold == _check(project, monkeypatch, "--no-cache", "--jobs", "1", "--format", "jsonl")


@pytest.mark.parametrize("reporter_class", [JsonReporter, JsonLinesReporter])
def test_workers_encode_the_findings_and_the_parent_only_writes_them(tmp_path, small_pieces, reporter_class):
    class Watched(reporter_class):
        encoded_here = 0

        def finding(self, finding):  # the parent's own encoding path
            Watched.encoded_here += 1
            super().finding(finding)

    feed = _feed(tmp_path / "feed.jsonl")
    outputs = []
    for jobs in (1, 2):
        out = io.StringIO()
        lint_paths(Linter(day=TODAY), [str(feed)], Watched(out), market="DE", jobs=jobs)
        outputs.append(out.getvalue())
    assert outputs[0] == outputs[1]
    findings = outputs[0].count('"rule": ')
    assert findings > 100 and Watched.encoded_here == findings  # all of them by --jobs 1, none by --jobs 2


def test_a_wrapped_reporter_gets_findings_not_text(tmp_path, small_pieces):
    """A wrapper (the progress line, stdin's renaming) does more in finding() than its reporter:
    workers do not encode for it, whatever it forwards."""
    class Wrapper:
        def __init__(self, reporter):
            self.reporter, self.seen = reporter, []

        def finding(self, finding):
            self.seen.append(finding)
            self.reporter.finding(finding)

        def __getattr__(self, name):
            return getattr(self.reporter, name)

    feed = _feed(tmp_path / "feed.jsonl")
    out = io.StringIO()
    wrapped = Wrapper(JsonReporter(out))
    lint_paths(Linter(day=TODAY), [str(feed)], wrapped, market="DE", jobs=2)
    assert wrapped.seen and all(isinstance(f, Finding) for f in wrapped.seen)
    assert out.getvalue().count('"rule": ') == len(wrapped.seen)


def test_the_encoders_write_what_finding_writes(tmp_path):
    feed = _feed(tmp_path / "feed.jsonl", 40)
    for reporter_class in (JsonReporter, JsonLinesReporter):
        direct, split = io.StringIO(), io.StringIO()
        a, b = reporter_class(direct), reporter_class(split)
        for item in Linter(day=TODAY).lint_stream(read_file(str(feed), "DE", None)):
            if isinstance(item, Finding):
                a.finding(item)
                b.write_encoded(item, reporter_class.encode(item))
        assert direct.getvalue() == split.getvalue() != ""
