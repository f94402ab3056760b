"""One lint run over paths: read, lint, report. The CLI and the Python API share it.

Files are linted in input order, in this process or by worker processes (parallel.py), and an
unchanged file's findings may come from the results cache (results_cache.py); the reporter sees
the same findings in the same order either way.
"""
from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional, TypeVar, Union

import msgspec

from .engine import Linter
from .model import Finding, ReadError, Record, Severity
from .readers import expand_paths, read_file
from .readers.options import DEFAULT as DEFAULT_READ_OPTIONS, ReadOptions
from .summary import Summary

if TYPE_CHECKING:
    from .results_cache import ResultCache


# A Struct, not a dataclass: created in 0.1 M instructions instead of 2-4 M (docs/research/issue17-imports.md)
class RunResult(msgspec.Struct):
    summary: Summary
    worst: Optional[Severity]
    unreadable_files: int  # whole files that could not be read (exit code 2)
    skipped: list = msgspec.field(default_factory=list)  # readers.discovery.Skipped: files a directory walk left out


class FilePlan(msgspec.Struct, frozen=True):
    """How one file is linted: with which linter (its configuration), market, locale, reading."""

    linter: Linter
    market: Optional[str] = None
    locale: Optional[str] = None
    options: ReadOptions = DEFAULT_READ_OPTIONS


Planner = Callable[[str], FilePlan]


class _FileStart(msgspec.Struct, frozen=True):
    path: str


class _Records(msgspec.Struct, frozen=True):
    count: int


_ONE_RECORD = _Records(1)  # one per record read, shared: it is frozen


class _Encoded(tuple):
    """(finding, text): a finding a worker has already encoded as the reporter writes it."""

    __slots__ = ()


class _EncodedUnit(tuple):
    """(items, texts): a unit's findings and read errors, and its findings as the reporter
    writes them, in order: two lists unpickle a little faster than one _Encoded per finding
    (0.27-0.32 against 0.31-0.33 s of the parent's CPU for a 90k-record feed's findings)."""

    __slots__ = ()

    def events(self) -> Iterator:
        items, texts = self
        encoded = iter(texts)
        for item in items:
            yield _Encoded((item, next(encoded))) if isinstance(item, Finding) else item


class _Written(msgspec.Struct, frozen=True):
    """Consecutive findings a worker has kept, counted and joined as the reporter writes them:
    the parent has nothing left to do for each finding but its share of writing the text."""

    text: str
    tally: Summary  # their counts (Summary.add_finding in the worker)


_Event = Union[_FileStart, _Records, Finding, ReadError, _Encoded, _Written]

Keep = TypeVar("Keep", bound=Callable[[Finding], bool])


def by_path_and_rule(keep: Keep) -> Keep:
    """Mark a ``keep`` for lint_paths whose answer depends on nothing but a finding's path and
    rule, and that changes nothing a run reports (a cache of its answers will do): --jobs
    workers then apply it themselves, and send the parent no findings, only their text and
    counts. Another ``keep`` sees every finding in the parent."""
    setattr(keep, "by_path_and_rule", True)
    return keep


def lint_paths(linter: Union[Linter, Planner], paths: Iterable[str], reporter, *, market: Optional[str] = None,
               locale: Optional[str] = None, jobs: int = 1, cache: Optional[ResultCache] = None,
               read_options: ReadOptions = DEFAULT_READ_OPTIONS,
               keep: Optional[Callable[[Finding], bool]] = None, progress=None) -> RunResult:
    """Lint ``paths`` and report. ``linter`` is one Linter for every file, or a planner that
    gives each file its own (configuration files nearer to it); ``keep`` drops findings a
    per-file ignore or a baseline accounts for.

    A reporter may also have ``file(path)`` and ``records(count)`` (JUnit groups by file and
    counts clean records); ``progress`` (progress.Progress) hears of every file and record."""
    if isinstance(linter, Linter):
        plan_for: Planner = lambda path, one=FilePlan(linter, market, locale, read_options): one
    else:
        plan_for = linter
    skipped: list = []
    entries = list(expand_paths(paths, read_options, skipped))
    on_file, on_records = getattr(reporter, "file", None), getattr(reporter, "records", None)
    writing = _Writing.of(reporter)
    if progress is not None:
        progress.start(sum(isinstance(e, str) for e in entries))
    events = _events(entries, plan_for, jobs, cache, writing.pack(keep, cache) if writing else None)
    try:
        summary, worst, unreadable = _report(events, reporter, keep, progress, on_file, on_records, writing)
    finally:
        # A Ctrl-C or a closed pipe while the reporter writes leaves the workers' generator
        # suspended, kept alive by the traceback; closing it here stops the workers at once
        # (parallel.lint_units), not when the interpreter collects it after waiting for them.
        events.close()
    if progress is not None:
        progress.close()
    reporter.finish(summary)
    return RunResult(summary, worst, unreadable, skipped)


def _report(events, reporter, keep, progress, on_file, on_records, writing) -> tuple:
    """Hand each event to the reporter and count it: (summary, worst severity, unreadable files)."""
    summary = Summary()
    unreadable = 0
    for event in events:
        if isinstance(event, (Finding, _Encoded)):
            finding = event[0] if isinstance(event, _Encoded) else event
            if keep is not None and not keep(finding):
                continue
            summary.add_finding(finding)
            if finding is event:
                reporter.finding(finding)
            else:
                writing.write_encoded(*event)  # a worker encoded it as reporter.finding would write it
        elif isinstance(event, _FileStart):
            summary.files += 1
            if on_file is not None:
                on_file(event.path)
            if progress is not None:
                progress.update(summary)
        elif isinstance(event, _Records):
            summary.records += event.count
            if on_records is not None:
                on_records(event.count)
            if progress is not None:
                progress.update(summary)
        elif isinstance(event, _Written):  # a worker kept, counted and encoded these findings
            summary.merge(event.tally)
            writing.write_joined(event.text, event.tally.findings)
        else:
            unreadable += event.whole_file
            summary.add_error(event)
            reporter.error(event)
    return summary, summary.worst(), unreadable


class _Writing(msgspec.Struct, frozen=True):
    """How --jobs workers can take a reporter's work over. ``encode(finding)`` is pure (workers
    run it) and ``write_encoded(finding, text)`` writes what ``finding(finding)`` would; with
    ``join_encoded(texts)`` (pure) and ``write_joined(text, count)`` too, consecutive findings
    are written at once. Looked up on the reporter's own class, not through a wrapper
    (progress, stdin's renaming), whose finding() does more than its reporter's."""

    encode: Callable[[Finding], str]
    write_encoded: Callable[[Finding, str], None]
    join: Optional[Callable[[list], str]] = None
    write_joined: Optional[Callable[[str, int], None]] = None

    @classmethod
    def of(cls, reporter) -> Optional[_Writing]:
        kind = type(reporter)
        if not (callable(getattr(kind, "encode", None)) and callable(getattr(kind, "write_encoded", None))):
            return None
        if callable(getattr(kind, "join_encoded", None)) and callable(getattr(kind, "write_joined", None)):
            return cls(kind.encode, reporter.write_encoded, kind.join_encoded, reporter.write_joined)
        return cls(kind.encode, reporter.write_encoded)

    def pack(self, keep, cache) -> Callable[[list], object]:
        """What the workers make of a unit's findings and read errors (parallel.lint_units).
        The parent needs a Finding itself only to store it in the results cache or to ask a
        ``keep`` not marked by_path_and_rule; otherwise the workers keep, count and write. On
        a 90k-record feed the parent spent ~0.4 s of CPU unpickling findings and counting them
        while the two workers waited for the cores it took."""
        if self.join is None or cache is not None or not (keep is None or getattr(keep, "by_path_and_rule", False)):
            return partial(_encoded, self.encode)
        return partial(_written, self.encode, self.join, keep)


def _encoded(encode, items: list) -> _EncodedUnit:
    return _EncodedUnit((items, [encode(item) for item in items if isinstance(item, Finding)]))


def _written(encode, join, keep, items: list) -> list:
    """``items`` with each run of consecutive findings replaced by one _Written, or by nothing
    when ``keep`` drops them all; read errors stay where they were."""
    packed: list = []
    run: list = []
    for item in items:
        if isinstance(item, Finding):
            if keep is None or keep(item):
                run.append(item)
            continue
        if run:
            packed.append(_joined(run, encode, join))
            run = []
        packed.append(item)
    if run:
        packed.append(_joined(run, encode, join))
    return packed


def _joined(findings: list, encode, join) -> _Written:
    tally = Summary()
    for finding in findings:
        tally.add_finding(finding)
    return _Written(join([encode(finding) for finding in findings]), tally)


def _events(entries: list, plan_for: Planner, jobs: int, cache, pack=None) -> Iterator[_Event]:
    files = [e for e in entries if isinstance(e, str)]
    plans = {path: plan_for(path) for path in files}
    keys = {path: cache.key(path, p.market, p.locale, (p.options, p.linter.cache_key()))
            for path, p in plans.items()} if cache else {}
    cached = {path: hit for path, key in keys.items() if key and (hit := cache.load(key, path)) is not None}
    if jobs > 1 and _parallel().worth_it([f for f in files if f not in cached], jobs):
        linted = _linted_in_workers([f for f in files if f not in cached], plans, jobs, pack)
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
        stream = next(linted) if linted is not None else _lint_here(entry, plans[entry])
        yield from _kept(stream, cache, keys.get(entry), entry)


def _lint_here(path: str, plan: FilePlan) -> Iterator[Union[Finding, ReadError, _Records]]:
    for item in plan.linter.lint_stream(read_file(path, plan.market, plan.locale, plan.options)):
        yield _ONE_RECORD if isinstance(item, Record) else item


def _parallel():
    """parallel.py, imported when there is more than one job: multiprocessing and
    concurrent.futures cost a one-process run's start-up for nothing."""
    from . import parallel

    return parallel


def _linted_in_workers(files: list, plans: dict, jobs: int, pack=None) -> Iterator[Iterator]:
    """One iterator of events per file, in order, fed by a shared worker pool; with ``pack``,
    the workers' findings come as it made them (_EncodedUnit, _Written)."""
    parallel = _parallel()
    linters = list({id(p.linter): p.linter for p in plans.values()}.values())
    index = {id(linter): i for i, linter in enumerate(linters)}
    size = parallel.slice_bytes(files, jobs)
    work = [parallel.units(path, plans[path].market, plans[path].locale, plans[path].options,
                           index[id(plans[path].linter)], size) for path in files]
    results = parallel.lint_units(linters, [unit for units in work for unit in units], jobs, pack)

    def one_file(count: int):
        for _ in range(count):
            result = next(results)
            packed = result.items
            yield from packed.events() if isinstance(packed, _EncodedUnit) else packed
            yield _Records(result.records)

    for units in work:
        yield one_file(len(units))


def _kept(stream, cache: Optional[ResultCache], key: Optional[str], path: str) -> Iterator:
    """Pass the file's events through, and store them in the cache when the file is done."""
    kept: Optional[list] = [] if cache and key else None
    if kept is not None:
        from .results_cache import MAX_ITEMS  # here: a run without the cache does not import it
    records = 0
    for event in stream:
        if isinstance(event, _Records):
            records += event.count
        elif kept is not None:
            if (isinstance(event, ReadError) and event.whole_file) or len(kept) >= MAX_ITEMS:
                kept = None  # an unreadable file may be readable next time; a huge one is not kept
            else:
                kept.append(event[0] if isinstance(event, _Encoded) else event)
        yield event
    if kept is not None:
        cache.store(key, path, kept, records)
