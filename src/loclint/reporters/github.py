"""GitHub Actions workflow commands (`--format github`, the default when GITHUB_ACTIONS=true):
each finding becomes an annotation on the file and line of the pull request.

    ::error file=feed.jsonl,line=2,col=64,endLine=2,endColumn=84,title=DE002::message

Severities map to GitHub's levels (error, warning, notice). Values are escaped the way the
Actions toolkit does it (``escapeData`` / ``escapeProperty`` in @actions/core): ``%``, CR and LF
everywhere, and ``:`` and ``,`` inside properties as well, so a message or a path holding them
cannot end the command early or smuggle in another one. The other control characters (the
Actions log would act on an ESC sequence), lone surrogates and file-name bytes that are not UTF-8
are then shown as escapes (escapes.py).
"""
from __future__ import annotations

import click

from ..model import Finding, ReadError, Severity
from ..text.escapes import visible
from .tally import totals

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, properties: dict, message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items()
                     if value not in (None, "", 0))
    return f"::{level} {props}::{escape_data(message)}" if props else f"::{level}::{escape_data(message)}"


class GithubReporter:
    def __init__(self, out=None):
        self.out = out

    def finding(self, f: Finding) -> None:
        properties = {"file": f.path, "line": f.line, "col": f.column}
        if f.end_line:
            properties.update(endLine=f.end_line, endColumn=f.end_column)
        properties["title"] = f.rule
        where = f"record {f.record} · {f.field}" if f.field else f"record {f.record}"
        lines = [f"{f.message} [{f.name}]", where]
        lines += [f"fix ({s.applicability}): {s.replacement}" for s in f.suggestions]
        click.echo(command(LEVELS[f.severity], properties, "\n".join(lines)), file=self.out)

    def error(self, e: ReadError) -> None:
        record = f" (record {e.record})" if e.record else ""
        click.echo(command("error", {"file": e.path, "line": e.line, "title": "read error"},
                           f"{e.message}{record}"), file=self.out)

    def finish(self, summary) -> None:
        click.echo(totals(summary), file=self.out)  # a plain log line, not an annotation
