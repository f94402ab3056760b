"""One lint run over paths: read, lint, report. The CLI and the Python API share it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from .engine import Linter
from .model import Finding, ReadError, Record, Severity
from .readers import expand_paths, read_file
from .reporters.summary import Summary


@dataclass
class RunResult:
    summary: Summary
    worst: Optional[Severity]
    unreadable_files: int  # whole files that could not be read (exit code 2)


def lint_paths(linter: Linter, paths: Iterable[str], reporter, *, market: Optional[str] = None,
               locale: Optional[str] = None) -> RunResult:
    summary = Summary()
    worst: Optional[Severity] = None
    unreadable = 0
    for path in expand_paths(paths):
        if isinstance(path, ReadError):
            unreadable += 1
            summary.add_error(path)
            reporter.error(path)
            continue
        summary.files += 1
        for item in linter.lint_stream(read_file(path, market, locale)):
            if isinstance(item, Finding):
                summary.add_finding(item)
                worst = item.severity if worst is None else max(worst, item.severity)
                reporter.finding(item)
            elif isinstance(item, Record):
                summary.records += 1
            else:
                unreadable += item.whole_file
                summary.add_error(item)
                reporter.error(item)
    reporter.finish(summary)
    return RunResult(summary, worst, unreadable)
