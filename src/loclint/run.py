"""One lint run over paths: read, lint, report. The CLI and the Python API share it.

Files are linted in input order, in this process or by worker processes (parallel.py), and an
unchanged file's findings may come from the results cache (results_cache.py); the reporter sees
the same findings in the same order either way.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional, Union

from . import parallel
from .engine import Linter
from .model import Finding, ReadError, Record, Severity
from .readers import expand_paths, read_file
from .readers.options import DEFAULT as DEFAULT_READ_OPTIONS, ReadOptions
from .reporters.summary import Summary
from .results_cache import MAX_ITEMS, ResultCache


@dataclass
class RunResult:
    summary: Summary
    worst: Optional[Severity]
    unreadable_files: int  # whole files that could not be read (exit code 2)
    skipped: list = field(default_factory=list)  # readers.discovery.Skipped: files a directory walk left out


@dataclass(frozen=True)
class _FileStart:
    path: str


@dataclass(frozen=True)
class _Records:
    count: int


_Event = Union[_FileStart, _Records, Finding, ReadError]


def lint_paths(linter: Linter, paths: Iterable[str], reporter, *, market: Optional[str] = None,
               locale: Optional[str] = None, jobs: int = 1, cache: Optional[ResultCache] = None,
               read_options: ReadOptions = DEFAULT_READ_OPTIONS) -> RunResult:
    summary = Summary()
    worst: Optional[Severity] = None
    unreadable = 0
    skipped: list = []
    entries = list(expand_paths(paths, read_options, skipped))
    for event in _events(entries, linter, market, locale, jobs, cache, read_options):
        if isinstance(event, _FileStart):
            summary.files += 1
        elif isinstance(event, _Records):
            summary.records += event.count
        elif isinstance(event, Finding):
            summary.add_finding(event)
            worst = event.severity if worst is None else max(worst, event.severity)
            reporter.finding(event)
        else:
            unreadable += event.whole_file
            summary.add_error(event)
            reporter.error(event)
    reporter.finish(summary)
    return RunResult(summary, worst, unreadable, skipped)


def _events(entries: list, linter: Linter, market, locale, jobs: int, cache, options) -> Iterator[_Event]:
    files = [e for e in entries if isinstance(e, str)]
    keys = {path: cache.key(path, market, locale, options) for path in files} if cache else {}
    cached = {path: hit for path, key in keys.items() if key and (hit := cache.load(key)) is not None}
    if parallel.worth_it([f for f in files if f not in cached], jobs):
        linted = _linted_in_workers(files, cached, linter, market, locale, jobs, options)
    else:
        linted = None
    for entry in entries:
        if isinstance(entry, ReadError):  # named but missing, or of a type loclint cannot read
            yield entry
            continue
        yield _FileStart(entry)
        if entry in cached:
            items, records = cached[entry]
            yield from items
            yield _Records(records)
            continue
        stream = next(linted) if linted is not None else _lint_here(linter, entry, market, locale, options)
        yield from _kept(stream, cache, keys.get(entry))


def _lint_here(linter: Linter, path: str, market, locale, options) -> Iterator[Union[Finding, ReadError, _Records]]:
    for item in linter.lint_stream(read_file(path, market, locale, options)):
        yield _Records(1) if isinstance(item, Record) else item


def _linted_in_workers(files, cached, linter, market, locale, jobs, options) -> Iterator[Iterator]:
    """One iterator of events per uncached file, in order, fed by a shared worker pool."""
    work = [(path, parallel.units(path, market, locale, options)) for path in files if path not in cached]
    results = parallel.lint_units(linter, (unit for _, units in work for unit in units), jobs)

    def one_file(count: int):
        for _ in range(count):
            result = next(results)
            yield from result.items
            yield _Records(result.records)

    for _, units in work:
        yield one_file(len(units))


def _kept(stream, cache: Optional[ResultCache], key: Optional[str]) -> Iterator:
    """Pass the file's events through, and store them in the cache when the file is done."""
    kept: Optional[list] = [] if cache and key else None
    records = 0
    for event in stream:
        if isinstance(event, _Records):
            records += event.count
        elif kept is not None:
            if (isinstance(event, ReadError) and event.whole_file) or len(kept) >= MAX_ITEMS:
                kept = None  # an unreadable file may be readable next time; a huge one is not kept
            else:
                kept.append(event)
        yield event
    if kept is not None:
        cache.store(key, kept, records)
