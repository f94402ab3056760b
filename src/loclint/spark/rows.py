"""Spark rows back into the record shape loclint reads.

Arrow hands a row over as plain Python values: structs as dicts, arrays as lists, maps as lists
of (key, value) pairs, and None for every column the record did not have (a schema is the union
of all records' keys). A JSON feed has no such nulls, so they are dropped: "absent" and "null"
read the same to loclint, and an absent key must not become a text field.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterator, Union

import pyarrow as pa


def record_of(row: dict[str, Any], schema: pa.Schema) -> dict[str, Any]:
    """One row (from RecordBatch.to_pylist) in the canonical shape."""
    return {name: _plain(value, schema.field(name).type) for name, value in row.items() if value is not None}


def _plain(value: Any, kind: pa.DataType) -> Any:
    if pa.types.is_map(kind):
        return {key: _plain(item, kind.item_type) for key, item in value if item is not None}
    if pa.types.is_struct(kind):
        return {field.name: _plain(value[field.name], field.type) for field in kind
                if value.get(field.name) is not None}
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        # a null inside a list keeps its place: bullets[2] must stay bullets[2]
        return [None if item is None else _plain(item, kind.value_type) for item in value]
    if isinstance(value, Decimal):  # a Parquet catalogue's money; JSON numbers read as float
        return float(value)
    return value


class Undecodable:
    """A row holding bytes that are not UTF-8 (Spark does not check the text it reads)."""

    def __init__(self, batch: pa.RecordBatch, exc: UnicodeDecodeError):
        self.batch, self.reason = batch, f"byte 0x{exc.object[exc.start]:02x} at offset {exc.start}"
        self.id = self._value("id")

    def _value(self, name: str) -> Any:
        try:
            value = self.batch.column(name)[0].as_py() if name in self.batch.schema.names else None
        except UnicodeDecodeError:
            return None
        return None if value is None else str(value)

    def place(self, names) -> dict[str, Any]:
        return {name: self._value(name) for name in names}


def rows_of(batch: pa.RecordBatch) -> Iterator[Union[dict[str, Any], Undecodable]]:
    """The batch's rows as Python values; row by row when some text in it is not UTF-8, so that
    only the rows holding such text are lost."""
    try:
        yield from batch.to_pylist()
        return
    except UnicodeDecodeError:
        pass
    for i in range(batch.num_rows):
        one = batch.slice(i, 1)
        try:
            yield one.to_pylist()[0]
        except UnicodeDecodeError as exc:
            yield Undecodable(one, exc)
