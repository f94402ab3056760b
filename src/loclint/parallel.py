"""Lint on several cores with output identical to a one-process run.

Work is cut into units: a whole file, or a piece of a large file whose reader can split it
(readers.base.Reader.split: the lines of a JSONL feed). Each worker
process lints units with the parent's Linter (inherited by fork, so nothing is compiled twice
from scratch) and sends back only plain findings, read errors and a record count: records hold
position closures that do not pickle, and nobody downstream needs them. The parent reports
the units strictly in input order, keeping at most a few units in flight so that memory stays
bounded on a feed of any size.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Optional, Union

from .model import Finding, ReadError, Record
from .readers import read_file
from .readers.options import DEFAULT as DEFAULT_READ_OPTIONS, ReadOptions
from .readers.registry import REGISTRY

SLICE_BYTES = 2_000_000  # a splittable file (a JSONL feed) is cut into pieces of about this size
MIN_PARALLEL_BYTES = 4_000_000  # below this, starting workers costs more than it saves
IN_FLIGHT_PER_JOB = 3


@dataclass(frozen=True)
class Unit:
    path: str
    market: Optional[str]
    locale: Optional[str]
    slice: Any = None  # one piece from the reader's split(); None: the whole file
    options: ReadOptions = DEFAULT_READ_OPTIONS
    linter: int = 0  # index into the linters given to lint_units (one per configuration)


@dataclass
class UnitResult:
    items: list  # Finding and ReadError, in input order
    records: int


def available() -> bool:
    """Forking is how workers get the compiled linter; where it is missing or unsafe (Windows,
    macOS), loclint runs in one process."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def worth_it(paths: list[str], jobs: int) -> bool:
    if jobs <= 1 or not available():
        return False
    return sum(os.path.getsize(p) for p in paths if os.path.isfile(p)) >= MIN_PARALLEL_BYTES


def units(path: str, market: Optional[str], locale: Optional[str],
          options: ReadOptions = DEFAULT_READ_OPTIONS, linter: int = 0) -> list[Unit]:
    reader = REGISTRY.splitter(path)
    if reader is not None and os.path.getsize(path) > SLICE_BYTES:
        cut = reader.split(path, SLICE_BYTES)
        if cut:
            return [Unit(path, market, locale, s, options, linter) for s in cut]
    return [Unit(path, market, locale, None, options, linter)]


def lint_units(linters: list, work: Iterable[Unit], jobs: int) -> Iterator[UnitResult]:
    """UnitResults in the order of ``work``, linted by ``jobs`` worker processes."""
    global _LINTERS
    _LINTERS = list(linters)  # inherited by the forked workers
    context = multiprocessing.get_context("fork")
    pending: deque = deque()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        for unit in work:
            pending.append(pool.submit(_lint_unit, unit))
            if len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


_LINTERS: list = []


def _lint_unit(unit: Unit) -> UnitResult:
    source = read_file(unit.path, unit.market, unit.locale, unit.options, piece=unit.slice)
    items: list[Union[Finding, ReadError]] = []
    records = 0
    try:
        for item in _LINTERS[unit.linter].lint_stream(source):
            if isinstance(item, Record):
                records += 1
            else:
                items.append(item)
    except OSError as exc:  # the file went away or became unreadable mid-run
        items.append(ReadError(unit.path, 0, exc.strerror or str(exc), whole_file=True))
    return UnitResult(items, records)
