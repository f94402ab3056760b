"""Hostile input to the readers (issue 20): each case was an "internal error" (exit 2, nothing
after it linted), a hang or an exhausted memory. Now each is an error naming the file (and
line and record where known) and the run goes on."""
import json
import os
import time

import pytest
from conftest import runner

from loclint.cli import main
from loclint.positions import json_value_positions
from loclint.readers import read_file
from loclint.readers.records import MAX_DEPTH

GOOD = '{"id": "%s", "market": "DE", "title": "Der beste Kochtopf"}'


def check(*args, cwd=None):
    """(exit code, JSON report, stderr) of `loclint check` on ``args``."""
    result = runner().invoke(main, ["check", "--format", "json", "--no-cache", "--fail-on", "never", *map(str, args)])
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    return result.exit_code, json.loads(result.stdout), result.stderr


def errors(doc):
    return [(os.path.basename(e["path"]), e["line"], e.get("record"), e["message"]) for e in doc["errors"]]


def linted(doc):
    return {f["record"] for f in doc["findings"]}


def nested(depth: int, leaf: str = "[]") -> str:
    return "[" * (depth - 1) + leaf + "]" * (depth - 1)


# 1. JSON nesting

def test_a_deeply_nested_jsonl_record_is_an_error_for_that_record_only(tmp_path):
    feed = tmp_path / "feed.jsonl"
    deep = '{"id": "deep", "market": "DE", "title": "x", "attributes": {"k": %s}}' % nested(600)
    feed.write_text("\n".join([GOOD % "a", deep, GOOD % "b"]) + "\n", encoding="utf-8")
    code, doc, _ = check(feed)
    assert code == 1
    assert errors(doc) == [("feed.jsonl", 2, "deep",
                            f"'attributes' is nested deeper than {MAX_DEPTH} levels; record skipped")]
    assert linted(doc) == {"a", "b"}


def test_nesting_too_deep_for_the_json_parser_costs_the_line_or_the_file(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([GOOD % "a", nested(5000), GOOD % "b"]) + "\n", encoding="utf-8")
    listing = tmp_path / "listing.json"
    listing.write_text('[\n%s,\n%s\n]' % (GOOD % "c", nested(5000)), encoding="utf-8")
    code, doc, _ = check(feed, listing)
    assert code == 2  # the .json file as a whole could not be read
    message = f"nested deeper than {MAX_DEPTH} levels (a listing needs a few)"
    assert errors(doc) == [("feed.jsonl", 2, None, message + "; record skipped"), ("listing.json", 3, None, message)]
    assert linted(doc) == {"a", "b"}


def test_a_deep_record_in_a_json_array_is_an_error_for_that_record(tmp_path):
    listing = tmp_path / "listing.json"
    deep = '{"id": "deep", "market": "DE", "title": "x", "extra": {"k": %s}}' % nested(600)
    listing.write_text("[\n%s,\n%s,\n%s\n]\n" % (GOOD % "a", deep, GOOD % "b"), encoding="utf-8")
    code, doc, _ = check(listing)
    assert code == 1
    assert errors(doc) == [("listing.json", 3, "deep", f"'extra' is nested deeper than {MAX_DEPTH} levels; "
                                                       "record skipped")]
    assert linted(doc) == {"a", "b"}


def test_records_nested_within_the_bound_keep_exact_positions(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a", "market": "DE", "extra": %s, "title": "Der beste Topf"}\n'
                    % nested(MAX_DEPTH - 1, '[1, "x"]'), encoding="utf-8")
    _, doc, _ = check(feed)
    assert not doc["errors"]
    title = next(f for f in doc["findings"] if f["field"] == "title")
    line = feed.read_text(encoding="utf-8")
    assert title["column"] == line.index("Der beste") + 1


def test_the_position_walker_is_not_recursive():
    raw = '{"a": %s, "b": "x"}' % nested(5000)
    positions = json_value_positions(raw)
    assert positions[("b",)] == raw.index('"x"')
    assert positions[("a",) + (0,) * 4999] == raw.index("[]")


# 2. Integers longer than Python reads

def test_an_integer_of_5000_digits_is_an_error_for_its_record(tmp_path):
    huge = "9" * 5000
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([GOOD % "a", '{"id": "big", "market": "DE", "title": "x", "attributes": '
                               '{"weight": %s}}' % huge, GOOD % "b"]) + "\n", encoding="utf-8")
    listing = tmp_path / "listing.json"
    listing.write_text('[%s, {"id": "big2", "price": {"amount": -%s}}, %s]' % (GOOD % "c", huge, GOOD % "d"),
                       encoding="utf-8")
    code, doc, _ = check(feed, listing)
    assert code == 1
    assert errors(doc) == [
        ("feed.jsonl", 2, "big", "'attributes.weight' is a number of 5000 digits (at most 4300 are read); "
                                 "record skipped"),
        ("listing.json", 1, "big2", "'price.amount' is a number of 5000 digits (at most 4300 are read); "
                                    "record skipped"),
    ]
    assert linted(doc) == {"a", "b", "c", "d"}


# 3. YAML

def test_deep_yaml_is_an_error_for_its_record(tmp_path):
    listing = tmp_path / "listing.yaml"
    listing.write_text("- id: a\n  market: DE\n  title: Der beste Topf\n"
                       "- id: deep\n  market: DE\n  title: x\n  extra: " + nested(990) + "\n", encoding="utf-8")
    code, doc, _ = check(listing)
    assert code == 1
    assert errors(doc) == [("listing.yaml", 4, "deep", f"'extra' is nested deeper than {MAX_DEPTH} levels; "
                                                       "record skipped")]
    assert linted(doc) == {"a"}


BILLION_LAUGHS = """\
id: bomb
market: DE
title: x
a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
"""


def test_a_yaml_alias_bomb_is_refused_before_anything_expands(tmp_path):
    (tmp_path / "bomb.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
    (tmp_path / "merge.yaml").write_text(  # merge keys copy their mappings: the same bomb
        "a: &a {x: 1, y: 2, z: 3}\n" + "".join(
            f"{n}: &{n} {{<<: [{', '.join(['*' + p] * 9)}]}}\n" for p, n in zip("abcdefg", "bcdefgh")),
        encoding="utf-8")
    (tmp_path / "good.jsonl").write_text(GOOD % "g" + "\n", encoding="utf-8")
    started = time.perf_counter()
    code, doc, _ = check(tmp_path)
    assert time.perf_counter() - started < 20  # on main: minutes, or out of memory
    assert code == 2
    assert [e[:2] for e in errors(doc)] == [("bomb.yaml", 1), ("merge.yaml", 1)]
    assert errors(doc)[0][3].startswith("YAML aliases expand this document to 54,481,019 values from 32 written;")
    assert linted(doc) == {"g"}


def test_a_few_yaml_aliases_are_read_and_a_recursive_one_is_refused(tmp_path):
    shared = tmp_path / "shared.yaml"
    shared.write_text("- id: a\n  market: DE\n  title: Der beste Topf\n  attributes: &common {color: blau}\n"
                      "- id: b\n  market: DE\n  title: Der beste Deckel\n  attributes: *common\n", encoding="utf-8")
    loop = tmp_path / "loop.yaml"
    loop.write_text("id: c\nmarket: DE\ntitle: x\nparts: &p [*p]\n", encoding="utf-8")
    code, doc, _ = check(shared, loop)
    assert code == 2
    assert errors(doc) == [("loop.yaml", 4, None, "a YAML alias refers to the value that contains it")]
    assert linted(doc) == {"a", "b"}


def test_yaml_values_python_cannot_build_are_errors_with_their_line(tmp_path):
    dates = tmp_path / "dates.yaml"
    dates.write_text("id: a\nmarket: DE\ntitle: x\nlisted: 2026-13-45\n", encoding="utf-8")
    numbers = tmp_path / "numbers.yaml"
    numbers.write_text("- id: big\n  market: DE\n  title: x\n  weight: %s\n- %s\n" % ("9" * 5000, GOOD % "b"),
                       encoding="utf-8")
    code, doc, _ = check(dates, numbers)
    assert code == 2
    assert errors(doc) == [
        ("dates.yaml", 4, None, "not valid YAML: month must be in 1..12"),
        ("numbers.yaml", 1, "big", "'weight' is a number of 5000 digits (at most 4300 are read); record skipped"),
    ]
    assert linted(doc) == {"b"}


# 4. TOML configuration

@pytest.mark.parametrize("content, problem", [
    ("select = " + nested(990, '["DE"]') + "\n", "not valid TOML: nested too deeply"),
    ("jobs = " + "9" * 5000 + "\n", "not valid TOML: Exceeds the limit (4300 digits)"),
])
def test_a_hostile_configuration_file_is_a_configuration_error_naming_it(tmp_path, content, problem):
    (tmp_path / "loclint.toml").write_text(content, encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(GOOD % "a" + "\n", encoding="utf-8")
    result = runner().invoke(main, ["check", "--no-cache", str(tmp_path / "feed.jsonl")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"loclint: configuration error: {tmp_path / 'loclint.toml'}: {problem}")
    assert "Traceback" not in result.stderr


# 8. A lone surrogate escape

def test_a_lone_surrogate_escape_is_linted_at_the_right_column(tmp_path):
    feed = tmp_path / "feed.jsonl"
    line = '{"id": "s", "market": "DE", "title": "Topf \\ud800 der beste Topf"}'
    feed.write_text(line + "\n", encoding="utf-8")
    records = list(read_file(str(feed)))
    assert records[0].fields[0].text == "Topf \ud800 der beste Topf"
    _, doc, _ = check(feed)
    title = next(f for f in doc["findings"] if f["field"] == "title")
    assert title["column"] == line.index("der beste") + 1
