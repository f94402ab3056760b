"""XLIFF 1.2 and 2.0 (.xlf, .xliff): each translation unit with a target is a record.

- 1.2: ``<file target-language>`` … ``<trans-unit id><source/><target/><note/></trans-unit>``
  (``<alt-trans>`` suggestions are not the translation and are skipped);
- 2.0: ``<xliff trgLang>`` … ``<unit id><notes><note/></notes><segment><source/><target/>``
  (one field per segment: ``target``, or ``target[2]`` … when a unit has several).

Inline codes are not text: ``<x/>``, ``<bx/>``, ``<ex/>``, ``<ph>``, ``<bpt>``, ``<ept>``,
``<it>`` (1.2) and ``<ph/>``, ``<sc/>``, ``<ec/>`` (2.0) each become one U+FFFC character, so
words on either side stay apart and the native code inside (``&lt;br/&gt;``) is never linted;
``<g>``, ``<pc>`` and ``<mrk>`` wrap translatable text, which is linted. Positions come from
readers.xmlscan and are exact through entities and character references. A target holding
inline codes is not rewritten (a rewrite could swallow a code); a plain one takes fixes with
XML escapes. Notes carry suppressions (``loclint: ignore[...] -- reason``). Units marked
``translate="no"`` are skipped. The market comes from the target language, then the path.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Optional

from ...model import Record
from ...positions import LineIndex
from ..base import Item, ReadContext, Reader, Source
from ..encoders import html_escaped
from .locales import MarketChoice, market_for_file
from .strings import directives_in, no_market, short_id, text_field, translation_record
from ...text.inline import OBJECT
from .xmlscan import Chunk, End, PositionedText, Start, parse

CODES = frozenset({"x", "bx", "ex", "ph", "bpt", "ept", "it", "sc", "ec", "sm", "em"})
UNITS = frozenset({"trans-unit", "unit"})


@dataclass
class _Unit:
    id: str
    offset: int
    language: Optional[str]
    sources: list[PositionedText] = field(default_factory=list)
    targets: list[Optional[PositionedText]] = field(default_factory=list)
    notes: list[PositionedText] = field(default_factory=list)


class XliffReader(Reader):
    name = "xliff"
    suffixes = (".xlf", ".xliff")
    escape = staticmethod(html_escaped)  # XML text: & < > as entities

    def read(self, source: Source, ctx: ReadContext) -> Iterator[Item]:
        return read(source.path, source.text(), ctx)


def read(path: str, text: str, ctx: ReadContext) -> Iterator[Item]:
    units = list(_units(parse(text)))
    units = [u for u in units if any(t is not None and t.text.strip() for t in u.targets)]
    lines = LineIndex(text)
    choices: dict[Optional[str], MarketChoice] = {}
    for unit in units:
        if unit.language not in choices:
            choices[unit.language] = market_for_file(path, unit.language, "target language", ctx.market,
                                                       ctx.locale, ctx.markets)
            if choices[unit.language].market is None:
                yield no_market(choices[unit.language])
        choice = choices[unit.language]
        if choice.market is not None:
            yield _record(unit, path, lines, choice)


def _record(unit: _Unit, path: str, lines: LineIndex, choice: MarketChoice) -> Record:
    fields = []
    several = len(unit.targets) > 1
    for index, (source, target) in enumerate(zip(unit.sources, unit.targets), 1):
        if target is None or not target.text.strip():
            continue
        fields.append(text_field(
            f"target[{index}]" if several else "target", "description", target.text,
            source=source.text if source is not None else None,
            locate=lambda offset, t=target: lines.position(t.start(offset)),
            locate_end=lambda offset, t=target: lines.position(t.end(offset)),
            encode=None if OBJECT in target.text else html_escaped))
    notes = [(n.text, *lines.position(n.start(len(n.text) - len(n.text.lstrip())))) for n in unit.notes]
    return translation_record(short_id(unit.id), path=path, line=lines.position(unit.offset)[0], choice=choice,
                              fields=fields, directives=directives_in(notes))


def _units(events) -> Iterator[_Unit]:
    """Walk the events: units, their sources and targets per segment, and their notes."""
    language: Optional[str] = None
    unit: Optional[_Unit] = None
    collecting: Optional[PositionedText] = None  # the source, target or note being read
    code_depth = skip_depth = 0  # inside an inline code / inside <alt-trans> or translate="no"
    code_start = 0
    for event in events:
        if isinstance(event, Start):
            name = event.name
            if skip_depth:
                skip_depth += 1
            elif name == "xliff" and event.attrs.get("trgLang"):
                language = event.attrs["trgLang"]
            elif name == "file" and event.attrs.get("target-language"):
                language = event.attrs["target-language"]
            elif name in UNITS:
                if event.attrs.get("translate") == "no":
                    skip_depth = 1
                else:
                    unit = _Unit(event.attrs.get("id") or event.attrs.get("resname") or f"#{event.offset}",
                                 event.offset, language)
            elif unit is not None and name in ("alt-trans", "ignorable"):
                skip_depth = 1
            elif unit is not None and collecting is None and name in ("source", "target", "note"):
                collecting = PositionedText(opened=event.offset)
                _place(unit, name, collecting)
            elif collecting is not None and name in CODES:
                if code_depth == 0:
                    code_start = event.offset
                code_depth += 1
        elif isinstance(event, End):
            name = event.name
            if skip_depth:
                skip_depth -= 1
            elif collecting is not None and name in CODES:
                code_depth -= 1
                if code_depth == 0:
                    collecting.add_code(code_start, event.after)
            elif collecting is not None and name in ("source", "target", "note"):
                collecting = None
            elif name in UNITS and unit is not None:
                yield unit
                unit = None
        elif collecting is not None and not skip_depth and not code_depth and isinstance(event, Chunk):
            collecting.add(event)


def _place(unit: _Unit, name: str, text: PositionedText) -> None:
    """A source opens a segment; its target fills it (1.2 units are one segment)."""
    if name == "note":
        unit.notes.append(text)
    elif name == "source":
        unit.sources.append(text)
        unit.targets.append(None)
    elif unit.targets and unit.targets[-1] is None:
        unit.targets[-1] = text
    else:  # a target without a source before it
        unit.sources.append(None)
        unit.targets.append(text)

