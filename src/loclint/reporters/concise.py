"""One line a finding: path:line:col: CODE [severity] message (record, field); a record's two or
more record-level findings (what an offer fails to disclose) are one line after its wording
findings (grouping.py): path:line:col: CODE,CODE [severity] N disclosures missing: names (record).
Line breaks and control characters in paths, record ids and messages are shown as escapes
(escapes.py), so every line is one finding (or one group) and nothing reaches the terminal raw. On a terminal the place is bold and the
code and severity take the severity's colour, as in the full format; click drops the colours
where they are not wanted (the command line's --color, NO_COLOR, a pipe)."""
from __future__ import annotations

import click

from ..model import Finding, ReadError
from ..text.escapes import one_line
from .full import COLOURS
from .grouping import HeldDisclosures, group_head
from .tally import details, totals


class ConciseReporter:
    def __init__(self, out=None, closing: bool = True):
        self.out = out
        self.closing = closing  # the closing counts (not with --quiet)
        self.held = HeldDisclosures(self._finding, self._disclosures)

    def finding(self, f: Finding) -> None:
        self.held.finding(f)  # a record's wording findings first, what it fails to disclose after

    def _disclosures(self, held: list[Finding]) -> None:
        severity, codes, count = group_head(held)
        place = click.style(one_line(f"{held[0].path}:{held[0].line}:{held[0].column}"), bold=True)
        code = click.style(f"{codes} [{severity}]", fg=COLOURS[severity], bold=True)
        names = ", ".join(f.name for f in held)
        click.echo(f"{place}: {code} {one_line(f'{count} disclosures missing: {names} ({held[0].record})')}",
                   file=self.out)

    def _finding(self, f: Finding) -> None:
        where = f"{f.record}:{f.field}" if f.field else f.record
        place = click.style(one_line(f"{f.path}:{f.line}:{f.column}"), bold=True)
        code = click.style(f"{f.rule} [{f.severity}]", fg=COLOURS[f.severity], bold=True)
        click.echo(f"{place}: {code} {one_line(f'{f.message} ({where})')}", file=self.out)

    def error(self, e: ReadError) -> None:
        self.held.flush()
        record = f" (record {e.record})" if e.record else ""
        place = click.style(one_line(f"{e.path}:{e.line}:0"), bold=True)
        click.echo(f"{place}: {click.style('read error', fg='red', bold=True)}: {one_line(e.message + record)}",
                   file=self.out)

    def finish(self, summary) -> None:
        self.held.flush()
        if not self.closing:
            return
        for line in [totals(summary), *details(summary)]:
            click.echo(line, file=self.out)
