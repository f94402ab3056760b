"""Benchmark: the numbers issues 7 and 17 ask for, printed, never asserted.

    python benchmarks/bench.py [FEED] [--runs N] [--proselint CMD] [--skip whole,startup,...] [--million]

Every number except `inprocess` is loclint as a user meets it: `python -m loclint check` (this
interpreter's loclint) in a fresh process with the results cache off. On a shared machine
timings are noisy, so runs are paired (the two commands compared alternate, N times each,
after one warm-up run each) and medians reported; CPU (user + sys of the process and its
workers) is shown beside the wall time because it moves less with the load of other users.

Sections (each can be skipped):
  whole      `loclint check --no-cache --jobs 1 --format json FEED` against `proselint check` on
             the same text split into 20 files (one process each): medians and the ratio
  inprocess  loclint.api.lint_file(FEED) and JSON out in this process, the linter compiled
             beforehand: records/s and MB/s of listing text (the number issue 7 reported)
  startup    a one-record JSONL file and a one-line `--market DE` text file, each in a fresh
             process; warm, and with an empty LOCLINT_CACHE_DIR (the first run after install)
  scaling    `--jobs 1` against `--jobs 2` on FEED 10 times over, each copy's texts marked
             "(copy N)" so no text repeats; each worker's extra CPU, the serial share, and 4
             workers *computed* from those (4 workers on 2 cores would measure the cores)
  memory     peak RSS of `loclint check --format jsonl` on FEED 1x and 10x, and with --million on
             1,000,000 records (bounded memory means the rows are close)
  cache      a second run of an unchanged feed with the result cache, against --no-cache

The last lines are the README's table, in Markdown. FEED defaults to
../shared/corpus/listings-real.jsonl (9,048 real listings).
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import Iterator, Optional

DEFAULT_FEED = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus", "listings-real.jsonl")
SECTIONS = ("whole", "inprocess", "startup", "scaling", "memory", "cache")
LOCLINT = [sys.executable, "-m", "loclint"]
CHECK = LOCLINT + ["check", "--no-cache", "--fail-on", "never"]
PROSELINT_FILES = 20
NOT_TEXT = ("id", "market", "locale")  # record keys that hold no listing text


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # user + sys seconds of the process and the workers it waited for
    rss: float  # peak resident MB of the process or its largest worker


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("feed", nargs="?", default=DEFAULT_FEED)
    parser.add_argument("--runs", type=int, default=5, help="paired runs per comparison (after one warm-up each)")
    parser.add_argument("--scaling-runs", type=int, default=3, help="paired --jobs 1/--jobs 2 runs (slow)")
    parser.add_argument("--proselint", default="proselint", help="proselint command (e.g. /tmp/pvenv/bin/proselint)")
    parser.add_argument("--skip", default="", help="comma-separated sections to skip")
    parser.add_argument("--million", action="store_true",
                        help="memory: also a 1,000,000-record feed (FEED's lines cycled; ~400 MB, minutes)")
    args = parser.parse_args()
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    feed = os.path.normpath(args.feed)
    print(f"feed: {feed}")
    print(f"loclint: {' '.join(LOCLINT)}  python: {sys.version.split()[0]}  cores: {os.cpu_count()}  "
          f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        if "whole" not in skip:
            rows += whole(feed, args.proselint, args.runs, tmp)
        if "startup" not in skip:
            rows += startup(feed, args.runs, tmp)
        if "scaling" not in skip:
            rows += scaling(feed, args.scaling_runs, tmp)
        if "memory" not in skip:
            rows += memory(feed, tmp, args.million)
        if "cache" not in skip:
            rows += cache(feed, tmp)
        if "inprocess" not in skip:  # last: a child's peak RSS counts this process's at the time it is spawned
            rows[1:1] = inprocess(feed, tmp)
    print("\n## table (README: Benchmark)\n")
    print("| measure | result | target |\n|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


def whole(feed: str, proselint_command: str, runs: int, tmp: str) -> list:
    print("\n## whole process, one core: loclint check --no-cache --jobs 1 --format json FEED vs proselint check")
    loclint = CHECK + ["--jobs", "1", "--format", "json", feed]
    prose = shlex.split(proselint_command)
    if shutil.which(prose[0]) is None:
        print(f"{prose[0]!r} not found (pass --proselint PATH; proselint 0.16): loclint alone")
        times = paired({"loclint": loclint}, runs)
        print(_line("loclint", times["loclint"]))
        return [("whole process, one core, `--no-cache --jobs 1 --format json`",
                 f"{_median(times['loclint'], 'wall'):.2f} s wall", "")]
    files = _text_files(feed, os.path.join(tmp, "proselint"))
    times = paired({"loclint": loclint, "proselint": prose + ["check"] + files}, runs)
    for name, measured in times.items():
        print(_line(name, measured))
    wall = _median(times["proselint"], "wall") / _median(times["loclint"], "wall")
    cpu = _median(times["proselint"], "cpu") / _median(times["loclint"], "cpu")
    print(f"loclint / proselint: {wall:.1f}x wall, {cpu:.1f}x CPU (target: >= 5x, goal 20x); "
          f"median of the {runs} paired ratios: {_paired_ratio(times['proselint'], times['loclint'], 'wall'):.2f}x wall")
    records = _lines(feed)
    return [("whole process vs proselint 0.16 (same text in 20 files), one core, cache off",
             f"loclint {_median(times['loclint'], 'wall'):.2f} s wall, {_median(times['loclint'], 'cpu'):.2f} s CPU, "
             f"{_median(times['loclint'], 'rss'):.0f} MB; proselint {_median(times['proselint'], 'wall'):.2f} s, "
             f"{_median(times['proselint'], 'cpu'):.2f} s CPU ({records:,} records): "
             f"**{wall:.1f}x** wall, **{cpu:.1f}x** CPU", ">= 5x (goal 20x)")]


def inprocess(feed: str, tmp: str) -> list:
    print("\n## in process: loclint.api.lint_file(FEED) + JSON out, linter compiled beforehand")
    from loclint import api

    started = time.perf_counter()
    linter = api.make_linter()
    for market in sorted(_markets(feed)):  # compile every market the feed names, outside the timing
        api.lint_file(_one_record(tmp, market), linter=linter)
    compiled, cpu_before = time.perf_counter(), time.process_time()
    report = api.lint_file(feed, linter=linter)
    json.dumps(report.to_dict(), ensure_ascii=False)
    seconds, cpu = time.perf_counter() - compiled, time.process_time() - cpu_before
    records, megabytes = report.summary.records, sum(len(t.encode("utf-8")) for t in _texts(feed)) / 1e6
    print(f"records: {records}  findings: {len(report.findings)}  errors: {len(report.errors)}  "
          f"listing text: {megabytes:.2f} MB")
    print(f"compile: {compiled - started:.2f} s  read + lint + JSON: {seconds:.2f} s wall, {cpu:.2f} s CPU -> "
          f"{records / seconds:,.0f} records/s, {megabytes / seconds:.2f} MB/s of wall time")
    return [("in process, one core (read, every rule, JSON out; no start-up)",
             f"{seconds:.2f} s wall, {cpu:.2f} s CPU for {records:,} records: {records / cpu:,.0f} records/s, "
             f"{megabytes / cpu:.2f} MB/s of listing text per CPU second", "")]


def startup(feed: str, runs: int, tmp: str) -> list:
    print("\n## start-up: one small file, fresh process, --no-cache --jobs 1")
    one = os.path.join(tmp, "one.jsonl")
    with open(feed, "rb") as src, open(one, "wb") as out:
        out.write(src.readline())
    text = os.path.join(tmp, "one.txt")
    with open(text, "w", encoding="utf-8") as handle:
        handle.write("Die besten Kopfhörer, 24.99 €, 12 inches breit.\n")
    commands = {"one-record JSONL": CHECK + ["--jobs", "1", one],
                "one-line text, --market DE": CHECK + ["--jobs", "1", "--market", "DE", text]}
    warm = paired(commands, runs)
    first = paired(commands, runs, fresh_cache_in=tmp)
    for name in commands:
        print(_line(f"{name}, warm", warm[name]))
        print(_line(f"{name}, empty cache (first run)", first[name]))
    j, t = "one-record JSONL", "one-line text, --market DE"
    return [("start-up, one small file (warm / empty cache, first run after install)",
             f"JSONL record {_median(warm[j], 'wall'):.2f} s ({_median(warm[j], 'cpu'):.2f} s CPU) / "
             f"{_median(first[j], 'wall'):.2f} s ({_median(first[j], 'cpu'):.2f} s CPU); "
             f"DE text line {_median(warm[t], 'wall'):.2f} s ({_median(warm[t], 'cpu'):.2f} s CPU) / "
             f"{_median(first[t], 'wall'):.2f} s ({_median(first[t], 'cpu'):.2f} s CPU); "
             f"{_median(warm[j], 'rss'):.0f} MB", "<= 0.3 s")]


def scaling(feed: str, runs: int, tmp: str) -> list:
    big = _repeat(feed, 10, tmp, distinct=True)
    print(f"\n## scaling: --jobs 1 vs --jobs 2 on {_lines(big):,} records ({os.path.getsize(big) / 1e6:.0f} MB)")
    one = os.path.join(tmp, "one.jsonl")
    with open(feed, "rb") as src, open(one, "wb") as out:
        out.write(src.readline())
    command = CHECK + ["--format", "json"]
    times = paired({"--jobs 1": command + ["--jobs", "1", big], "--jobs 2": command + ["--jobs", "2", big],
                    "start-up": command + ["--jobs", "1", one]}, runs)
    for name, measured in times.items():
        print(_line(name, measured))
    # Other users' processes take cores from --jobs 2 and not from --jobs 1: say how many there were.
    print(f"load average after the runs: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    t1, t2 = _median(times["--jobs 1"], "wall"), _median(times["--jobs 2"], "wall")
    # The model behind the computed rows uses CPU seconds, which hold on a busy machine: a run
    # is its start-up (serial, before any worker forks), then the work shared by the workers,
    # each of which adds its own start and the sending back of its results.
    cpu1, cpu2 = _median(times["--jobs 1"], "cpu"), _median(times["--jobs 2"], "cpu")
    serial = _median(times["start-up"], "cpu")
    per_worker = max(0.0, (cpu2 - cpu1) / 2)

    def computed(workers: int) -> float:  # on that many free cores
        return serial + per_worker + (cpu1 - serial) / workers

    pairs = _paired_ratio(times["--jobs 1"], times["--jobs 2"], "wall")
    print(f"speed-up --jobs 2: {pairs:.2f}x measured wall, the median of the {runs} paired ratios "
          f"({t1 / t2:.2f}x from the medians) (target: >= 1.8x on 2 cores); "
          f"{cpu1 / computed(2):.2f}x computed for 2 free cores")
    print(f"serial share {serial / cpu1:.1%} (start-up {serial:.2f} s CPU of {cpu1:.2f} s); "
          f"each worker's extra CPU (its start, sending results back) {per_worker:.2f} s")
    print(f"4 workers on 4 free cores, COMPUTED from those: {computed(4):.2f} s, {cpu1 / computed(4):.2f}x")
    return [(f"`--jobs 2` against `--jobs 1`, {_lines(big):,} distinct records",
             f"{t1:.1f} s → {t2:.1f} s wall: {pairs:.2f}x measured (median of {runs} paired ratios; "
             f"{t1 / t2:.2f}x from the medians); computed for free cores from CPU "
             f"(serial {serial / cpu1:.0%}, {per_worker:.2f} s per worker): {cpu1 / computed(2):.2f}x with 2, "
             f"{cpu1 / computed(4):.2f}x with 4", ">= 1.8x")]


def memory(feed: str, tmp: str, million: bool = False) -> list:
    print("\n## memory: peak RSS streaming --format jsonl (default --jobs: the largest process counts)")
    feeds = [(f"{times}x feed", _repeat(feed, times, tmp)) for times in (1, 10)]
    if million:
        feeds.append(("cycled feed", _cycle(feed, 1_000_000, tmp)))
    cells = []
    for label, path in feeds:
        run = _run(CHECK + ["--format", "jsonl", path])
        records = _lines(path)
        print(f"{label} ({records:,} records, {os.path.getsize(path) / 1e6:,.0f} MB): "
              f"peak RSS {run.rss:.0f} MB, {run.wall:.1f} s")
        cells.append(f"{run.rss:.0f} MB ({records:,} records)")
    return [("peak RSS, streaming `--format jsonl`", ", ".join(cells), "flat")]


def cache(feed: str, tmp: str) -> list:
    print("\n## repeat runs: result cache")
    env = dict(os.environ, LOCLINT_CACHE_DIR=os.path.join(tmp, "result-cache"))
    command = LOCLINT + ["check", "--format", "json", "--fail-on", "never", feed]
    _run(command + ["--no-cache"], env=env)  # fills the new directory's model and trigger caches
    cold, warm = _run(command, env=env), _run(command, env=env)
    nocache = _run(command + ["--no-cache"], env=env)
    print(f"first run: {cold.wall:.2f} s  unchanged re-run: {warm.wall:.2f} s  --no-cache: {nocache.wall:.2f} s "
          f"-> re-run takes {warm.wall / cold.wall:.0%} of the first")
    return [("unchanged feed, re-run with the results cache", f"{warm.wall / cold.wall:.0%} of the first run",
             "a fraction")]


def paired(commands: dict, runs: int, fresh_cache_in: Optional[str] = None) -> dict:
    """Each command once to warm the disk cache, then ``runs`` rounds of all of them in turn.
    ``fresh_cache_in``: every run gets a new, empty LOCLINT_CACHE_DIR (and no warm-up)."""
    results: dict = {name: [] for name in commands}
    for name, command in commands.items():
        if fresh_cache_in is None:
            _run(command)
    for round_ in range(runs):
        for name, command in commands.items():
            env = None
            if fresh_cache_in is not None:
                env = dict(os.environ, LOCLINT_CACHE_DIR=tempfile.mkdtemp(dir=fresh_cache_in))
            results[name].append(_run(command, env=env))
    return results


def _run(command: list, env: Optional[dict] = None) -> Run:
    """One fresh process; its own rusage (os.wait4), which includes the workers it waited for."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=_as_installed(env or os.environ), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def _as_installed(env) -> dict:
    """``env`` with compiled modules kept, as an installed package has them (pip compiles them at
    install): PYTHONDONTWRITEBYTECODE would make every run compile loclint from source, a start-up
    cost no user pays. They go to a folder of their own, not into the checkout."""
    kept = {name: value for name, value in env.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return {**kept, "PYTHONPYCACHEPREFIX": _PYCACHE}


_PYCACHE = os.path.join(tempfile.gettempdir(), f"loclint-bench-pycache-{os.getuid()}")


def _paired_ratio(slower: list, faster: list, what: str) -> float:
    """The median of each round's ratio: the two commands of a round ran back to back, so a
    machine that gets slower or faster during the runs (it does, by 5 % within minutes) moves
    both; the ratio of the two medians compares runs from different moments."""
    return statistics.median(getattr(s, what) / getattr(f, what) for s, f in zip(slower, faster))


def _median(runs: list, what: str) -> float:
    return statistics.median(getattr(r, what) for r in runs)


def _line(name: str, runs: list) -> str:
    return (f"{name}: median {_median(runs, 'wall'):.2f} s wall, {_median(runs, 'cpu'):.2f} s CPU, "
            f"{_median(runs, 'rss'):.0f} MB of {len(runs)} runs (wall: {', '.join(f'{r.wall:.2f}' for r in runs)})")


def _texts(feed: str) -> list[str]:
    """Each record's listing text: its string values in order, one a line (what proselint reads)."""
    return ["\n".join(s for key, value in record.items() if key not in NOT_TEXT for s in _strings(value))
            for record in _records(feed)]


def _records(feed: str) -> Iterator[dict]:
    """FEED's records: each line that decodes to a JSON object."""
    with open(feed, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict):
                yield record


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _text_files(feed: str, folder: str) -> list[str]:
    """FEED's listing text in PROSELINT_FILES files of as many records each, a blank line apart."""
    os.makedirs(folder, exist_ok=True)
    texts = _texts(feed)
    per_file = -(-len(texts) // PROSELINT_FILES)
    paths = []
    for n in range(PROSELINT_FILES):
        path = os.path.join(folder, f"part{n:02}.txt")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("\n\n".join(texts[n * per_file:(n + 1) * per_file]) + "\n")
        paths.append(path)
    return paths


def _markets(feed: str) -> set[str]:
    return {record["market"] for record in _records(feed) if isinstance(record.get("market"), str)}


def _one_record(tmp: str, market: str) -> str:
    path = os.path.join(tmp, f"warm-{market}.jsonl")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "warm", "market": market, "title": "Warm-up"}) + "\n")
    return path


def _repeat(feed: str, times: int, tmp: str, distinct: bool = False) -> str:
    """FEED ``times`` over. ``distinct``: each copy's title and description end with
    "(copy N)", so no copy repeats another's texts. Exact repeats would flatter one process,
    whose per-text caches (the language guess) serve every later copy, over workers that
    each see part of the feed."""
    path = os.path.join(tmp, f"feed-x{times}{'-distinct' if distinct else ''}.jsonl")
    if not os.path.exists(path):
        with open(path, "wb") as out:
            for copy in range(1, times + 1):
                with open(feed, "rb") as src:
                    if not distinct:
                        shutil.copyfileobj(src, out)
                        continue
                    for line in src:
                        out.write(_marked(line, copy))
    return path


def _cycle(feed: str, records: int, tmp: str) -> str:
    """The first ``records`` lines of FEED repeated over and over."""
    path = os.path.join(tmp, f"feed-{records}.jsonl")
    with open(feed, "rb") as src:
        lines = src.readlines()
    with open(path, "wb") as out:
        for i in range(records):
            out.write(lines[i % len(lines)])
    return path


def _lines(path: str) -> int:
    with open(path, "rb") as handle:
        return sum(1 for _ in handle)


def _marked(line: bytes, copy: int) -> bytes:
    try:
        record = json.loads(line)
    except ValueError:
        return line
    if not isinstance(record, dict):
        return line
    for key in ("title", "description"):
        if isinstance(record.get(key), str):
            record[key] += f" (copy {copy})"
    return json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"


if __name__ == "__main__":
    sys.exit(main())
