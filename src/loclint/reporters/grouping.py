"""Wording first, disclosures together, in the human formats. A record's record-level findings
(what an offer lacks: the MRP, the country of origin, the manufacturer ...) are held back until
the record's last finding and shown after its wording findings; two or more of them are one
group, so four missing declarations do not bury the one claim a writer has to rewrite. The
machine formats (json, sarif ...) keep one finding per rule, in the engine's order."""
from __future__ import annotations

from typing import Callable, Optional

from ..model import Finding, Severity


class HeldDisclosures:
    """Holds one record's record-level findings; ``show_one`` prints a finding, ``show_group``
    a record's two or more record-level findings."""

    def __init__(self, show_one: Callable[[Finding], None], show_group: Callable[[list[Finding]], None]):
        self.show_one, self.show_group = show_one, show_group
        self._record: Optional[tuple[str, str]] = None
        self._held: list[Finding] = []

    def finding(self, f: Finding) -> None:
        if (f.path, f.record) != self._record:
            self.flush()
            self._record = (f.path, f.record)
        if f.field is None:
            self._held.append(f)
        else:
            self.show_one(f)

    def flush(self) -> None:
        """Shows what is held: at the next record, before a read error, at the end."""
        held, self._held = self._held, []
        if len(held) == 1:
            self.show_one(held[0])
        elif held:
            self.show_group(held)


def group_head(held: list[Finding]) -> tuple[Severity, str, int]:
    """The group's highest severity, its codes ("IN005,IN006,IN009") and how many there are."""
    return max((f.severity for f in held), key=lambda s: s.value), ",".join(f.rule for f in held), len(held)
