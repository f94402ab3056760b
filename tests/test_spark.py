"""loclint.spark in local mode (local[2]): the findings on the same records are the command
line's (record, rule, field, span, count; and for JSON Lines every field of the contract, lines
and columns included), bad records become rows of errors and not a failed job, and the batch
job writes findings partitioned by market with the errors beside them.

One SparkSession serves the whole test session (starting one costs seconds). Marked slow: with
the JVM's start-up the module takes about two minutes on a loaded 2-core machine; CI runs it
(`pytest` runs slow tests), `-m 'not slow'` skips it."""
from __future__ import annotations

import collections
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")
pytestmark = pytest.mark.slow
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs Java (17 or later)", allow_module_level=True)

from conftest import TODAY, runner  # noqa: E402

from loclint.cli import main as loclint_main  # noqa: E402

HERE = Path(__file__).resolve().parent
DATA = HERE / "spark_feeds"  # not under tests/data, which other tests lint whole
CORPUS = HERE.parent.parent / "shared" / "corpus" / "listings-real.jsonl"
POSITION = ("path", "line", "column", "end_line", "end_column")


@pytest.fixture(scope="session")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers need this venv's loclint
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("loclint-tests")
               .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").config("spark.sql.shuffle.partitions", "2")
               .config("spark.driver.memory", "1g").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture
def small_blocks(spark):
    """Spark reads files in 2 KiB blocks: many blocks per file, so line numbers must carry over."""
    key = "spark.sql.files.maxPartitionBytes"
    before = spark.conf.get(key)
    spark.conf.set(key, "2048")
    yield
    spark.conf.set(key, before)


def cli_report(path: Path) -> dict:
    result = runner().invoke(loclint_main, ["check", "--format", "json", "--no-cache", "--fail-on", "never",
                                            "--date", TODAY.isoformat(), str(path)])
    assert result.exit_code in (0, 1), result.output  # 1: some lines could not be read
    return json.loads(result.stdout)


def rows(frame) -> list[dict]:
    return [row.asDict(recursive=True) for row in frame.collect()]


def spans(findings) -> collections.Counter:
    return collections.Counter((f["record"], f["rule"], f["field"], f["start"], f["end"]) for f in findings)


def whole(findings, leave_out=()) -> collections.Counter:
    return collections.Counter(json.dumps({k: v for k, v in f.items() if k not in leave_out}, sort_keys=True,
                                          ensure_ascii=False) for f in findings)


def same_paths(items: list[dict]) -> list[dict]:
    return [{**item, "path": os.path.abspath(item["path"])} for item in items]


def test_json_lines_are_exactly_the_cli_findings_and_errors(spark, small_blocks, tmp_path):
    from loclint.spark import lint_json_lines

    feed = tmp_path / "feeds"
    shutil.copytree(DATA, feed)
    report = lint_json_lines(spark, str(feed), date=TODAY).persist()  # findings and errors: one pass
    assert spark.read.text(str(feed)).rdd.getNumPartitions() > 2  # the blocks really were several
    cli = {"findings": [], "errors": []}
    for name in ("listings.jsonl", "broken.jsonl"):
        one = cli_report(feed / name)
        cli["findings"] += same_paths(one["findings"])
        cli["errors"] += same_paths(one["errors"])
    assert len(cli["findings"]) > 50 and len(cli["errors"]) == 7
    assert whole(rows(report.findings)) == whole(cli["findings"])
    assert whole(rows(report.errors)) == whole(cli["errors"])
    assert {"#2", "#9"} <= {f["record"] for f in rows(report.findings)}  # id-less: the CLI's "#n"


def test_dataframe_findings_are_the_cli_findings(spark):
    from loclint.spark import LISTING_SCHEMA, lint_dataframe

    feed = DATA / "listings.jsonl"
    report = lint_dataframe(spark.read.schema(LISTING_SCHEMA).json(str(feed)), date=TODAY)
    cli = cli_report(feed)["findings"]
    found = rows(report.findings)
    assert spans(found) == spans(cli)
    assert whole(found, POSITION) == whole(cli, POSITION)  # message, excerpt, rewrites, source, market
    assert {f["line"] for f in found} == {0}  # a DataFrame row has no file position unless given one
    assert rows(report.errors) == []


def test_bad_records_in_a_dataframe_are_errors_not_a_failed_job(spark):
    from loclint.spark import LISTING_SCHEMA, lint_dataframe

    frame = spark.read.schema(LISTING_SCHEMA).json(str(DATA / "broken.jsonl"))
    report = lint_dataframe(frame, date=TODAY).persist()
    errors = rows(report.errors)
    by_record = {e["record"]: e["message"] for e in errors}
    assert by_record["no-market"] == 'record no-market has no market; add "market" to it or pass --market'
    assert by_record["unknown-market"].startswith("record unknown-market: unknown market 'XX'")
    assert by_record["null-bullet"] == "'bullets[1]' must be a string, not null; record skipped"
    unparsed = [e["message"] for e in errors if e["message"].startswith("not a JSON record: ")]
    # Spark's own parser: bad-json, bad-shape (a number where the schema has a list) and the NUL
    assert [m.split('"id": ')[1][:6] for m in sorted(unparsed)] == ['"bad-j', '"bad-s', '"nul",']
    assert [e["message"] for e in errors if e["message"].startswith("not UTF-8")] == [
        "not UTF-8: byte 0xe9 at offset 48; record skipped"]
    no_id = [e["message"] for e in errors if e["record"] is None and "no 'id'" in e["message"]]
    assert len(no_id) == 2  # the two id-less records: no line column says which they are
    assert {f["record"] for f in rows(report.findings)} >= {"ok-1", "crlf"}


def test_market_option_and_place_columns(spark):
    from pyspark.sql import functions as F

    from loclint.spark import lint_dataframe

    frame = spark.createDataFrame([("Die besten Töpfe", 7, "feed.parquet"), ("Topf", 8, "feed.parquet")],
                                  "title string, row int, file string")
    report = lint_dataframe(frame, "de", path_column="file", line_column="row", date=TODAY)
    found = rows(report.findings.where(F.col("rule") == "DE001"))
    assert [(f["record"], f["path"], f["line"], f["market"], f["field"]) for f in found] == [
        ("#7", "feed.parquet", 7, "DE", "title")]


def test_bad_options_raise_before_any_task(spark):
    from loclint.spark import lint_dataframe

    frame = spark.createDataFrame([("x",)], "title string")
    with pytest.raises(ValueError, match="DE9999|matches no rule|selector"):
        lint_dataframe(frame, "DE", select=["DE9999"])
    with pytest.raises(ValueError, match="channel"):
        lint_dataframe(frame, "DE", channel="shop")
    with pytest.raises(ValueError, match="no column 'row'"):
        lint_dataframe(frame, "DE", line_column="row")


def test_job_writes_findings_by_market_and_errors_beside(spark, tmp_path):
    from loclint.spark.job import main

    out = tmp_path / "out"
    assert main([str(DATA), str(out), "--format", "json", "--date", TODAY.isoformat()]) == 0
    markets = sorted(p.name for p in (out / "findings").iterdir() if p.is_dir())
    assert markets == ["market=DE", "market=IN"]
    written = rows(spark.read.json(str(out / "findings")))
    cli = cli_report(DATA / "listings.jsonl")["findings"] + cli_report(DATA / "broken.jsonl")["findings"]
    assert spans(written) == spans(cli)
    assert {f["market"] for f in written} == {"DE", "IN"}
    errors = rows(spark.read.json(str(out / "errors")))
    assert sorted(e["line"] for e in errors) == [4, 5, 6, 7, 8, 9, 10]
    # the output exists now: a second run says so instead of overwriting
    assert main([str(DATA), str(out)]) == 2
    assert main([str(DATA), str(out), "--overwrite", "--select", "DE001", "--date", TODAY.isoformat()]) == 0
    assert {f["rule"] for f in rows(spark.read.parquet(str(out / "findings")))} == {"DE001"}


def test_job_reads_parquet(spark, tmp_path):
    from loclint.spark import LISTING_SCHEMA
    from loclint.spark.job import main

    table = tmp_path / "feed.parquet"
    spark.read.schema(LISTING_SCHEMA).json(str(DATA / "listings.jsonl")).drop("_corrupt_record") \
        .coalesce(1).write.parquet(str(table))
    out = tmp_path / "out"
    assert main([str(table), str(out), "--date", TODAY.isoformat()]) == 0
    written = rows(spark.read.parquet(str(out / "findings")))
    assert spans(written) == spans(cli_report(DATA / "listings.jsonl")["findings"])
    assert rows(spark.read.parquet(str(out / "errors"))) == []


def test_job_refuses_bad_arguments_without_a_traceback(spark, tmp_path, capsys):
    from loclint.spark.job import main

    assert main([str(DATA), str(tmp_path / "o1"), "--select", "NOPE1"]) == 2
    assert main([str(tmp_path / "missing.jsonl"), str(tmp_path / "o2")]) == 2
    err = capsys.readouterr().err
    assert "NOPE1" in err and "missing.jsonl" in err and "Traceback" not in err


@pytest.mark.skipif(not CORPUS.is_file(), reason="the shared corpus is not here")
def test_corpus_json_lines_exactly_the_cli(spark):
    from loclint.spark import lint_json_lines

    report = lint_json_lines(spark, str(CORPUS), date=TODAY).persist()
    cli = cli_report(CORPUS)
    assert len(cli["findings"]) > 4000
    assert whole(rows(report.findings)) == whole(same_paths(cli["findings"]))
    assert rows(report.errors) == cli["errors"] == []


@pytest.mark.skipif(not CORPUS.is_file(), reason="the shared corpus is not here")
def test_corpus_dataframe_the_cli_findings(spark):
    from loclint.spark import LISTING_SCHEMA, lint_dataframe

    frame = spark.read.schema(LISTING_SCHEMA).json(str(CORPUS)).repartition(4)
    report = lint_dataframe(frame, date=TODAY)
    cli = cli_report(CORPUS)["findings"]
    found = rows(report.findings)
    assert spans(found) == spans(cli)
    assert whole(found, POSITION) == whole(cli, POSITION)
