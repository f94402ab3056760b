"""`--fix` and `--diff`: write findings' rewrites back into the files they came from.

Only the bytes of the changed values change. A rewrite reaches the file as an edit of the
decoded file text between the finding's start and end positions, with the replacement in the
file's own syntax (``Suggestion.raw``: JSON escapes, YAML quoting). The text is encoded back the
way it came (UTF-8 with or without BOM, UTF-16 with BOM), so encoding, line endings, key order,
quoting and every untouched record stay byte-identical.

Nothing is trusted blindly: each round writes a candidate file next to the original, reads it
back with the same reader and compares every field with the expected fixed text. A mismatch
refuses the file (the original stays as it was). Rounds repeat until no fix applies (a fix can
enable another, an overlapping edit waits for the next round), at most MAX_ROUNDS times; a
later round touches only text the original file flagged and never rewrites a rule's own
rewrite (fixrounds.Ledger), and what it refuses is reported with the reason. The
rounds work on a copy in the system's temporary folder, so a killed run leaves nothing beside
the user's file. The result replaces the original only if the file on disk is still the one
that was read, and keeps links, owner and mode (filesafety.py); `--diff` prints a unified diff
instead and writes nothing.
"""
from __future__ import annotations

import codecs
import dataclasses
import difflib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from typing import Optional

from .filesafety import Refused, Snapshot, replace_checked
from .fixer import apply_fixes, fixable, writable
from .fixrounds import Ledger
from .model import Applicability, Finding, Record, Suggestion
from .positions import LineIndex
from .readers import read_file
from .readers.options import DEFAULT as DEFAULT_READ_OPTIONS, ReadOptions

MAX_ROUNDS = 10


@dataclass
class FileFix:
    path: str
    applied: int = 0  # rewrites written
    rounds: int = 0
    converged: bool = True
    error: Optional[str] = None  # why the file was left unchanged
    original: str = ""  # decoded text before and after, for --diff
    fixed: str = ""
    bom: str = ""  # a UTF-8 byte order mark the file starts with, for --diff
    refused: list[str] = field(default_factory=list)  # "line:column: RULE “text” not fixed: why"

    @property
    def changed(self) -> bool:
        return self.error is None and self.fixed != self.original


@dataclass
class _Encoded:
    text: str
    bom: bytes
    codec: str

    @classmethod
    def read(cls, path: str) -> "_Encoded":
        with open(path, "rb") as handle:
            return cls.decode(handle.read())

    @classmethod
    def decode(cls, data: bytes) -> "_Encoded":
        for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                           (codecs.BOM_UTF16_BE, "utf-16-be")):
            if data.startswith(bom):
                return cls(data[len(bom):].decode(codec), bom, codec)
        return cls(data.decode("utf-8"), b"", "utf-8")

    def bytes_of(self, text: str) -> bytes:
        return self.bom + text.encode(self.codec)


def fix_file(linter, path: str, *, market: Optional[str] = None, locale: Optional[str] = None,
             unsafe: bool = False, write: bool = True, options: ReadOptions = DEFAULT_READ_OPTIONS) -> FileFix:
    result = FileFix(path)
    try:
        snapshot = Snapshot.take(path)
        if write and (problem := snapshot.why_not_writable()):
            raise Refused(problem)  # before the work, not after it
        source = _Encoded.decode(snapshot.data)
    except Refused as exc:
        result.error = str(exc)
        return result
    except (OSError, UnicodeDecodeError) as exc:
        result.error = f"cannot read: {exc}"
        return result
    result.original = result.fixed = source.text
    result.bom = "\ufeff" if source.bom == codecs.BOM_UTF8 else ""
    try:
        workdir = tempfile.mkdtemp(prefix="loclint-fix-")
    except OSError as exc:
        result.error = f"no room for a working copy in the temporary folder ({exc.strerror or exc})"
        return result
    try:
        # The copy keeps the file's name and its two parent folders, as the user named them:
        # readers take the market from path conventions such as de_DE/LC_MESSAGES/django.po.
        parts = os.path.abspath(path).split(os.sep)
        work = os.path.join(workdir, *parts[-3:]) if len(parts) >= 3 else os.path.join(workdir, parts[-1])
        os.makedirs(os.path.dirname(work), exist_ok=True)
        with open(work, "wb") as handle:
            handle.write(snapshot.data)
        ledger, refused = Ledger(), {}
        for result.rounds in range(1, MAX_ROUNDS + 1):
            applied = _one_round(linter, work, market, locale, unsafe, options, ledger, refused)
            ledger.started = True
            if isinstance(applied, str):
                result.error = applied
                return result
            edits, undone = applied
            if edits == 0:
                break
            result.applied += edits - 2 * undone  # an undo takes back a fix and is none itself
        else:
            result.converged = False
        result.refused = list(refused.values())
        fixed = _Encoded.read(work)
        result.fixed = fixed.text
        if write and result.fixed != result.original:
            replace_checked(snapshot, fixed.bytes_of(fixed.text))
        return result
    except Refused as exc:
        result.error = str(exc)
        return result
    except OSError as exc:  # the working copy: a full temporary folder, say
        result.error = f"cannot work on a copy ({exc.strerror or exc}); the file is unchanged"
        return result
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def unified_diff(fix: FileFix) -> str:
    """A diff `patch -p1` applies: a/ and b/ paths, and no-newline-at-end markers."""
    # Lines as the file holds them (a BOM included), so that patch finds them; UTF-16 files
    # get a diff to read, not one patch can apply to their bytes.
    a = _lines(fix.bom + fix.original)
    b = _lines(fix.bom + fix.fixed)
    name = fix.path.replace(os.sep, "/")
    out = []
    for line in difflib.unified_diff(a, b, f"a/{name}", f"b/{name}"):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(text: str) -> list[str]:
    """Lines ending at "\n" only, as patch sees them (str.splitlines also splits at U+2028 etc.)."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def _one_round(linter, work: str, market, locale, unsafe, options, ledger: Ledger, refused: dict):
    """Apply this round's fixes to ``work``; the number applied, or why the file was refused.
    Fixes a later round may not apply (``ledger``) go into ``refused`` with the reason."""
    records: list[Record] = []
    findings: list[dict[str, list[Finding]]] = []  # per record: field path -> its findings
    pending: dict[str, list[Finding]] = {}
    for item in linter.lint_stream(read_file(work, market, locale, options)):
        if isinstance(item, Record):  # a record comes after its findings
            records.append(item)
            findings.append(pending)
            pending = {}
        elif isinstance(item, Finding) and item.field:
            pending.setdefault(item.field, []).append(item)
    if not ledger.started:
        for index, by_field in enumerate(findings):
            for path, field_findings in by_field.items():
                ledger.flag((index, path), field_findings)
                for f in field_findings:  # offered, but the file's syntax cannot hold it in place
                    if fixable(f, unsafe) and not writable(f, unsafe):
                        refused.setdefault(((index, path), f.rule, f.text),
                                           f"{f.line}:{f.column}: {f.rule} “{f.text}” not fixed: {_unwritable(f)}")
    findings = [{path: fixes for path, fs in by_field.items() if (fixes := [f for f in fs if writable(f, unsafe)])}
                for by_field in findings]
    if not any(findings):
        return 0, 0
    current = _Encoded.read(work)  # the working copy keeps the original's BOM and encoding
    lines = LineIndex(current.text)
    edits, expected, by_key, undoing = [], {}, {}, set()
    applied = 0
    for index, (record, by_field) in enumerate(zip(records, findings)):
        for fld in record.fields:
            wanted, undos = _allowed(ledger, (index, fld.path), fld, by_field.get(fld.path) or [], refused)
            undoing |= {id(f) for f in undos}
            wanted = undos + wanted
            if not wanted:
                continue
            _, skipped = apply_fixes(fld.text, wanted, unsafe=unsafe)
            left_out = {id(f) for f in skipped}
            done = [f for f in wanted if id(f) not in left_out]
            by_key[(index, fld.path)] = done
            expected[(index, fld.path)] = fixed = _apply_to_text(fld.text, done)
            applied += len(done)
            whole = getattr(fld.encode, "whole", None)
            rewritten = whole(fixed) if whole is not None and done else None
            if rewritten is not None:  # the value is written whole (an unquoted CSV cell takes quotes)
                edits.append((lines.offset(*fld.position(0)), lines.offset(*fld.end_position(len(fld.text))),
                              rewritten))
                continue
            for f in done:
                edits.append((lines.offset(f.line, f.column), lines.offset(f.end_line, f.end_column),
                              f.suggestions[0].raw))
    edits.sort()
    if any(a[1] > b[0] for a, b in zip(edits, edits[1:])):
        return "overlapping edits in the file; fix by hand"
    text = _spliced(current.text, edits)
    candidate = work + ".new"
    with open(candidate, "wb") as handle:
        handle.write(current.bytes_of(text))
    problem = _verify(candidate, work, records, expected, market, locale, options)
    if problem:
        os.unlink(candidate)
        return problem
    os.replace(candidate, work)
    for key, done in by_key.items():
        ledger.applied(key, done, frozenset(undoing))
    return applied, sum(id(f) in undoing for done in by_key.values() for f in done)


def _unwritable(finding: Finding) -> str:
    if finding.end_line != finding.line:
        return "the text spans lines there, so its exact place cannot be rewritten; fix by hand"
    return "the file cannot hold the rewrite in that place without changing what is around it; fix by hand"


def _allowed(ledger: Ledger, key, fld, wanted: list[Finding], refused: dict) -> tuple[list[Finding], list[Finding]]:
    """The fixes this round may apply to a field, and the undos of earlier rewrites in which
    their own rule fires again (fixrounds)."""
    allowed, undos = [], []
    for f in wanted:
        why = ledger.refusal(key, f)
        if why is None:
            allowed.append(f)
            continue
        rewrite = ledger.undo(key, f)
        if rewrite is not None and fld.encode is not None and not any(u.start == rewrite[0] for u in undos):
            undo = _undo(f, fld, *rewrite)
            if undo.suggestions[0].raw is not None:
                undos.append(undo)
                why = f"its rewrite made {f.rule} fire again on its own text, so it was undone"
        refused.setdefault((key, f.rule, f.text), f"{f.line}:{f.column}: {f.rule} “{f.text}” not fixed: {why}")
    return allowed, undos


def _undo(finding: Finding, fld, start: int, end: int, original: str) -> Finding:
    """An edit that puts ``original`` back over [start, end) of the field."""
    (line, column), (end_line, end_column) = fld.position(start), fld.end_position(end)
    return dataclasses.replace(finding, start=start, end=end, line=line, column=column, end_line=end_line,
                               end_column=end_column,
                               suggestions=(Suggestion(original, Applicability.SAFE, raw=fld.encode(original)),))


def _apply_to_text(text: str, done: list[Finding]) -> str:
    return _spliced(text, sorted((f.start, f.end, f.suggestions[0].replacement) for f in done))


def _spliced(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end, replacement) applied; edits sorted and not overlapping.
    One pass: splicing the whole text once per edit is quadratic on a feed with many fixes."""
    out, cursor = [], 0
    for start, end, replacement in edits:
        out += [text[cursor:start], replacement]
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def _verify(candidate: str, work: str, before: list[Record], expected: dict, market, locale, options) -> Optional[str]:
    """Read the candidate back: every field must hold its expected text, nothing else may move."""
    # Read under the working name: the reader may take the market from the file name.
    os.replace(work, work + ".old")
    os.replace(candidate, work)
    try:
        after = [r for r in read_file(work, market, locale, options) if isinstance(r, Record)]
    finally:
        os.replace(work, candidate)
        os.replace(work + ".old", work)
    if len(after) != len(before):
        return f"writing the fixes would change the number of records ({len(before)} -> {len(after)})"
    for index, (old, new) in enumerate(zip(before, after)):
        want = [(f.path, expected.get((index, f.path), f.text)) for f in old.fields]
        got = [(f.path, f.text) for f in new.fields]
        if old.id != new.id or want != got:
            differing = next((w[0] for w, g in zip(want, got) if w != g), "its fields")
            return f"record {old.id}: {differing} would not read back as fixed; left unchanged"
    return None
