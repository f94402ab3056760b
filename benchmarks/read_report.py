"""Benchmark: the reading and the JSON writing of a run, in this process, printed, never asserted.

    python benchmarks/read_report.py [FEED] [--runs 7]

read    every record of FEED through read_file (decode, validate, build Records and Fields)
write   the run's findings through the json and jsonl reporters into memory (to_dict, encode)

The findings are the ones ``loclint check --format json`` writes for FEED (run once, outside the
timing), so any installed revision can be measured: run this with each revision's interpreter,
alternating, and compare medians (on a shared machine single runs are noise).
"""
from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import time

from loclint.model import Applicability, Finding, Severity, Source, Suggestion
from loclint.readers import read_file
from loclint.reporters.json import JsonReporter
from loclint.reporters.jsonl import JsonLinesReporter
from loclint.summary import Summary

DEFAULT_FEED = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus", "listings-real.jsonl")


def findings_of(feed: str) -> list[Finding]:
    run = subprocess.run([sys.executable, "-m", "loclint", "check", "--no-cache", "--jobs", "1", "--format", "json",
                          "--fail-on", "never", feed], capture_output=True, check=True)
    return [Finding(rule=d["rule"], name=d["name"], severity=Severity.parse(d["severity"]), message=d["message"],
                    path=d["path"], record=d["record"], field=d["field"], start=d["start"], end=d["end"],
                    line=d["line"], column=d["column"], text=d["text"],
                    suggestions=tuple(Suggestion(s["replacement"], Applicability(s["applicability"]))
                                      for s in d["suggestions"]),
                    source=Source(**d["source"]), market=d["market"], before=d["context"]["before"],
                    after=d["context"]["after"], end_line=d["end_line"], end_column=d["end_column"])
            for d in json.loads(run.stdout)["findings"]]


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def read(feed: str) -> None:
    for _ in read_file(feed):
        pass


def write(findings: list[Finding]) -> None:
    for reporter in (JsonReporter(io.StringIO()), JsonLinesReporter(io.StringIO())):
        for finding in findings:
            reporter.finding(finding)
        reporter.finish(Summary())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("feed", nargs="?", default=DEFAULT_FEED)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    feed = os.path.normpath(args.feed)
    findings = findings_of(feed)
    reads = [timed(lambda: read(feed)) for _ in range(args.runs)]
    writes = [timed(lambda: write(findings)) for _ in range(args.runs)]
    print(f"read  {statistics.median(reads):.4f} s  (median of {args.runs}; {feed})")
    print(f"write {statistics.median(writes):.4f} s  (median of {args.runs}; {len(findings)} findings, json + jsonl)")


if __name__ == "__main__":
    main()
