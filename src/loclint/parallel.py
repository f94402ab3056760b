"""Lint on several cores with output identical to a one-process run.

Work is cut into units: a whole file, or a piece of a large file whose reader can split it
(readers.base.Reader.split: the lines of a JSONL feed). Each worker
process lints units with the parent's Linter (inherited by fork, so nothing is compiled twice
from scratch) and sends back only plain findings, read errors and a record count: records hold
position closures that do not pickle, and nobody downstream needs them. The parent reports
the units strictly in input order, keeping at most a few units in flight so that memory stays
bounded on a feed of any size.

What the parent does while the workers run is on every run's critical path: on two cores it
takes CPU from them. So a worker also packs its findings the way the run needs them (``pack``,
from run.py: encoded as the run's reporter writes them, or even written, counted and filtered
there already), and the parent only writes that in order; and a worker is sent the indices of
its units, not the units (it inherits the list).

Two things keep the workers busy to the end (issue 17): before forking, the parent lints a
few records of the first unit (discarding the findings), so what a linter builds on first use
(a market's rules, the language model, patterns compiled on their first hit) is built once
and shared, not once per worker; and a large run is cut into many small units, sent in
batches that shrink to single units at the end (batches()), so the run does not end with one
worker finishing a big batch while the others wait.
"""
from __future__ import annotations

import contextlib
import itertools
import os
import signal
import sys
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator, Optional, Sequence, Union

from .model import Finding, ReadError, Record
from .readers import read_file
from .readers.options import DEFAULT as DEFAULT_READ_OPTIONS, ReadOptions
from .readers.registry import REGISTRY

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

# multiprocessing, concurrent.futures and ctypes are imported when workers start, not with this
# module: every run asks worth_it() (--jobs defaults to the number of cores), and a pre-commit
# run over a few small files paid 13 ms of imports to learn that it was not.

SLICE_BYTES = 500_000  # a splittable file (a JSONL feed) is cut into pieces of at most this size
MIN_SLICE_BYTES = 64_000  # ... and, on a large run, of at least this size
UNITS_PER_WORKER = 64  # a large run's pieces are sized to give each worker about this many
UNITS_PER_BATCH = 4  # a worker is sent up to this many consecutive units at once (one round trip);
TAIL_BATCHES = 4  # ... fewer once less than this many full batches per worker remain, down to one
# unit: the run must not end with one worker finishing a big batch while the others wait
MIN_PARALLEL_BYTES = 4_000_000  # below this, starting workers costs more than it saves
IN_FLIGHT_PER_JOB = 8  # batches submitted ahead of the one being reported: a slow batch at the
# head of the queue must not leave the other workers idle; a result is its findings only
WARM_RECORDS = 10  # records the parent lints before forking (see the module docstring)


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
    items: Any  # Finding and ReadError in input order (a list), or what the ``pack`` of lint_units made of them
    records: int


def available() -> bool:
    """Forking is how workers get the compiled linter; where it is missing or unsafe (Windows,
    macOS), loclint runs in one process."""
    import multiprocessing

    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def worth_it(paths: list[str], jobs: int) -> bool:
    if jobs <= 1:
        return False
    return sum(os.path.getsize(p) for p in paths if os.path.isfile(p)) >= MIN_PARALLEL_BYTES and available()


def slice_bytes(paths: list[str], jobs: int) -> int:
    """How large the pieces of a run over ``paths`` are: about UNITS_PER_WORKER per worker,
    within MIN_SLICE_BYTES and SLICE_BYTES."""
    total = sum(os.path.getsize(p) for p in paths if os.path.isfile(p))
    per_unit = total // (max(1, min(jobs, _cores())) * UNITS_PER_WORKER)
    return min(SLICE_BYTES, max(MIN_SLICE_BYTES, per_unit))


def units(path: str, market: Optional[str], locale: Optional[str],
          options: ReadOptions = DEFAULT_READ_OPTIONS, linter: int = 0, size: Optional[int] = None) -> list[Unit]:
    size = size or SLICE_BYTES
    reader = REGISTRY.splitter(path)
    if reader is not None and os.path.getsize(path) > size:
        cut = reader.split(path, size)
        if cut:
            return [Unit(path, market, locale, s, options, linter) for s in cut]
    return [Unit(path, market, locale, None, options, linter)]


def lint_units(linters: list, work: Sequence[Unit], jobs: int,
               pack: Optional[Callable[[list], Any]] = None) -> Iterator[UnitResult]:
    """UnitResults in the order of ``work``, linted by worker processes: ``jobs`` at most, and
    no more than there are units or cores (``-j 100000`` once forked thousands). ``pack``: a
    function the workers run on each unit's items (findings and read errors, in order); what it
    returns is sent instead. It is inherited, not pickled: a closure will do."""
    global _LINTERS, _WORK, _PACK
    _LINTERS, _WORK, _PACK = list(linters), list(work), pack  # inherited by the forked workers
    if work:
        warm(_LINTERS, work[0])
    import ctypes.util  # noqa: F401  (for _worker_start: loaded here, inherited by the workers)
    import multiprocessing

    context = multiprocessing.get_context("fork")
    pending: deque = deque()
    workers = worker_count(jobs, len(work))
    pool = _executor_class()(max_workers=workers, mp_context=context, initializer=_worker_start,
                             initargs=(os.getpid(),))
    try:
        for number, batch in enumerate(batches(len(work), workers)):
            # The first submit forks the workers. A Ctrl-C in the middle of a fork is swallowed
            # by the fork hooks or kills a worker half-born (the run then hung), so it waits
            # until the workers ignore it and arrives here afterwards.
            with _sigint_held() if number == 0 else contextlib.nullcontext():
                pending.append(pool.submit(_lint_batch, batch.start, batch.stop))
            if len(pending) >= workers * IN_FLIGHT_PER_JOB:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    except BaseException:
        _stop_now(pool)  # Ctrl-C, a closed pipe: do not wait for the units in flight
        raise
    pool.shutdown()


def warm(linters: list, unit: Unit) -> None:
    """Lint the first WARM_RECORDS records of ``unit`` here, for what the linter builds on first
    use; the findings are dropped (the unit is linted again, in a worker). A whole file larger
    than a piece is left alone: its reader might parse all of it to yield the first record."""
    if unit.slice is None and not (os.path.isfile(unit.path) and os.path.getsize(unit.path) <= SLICE_BYTES):
        return
    linter = linters[unit.linter]
    try:
        sample = itertools.islice(read_file(unit.path, unit.market, unit.locale, unit.options, piece=unit.slice),
                                  WARM_RECORDS)
        for item in sample:
            if isinstance(item, Record):
                linter.lint_record(item)
    except OSError:  # unreadable now: the worker reports it
        pass


def batches(units: int, workers: int) -> list[range]:
    """Consecutive runs of unit indices that cover ``units``: UNITS_PER_BATCH while plenty
    remains, then smaller, the last ones single units (guided scheduling)."""
    cut, start = [], 0
    while start < units:
        size = max(1, min(UNITS_PER_BATCH, (units - start) // (workers * TAIL_BATCHES)))
        cut.append(range(start, start + size))
        start += size
    return cut


def worker_count(jobs: int, units: int) -> int:
    return max(1, min(jobs, units, _cores()))


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@contextlib.contextmanager
def _sigint_held():
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _executor_class() -> type:
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor


def _worker_start(parent: int) -> None:
    """In each worker: the parent alone answers Ctrl-C, and a worker dies with its parent (a
    killed parent left workers of ~150 MB each running forever)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # held while it was forked
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _stop_now(pool: ProcessPoolExecutor) -> None:
    # The executor has no public way to stop a task that runs; its workers hold only our work.
    # (Taken before shutdown, which forgets them.)
    workers = list((getattr(pool, "_processes", None) or {}).values())
    for process in workers:
        process.kill()
    # A worker killed while sending a result leaves half a message in the pipe, and the executor's
    # thread would wait for the rest for ever (the interpreter's exit waits for that thread). With
    # the parent's copy of the writing end closed too, it reads the end of the pipe instead.
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    if writer is not None:
        writer.close()
    pool.shutdown(wait=False, cancel_futures=True)


_LINTERS: list = []
_WORK: list = []
_PACK: Optional[Callable[[list], Any]] = None


def _lint_batch(start: int, stop: int) -> list[UnitResult]:
    return [_lint_unit(index) for index in range(start, stop)]


def _lint_unit(index: int) -> UnitResult:
    unit = _WORK[index]
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
    return UnitResult(items if _PACK is None else _PACK(items), records)
