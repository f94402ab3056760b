"""The terminal format: the excerpt with the span marked, the rewrite, the source."""
from __future__ import annotations

import click

from ..model import Finding, ReadError, Severity
from .tally import details, totals

COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
CONTEXT = 30  # characters shown either side of the span


class FullReporter:
    def __init__(self, out=None):
        self.out = out

    def echo(self, text: str = "") -> None:
        click.echo(text, file=self.out)

    def finding(self, f: Finding) -> None:
        colour = COLOURS[f.severity]
        head = click.style(f"{f.rule} {f.severity}", fg=colour, bold=True)
        self.echo(f"{click.style(f'{f.path}:{f.line}:{f.column}', bold=True)}: {head} {f.name}")
        self.echo(f"  {f.message}")
        where = f"record {f.record} · {f.field}" if f.field else f"record {f.record}"
        self.echo(click.style(f"  {where}", dim=True))
        if f.field is not None and f.text:
            before, marked, after = _excerpt(f)
            self.echo(f"    | {before}{click.style(marked, fg=colour, bold=True)}{after}")
            self.echo(f"    | {' ' * len(before)}{click.style('^' * max(1, len(marked)), fg=colour)}")
        for s in f.suggestions:
            self.echo(f"  {click.style(f'fix ({s.applicability})', fg='green')}: {s.replacement}")
        source = f.source.title + (f" <{f.source.url}>" if f.source.url else "")
        self.echo(click.style(f"  source: {source}", dim=True))
        self.echo()

    def error(self, e: ReadError) -> None:
        record = f" (record {e.record})" if e.record else ""
        self.echo(f"{click.style(f'{e.path}:{e.line}', bold=True)}: "
                  f"{click.style('read error', fg='red', bold=True)}: {e.message}{record}")

    def finish(self, summary) -> None:
        self.echo(click.style(totals(summary), bold=True))
        for line in details(summary):
            self.echo(line)


def _excerpt(f: Finding) -> tuple[str, str, str]:
    """The flagged text with its context, on one line."""
    before = ("…" if len(f.before) >= CONTEXT else "") + _one_line(f.before)
    after = _one_line(f.after) + ("…" if len(f.after) >= CONTEXT else "")
    return before, _one_line(f.text), after


def _one_line(text: str) -> str:
    return text.replace("\n", "⏎ ")
