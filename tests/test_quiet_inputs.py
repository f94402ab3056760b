"""Inputs that went quiet (issue 15, the inputs part): a NUL byte on one line of a feed, CSV
columns nobody mapped, directory runs over files that are not listings, and the README's
pre-commit snippet (tested in test_pre_commit.py)."""
import json

import pytest

from conftest import runner
from loclint.cli import main
from loclint.model import ReadError, Record
from loclint.readers import read_file


def read(path, market=None):
    items = list(read_file(str(path), market))
    return [i for i in items if isinstance(i, Record)], [i for i in items if isinstance(i, ReadError)]


# --- 2. a broken line is a broken line -------------------------------------------------------

def test_a_nul_byte_on_one_jsonl_line_is_that_lines_error_and_the_other_lines_are_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"id": "A-1", "title": "Tasse"}\n'
                     b'{"id": "A-2", "title": "Te\x00ller"}\n'
                     b'{"id": "A-3", "title": "Schale"}\n')
    records, errors = read(path, "DE")
    assert [r.id for r in records] == ["A-1", "A-3"]
    assert [(e.line, e.message) for e in errors] == [(2, "binary bytes (NUL) at column 27; record skipped")]
    assert not errors[0].whole_file


def test_a_nul_byte_in_one_csv_row_is_that_rows_error_and_the_other_rows_are_read(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_bytes(b"id,title\nA-1,Tasse\nA-2,Tel\x00ler\nA-3,Schale\n")
    records, errors = read(path, "DE")
    assert [r.id for r in records] == ["A-1", "A-3"]
    assert [(e.line, e.message, e.record) for e in errors] == [
        (3, "binary bytes (NUL) at column 8; record skipped", "A-2")]


@pytest.mark.parametrize("name", ["photo.jsonl", "photo.csv"])
def test_a_file_binary_throughout_stays_one_error_for_the_file(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\n\x08\x06\x00\x00\x00\x1f\xf3\xffa\n")
    records, errors = read(path, "DE")
    assert records == []
    assert [(e.line, e.message, e.whole_file) for e in errors] == [(0, "binary file (NUL bytes), not text", True)]
