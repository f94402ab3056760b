"""Readers: every finding points at the raw character in the file (1-based line and column,
columns counted in characters), through JSON escapes, pretty-printed JSON, YAML scalar styles,
text files and byte-order marks; bad lines and records are reported and the run goes on."""
import codecs
import json
from pathlib import Path

import pytest

from loclint.model import ReadError, Record
from loclint.readers import expand_paths, read_file

DATA = Path(__file__).resolve().parent / "data"
MAKER = "Hersteller: Beispiel GmbH, Musterstr. 1, 10115 Berlin, info@beispiel.example"


def read(path, market=None):
    items = list(read_file(str(path), market))
    return [i for i in items if isinstance(i, Record)], [i for i in items if isinstance(i, ReadError)]


def findings(linter, path, market=None, rule="DE001"):
    """{(record id, field): finding} of ``rule`` in the file; fails on read errors."""
    records, errors = read(path, market)
    assert errors == []
    out = {}
    for record in records:
        for f in linter.market(record.market).lint(record):
            if f.rule == rule:
                assert (record.id, f.field) not in out, f"two {rule} findings in {record.id}:{f.field}"
                out[(record.id, f.field)] = f
    return out


def raw_lines(path, encoding="utf-8"):
    return Path(path).read_text(encoding=encoding).split("\n")


def column_of(line: str, needle: str) -> int:
    """1-based column of the first ``needle`` in a raw file line."""
    return line.index(needle) + 1


# --- JSON Lines ------------------------------------------------------------------------------

def test_jsonl_columns_count_raw_characters_through_escapes_and_emoji(linter):
    path = DATA / "escapes.jsonl"
    lines = raw_lines(path)
    # the raw lines really hold escapes and a non-BMP character before the flagged words
    assert '\\u00e9 \\"Bar\\" 😀 \\u00fcber die besten' in lines[0]
    assert '"\\ud83d\\ude00\\ud83c\\udf89 Die besten' in lines[1]
    assert '\\" \\\\ 🎉 der beste Deckel' in lines[1]

    found = findings(linter, path)
    assert set(found) == {("esc-1", "title"), ("esc-2", "title"), ("esc-2", "bullets[0]")}

    title = found[("esc-1", "title")]
    assert title.text == "die besten"
    assert (title.line, title.column) == (1, column_of(lines[0], "die besten"))
    assert (title.line, title.column) == (1, 73)

    # two escaped surrogate pairs (12 raw characters each, one character decoded) before it
    emoji_title = found[("esc-2", "title")]
    assert emoji_title.text == "Die besten"
    assert (emoji_title.line, emoji_title.column) == (2, column_of(lines[1], "Die besten"))

    bullet = found[("esc-2", "bullets[0]")]
    assert bullet.text == "der beste"
    assert (bullet.line, bullet.column) == (2, column_of(lines[1], "der beste Deckel"))


def test_jsonl_with_crlf_line_endings_and_blank_lines(linter, tmp_path):
    record = {"id": "crlf", "market": "DE", "title": "Set: \u00e9 die besten Töpfe", "description": MAKER}
    line = json.dumps(record)  # ensure_ascii: é and ö written as \u escapes
    path = tmp_path / "crlf.jsonl"
    path.write_bytes(b"\r\n" + line.encode() + b"\r\n\r\n")
    found = findings(linter, path)
    assert {k: (f.line, f.column) for k, f in found.items()} == {
        ("crlf", "title"): (2, column_of(line, "die besten"))
    }


# --- pretty-printed JSON ---------------------------------------------------------------------

def test_pretty_json_array_points_into_the_right_line(linter):
    path = DATA / "pretty.json"
    lines = raw_lines(path)
    found = findings(linter, path)
    assert set(found) == {("pj-2", "bullets[1]")}
    f = found[("pj-2", "bullets[1]")]
    assert f.text == "die besten"
    assert lines[14].lstrip().startswith('"Kochtipp \\"Profi\\": die besten T\\u00f6pfe')
    assert (f.line, f.column) == (15, column_of(lines[14], "die besten"))
    assert (f.line, f.column) == (15, 28)


def test_pretty_json_records_start_where_their_object_opens():
    records, errors = read(DATA / "pretty.json")
    assert errors == []
    assert [(r.id, r.line) for r in records] == [("pj-1", 2), ("pj-2", 9)]


def test_single_object_json_file(linter, tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"id": "one", "market": "DE", "title": "Kochtopf",
                                "bullets": ["Edelstahl", "Der beste Deckel"], "description": MAKER},
                               indent=4), encoding="utf-8")
    lines = raw_lines(path)
    f = findings(linter, path)[("one", "bullets[1]")]
    row = next(i for i, line in enumerate(lines) if "Der beste Deckel" in line)
    assert (f.line, f.column) == (row + 1, column_of(lines[row], "Der beste"))


# --- YAML ------------------------------------------------------------------------------------

def test_yaml_positions_in_plain_double_quoted_single_quoted_and_literal_scalars(linter):
    path = DATA / "styles.yaml"
    lines = raw_lines(path)
    found = findings(linter, path)
    assert set(found) == {("yaml-1", "title"), ("yaml-1", "bullets[0]"), ("yaml-1", "bullets[1]"),
                          ("yaml-1", "description")}
    where = {field: (f.line, f.column, f.text) for (_, field), f in found.items()}

    # plain scalar, with a non-BMP emoji before the flagged words
    assert lines[3] == "title: Töpfe-Set 😀 – die besten Töpfe"
    assert where["title"] == (4, column_of(lines[3], "die besten"), "die besten") == (4, 22, "die besten")
    # double-quoted scalar: \u00e9, \" and \\ escapes and an emoji before the flagged words
    assert where["bullets[0]"] == (6, column_of(lines[5], "der beste"), "der beste") == (6, 29, "der beste")
    # single-quoted scalar: '' stands for one quote
    assert where["bullets[1]"] == (7, column_of(lines[6], "die besten"), "die besten") == (7, 22, "die besten")
    # literal block: second content line
    assert where["description"] == (10, column_of(lines[9], "das Beste"), "das Beste") == (10, 17, "das Beste")


def test_yaml_literal_block_with_leading_blank_line_and_indentation_indicator(linter, tmp_path):
    path = tmp_path / "blocks.yaml"
    path.write_text(
        "id: blocks\n"
        "market: DE\n"
        "description: |\n"
        "\n"
        "  Zweite Zeile: die besten Messer.\n"
        f"  {MAKER}\n"
        "bullets:\n"
        "  - |2\n"
        "      eingerückt\n"
        "    Dann der beste Deckel.\n",
        encoding="utf-8")
    lines = raw_lines(path)
    found = findings(linter, path)
    assert found[("blocks", "description")].text == "die besten"
    assert (found[("blocks", "description")].line, found[("blocks", "description")].column) == (
        5, column_of(lines[4], "die besten"))
    assert (found[("blocks", "bullets[0]")].line, found[("blocks", "bullets[0]")].column) == (
        10, column_of(lines[9], "der beste"))


def test_yaml_with_crlf_and_a_list_of_records(linter, tmp_path):
    path = tmp_path / "crlf.yaml"
    text = (
        "- id: first\n  market: DE\n  title: Ein Topf, die besten Töpfe\n  description: |\n"
        f"    Erste Zeile.\n    Zweite, der beste Deckel.\n    {MAKER}\n"
        "- id: second\n  market: DE\n  title: 'Kein Befund'\n"
    )
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    lines = text.split("\n")
    records, errors = read(path)
    assert errors == [] and [(r.id, r.line) for r in records] == [("first", 1), ("second", 8)]
    found = findings(linter, path)
    assert {k: (f.line, f.column) for k, f in found.items()} == {
        ("first", "title"): (3, column_of(lines[2], "die besten")),
        ("first", "description"): (6, column_of(lines[5], "der beste")),
    }


# --- text and Markdown -----------------------------------------------------------------------

@pytest.mark.parametrize("name, needle, column", [("listing.txt", "die besten", 13), ("listing.md", "der beste", 10)])
def test_text_and_markdown_use_the_market_flag_and_point_at_line_3(linter, name, needle, column):
    path = DATA / name
    lines = raw_lines(path)
    records, _ = read(path, "DE")
    assert [(r.id, r.market, r.line) for r in records] == [(name, "DE", 1)]
    found = findings(linter, path, "DE")
    f = found[(name, "description")]
    assert f.text == needle
    assert (f.line, f.column) == (3, column_of(lines[2], needle)) == (3, column)
    assert set(found) == {(name, "description")}


def test_text_file_without_market_flag_has_no_market():
    records, errors = read(DATA / "listing.txt")
    assert errors == [] and records[0].market is None


# --- byte-order marks --------------------------------------------------------------------------

ENCODINGS = {
    "utf-8-bom": lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
    "utf-16-le-bom": lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
    "utf-16-be-bom": lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
}
RECORD = {"id": "bom", "market": "DE", "title": "Set – die besten Töpfe", "description": MAKER}
FORMATS = {
    "jsonl": json.dumps(RECORD, ensure_ascii=False) + "\n",
    "json": json.dumps([RECORD], ensure_ascii=False, indent=2) + "\n",
    "yaml": f"id: bom\nmarket: DE\ntitle: Set – die besten Töpfe\ndescription: '{MAKER}'\n",
}


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_bom_files_read_with_the_same_positions(linter, tmp_path, suffix, encoding):
    text = FORMATS[suffix]
    path = tmp_path / f"feed.{suffix}"
    path.write_bytes(ENCODINGS[encoding](text))
    found = findings(linter, path)
    lines = text.split("\n")
    row = next(i for i, line in enumerate(lines) if "die besten" in line)
    assert {k: (f.line, f.column, f.text) for k, f in found.items()} == {
        ("bom", "title"): (row + 1, column_of(lines[row], "die besten"), "die besten")
    }


def test_utf16_jsonl_with_several_records(linter, tmp_path):
    lines = [json.dumps({"id": f"r{i}", "market": "DE", "title": f"Set {i}: die besten Töpfe", "description": MAKER},
                        ensure_ascii=False) for i in range(1, 4)]
    path = tmp_path / "u16.jsonl"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-16"))
    found = findings(linter, path)
    assert {k: (f.line, f.column) for k, f in found.items()} == {
        (f"r{i}", "title"): (i, column_of(lines[i - 1], "die besten")) for i in range(1, 4)
    }


# --- bad input: the run goes on ----------------------------------------------------------------

def test_bad_lines_and_records_are_errors_and_the_good_record_is_read():
    path = DATA / "bad-records.jsonl"
    raw = path.read_bytes()
    assert b"Caf\xe9 " in raw  # the invalid UTF-8 byte survived the checkout
    items = list(read_file(str(path)))
    errors = [(e.line, e.record, e.whole_file) for e in items if isinstance(e, ReadError)]
    assert errors == [(1, None, False), (2, "bad-shape", False), (3, None, False)]
    messages = {e.line: e.message for e in items if isinstance(e, ReadError)}
    assert messages[1].startswith("not JSON: Expecting ',' delimiter")
    assert messages[2] == "'bullets' must be a list, not a number (5); record skipped"
    assert messages[3].startswith("not UTF-8: byte 0xe9")
    assert all(e.path == str(path) for e in items if isinstance(e, ReadError))
    records = [r for r in items if isinstance(r, Record)]
    assert [(r.id, r.line) for r in records] == [("good", 5)]


@pytest.mark.parametrize("obj, message", [
    ({"id": "t", "title": 5}, "'title' must be a string, not a number (5)"),
    ({"id": "t", "bullets": ["ok", None]}, "'bullets[1]' must be a string, not null"),
    ({"id": "t", "attributes": ["x"]}, "'attributes' must be an object, not a list"),
    ({"id": "t", "price": {"amount": "12,99"}}, "'price.amount' must be a number, not a string"),
    ({"id": "t", "images": ["a.jpg"]}, "'images[0]' must be an object, not a string"),
    ({"id": True, "title": "x"}, "'id' must be a string or number, not a boolean"),
])
def test_record_shape_errors_name_the_key(tmp_path, obj, message):
    path = tmp_path / "shape.jsonl"
    path.write_text(json.dumps(obj) + "\n", encoding="utf-8")
    [error] = list(read_file(str(path), "DE"))
    assert isinstance(error, ReadError)
    assert (error.line, error.message) == (1, f"{message}; record skipped")


def test_a_line_that_is_not_an_object_is_an_error(tmp_path):
    path = tmp_path / "list.jsonl"
    path.write_text('["not", "a", "record"]\n', encoding="utf-8")
    [error] = list(read_file(str(path), "DE"))
    assert (error.line, error.message, error.whole_file) == (
        1, "a record must be an object, not a list; record skipped", False)


@pytest.mark.parametrize("name, content, message", [
    ("broken.json", b'{"id": "x",', "not JSON: "),
    ("broken.yaml", b"id: [unclosed\n", "not valid YAML: "),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (NUL bytes), not text"),
    ("binary.jsonl", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xab\xae\x05\x00", "binary file (NUL bytes), not text"),
    ("latin1.txt", "Caf\u00e9\n".encode("latin-1"), "not UTF-8: byte 0xe9 on line 1"),
    ("scalar.json", b"42", "expected a record object or an array of records"),
])
def test_whole_file_errors(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    items = list(read_file(str(path), "DE"))
    assert len(items) == 1
    [error] = items
    assert isinstance(error, ReadError) and error.whole_file
    assert error.path == str(path)
    assert error.message.startswith(message)
    assert "\n" not in error.message


def test_missing_and_unsupported_paths_are_whole_file_errors(tmp_path):
    (tmp_path / "notes.xlsx").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.yaml").write_text("id: b\n", encoding="utf-8")
    (tmp_path / ".hidden.jsonl").write_text("{}\n", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text("{}\n", encoding="utf-8")
    missing = str(tmp_path / "missing.jsonl")
    out = list(expand_paths([str(tmp_path), missing, str(tmp_path / "notes.xlsx")]))
    assert out[:2] == [str(tmp_path / "a.jsonl"), str(tmp_path / "sub" / "b.yaml")]
    assert [(e.path, e.message.split(" (")[0], e.whole_file) for e in out[2:]] == [
        (missing, "no such file or directory", True),
        (str(tmp_path / "notes.xlsx"), "unsupported file type", True),
    ]
