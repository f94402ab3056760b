"""A baseline: today's findings, recorded so that later runs fail only on new ones.

An entry is keyed by what a finding is about, not where it sits: the file (relative to the
baseline), the record id, the field, the rule and the flagged text. Line and column are left
out on purpose, so adding a record above, or editing another field, does not turn old findings
into new ones. Identical keys are counted: if a record had the same word flagged twice, a third
occurrence is new.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from typing import Optional

from .model import Finding
from .text.escapes import encodable_json

VERSION = 1


class BaselineError(Exception):
    """The baseline file exists but cannot be used; the message names it."""


class Baseline:
    def __init__(self, path: str, counts: Optional[Counter] = None):
        self.path = path
        self.root = os.path.dirname(os.path.abspath(path))
        self._allowed = Counter(counts or {})
        self._seen: Counter = Counter()
        self.matched = 0

    @classmethod
    def load(cls, path: str, aliases: Optional[dict[str, str]] = None) -> "Baseline":
        """``aliases`` (former code -> code) keep entries of a renumbered rule matching."""
        try:
            with open(path, encoding="utf-8") as handle:
                doc = json.load(handle)
            entries = doc["findings"]
            counts: Counter = Counter()
            for entry in entries:
                counts[_entry_key(entry, aliases or {})] += int(entry.get("count", 1))
        except OSError as exc:
            raise BaselineError(f"{path}: {exc.strerror or exc}") from None
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise BaselineError(f"{path}: not a loclint baseline ({type(exc).__name__}: {exc})") from None
        if doc.get("version") != VERSION:
            raise BaselineError(f"{path}: baseline version {doc.get('version')!r}, expected {VERSION}")
        return cls(path, counts)

    def key(self, finding: Finding) -> tuple:
        relative = os.path.relpath(os.path.abspath(finding.path), self.root) if finding.path else ""
        return (relative.replace(os.sep, "/"), finding.record, finding.field or "", finding.rule, finding.text)

    def known(self, finding: Finding) -> bool:
        """True for a finding the baseline already holds (each entry covers its count)."""
        key = self.key(finding)
        if self._seen[key] < self._allowed[key]:
            self._seen[key] += 1
            self.matched += 1
            return True
        return False


def write(path: str, findings: list[Finding]) -> int:
    """Record ``findings`` as the baseline at ``path``; return how many. The file is written
    beside its place and then moved there, so a failed write (a full disk, a read-only folder)
    leaves the old baseline whole; BaselineError names the file and the reason."""
    baseline = Baseline(path)
    counts = Counter(baseline.key(f) for f in findings)
    entries = [
        {"path": p, "record": r, "field": f, "rule": code, "text": t, "count": n}
        for (p, r, f, code, t), n in sorted(counts.items())
    ]
    # a file name that is not UTF-8, or a lone surrogate in the text, as its JSON escape
    text = encodable_json(json.dumps({"version": VERSION, "findings": entries}, ensure_ascii=False, indent=2)) + "\n"
    if os.path.isdir(path):  # os.replace would say only "Is a directory" (or nothing, on Windows)
        raise BaselineError(f"{path}: cannot write the baseline: it is a directory")
    try:
        _replace_atomically(path, text)
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write the baseline: {exc.strerror or exc}") from None
    return len(findings)


def _replace_atomically(path: str, text: str) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    import tempfile  # here: a run that writes no baseline need not import it (with shutil, 3.4 ms)

    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".loclint-baseline-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _entry_key(entry: dict, aliases: dict[str, str]) -> tuple:
    rule = aliases.get(entry["rule"], entry["rule"])
    return (entry["path"], entry["record"], entry.get("field") or "", rule, entry.get("text", ""))
