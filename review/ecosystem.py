"""The ecosystem check: lint the real catalogues of ../shared/corpus, keep a snapshot of what
loclint finds there, and keep the review ledger (judged findings) in step with it.

    python review/ecosystem.py snapshot      # lint, write review/snapshot.tsv
    python review/ecosystem.py check         # lint, show what changed against the snapshot
    python review/ecosystem.py sample        # what is left to judge, with its record
    python review/ecosystem.py merge --ledger FILE ... --misses FILE ...
    python review/ecosystem.py prune         # drop ledger lines whose finding is gone
    python review/ecosystem.py seal          # coverage holds: the ledger matches this snapshot
    python review/ecosystem.py precision     # the README's precision block

review/README.md explains the workflow; ledger.py holds the data and the arithmetic.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "review"))

import ledger as L  # noqa: E402

if TYPE_CHECKING:
    from loclint.model import Finding

REVIEW = ROOT / "review"
SNAPSHOT, LEDGER, MISSES, SEAL = (REVIEW / n for n in ("snapshot.tsv", "ledger.jsonl", "misses.jsonl",
                                                        "reviewed.sha256"))
README = ROOT / "README.md"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
CATALOGUES = ("listings-real.jsonl", "listings-more.jsonl", "translations")
# Rules may come into force on a date (effective_from): a fixed day keeps the snapshot from
# changing by itself. Moving it is a snapshot change like any other.
LINT_DATE = "2026-11-25"
CONTEXT = 160  # characters of a field shown on each side of a flagged span


# Linting -----------------------------------------------------------------------------------------

def lint(corpus: Path) -> list[tuple[L.Entry, Finding]]:
    """Every finding on the catalogues, as (entry, loclint Finding), through the Python API (no
    results cache: lint_file uses none). What cannot be read is told on stderr."""
    from loclint.api import lint_file

    found = []
    for name in CATALOGUES:
        report = lint_file(corpus / name, date=LINT_DATE)
        for error in report.errors:
            print(f"ecosystem: {error.path}:{error.line}: {error.message}", file=sys.stderr)
        for f in report.findings:
            span = (f.start, f.end) if f.start is not None and f.end is not None else None
            catalogue = Path(os.path.relpath(f.path, corpus)).as_posix()
            found.append((L.Entry(catalogue, f.record, f.rule, f.field, span, L.text_sha(f.text)), f))
    return found


def snapshot_text(corpus: Path) -> str:
    return L.write_snapshot((entry for entry, _ in lint(corpus)), LINT_DATE)


def records(corpus: Path, catalogue: str) -> dict:
    """A catalogue's records by id, read as loclint reads them."""
    from loclint.model import Record
    from loclint.readers import read_file

    return {r.id: r for r in read_file(str(corpus / catalogue)) if isinstance(r, Record)}


# Files -------------------------------------------------------------------------------------------

def read_entries() -> list[L.Entry]:
    if not SNAPSHOT.exists():
        sys.exit(f"no {SNAPSHOT.relative_to(ROOT)}: run `python review/ecosystem.py snapshot` first")
    return L.read_snapshot(SNAPSHOT.read_text(encoding="utf-8"))[1]


def read_lines(path: Path) -> list[dict]:
    return L.read_jsonl(path.read_text(encoding="utf-8")) if path.exists() else []


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# Showing findings --------------------------------------------------------------------------------

def clip(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + " …"


def field_text(record, field: Optional[str]) -> Optional[str]:
    return next((f.text for f in record.fields if f.path == field), None) if record else None


def around(text: str, span: tuple[int, int]) -> str:
    """The field's text around the span, the span marked with »« ."""
    start, end = span
    before, flagged, after = text[max(0, start - CONTEXT):start], text[start:end], text[end:end + CONTEXT]
    return ("…" if start > CONTEXT else "") + f"{before}»{flagged}«{after}" + ("…" if end + CONTEXT < len(text) else "")


def describe(entry: L.Entry, finding=None, record=None) -> str:
    """A finding as a judge needs it: rule, message, the flagged text in its field, and the
    rest of the record (title, other fields, price, attributes), so the corpus need not be opened."""
    lines = [f"{entry.rule}  {entry.catalogue}  record={entry.record}  field={entry.field}  span={entry.span}"]
    if finding is not None:
        lines.append(f"  {finding.severity} {finding.name}: {finding.message}")
    text = field_text(record, entry.field)
    if entry.span is not None:
        shown = around(text, entry.span) if text is not None else (finding.text if finding else "(text not found)")
        lines.append(f"  flagged: {' '.join(shown.split())}")
    if record is not None:
        lines.append(f"  market={record.market} locale={record.locale}" + ("  (a piece of copy)" if record.partial else ""))
        for f in record.fields:
            if (f.path != entry.field or entry.span is None) and not f.path.startswith("price."):
                lines.append(f"  {f.path}: {clip(f.text)}")
        # the price and the attributes that are not text fields (an amount, a list)
        shown = {f.path.split("[")[0] for f in record.fields}
        if record.price:
            lines.append(f"  price: {json.dumps(record.price, ensure_ascii=False)}")
        for name, value in record.attributes.items():
            if f"attributes.{name}" not in shown:
                lines.append(f"  attributes.{name}: {clip(json.dumps(value, ensure_ascii=False), 200)}")
    return "\n".join(lines)


# Commands ----------------------------------------------------------------------------------------

def cmd_snapshot(args) -> int:
    text = snapshot_text(args.corpus)
    SNAPSHOT.write_text(text, encoding="utf-8")
    header, entries = L.read_snapshot(text)
    sealed = SEAL.read_text().split()[0] if SEAL.exists() else None
    state = "matches the sealed one" if sealed == sha256_of(SNAPSHOT) else "differs from the sealed one"
    print(f"wrote {SNAPSHOT.relative_to(ROOT)}: {len(entries)} findings of {len(L.by_rule(entries))} rules; {state}")
    return 0


def cmd_check(args) -> int:
    old = set(read_entries())
    fresh = {entry: finding for entry, finding in lint(args.corpus)}
    new = [e for e in fresh if e not in old]
    gone = [e for e in old if e not in fresh]
    if not new and not gone:
        print(f"no change: {len(old)} findings, as in {SNAPSHOT.relative_to(ROOT)}")
        return 0
    cache: dict[str, dict] = {}
    for rule in sorted({e.rule for e in new + gone}):
        plus = sorted((e for e in new if e.rule == rule), key=L.entry_order)
        minus = sorted((e for e in gone if e.rule == rule), key=L.entry_order)
        print(f"== {rule}: +{len(plus)} new, -{len(minus)} gone")
        for sign, found in (("+", plus), ("-", minus)):
            for e in found[:args.limit]:
                if e.catalogue not in cache:
                    cache[e.catalogue] = records(args.corpus, e.catalogue)
                record = cache[e.catalogue].get(e.record)
                text = field_text(record, e.field)
                shown = around(text, e.span) if text is not None and e.span else "(record-level)"
                print(f"  {sign} {e.catalogue} {e.record} {e.field or ''} {' '.join(shown.split())}")
                if e in fresh:
                    print(f"      {fresh[e].severity}: {fresh[e].message}")
            if len(found) > args.limit:
                print(f"  {sign} … and {len(found) - args.limit} more (--limit)")
    print(f"\n{len(new)} new, {len(gone)} gone. If this is what the change meant: "
          "python review/ecosystem.py snapshot, then sample, judge, seal, precision (review/README.md)")
    return 1


def cmd_sample(args) -> int:
    entries = read_entries()
    fresh = {entry: finding for entry, finding in lint(args.corpus)}
    if set(fresh) != set(entries):
        print("the code's findings differ from review/snapshot.tsv: run check, then snapshot, first", file=sys.stderr)
        return 2
    ledger = read_lines(LEDGER)
    wanted = L.to_judge(entries, ledger, args.size)
    if args.rule:
        wanted = {rule: found for rule, found in wanted.items() if rule in args.rule}
    cache: dict[str, dict] = {}
    for rule, found in wanted.items():
        print(f"#### {rule}: {len(found)} to judge\n")
        for e in found:
            if e.catalogue not in cache:
                cache[e.catalogue] = records(args.corpus, e.catalogue)
            print(describe(e, fresh[e], cache[e.catalogue].get(e.record)))
            template = L.ledger_line(e, "true|false|doubtful", "")
            print("  " + json.dumps(template, ensure_ascii=False) + "\n")
    stale = [p for p in L.coverage_problems(entries, ledger, args.size) if p.startswith("ledger line")]
    print(f"{sum(len(v) for v in wanted.values())} findings to judge; {len(stale)} stale ledger lines"
          + (" (python review/ecosystem.py prune)" if stale else ""))
    return 0


def cmd_merge(args) -> int:
    ledger = read_lines(LEDGER)
    known = {L.line_key(line): line for line in ledger}
    problems = []
    for path in args.ledger:
        for n, line in enumerate(read_lines(Path(path)), 1):
            wrong = L.ledger_problems([line])
            if wrong:
                problems += [f"{path}:{n}: {w.removeprefix('line 1: ')}" for w in wrong]
                continue
            key = L.line_key(line)
            if key not in known or known[key]["text_sha"] != line["text_sha"]:
                known[key] = line  # a new judgement, or one of the text the key flags now
            elif known[key]["verdict"] != line["verdict"]:
                problems.append(f"{path}:{n}: {key} is judged {known[key]['verdict']} already; kept that")
    misses = read_lines(MISSES)
    for path in args.misses:
        misses += read_lines(Path(path))
    unique = {json.dumps(m, sort_keys=True): m for m in misses}
    misses = sorted(unique.values(), key=L.miss_order)
    problems += [f"misses: {p}" for p in L.misses_problems(misses)]
    LEDGER.write_text(L.write_jsonl(sorted(known.values(), key=L.line_order)), encoding="utf-8")
    if misses:
        MISSES.write_text(L.write_jsonl(misses), encoding="utf-8")
    print(f"{LEDGER.relative_to(ROOT)}: {len(known)} lines; {MISSES.relative_to(ROOT)}: {len(misses)} lines")
    print("\n".join(problems))
    return 1 if problems else 0


def cmd_prune(args) -> int:
    entries = {(*e.key, e.text_sha) for e in read_entries()}
    ledger = read_lines(LEDGER)
    kept = [line for line in ledger if (*L.line_key(line), line["text_sha"]) in entries]
    for line in ledger:
        if line not in kept:
            print(f"dropped: {L.line_key(line)} ({line['verdict']})")
    LEDGER.write_text(L.write_jsonl(kept), encoding="utf-8")
    return 0


def cmd_seal(args) -> int:
    ledger = read_lines(LEDGER)
    problems = L.ledger_problems(ledger) + [f"misses: {p}" for p in L.misses_problems(read_lines(MISSES))]
    problems += L.coverage_problems(read_entries(), ledger)
    if problems:
        print("not sealed:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    SEAL.write_text(f"{sha256_of(SNAPSHOT)}  snapshot.tsv\n", encoding="utf-8")
    print(f"sealed: {SEAL.relative_to(ROOT)} names this snapshot; now run precision")
    return 0


def precision_block() -> str:
    return L.precision_markdown(read_entries(), read_lines(LEDGER), read_lines(MISSES))


def cmd_precision(args) -> int:
    block = precision_block()
    README.write_text(L.replace_block(README.read_text(encoding="utf-8"), block), encoding="utf-8")
    print(block, end="")
    return 0


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name, function, help, corpus=False):
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(function=function)
        if corpus:
            sub.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                             help="the corpus directory (default: ../shared/corpus beside the repository)")
        return sub

    command("snapshot", cmd_snapshot, "lint the catalogues and write review/snapshot.tsv", corpus=True)
    check = command("check", cmd_check, "lint again and show new and gone findings per rule (exit 1 if any)", corpus=True)
    check.add_argument("--limit", type=int, default=10, help="findings shown per rule and direction (default 10)")
    sample = command("sample", cmd_sample, "the stratified sample's findings the ledger does not judge yet", corpus=True)
    sample.add_argument("--rule", action="append", help="only this rule (repeatable)")
    sample.add_argument("--size", type=int, default=L.SAMPLE_SIZE, help="sample size per rule (default 10)")
    merge = command("merge", cmd_merge, "add judged lines to review/ledger.jsonl and misses to review/misses.jsonl")
    merge.add_argument("--ledger", nargs="*", default=[], help="JSONL files of ledger lines")
    merge.add_argument("--misses", nargs="*", default=[], help="JSONL files of misses")
    command("prune", cmd_prune, "drop ledger lines whose finding (key and text) is not in the snapshot")
    command("seal", cmd_seal, "check coverage and record the snapshot the ledger was reconciled with")
    command("precision", cmd_precision, "per-rule precision from the ledger, written into README.md")
    args = parser.parse_args(argv)
    if hasattr(args, "corpus") and not (args.corpus / CATALOGUES[0]).exists():
        parser.error(f"no corpus at {args.corpus} (pass --corpus)")
    return args.function(args)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))  # lint with this checkout's code and rulesets, whatever is installed
    sys.exit(main())
