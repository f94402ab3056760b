"""The one error type for input loclint cannot read, whatever the format.

A reader *raises* it when nothing more of the file can be read (bytes that are not text, JSON
that does not parse, XML that refuses to load): the rest of the file is skipped. It *yields* it
among its records when one line, row or record is bad and reading goes on. readers.read_file
turns either into the ReadError that reporters show, naming the file.
"""
from __future__ import annotations

from typing import Optional

from ..model import ReadError


class UnreadableInput(Exception):
    def __init__(self, message: str, line: int = 0, record: Optional[str] = None, *,
                 whole_file: bool = False, path: Optional[str] = None):
        super().__init__(message)
        self.message = message
        self.line = line  # 1-based; 0: the file as a whole
        self.record = record  # the record's id, where it is known
        self.whole_file = whole_file  # nothing of the file was linted (exit code 2)
        self.path = path  # another file than the one read (an image's sidecar)

    def report(self, path: str, *, raised: bool = False) -> ReadError:
        """The ReadError for ``path``; a raised error always costs the whole file."""
        return ReadError(self.path or path, self.line, self.message, record=self.record,
                         whole_file=self.whole_file or raised)
