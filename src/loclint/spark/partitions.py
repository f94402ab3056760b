"""The executor side: each partition's rows through loclint's own engine.

mapInArrow hands over a partition as Arrow batches; each row becomes a record exactly as the
command line builds one (readers.records.record_or_error, or the JSON Lines reader's own line
parser for raw lines), and Linter.lint_record lints it. A row that is not a listing is a read
error naming its file, line and record, never a failed task.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Iterator, Optional, Union

import pyarrow as pa

from ..model import Finding, ReadError
from ..readers.errors import UnreadableInput
from ..readers.records import record_or_error
from .output import batch_of
from .plan import LintPlan
from .rows import Undecodable, record_of, rows_of

Item = Union[Finding, ReadError]
CORRUPT_COLUMN = "_corrupt_record"  # where spark.read.json puts a line it cannot parse


def _excerpt(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")


def lint_rows(plan: LintPlan, columns: "RowColumns", batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """mapInArrow's function for a frame of canonical records."""
    linter = plan.linter()
    for batch in batches:
        found: list[Item] = []
        schema = batch.schema
        for row in rows_of(batch):
            if isinstance(row, Undecodable):
                path, line = columns.place(row.place(columns.extra))
                found.append(ReadError(path, line, f"not UTF-8: {row.reason}; record skipped", row.id))
                continue
            path, line = columns.place(row)
            broken = row.get(CORRUPT_COLUMN)
            if broken is not None:  # spark.read.json could not parse it (PERMISSIVE mode)
                found.append(ReadError(path, line, f"not a JSON record: {_excerpt(broken)}; record skipped"))
                continue
            record = record_of({k: v for k, v in row.items() if k not in columns.extra}, schema)
            found.extend(_lint_one(linter, plan, record, path, line, columns.has_place))
        yield batch_of(found)


def _lint_one(linter, plan: LintPlan, obj: dict[str, Any], path: str, line: int, has_place: bool) -> list[Item]:
    if "id" not in obj and not has_place:
        return [ReadError(path, line, "the record has no 'id', and the frame says nothing of where it was read "
                          "(pass line_column=, or give records an id); record skipped")]
    # an id-less record is the CLI's "#n", n its place in its file (the line for JSON Lines)
    item = record_or_error(obj, path=path, line=line, index=line, market=plan.market, locale=plan.locale)
    if isinstance(item, UnreadableInput):
        return [item.report(path)]
    result = linter.lint_record(item)
    if isinstance(result, ReadError):
        return [result]
    # a row's findings have no position in its text (no file to point into): they point at the row
    return [dataclasses.replace(f, line=line) for f in result] if line and has_place else result


class RowColumns:
    """Which columns of the frame say where a record was read (not part of the record)."""

    def __init__(self, path_column: Optional[str], line_column: Optional[str]):
        self.path_column, self.line_column = path_column, line_column
        self.extra = {c for c in (path_column, line_column, CORRUPT_COLUMN) if c}
        self.has_place = line_column is not None

    def place(self, row: dict[str, Any]) -> tuple[str, int]:
        path = row.get(self.path_column) if self.path_column else None
        line = row.get(self.line_column) if self.line_column else None
        return (str(path) if path is not None else "", int(line) if line is not None else 0)
