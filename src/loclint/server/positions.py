"""loclint positions (1-based line and column, columns in code points, lines split at "\n"
only, as positions.LineIndex counts) to LSP positions (0-based, columns in the negotiated
encoding's code units: UTF-16 unless the client offers another) and back.

The code-unit arithmetic is pygls' PositionCodec; this module only brings the two line models
together. Lines are split at "\n" as loclint splits them; a "\r" before it is part of the line,
as it is in the client's, and never reached by a column before it.
"""
from __future__ import annotations

import bisect
import itertools
from typing import Optional

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec, ServerTextPosition

from ..model import Finding


class Lines:
    """One version of a document's text, for converting positions in it."""

    def __init__(self, text: str, codec: Optional[PositionCodec] = None):
        self.text = text
        self.lines = text.split("\n")
        self.codec = codec or PositionCodec()
        self._starts = list(itertools.accumulate((len(line) + 1 for line in self.lines[:-1]), initial=0))

    def to_client(self, line: int, column: int) -> types.Position:
        """The LSP position of loclint's (line, column), both 1-based; clamped into the text."""
        row = min(max(line - 1, 0), len(self.lines) - 1)
        character = min(max(column - 1, 0), len(self.lines[row]))
        return self.codec.position_to_client_units(self.lines, ServerTextPosition(row, character))

    def from_client(self, position: types.Position) -> tuple[int, int]:
        """loclint's 1-based (line, column) of an LSP position."""
        found = self.codec.position_from_client_units(self.lines, types.Position(position.line, position.character))
        return found.line + 1, found.character + 1

    def line_range(self, line: int) -> types.Range:
        """The whole of a 1-based line (the first line for 0: a place unknown)."""
        row = min(max(line, 1), len(self.lines))
        return types.Range(self.to_client(row, 1), self.to_client(row, len(self.lines[row - 1]) + 1))

    def end_of_text(self) -> types.Position:
        return self.to_client(len(self.lines), len(self.lines[-1]) + 1)

    def offset(self, line: int, column: int) -> int:
        """The index in the text of a 1-based (line, column)."""
        row = min(max(line - 1, 0), len(self.lines) - 1)
        return self._starts[row] + min(max(column - 1, 0), len(self.lines[row]))

    def position_at(self, offset: int) -> types.Position:
        """The LSP position of an index in the text."""
        row = bisect.bisect_right(self._starts, offset) - 1
        return self.to_client(row + 1, offset - self._starts[row] + 1)

    def finding_range(self, finding: Finding) -> types.Range:
        """Where a finding's span is: its start to its end where the reader knows the end, else
        its flagged text's length on the start line; a finding without a place (line 0, a
        record-level one in a format without lines) covers the first line."""
        if finding.line <= 0:
            return self.line_range(1)
        start = self.to_client(finding.line, finding.column)
        if finding.end_line > 0:
            end = self.to_client(finding.end_line, finding.end_column)
        elif finding.text and "\n" not in finding.text:
            end = self.to_client(finding.line, finding.column + len(finding.text))
        else:
            return types.Range(start, self.line_range(finding.line).end)
        return types.Range(start, end)


def contains(area: types.Range, position: types.Position) -> bool:
    """Whether ``position`` lies in ``area``, both ends included (a cursor just after a word is on it)."""
    at = (position.line, position.character)
    return (area.start.line, area.start.character) <= at <= (area.end.line, area.end.character)


def overlaps(one: types.Range, other: types.Range) -> bool:
    return (one.start.line, one.start.character) <= (other.end.line, other.end.character) and \
        (other.start.line, other.start.character) <= (one.end.line, one.end.character)
