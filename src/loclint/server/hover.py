"""Hover on a flagged span: what loclint found there, and the rule's page (what it flags, why,
its examples, its source), the page `loclint rule CODE` prints."""
from __future__ import annotations

from typing import Optional

from ..model import Finding


class RulePages:
    """Rule pages by code, made once per rulebook: a page lints the rule's examples."""

    def __init__(self):
        self._pages: dict = {}

    def page(self, rulebook, code: str) -> Optional[str]:
        from ..rule_page import rule_page

        key = (id(rulebook), code)
        if key not in self._pages:  # the rulebook is kept with its pages, so its id stays its own
            rule = rulebook.find(code)
            self._pages[key] = (rulebook, rule_page(rulebook, rule) if rule is not None else None)
        return self._pages[key][1]


def hover_text(findings: list[Finding], rulebook, pages: RulePages) -> str:
    """Markdown: each finding's message, then its rule's page (once per rule)."""
    parts, shown = [], set()
    for finding in findings:
        fix = finding.suggestions[0] if finding.suggestions else None
        found = f"**{finding.rule}** ({finding.severity}) {finding.message}"
        if fix is not None:
            found += f"\n\nSuggestion ({fix.applicability}): “{fix.replacement}”"
        parts.append(found)
        if finding.rule not in shown:
            shown.add(finding.rule)
            page = pages.page(rulebook, finding.rule)
            if page:
                parts.append(page)
    return "\n\n---\n\n".join(parts)
