"""Plain data that flows through loclint: fields, records, edits, findings, read errors.

Everything here is a frozen dataclass, a frozen msgspec Struct or an enum so that findings can be
pickled across worker processes, compared in tests and serialised without custom hooks.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field as dc_field
from typing import Any, Callable, Optional

import msgspec


class Severity(enum.IntEnum):
    """error = legal risk, warning = cultural or commercial risk, info = style."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
        return cls[name.upper()]

    def __str__(self) -> str:
        return self.name.lower()


class Applicability(enum.Enum):
    """How safe a suggestion is to apply without a human (ruff's model)."""

    SAFE = "safe"  # keeps the claim, changes only form (units, number format)
    UNSAFE = "unsafe"  # changes the claim (rewrites a superlative)
    DISPLAY = "display"  # advice only, never applied automatically

    def __str__(self) -> str:
        return self.value


Locator = Callable[[int], "tuple[int, int]"]
"""Maps a character offset in a field's text to a 1-based (line, column) in the file."""


class Field(msgspec.Struct, frozen=True):
    """One piece of text in a record.

    ``path`` names it exactly (``bullets[0]``, ``images[1].colors[0]``); ``scope`` names its
    kind for rule selection (``bullets``, ``images.colors``).

    A Struct, not a dataclass: a reader builds one for every text of every record (40k in a
    corpus run), and a Struct's constructor runs in C (0.14 against 0.84 us for a frozen
    dataclass's, whose __init__ sets each attribute through object.__setattr__). Equality, the
    hash and the repr are a field's text and where it is, as they were: how it is located and
    written back (the callables) and its original are not part of what it is.
    """

    path: str
    scope: str
    text: str
    locate: Optional[Locator] = None
    # Writes a replacement in the file's own syntax (JSON escapes, YAML quoting), or returns None
    # where that cannot be done safely; None: the field cannot be written back at all.
    encode: Optional[Callable[[str], Optional[str]]] = None
    # Where a span ending at an offset ends in the file, when that differs from where the next
    # character starts (HTML: a span before "</b>" ends before the tag). None: use ``locate``.
    locate_end: Optional[Locator] = None
    # The text this field translates (a PO msgid, an XLIFF <source>), for checks across the pair.
    source: Optional["Original"] = None

    def _compared(self) -> tuple[str, str, str]:
        return (self.path, self.scope, self.text)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(self._compared())

    def __repr__(self) -> str:
        return f"Field(path={self.path!r}, scope={self.scope!r}, text={self.text!r})"

    def position(self, offset: int) -> tuple[int, int]:
        if self.locate is None:
            return (0, 0)
        return self.locate(offset)

    def end_position(self, end: int) -> tuple[int, int]:
        """Where a span that ends (exclusively) at ``end`` ends in the file."""
        if self.locate_end is not None:
            found = self.locate_end(end)
            if found != (0, 0):
                return found
        return self.position(end)


# A Struct, not a dataclass: created in 0.1 M instructions instead of 2-4 M (docs/research/issue17-imports.md)
class Original(msgspec.Struct, frozen=True):
    """The source-language text a translated field renders.

    ``one_number``: the field is a plural form the language uses for a single number (German
    "ein Artikel" for n = 1), which may spell that number out instead of keeping its placeholder.
    ``others``: the other source forms of a plural (msgid_plural), whose placeholders a form
    may also use (Portuguese uses its first form for 0 and 1, so it needs the count).
    ``codes``, ``target_codes``: how the source's and the translation's inline codes (each one
    U+FFFC in the text) are named, in order (XLIFF ``<ph id="2"/>``), so a lost one can be named.
    """

    text: str
    one_number: bool = False
    others: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    target_codes: tuple[str, ...] = ()


# A Struct, not a dataclass: created in 0.1 M instructions instead of 2-4 M (docs/research/issue17-imports.md)
class Directive(msgspec.Struct, frozen=True):
    """A `loclint: ignore[...] -- reason` comment a reader found outside the record's fields
    (a PO translator comment, an XLIFF note, an HTML comment), with where it starts."""

    text: str
    line: int = 0
    column: int = 0


class Record(msgspec.Struct, frozen=True):
    """A listing in canonical shape, plus where it came from (a Struct, as Field is: one a
    line of a feed)."""

    id: str
    market: Optional[str]
    locale: Optional[str]
    fields: tuple[Field, ...]
    attributes: dict[str, Any]
    price: dict[str, Any]
    path: str = ""
    line: int = 0
    directives: tuple[Directive, ...] = ()  # suppressions kept outside the fields (suppressions.py)
    # A piece of copy (a translated string), not a whole listing: rules about what a listing
    # lacks (kind `required`: no manufacturer, no unit price) do not apply to it.
    partial: bool = False


@dataclass(frozen=True)
class Suggestion:
    replacement: str
    applicability: Applicability
    raw: Optional[str] = None  # the replacement as the file writes it; None: not writable there


# A Struct, not a dataclass: created in 0.1 M instructions instead of 2-4 M (docs/research/issue17-imports.md)
class Source(msgspec.Struct, frozen=True):
    title: str
    url: str = ""
    grade: str = ""  # L statute, C case law, P platform policy, K convention, W weak


@dataclass(frozen=True)
class Finding:
    rule: str
    name: str
    severity: Severity
    message: str
    path: str
    record: str
    field: Optional[str]  # None for record-level findings (required information missing)
    start: Optional[int]
    end: Optional[int]
    line: int
    column: int
    text: str  # the flagged excerpt
    suggestions: tuple[Suggestion, ...]
    source: Source
    market: str = ""
    before: str = ""  # up to 30 characters of the field before the span, for display
    after: str = ""
    end_line: int = 0  # where the span ends in the file (exclusive), 0 when unknown
    end_column: int = 0

    @classmethod
    def of(cls, **values: Any) -> "Finding":
        """``Finding(**values)`` with every field given, its instance dict written once: the
        frozen dataclass's __init__ sets each of its 19 attributes through object.__setattr__,
        most of the cost of turning a hit into a finding (tests/test_finding_of.py)."""
        finding = object.__new__(cls)
        finding.__dict__.update(values)
        return finding

    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        return (self.path, self.line, self.column, self.rule, self.record, self.field or "")

    def to_dict(self) -> dict[str, Any]:
        """The finding as the JSON contract writes it (README: The JSON contract); the json and
        jsonl formats write exactly this, so the API's form cannot drift from theirs."""
        return {
            "rule": self.rule,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "path": self.path,
            "record": self.record,
            "field": self.field,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "suggestions": [
                {"replacement": s.replacement, "applicability": str(s.applicability)} for s in self.suggestions
            ],
            "source": {"title": self.source.title, "url": self.source.url, "grade": self.source.grade},
            "market": self.market,
            "context": {"before": self.before, "after": self.after},
        }


@dataclass(frozen=True)
class ReadError:
    """Input that could not be read: a bad file, line or record. The run goes on."""

    path: str
    line: int
    message: str
    record: Optional[str] = None
    whole_file: bool = False  # the file could not be read at all (exit code 2)

    def to_dict(self) -> dict[str, Any]:
        """The error as the JSON contract writes it (its ``errors`` list)."""
        return {"path": self.path, "line": self.line, "record": self.record, "message": self.message}
