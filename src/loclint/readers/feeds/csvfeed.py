"""CSV and TSV feeds: one record a row, columns mapped to fields by a preset (readers.feeds.csvmap).

The delimiter is ',' ';' tab or '|', sniffed from the first lines (a .tsv is tab). The header is
the row, among the first three, whose cells name the most known columns, so an Amazon flat file
with its template rows above the real header reads as it is; rows above the header are skipped.
A row with the same id as the row before and no title continues that record: Shopify writes a
product's further images and variants that way.

A description or bullet that holds HTML (Shopify's "Body (HTML)") is linted as the text a
buyer reads (readers.markup.htmltext): tags gone, entities decoded, blocks on their own lines.

Positions: each value remembers its cell, where inside the cell's decoded text it begins (a
``bullets`` cell holds one bullet a line, a tags cell several tags) and, for HTML, the map from
its text back to the markup; ``Cell.raw_index`` then maps through doubled quotes and line
breaks to the exact character in the file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator, NamedTuple, Optional, Union

from ...positions import LineIndex, PathKey
from . import csvmap
from .csvscan import Cell, Row, SyntaxProblem, scan, sniff_delimiter
from ..base import Item, ReadContext, Reader, Source
from ..decoding import decode
from ..errors import UnreadableInput
from ..markup.htmltext import MappedText, html_text, looks_like_html
from .prices import parse_amount, parse_price
from ..encoders import html_escaped
from ..records import record_or_error
from .csvoptions import CsvOptions

_HEADER_CANDIDATES = 3
_PLACEHOLDER_OPTION_VALUES = {"default title"}  # Shopify's value for a product without variants


class CsvReader(Reader):
    name = "csv"
    suffixes = (".csv", ".tsv")
    options = CsvOptions
    # escape: none for the format; each cell's quoting decides (_cell_encoder)

    def read(self, source: Source, ctx: ReadContext) -> Iterator[Item]:
        # A NUL byte in one row is that row's error (below); only a binary file is refused whole.
        text = decode(source.data(), line_level=True)
        return read(source.path, text, ctx.market, ctx.locale, ctx.options or CsvOptions())


@dataclass(frozen=True)
class ColumnMapping:
    """How one feed's columns are read: what `loclint check -v` shows, and what tells a feed
    whose copy nobody reads (no title, description or bullet column) from one that is clean."""

    preset: str
    columns: tuple[tuple[str, str], ...]  # (header, target), in column order

    @property
    def copy_columns(self) -> list[str]:
        return [header for header, target in self.columns if target in csvmap.COPY_TARGETS]

    @property
    def ignored(self) -> list[str]:
        return [header for header, target in self.columns if target == "ignore"]


def column_mapping(path: str, options: Optional[CsvOptions] = None) -> Optional[ColumnMapping]:
    """The mapping ``read`` uses for the feed at ``path``; None when it has no header row to map
    (an unreadable file, whose error the run reports)."""
    options = options or CsvOptions()
    try:
        text = decode(Source(path).data(), line_level=True)
    except (OSError, UnreadableInput):
        return None
    head = _first_rows(scan(text, _delimiter(path, text, options)))
    header = _header(head)
    if header is None:
        return None
    headers = [cell.value for cell in header.cells]
    preset = _preset(headers, options)
    return ColumnMapping(preset.name, tuple(zip(headers, csvmap.resolve(headers, preset, dict(options.map)))))


def _delimiter(path: str, text: str, options: CsvOptions) -> str:
    return options.delimiter or ("\t" if path.lower().endswith(".tsv") else sniff_delimiter(text))


def _header(head: list[Union[Row, SyntaxProblem]]) -> Optional[Row]:
    """The header: the candidate row whose cells name the most known columns."""
    candidates = [item for item in head if isinstance(item, Row)]
    if not candidates:
        return None
    return max(candidates, key=lambda row: sum(csvmap.known_header(c.value) for c in row.cells))


def _preset(headers: list[str], options: CsvOptions) -> csvmap.Preset:
    return csvmap.detect_preset(headers) if options.preset == "auto" else csvmap.PRESETS[options.preset]


def read(path: str, text: str, market: Optional[str], locale: Optional[str], options: CsvOptions) -> Iterator[Item]:
    delimiter = _delimiter(path, text, options)
    lines = LineIndex(text)
    head = _first_rows(scan(text, delimiter))
    header = _header(head)
    if header is None:
        yield from (_syntax_error(path, lines, item) for item in head)
        return
    headers = [cell.value for cell in header.cells]
    targets = csvmap.resolve(headers, _preset(headers, options), dict(options.map))
    header_line = lines.position(header.start)[0]

    def finish(draft: _Draft) -> Item:
        return record_or_error(draft.obj, path=path, line=draft.line, index=draft.index, market=market,
                               locale=locale, locator_for=draft.locator_for(lines),
                               end_locator_for=draft.end_locator_for(lines),
                               encoder_for=draft.encoder_for(delimiter))

    above = [item for item in head[:head.index(header)] if isinstance(item, SyntaxProblem)]
    yield from (_syntax_error(path, lines, item) for item in above)
    draft: Optional[_Draft] = None
    index = 0
    # Read again below the header, now that its width says what a swallowed row looks like.
    for item in scan(text, delimiter, header.end, _row_test(targets)):
        if isinstance(item, SyntaxProblem):
            yield _syntax_error(path, lines, item)
            continue
        line = lines.position(item.start)[0]
        binary = next((cell for cell in item.cells if "\x00" in cell.value), None)
        if binary is not None:
            nul_line, column = lines.position(binary.raw_index(binary.value.index("\x00")))
            yield UnreadableInput(f"binary bytes (NUL) at column {column}; record skipped", nul_line,
                                  _value_of("id", targets, item.cells))
        elif _ragged(item.cells, len(targets)):
            yield UnreadableInput(f"row has {len(item.cells)} cells, the header (line {header_line}) has "
                                  f"{len(targets)}; record skipped", line, _value_of("id", targets, item.cells))
        elif draft is not None and draft.continued_by(targets, item.cells):
            draft.add_row(targets, item.cells)
        else:
            if draft is not None:
                yield finish(draft)
            index += 1
            draft = _Draft(line, index)
            draft.add_row(targets, item.cells)
    if draft is not None:
        yield finish(draft)


def _first_rows(rows: Iterator[Union[Row, SyntaxProblem]]) -> list[Union[Row, SyntaxProblem]]:
    """The header candidates (the first rows), with any problems among them."""
    head: list[Union[Row, SyntaxProblem]] = []
    for item in rows:
        head.append(item)
        if sum(isinstance(i, Row) for i in head) == _HEADER_CANDIDATES:
            break
    return head


def _ragged(cells: list[Cell], width: int) -> bool:
    """Fewer or more cells than the header; empty cells past the end are tolerated (spreadsheets
    export them for formatted but empty columns)."""
    return len(cells) < width or any(cell.value for cell in cells[width:])


def _row_test(targets: list[str]):
    """Whether a line inside a quoted cell reads as a row of its own: as wide as the header, with
    a one-word value in the id column (the first column when none is the id). Lines of prose or
    HTML in a description are rarely that; the rows of a feed always are."""
    key = targets.index("id") if "id" in targets else 0

    def looks_like_row(row: Row) -> bool:
        if len(targets) < 2 or _ragged(row.cells, len(targets)):
            return False
        value = row.cells[key].value
        return bool(value) and value.split() == [value]
    return looks_like_row


def _syntax_error(path: str, lines: LineIndex, problem: SyntaxProblem) -> UnreadableInput:
    line, column = lines.position(problem.start)
    if problem.swallowed is not None:
        swallowed = lines.position(problem.swallowed)[0]
        return UnreadableInput(f"not CSV: {problem.message} (column {column}) runs on over line {swallowed}, "
                               "which reads as a row of its own; record skipped, the rows below are read", line)
    return UnreadableInput(f"not CSV: {problem.message} (column {column}); record skipped", line)


def _value_of(target: str, targets: list[str], cells: list[Cell]) -> Optional[str]:
    for name, cell in zip(targets, cells):
        if name == target and cell.value.strip():
            return cell.value.strip()
    return None


class _Draft:
    """One record being assembled from its row (and continuation rows), with each value's place."""

    def __init__(self, line: int, index: int):
        self.line, self.index = line, index
        self.obj: dict[str, Any] = {}
        self.places: dict[PathKey, _Place] = {}
        self.option_names: dict[str, str] = {}

    def continued_by(self, targets: list[str], cells: list[Cell]) -> bool:
        row_id = _value_of("id", targets, cells)
        return row_id is not None and row_id == self.obj.get("id") and _value_of("title", targets, cells) is None

    def locator_for(self, lines: LineIndex):
        def locator(key: PathKey):
            place = self.places.get(key)
            if place is None:
                return None
            cell, base, markup = place.cell, place.base, place.markup
            if markup is not None:
                return lambda offset: lines.position(cell.raw_index(base + markup.raw_offset(offset)))
            return lambda offset: lines.position(cell.raw_index(base + offset))
        return locator

    def encoder_for(self, delimiter: str):
        """How a rewrite is written into the value's cell (for --fix); None where it cannot be."""
        def encoder(key: PathKey):
            place = self.places.get(key)
            if place is None or place.derived:
                return None
            cell_encode = _cell_encoder(place, delimiter)
            if place.markup is not None:  # HTML in a cell: escaped for HTML, then for the cell
                return lambda text: cell_encode(html_escaped(text))
            return cell_encode
        return encoder

    def end_locator_for(self, lines: LineIndex):
        """Where a span ends in the file: in HTML cells, before a closing tag that follows it."""
        def locator(key: PathKey):
            place = self.places.get(key)
            if place is None or place.markup is None:
                return None
            cell, base, markup = place.cell, place.base, place.markup
            return lambda end: lines.position(cell.raw_index(base + markup.raw_end(end)))
        return locator

    def add_row(self, targets: list[str], cells: list[Cell]) -> None:
        image: dict[str, Any] = {}
        image_places: dict[PathKey, _Place] = {}
        for target, cell in zip(targets, cells):  # option names first: a value needs its name
            if target.startswith("options[") and target.endswith(".name") and cell.value.strip():
                self.option_names[target[:-5]] = cell.value.strip()
        for target, cell in zip(targets, cells):
            if target == "ignore" or not cell.value.strip():
                continue
            if target.startswith("image."):
                self._image_value(image, image_places, target[6:], cell)
            else:
                self._value(target, cell)
        if image:
            n = len(self.obj.setdefault("images", []))
            self.obj["images"].append(image)
            self.places.update({("images", n) + key: place for key, place in image_places.items()})

    def _set(self, key: PathKey, value: Any, cell: Cell, base: int = 0,
             markup: Optional[MappedText] = None, derived: bool = False) -> None:
        """First non-empty value wins: later columns or rows mapped to the same field do not overwrite."""
        container = self.obj
        for part in key[:-1]:
            container = container.setdefault(part, {})
        if key[-1] not in container:
            container[key[-1]] = value
            whole = not derived and base == 0 and value == cell.value
            self.places[key] = _Place(cell, base, markup, derived, whole)

    def _value(self, target: str, cell: Cell) -> None:
        value, lead = cell.value.strip(), _lead(cell.value)
        if target == "description":
            markup = html_text(cell.value) if looks_like_html(cell.value) else None
            self._set(("description",), markup.text if markup else cell.value, cell, 0, markup)
        elif target in ("id", "title", "market", "locale", "_loclint"):
            self._set((target,), value, cell, lead)
        elif target == "bullets[]":
            self._bullet(value, cell, lead)
        elif target == "bullets":
            for piece, start in _pieces(cell.value, "\n"):
                self._bullet(piece, cell, start)
        elif target.startswith("attributes."):
            self._set(("attributes", target[11:]), value, cell, lead)
        elif target.startswith("options["):
            self._option(target, value, cell, lead)
        elif target == "price":
            self._price(value, cell, lead)
        elif target == "price.amount":
            amount = parse_amount(value)
            if amount is None:
                self._set(("price", "display"), value, cell, lead)
            else:
                self._set(("price", "amount"), amount, cell, lead)
        elif target.startswith("price."):
            self._set(("price", target[6:]), value, cell, lead)

    def _bullet(self, value: str, cell: Cell, base: int) -> None:
        markup = html_text(value) if looks_like_html(value) else None  # Amazon allows <br> and <b>
        bullets = self.obj.setdefault("bullets", [])
        self.places[("bullets", len(bullets))] = _Place(cell, base, markup)
        bullets.append(markup.text if markup else value)

    def _price(self, value: str, cell: Cell, lead: int) -> None:
        parsed = parse_price(value)
        if parsed is None:
            self._set(("price", "display"), value, cell, lead)
            return
        amount, currency, where = parsed
        self._set(("price", "amount"), amount, cell, lead)
        if currency:
            written = value[where:where + len(currency)] == currency  # not when read from "€"
            self._set(("price", "currency"), currency, cell, lead + where, derived=not written)

    def _option(self, target: str, value: str, cell: Cell, lead: int) -> None:
        slot, part = target.rsplit(".", 1)
        name = self.option_names.get(slot)
        if part == "name" or name is None or value.casefold() in _PLACEHOLDER_OPTION_VALUES:
            return
        attributes = self.obj.setdefault("attributes", {})
        key = csvmap.normalize(name)
        current = attributes.get(key)
        if current is None:
            attributes[key] = value
            self.places[("attributes", key)] = _Place(cell, lead)
        elif isinstance(current, str) and current != value:
            attributes[key] = [current, value]  # a second variant: the attribute becomes a list
            self.places[("attributes", key, 0)] = self.places.pop(("attributes", key))
            self.places[("attributes", key, 1)] = _Place(cell, lead)
        elif isinstance(current, list) and value not in current:
            self.places[("attributes", key, len(current))] = _Place(cell, lead)
            current.append(value)

    @staticmethod
    def _image_value(image: dict, places: dict, part: str, cell: Cell) -> None:
        if part == "file":
            # Feeds give image URLs (Shopify's Image Src); the file name is the image's name, and
            # a URL is not an off-platform link in the copy.
            name, start = _file_name(cell.value)
            image["file"] = name
            places[("file",)] = _Place(cell, start)
        elif part == "alt":
            image[part] = cell.value.strip()
            places[(part,)] = _Place(cell, _lead(cell.value))
        else:  # tags, colors: comma-separated
            image[part] = []
            for piece, start in _pieces(cell.value, ","):
                places[(part, len(image[part]))] = _Place(cell, start)
                image[part].append(piece)


class _Place(NamedTuple):
    cell: Cell
    base: int  # where the value starts in the cell's decoded text
    markup: Optional[MappedText] = None  # the value is the text of this HTML
    derived: bool = False  # the value is not written in the cell as such ("€" read as EUR)
    whole: bool = False  # the value is the cell's whole text, as written


def _cell_encoder(place: _Place, delimiter: str):
    if place.cell.quoted:
        return lambda text: text.replace('"', '""')
    cell = _UnquotedCell(delimiter)
    if place.whole and place.markup is None:
        return cell
    # Part of an unquoted cell cannot take a delimiter, quote or line break without changing the row.
    return lambda text: None if cell.needs_quotes(text) else text


class _UnquotedCell:
    """An unquoted cell holding a whole value. A fix that brings a delimiter, quote or line break
    into it (a German decimal comma in a comma-separated feed) quotes the cell, as RFC 4180
    writes such a value: ``whole`` gives the cell's new text, which write-back puts in place of
    the cell (a quoted cell reads back as the same value)."""

    def __init__(self, delimiter: str):
        self.specials = (delimiter, '"', "\r", "\n")

    def __call__(self, text: str) -> Optional[str]:
        return text  # when the cell needs no quotes, the span is written as it is

    def needs_quotes(self, text: str) -> bool:
        return any(c in text for c in self.specials)

    def whole(self, value: str) -> Optional[str]:
        if not self.needs_quotes(value):
            return None
        return '"' + value.replace('"', '""') + '"'


def _file_name(value: str) -> tuple[str, int]:
    """The file name in a cell holding a file name or URL, and where it starts in the cell."""
    stripped, lead = value.strip(), _lead(value)
    url = re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*(/[^?#]*)", stripped)
    if url:
        name_start = url.start(1) + url.group(1).rfind("/") + 1
        if name_start < url.end(1):
            return stripped[name_start:url.end(1)], lead + name_start
    return stripped, lead


def _lead(value: str) -> int:
    return len(value) - len(value.lstrip())


def _pieces(value: str, separator: str) -> Iterator[tuple[str, int]]:
    """Non-blank parts of ``value`` split at ``separator``, stripped, with where each begins."""
    for match in re.finditer(r"[^%s]+" % re.escape(separator), value):
        piece = match.group()
        if piece.strip():
            yield piece.strip(), match.start() + _lead(piece)
