"""Spark rows back into the record shape loclint reads.

Arrow hands a row over as plain Python values: structs as dicts, arrays as lists, maps as lists
of (key, value) pairs, and None for every column the record did not have (a schema is the union
of all records' keys). A JSON feed has no such nulls, so they are dropped: "absent" and "null"
read the same to loclint, and an absent key must not become a text field.
"""
from __future__ import annotations

from typing import Any

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
    return value
