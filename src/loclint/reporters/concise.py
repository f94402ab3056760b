"""One line a finding: path:line:col: CODE [severity] message (record, field). Line breaks and
control characters in paths, record ids and messages are shown as escapes (escapes.py), so every
line is one finding and nothing reaches the terminal raw."""
from __future__ import annotations

import click

from ..model import Finding, ReadError
from .escapes import one_line
from .tally import details, totals


class ConciseReporter:
    def __init__(self, out=None):
        self.out = out

    def finding(self, f: Finding) -> None:
        where = f"{f.record}:{f.field}" if f.field else f.record
        click.echo(one_line(f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message} ({where})"),
                   file=self.out)

    def error(self, e: ReadError) -> None:
        record = f" (record {e.record})" if e.record else ""
        click.echo(one_line(f"{e.path}:{e.line}:0: read error: {e.message}{record}"), file=self.out)

    def finish(self, summary) -> None:
        for line in [totals(summary), *details(summary)]:
            click.echo(line, file=self.out)
