"""gettext PO files (and POT templates): each translated entry is a record.

polib parses the file (entries, comments, flags, the header); readers.translation.poscan finds where every
string sits in the raw text, so positions are exact inside multi-line msgstr values and through
escapes. The record:

- id: ``msgctxt|msgid`` (shortened), stable when other entries move, as baselines need;
- fields: ``msgstr`` (or ``msgstr[0]``, ``msgstr[1]`` … for plurals), linted as a description
  unless the msgctxt names a title or bullet (readers.translation.strings.scope_for), each carrying
  its msgid (``msgid_plural`` for the plural forms) for checks across the pair;
- directives: ``loclint: ignore[...] -- reason`` in a translator (``#``) or extracted (``#.``)
  comment; attributes: the entry's flags (``fuzzy``, ``python-format``) for conditions.

Untranslated and obsolete (``#~``) entries and the header are not linted; how many entries of a
PO file were untranslated is said on stderr (readers.translation.notices), not left unsaid. Fuzzy entries are:
msgfmt leaves them out of the compiled catalogue, but they are the translation a reviewer is
about to accept, and some tools ship them. The market comes from the ``Language`` header, then
the path (readers.translation.locales).
"""
from __future__ import annotations

import gettext
from collections import defaultdict, deque
from typing import Iterator, Optional

import polib

from ...model import Record
from ...positions import LineIndex
from ..base import Item, ReadContext, Reader, Source
from ..errors import UnreadableInput
from .locales import market_for_file
from .notices import tell
from .poscan import ScannedEntry, scan
from .strings import directives_in, no_market, scope_for, short_id, text_field, translation_record


_PO_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def po_string(text: str) -> Optional[str]:
    """Inside a PO string literal."""
    return "".join(_PO_ESCAPES.get(ch, ch) for ch in text)


class PoReader(Reader):
    name = "po"
    suffixes = (".po", ".pot")
    escape = staticmethod(po_string)

    def read(self, source: Source, ctx: ReadContext) -> Iterator[Item]:
        return read(source.path, source.text(), ctx)


def read(path: str, text: str, ctx: ReadContext) -> Iterator[Item]:
    try:
        catalog = polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as exc:  # polib: "Syntax error in po file (line 12)"
        raise UnreadableInput(f"not a PO file: {exc}", _line_of(str(exc))) from None
    scanned = _by_key(scan(text))
    entries = [e for e in catalog if not e.obsolete and e.msgid and _has_translation(e)]
    untranslated = sum(1 for e in catalog if not e.obsolete and e.msgid and not _has_translation(e))
    if untranslated and not path.lower().endswith(".pot"):  # a template is untranslated by design
        tell(path, f"{untranslated} untranslated {'entry' if untranslated == 1 else 'entries'} not linted")
    if not entries:
        return  # a template, or nothing translated yet: nothing to lint
    choice = market_for_file(path, catalog.metadata.get("Language"), "Language header", ctx.market, ctx.locale,
                             ctx.markets)
    if choice.market is None:
        yield no_market(choice)
        return
    lines = LineIndex(text)
    forms = _plural_forms(catalog.metadata.get("Plural-Forms", ""))
    for entry in entries:
        spots = scanned[(entry.msgctxt, entry.msgid)]
        spot = spots.popleft() if spots else None
        yield _record(entry, spot, path, lines, choice, forms)


def _record(entry: polib.POEntry, spot: Optional[ScannedEntry], path: str, lines: LineIndex, choice,
            forms) -> Record:
    scope = scope_for(entry.msgctxt)
    if entry.msgid_plural:
        values = [(f"msgstr[{i}]", text, *_plural_source(entry, i, forms))
                  for i, text in sorted(entry.msgstr_plural.items())]
    else:
        values = [("msgstr", entry.msgstr, entry.msgid, False, ())]
    fields = []
    for name, text, source, one_number, others in values:
        where = spot.strings.get(name) if spot else None
        exact = where is not None and where.text == text  # never a wrong position
        fields.append(text_field(
            name, scope, text, source=source, one_number=one_number, others=others,
            locate=_locator(lines, where.start) if exact else None,
            locate_end=_locator(lines, where.end) if exact else None,
            encode=po_string if exact else None))
    if spot is not None:
        line = lines.position(spot.offset)[0]
        notes = [(c.text, *lines.position(c.offset)) for c in spot.comments if c.kind in ("#", "#.")]
    else:
        line = entry.linenum
        notes = [(text, line, 1) for text in (entry.tcomment or "", entry.comment or "") for text in text.split("\n")]
    attributes = {"flags": ", ".join(entry.flags)} if entry.flags else {}
    return translation_record(short_id(entry.msgctxt, entry.msgid), path=path, line=line, choice=choice,
                              fields=fields, directives=directives_in(notes), attributes=attributes)


def _has_translation(entry: polib.POEntry) -> bool:
    """Any msgstr filled in, fuzzy or not (polib's translated() leaves fuzzy entries out)."""
    return bool(entry.msgstr) or any(entry.msgstr_plural.values())


def _by_key(entries: list[ScannedEntry]) -> dict:
    found: dict = defaultdict(deque)
    for entry in entries:
        ctxt = entry.strings.get("msgctxt")
        msgid = entry.strings.get("msgid")
        found[(ctxt.text if ctxt else None, msgid.text if msgid else "")].append(entry)
    return found


def _locator(lines: LineIndex, raw_offset):
    return lambda offset: lines.position(raw_offset(offset))


def _plural_forms(header: str) -> Optional[dict[int, list[int]]]:
    """Plural form index → the numbers 0…1000 that use it, from ``Plural-Forms``; None if unreadable."""
    expression = header.partition("plural=")[2].strip().rstrip(";")
    if not expression:
        return None
    try:
        pick = gettext.c2py(expression)
        forms: dict[int, list[int]] = defaultdict(list)
        for n in range(1001):
            forms[pick(n)].append(n)
        return forms
    except (ValueError, SyntaxError, ZeroDivisionError, RecursionError):
        return None


def _plural_source(entry: polib.POEntry, index: int, forms) -> tuple[str, bool, tuple[str, ...]]:
    """(source, used for one number only, the other source form) of plural form ``index``:
    the form used for n = 1 renders msgid, the others msgid_plural."""
    numbers = forms.get(index, []) if forms is not None else ([1] if index == 0 else [2])
    singular = 1 in numbers
    source, other = (entry.msgid, entry.msgid_plural) if singular else (entry.msgid_plural, entry.msgid)
    return source, len(numbers) == 1, (other,)


def _line_of(message: str) -> int:
    digits = message.rpartition("line ")[2].rstrip(")").strip()
    return int(digits) if digits.isdigit() else 0
