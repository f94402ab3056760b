"""Findings and read errors as rows of the output frame (schema.OUTPUT_SCHEMA)."""
from __future__ import annotations

import functools
from typing import Any, Iterable, Union

import pyarrow as pa

from ..model import Finding, ReadError
from .schema import OUTPUT_SCHEMA

_EMPTY_FINDING = {name: None for name in OUTPUT_SCHEMA.names}


def row_of(item: Union[Finding, ReadError]) -> dict[str, Any]:
    if isinstance(item, ReadError):
        return {**_EMPTY_FINDING, **item.to_dict(), "is_error": True}
    return {**item.to_dict(), "is_error": False}  # the JSON contract's object, as the CLI writes it


@functools.lru_cache(maxsize=1)
def arrow_schema() -> pa.Schema:
    from pyspark.sql.pandas.types import to_arrow_schema

    return to_arrow_schema(OUTPUT_SCHEMA)


def batch_of(items: Iterable[Union[Finding, ReadError]]) -> pa.RecordBatch:
    return pa.RecordBatch.from_pylist([row_of(item) for item in items], schema=arrow_schema())
