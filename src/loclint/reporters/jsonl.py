"""JSON Lines (`--format jsonl`): one JSON object a line, written and flushed as found, so a
pipeline can start on the first finding of a large feed before the run ends.

Every line has ``type``: ``finding`` (the JSON contract's finding object), ``error`` (an input
that could not be read: path, line, record, message) and, last, one ``summary`` (the contract's
summary). The objects are the ones of ``--format json``; only the envelope differs.
"""
from __future__ import annotations

import sys
from typing import Optional, TextIO

from ..model import Finding, ReadError
from .json import VERSION
from .findingtext import finding_json
from .jsontext import dumps


class JsonLinesReporter:
    def __init__(self, out: Optional[TextIO] = None):
        self.out = out  # None: sys.stdout, looked up when writing (tests swap stdout)

    def _line(self, obj: dict) -> None:
        out = self.out or sys.stdout
        out.write(dumps(obj) + "\n")
        out.flush()

    def finding(self, finding: Finding) -> None:
        self.write_encoded(finding, self.encode(finding))

    @staticmethod
    def encode(finding: Finding) -> str:
        """The finding's line: pure, so --jobs workers run it (run.py)."""
        return '{"type": "finding", ' + finding_json(finding)[1:] + "\n"

    def write_encoded(self, finding: Finding, text: str) -> None:
        self.write_joined(text, 1)

    @staticmethod
    def join_encoded(texts: list[str]) -> str:
        """Consecutive findings' lines as write_encoded writes them: pure, so --jobs workers run it."""
        return "".join(texts)

    def write_joined(self, text: str, count: int) -> None:
        """Write what join_encoded made of ``count`` findings."""
        out = self.out or sys.stdout
        out.write(text)
        out.flush()

    def error(self, error: ReadError) -> None:
        self._line({"type": "error", **error.to_dict()})

    def finish(self, summary) -> None:
        self._line({"type": "summary", "version": VERSION, **summary.as_dict()})
