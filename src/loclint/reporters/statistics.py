"""`--statistics`: instead of the findings, how many each rule has, most frequent first, as ruff
prints them: count, code, how many of those `--fix` rewrites (safe fixes), the rule's name.

    12  DE002  10 fixable  superlative-claim
     3  EU007             missing-manufacturer

With ``--format json`` the same as a JSON array of {code, name, count, fixable}. Read errors are
not counted here: they go to stderr one a line, so that none passes unseen and the table (or the
JSON) stays whole.
"""
from __future__ import annotations

import json
from collections import Counter

import click

from ..fixer import writable
from ..model import Finding, ReadError
from ..text.escapes import encodable_json, one_line

FORMATS = ("full", "concise", "json")  # a table for people, an array for programs


class StatisticsReporter:
    def __init__(self, out=None, as_json: bool = False):
        self.out = out
        self.as_json = as_json
        self.counts: Counter = Counter()
        self.fixable: Counter = Counter()
        self.names: dict[str, str] = {}

    def finding(self, f: Finding) -> None:
        self.counts[f.rule] += 1
        self.fixable[f.rule] += writable(f, unsafe=False)  # what --fix writes, as the summary counts
        self.names[f.rule] = f.name

    def error(self, e: ReadError) -> None:
        record = f" (record {e.record})" if e.record else ""
        click.echo(one_line(f"{e.path}:{e.line}:0: read error: {e.message}{record}"), err=True)

    def finish(self, summary) -> None:
        rows = [{"code": code, "name": self.names[code], "count": count, "fixable": self.fixable[code]}
                for code, count in sorted(self.counts.items(), key=lambda item: (-item[1], item[0]))]
        if self.as_json:
            click.echo(encodable_json(json.dumps(rows, indent=2, ensure_ascii=False)), file=self.out)
            return
        for line in table(rows):
            click.echo(line, file=self.out)


def table(rows: list[dict]) -> list[str]:
    """Columns as wide as their widest cell; the fixable column only when something is."""
    cells = [[str(row["count"]), row["code"], f"{row['fixable']} fixable" if row["fixable"] else "", row["name"]]
             for row in rows]
    if not any(cell[2] for cell in cells):
        cells = [[count, code, name] for count, code, _, name in cells]
    widths = [max(len(cell[i]) for cell in cells) for i in range(len(cells[0]) - 1)] if cells else []
    return [one_line("  ".join([cell[0].rjust(widths[0])] + [c.ljust(w) for c, w in zip(cell[1:-1], widths[1:])]
                               + [cell[-1]])) for cell in cells]
