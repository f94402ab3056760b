"""Apply findings' rewrites to a field's text: sorted, overlaps skipped and reported."""
from __future__ import annotations

from typing import Iterable

from .model import Applicability, Finding

def fixable(finding: Finding, unsafe: bool) -> bool:
    if not finding.suggestions or finding.start is None:
        return False
    applicability = finding.suggestions[0].applicability
    return applicability is Applicability.SAFE or (unsafe and applicability is Applicability.UNSAFE)


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
