"""RFC 4180 cells with their raw offsets: what the csv module reads, plus where each cell starts.

The stdlib csv module gives values but not positions, and a finding must point at the exact
character inside a cell, through doubled quotes ("") and line breaks in quoted cells. So this
scanner reads the same dialect the csv module reads by default (doubled quotes, quotes only at
the start of a cell, a quote inside an unquoted cell is literal) and keeps each cell's start;
tests check that it agrees with csv.reader value for value.

Write-back (a later --fix) needs the inverse too: ``Cell.raw_index`` maps a character of the
decoded value to its index in the file, so a span of the value is a span of the file; a
replacement written into a quoted cell doubles its quotes, one into an unquoted cell that now
needs quoting must quote the whole cell.

A quote that is opened and never closed, or closed only lines later, is the one mistake the csv
module (and pandas) read silently: the cell swallows the rows below it, or the rest of the
file. So a cell whose quote never closes is a problem, and so is a multi-line cell that swallows
a line that reads as a row of its own (``looks_like_row``: as wide as the header, an id in its
id column); in both cases the row is skipped and scanning goes on at the next line, so the rows
below are read. Legitimate multi-line cells (Shopify's "Body (HTML)") hold lines of prose or
markup, not lines as wide as the header.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator, Optional, Union

DELIMITERS = (",", ";", "\t", "|")

_QUOTED = re.compile(r'"((?:[^"]|"")*)"')  # [^"] spans line breaks: cells may hold several lines


@dataclass(frozen=True)
class Cell:
    value: str
    start: int  # index in the file text of the cell's first character (its opening quote if quoted)
    quoted: bool

    def raw_index(self, offset: int) -> int:
        """Index in the file text of character ``offset`` of the decoded value."""
        if not self.quoted:
            return self.start + offset
        # Inside quotes every quote of the value is written twice.
        return self.start + 1 + offset + self.value.count('"', 0, offset)


@dataclass(frozen=True)
class Row:
    start: int  # index in the file text where the row begins
    cells: list[Cell]
    end: int  # index just after the row and its line break


@dataclass(frozen=True)
class SyntaxProblem:
    """A row the scanner cannot read; scanning goes on at the next line."""

    start: int  # where the problem is (for a quote: the quote that opened the cell)
    message: str
    swallowed: Optional[int] = None  # start of a line the cell swallows that reads as a row


RowTest = Callable[[Row], bool]


def sniff_delimiter(text: str) -> str:
    """The candidate delimiter seen most often outside quotes in the first lines (',' when none)."""
    sample = re.sub(r'"(?:[^"]|"")*"', '""', text[:65536])
    lines = [line for line in sample.splitlines()[:5] if line.strip()]
    counts = {d: sum(line.count(d) for line in lines) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def scan(text: str, delimiter: str, start: int = 0,
         looks_like_row: Optional[RowTest] = None) -> Iterator[Union[Row, SyntaxProblem]]:
    """Rows of cells from ``start``, blank lines skipped; a malformed row is a SyntaxProblem and
    scanning goes on at the next line. With ``looks_like_row``, a multi-line quoted cell that
    swallows a line that reads as a row is one too (see the module's docstring)."""
    unquoted = re.compile(r"[^%s\r\n]*" % re.escape(delimiter))
    i, end = start, len(text)
    while i < end:
        if text[i] in "\r\n":  # blank line
            i += 2 if text.startswith("\r\n", i) else 1
            continue
        row_start, cells = i, []
        while True:
            if text.startswith('"', i):
                match = _QUOTED.match(text, i)
                if match is None:
                    yield SyntaxProblem(i, "unclosed quote: the cell opened here never ends")
                    i = _next_line(text, i)
                    break
                swallowed = _swallowed_row(text, match, delimiter, looks_like_row)
                if swallowed is not None:
                    yield SyntaxProblem(i, "unclosed quote? the cell opened here", swallowed)
                    i = _next_line(text, i)
                    break
                cells.append(Cell(match.group(1).replace('""', '"'), i, True))
                i = match.end()
                if i < end and text[i] not in delimiter + "\r\n":
                    yield SyntaxProblem(i, f"unexpected {text[i]!r} after the closing quote of a cell; "
                                           "a quote inside a quoted cell must be doubled")
                    i = _next_line(text, i)
                    break
            else:
                match = unquoted.match(text, i)
                cells.append(Cell(match.group(), i, False))
                i = match.end()
            if i < end and text[i] == delimiter:
                i += 1
                continue
            i = _skip_line_break(text, i)
            yield Row(row_start, cells, i)
            break


def _swallowed_row(text: str, quoted: re.Match, delimiter: str, looks_like_row: Optional[RowTest]) -> Optional[int]:
    """Start of the first line inside the quoted cell (after its first line) that, read on its
    own, looks like a row; None if there is none."""
    if looks_like_row is None:
        return None
    for line in _LINE_BREAK.finditer(text, quoted.start(), quoted.end() - 1):
        first = next(scan(_line_at(text, line.end()), delimiter), None)
        if isinstance(first, Row) and looks_like_row(first):
            return line.end()
    return None


_LINE_BREAK = re.compile(r"\r\n?|\n")


def _line_at(text: str, i: int) -> str:
    """The line of ``text`` that starts at ``i``, without its line break."""
    line_break = _LINE_BREAK.search(text, i)
    return text[i:line_break.start() if line_break else len(text)]


def _skip_line_break(text: str, i: int) -> int:
    if text.startswith("\r\n", i):
        return i + 2
    return i + 1 if i < len(text) else i


def _next_line(text: str, i: int) -> int:
    breaks = [j for j in (text.find("\n", i), text.find("\r", i)) if j >= 0]
    return _skip_line_break(text, min(breaks)) if breaks else len(text)
