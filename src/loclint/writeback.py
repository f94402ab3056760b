"""`--fix` and `--diff`: write findings' rewrites back into the files they came from.

Only the bytes of the changed values change. A rewrite reaches the file as an edit of the
decoded file text between the finding's start and end positions, with the replacement in the
file's own syntax (``Suggestion.raw``: JSON escapes, YAML quoting). The text is encoded back the
way it came (UTF-8 with or without BOM, UTF-16 with BOM), so encoding, line endings, key order,
quoting and every untouched record stay byte-identical.

Nothing is trusted blindly: each round writes a candidate file next to the original, reads it
back with the same reader and compares every field with the expected fixed text. A mismatch
refuses the file (the original stays as it was). Rounds repeat until no fix applies (a fix can
enable another, an overlapping edit waits for the next round), at most MAX_ROUNDS times. The
result replaces the original atomically (fsync, os.replace, file mode kept); `--diff` prints
a unified diff instead and writes nothing.
"""
from __future__ import annotations

import codecs
import difflib
import os
import re
import shutil
import stat
import tempfile
from dataclasses import dataclass
from typing import Optional

from .fixer import apply_fixes, fixable
from .model import Finding, Record
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
            data = handle.read()
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
        source = _Encoded.read(path)
    except (OSError, UnicodeDecodeError) as exc:
        result.error = f"cannot read: {exc}"
        return result
    result.original = result.fixed = source.text
    result.bom = "\ufeff" if source.bom == codecs.BOM_UTF8 else ""
    workdir = tempfile.mkdtemp(prefix=".loclint-fix-", dir=os.path.dirname(os.path.abspath(path)))
    try:
        # The copy keeps the file's name and its two parent folders: readers take the market
        # from path conventions such as de_DE/LC_MESSAGES/django.po.
        parts = os.path.abspath(path).split(os.sep)
        work = os.path.join(workdir, *parts[-3:]) if len(parts) >= 3 else os.path.join(workdir, parts[-1])
        os.makedirs(os.path.dirname(work), exist_ok=True)
        shutil.copyfile(path, work)
        for result.rounds in range(1, MAX_ROUNDS + 1):
            applied = _one_round(linter, work, market, locale, unsafe, options)
            if isinstance(applied, str):
                result.error = applied
                return result
            if applied == 0:
                break
            result.applied += applied
        else:
            result.converged = False
        result.fixed = _Encoded.read(work).text
        if write and result.fixed != result.original:
            _replace(work, path)
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


def _one_round(linter, work: str, market, locale, unsafe, options):
    """Apply this round's fixes to ``work``; the number applied, or why the file was refused."""
    records: list[Record] = []
    findings: list[dict[str, list[Finding]]] = []  # per record: field path -> its writable findings
    pending: dict[str, list[Finding]] = {}
    for item in linter.lint_stream(read_file(work, market, locale, options)):
        if isinstance(item, Record):  # a record comes after its findings
            records.append(item)
            findings.append(pending)
            pending = {}
        elif isinstance(item, Finding) and item.field and _writable(item, unsafe):
            pending.setdefault(item.field, []).append(item)
    if not any(findings):
        return 0
    current = _Encoded.read(work)  # the working copy keeps the original's BOM and encoding
    lines = LineIndex(current.text)
    edits, expected = [], {}
    for index, (record, by_field) in enumerate(zip(records, findings)):
        for fld in record.fields:
            wanted = by_field.get(fld.path)
            if not wanted:
                continue
            _, skipped = apply_fixes(fld.text, wanted, unsafe=unsafe)
            done = [f for f in wanted if f not in skipped]
            for f in done:
                edits.append((lines.offset(f.line, f.column), lines.offset(f.end_line, f.end_column),
                              f.suggestions[0].raw))
            expected[(index, fld.path)] = _apply_to_text(fld.text, done)
    edits.sort()
    if any(a[1] > b[0] for a, b in zip(edits, edits[1:])):
        return "overlapping edits in the file; fix by hand"
    text = current.text
    for start, end, raw in reversed(edits):
        text = text[:start] + raw + text[end:]
    candidate = work + ".new"
    with open(candidate, "wb") as handle:
        handle.write(current.bytes_of(text))
    problem = _verify(candidate, work, records, expected, market, locale, options)
    if problem:
        os.unlink(candidate)
        return problem
    os.replace(candidate, work)
    return len(edits)


def _writable(finding: Finding, unsafe: bool) -> bool:
    return fixable(finding, unsafe) and finding.suggestions[0].raw is not None and finding.end_line > 0


def _apply_to_text(text: str, done: list[Finding]) -> str:
    out, cursor = [], 0
    for f in sorted(done, key=lambda f: f.start):
        out += [text[cursor:f.start], f.suggestions[0].replacement]
        cursor = f.end
    return "".join(out) + text[cursor:]


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


def _replace(work: str, path: str) -> None:
    """Atomically put ``work`` in place of ``path``, keeping the file mode."""
    mode = stat.S_IMODE(os.stat(path).st_mode)
    with open(work, "rb+") as handle:
        os.fsync(handle.fileno())
    os.chmod(work, mode)
    os.replace(work, path)
