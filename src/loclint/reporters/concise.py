"""One line a finding: path:line:col: CODE [severity] message (record, field). Line breaks and
control characters in paths, record ids and messages are shown as escapes (escapes.py), so every
line is one finding and nothing reaches the terminal raw. On a terminal the place is bold and the
code and severity take the severity's colour, as in the full format; click drops the colours
where they are not wanted (the command line's --color, NO_COLOR, a pipe)."""
from __future__ import annotations

import click

from ..model import Finding, ReadError
from ..text.escapes import one_line
from .full import COLOURS
from .tally import details, totals


class ConciseReporter:
    def __init__(self, out=None, closing: bool = True):
        self.out = out
        self.closing = closing  # the closing counts (not with --quiet)

    def finding(self, f: Finding) -> None:
        where = f"{f.record}:{f.field}" if f.field else f.record
        place = click.style(one_line(f"{f.path}:{f.line}:{f.column}"), bold=True)
        code = click.style(f"{f.rule} [{f.severity}]", fg=COLOURS[f.severity], bold=True)
        click.echo(f"{place}: {code} {one_line(f'{f.message} ({where})')}", file=self.out)

    def error(self, e: ReadError) -> None:
        record = f" (record {e.record})" if e.record else ""
        place = click.style(one_line(f"{e.path}:{e.line}:0"), bold=True)
        click.echo(f"{place}: {click.style('read error', fg='red', bold=True)}: {one_line(e.message + record)}",
                   file=self.out)

    def finish(self, summary) -> None:
        if not self.closing:
            return
        for line in [totals(summary), *details(summary)]:
            click.echo(line, file=self.out)
