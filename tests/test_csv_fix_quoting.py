"""A fix in an unquoted CSV cell that brings a delimiter into it (a German decimal comma in a
comma-separated feed) quotes the cell, as RFC 4180 writes such a value, so it is applied; where a
fix still cannot be written, it is not counted as fixable and --fix says why (issue 14, item 5)."""
import csv
import io
import json

from conftest import runner

from loclint.cli import main


def _check(*args):
    return runner().invoke(main, ["check", "--no-cache", "--market", "DE", "--date", "2026-11-25",
                                  "--fail-on", "never", *map(str, args)])


def _fixable(path) -> int:
    return json.loads(_check("--format", "json", path).stdout)["summary"]["fixable"]["safe"]


def _rows(path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def test_an_unquoted_cell_is_quoted_so_the_fix_applies(tmp_path):
    path = tmp_path / "products.csv"
    path.write_bytes(b"Handle,Title,Vendor\r\nh1,Kabel 6 ft lang,ACME\r\nh2,Tisch 24.99 \xe2\x82\xac,ACME\r\n")
    assert _fixable(path) == 2
    result = _check("--fix", path)
    assert "fixed 2 finding(s)" in result.stderr
    assert path.read_bytes().decode("utf-8") == (
        'Handle,Title,Vendor\r\nh1,"Kabel 1,83 m (6 ft) lang",ACME\r\nh2,"Tisch 24,99 €",ACME\r\n')
    assert _rows(path)[1] == ["h1", "Kabel 1,83 m (6 ft) lang", "ACME"]  # the row keeps its cells
    assert "fixed 0 finding(s)" in _check("--fix", path).stderr  # and a second --fix changes nothing
    assert _fixable(path) == 0


def test_a_cell_that_needs_no_quotes_stays_unquoted(tmp_path):
    path = tmp_path / "products.csv"
    path.write_text("Handle;Title;Vendor\nh1;Kabel 6 ft lang;ACME\n", encoding="utf-8")
    _check("--fix", path)
    assert path.read_text(encoding="utf-8") == "Handle;Title;Vendor\nh1;Kabel 1,83 m (6 ft) lang;ACME\n"


def test_a_fix_that_still_cannot_be_written_is_not_counted_and_fix_says_why(tmp_path):
    path = tmp_path / "products.csv"
    # The value is the cell less its leading space: quoting the cell would change the value.
    original = b"Handle,Title,Vendor\r\nh1, Kabel 6 ft lang,ACME\r\n"
    path.write_bytes(original)
    assert _fixable(path) == 0
    result = _check("--fix", path)
    assert path.read_bytes() == original
    assert f"loclint: {path}:2:" in result.stderr and "MET001 “6 ft” not fixed:" in result.stderr
