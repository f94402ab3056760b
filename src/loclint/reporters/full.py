"""The terminal format: the excerpt with the span marked, the rewrite, the source. Text from the
input (paths, record ids, messages quoting the listing, excerpts, rewrites) is shown with its
control characters and line breaks escaped (escapes.py) before it is styled, so it cannot drive
the terminal or break the layout, and loclint's own colours stay. click drops the colours where
they are not wanted (the command line's --color, NO_COLOR, a pipe)."""
from __future__ import annotations

import click

from ..model import Finding, ReadError, Severity
from ..text.escapes import one_line
from .grouping import HeldDisclosures, group_head
from .tally import details, totals

COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
CONTEXT = 30  # characters shown either side of the span


class FullReporter:
    def __init__(self, out=None, closing: bool = True):
        self.out = out
        self.closing = closing  # the closing counts (not with --quiet)
        self.held = HeldDisclosures(self._finding, self._disclosures)

    def echo(self, text: str = "") -> None:
        click.echo(text, file=self.out)

    def finding(self, f: Finding) -> None:
        self.held.finding(f)  # a record's wording findings first, what it fails to disclose after

    def _disclosures(self, held: list[Finding]) -> None:
        """A record's two or more record-level findings, as one block."""
        severity, codes, count = group_head(held)
        place = one_line(f"{held[0].path}:{held[0].line}:{held[0].column}")
        head = click.style(f"{codes} {severity}", fg=COLOURS[severity], bold=True)
        self.echo(f"{click.style(place, bold=True)}: {head} {count} disclosures missing")
        self.echo(f"  {one_line(', '.join(f.name for f in held))}")
        self.echo(click.style(f"  {one_line(f'record {held[0].record}')} · loclint rule CODE says what each needs",
                              dim=True))
        self.echo()

    def _finding(self, f: Finding) -> None:
        colour = COLOURS[f.severity]
        head = click.style(f"{f.rule} {f.severity}", fg=colour, bold=True)
        place = one_line(f"{f.path}:{f.line}:{f.column}")
        self.echo(f"{click.style(place, bold=True)}: {head} {one_line(f.name)}")
        self.echo(f"  {one_line(f.message)}")
        where = f"record {f.record} · {f.field}" if f.field else f"record {f.record}"
        self.echo(click.style(f"  {one_line(where)}", dim=True))
        if f.field is not None and f.text:
            before, marked, after = _excerpt(f)
            self.echo(f"    | {before}{click.style(marked, fg=colour, bold=True)}{after}")
            self.echo(f"    | {_blank(before)}{click.style('^' * max(1, len(marked)), fg=colour)}")
        for s in f.suggestions:
            self.echo(f"  {click.style(f'fix ({s.applicability})', fg='green')}: {one_line(s.replacement)}")
        source = f.source.title + (f" <{f.source.url}>" if f.source.url else "")
        self.echo(click.style(f"  source: {one_line(source)}", dim=True))
        self.echo()

    def error(self, e: ReadError) -> None:
        self.held.flush()
        record = f" (record {e.record})" if e.record else ""
        self.echo(f"{click.style(one_line(f'{e.path}:{e.line}'), bold=True)}: "
                  f"{click.style('read error', fg='red', bold=True)}: {one_line(e.message + record)}")

    def finish(self, summary) -> None:
        self.held.flush()
        if not self.closing:
            return
        self.echo(click.style(totals(summary), bold=True))
        for line in details(summary):
            self.echo(line)


def _excerpt(f: Finding) -> tuple[str, str, str]:
    """The flagged text with its context, on one line."""
    before = ("…" if len(f.before) >= CONTEXT else "") + _flat(f.before)
    after = _flat(f.after) + ("…" if len(f.after) >= CONTEXT else "")
    return before, _flat(f.text), after


def _flat(text: str) -> str:
    """The excerpt on one line: line breaks as ⏎, other control characters escaped."""
    return one_line(text.replace("\n", "⏎ "))


def _blank(text: str) -> str:
    """Spaces as wide as ``text``, keeping its tabs, so the carets sit under the span."""
    return "".join(c if c == "\t" else " " for c in text)
