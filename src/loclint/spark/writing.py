"""Writing a SparkReport: findings partitioned by market, errors beside them."""
from __future__ import annotations

from .frames import SparkReport


def write_report(report: SparkReport, output: str, fmt: str, overwrite: bool) -> tuple[int, int]:
    """Write OUTPUT/findings (partitioned by market) and OUTPUT/errors; the counts of each.
    The linted rows are persisted first, so the records are linted once for both writes."""
    from pyspark.sql import functions as F

    report = report.persist()
    mode = "overwrite" if overwrite else "errorifexists"
    try:
        # JSON keeps the contract's nulls ("field": null for a record-level finding)
        report.findings.write.mode(mode).partitionBy("market").format(fmt).option("ignoreNullFields", "false") \
            .save(f"{output}/findings")
        report.errors.write.mode(mode).format(fmt).option("ignoreNullFields", "false").save(f"{output}/errors")
        counts = {row["is_error"]: row["count"] for row in report.output.groupBy("is_error").count().collect()}
    finally:
        report.output.unpersist()
    return counts.get(False, 0), counts.get(True, 0)
