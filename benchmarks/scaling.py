"""Inputs built to be slow: each scan that once grew with the square of its input, timed at a
size and at ten times that size. Linear work takes about ten times as long; the target is at
most fifteen (issue 20). Prints one row per case and exits 1 when a case misses.

    python benchmarks/scaling.py [--base N]

Timed in-process (the point is how the work grows, not start-up), best of three runs.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time

from loclint import api
from loclint.text import language
from loclint.writeback import fix_file

TARGET = 15.0
LINTER = api.make_linter(date="2026-11-25")


def _best(work, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def language_noise(n: int):
    """A token without spaces (a pasted blob, a long URL-ish string) in a text the language guesser cleans."""
    token = "x" * (10_000 * n)
    return lambda: language.clean(token)


def exceptions_filter(n: int):
    """One field of many lines of the same sentence, each with a DE001 candidate that has exceptions."""
    record = {"id": "r", "market": "DE", "description": "Das ist der beste Kauf, best before 2027.\n" * (600 * n)}
    return lambda: api.lint(record, linter=LINTER)


def json_positions(n: int, folder: str):
    """One JSON field with a finding every few words and escapes between them (positions are mapped per finding)."""
    path = os.path.join(folder, f"positions-{n}.jsonl")
    with open(path, "w", encoding="utf-8") as handle:
        text = "Der beste Kauf \u00e9 " * (1_000 * n)
        handle.write(json.dumps({"id": "r", "market": "DE", "description": text}, ensure_ascii=True) + "\n")
    return lambda: api.lint_file(path, linter=LINTER)


def fix_splicing(n: int, folder: str):
    """A feed whose every record has a safe fix, written back by --fix."""
    path = os.path.join(folder, f"fix-{n}.jsonl")
    runs = iter(range(1_000))

    def work():
        # Each timed run gets texts of its own: repeated texts would be answered from the
        # language guesser's cache, which holds a small feed whole and a large one not at all.
        run = next(runs)
        body = "".join(f'{{"id":"r{i}","market":"DE","title":"Kabel {i} Serie {run}, 6 ft lang"}}\n'
                       for i in range(2_000 * n))
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(body)
        result = fix_file(LINTER, path)
        assert result.error is None and result.applied == 2_000 * n, result

    return work


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=1, help="multiply every case's first size by this")
    args = parser.parse_args()
    missed = 0
    with tempfile.TemporaryDirectory() as folder:
        cases = {
            "language noise (10 KB token)": lambda n: language_noise(n),
            "exceptions filter (600 lines)": lambda n: exceptions_filter(n),
            "JSON positions (1,000 findings)": lambda n: json_positions(n, folder),
            "--fix splicing (2,000 records)": lambda n: fix_splicing(n, folder),
        }
        print(f"{'case (size n)':34} {'n':>9} {'10 n':>9} {'ratio':>7}  target <= {TARGET:g}")
        for name, make in cases.items():
            small, large = _best(make(args.base)), _best(make(10 * args.base))
            ratio = large / small
            missed += ratio > TARGET
            print(f"{name:34} {small:8.3f}s {large:8.3f}s {ratio:7.1f}  {'met' if ratio <= TARGET else 'MISSED'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
