"""XLIFF 1.2 and 2.0 (.xlf, .xliff): each translation unit with a target is a record.

- 1.2: ``<file target-language>`` … ``<trans-unit id><source/><target/><note/></trans-unit>``
  (``<alt-trans>`` suggestions are not the translation and are skipped);
- 2.0: ``<xliff trgLang>`` … ``<unit id><notes><note/></notes><segment><source/><target/>``
  (one field per segment: ``target``, or ``target[2]`` … when a unit has several).

Inline codes are not text: ``<x/>``, ``<bx/>``, ``<ex/>``, ``<ph>``, ``<bpt>``, ``<ept>``,
``<it>`` (1.2) and ``<ph/>``, ``<sc/>``, ``<ec/>`` (2.0) each become one U+FFFC character, so
words on either side stay apart and the native code inside (``&lt;br/&gt;``) is never linted;
``<g>``, ``<pc>`` and ``<mrk>`` wrap translatable text, which is linted. Positions come from
readers.translation.xmlscan and are exact through entities and character references. A target holding
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
from .xmlscan import End, PositionedText, Start, parse

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
            codes=source.codes if source is not None else (), target_codes=target.codes,
            locate=lambda offset, t=target: lines.position(t.start(offset)),
            locate_end=lambda offset, t=target: lines.position(t.end(offset)),
            encode=None if OBJECT in target.text else html_escaped))
    notes = [(n.text, *lines.position(n.start(len(n.text) - len(n.text.lstrip())))) for n in unit.notes]
    return translation_record(short_id(unit.id), path=path, line=lines.position(unit.offset)[0], choice=choice,
                              fields=fields, directives=directives_in(notes))


def _units(events) -> Iterator[_Unit]:
    """Walk the events: units, their sources and targets per segment, and their notes."""
    walk = _Walk()
    for event in events:
        if isinstance(event, Start):
            walk.start(event)
        elif isinstance(event, End):
            done = walk.end(event)
            if done is not None:
                yield done
        elif walk.reading_text():
            walk.collecting.add(event)
        elif walk.code_depth and not walk.skip_depth:
            walk.code_text.append(event.text)


_TEXTS = ("source", "target", "note")
_LANGUAGE_ATTRIBUTE = {"xliff": "trgLang", "file": "target-language"}  # 2.0, 1.2
_SKIPPED = ("alt-trans", "ignorable")  # suggestions and whitespace, not the translation


class _Walk:
    """Where the walk is: the target language, the unit, the text being read and how deep it
    is inside an inline code or a skipped element (<alt-trans>, translate="no")."""

    def __init__(self):
        self.language: Optional[str] = None
        self.unit: Optional[_Unit] = None
        self.collecting: Optional[PositionedText] = None  # the source, target or note being read
        self.code_depth = self.skip_depth = 0
        self.code_start = 0
        self.code: Optional[Start] = None  # the outermost inline code being read
        self.code_text: list[str] = []  # the native code inside it (<ph>&lt;br/&gt;</ph>)

    def reading_text(self) -> bool:
        return self.collecting is not None and not self.skip_depth and not self.code_depth

    def start(self, event: Start) -> None:
        name, attrs = event.name, event.attrs
        if self.skip_depth:
            self.skip_depth += 1
        elif name in _LANGUAGE_ATTRIBUTE:
            self.language = attrs.get(_LANGUAGE_ATTRIBUTE[name]) or self.language
        elif name in UNITS:
            self._open_unit(event)
        elif self.unit is not None and name in _SKIPPED:
            self.skip_depth = 1
        elif self.unit is not None and self.collecting is None and name in _TEXTS:
            self.collecting = PositionedText(opened=event.offset)
            _place(self.unit, name, self.collecting)
        elif self.collecting is not None and name in CODES:
            if self.code_depth == 0:
                self.code_start, self.code, self.code_text = event.offset, event, []
            self.code_depth += 1

    def _open_unit(self, event: Start) -> None:
        if event.attrs.get("translate") == "no":
            self.skip_depth = 1
            return
        unit_id = event.attrs.get("id") or event.attrs.get("resname") or f"#{event.offset}"
        self.unit = _Unit(unit_id, event.offset, self.language)

    def end(self, event: End) -> Optional[_Unit]:
        """The unit this event closes, if it closes one."""
        name = event.name
        if self.skip_depth:
            self.skip_depth -= 1
        elif self.collecting is not None and name in CODES:
            self.code_depth -= 1
            if self.code_depth == 0:
                self.collecting.add_code(self.code_start, event.after, code_name(self.code, "".join(self.code_text)))
        elif self.collecting is not None and name in _TEXTS:
            self.collecting = None
        elif name in UNITS and self.unit is not None:
            done, self.unit = self.unit, None
            return done
        return None


def code_name(code: Start, native: str) -> str:
    """An inline code as a message names it: ``<ph id="2"/>``, with what it stands for when the
    file says (1.2 ``equiv-text``, 2.0 ``equiv`` or ``disp``, else the native code inside it):
    ``<x id="1"/> (“<br/>”)``. Braces are left out: messages mark unresolved names with them."""
    ident = code.attrs.get("id")
    name = f'<{code.name} id="{ident}"/>' if ident else f"<{code.name}/>"
    shows = " ".join((code.attrs.get("equiv-text") or code.attrs.get("equiv") or code.attrs.get("disp")
                      or native).split())
    if shows and "{" not in shows and "}" not in shows:
        name += f" (“{shows[:40]}”)"
    return name


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

