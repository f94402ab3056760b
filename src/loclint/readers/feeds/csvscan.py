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
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Union

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


@dataclass(frozen=True)
class SyntaxProblem:
    """A row the scanner cannot read. ``fatal``: nothing after it can be trusted (an unclosed quote)."""

    start: int
    message: str
    fatal: bool = False


def sniff_delimiter(text: str) -> str:
    """The candidate delimiter seen most often outside quotes in the first lines (',' when none)."""
    sample = re.sub(r'"(?:[^"]|"")*"', '""', text[:65536])
    lines = [line for line in sample.splitlines()[:5] if line.strip()]
    counts = {d: sum(line.count(d) for line in lines) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def scan(text: str, delimiter: str) -> Iterator[Union[Row, SyntaxProblem]]:
    """Rows of cells, blank lines skipped; a malformed row is a SyntaxProblem and scanning goes on
    at the next line (after an unclosed quote there is nothing left to scan)."""
    unquoted = re.compile(r"[^%s\r\n]*" % re.escape(delimiter))
    i, end = 0, len(text)
    while i < end:
        if text[i] in "\r\n":  # blank line
            i += 2 if text.startswith("\r\n", i) else 1
            continue
        row_start, cells = i, []
        while True:
            if text.startswith('"', i):
                match = _QUOTED.match(text, i)
                if match is None:
                    yield SyntaxProblem(i, "unclosed quote: the cell opened here never ends", fatal=True)
                    return
                cells.append(Cell(match.group(1).replace('""', '"'), i, True))
                i = match.end()
                if i < end and text[i] not in delimiter + "\r\n":
                    yield SyntaxProblem(row_start, f"unexpected {text[i]!r} after a closing quote "
                                                   "(a quote inside a quoted cell must be doubled)")
                    i = _next_line(text, i)
                    break
            else:
                match = unquoted.match(text, i)
                cells.append(Cell(match.group(), i, False))
                i = match.end()
            if i < end and text[i] == delimiter:
                i += 1
                continue
            yield Row(row_start, cells)
            i = _skip_line_break(text, i)
            break


def _skip_line_break(text: str, i: int) -> int:
    if text.startswith("\r\n", i):
        return i + 2
    return i + 1 if i < len(text) else i


def _next_line(text: str, i: int) -> int:
    breaks = [j for j in (text.find("\n", i), text.find("\r", i)) if j >= 0]
    return _skip_line_break(text, min(breaks)) if breaks else len(text)
