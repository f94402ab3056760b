"""Does compiling the per-record loop pay? Whole-process CPU of loclint as it is, against the
same source with its hot modules compiled by Cython 3 (pure-Python mode: the .py files
cythonized as they are) and, optionally, by mypyc.

    python benchmarks/compiled_loop.py [FEED] [--runs N] [--mypyc] [--cython-modules a.py,b.py]

Needs Cython (`pip install cython`) and a C compiler; mypy (the test extra) brings mypyc.
Each variant is a copy of src/ and rulesets/ in a temporary folder, the compiled modules built
in place beside their .py files (an extension module wins the import), so every variant lints
with the same installed dependencies. The variants alternate in paired runs of
`loclint check --no-cache --jobs 1 --format json FEED` after one warm-up run each (which also
writes the .pyc files an installed package has); CPU is user + sys of the process. Prints medians,
the paired difference to the pure run, and the output's digest: exits 1 if a variant's output
differs from the pure one's. Also a one-record start-up row. Numbers: docs/research/issue17-compiled-loop.md.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
DEFAULT_FEED = HERE.parent / "shared" / "corpus" / "listings-real.jsonl"
FLAGS = ("check", "--no-cache", "--jobs", "1", "--format", "json", "--date", "2026-11-29", "--fail-on", "never")
# What cProfile names in a run over the corpus (issue 17), under src/loclint.
CYTHON_MODULES = (
    "engine.py", "context.py", "model.py", "run.py", "positions.py",
    "kinds/base.py", "kinds/companion.py", "kinds/directive.py", "kinds/gate.py", "kinds/instalments.py",
    "kinds/language.py", "kinds/money.py", "kinds/pattern.py", "kinds/placeholders.py", "kinds/required.py",
    "kinds/terms.py", "kinds/units.py", "readers/json/listing.py", "readers/json/jsonl.py",
    "text/fold.py", "text/words.py", "text/tokens.py", "text/brand.py", "text/counterpart.py",
    "ruleset/conditions.py", "ruleset/rule.py", "suppressions/directives.py",
)
# The hot modules mypyc compiles without a source change (gate's Opened subclasses list, engine,
# units, language and conditions fail its type check).
MYPYC_MODULES = ("context.py", "text/tokens.py", "text/fold.py", "text/words.py", "kinds/terms.py",
                 "kinds/pattern.py", "kinds/required.py")
_MYPY_INI = "[mypy]\nignore_missing_imports = True\ndisable_error_code = annotation-unchecked\n"

_CYTHON_BUILD = """
import sys
from setuptools import Extension, setup
from Cython.Build import cythonize
modules = sys.argv[1:]
extensions = [Extension("loclint." + m[:-3].replace("/", "."), ["loclint/" + m]) for m in modules]
setup(ext_modules=cythonize(extensions, language_level=3, nthreads=2, quiet=True),
      script_args=["build_ext", "--inplace", "-j", "2"])
"""


def _copy(into: Path) -> Path:
    into.mkdir()
    shutil.copytree(HERE / "src", into / "src", ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    shutil.copytree(HERE / "rulesets", into / "rulesets")  # loader: a source checkout's rulesets
    return into


def _build(root: Path, compiler: str, modules: tuple[str, ...]) -> float:
    """Compile ``modules`` in place; the CPU seconds the build took."""
    src = root / "src"
    if compiler == "cython":
        (src / "build_cy.py").write_text(_CYTHON_BUILD)
        command = [sys.executable, "build_cy.py", *modules]
    else:
        (src / "mypy.ini").write_text(_MYPY_INI)
        mypyc = Path(sys.executable).with_name("mypyc")
        command = [str(mypyc), "--config-file", "mypy.ini", *("loclint/" + m for m in modules)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    built = subprocess.run(command, cwd=src, capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if built.returncode != 0:
        sys.exit(f"{compiler} build failed:\n{built.stdout[-3000:]}\n{built.stderr[-3000:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _run(root: Path, feed: Path) -> tuple[float, float, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as installed: .pyc kept
    env["PYTHONPATH"] = str(root / "src")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "loclint", *FLAGS, str(feed)], env=env, cwd=root,
                         capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, hashlib.sha256(out.stdout + out.stderr).hexdigest()[:16]


def _paired(variants: dict[str, Path], feed: Path, runs: int) -> bool:
    for root in variants.values():
        _run(root, feed)  # warm-up: .pyc files, the language model's cache
    cpu = {name: [] for name in variants}
    wall = {name: [] for name in variants}
    digests = {name: set() for name in variants}
    names = list(variants)
    for n in range(runs):
        for name in names if n % 2 == 0 else names[::-1]:
            c, w, d = _run(variants[name], feed)
            cpu[name].append(c)
            wall[name].append(w)
            digests[name].add(d)
    base = statistics.median(cpu["pure"])
    same = True
    for name in names:
        deltas = [c - p for c, p in zip(cpu[name], cpu["pure"])]
        delta = statistics.median(deltas)
        identical = digests[name] == digests["pure"] and len(digests[name]) == 1
        same &= identical
        print(f"  {name:8s} CPU {statistics.median(cpu[name]):.3f} s  wall {statistics.median(wall[name]):.3f} s  "
              f"paired CPU difference {delta:+.3f} s ({100 * delta / base:+.1f} %)  "
              f"output {'same' if identical else 'DIFFERENT'} {sorted(digests[name])}")
    return same


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("feed", nargs="?", type=Path, default=DEFAULT_FEED)
    parser.add_argument("--runs", type=int, default=7, help="paired runs after one warm-up each")
    parser.add_argument("--mypyc", action="store_true", help=f"also a mypyc build of {', '.join(MYPYC_MODULES)}")
    parser.add_argument("--cython-modules", default=",".join(CYTHON_MODULES),
                        help="comma-separated paths under src/loclint")
    args = parser.parse_args()
    args.feed = args.feed.resolve()  # the runs start in the variant's folder
    try:
        import Cython
    except ImportError:
        print("needs Cython: pip install cython", file=sys.stderr)
        return 2
    print(f"python {sys.version.split()[0]}, Cython {Cython.__version__}, cores {os.cpu_count()}, "
          f"load {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    modules = tuple(m.strip() for m in args.cython_modules.split(",") if m.strip())
    with tempfile.TemporaryDirectory(prefix="compiled-loop-") as tmp:
        variants = {"pure": _copy(Path(tmp) / "pure"), "cython": _copy(Path(tmp) / "cython")}
        print(f"cython: {len(modules)} modules built in {_build(variants['cython'], 'cython', modules):.0f} s CPU")
        if args.mypyc:
            variants["mypyc"] = _copy(Path(tmp) / "mypyc")
            print(f"mypyc: {len(MYPYC_MODULES)} modules built in "
                  f"{_build(variants['mypyc'], 'mypyc', MYPYC_MODULES):.0f} s CPU")
        print(f"whole process, {args.feed.name}, {args.runs} paired runs (medians):")
        same = _paired(variants, args.feed, args.runs)
        if args.feed.is_file():  # a folder (the translations) has no first record
            one = Path(tmp) / f"one-record{args.feed.suffix}"
            with open(args.feed, encoding="utf-8") as feed:
                one.write_text(feed.readline(), encoding="utf-8")
            print(f"start-up, one record, {args.runs} paired runs (medians):")
            same &= _paired(variants, one, args.runs)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
