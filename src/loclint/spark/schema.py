"""The Spark schemas: listings in, findings and read errors out.

Findings carry the JSON contract's fields as columns (README: The JSON contract), nested where
the contract nests (``suggestions``, ``source``, ``context``); errors carry the contract's
``errors`` fields. A linting pass emits both in one frame, told apart by ``is_error``, so the
records are linted once whichever of the two is written first.
"""
from __future__ import annotations

from pyspark.sql.types import (ArrayType, BooleanType, DoubleType, IntegerType, MapType, StringType, StructField,
                               StructType)

_TEXTS = ArrayType(StringType())

# The canonical record (README: A record) as Spark should read it. `attributes` is a map, not the
# struct Spark would infer: a catalogue's attribute names are open-ended, differ by case
# ("Brand" and "brand" in one feed, which schema inference refuses) and keep their order.
LISTING_SCHEMA = StructType([
    StructField("id", StringType()),
    StructField("market", StringType()),
    StructField("locale", StringType()),
    StructField("title", StringType()),
    StructField("bullets", _TEXTS),
    StructField("description", StringType()),
    StructField("attributes", MapType(StringType(), StringType())),
    StructField("price", StructType([StructField("amount", DoubleType()), StructField("currency", StringType()),
                                     StructField("display", StringType())])),
    StructField("images", ArrayType(StructType([StructField("file", StringType()), StructField("alt", StringType()),
                                                StructField("colors", _TEXTS), StructField("tags", _TEXTS)]))),
    StructField("_loclint", StringType()),  # a suppression (README: Suppressions); the list form reads as text
    # spark.read.json puts a line it cannot parse here (PERMISSIVE mode); such a row is an error
    StructField("_corrupt_record", StringType()),
])

FINDING_FIELDS = [
    StructField("rule", StringType()),
    StructField("name", StringType()),
    StructField("severity", StringType()),
    StructField("message", StringType()),
    StructField("path", StringType()),
    StructField("record", StringType()),
    StructField("field", StringType()),
    StructField("start", IntegerType()),
    StructField("end", IntegerType()),
    StructField("line", IntegerType()),
    StructField("column", IntegerType()),
    StructField("end_line", IntegerType()),
    StructField("end_column", IntegerType()),
    StructField("text", StringType()),
    StructField("suggestions", ArrayType(StructType([StructField("replacement", StringType()),
                                                     StructField("applicability", StringType())]))),
    StructField("source", StructType([StructField("title", StringType()), StructField("url", StringType()),
                                      StructField("grade", StringType())])),
    StructField("market", StringType()),
    StructField("context", StructType([StructField("before", StringType()), StructField("after", StringType())])),
]
FINDING_COLUMNS = [f.name for f in FINDING_FIELDS]
ERROR_COLUMNS = ["path", "line", "record", "message"]  # a subset of the finding's columns

# What one pass writes: a finding, or (is_error) a read error in the columns it shares with one.
OUTPUT_SCHEMA = StructType([*FINDING_FIELDS, StructField("is_error", BooleanType(), nullable=False)])
