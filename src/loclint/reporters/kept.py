"""A reporter that keeps what a run reports, for callers that want the findings themselves
(the Python API's Report, the language server's linted buffer) rather than output."""
from __future__ import annotations

from typing import Protocol

from ..model import Finding, ReadError


class Holder(Protocol):
    findings: list[Finding]
    errors: list[ReadError]


class Kept:
    """Appends each finding and read error to ``into``'s lists, in the order reported."""

    def __init__(self, into: Holder):
        self.into = into

    def finding(self, finding: Finding) -> None:
        self.into.findings.append(finding)

    def error(self, error: ReadError) -> None:
        self.into.errors.append(error)

    def finish(self, summary) -> None:
        pass
