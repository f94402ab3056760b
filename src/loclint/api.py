"""The Python API for pipelines: lint listings that are already in memory, lint files, apply
rewrites. A thin layer over the engine (Linter) and the run the command line uses (run.py), so
a finding is the same object whichever way it was found.

    import loclint
    report = loclint.lint([{"id": "SKU-1", "title": "Die besten Töpfe"}], market="DE")
    fixed = loclint.fix(record, report.findings, unsafe=True)

Batch calls collect what cannot be linted (a record of the wrong shape, an unreadable line) in
``Report.errors`` and go on, so one bad record does not cost the findings of the others;
``errors="raise"`` raises on the first instead.

Linters are compiled once per set of options and kept (compiling a market's rules is the slow
part); `import loclint` itself imports none of this (see __init__.py).
"""
from __future__ import annotations

import copy
import datetime as dt
import functools
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Optional, Union, overload

from .engine import Linter
from .fixer import apply_fixes
from .model import Finding, ReadError, Record
from .options import default
from .reporters.kept import Kept
from .summary import Summary

if TYPE_CHECKING:
    from .ruleset.loader import Rulebook
    from .session import Session

RecordLike = Union[Mapping[str, Any], Record]
Selectors = Sequence[str]  # rule selectors (README: Rule selectors); a lone string is refused
OnError = Literal["collect", "raise"]
DateLike = Union[dt.date, str, None]
PathLike = Union[str, "os.PathLike[str]"]


@dataclass
class Report(Sequence[Finding]):
    """What a batch call found: findings in order, what could not be linted, counts.

    A Report is also the sequence of its findings (``for f in report``, ``len(report)``,
    ``report[0]``), so code written when ``lint`` returned a list keeps working; mind that
    ``bool(report)`` is False when there are no findings, whatever the errors."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)

    @overload
    def __getitem__(self, index: int) -> Finding: ...

    @overload
    def __getitem__(self, index: slice) -> list[Finding]: ...

    def __getitem__(self, index: Union[int, slice]) -> Union[Finding, list[Finding]]:
        return self.findings[index]

    def __len__(self) -> int:
        return len(self.findings)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract's document, as `loclint check --format json` writes it."""
        from .reporters.json import VERSION

        return {"version": VERSION, "findings": [f.to_dict() for f in self.findings],
                "errors": [e.to_dict() for e in self.errors], "summary": self.summary.as_dict()}


def make_linter(*, date: DateLike = None, select: Optional[Selectors] = (), ignore: Optional[Selectors] = (),
                channel: str = default("channel"), severity: Optional[Mapping[str, str]] = None,
                rulesets: Optional[PathLike] = None,
                language_detector: str = default("language_detector"), offers: str = default("offers")) -> Linter:
    """The compiled Linter for these options (cached: the same options give the same object).
    ``select`` and ``ignore`` take lists of rule selectors (README: Rule selectors); a lone string,
    a malformed selector or one that matches no rule raises ValueError naming it (with the
    closest rule as a did-you-mean). A value a configuration file could not have either raises
    ValueError naming the option."""
    from .config import check_option

    day = _day(date) or dt.date.today()
    severity = check_option("severity", dict(severity or {}))
    for name, value in (("channel", channel), ("language_detector", language_detector), ("offers", offers)):
        check_option(name, value)
    return _linter(day, _selectors("select", select), _selectors("ignore", ignore), channel,
                   tuple(sorted(severity.items())), str(rulesets) if rulesets else None, language_detector, offers)


def _day(date: DateLike) -> Optional[dt.date]:
    return dt.date.fromisoformat(date) if isinstance(date, str) else date


def _selectors(name: str, value: Optional[Selectors]) -> tuple[str, ...]:
    """A list of selectors, as given. A lone string is refused rather than read letter by letter
    or guessed at, as a configuration file refuses `select = "DE001"`."""
    if value is None:
        return ()
    if isinstance(value, str):
        raise ValueError(f"{name}: expected a list of rule selectors, got the string {value!r} "
                         f"(write {name}=[{value!r}])")
    if not isinstance(value, Iterable) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{name}: expected a list of rule selectors (strings), got {value!r}")
    return tuple(value)


@functools.lru_cache(maxsize=16)
def _linter(day: dt.date, select: tuple[str, ...], ignore: tuple[str, ...], channel: str,
            severity: tuple[tuple[str, str], ...], rulesets: Optional[str], language_detector: str,
            offers: str) -> Linter:
    return Linter(_rulebook(rulesets), day=day, select=select, ignore=ignore, channel=channel,
                  severity=dict(severity), detector_name=language_detector, offers=offers)


@functools.lru_cache(maxsize=4)
def _rulebook(directory: Optional[str]) -> Rulebook:
    from .rulebook import load_rulebook

    return load_rulebook(Path(directory) if directory else None)


def lint(records: Union[RecordLike, Iterable[RecordLike]], market: Optional[str] = None, *,
         locale: Optional[str] = None, linter: Optional[Linter] = None, errors: OnError = "collect",
         **options: Any) -> Report:
    """Lint records in the canonical shape (dicts as in a JSON Lines feed, or Records).

    ``market``/``locale`` apply to records that name none. ``options`` are those of ``make_linter()``
    (``date``, ``select``, ``ignore``, ``channel``, ``offers``, ``severity``, ``rulesets``, ``language_detector``).
    A record of the wrong shape, or one without a known market, is an error in ``Report.errors``
    naming it, and the other records are linted; with ``errors="raise"`` it raises ValueError
    (TypeError for an item that is not a dict or Record) instead. In-memory records have no file
    position (``line`` is 0); ``field``, ``start`` and ``end`` say where. Findings come in record
    order, and within a record in field order (record-level ones first).
    """
    _check_on_error(errors)
    if isinstance(records, (Mapping, Record)):
        records = [records]
    engine = linter or make_linter(**options)
    report = Report()
    for index, item in enumerate(records):
        found = _lint_one(engine, item, index, market, locale)
        if isinstance(found, Exception):
            if errors == "raise":
                raise found
            error = ReadError("", 0, str(found), _id_of(item))
            report.errors.append(error)
            report.summary.add_error(error)
            continue
        report.summary.records += 1
        for finding in found:
            report.findings.append(finding)
            report.summary.add_finding(finding)
    return report


def _lint_one(engine: Linter, item: RecordLike, index: int, market: Optional[str],
              locale: Optional[str]) -> Union[list[Finding], ValueError, TypeError]:
    """One record's findings in reading order, or what keeps it from being linted."""
    try:
        record = _as_record(item, index, market, locale)
    except (ValueError, TypeError) as exc:
        return exc
    result = engine.lint_record(record)
    if isinstance(result, ReadError):
        return ValueError(result.message.replace("pass --market", "pass market="))
    order: dict[Optional[str], int] = {f.path: i for i, f in enumerate(record.fields)}  # no lines to sort by
    return sorted(result, key=lambda f: (order.get(f.field, -1), f.start or 0, f.rule))


def _as_record(item: RecordLike, index: int, market: Optional[str], locale: Optional[str]) -> Record:
    from .readers.records import RecordShapeError, build_record

    if isinstance(item, Record):
        return _with_market(item, market, locale) if not item.market and market else item
    if isinstance(item, Mapping):
        try:
            return build_record(dict(item), path="", line=0, index=index, market=market, locale=locale)
        except RecordShapeError as exc:
            raise ValueError(f"record #{index} ({item.get('id', 'no id')}): {exc}") from None
    raise TypeError(f"record #{index}: expected a dict or a Record, not {type(item).__name__}")


def _id_of(item: object) -> Optional[str]:
    found = item.get("id") if isinstance(item, Mapping) else getattr(item, "id", None)
    return None if found is None else str(found)


def lint_file(path: PathLike, market: Optional[str] = None, *, locale: Optional[str] = None,
              config: Optional[PathLike] = None, linter: Optional[Linter] = None, jobs: int = 1,
              errors: OnError = "collect", **options: Any) -> Report:
    """Lint a file (or a directory's supported files) as `loclint check` does, with the same
    readers and the same run. ``config`` names a loclint.toml (or pyproject.toml) to apply as
    `loclint check --config` does (market, selection, severities, per-file-ignores, team
    rulesets, CSV settings; not the baseline, which hides findings only `check` shows);
    ``options`` then act as its command-line flags and win over the file. Without ``config`` no
    configuration file is read.

    Records and lines that cannot be read are in ``Report.errors``; with ``errors="raise"`` the
    first of them raises ValueError after the run. A path that does not exist raises
    FileNotFoundError, and a configuration that cannot be used ValueError naming file and key."""
    from .config import ConfigError
    from .run import lint_paths

    _check_on_error(errors)
    if not os.path.exists(path):
        raise FileNotFoundError(f"no such file or directory: {os.fspath(path)!r}")
    report = Report()
    collect = Kept(report)
    try:
        if config is None:
            engine = linter or make_linter(**options)
            result = lint_paths(engine, [os.fspath(path)], collect, market=market, locale=locale, jobs=jobs)
        else:
            if linter is not None:
                raise ValueError("pass either linter= or config=: a configuration builds its own linters")
            session = _session(config, market, locale, options)
            result = lint_paths(session.plan, [os.fspath(path)], collect, jobs=jobs,
                                read_options=session.read_options, keep=session.keep)
    except ConfigError as exc:
        raise ValueError(str(exc)) from None
    report.summary = result.summary
    if errors == "raise" and report.errors:
        first = report.errors[0]
        place = f"{first.path}:{first.line}" if first.line else first.path
        more = f" (and {len(report.errors) - 1} more)" if len(report.errors) > 1 else ""
        raise ValueError(f"{place}: {first.message}{more}")
    return report


# The options that `loclint check` also takes as flags, by their Flags name; severity is a file's.
_FLAG_OPTIONS = {"date": "day", "select": "select", "ignore": "ignore", "channel": "channel", "offers": "offers",
                 "language_detector": "language_detector", "rulesets": "rulesets_dir"}


def _session(config: PathLike, market: Optional[str], locale: Optional[str], options: dict[str, Any]) -> Session:
    """The command line's Session for ``--config config`` with ``options`` as its flags."""
    from .config import check_option
    from .session import Flags, Session

    flags: dict[str, Any] = {}
    for name, value in options.items():
        if name not in _FLAG_OPTIONS:
            raise TypeError(f"lint_file() with config= takes no option {name!r}"
                            + ("; set [severity] in the configuration" if name == "severity" else ""))
        if name in ("select", "ignore"):
            value = _selectors(name, value)
        elif name == "date":
            value = _day(value)
        elif name == "rulesets":
            value = os.fspath(value) if value else None
        elif value is not None:
            check_option(name, value)
        flags[_FLAG_OPTIONS[name]] = value
    return Session(Flags(market=market, locale=locale, config=os.fspath(config), **flags))


def _check_on_error(errors: str) -> None:
    if errors not in ("collect", "raise"):
        raise ValueError(f"errors: expected 'collect' or 'raise', got {errors!r}")


def fix(record: Mapping[str, Any], findings: Iterable[Finding], *, unsafe: bool = False) -> dict[str, Any]:
    """A copy of ``record`` (a dict in the canonical shape) with the findings' rewrites applied:
    safe ones, and unsafe ones too when ``unsafe``; display-only advice never. Findings of other
    records (another ``id``) are left out, and of two overlapping rewrites the first wins, as with
    `--fix`. Lint the result again to see what is left."""
    from .readers.records import _path_name

    fixed = copy.deepcopy(dict(record))
    wanted_id = str(record["id"]) if "id" in record else None
    by_field: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.field is not None and (wanted_id is None or finding.record == wanted_id):
            by_field.setdefault(finding.field, []).append(finding)
    places = {_path_name(key): key for key in _string_leaves(fixed)}
    for name, field_findings in by_field.items():
        key = places.get(name)
        if key is None:
            raise ValueError(f"the record has no text field {name!r}; were the findings for another record?")
        container: Any = fixed  # dicts and lists down to the field's text
        for part in key[:-1]:
            container = container[part]
        container[key[-1]], _ = apply_fixes(container[key[-1]], field_findings, unsafe=unsafe)
    return fixed


def _string_leaves(value: Any, key: tuple[Union[str, int], ...] = ()) -> Iterator[tuple[Union[str, int], ...]]:
    if isinstance(value, str):
        yield key
    elif isinstance(value, Mapping):
        for name, item in value.items():
            yield from _string_leaves(item, (*key, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _string_leaves(item, (*key, i))


def _with_market(record: Record, market: str, locale: Optional[str]) -> Record:
    import msgspec

    return msgspec.structs.replace(record, market=market.upper(), locale=record.locale or locale)
