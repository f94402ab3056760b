"""The parts of loclint.spark that need no running Spark: rows back into records, block line
numbers, line decoding as the JSON Lines reader does it, the plan's checks, the job's arguments."""
from __future__ import annotations

import dataclasses

import pytest

pa = pytest.importorskip("pyarrow")
pytest.importorskip("pyspark")

from loclint.spark.lines import block_starts, decoded, local_path  # noqa: E402
from loclint.spark.plan import LintPlan  # noqa: E402
from loclint.spark.rows import record_of  # noqa: E402


def test_rows_become_records_without_the_nulls_of_other_records_keys():
    schema = pa.schema([
        ("id", pa.string()), ("title", pa.string()), ("bullets", pa.list_(pa.string())),
        ("attributes", pa.map_(pa.string(), pa.string())),
        ("price", pa.struct([("amount", pa.float64()), ("currency", pa.string()), ("display", pa.string())])),
        ("images", pa.list_(pa.struct([("file", pa.string()), ("alt", pa.string())]))),
    ])
    row = {"id": "A", "title": None, "bullets": ["x", None],
           "attributes": [("Brand", "Acme"), ("brand", "acme"), ("size", None)],
           "price": {"amount": 5.0, "currency": None, "display": None},
           "images": [{"file": "a.jpg", "alt": None}]}
    assert record_of(row, schema) == {
        "id": "A", "bullets": ["x", None],  # a null bullet keeps its place (and is the CLI's error)
        "attributes": {"Brand": "Acme", "brand": "acme"}, "price": {"amount": 5.0}, "images": [{"file": "a.jpg"}]}


def test_blocks_number_their_lines_from_where_the_file_reached():
    counts = [("f2", 0, 4, 3), ("f1", 100, 5, 5), ("f1", 0, 10, 8), ("f1", 200, 1, 0)]
    assert block_starts(counts) == {("f1", 0): (1, 0), ("f1", 100): (11, 8), ("f1", 200): (16, 13),
                                    ("f2", 0): (1, 0)}


def test_lines_decode_as_the_json_lines_reader_decodes_them():
    assert decoded(b"\xef\xbb\xbf{}\r\n", True, 1) == "{}"
    assert decoded(b"\xef\xbb\xbf{}", False, 5) == "\ufeff{}"  # a BOM is only skipped at the file's start
    nul = decoded(b'{"a": "\x00"}', False, 3)
    assert (nul.message, nul.line) == ("binary bytes (NUL) at column 8; record skipped", 3)
    assert decoded(b'{"a": "\xe9"}', False, 4).message == "not UTF-8: byte 0xe9 at column 8; record skipped"


def test_local_uris_read_as_paths():
    assert local_path("file:///data/feed%20one.jsonl") == "/data/feed one.jsonl"
    assert local_path("s3a://bucket/feed.jsonl") == "s3a://bucket/feed.jsonl"


def test_plan_fixes_the_date_and_refuses_bad_options_on_the_driver():
    plan = LintPlan.settle("de", None, {"date": "2026-11-25", "select": ["DE"]})
    assert dict(plan.options) == {"date": "2026-11-25", "select": ("DE",)}
    assert plan.linter().day.isoformat() == "2026-11-25"
    assert dict(LintPlan.settle(None, None, {}).options)["date"]  # today, fixed once on the driver
    with pytest.raises(ValueError, match="select"):
        LintPlan.settle(None, None, {"select": "DE001"})
    with pytest.raises(TypeError):
        LintPlan.settle(None, None, {"colour": "red"})


def test_an_executor_with_other_rulesets_refuses_to_lint():
    plan = dataclasses.replace(LintPlan.settle(None, None, {}), fingerprint="0" * 16)
    with pytest.raises(RuntimeError, match="other rulesets than the driver"):
        plan.linter()


def test_job_arguments_become_lint_options(tmp_path):
    from loclint.spark.job import input_format, options_of, parser

    args = parser().parse_args(["in", "out", "--select", "DE,MET", "--select", "EU001", "--ignore", "DE013",
                                "--date", "2026-09-01", "--channel", "own-store"])
    assert options_of(args) == {"select": ["DE", "MET", "EU001"], "ignore": ["DE013"], "date": "2026-09-01",
                                "channel": "own-store"}
    (tmp_path / "table").mkdir()
    (tmp_path / "table" / "part-0.parquet").write_bytes(b"")
    (tmp_path / "table" / "_SUCCESS").write_bytes(b"")
    assert input_format(str(tmp_path / "table"), "auto") == "parquet"
    assert input_format("feed.parquet", "auto") == "parquet"
    assert input_format("feed.jsonl", "auto") == "jsonl"
    assert input_format("feed.jsonl", "parquet") == "parquet"
