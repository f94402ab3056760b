"""loclint on Spark, for catalogues of millions of listings (``pip install 'loclint[spark]'``).

    from loclint.spark import LISTING_SCHEMA, lint_dataframe
    report = lint_dataframe(spark.read.schema(LISTING_SCHEMA).json("s3://…/feed/"), market="DE")
    report.findings.write.partitionBy("market").parquet("s3://…/findings")

Each partition goes through loclint's own engine (mapInArrow, no per-row UDF); the options are
checked on the driver and broadcast with the rulesets' fingerprint, and each Python worker
compiles the rules once. `python -m loclint.spark INPUT OUTPUT` is the same as a batch job.
"""
from __future__ import annotations

try:
    import pyspark  # noqa: F401
    import pyarrow  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the installation
    raise ImportError("loclint.spark needs pyspark and pyarrow: pip install 'loclint[spark]'") from exc

from .frames import SparkReport, lint_dataframe, lint_json_lines
from .schema import LISTING_SCHEMA

__all__ = ["LISTING_SCHEMA", "SparkReport", "lint_dataframe", "lint_json_lines"]
