"""Applying suppressions to a record's findings, and the findings about suppressions
themselves: LNT001 (one that cannot be used) and LNT002 (one that suppressed nothing)."""
from __future__ import annotations

from typing import Callable, Optional, Sequence

from ..kinds.base import Hit
from ..model import Finding, Record
from ..selector import RuleIndex
from . import directives
from .directives import Problem, Suppression

KIND = "directive"  # the rule kind of LNT001/LNT002: data this module reads, no checker


class Suppressor:
    """One market's suppression handling. ``rules`` are the market's `directive` rules (their
    codes, messages and severities; without them the findings are not reported);
    ``make_finding`` turns a Hit into a Finding the way every rule's hits are."""

    def __init__(self, rules: Sequence, index: RuleIndex, make_finding: Callable[[Record, Hit], Finding]):
        self.rules = {rule.options["check"]: rule for rule in rules}
        self.index = index
        self.make_finding = make_finding

    def apply(self, record: Record, findings: list[Finding], carried: Optional["FileSuppressions"] = None) -> list[Finding]:
        """``findings`` less those the record's suppressions (and the file's, ``carried`` from
        earlier records) account for, plus findings about the suppressions themselves."""
        if not directives.carries_any(record) and not (carried and carried.items):
            return findings
        own, problems = self._read(record, carried)
        used: list[set[str]] = [set() for _ in own]  # per suppression: the selectors that silenced something
        kept = [f for f in findings if not _covered(f.rule, own, used) and not (carried and carried.covers(f.rule))]
        return sorted(kept + self._reports(record, problems, own, used), key=Finding.sort_key)

    def _reports(self, record: Record, problems: list[Problem], own: list[Suppression],
                 used: list[set[str]]) -> list[Finding]:
        """LNT001 for each problem, LNT002 for each suppression with a selector that silenced nothing."""
        reports = [self._report(record, "malformed", p.source, p.start, p.end, {"problem": p.message})
                   for p in problems]
        reports += [self.unused(record, sup, used_by) for sup, used_by in zip(own, used)]
        return [f for f in reports if f is not None]

    def _read(self, record: Record, carried: Optional["FileSuppressions"]) -> tuple[list[Suppression], list[Problem]]:
        """The record's own suppressions and the problems of those that cannot be used; a
        file-level one goes to ``carried``."""
        own, problems = [], []
        for text, source in directives.sources(record):
            suppression, problem = directives.parse(text, source, self.index)
            if problem is None and suppression.whole_file:
                problem = _file_level_problem(record, carried, suppression)
            if problem:
                problems.append(problem)
            elif suppression.whole_file and carried is not None:
                carried.add(suppression, self, record)
            else:
                own.append(suppression)
        return own, problems

    def unused(self, record: Record, sup: Suppression, used: set) -> Optional[Finding]:
        """LNT002 for the selectors of ``sup`` that silenced nothing; removable when none did."""
        idle = [selector for selector in sup.selectors if selector not in used]
        if not idle:
            return None
        return self._report(record, "unused", sup.source, sup.start, sup.end,
                            {"codes": ", ".join(idle)}, removable=not used)

    def _report(self, record: Record, check: str, source, start: int, end: int, values: dict,
                removable: bool = False) -> Optional[Finding]:
        rule = self.rules.get(check)
        if rule is None:  # switched off (--ignore LNT002)
            return None
        field = directives.as_field(source)
        values = dict(values, match=field.text[start:end].strip())
        return self.make_finding(record, Hit(rule, field, start, end, ("",) if removable else (), values))


class FileSuppressions:
    """`ignore-file` suppressions met so far in one file, and which of them did any work."""

    def __init__(self, read_in_pieces: bool = False):
        # A file that workers read in pieces (a JSON Lines feed) has no one place for file-wide choices.
        self.read_in_pieces = read_in_pieces
        self.items: list = []  # (suppression, suppressor, record) in file order
        self.used: list[set[str]] = []  # per item: the selectors that silenced something
        self.records = 0  # records of the file linted before the current one

    def add(self, suppression: Suppression, suppressor: Suppressor, record: Record) -> None:
        self.items.append((suppression, suppressor, record))
        self.used.append(set())

    def covers(self, rule_code: str) -> bool:
        return _covered(rule_code, [sup for sup, _, _ in self.items], self.used)

    def unused_findings(self) -> list[Finding]:
        found = [suppressor.unused(record, sup, used)
                 for (sup, suppressor, record), used in zip(self.items, self.used)]
        return [f for f in found if f is not None]


def _covered(rule_code: str, suppressions: list[Suppression], used: list[set[str]]) -> bool:
    """Whether one of ``suppressions`` covers the rule; the first that does is marked used."""
    for suppression, used_by in zip(suppressions, used):
        selector = suppression.covering(rule_code)
        if selector:
            used_by.add(selector)
            return True
    return False


def _file_level_problem(record: Record, carried: Optional[FileSuppressions], sup: Suppression) -> Optional[Problem]:
    """ignore-file counts in the first record of a file that is read whole. JSON Lines feeds
    are read in slices by several workers, so a feed's file-wide choices belong in the
    configuration (per-file-ignores)."""
    if carried is not None and carried.read_in_pieces:
        message = "ignore-file does not apply to a JSON Lines feed; use per-file-ignores in the configuration"
    elif carried is not None and carried.records:
        message = "ignore-file belongs in the file's first record"
    else:
        return None
    return Problem(message, sup.source, sup.start, sup.end)
