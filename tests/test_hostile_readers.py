"""Hostile input to the readers (issue 20): each case was an "internal error" (exit 2, nothing
after it linted), a hang or an exhausted memory. Now each is an error naming the file (and
line and record where known) and the run goes on."""
import json
import os
import struct
import subprocess
import sys
import time
import zlib

import pytest
from conftest import runner

from loclint.cli import main
from loclint.positions import json_value_positions
from loclint.readers import discovery, read_file
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
    message = "nested too deeply to parse (about 1,000 levels; a listing needs a few)"
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


# 5. Special and oversized files

@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="POSIX special files")
def test_special_files_named_or_found_are_errors_and_never_read(tmp_path):
    """In a subprocess with a timeout: on main the FIFO hangs the run and /dev/zero fills memory.
    With the results cache on, which reads a file to key it before any reader does."""
    walked = tmp_path / "walked"
    walked.mkdir()
    os.mkfifo(walked / "pipe.jsonl")
    os.symlink("/dev/zero", walked / "zero.json")
    (walked / "good.jsonl").write_text(GOOD % "g" + "\n", encoding="utf-8")
    os.mkfifo(tmp_path / "named.jsonl")
    os.symlink("/dev/zero", tmp_path / "named.json")
    env = {**os.environ, "LOCLINT_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run([sys.executable, "-m", "loclint", "check", "--format", "json", "--fail-on", "never",
                             str(tmp_path / "named.jsonl"), str(tmp_path / "named.json"), str(walked)],
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 2, result.stderr
    doc = json.loads(result.stdout)
    assert errors(doc) == [
        ("named.jsonl", 0, None, "not a regular file (a named pipe); not read"),
        ("named.json", 0, None, "not a regular file (a device); not read"),
        ("pipe.jsonl", 0, None, "not a regular file (a named pipe); not read"),
        ("zero.json", 0, None, "not a regular file (a device); not read"),
    ]
    assert linted(doc) == {"g"}


def test_a_file_larger_than_its_reader_takes_is_an_error_naming_the_bound(tmp_path):
    big = tmp_path / "huge.json"
    with open(big, "wb") as handle:  # sparse: nothing is written
        handle.truncate(300 * 2**20)
    (tmp_path / "feed.jsonl").write_text(GOOD % "a" + "\n", encoding="utf-8")
    code, doc, _ = check(big, tmp_path / "feed.jsonl")
    assert code == 2
    assert errors(doc) == [("huge.json", 0, None, "larger than 256 MiB (300 MiB); not read")]
    assert linted(doc) == {"a"}
    assert discovery.unreadable(str(big), 400 * 2**20) is None  # streamed formats take 2 GiB


def test_an_oversized_sidecar_is_an_error_naming_it(tmp_path):
    (tmp_path / "shoe.jpg").write_bytes(b"")
    with open(tmp_path / "shoe.jpg.json", "wb") as handle:
        handle.truncate(300 * 2**20)
    code, doc, _ = check(tmp_path)
    assert code == 2
    assert errors(doc) == [("shoe.jpg.json", 0, None, "larger than 256 MiB (300 MiB); not read")]


# 6. Decompression bombs

def png_header(width: int, height: int) -> bytes:
    """A PNG that declares its size and holds no pixel data: all a header check needs."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) \
        + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


@pytest.mark.parametrize("width, height", [(20000, 10000), (12000, 9000)])  # Pillow: an error; a warning
def test_an_image_declaring_too_many_pixels_is_refused_without_decoding(tmp_path, monkeypatch, width, height):
    from PIL import ImageFile

    def decode(self):
        raise AssertionError("pixel data decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", decode)
    (tmp_path / "huge.png").write_bytes(png_header(width, height))
    (tmp_path / "feed.jsonl").write_text(GOOD % "a" + "\n", encoding="utf-8")
    code, doc, stderr = check(tmp_path)
    assert code == 2
    assert errors(doc) == [("huge.png", 0, None, "the image declares more than 89,478,485 pixels, too many to "
                                                 "decode (a decompression bomb?); give its colors in a sidecar")]
    assert linted(doc) == {"a"}
    assert "DecompressionBombWarning" not in stderr


# 7. Directories that cannot be listed

def test_a_directory_that_cannot_be_listed_is_an_error_and_exit_2(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "hidden.jsonl").write_text(GOOD % "h" + "\n", encoding="utf-8")
    (tmp_path / "open.jsonl").write_text(GOOD % "a" + "\n", encoding="utf-8")
    scandir = os.scandir

    def locked(path="."):  # what chmod 000 does to anyone but root
        if os.fspath(path) == str(tmp_path / "locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", locked)
    result = runner().invoke(main, ["check", "--format", "json", "--no-cache", "--fail-on", "never", "-v",
                                    str(tmp_path)])
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert errors(doc) == [("locked", 0, None, "cannot list this directory: Permission denied; nothing in it was read")]
    assert linted(doc) == {"a"}


@pytest.mark.skipif(not hasattr(os, "setuid") or os.geteuid() != 0, reason="needs root to become another user")
def test_a_chmod_000_directory_as_another_user(tmp_path):
    """The real thing: chmod 000 and a user that is not root (root reads any directory)."""
    os.chmod(tmp_path, 0o755)
    (tmp_path / "locked").mkdir()
    (tmp_path / "open.jsonl").write_text(GOOD % "a" + "\n", encoding="utf-8")
    os.chmod(tmp_path / "locked", 0)
    become_nobody = "import os, sys; os.setgid(65534); os.setuid(65534); "
    if subprocess.run([sys.executable, "-c", become_nobody + "import loclint.cli"], capture_output=True,
                      timeout=120).returncode:
        pytest.skip("the interpreter or loclint is not readable by user nobody here")
    result = subprocess.run([sys.executable, "-c", become_nobody + "from loclint.cli import main; main()",
                             "check", "--format", "json", "--no-cache", "--fail-on", "never", str(tmp_path)],
                            capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": str(tmp_path)})
    assert result.returncode == 2, result.stderr
    assert errors(json.loads(result.stdout)) == [
        ("locked", 0, None, "cannot list this directory: Permission denied; nothing in it was read")]


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
