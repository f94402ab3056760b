"""Counts a run reports at the end, in every format."""
from __future__ import annotations

from collections import Counter
from typing import Optional

import msgspec

from .fixer import writable
from .model import Finding, ReadError, Severity

# str(severity) runs the enum's Python __str__; this is counted for every finding, and in a
# --jobs run by the parent while the workers wait for the CPU it takes.
_SEVERITY_NAMES = {severity: str(severity) for severity in Severity}


# A Struct, not a dataclass: created in 0.1 M instructions instead of 2-4 M (docs/research/issue17-imports.md)
class Summary(msgspec.Struct):
    files: int = 0
    records: int = 0
    findings: int = 0
    errors: int = 0
    by_severity: Counter = msgspec.field(default_factory=Counter)
    by_rule: Counter = msgspec.field(default_factory=Counter)
    fixable_safe: int = 0
    fixable_unsafe: int = 0

    def add_finding(self, finding: Finding) -> None:
        self.findings += 1
        self.by_severity[_SEVERITY_NAMES.get(finding.severity) or str(finding.severity)] += 1
        self.by_rule[finding.rule] += 1
        if not finding.suggestions:  # nothing to write: not fixable either way
            return
        if writable(finding, unsafe=False):  # what --fix will write, not what a rule suggests
            self.fixable_safe += 1
        elif writable(finding, unsafe=True):
            self.fixable_unsafe += 1

    def merge(self, other: "Summary") -> None:
        """Add the findings ``other`` counted (a --jobs worker counts the findings it writes)."""
        self.findings += other.findings
        self.by_severity.update(other.by_severity)
        self.by_rule.update(other.by_rule)
        self.fixable_safe += other.fixable_safe
        self.fixable_unsafe += other.fixable_unsafe

    def worst(self) -> Optional[Severity]:
        """The most severe of the counted findings' severities (None without findings): what
        --fail-on compares, worked out from the counts, which --jobs workers merge too."""
        return max((s for s, name in _SEVERITY_NAMES.items() if self.by_severity.get(name)), default=None)

    def add_error(self, error: ReadError) -> None:
        self.errors += 1

    def as_dict(self) -> dict:
        return {
            "files": self.files,
            "records": self.records,
            "findings": self.findings,
            "errors": self.errors,
            "by_severity": {s: self.by_severity.get(s, 0) for s in ("error", "warning", "info")},
            "by_rule": dict(sorted(self.by_rule.items())),
            "fixable": {"safe": self.fixable_safe, "unsafe": self.fixable_unsafe},
        }
