"""The JSON contract (public API, documented in README.md):
{"version": 1, "findings": [...], "errors": [...], "summary": {...}}

Each finding and error is its ``to_dict()`` (model.py), which the Python API gives too.
"""
from __future__ import annotations

import json
import sys
from typing import Optional, TextIO

from ..model import Finding, ReadError
from ..text.escapes import encodable_json
from .findingtext import finding_json
from .jsontext import dumps

VERSION = 1


class JsonReporter:
    """Writes findings as they arrive, one finding a line, so memory does not grow with a
    feed's findings and the C encoder does the work (an indented dump runs json's pure-Python
    encoder and cost more than linting on large feeds). Read errors are kept until the end
    (their list follows the findings)."""

    def __init__(self, out: Optional[TextIO] = None):
        self.out = out  # None: sys.stdout, looked up when writing (tests swap stdout)
        self.errors: list[dict] = []
        self._count = 0

    def _write(self, text: str) -> None:
        (self.out or sys.stdout).write(encodable_json(text))

    def finding(self, finding: Finding) -> None:
        self.write_encoded(finding, self.encode(finding))

    @staticmethod
    def encode(finding: Finding) -> str:
        """The finding's object as written: pure, so --jobs workers run it (run.py)."""
        return finding_json(finding)

    def write_encoded(self, finding: Finding, text: str) -> None:
        self.write_joined(self.join_encoded([text]), 1)

    @staticmethod
    def join_encoded(texts: list[str]) -> str:
        """Consecutive findings' texts as the findings list holds them, but for the separator
        before the first, which write_joined adds: pure, so --jobs workers run it."""
        return "  " + ",\n  ".join(texts)

    def write_joined(self, text: str, count: int) -> None:
        """Write what join_encoded made of ``count`` (at least one) findings."""
        head = '{"version": %d,\n "findings": [\n' % VERSION if self._count == 0 else ",\n"
        self._count += count
        # dumps() writes lone surrogates as escapes itself, so this skips _write's check
        (self.out or sys.stdout).write(head + text)

    def error(self, error: ReadError) -> None:
        self.errors.append(error.to_dict())

    def finish(self, summary) -> None:
        if self._count == 0:
            self._write('{"version": %d,\n "findings": [],\n' % VERSION)
        else:
            self._write("\n ],\n")
        errors = ",\n".join("  " + dumps(e) for e in self.errors)
        self._write(' "errors": [' + (f"\n{errors}\n ]" if errors else "]") + ",\n")
        self._write(' "summary": ' + json.dumps(summary.as_dict(), ensure_ascii=False) + "\n}\n")
