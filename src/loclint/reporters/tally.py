"""The closing lines of the human formats (full, concise): how much was read, how bad it is,
which rules dominate and how much `--fix` would take care of. The first line is the one a
script greps for, so its wording is stable."""
from __future__ import annotations

TOP_RULES = 10  # rules named in the closing lines; the rest are counted


def totals(summary) -> str:
    """``3 file(s), 9 record(s): 47 findings · 29 error, 14 warning, 4 info``."""
    counts = summary.as_dict()["by_severity"]
    parts = [f"{summary.findings} finding{'s' * (summary.findings != 1)}"]
    parts.append(", ".join(f"{n} {s}" for s, n in counts.items() if n) or "clean")
    line = f"{summary.files} file(s), {summary.records} record(s): " + " · ".join(parts)
    if summary.errors:
        line += f" · {summary.errors} unreadable input(s)"
    return line


def details(summary) -> list[str]:
    """The top rules and the fixable count, indented under the totals; nothing for a clean run."""
    lines = []
    if summary.by_rule:
        ranked = sorted(summary.by_rule.items(), key=lambda item: (-item[1], item[0]))
        shown = ", ".join(f"{code} ×{n}" for code, n in ranked[:TOP_RULES])
        rest = len(ranked) - TOP_RULES
        lines.append(f"  rules: {shown}" + (f" and {rest} more rule(s)" if rest > 0 else ""))
    if summary.fixable_safe or summary.fixable_unsafe:
        fixable = []
        if summary.fixable_safe:
            fixable.append(f"{summary.fixable_safe} with --fix")
        if summary.fixable_unsafe:
            fixable.append(f"{summary.fixable_unsafe} more with --fix --unsafe-fixes")
        lines.append("  fixable: " + ", ".join(fixable))
    return lines
