"""Worker processes: no more than the work and the cores need, gone when the parent goes, and
Ctrl-C stops the run at once (issue 20)."""
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from conftest import TODAY
from loclint import parallel
from loclint.engine import Linter
from loclint.reporters.json import JsonReporter
from loclint.run import lint_paths

pytestmark = pytest.mark.skipif(not parallel.available(), reason="workers need fork")
CORES = len(os.sched_getaffinity(0))


def test_workers_are_capped_by_the_units_and_the_cores():
    assert parallel.worker_count(100_000, 3) == min(3, CORES)
    assert parallel.worker_count(100_000, 10_000) == CORES
    assert parallel.worker_count(2, 1) == 1
    assert parallel.worker_count(0, 5) == 1


def test_a_huge_jobs_value_starts_a_handful_of_workers(tmp_path, monkeypatch):
    started = []

    from concurrent.futures import ProcessPoolExecutor

    class Counting(ProcessPoolExecutor):
        def __init__(self, max_workers, **kwargs):
            started.append(max_workers)
            super().__init__(max_workers, **kwargs)

    monkeypatch.setattr(parallel, "_executor_class", lambda: Counting)
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 1)
    monkeypatch.setattr(parallel, "SLICE_BYTES", 2000)
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": f"r{i}", "market": "DE", "title": f"Die beste Wahl {i}"}) + "\n"
                            for i in range(200)), encoding="utf-8")
    outputs = []
    for jobs in (1, 100_000):
        out = io.StringIO()
        lint_paths(Linter(day=TODAY), [str(feed)], JsonReporter(out), jobs=jobs)
        outputs.append(out.getvalue())
    assert started == [min(CORES, len(parallel.units(str(feed), None, None)))]
    assert outputs[0] == outputs[1]


def _big_feed(path):
    line = json.dumps({"id": "r", "market": "DE", "title": "Die besten Kopfhörer, 12 inches", "description": "x" * 60})
    path.write_text((line + "\n") * 60_000, encoding="utf-8")  # ~6 MB: enough for workers
    return path


def _start(tmp_path, **kwargs):
    feed = _big_feed(tmp_path / "feed.jsonl")
    env = dict(os.environ, LOCLINT_CACHE_DIR=str(tmp_path / "cache"))
    return subprocess.Popen([sys.executable, "-m", "loclint", "check", "--no-cache", "--jobs", "2", "--date",
                             "2026-11-25", "--format", "jsonl", str(feed)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as handle:
            return [int(p) for p in handle.read().split()]
    except FileNotFoundError:
        return []


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            return "\nState:\tZ" not in handle.read()  # a zombie has exited
    except FileNotFoundError:
        return False


def _wait_for_workers(process, count=2, timeout=60) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        workers = _children(process.pid)
        if len(workers) >= count:
            return workers
        time.sleep(0.05)
    pytest.fail("the run never started its workers")


def _gone_within(pids, seconds) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(_alive(p) for p in pids):
            return True
        time.sleep(0.05)
    return False


def test_killing_the_parent_leaves_no_orphan_workers(tmp_path):
    process = _start(tmp_path)
    workers = _wait_for_workers(process)
    process.kill()
    process.wait()
    assert _gone_within(workers, 10), "workers outlived their parent"


def test_ctrl_c_stops_the_run_and_its_workers_at_once(tmp_path):
    process = _start(tmp_path, start_new_session=True)
    workers = _wait_for_workers(process)
    pressed = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)  # a terminal sends it to the whole group
    process.wait(timeout=30)
    took = time.monotonic() - pressed
    assert _gone_within(workers, 5)
    assert took < 5, f"Ctrl-C took {took:.1f} s"


def _de_feed(path, records=200):
    path.write_text("".join(json.dumps({"id": f"r{i}", "market": "DE", "title": f"Die beste Wahl {i}, 12 inches"}) + "\n"
                            for i in range(records)), encoding="utf-8")
    return path


def test_workers_inherit_the_market_the_parent_compiled_before_forking(tmp_path, monkeypatch):
    """Compiling a market's rules (and loading the language model) once in the parent, not once
    per worker, is what lets a worker start at once (issue 17)."""
    from loclint import engine

    compiled_in = tmp_path / "compiled-in"

    class Recording(engine.MarketLinter):
        def __init__(self, *args, **kwargs):
            with open(compiled_in, "a", encoding="ascii") as handle:
                handle.write(f"{os.getpid()}\n")
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(engine, "MarketLinter", Recording)
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 1)
    monkeypatch.setattr(parallel, "SLICE_BYTES", 2000)
    feed = _de_feed(tmp_path / "feed.jsonl")
    one, two = io.StringIO(), io.StringIO()
    lint_paths(Linter(day=TODAY), [str(feed)], JsonReporter(one), jobs=1)
    compiled_in.unlink()
    lint_paths(Linter(day=TODAY), [str(feed)], JsonReporter(two), jobs=2)
    assert compiled_in.read_text(encoding="ascii").split() == [str(os.getpid())]
    assert one.getvalue() == two.getvalue()  # the parent's warm-up findings are not reported


def test_a_large_run_is_cut_into_many_small_units_with_the_same_output(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_PARALLEL_BYTES", 1)
    monkeypatch.setattr(parallel, "SLICE_BYTES", 10**9)
    monkeypatch.setattr(parallel, "MIN_SLICE_BYTES", 100)
    feed = _de_feed(tmp_path / "feed.jsonl")
    size = parallel.slice_bytes([str(feed)], 2)
    workers = min(2, CORES)
    assert size == feed.stat().st_size // (workers * parallel.UNITS_PER_WORKER)
    pieces = len(parallel.units(str(feed), None, None, size=size))
    assert pieces >= workers * parallel.UNITS_PER_WORKER * 3 // 4  # a piece ends at the line that crosses size
    outputs = []
    for jobs in (1, 2):
        out = io.StringIO()
        lint_paths(Linter(day=TODAY), [str(feed)], JsonReporter(out), jobs=jobs)
        outputs.append(out.getvalue())
    assert outputs[0] == outputs[1]


def test_unit_size_stays_within_its_bounds(tmp_path):
    small, huge = tmp_path / "small.jsonl", tmp_path / "huge.jsonl"
    small.write_bytes(b"{}\n")
    with open(huge, "wb") as handle:
        handle.truncate(10**10)  # sparse: no disk used
    assert parallel.slice_bytes([str(small)], 2) == parallel.MIN_SLICE_BYTES
    assert parallel.slice_bytes([str(huge)], 2) == parallel.SLICE_BYTES


def test_the_warm_up_leaves_a_large_unsplit_file_to_the_workers(tmp_path, monkeypatch):
    """A reader that cannot split a file may parse all of it to yield its first record: the
    parent must not do that before the workers even start."""
    big = tmp_path / "big.txt"
    big.write_text("Die beste Wahl.\n" * 10, encoding="utf-8")
    monkeypatch.setattr(parallel, "SLICE_BYTES", 10)
    read = []
    monkeypatch.setattr(parallel, "read_file", lambda *args, **kwargs: read.append(args) or iter(()))
    parallel.warm([Linter(day=TODAY)], parallel.Unit(str(big), "DE", None))
    assert read == []
    monkeypatch.setattr(parallel, "SLICE_BYTES", 10**6)
    parallel.warm([Linter(day=TODAY)], parallel.Unit(str(big), "DE", None))
    assert len(read) == 1


@pytest.mark.parametrize("workers", [1, 2, 4])
def test_batches_cover_the_units_in_order_and_shrink_to_single_units_at_the_end(workers):
    for units in (0, 1, 7, 32, 128, 1000):
        cut = parallel.batches(units, workers)
        assert [index for batch in cut for index in batch] == list(range(units))
        sizes = [len(batch) for batch in cut]
        assert all(1 <= size <= parallel.UNITS_PER_BATCH for size in sizes)
        assert sizes == sorted(sizes, reverse=True)
        tail = min(units, workers * parallel.TAIL_BATCHES - 1)
        assert sizes[len(sizes) - tail:] == [1] * tail
    assert parallel.batches(1000, workers)[0] == range(parallel.UNITS_PER_BATCH)


def test_an_interrupt_while_the_parent_writes_stops_the_workers_at_once(tmp_path):
    """Ctrl-C (or a closed pipe) raised in the reporter, outside the workers' generator, with its
    traceback still held: the workers must stop then, not when the generator is collected."""
    from loclint.reporters.jsonl import JsonLinesReporter

    feed = _big_feed(tmp_path / "feed.jsonl")
    seen: list = []

    class Interrupted(JsonLinesReporter):
        def write_encoded(self, finding, text):
            seen.extend(_children(os.getpid()))
            raise KeyboardInterrupt

        def write_joined(self, text, count):  # how the parent writes what the workers kept and joined
            self.write_encoded(None, text)

    caught = None
    try:
        lint_paths(Linter(day=TODAY), [str(feed)], Interrupted(io.StringIO()), jobs=2)
    except KeyboardInterrupt as exc:
        caught = exc  # keeps the traceback, and with it the frames, alive
    assert caught is not None and seen
    assert _gone_within(seen, 5), "workers kept running after the interrupt"
    # and the executor's thread ends (the interpreter's exit joins it), even if a worker died mid-send
    from concurrent.futures.process import _ExecutorManagerThread

    for thread in [t for t in threading.enumerate() if isinstance(t, _ExecutorManagerThread)]:
        thread.join(timeout=10)
        assert not thread.is_alive(), "the executor's thread outlived its workers"
