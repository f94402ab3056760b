"""Quick fixes: a finding's rewrites as edits of the buffer, in the file's own syntax
(``Suggestion.raw``: a PO or JSON string gets its escapes), exactly where `--fix` would write
them; and "fix all safe", the text `loclint check --fix` would leave, as one edit.

A safe rewrite is the preferred quick fix; an unsafe one (it changes the claim) is offered,
titled as unsafe, and never preferred; display-only advice is no edit.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from lsprotocol import types

from ..model import Applicability, Finding
from .positions import Lines


@dataclass(frozen=True)
class QuickFix:
    title: str
    edit: types.TextEdit
    preferred: bool


def quick_fixes(finding: Finding, lines: Lines) -> list[QuickFix]:
    """One per rewrite the file can hold in place (a span whose end is known, a raw form)."""
    if finding.start is None or finding.end_line <= 0:
        return []
    area = types.Range(lines.to_client(finding.line, finding.column),
                       lines.to_client(finding.end_line, finding.end_column))
    fixes = []
    for rank, suggestion in enumerate(finding.suggestions):
        if suggestion.applicability is Applicability.DISPLAY or suggestion.raw is None:
            continue
        safe = suggestion.applicability is Applicability.SAFE
        title = f"{finding.rule}: replace “{_short(finding.text)}” with “{_short(suggestion.replacement)}”"
        if not safe:
            title += " (unsafe fix: changes the claim)"
        fixes.append(QuickFix(title, types.TextEdit(area, suggestion.raw), preferred=safe and rank == 0))
    return fixes


def fix_all_safe(plan, text: str, name: str, lines: Lines) -> tuple[Optional[types.TextEdit], Optional[str]]:
    """The edit that turns ``text`` into what `--fix` makes of it (every round, every check:
    writeback.fix_file on a temporary copy named like ``name``), or None and why not; (None,
    None) when there is nothing to fix."""
    from ..stdin import copy_of
    from ..writeback import fix_file

    with copy_of(text.encode("utf-8", "surrogatepass"), name) as copy:
        result = fix_file(plan.linter, copy, market=plan.market, locale=plan.locale, unsafe=False,
                          write=False, options=plan.options)
    if result.error:
        return None, result.error
    if not result.changed:
        return None, None
    return replacing(text, result.fixed, lines), None


def replacing(old: str, new: str, lines: Lines) -> types.TextEdit:
    """One edit from ``old`` to ``new``: the part between their common start and end."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    if start and old[start - 1] == "\r":  # not between the two characters of a line break
        start -= 1
    end = 0
    while end < limit - start and old[len(old) - 1 - end] == new[len(new) - 1 - end]:
        end += 1
    if end and old[len(old) - end] == "\n" and len(old) - end > start and old[len(old) - end - 1] == "\r":
        end -= 1
    return types.TextEdit(types.Range(lines.position_at(start), lines.position_at(len(old) - end)),
                          new[start:len(new) - end])


def _short(text: str, limit: int = 40) -> str:
    text = text.replace("\n", "↵")
    return text if len(text) <= limit else text[:limit - 1] + "…"
