"""Findings and read errors as rows of the output frame (schema.OUTPUT_SCHEMA)."""
from __future__ import annotations

from typing import Any, Iterable, Union

import pyarrow as pa

from ..model import Finding, ReadError
from .schema import OUTPUT_SCHEMA

_EMPTY_FINDING = {name: None for name in OUTPUT_SCHEMA.names}


def row_of(item: Union[Finding, ReadError]) -> dict[str, Any]:
    if isinstance(item, ReadError):
        return {**_EMPTY_FINDING, **item.to_dict(), "is_error": True}
    return {**item.to_dict(), "is_error": False}  # the JSON contract's object, as the CLI writes it


def batch_of(items: Iterable[Union[Finding, ReadError]], schema: pa.Schema) -> pa.RecordBatch:
    return pa.RecordBatch.from_pylist([row_of(item) for item in items], schema=schema)
