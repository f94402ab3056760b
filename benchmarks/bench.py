"""Benchmark: lint a JSONL feed end to end (read, every rule of each record's market, JSON out)
and print records/s, MB/s of listing text and peak memory. Not a test: numbers, not verdicts.

    python benchmarks/bench.py [FEED] [--detector py3langid|langdetect]

FEED defaults to ../shared/corpus/listings-real.jsonl (9,048 real listings).
"""
from __future__ import annotations

import argparse
import io
import json
import os
import resource
import sys
import time
from collections import Counter

from loclint.engine import Linter
from loclint.model import Finding, ReadError, Record
from loclint.readers import read_file
from loclint.reporters.json import JsonReporter
from loclint.reporters.summary import Summary

DEFAULT_FEED = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus", "listings-real.jsonl")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("feed", nargs="?", default=DEFAULT_FEED)
    parser.add_argument("--detector", default="py3langid")
    args = parser.parse_args()

    started = time.perf_counter()
    linter = Linter(detector_name=args.detector)
    for code in ("IN", "DE", "US"):
        linter.market(code)  # compile up front so the timing below is linting only
    compiled = time.perf_counter()

    reporter, summary = JsonReporter(io.StringIO()), Summary()
    text_bytes = 0
    by_market_rule: Counter = Counter()
    for item in linter.lint_stream(read_file(args.feed)):
        if isinstance(item, Finding):
            summary.add_finding(item)
            reporter.finding(item)
            by_market_rule[(item.market, item.rule)] += 1
        elif isinstance(item, Record):
            summary.records += 1
            text_bytes += sum(len(f.text.encode("utf-8")) for f in item.fields)
        elif isinstance(item, ReadError):
            summary.add_error(item)
            reporter.error(item)
    reporter.finish(summary)
    done = time.perf_counter()

    seconds = done - compiled
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"feed: {os.path.normpath(args.feed)}")
    print(f"detector: {args.detector}")
    print(f"records: {summary.records}  read errors: {summary.errors}  findings: {summary.findings}")
    print(f"listing text: {text_bytes / 1e6:.2f} MB")
    print(f"rule compile: {compiled - started:.2f} s")
    print(f"lint: {seconds:.2f} s  ->  {summary.records / seconds:,.0f} records/s, {text_bytes / 1e6 / seconds:.2f} MB/s")
    print(f"peak RSS: {peak_mb:.0f} MB")
    print("findings by market and rule:")
    for (market, rule), n in sorted(by_market_rule.items(), key=lambda kv: -kv[1]):
        print(f"  {market} {rule:7} {n}")
    json.dumps(summary.as_dict())


if __name__ == "__main__":
    sys.exit(main())
