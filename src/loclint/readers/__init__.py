"""Readers turn files into records. Each reader is one module with SUFFIXES and read()."""
from __future__ import annotations

import os
from typing import Iterable, Iterator, Optional, Union

from ..model import ReadError, Record
from . import csvfeed, jsondoc, jsonl, text, yamldoc
from .decoding import InputError
from .options import DEFAULT as DEFAULT_OPTIONS, ReadOptions

READERS = {suffix: module for module in (jsonl, jsondoc, yamldoc, text, csvfeed) for suffix in module.SUFFIXES}


def reader_for(path: str):
    return READERS.get(os.path.splitext(path)[1].lower())


def expand_paths(paths: Iterable[str]) -> Iterator[Union[str, ReadError]]:
    """Files named directly, and the supported files below each directory (hidden ones skipped)."""
    for path in paths:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and reader_for(name):
                        yield os.path.join(root, name)
        elif not os.path.exists(path):
            yield ReadError(path, 0, "no such file or directory", whole_file=True)
        elif reader_for(path) is None:
            known = ", ".join(sorted(READERS))
            yield ReadError(path, 0, f"unsupported file type (supported: {known})", whole_file=True)
        else:
            yield path


def read_file(path: str, market: Optional[str] = None, locale: Optional[str] = None,
              options: ReadOptions = DEFAULT_OPTIONS) -> Iterator[Union[Record, ReadError]]:
    """Records and read errors of one file; never raises for bad content."""
    reader = reader_for(path)
    try:
        if getattr(reader, "TAKES_OPTIONS", False):  # only some formats have choices (CSV mapping)
            yield from reader.read(path, market, locale, options)
        else:
            yield from reader.read(path, market, locale)
    except InputError as exc:
        yield ReadError(path, 0, str(exc), whole_file=True)
    except OSError as exc:
        yield ReadError(path, 0, exc.strerror or str(exc), whole_file=True)
