"""Rule pages and rule lists rendered from the rulesets, so documentation cannot drift from
the YAML the engine runs (ruff's headings: what it flags, why, source, examples, fix safety)."""
from __future__ import annotations

import json

from .ruleset import Rulebook, Rule

FIX_SAFETY = {
    "safe": "Safe: the rewrite keeps the claim and changes only its form; `--fix` may apply it.",
    "unsafe": "Unsafe: the rewrite changes the claim; it is offered, and applied only when unsafe fixes are requested.",
    "display": "Advice only: shown, never applied.",
    None: "No automatic rewrite: the suggestion says what to do.",
}
GRADES = {"L": "statute", "C": "case law", "P": "platform policy", "K": "documented convention", "W": "weak evidence"}


def markets_for(rulebook: Rulebook, rule: Rule) -> list[str]:
    return [m.code for m in rulebook.markets.values()
            if rule.ruleset in m.rulesets and (not rule.markets or m.code in rule.markets)]


def rule_page(rulebook: Rulebook, rule: Rule) -> str:
    lines = [f"# {rule.code} {rule.name}", ""]
    lines += [f"Severity: {rule.severity} · kind: {rule.kind} · ruleset: {rule.ruleset} · "
              f"fields: {', '.join(rule.fields)}"]
    if rule.effective_from:
        before = f" ({rule.severity_before} before that)" if rule.severity_before else " (not checked before)"
        lines.append(f"In force from {rule.effective_from.isoformat()}{before}.")
    lines += ["", "## What it flags", "", rule.message, "", "## Why", "", rule.why, "", "## Source", ""]
    grade = GRADES.get(rule.source.grade, rule.source.grade)
    lines.append(f"{rule.source.title} ({grade})" + (f" <{rule.source.url}>" if rule.source.url else ""))
    if rule.when or rule.unless:
        lines += ["", "## Conditions", ""]
        lines += [f"- only when {_condition(c)}" for c in rule.when]
        lines += [f"- not when {_condition(c)}" for c in rule.unless]
    lines += ["", "## Examples", ""]
    for example in rule.invalid:
        arrow = f" → {example.fixed}" if example.fixed is not None else ""
        lines.append(f"- flagged: {_shown(example)}{arrow}")
    for example in rule.valid:
        lines.append(f"- not flagged: {_shown(example)}")
    lines += ["", "## Fix safety", "", FIX_SAFETY[rule.fix.value if rule.fix else None]]
    if rule.suggestion:
        lines += ["", f"Suggestion: {rule.suggestion}"]
    lines += ["", "## Markets", "", ", ".join(markets_for(rulebook, rule)) or "none"]
    return "\n".join(lines) + "\n"


def _shown(example) -> str:
    parts = [] if example.text is None else [example.text]
    if example.record:
        parts.append(f"(record {json.dumps(example.record, ensure_ascii=False, default=str)})")
    if example.market:
        parts.append(f"[market {example.market}]")
    return " ".join(parts)


def _condition(condition) -> str:
    if condition.target == "attribute":
        values = ", ".join(condition.values) if condition.values else (
            condition.pattern.pattern if condition.pattern else "")
        return f"attribute {condition.name} {condition.test.replace('_', ' ')} {values}".rstrip()
    if condition.target == "price":
        return f"a price is {condition.test}"
    return f"the {condition.target} matches /{condition.pattern.pattern}/"
