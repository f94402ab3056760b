"""Findings and read errors as LSP diagnostics.

A finding's diagnostic: its span, the severity mapped (error, warning, info -> Error, Warning,
Information), the rule code as ``code`` with its page as ``codeDescription``, "loclint" as
``source``, and the message with the legal, platform or cultural source it rests on. Read
errors (a broken document) are Error diagnostics on the line they name; records without a
market give one diagnostic for the file, saying how to set it.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Optional

from lsprotocol import types

from ..model import Finding, ReadError, Severity
from .linting import Linted
from .positions import Lines

SOURCE = "loclint"
SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
            Severity.INFO: types.DiagnosticSeverity.Information}
NO_MARKET = "has no market"
HOW_TO_SET_MARKET = ('no market for this file, so no market\'s rules apply: set `market = "DE"` (your market) in '
                     "the workspace's loclint.toml, add \"market\" to the record, or set the editor's loclint "
                     "`market` option")


def diagnostics(linted: Linted, lines: Lines, docs_url: Optional[str] = None) -> list[types.Diagnostic]:
    if linted.problem:
        return [_diagnostic(lines.line_range(1), types.DiagnosticSeverity.Error, linted.problem)]
    found = [finding_diagnostic(f, i, lines, docs_url) for i, f in enumerate(linted.findings)]
    unmarketed = [e for e in linted.errors if NO_MARKET in e.message]
    if unmarketed:
        more = f" ({len(unmarketed)} records)" if len(unmarketed) > 1 else ""
        found.append(_diagnostic(lines.line_range(unmarketed[0].line), types.DiagnosticSeverity.Error,
                                 HOW_TO_SET_MARKET + more))
    found += [error_diagnostic(e, lines) for e in linted.errors if NO_MARKET not in e.message]
    return found


def finding_diagnostic(finding: Finding, index: int, lines: Lines, docs_url: Optional[str]) -> types.Diagnostic:
    href = rule_href(finding.rule, docs_url)
    cited = finding.source.title + (f" <{finding.source.url}>" if finding.source.url else "")
    return types.Diagnostic(
        range=lines.finding_range(finding), severity=SEVERITY[finding.severity], code=finding.rule,
        code_description=types.CodeDescription(href=href) if href else None, source=SOURCE,
        message=f"{finding.message}\nSource: {cited}" if finding.source.title else finding.message,
        data={"index": index, "rule": finding.rule})


def error_diagnostic(error: ReadError, lines: Lines) -> types.Diagnostic:
    where = f" (record {error.record})" if error.record else ""
    return _diagnostic(lines.line_range(error.line), types.DiagnosticSeverity.Error,
                       f"cannot read{where}: {error.message}")


def _diagnostic(area: types.Range, severity: types.DiagnosticSeverity, message: str) -> types.Diagnostic:
    return types.Diagnostic(range=area, severity=severity, source=SOURCE, message=message)


def rule_href(code: str, docs_url: Optional[str]) -> Optional[str]:
    """The rule's page: ``docs_url`` with the code filled in, else its page in loclint's own
    docs/rules (shipped in the package, or beside the rulesets of a checkout), if there is one."""
    if docs_url:
        return docs_url.replace("{code}", code)
    folder = _pages_folder()
    if folder is None or not (folder / f"{code}.md").is_file():
        return None
    return (folder / f"{code}.md").as_uri()


@functools.lru_cache(maxsize=1)
def _pages_folder() -> Optional[Path]:
    from ..ruleset import default_rulesets_dir

    for folder in (Path(__file__).parent.parent / "rule-pages", default_rulesets_dir().parent / "docs" / "rules"):
        if folder.is_dir():
            return folder.resolve()
    return None
