"""`--show-fixes`: after a human format's report, the fixes `--fix` would apply, per file and
rule, as ruff lists them:

    Fixes --fix would apply (3):
    - listings/feed.jsonl:
        2 × DE002 (superlative-claim)
        1 × DE013 (decimal-separator)

It wraps the format's reporter and counts what passes through it; nothing for a run with
nothing to fix. Machine formats carry each finding's fix themselves and do not take it.
"""
from __future__ import annotations

from collections import Counter

import click

from ..fixer import writable
from ..model import Finding
from ..text.escapes import one_line


class FixList:
    def __init__(self, reporter, out=None, unsafe: bool = False):
        self._reporter = reporter
        self.out = out
        self.unsafe = unsafe
        self.by_file: dict[str, Counter] = {}
        self.names: dict[str, str] = {}

    def finding(self, f: Finding) -> None:
        if writable(f, self.unsafe):  # what --fix writes, as the summary counts
            self.by_file.setdefault(f.path, Counter())[f.rule] += 1
            self.names[f.rule] = f.name
        self._reporter.finding(f)

    def finish(self, summary) -> None:
        self._reporter.finish(summary)
        for line in self.lines():
            click.echo(line, file=self.out)

    def lines(self) -> list[str]:
        total = sum(sum(counts.values()) for counts in self.by_file.values())
        if not total:
            return []
        lines = [f"Fixes --fix{' --unsafe-fixes' * self.unsafe} would apply ({total}):"]
        for path, counts in self.by_file.items():
            lines.append(one_line(f"- {path}:"))
            lines += [f"    {n} × {code} ({self.names[code]})"
                      for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
        return lines

    def __getattr__(self, name: str):  # error(), file(), records(): the reporter's own
        return getattr(self._reporter, name)
