"""What the translation readers (PO, XLIFF, JSON i18n resources) share: a translated string
becomes a record of its own, its text a field the listing rules lint.

Scope: a translated string is copy a buyer (or a shop's staff) reads, rarely a marketplace
title or bullet, so it is linted as a ``description``. Only a context or key that names a
listing field (``msgctxt "product title"``, ``product.title``, ``listing_bullet_2``) makes it a
title or bullet, so that title rules apply: a bare ``title`` key in a UI resource is a page
heading ("Editar promoção"), and the marketplace title rules misfired on every one.
"""
from __future__ import annotations

import re
from typing import Callable, Iterable, Optional

from ...model import Directive, Field, Original, Record
from ...suppressions import MARKER
from ..errors import UnreadableInput
from .locales import MarketChoice

_SCOPE_WORDS = re.compile(r"(?:^|[.\s/:|])(?:product|listing|item|offer)[-_. ]?(title|description|bullets?)"
                          r"(?:[-_ ]?\d+)?$", re.IGNORECASE)


def scope_for(*names: Optional[str]) -> str:
    """``title``, ``bullets`` or ``description`` from the end of a key or context."""
    for name in names:
        match = _SCOPE_WORDS.search(name or "")
        if match:
            word = match.group(1).lower()
            return "bullets" if word.startswith("bullet") else word
    return "description"


def text_field(path: str, scope: str, text: str, *, locate=None, locate_end=None,
               encode: Optional[Callable[[str], Optional[str]]] = None,
               source: Optional[str] = None, one_number: bool = False, others: tuple = (),
               codes: tuple = (), target_codes: tuple = ()) -> Field:
    original = Original(source, one_number, tuple(others), tuple(codes), tuple(target_codes)) \
        if source is not None else None
    return Field(path, scope, text, locate, encode, locate_end, original)


def translation_record(record_id: str, *, path: str, line: int, choice: MarketChoice,
                       fields: Iterable[Field], directives: Iterable[Directive] = (),
                       attributes: Optional[dict] = None) -> Record:
    return Record(id=record_id, market=choice.market, locale=choice.locale, fields=tuple(fields),
                  attributes=attributes or {}, price={}, path=path, line=line, directives=tuple(directives),
                  partial=True)


def directives_in(notes: Iterable[tuple[str, int, int]]) -> list[Directive]:
    """Suppressions among a unit's comments or notes: (text, line, column) of each, kept when
    it addresses loclint (other notes are for translators, not directives gone wrong)."""
    return [Directive(text, line, column) for text, line, column in notes if MARKER.search(text)]


def no_market(choice: MarketChoice) -> UnreadableInput:
    """One error for the file, not one per string: without a market nothing in it can be linted."""
    return UnreadableInput(f"{choice.problem}; file skipped", whole_file=True)


def short_id(*parts: Optional[str], limit: int = 80) -> str:
    """A record id from a key or msgctxt + msgid: stable across edits elsewhere in the file
    (baselines key on it), one line, and short enough to read in a report."""
    text = "|".join(p for p in parts if p)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
