"""XML with positions, parsed safely: the element events of a document and, for its text, the
raw offset of every decoded character.

Safety first: defusedxml parses the document once and refuses entity declarations (billion
laughs, XXE with SYSTEM entities) and external references; nothing is ever expanded or
fetched. Only a document that passed is parsed again, with expat, for positions: ElementTree
keeps none, and Python's XMLParser joins text chunks before it reports them. Expat reports each
chunk of character data where it starts (CurrentByteIndex), a chunk that came from ``&amp;`` or
``&#xE9;`` on its own; so each decoded character maps to its raw offset, and ``\\r\\n`` (read as
``\\n``) and CDATA sections are accounted for.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Union
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden

from ...text.inline import OBJECT  # stands in for an inline code (<x/>, <ph>…</ph>) in the text rules read
from ..errors import UnreadableInput


@dataclass
class Start:
    name: str  # local name, namespace dropped
    attrs: dict
    offset: int  # raw offset of "<"


@dataclass
class End:
    name: str
    offset: int  # raw offset of "</", or just after an empty element's "/>"
    after: int  # raw offset just after the element


@dataclass
class Chunk:
    text: str
    starts: list[int]  # raw offset of each character
    ends: list[int]  # raw offset just after each character


Event = Union[Start, End, Chunk]


@dataclass
class PositionedText:
    """Text gathered from chunks (and inline codes), each character with its raw span."""

    chars: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    opened: int = 0  # raw offset just after the start tag, for empty text
    codes: list[str] = field(default_factory=list)  # how each inline code is named, in order

    def add(self, chunk: Chunk) -> None:
        self.chars.extend(chunk.text)
        self.starts.extend(chunk.starts)
        self.ends.extend(chunk.ends)

    def add_code(self, start: int, end: int, name: str = "") -> None:
        self.codes.append(name)
        self.chars.append(OBJECT)
        self.starts.append(start)
        self.ends.append(end)

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def start(self, offset: int) -> int:
        if offset < len(self.starts):
            return self.starts[offset]
        return self.ends[-1] if self.ends else self.opened

    def end(self, offset: int) -> int:
        if offset <= 0 or not self.ends:
            return self.starts[0] if self.starts else self.opened
        return self.ends[min(offset, len(self.ends)) - 1]


def parse(text: str) -> list[Event]:
    """The events of ``text``; UnreadableInput (with a line) for hostile or malformed XML."""
    data = text.encode("utf-8")
    _refuse_hostile(data, text)
    events: list[Event] = []
    chars = _ByteToChar(data)
    parser = expat.ParserCreate(encoding="UTF-8", namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = _forbid  # already refused above; never expand whatever happens
    parser.ExternalEntityRefHandler = _forbid
    parser.ordered_attributes = False

    def start(name, attrs):
        events.append(Start(name.rpartition("}")[2], {k.rpartition("}")[2]: v for k, v in attrs.items()},
                            chars(parser.CurrentByteIndex)))

    def end(name):
        at = chars(parser.CurrentByteIndex)
        after = text.index(">", at) + 1 if text.startswith("</", at) else at
        events.append(End(name.rpartition("}")[2], at, after))

    def on_data(chunk):
        events.append(_chunk(text, chars(parser.CurrentByteIndex), chunk))

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, on_data
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise _error(exc.lineno, f"not XML: {expat.ErrorString(exc.code)} at column {exc.offset + 1}") from None
    return events


def _refuse_hostile(data: bytes, text: str) -> None:
    # The file is decoded already (readers.decoding: UTF-8, or UTF-16 by its BOM) and handed
    # over as UTF-8, so a declared encoding="UTF-16" must not be believed (expat below likewise).
    parser = SafeET.DefusedXMLParser(encoding="UTF-8")
    try:
        parser.feed(data)
        parser.close()
    except EntitiesForbidden as exc:
        where = f" (SYSTEM {exc.sysid})" if exc.sysid else ""
        raise _error(_line_of(text, "<!ENTITY"), f"refused: the document declares the entity "
                       f"'{exc.name}'{where}; loclint never expands or fetches XML entities") from None
    except ExternalReferenceForbidden as exc:
        raise _error(_line_of(text, "<!DOCTYPE"), f"refused: the document refers to an external "
                       f"resource ({exc.sysid}); loclint never fetches one") from None
    except DefusedXmlException as exc:
        raise _error(0, f"refused: {exc}") from None
    except ParseError as exc:
        line, column = exc.position
        raise _error(line, f"not XML: {str(exc).split(':')[0]} at column {column + 1}") from None


def _error(line: int, message: str) -> UnreadableInput:
    return UnreadableInput(message, line)


def _forbid(*args):
    raise _error(0, "refused: entities are not expanded")


def _line_of(text: str, needle: str) -> int:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 0


_REFERENCE = re.compile(r"&(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z_][\w.-]*);")


def _chunk(raw: str, at: int, text: str) -> Chunk:
    """Raw spans of the characters of one chunk of character data starting at raw ``at``."""
    if raw.startswith("<![CDATA[", at):
        at += len("<![CDATA[")
    ref = _REFERENCE.match(raw, at) if raw.startswith("&", at) else None
    if ref is not None:  # a chunk from one reference: every character it gives spans it
        return Chunk(text, [at] * len(text), [ref.end()] * len(text))
    starts, ends, i = [], [], at
    for char in text:
        width = 2 if char == "\n" and raw.startswith("\r\n", i) else 1
        starts.append(i)
        ends.append(i + width)
        i += width
    return Chunk(text, starts, ends)


class _ByteToChar:
    """Expat reports byte offsets into the UTF-8 input; findings count characters. Offsets
    arrive in order, so one cursor walks the bytes once."""

    def __init__(self, data: bytes):
        self.data = data
        self.ascii = data.isascii()
        self.byte = self.char = 0

    def __call__(self, byte: int) -> int:
        if self.ascii:
            return byte
        if byte < self.byte:  # not expected; recount from the start
            self.byte = self.char = 0
        self.char += len(self.data[self.byte:byte].decode("utf-8", errors="replace"))
        self.byte = byte
        return self.char

