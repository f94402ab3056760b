"""The driver side: lint a DataFrame, or JSON Lines files, and get findings and errors back as
DataFrames (lazily: nothing runs until one of them is written or collected)."""
from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, NamedTuple, Optional, Union

from .partitions import RowColumns, lint_rows
from .plan import LintPlan
from .schema import ERROR_COLUMNS, FINDING_COLUMNS, OUTPUT_SCHEMA

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession


class SparkReport(NamedTuple):
    """``findings`` (the JSON contract's fields as columns) and ``errors`` (path, line, record,
    message) of one linting pass. Both are views of ``output``; persist it (``report.persist()``)
    before using both, or each of them lints the records again."""

    findings: "DataFrame"
    errors: "DataFrame"
    output: "DataFrame"

    def persist(self) -> "SparkReport":
        from pyspark import StorageLevel

        return _report(self.output.persist(StorageLevel.MEMORY_AND_DISK))


def _report(output: "DataFrame") -> SparkReport:
    from pyspark.sql import functions as F

    return SparkReport(output.where(~F.col("is_error")).select(*FINDING_COLUMNS),
                       output.where(F.col("is_error")).select(*ERROR_COLUMNS), output)


def lint_dataframe(df: "DataFrame", market: Optional[str] = None, *, locale: Optional[str] = None,
                   path_column: Optional[str] = None, line_column: Optional[str] = None,
                   **options: Any) -> SparkReport:
    """Lint a DataFrame of records in the canonical shape (the columns of a JSON Lines feed;
    read one with ``spark.read.schema(LISTING_SCHEMA).json(...)``, or Parquet).

    ``market``, ``locale`` and ``options`` are those of ``loclint.lint`` (``date``, ``select``,
    ``ignore``, ``channel``, ``offers``, ``severity``, ``rulesets``, ``language_detector``); a bad
    option raises ValueError here, before any task runs. A finding's ``record`` is the row's
    ``id``. ``path_column``/``line_column`` name columns saying where a row was read (its file,
    and its 1-based line or row number there): findings and errors carry them, and a record
    without an id is then named ``#<line>``, as `loclint check` names the n-th record of a file;
    without ``line_column`` such a record is an error. Rows that are not valid records become
    errors; the job does not fail."""
    plan = LintPlan.settle(market, locale, options)
    for column in (path_column, line_column):
        if column is not None and column not in df.columns:
            raise ValueError(f"the DataFrame has no column {column!r} (it has: {', '.join(df.columns)})")
    shipped = df.sparkSession.sparkContext.broadcast(plan)
    columns = RowColumns(path_column, line_column)
    return _report(df.mapInArrow(functools.partial(_lint_rows, shipped, columns), OUTPUT_SCHEMA))


def _lint_rows(shipped, columns, batches):
    return lint_rows(shipped.value, columns, batches)


def lint_json_lines(spark: "SparkSession", paths: Union[str, list[str]], market: Optional[str] = None, *,
                    locale: Optional[str] = None, **options: Any) -> SparkReport:
    """Lint JSON Lines files as `loclint check` does, line by line with its own reader, so the
    findings (with their line and column) and the errors are exactly the command line's. Reads
    the files twice: once to number the lines (cheap), once to lint."""
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    from .lines import COUNT_SCHEMA, block_starts, count_blocks

    plan = LintPlan.settle(market, locale, options)
    # lines split at "\n" only, as Python reads a file; bytes, so that text that is not UTF-8 is
    # the line's error (as the CLI reports it) and not a failed task
    lines = (spark.read.option("lineSep", "\n").text(paths)
             .select(F.col("_metadata.file_path").alias("file"), F.col("_metadata.file_block_start").alias("block"),
                     F.col("value").cast("binary").alias("value")))
    counts = lines.mapInArrow(count_blocks, from_arrow_schema(COUNT_SCHEMA)).collect()
    starts = block_starts([(r.file, r.block, r.lines, r.records) for r in counts])
    shipped = spark.sparkContext.broadcast((plan, starts))
    return _report(lines.mapInArrow(functools.partial(_lint_lines, shipped), OUTPUT_SCHEMA))


def _lint_lines(shipped, batches):
    from .lines import lint_lines

    plan, starts = shipped.value
    return lint_lines(plan, starts, batches)
