"""The JSON contract (public API, documented in README.md):
{"version": 1, "findings": [...], "errors": [...], "summary": {...}}"""
from __future__ import annotations

import json
import sys
from typing import Optional, TextIO

from ..model import Finding, ReadError

VERSION = 1


def finding_dict(f: Finding) -> dict:
    return {
        "rule": f.rule,
        "name": f.name,
        "severity": str(f.severity),
        "message": f.message,
        "path": f.path,
        "record": f.record,
        "field": f.field,
        "start": f.start,
        "end": f.end,
        "line": f.line,
        "column": f.column,
        "text": f.text,
        "suggestions": [
            {"replacement": s.replacement, "applicability": str(s.applicability)} for s in f.suggestions
        ],
        "source": {"title": f.source.title, "url": f.source.url, "grade": f.source.grade},
        "market": f.market,
        "context": {"before": f.before, "after": f.after},
    }


def error_dict(e: ReadError) -> dict:
    return {"path": e.path, "line": e.line, "record": e.record, "message": e.message}


class JsonReporter:
    def __init__(self, out: Optional[TextIO] = None):
        self.out = out or sys.stdout  # looked up per run, not at import (tests swap stdout)
        self.findings: list[dict] = []
        self.errors: list[dict] = []

    def finding(self, finding: Finding) -> None:
        self.findings.append(finding_dict(finding))

    def error(self, error: ReadError) -> None:
        self.errors.append(error_dict(error))

    def finish(self, summary) -> None:
        doc = {"version": VERSION, "findings": self.findings, "errors": self.errors, "summary": summary.as_dict()}
        json.dump(doc, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")
