"""The batch job: ``python -m loclint.spark INPUT OUTPUT`` (or spark-submit the file
loclint/spark/__main__.py with the same arguments).

Reads JSON Lines (line by line with loclint's own reader: the findings, lines and errors of
`loclint check`) or Parquet (rows in the canonical shape; ``line`` is the row's number in its
file), lints once, and writes OUTPUT/findings partitioned by market (market=DE/…) and
OUTPUT/errors beside them. Bad records are rows of errors, never a failed job; bad arguments
and unreadable input paths are a message on stderr and exit code 2.
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Optional, Sequence

from ..engine import CHANNELS, OFFERS
from .plan import LintPlan

EXIT_USAGE = 2


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m loclint.spark",
                                description="Lint listings on Spark; write findings partitioned by market.")
    p.add_argument("input", help="a JSON Lines or Parquet file, or a directory of them (any Spark path)")
    p.add_argument("output", help="a directory: OUTPUT/findings/market=XX/ and OUTPUT/errors/")
    p.add_argument("--format", choices=("parquet", "json"), default="parquet", help="output format (default parquet)")
    p.add_argument("--input-format", choices=("auto", "jsonl", "parquet"), default="auto",
                   help="auto: Parquet if INPUT ends in .parquet or is a directory of .parquet files")
    p.add_argument("--market", help="for records that name none")
    p.add_argument("--locale", help="for records that name none")
    p.add_argument("--select", action="append", help="rule selectors, comma-separated (as loclint check)")
    p.add_argument("--ignore", action="append", help="rule selectors, comma-separated (as loclint check)")
    p.add_argument("--date", help="lint as of this day (YYYY-MM-DD)")
    p.add_argument("--channel", choices=CHANNELS)
    p.add_argument("--offers", choices=OFFERS)
    p.add_argument("--rulesets", help="a rulesets directory every executor can read")
    p.add_argument("--overwrite", action="store_true", help="replace OUTPUT's findings and errors if they exist")
    return p


def options_of(args: argparse.Namespace) -> dict:
    """The lint options the arguments give, as loclint.lint takes them."""
    options: dict = {}
    for name in ("select", "ignore"):
        values = getattr(args, name)
        if values:
            options[name] = [s.strip() for value in values for s in value.split(",") if s.strip()]
    for name in ("date", "channel", "offers", "rulesets"):
        if getattr(args, name) is not None:
            options[name] = getattr(args, name)
    return options


def input_format(path: str, wanted: str) -> str:
    if wanted != "auto":
        return wanted
    if path.rstrip("/").endswith(".parquet"):
        return "parquet"
    if os.path.isdir(path):
        names = [n for n in os.listdir(path) if not n.startswith((".", "_"))]
        if names and all(n.endswith(".parquet") or os.path.isdir(os.path.join(path, n)) for n in names):
            return "parquet"
    return "jsonl"


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parser().parse_args(argv)
    try:  # bad options and a missing local input fail here, before a JVM starts (seconds)
        LintPlan.settle(args.market, args.locale, options_of(args))
    except (ValueError, TypeError) as exc:
        print(f"loclint.spark: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if "://" not in args.input and not os.path.exists(args.input):
        print(f"loclint.spark: no such file or directory: {args.input!r}", file=sys.stderr)
        return EXIT_USAGE
    # `python -m` in a virtual environment: workers run this interpreter (it has loclint), not
    # whatever `python3` is first on PATH; spark-submit's own settings win.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.errors import AnalysisException
    from pyspark.sql import SparkSession

    from .frames import lint_dataframe, lint_json_lines
    from .writing import write_report

    started = SparkSession.getActiveSession() is None  # stop only a session this job started
    spark = SparkSession.builder.appName("loclint").getOrCreate()
    try:
        kind = input_format(args.input, args.input_format)
        if kind == "parquet":
            from pyspark.sql import functions as F

            frame = (spark.read.parquet(args.input)
                     .withColumn("_loclint_path", F.col("_metadata.file_path"))
                     .withColumn("_loclint_row", F.col("_metadata.row_index") + 1))
            report = lint_dataframe(frame, args.market, locale=args.locale, path_column="_loclint_path",
                                    line_column="_loclint_row", **options_of(args))
        else:
            report = lint_json_lines(spark, args.input, args.market, locale=args.locale, **options_of(args))
        findings, errors = write_report(report, args.output, args.format, args.overwrite)
    except (ValueError, TypeError) as exc:  # a bad option, named by make_linter
        print(f"loclint.spark: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except AnalysisException as exc:  # no such input, output already there, unreadable Parquet
        print(f"loclint.spark: {exc.getMessage() if hasattr(exc, 'getMessage') else exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        if started:
            spark.stop()
    print(f"{findings} findings in {args.output}/findings (by market), {errors} errors in {args.output}/errors")
    return 0
