"""The gate with and without Hyperscan (kinds.gate, hsdb): how many fields each opens, what the
gate and a whole lint cost in process, and what a market's database costs to build and load;
from these, the break-even sizes behind gate.LOAD_AFTER and gate.BUILD_AFTER.

    python benchmarks/gate_scan.py [FEED] [--rounds 5]

Lints are timed in pairs (automaton, Hyperscan, alternated; medians), as this machine is shared.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from loclint import hsdb
from loclint.engine import Linter
from loclint.kinds import gate
from loclint.readers import read_file
from loclint.rulebook import load_rulebook

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "listings-real.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("feed", nargs="?", default=str(CORPUS))
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    cache = tempfile.mkdtemp(prefix="loclint-gate-")
    _databases(cache)
    records = list(read_file(args.feed))
    chars = sum(len(f.text) for r in records for f in r.fields)
    _opened(records, cache)
    times: dict[str, list[float]] = {"automaton": [], "hyperscan": []}
    for _ in range(args.rounds):
        for mode in times:
            times[mode].append(_lint(records, cache, mode == "hyperscan"))
    base, fast = (statistics.median(times[m]) for m in times)
    print(f"lint in process, {len(records)} records, {chars} characters of fields, median of {args.rounds} pairs:")
    print(f"  automaton gate {base:.3f} s, Hyperscan gate {fast:.3f} s, saved {base - fast:+.3f} s "
          f"({(base - fast) / chars * 1e9:.0f} ns a character)")


def _databases(cache: str) -> None:
    print("database per market (patterns, build, load):")
    linter = Linter()
    for code in sorted(load_rulebook().markets):
        patterns = linter.market(code).gate._patterns
        started = time.perf_counter()
        found = hsdb.compiled(patterns, cache)
        built = time.perf_counter() - started
        started = time.perf_counter()
        hsdb.compiled(patterns, cache, build=False)
        loaded = time.perf_counter() - started
        shared = " (same patterns as a market before)" if built < 0.01 else ""
        print(f"  {code}: {len(patterns)} regex keys, {len(found.keys) if found else 0} in Hyperscan, "
              f"build {built:.2f} s{shared}, load {loaded * 1000:.1f} ms")


def _opened(records, cache: str) -> None:
    for name, hyperscan in (("automaton", False), ("hyperscan", True)):
        linter = _linter(cache, hyperscan)
        fields = opened_any = opened_regex = 0
        seconds = 0.0
        for record in records:
            market = linter.market(record.market)
            for field in record.fields:
                started = time.perf_counter()
                keys = market.gate.open_keys(field.text)
                seconds += time.perf_counter() - started
                fields += 1
                opened_any += bool(keys)
                opened_regex += bool(keys & market.gate._patterns.keys())
        print(f"{name} gate: {fields} fields, {opened_any / fields:.1%} open a key, "
              f"{opened_regex / fields:.1%} a regex key; gate {seconds:.3f} s")


def _linter(cache: str, hyperscan: bool) -> Linter:
    import os

    os.environ["LOCLINT_CACHE_DIR"] = cache
    gate.LOAD_AFTER = gate.BUILD_AFTER = -1 if hyperscan else 10 ** 15
    return Linter()


def _lint(records, cache: str, hyperscan: bool) -> float:
    linter = _linter(cache, hyperscan)
    for record in records[:1]:
        linter.lint_record(record)  # the market compiled, and the database loaded, before timing
    started = time.process_time()
    for record in records:
        linter.lint_record(record)
    return time.process_time() - started


if __name__ == "__main__":
    main()
