"""Start-up as a user meets it: a fresh process linting one record, results cache off, one job.

    python benchmarks/startup.py [--base PYTHON] [--runs N] [FILE]

Runs `loclint check` on a one-record JSONL file (the first line of FILE, by default the real
catalogue in ../shared/corpus) and on a one-line text file with --market DE, alternating this
interpreter's loclint with --base's (another installation, e.g. main's venv: /tmp/venv/bin/python),
and prints the median wall time and peak memory of each. It also prints, in fresh interpreters,
what the parts cost: importing the command line and the engine, and reading the built-in rulebook
from its shipped form and from YAML. Modules are run compiled (a warm-up run writes the .pyc files
to a temporary folder), as from an installed package. Timings on a shared machine are noisy:
compare paired medians.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
CORPUS = HERE.parent / "shared" / "corpus" / "listings-real.jsonl"
FLAGS = ("check", "--no-cache", "--jobs", "1", "--format", "json", "--fail-on", "never")

_PARTS = """
import time
t = time.perf_counter()
import loclint.cli, loclint.session, loclint.run, loclint.engine
imported = time.perf_counter() - t
from loclint.kinds import KINDS
from loclint.ruleset import read_rulebook
t = time.perf_counter()
read_rulebook(None, (), KINDS)
shipped = time.perf_counter() - t
t = time.perf_counter()
read_rulebook(None, (), KINDS, precomputed=False)
print(imported, shipped, time.perf_counter() - t)
"""


def user_environment(work: str) -> dict:
    """This environment, with compiled modules kept as an installed package has them (pip writes
    them at install): PYTHONDONTWRITEBYTECODE would compile every module from source on every
    run. They go to a folder of their own, not into the checkouts."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": os.path.join(work, "pycache")}


def run_once(python: str, args: list[str], cwd: str) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) of one `python -m loclint ...`."""
    start = time.perf_counter()
    process = subprocess.Popen([python, "-m", "loclint", *args], cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=user_environment(cwd))
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss


def paired(pythons: dict[str, str], args: list[str], runs: int, cwd: str) -> dict[str, tuple[float, int]]:
    samples: dict[str, list[tuple[float, int]]] = {name: [] for name in pythons}
    for _ in range(runs):  # alternated, so that a busy moment hits both sides alike
        for name, python in pythons.items():
            samples[name].append(run_once(python, args, cwd))
    return {name: (statistics.median(s for s, _ in got), int(statistics.median(m for _, m in got)))
            for name, got in samples.items()}


def parts(python: str, runs: int, cwd: str) -> tuple[float, float, float]:
    found = [tuple(map(float, subprocess.run([python, "-c", _PARTS], cwd=cwd, capture_output=True, text=True,
                                             env=user_environment(cwd), check=True).stdout.split()))
             for _ in range(runs)]
    return tuple(statistics.median(column) for column in zip(*found))  # type: ignore[return-value]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(CORPUS), help="JSONL file whose first record is linted")
    parser.add_argument("--base", help="the Python of another loclint installation to compare with")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    pythons = {"this": sys.executable, **({"base": args.base} if args.base else {})}
    with tempfile.TemporaryDirectory() as work:  # no configuration file is found from here
        one = Path(work, "one.jsonl")
        with open(args.file, encoding="utf-8") as feed:
            one.write_text(feed.readline(), encoding="utf-8")
        text = Path(work, "one.txt")
        text.write_text("Ein Topf aus Gusseisen, der beste der Welt.\n", encoding="utf-8")
        for name, python in pythons.items():
            run_once(python, [*FLAGS, str(one)], work)  # warm-up: expanded trigger forms, .pyc files
        for label, run_args in (("one-record JSONL", [*FLAGS, str(one)]),
                                ("one-line text, --market DE", [*FLAGS, "--market", "DE", str(text)])):
            medians = paired(pythons, run_args, args.runs, work)
            shown = "; ".join(f"{name} {wall:.3f} s {memory / 1024:.0f} MiB" for name, (wall, memory) in medians.items())
            print(f"{label}: {shown} (median of {args.runs}, paired)")
        imported, shipped, yaml = parts(sys.executable, max(3, args.runs // 2), work)
        print(f"this: imports {imported:.3f} s; built-in rulebook {shipped:.3f} s from its shipped form, "
              f"{yaml:.3f} s from YAML with every check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
