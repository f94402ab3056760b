"""Suppressions with a reason, written where each format keeps notes.

    loclint: ignore[DE001] -- test source given on the product page
    loclint: ignore[DE001, MET] -- ...          several codes, or a market prefix
    loclint: ignore-file[MP003] -- ...          the whole file (see README for where)

A JSON or YAML record carries them in a `_loclint` key (a string or a list), a CSV feed in a
`_loclint` column; other readers hand them over as ``Record.directives`` (a translator comment
in PO, a note in XLIFF, an HTML or Markdown comment). A suppression without a reason, with an
unknown code or in a form loclint cannot read is itself a finding (LNT001), and so is one that
suppressed nothing (LNT002): stale suppressions hide the next real problem.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

_DIRECTIVE = re.compile(
    r"^\s*loclint\s*:\s*(?P<kind>ignore|ignore-file)\s*\[(?P<codes>[^\]]*)\]\s*(?:--|—|–)\s*(?P<reason>\S.*?)\s*$",
    re.IGNORECASE | re.DOTALL,
)
_CODE = re.compile(r"^[A-Z]{2,4}(?:\d{3})?$")
MARKER = re.compile(r"\bloclint\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class Suppression:
    codes: tuple[str, ...]  # rule codes or market prefixes
    reason: str
    whole_file: bool
    source: object  # where it was written: the Field, or a model.Directive from a reader
    start: int = 0  # its span in the field's text
    end: int = 0

    def covering(self, rule_code: str) -> Optional[str]:
        """The code of this suppression that covers ``rule_code`` (itself or its prefix), if any."""
        return next((code for code in self.codes
                     if rule_code == code or (not code[-1].isdigit() and rule_code.startswith(code))), None)


@dataclass(frozen=True)
class Problem:
    message: str
    source: object
    start: int = 0
    end: int = 0


def parse(text: str, source, known_codes, start: int = 0) -> tuple[Optional[Suppression], Optional[Problem]]:
    """One directive: a Suppression, or the Problem that makes it unusable."""
    end = start + len(text)
    match = _DIRECTIVE.match(text)
    if match is None:
        return None, Problem(
            f"“{text.strip()[:60]}” is not a suppression loclint can read; write "
            "“loclint: ignore[CODE] -- reason” (the reason is required)", source, start, end)
    codes = tuple(c.strip().upper() for c in match.group("codes").split(",") if c.strip())
    unknown = [c for c in codes if not _CODE.match(c) or not any(k == c or k.startswith(c) for k in known_codes)]
    if not codes or unknown:
        what = ", ".join(unknown) if unknown else "no code"
        return None, Problem(f"the suppression names {what}: no such rule", source, start, end)
    return Suppression(codes, match.group("reason"), match.group("kind").lower() == "ignore-file",
                       source, start, end), None
