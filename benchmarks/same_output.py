"""Does a change keep every finding and byte of output? Lint the real catalogues at two git
revisions and compare.

    python benchmarks/same_output.py BASE [HEAD]     # revisions; HEAD may be WORKTREE (uncommitted)

Each revision is checked out into a temporary worktree and installed into its own folder
(so a restructure cannot borrow the other side's modules); both lint
../shared/corpus (listings and translations) with the same flags: one date, no cache, one job,
JSON output. Prints the outputs' sizes and digests and the first differing lines, exits 1 on a
difference. The corpus is not ours to copy, so nothing of it is stored in the repository.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
CORPUS = HERE.parent / "shared" / "corpus"
TARGETS = ("listings-real.jsonl", "listings-more.jsonl", "translations")
FLAGS = ("check", "--format", "json", "--no-cache", "--jobs", "1", "--date", "2026-11-29", "--fail-on", "never")


def _checkout(revision: str, into: Path) -> Path:
    if revision == "WORKTREE":
        return HERE
    subprocess.run(["git", "-C", str(HERE), "worktree", "add", "--detach", str(into), revision],
                   check=True, capture_output=True)
    return into


def _install(source: Path, target: Path) -> Path:
    """The revision's package alone in ``target``; its dependencies come from this interpreter."""
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                    str(source)], check=True)
    return target


def _outputs(site: Path, cwd: Path) -> dict[str, bytes]:
    out = {}
    env = dict(os.environ, LOCLINT_CACHE_DIR=str(cwd / ".same-output-cache"), PYTHONPATH=str(site))
    for target in TARGETS:
        run = subprocess.run([sys.executable, "-m", "loclint", *FLAGS, str(CORPUS / target)],
                             capture_output=True, cwd=cwd, env=env, check=False)
        out[target] = run.stdout + b"\n--- stderr ---\n" + run.stderr + f"\n--- exit {run.returncode}\n".encode()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("head", nargs="?", default="WORKTREE")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    results = {}
    with tempfile.TemporaryDirectory(prefix="same-output-") as tmp:
        try:
            for side, revision in (("base", args.base), ("head", args.head)):
                source = _checkout(revision, Path(tmp) / side)
                site = _install(source, Path(tmp) / f"site-{side}")
                results[side] = _outputs(site, Path(tmp))
        finally:
            for side in ("base", "head"):
                if (Path(tmp) / side).exists():
                    subprocess.run(["git", "-C", str(HERE), "worktree", "remove", "--force", str(Path(tmp) / side)],
                                   check=False, capture_output=True)
    same = True
    for target in TARGETS:
        a, b = results["base"][target], results["head"][target]
        digest = lambda data: hashlib.sha256(data).hexdigest()[:16]
        print(f"{target}: base {len(a):,} bytes {digest(a)}, head {len(b):,} bytes {digest(b)}: "
              f"{'same' if a == b else 'DIFFERENT'}")
        if a != b:
            same = False
            for n, (x, y) in enumerate(zip(a.splitlines(), b.splitlines()), 1):
                if x != y:
                    print(f"  first difference at line {n}:\n  - {x[:300]!r}\n  + {y[:300]!r}")
                    break
            else:
                print(f"  one output is a prefix of the other ({len(a.splitlines())} vs {len(b.splitlines())} lines)")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
