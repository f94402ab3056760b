"""Apply every safe fix to the real catalogues and check that none corrupts a listing.

    python benchmarks/fix_safety_corpus.py [CORPUS]      # default: ../shared/corpus

Each file is copied to a temporary folder (the corpus is not ours to change or to copy into
the repository) and fixed as `loclint check --fix` does. Then:

- every safe fix offered keeps the invariants (loclint.fixsafety: token boundaries, the rest of
  the field unchanged); the kinds checked the quantity before offering it;
- each fixed field is its original with exactly the offered safe rewrites applied, or the
  rewrites a later round added inside text the original flagged;
- a second `--fix` on the fixed copy changes nothing.

Prints, per rule: safe fixes offered, fixes demoted to `display` and why, fixes refused by a
later round and why; exits 1 when an invariant fails.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

from loclint import fixsafety
from loclint.engine import Linter
from loclint.fixer import apply_fixes
from loclint.model import Applicability, Finding, Record
from loclint.readers import read_file
from loclint.readers.registry import REGISTRY
from loclint.writeback import fix_file

HERE = Path(__file__).resolve().parent.parent
DAY = dt.date(2026, 11, 29)
_DEMOTED = re.compile(r"Not fixed automatically: (.*)\.$")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(HERE.parent / "shared" / "corpus"))
    corpus = Path(parser.parse_args().corpus)
    if not corpus.is_dir():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    linter = Linter(day=DAY)
    offered, demoted, refused, problems = collections.Counter(), collections.Counter(), collections.Counter(), []
    applied = files = 0
    with tempfile.TemporaryDirectory(prefix="loclint-fix-safety-") as scratch:
        for source in sorted(p for p in corpus.rglob("*") if p.is_file() and REGISTRY.supports(str(p))):
            copy = Path(scratch) / source.relative_to(corpus)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, copy)
            files += 1
            records, findings = _lint(linter, str(copy))
            originals = [r for r in read_file(str(copy)) if isinstance(r, Record)]
            for f in findings:
                if f.suggestions and f.suggestions[0].applicability is Applicability.SAFE:
                    offered[f.rule] += 1
                elif (why := _DEMOTED.search(f.message)) and f.suggestions:
                    demoted[(f.rule, _reason_class(why.group(1)))] += 1
            problems += _invariant_problems(records, findings, source.name)
            first = fix_file(linter, str(copy))
            if first.error:
                problems.append(f"{source.name}: --fix refused the file: {first.error}")
                continue
            applied += first.applied
            for line in first.refused:
                rule, why = re.search(r" (\w+) “.*” not fixed: (.*)$", line).groups()
                refused[(rule, why)] += 1
            problems += _rewrite_problems(originals, findings, str(copy), source.name)
            second = fix_file(linter, str(copy))
            if second.applied or second.error:
                problems.append(f"{source.name}: a second --fix changed {second.applied} more ({second.error or 'no error'})")
    _report(files, applied, offered, demoted, refused, problems)
    return 1 if problems else 0


def _lint(linter, path: str) -> tuple[list[Record], list[Finding]]:
    records, findings = [], []
    for item in linter.lint_stream(read_file(path)):
        if isinstance(item, Record):
            records.append(item)
        elif isinstance(item, Finding) and item.field:
            findings.append(item)
    return records, findings


def _invariant_problems(records, findings, name: str) -> list[str]:
    texts = {(r.path, r.id, f.path): f.text for r in records for f in r.fields}
    out = []
    for f in findings:
        if not (f.suggestions and f.suggestions[0].applicability is Applicability.SAFE):
            continue
        text = texts[(f.path, f.record, f.field)]
        why = fixsafety.splits_token(text, f.start, f.end) or \
            fixsafety.disturbs_neighbours(text, f.start, f.end, f.suggestions[0].replacement)
        if why:
            out.append(f"{name}: record {f.record} {f.field}: {f.rule} offered a safe fix that {why}")
    return out


def _rewrite_problems(before: list[Record], findings: list[Finding], fixed_path: str, name: str) -> list[str]:
    """Each fixed field must be the original with the first round's safe rewrites (fixes that
    overlapped one of them wait for a later round; such fields are only counted)."""
    after = [r for r in read_file(fixed_path) if isinstance(r, Record)]
    if len(after) != len(before):
        return [f"{name}: {len(before)} records became {len(after)}"]
    by_field = collections.defaultdict(list)
    for f in findings:
        by_field[(f.record, f.field)].append(f)
    out = []
    for old, new in zip(before, after):
        for old_field, new_field in zip(old.fields, new.fields):
            wanted = [f for f in by_field[(old.id, old_field.path)] if f.suggestions[0:1]
                      and f.suggestions[0].raw is not None]
            expected, skipped = apply_fixes(old_field.text, wanted)
            if new_field.text != expected and not skipped:
                out.append(f"{name}: record {old.id} {old_field.path}: fixed text is not the original "
                           f"with its safe rewrites")
    return out


def _reason_class(reason: str) -> str:
    """The kind of reason, without the text it quotes."""
    return re.sub(r"“[^”]*”", "“…”", reason)


def _report(files, applied, offered, demoted, refused, problems) -> None:
    print(f"files: {files}; safe fixes offered: {sum(offered.values())}; written by --fix: {applied}")
    for rule, n in sorted(offered.items()):
        print(f"  offered {rule}: {n}")
    print(f"demoted to display: {sum(demoted.values())}")
    for (rule, why), n in sorted(demoted.items()):
        print(f"  {rule}: {n} × {why}")
    print(f"refused by a later round: {sum(refused.values())}")
    for (rule, why), n in sorted(refused.items()):
        print(f"  {rule}: {n} × {why}")
    print(f"invariant failures: {len(problems)}")
    for problem in problems[:50]:
        print(f"  {problem}")


if __name__ == "__main__":
    sys.exit(main())
