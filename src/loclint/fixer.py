"""Apply findings' rewrites to a field's text: sorted, overlaps skipped and reported."""
from __future__ import annotations

from typing import Iterable

from .model import Applicability, Finding

def fixable(finding: Finding, unsafe: bool) -> bool:
    if not finding.suggestions or finding.start is None:
        return False
    applicability = finding.suggestions[0].applicability
    return applicability is Applicability.SAFE or (unsafe and applicability is Applicability.UNSAFE)


def writable(finding: Finding, unsafe: bool) -> bool:
    """Whether `--fix` writes the finding's rewrite into its file: fixable, the file's syntax can
    hold it (``Suggestion.raw``; not, say, a multi-line plain YAML scalar) and its end is known.
    The summary counts these, so "fixable: N with --fix" is what --fix does."""
    return fixable(finding, unsafe) and finding.suggestions[0].raw is not None and finding.end_line > 0


def apply_fixes(text: str, findings: Iterable[Finding], unsafe: bool = False) -> tuple[str, list[Finding]]:
    """The text with every applicable first suggestion applied, and the findings left unapplied
    because their span overlaps one applied before them."""
    edits = sorted((f for f in findings if fixable(f, unsafe)), key=lambda f: (f.start, f.end))
    out, cursor, skipped = [], 0, []
    for finding in edits:
        if finding.start < cursor:
            skipped.append(finding)
            continue
        out.append(text[cursor:finding.start])
        out.append(finding.suggestions[0].replacement)
        cursor = finding.end
    out.append(text[cursor:])
    return "".join(out), skipped
