"""Reading suppressions: where a record carries them, and what one says."""
from __future__ import annotations

import re
from typing import Iterator, Optional

import msgspec

from ..model import Directive, Field, Record
from ..selector import RuleIndex, SelectorError, parse_all

_DIRECTIVE = re.compile(
    r"^\s*loclint\s*:\s*(?P<kind>ignore|ignore-file)\s*\[(?P<selectors>[^\]]*)\]\s*(?:--|—|–)\s*(?P<reason>\S.*?)\s*$",
    re.IGNORECASE | re.DOTALL,
)
MARKER = re.compile(r"\bloclint\s*:", re.IGNORECASE)


# A Struct, not a dataclass: created in 0.1 M instructions instead of 2-4 M (docs/research/issue17-imports.md)
class Suppression(msgspec.Struct, frozen=True):
    selectors: tuple[str, ...]  # as written, in order
    codes: tuple[frozenset[str], ...]  # the rule codes each selector covers
    reason: str
    whole_file: bool
    source: object  # where it was written: the Field, or a model.Directive from a reader
    start: int = 0  # its span in the field's text
    end: int = 0

    def covering(self, rule_code: str) -> Optional[str]:
        """The selector of this suppression that covers ``rule_code``, if any."""
        return next((selector for selector, codes in zip(self.selectors, self.codes) if rule_code in codes), None)


class Problem(msgspec.Struct, frozen=True):
    message: str
    source: object
    start: int = 0
    end: int = 0


def parse(text: str, source, index: RuleIndex, start: int = 0) -> tuple[Optional[Suppression], Optional[Problem]]:
    """One directive: a Suppression, or the Problem that makes it unusable."""
    end = start + len(text)
    match = _DIRECTIVE.match(text)
    if match is None:
        return None, Problem(
            f"“{text.strip()[:60]}” is not a suppression loclint can read; write "
            "“loclint: ignore[CODE] -- reason” (the reason is required)", source, start, end)
    try:
        selectors, codes = _selectors(match.group("selectors"), index)
    except SelectorError as exc:
        return None, Problem(f"the suppression names {exc.problem}", source, start, end)
    return Suppression(selectors, codes, match.group("reason"), match.group("kind").lower() == "ignore-file",
                       source, start, end), None


def _selectors(written: str, index: RuleIndex) -> tuple[tuple[str, ...], tuple[frozenset[str], ...]]:
    """The bracket's selectors as written and the codes each covers; SelectorError when one is
    malformed or covers no rule (or the bracket is empty)."""
    selectors = parse_all([s for s in written.split(",") if s.strip()], "")
    codes = tuple(index.codes(s) for s in selectors)
    unknown = [s.text for s, covered in zip(selectors, codes) if not covered]
    if not selectors or unknown:
        raise SelectorError("", "; ".join(f"{text}: no such rule{index.hint(text)}" for text in unknown)
                            or "no code: no such rule")
    return tuple(s.text for s in selectors), codes


def sources(record: Record) -> Iterator[tuple[str, object]]:
    """(text, where) of every suppression the record carries."""
    for field in record.fields:
        if field.scope == "_loclint" and field.text.strip():  # "" is what removing one leaves
            yield field.text, field
    for directive in record.directives:
        yield directive.text, directive


def carries_any(record: Record) -> bool:
    return bool(record.directives) or any(f.scope == "_loclint" for f in record.fields)


def as_field(source) -> Field:
    """The field a finding about a suppression points at: its own, or for a directive a reader
    found outside the fields a stand-in that cannot be rewritten."""
    if isinstance(source, Field):
        return source
    directive: Directive = source
    line, column = directive.line, directive.column
    return Field("loclint-directive", "_loclint", directive.text, lambda offset: (line, column + offset))
