"""Benchmark: the numbers issue 7 asks for, printed, never asserted.

    python benchmarks/bench.py [FEED] [--detector py3langid|langdetect] [--skip proselint,scaling,...] [--million]

Sections (each can be skipped):
  throughput  lint FEED end to end in this process (read, every rule of each record's market,
              JSON out) on one core: records/s and MB/s of listing text
  proselint   proselint 0.16 on the same listing text (a sample of records), and the ratio
  startup     `loclint check --market DE one-small-file.txt` wall time, warm and empty cache
  scaling     `loclint check --jobs 1` against `--jobs 2` on a large feed: FEED 10 times over, each
              copy's texts marked "(copy N)" so that no text repeats. A run's fixed costs (imports,
              rules, each worker's language model: about 1 s) are a fifth of a 4x feed's --jobs 2
              time, and cap its speed-up near 1.7x
  memory      peak RSS of `loclint check --format jsonl` on FEED repeated 1x and 10x, and with
              --million on 1,000,000 records (bounded memory means the rows are close)
  cache       a second run of an unchanged feed with the result cache, against --no-cache

FEED defaults to ../shared/corpus/listings-real.jsonl (9,048 real listings).
"""
from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter

from loclint.engine import Linter
from loclint.model import Finding, ReadError, Record
from loclint.readers import read_file
from loclint.reporters.json import JsonReporter
from loclint.summary import Summary

DEFAULT_FEED = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus", "listings-real.jsonl")
SECTIONS = ("throughput", "proselint", "startup", "scaling", "memory", "cache")
LOCLINT = [sys.executable, "-m", "loclint"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("feed", nargs="?", default=DEFAULT_FEED)
    parser.add_argument("--detector", default="py3langid")
    parser.add_argument("--skip", default="", help="comma-separated sections to skip")
    parser.add_argument("--proselint-records", type=int, default=1500)
    parser.add_argument("--million", action="store_true",
                        help="memory: also a 1,000,000-record feed (FEED's lines cycled; ~400 MB, minutes)")
    args = parser.parse_args()
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    feed = os.path.normpath(args.feed)
    print(f"feed: {feed}")
    print(f"python: {sys.version.split()[0]}  cores: {os.cpu_count()}")
    mb_per_s = None
    if "throughput" not in skip:
        mb_per_s = throughput(feed, args.detector)
    if "proselint" not in skip:
        proselint(feed, args.proselint_records, mb_per_s)
    if "startup" not in skip:
        startup()
    with tempfile.TemporaryDirectory() as tmp:
        if "scaling" not in skip:
            scaling(_repeat(feed, 10, tmp, distinct=True))
        if "memory" not in skip:
            memory(feed, tmp, args.million)
        if "cache" not in skip:
            cache(feed, tmp)


def throughput(feed: str, detector: str) -> float:
    started = time.perf_counter()
    linter = Linter(detector_name=detector)
    for code in ("IN", "DE", "US"):
        linter.market(code)  # compile up front so the timing below is linting only
    compiled = time.perf_counter()

    reporter, summary = JsonReporter(io.StringIO()), Summary()
    text_bytes = 0
    by_market_rule: Counter = Counter()
    for item in linter.lint_stream(read_file(feed)):
        if isinstance(item, Finding):
            summary.add_finding(item)
            reporter.finding(item)
            by_market_rule[(item.market, item.rule)] += 1
        elif isinstance(item, Record):
            summary.records += 1
            text_bytes += _text_bytes(item)
        elif isinstance(item, ReadError):
            summary.add_error(item)
            reporter.error(item)
    reporter.finish(summary)
    seconds = time.perf_counter() - compiled

    print("\n## throughput (one core, in process)")
    print(f"detector: {detector}")
    print(f"records: {summary.records}  read errors: {summary.errors}  findings: {summary.findings}")
    print(f"listing text: {text_bytes / 1e6:.2f} MB")
    print(f"rule compile: {compiled - started:.2f} s")
    print(f"read + lint + JSON: {seconds:.2f} s  ->  {summary.records / seconds:,.0f} records/s, "
          f"{text_bytes / 1e6 / seconds:.2f} MB/s")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print("top findings by market and rule:")
    for (market, rule), n in sorted(by_market_rule.items(), key=lambda kv: -kv[1])[:12]:
        print(f"  {market} {rule:7} {n}")
    return text_bytes / 1e6 / seconds


def proselint(feed: str, limit: int, loclint_mb_per_s) -> None:
    print("\n## proselint on the same listing text")
    try:
        from proselint.checks import __register__
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        print("proselint is not installed (pip install proselint): skipped")
        return
    CheckRegistry().register_many(__register__)
    texts = []
    for item in read_file(feed):
        if isinstance(item, Record):
            texts.append("\n".join(f.text for f in item.fields))
            if len(texts) >= limit:
                break
    size = sum(len(t.encode("utf-8")) for t in texts)
    started = time.perf_counter()
    found = sum(len(LintFile("listing", text).lint()) for text in texts)
    seconds = time.perf_counter() - started
    rate = size / 1e6 / seconds
    print(f"{len(texts)} records, {size / 1e6:.2f} MB, {found} proselint findings: {seconds:.2f} s -> {rate:.2f} MB/s")
    if loclint_mb_per_s:
        print(f"loclint / proselint throughput: {loclint_mb_per_s / rate:.1f}x (target: >= 20x)")


def startup() -> None:
    print("\n## cold start: loclint check --market DE one-small-file.txt")
    with tempfile.TemporaryDirectory() as tmp:
        small = os.path.join(tmp, "small.txt")
        with open(small, "w", encoding="utf-8") as handle:
            handle.write("Die besten Kopfhörer, 24.99 €, 12 inches breit.\n")
        empty_cache = dict(os.environ, LOCLINT_CACHE_DIR=os.path.join(tmp, "cache"))
        first = _wall(LOCLINT + ["check", "--market", "DE", "--fail-on", "never", small], env=empty_cache)
        warm = [_wall(LOCLINT + ["check", "--market", "DE", "--fail-on", "never", small], env=empty_cache)
                for _ in range(5)]
    print(f"empty cache (compiles the DE rules): {first:.2f} s")
    print(f"warm: median {statistics.median(warm):.2f} s of 5 (target: <= 0.8 s)")


def scaling(feed: str) -> None:
    print(f"\n## scaling: --jobs 1 vs --jobs 2 on {os.path.basename(feed)}")
    if not _supports("--jobs"):
        print("this loclint has no --jobs: skipped")
        return
    times = {}
    for jobs in (1, 2):
        times[jobs] = _wall(LOCLINT + ["check", "--format", "json", "--fail-on", "never", "--no-cache",
                                      "--jobs", str(jobs), feed], stdout=subprocess.DEVNULL)
        print(f"--jobs {jobs}: {times[jobs]:.2f} s")
    print(f"speed-up: {times[1] / times[2]:.2f}x (target: >= 1.8x on 2 cores)")


def memory(feed: str, tmp: str, million: bool = False) -> None:
    print("\n## memory: peak RSS streaming --format jsonl (the largest process: workers on large feeds)")
    fmt = "jsonl" if _supports("jsonl") else "concise"
    feeds = [(f"{times:>3}x feed", _repeat(feed, times, tmp)) for times in (1, 10)]
    if million:
        feeds.append(("cycled feed", _cycle(feed, 1_000_000, tmp)))
    for label, path in feeds:
        started = time.perf_counter()
        rss = _peak_rss(LOCLINT + ["check", "--format", fmt, "--fail-on", "never", "--no-cache", path])
        seconds = time.perf_counter() - started
        print(f"{label} ({_lines(path):,} records, {os.path.getsize(path) / 1e6:,.0f} MB): "
              f"peak RSS {rss:.0f} MB, {seconds:.1f} s")


def cache(feed: str, tmp: str) -> None:
    print("\n## repeat runs: result cache")
    if not _supports("--no-cache"):
        print("this loclint has no result cache: skipped")
        return
    env = dict(os.environ, LOCLINT_CACHE_DIR=os.path.join(tmp, "result-cache"))
    command = LOCLINT + ["check", "--format", "json", "--fail-on", "never", feed]
    _wall(command + ["--no-cache"], env=env)  # expands trigger forms into the new cache directory
    cold = _wall(command, env=env, stdout=subprocess.DEVNULL)
    warm = _wall(command, env=env, stdout=subprocess.DEVNULL)
    nocache = _wall(command + ["--no-cache"], env=env, stdout=subprocess.DEVNULL)
    print(f"first run: {cold:.2f} s  unchanged re-run: {warm:.2f} s  --no-cache: {nocache:.2f} s "
          f"-> re-run takes {warm / cold:.0%} of the first")


def _text_bytes(record: Record) -> int:
    return sum(len(f.text.encode("utf-8")) for f in record.fields)


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


def _supports(word: str) -> bool:
    help_text = subprocess.run(LOCLINT + ["check", "--help"], capture_output=True, text=True).stdout
    return word in help_text


def _wall(command, env=None, stdout=subprocess.DEVNULL) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, stdout=stdout, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def _peak_rss(command) -> float:
    """Peak RSS of one child, in MB (a fresh interpreter, so earlier children do not count)."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
             "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe] + command, capture_output=True, text=True).stdout
    return int(out.strip() or 0) / 1024


if __name__ == "__main__":
    sys.exit(main())
