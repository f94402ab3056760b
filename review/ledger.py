"""The review ledger's data: finding keys, the snapshot file, ledger and misses lines, the
stratified sample, coverage and precision. Plain Python, no loclint import, so the tests that
guard the ledger run without linting anything (review/README.md describes the workflow).

A finding is named by its key (catalogue, record, rule, field, span) and its text by text_sha
(the first 12 hex digits of the sha256 of the flagged text); the corpus text itself is never
stored, because the corpus licences keep it out of the repository.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Optional

Span = Optional[tuple[int, int]]
SAMPLE_SIZE = 10  # judged findings per rule that fires (all of them when fewer)
SAMPLE_SALT = "loclint-ledger-1|"
VERDICTS = ("true", "false", "doubtful")
KINDS = ("wording", "record")
FOUND_IN = ("random-20", "while judging")
LEDGER_FIELDS = ("catalogue", "record", "rule", "field", "span", "text_sha", "verdict", "lean", "kind", "reason")
MISS_FIELDS = ("catalogue", "record", "field", "rule", "reason", "found_in")
COLUMNS = ("rule", "catalogue", "record", "field", "span", "text_sha")


@dataclass(frozen=True)
class Entry:
    """One finding of the snapshot: where it is and a hash of what it flags."""

    catalogue: str
    record: Optional[str]
    rule: str
    field: Optional[str]
    span: Span
    text_sha: str

    @property
    def key(self) -> tuple:
        return (self.catalogue, self.record, self.rule, self.field, self.span)

    @property
    def kind(self) -> str:
        return "record" if self.span is None else "wording"


def text_sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def order(rule: str, catalogue: str, record: Optional[str], field: Optional[str], span: Span) -> tuple:
    """The ledger's and the snapshot's sort order: rule, catalogue, record, field, span; a null
    sorts before any value."""
    def nullable(value):
        return (value is not None, value if value is not None else ())
    return (rule, catalogue, nullable(record), nullable(field), nullable(span))


def entry_order(entry: Entry) -> tuple:
    return (*order(entry.rule, entry.catalogue, entry.record, entry.field, entry.span), entry.text_sha)


def line_order(line: dict) -> tuple:
    span = tuple(line["span"]) if line.get("span") is not None else None
    return order(line["rule"], line["catalogue"], line["record"], line["field"], span)


def line_key(line: dict) -> tuple:
    span = tuple(line["span"]) if line.get("span") is not None else None
    return (line["catalogue"], line["record"], line["rule"], line["field"], span)


# The snapshot file -------------------------------------------------------------------------------
# Header lines start with "#": the lint date, the number of findings, then one "# RULE<TAB>count"
# per rule. Then a row of column names and one row per finding (tab-separated; an empty cell is a
# null; a span is "start:end").

def write_snapshot(entries: Iterable[Entry], date: str) -> str:
    entries = sorted(entries, key=entry_order)
    counts = Counter(e.rule for e in entries)
    out = io.StringIO()
    out.write("# loclint ecosystem snapshot: python review/ecosystem.py snapshot (review/README.md)\n")
    out.write(f"# lint date\t{date}\n# findings\t{len(entries)}\n")
    for rule in sorted(counts):
        out.write(f"# {rule}\t{counts[rule]}\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    for e in entries:
        span = f"{e.span[0]}:{e.span[1]}" if e.span is not None else ""
        writer.writerow((e.rule, e.catalogue, e.record or "", e.field or "", span, e.text_sha))
    return out.getvalue()


def read_snapshot(text: str) -> tuple[dict[str, str], list[Entry]]:
    """The header's values (lint date, findings, per-rule counts) and the entries; raises
    ValueError when the counts in the header do not match the rows."""
    header: dict[str, str] = {}
    body = []
    for line in text.splitlines(keepends=True):
        if line.startswith("#"):
            if "\t" in line:
                name, value = line[1:].strip().split("\t", 1)
                header[name] = value
        else:
            body.append(line)
    rows = list(csv.reader(body, delimiter="\t"))
    if not rows or tuple(rows[0]) != COLUMNS:
        raise ValueError(f"snapshot: expected the columns {COLUMNS}")
    entries = []
    for rule, catalogue, record, field, span, sha in rows[1:]:
        start, _, end = span.partition(":")
        start_end = (int(start), int(end)) if span else None
        entries.append(Entry(catalogue, record or None, rule, field or None, start_end, sha))
    counts = Counter(e.rule for e in entries)
    stated = {name: int(value) for name, value in header.items() if re.fullmatch(r"[A-Z]+[0-9]+", name)}
    if stated != dict(counts) or int(header.get("findings", -1)) != len(entries):
        raise ValueError("snapshot: the header's counts do not match its rows")
    return header, entries


# Ledger and misses lines -------------------------------------------------------------------------

def ledger_problems(lines: list[dict]) -> list[str]:
    """What is wrong with the ledger: fields, values, order and duplicates ([] when nothing)."""
    problems = []
    for n, line in enumerate(lines, 1):
        problems += [f"line {n}: {p}" for p in _line_problems(line)]
    if problems:
        return problems
    orders = [line_order(line) for line in lines]
    if orders != sorted(orders):
        problems.append("lines are not sorted by (rule, catalogue, record, field, span)")
    seen = Counter(line_key(line) for line in lines)
    problems += [f"{key} is judged {count} times" for key, count in seen.items() if count > 1]
    return problems


def _line_problems(line: dict) -> list[str]:
    if not isinstance(line, dict):
        return ["not a JSON object"]
    allowed = set(LEDGER_FIELDS)
    missing = set(LEDGER_FIELDS) - {"lean"} - set(line)
    if missing or set(line) - allowed:
        return [f"fields: missing {sorted(missing)}, unknown {sorted(set(line) - allowed)}"]
    problems = []
    for name in ("catalogue", "rule", "reason"):
        if not isinstance(line[name], str) or not line[name].strip() or "\n" in line[name]:
            problems.append(f"{name} must be a one-line, non-empty string")
    for name in ("record", "field"):
        if line[name] is not None and not isinstance(line[name], str):
            problems.append(f"{name} must be a string or null")
    span = line["span"]
    if span is not None and not (isinstance(span, list) and len(span) == 2 and all(isinstance(n, int) for n in span)):
        problems.append("span must be [start, end] or null")
    if not isinstance(line["text_sha"], str) or not re.fullmatch(r"[0-9a-f]{12}", line["text_sha"]):
        problems.append("text_sha must be 12 lowercase hex digits")
    if line["verdict"] not in VERDICTS:
        problems.append(f"verdict must be one of {VERDICTS}")
    if line["verdict"] == "doubtful" and line.get("lean") not in ("true", "false"):
        problems.append("a doubtful verdict needs lean: true or false")
    if line["verdict"] != "doubtful" and "lean" in line:
        problems.append("lean goes only with a doubtful verdict")
    if line["kind"] not in KINDS:
        problems.append(f"kind must be one of {KINDS}")
    elif (line["kind"] == "record") != (span is None):
        problems.append("kind is 'record' exactly when the finding has no span")
    return problems


def misses_problems(lines: list[dict]) -> list[str]:
    problems = []
    for n, line in enumerate(lines, 1):
        if not isinstance(line, dict) or set(line) != set(MISS_FIELDS):
            problems.append(f"line {n}: expected exactly the fields {MISS_FIELDS}")
            continue
        if line["found_in"] not in FOUND_IN:
            problems.append(f"line {n}: found_in must be one of {FOUND_IN}")
        if not all(isinstance(line[k], str) and line[k].strip() for k in ("catalogue", "rule", "reason")):
            problems.append(f"line {n}: catalogue, rule and reason must be non-empty strings")
        if not all(line[k] is None or isinstance(line[k], str) for k in ("record", "field")):
            problems.append(f"line {n}: record and field must be strings or null")
    if not problems and [miss_order(m) for m in lines] != sorted(miss_order(m) for m in lines):
        problems.append("misses are not sorted by (catalogue, record, field, rule, reason)")
    return problems


def miss_order(line: dict) -> tuple:
    return (line["catalogue"], line["record"] or "", line["field"] or "", line["rule"], line["reason"])


def read_jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def write_jsonl(lines: Iterable[dict]) -> str:
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


def ledger_line(entry: Entry, verdict: str, reason: str, lean: Optional[str] = None) -> dict:
    """A ledger line for ``entry`` in the field order of ledger-format (lean only when given)."""
    line = {"catalogue": entry.catalogue, "record": entry.record, "rule": entry.rule, "field": entry.field,
            "span": list(entry.span) if entry.span is not None else None, "text_sha": entry.text_sha,
            "verdict": verdict, "kind": entry.kind, "reason": reason}
    if lean is not None:
        line["lean"] = lean
    return line


# Judging against a snapshot ----------------------------------------------------------------------

def judged(entries: list[Entry], ledger: list[dict]) -> dict[Entry, dict]:
    """The snapshot's findings that the ledger judges: same key and same text."""
    by_key = {(*line_key(line), line["text_sha"]): line for line in ledger}
    return {e: by_key[(*e.key, e.text_sha)] for e in entries if (*e.key, e.text_sha) in by_key}


def sample_order(entry: Entry) -> str:
    """A finding's place in its catalogue's queue: stable whatever other findings come and go."""
    key = [entry.catalogue, entry.record, entry.rule, entry.field, list(entry.span) if entry.span else None]
    return hashlib.sha256((SAMPLE_SALT + json.dumps(key)).encode("utf-8")).hexdigest()


def stratified(entries: list[Entry]) -> list[Entry]:
    """One rule's findings in sampling order: round-robin over its catalogues (by name), each
    catalogue's findings in sample_order."""
    queues: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        queues[e.catalogue].append(e)
    lists = [sorted(queues[name], key=sample_order) for name in sorted(queues)]
    result = []
    for i in range(max((len(q) for q in lists), default=0)):
        result += [q[i] for q in lists if i < len(q)]
    return result


def by_rule(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    found: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        found[e.rule].append(e)
    return dict(sorted(found.items()))


def sample(entries: list[Entry], size: int = SAMPLE_SIZE) -> dict[str, list[Entry]]:
    """Per rule, the first ``size`` findings in stratified order (all of them when fewer)."""
    return {rule: stratified(found)[:size] for rule, found in by_rule(entries).items()}


def to_judge(entries: list[Entry], ledger: list[dict], size: int = SAMPLE_SIZE) -> dict[str, list[Entry]]:
    """The sample minus what the ledger already judges (rules with nothing left are left out)."""
    done = judged(entries, ledger)
    wanted = {rule: [e for e in found if e not in done] for rule, found in sample(entries, size).items()}
    return {rule: found for rule, found in wanted.items() if found}


def coverage_problems(entries: list[Entry], ledger: list[dict], size: int = SAMPLE_SIZE) -> list[str]:
    """What keeps the ledger from being sealed against this snapshot: rules with fewer than
    min(size, count) judged findings, and ledger lines whose key or text is not in the snapshot."""
    done = judged(entries, ledger)
    problems = []
    for rule, found in by_rule(entries).items():
        have = sum(1 for e in found if e in done)
        if have < min(size, len(found)):
            problems.append(f"{rule}: {have} of {min(size, len(found))} judged ({len(found)} findings)")
    keys = {e.key for e in entries}
    judged_texts = {(*e.key, e.text_sha) for e in done}
    for line in ledger:
        if line_key(line) not in keys:
            problems.append(f"ledger line for a finding that is gone: {line_key(line)}")
        elif (*line_key(line), line["text_sha"]) not in judged_texts:
            problems.append(f"ledger line whose flagged text changed: {line_key(line)}")
    return problems


# Precision -------------------------------------------------------------------------------------

@dataclass
class Tally:
    findings: int = 0
    judged: int = 0
    true: int = 0
    false: int = 0
    doubtful: int = 0

    def add(self, verdict: str) -> None:
        self.judged += 1
        setattr(self, verdict, getattr(self, verdict) + 1)

    @property
    def precision(self) -> Optional[float]:
        decided = self.true + self.false
        return self.true / decided if decided else None

    @property
    def false_rate(self) -> Optional[float]:
        return self.false / self.judged if self.judged else None


def tallies(entries: list[Entry], ledger: list[dict]) -> tuple[dict[str, Tally], dict[str, Tally]]:
    """Per rule, and per kind (wording, record), what the snapshot has and the ledger says of it."""
    rules = {rule: Tally(findings=len(found)) for rule, found in by_rule(entries).items()}
    kinds = {kind: Tally() for kind in KINDS}
    for e in entries:
        kinds[e.kind].findings += 1
    for e, line in judged(entries, ledger).items():
        rules[e.rule].add(line["verdict"])
        kinds[line["kind"]].add(line["verdict"])
    return rules, kinds


def _percent(value: Optional[float], digits: int = 0) -> str:
    return "–" if value is None else f"{100 * value:.{digits}f} %"


def precision_markdown(entries: list[Entry], ledger: list[dict], misses: list[dict]) -> str:
    """The README's precision block: the overall false rates, then the per-rule table."""
    rules, kinds = tallies(entries, ledger)
    lines = []
    for kind, label in (("wording", "wording findings (a span of text)"),
                        ("record", "record-level findings (something missing)")):
        t = kinds[kind]
        lines.append(f"- False rate on {label}: **{_percent(t.false_rate, 1)}** ({t.false} false, "
                     f"{t.doubtful} doubtful of {t.judged} judged; {t.findings} such findings)")
    lines.append(f"- Misses noted while judging and in random listings: {len(misses)} (`review/misses.jsonl`)")
    lines += ["", "| rule | findings | judged | true | false | doubtful | precision |",
              "|---|---:|---:|---:|---:|---:|---:|"]
    for rule, t in rules.items():
        lines.append(f"| {rule} | {t.findings} | {t.judged} | {t.true} | {t.false} | {t.doubtful} "
                     f"| {_percent(t.precision)} |")
    return "\n".join(lines) + "\n"


START, END = "<!-- precision:start -->", "<!-- precision:end -->"


def replace_block(document: str, block: str) -> str:
    """``document`` with the text between the precision markers replaced by ``block``."""
    before, found, rest = document.partition(START)
    _, found_end, after = rest.partition(END)
    if not found or not found_end:
        raise ValueError(f"the README has no {START} ... {END} block")
    return f"{before}{START}\n{block}{END}{after}"


def current_block(document: str) -> str:
    _, _, rest = document.partition(START)
    return rest.partition(END)[0].removeprefix("\n")
