"""The Python API for pipelines: lint listings that are already in memory, lint files, apply
rewrites. A thin layer over the engine (Linter) and the run the command line uses (run.py), so
a finding is the same object whichever way it was found.

    import loclint
    findings = loclint.lint([{"id": "SKU-1", "title": "Die besten Töpfe"}], market="DE")
    fixed = loclint.fix(record, findings, unsafe=True)

Linters are compiled once per set of options and kept (compiling a market's rules is the slow
part); `import loclint` itself imports none of this (see __init__.py).
"""
from __future__ import annotations

import copy
import datetime as dt
import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional, Sequence, Union

from .engine import Linter
from .fixer import apply_fixes
from .model import Finding, ReadError, Record
from .options import default
from .summary import Summary

RecordLike = Union[Mapping, Record]


@dataclass
class Report:
    """What ``lint_file`` found: findings in file order, inputs that could not be read, counts."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)


def make_linter(*, date: Union[dt.date, str, None] = None, select: Sequence[str] = (), ignore: Sequence[str] = (),
           channel: str = default("channel"), severity: Optional[Mapping[str, str]] = None,
           rulesets: Union[str, os.PathLike, None] = None,
           language_detector: str = default("language_detector")) -> Linter:
    """The compiled Linter for these options (cached: the same options give the same object).
    ``select`` and ``ignore`` take rule selectors (README: Rule selectors); a malformed one, or
    one that matches no rule, raises ValueError naming it. A value a configuration file could not
    have either raises ValueError naming the option."""
    from .config import check_option

    day = dt.date.fromisoformat(date) if isinstance(date, str) else (date or dt.date.today())
    severity = check_option("severity", dict(severity or {}))
    for name, value in (("channel", channel), ("language_detector", language_detector)):
        check_option(name, value)
    return _linter(day, tuple(select), tuple(ignore), channel, tuple(sorted(severity.items())),
                   str(rulesets) if rulesets else None, language_detector)


@functools.lru_cache(maxsize=16)
def _linter(day, select, ignore, channel, severity, rulesets, language_detector) -> Linter:
    return Linter(_rulebook(rulesets), day=day, select=select, ignore=ignore, channel=channel,
                  severity=dict(severity), detector_name=language_detector)


@functools.lru_cache(maxsize=4)
def _rulebook(directory: Optional[str]):
    from .rulebook import load_rulebook

    return load_rulebook(directory)


def lint(records: Union[RecordLike, Iterable[RecordLike]], market: Optional[str] = None, *,
         locale: Optional[str] = None, linter: Optional[Linter] = None, **options: Any) -> list[Finding]:
    """Findings for records in the canonical shape (dicts as in a JSON Lines feed, or Records).

    ``market``/``locale`` apply to records that name none. ``options`` are those of ``make_linter()``
    (``date``, ``select``, ``ignore``, ``channel``, ``severity``, ``rulesets``). A record of the
    wrong shape, or one without a market, raises ValueError naming it. In-memory records have no
    file position (``line`` is 0); ``field``, ``start`` and ``end`` say where. Findings come in
    record order, and within a record in field order (record-level ones first).
    """
    from .readers.records import RecordShapeError, build_record

    if isinstance(records, (Mapping, Record)):
        records = [records]
    engine = linter or make_linter(**options)
    findings: list[Finding] = []
    for index, item in enumerate(records):
        if isinstance(item, Record):
            record = item
            if not record.market and market:
                record = _with_market(record, market, locale)
        elif isinstance(item, Mapping):
            try:
                record = build_record(dict(item), path="", line=0, index=index, market=market, locale=locale)
            except RecordShapeError as exc:
                raise ValueError(f"record #{index} ({item.get('id', 'no id')}): {exc}") from None
        else:
            raise TypeError(f"record #{index}: expected a dict or a Record, not {type(item).__name__}")
        result = engine.lint_record(record)
        if isinstance(result, ReadError):
            raise ValueError(result.message.replace("pass --market", "pass market="))
        order = {f.path: i for i, f in enumerate(record.fields)}  # no lines to sort by: reading order
        findings.extend(sorted(result, key=lambda f: (order.get(f.field, -1), f.start or 0, f.rule)))
    return findings


def lint_file(path: Union[str, os.PathLike], market: Optional[str] = None, *, locale: Optional[str] = None,
              linter: Optional[Linter] = None, jobs: int = 1, **options: Any) -> Report:
    """Lint a file (or a directory's supported files) as `loclint check` does: the same readers,
    the same run; no configuration file is read, pass options instead. Records and lines that
    cannot be read are in ``Report.errors``; a path that does not exist raises FileNotFoundError."""
    from .run import lint_paths

    if not os.path.exists(path):
        raise FileNotFoundError(f"no such file or directory: {os.fspath(path)!r}")
    engine = linter or make_linter(**options)
    report = Report()
    collect = _Collector(report)
    result = lint_paths(engine, [os.fspath(path)], collect, market=market, locale=locale, jobs=jobs)
    report.summary = result.summary
    return report


def fix(record: Mapping, findings: Iterable[Finding], *, unsafe: bool = False) -> dict:
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
        container = fixed
        for part in key[:-1]:
            container = container[part]
        container[key[-1]], _ = apply_fixes(container[key[-1]], field_findings, unsafe=unsafe)
    return fixed


def _string_leaves(value: Any, key: tuple = ()) -> Iterable[tuple]:
    if isinstance(value, str):
        yield key
    elif isinstance(value, Mapping):
        for name, item in value.items():
            yield from _string_leaves(item, (*key, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _string_leaves(item, (*key, i))


def _with_market(record: Record, market: str, locale: Optional[str]) -> Record:
    import dataclasses

    return dataclasses.replace(record, market=market.upper(), locale=record.locale or locale)


class _Collector:
    """A reporter that keeps what the run reports."""

    def __init__(self, report: Report):
        self.report = report

    def finding(self, finding: Finding) -> None:
        self.report.findings.append(finding)

    def error(self, error: ReadError) -> None:
        self.report.errors.append(error)

    def finish(self, summary) -> None:
        pass
