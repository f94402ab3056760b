"""hsdb: the gate's Hyperscan databases are built once, then loaded; whatever cannot be loaded
(another Hyperscan or CPU, a torn or foreign file) is rebuilt and replaced."""
import os
import re

import pytest

from loclint import cachedir, hsdb
from loclint.text import widen

pytest.importorskip("hyperscan")

PATTERNS = {0: (r"\b\d+\s*(?:in|inch)\b", re.IGNORECASE), 3: (r"free\s+shipping", re.IGNORECASE)}


@pytest.fixture
def builds(monkeypatch):
    counted = []
    build = hsdb._build

    def counting(hs, patterns, *rest):
        counted.append(patterns)
        return build(hs, patterns, *rest)

    monkeypatch.setattr(hsdb, "_build", counting)
    return counted


def _scan(found, text):
    hits = []
    found.database.scan(text.encode(), match_event_handler=lambda key, *rest: hits.append(key))
    return set(hits)


def _flipped(data, at):
    return data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]


def _file(directory):
    [name] = [n for n in os.listdir(directory) if n.startswith("hyperscan-")]
    return os.path.join(directory, name)


def test_a_database_is_built_once_then_loaded(tmp_path, builds):
    first = hsdb.compiled(PATTERNS, str(tmp_path))
    again = hsdb.compiled(PATTERNS, str(tmp_path))
    assert len(builds) == 1
    assert first.keys == again.keys == {0, 3}
    assert _scan(again, "a 12 inch screen, FREE  shipping") == {0, 3}
    assert _scan(again, "made in india") == set()
    assert not [n for n in os.listdir(tmp_path) if n.startswith(cachedir.TEMPORARY_PREFIX)]


def test_other_patterns_are_another_database(tmp_path, builds):
    hsdb.compiled(PATTERNS, str(tmp_path))
    hsdb.compiled({**PATTERNS, 4: ("gratis", 0)}, str(tmp_path))
    assert len(builds) == 2


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],  # torn
    lambda data: _flipped(data, len(data) * 3 // 4),  # corrupt bytecode: Hyperscan itself would load it
    lambda data: b"something else entirely",  # not ours
    lambda data: data.replace(b"[0, 3]", b"{\"x\": 1}", 1),  # a header that is not a key list
    lambda data: data.replace(b"\"keys\"", b"\"kyes\"", 1),
    lambda data: data.replace(b"\"ascii\": false", b"\"ascii\": 1", 1),  # not a yes or no
    lambda data: data.replace(b"\n", b"\n" + b"\x07" * 8, 2),  # Hyperscan's own header damaged
])
def test_what_cannot_be_loaded_is_rebuilt_and_replaced(tmp_path, builds, damage):
    hsdb.compiled(PATTERNS, str(tmp_path))
    path = _file(tmp_path)
    with open(path, "rb") as handle:
        data = handle.read()
    with open(path, "wb") as handle:
        handle.write(damage(data))
    found = hsdb.compiled(PATTERNS, str(tmp_path))
    assert len(builds) == 2 and _scan(found, "12 in") == {0}
    hsdb.compiled(PATTERNS, str(tmp_path))
    assert len(builds) == 2  # the replacement loads


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX file modes")
def test_a_database_others_may_write_is_rebuilt_not_loaded(tmp_path, builds):
    hsdb.compiled(PATTERNS, str(tmp_path))
    os.chmod(_file(tmp_path), 0o666)  # planted, or left writable: its bytecode is not trusted
    found = hsdb.compiled(PATTERNS, str(tmp_path))
    assert len(builds) == 2 and _scan(found, "12 in") == {0}
    assert not os.stat(_file(tmp_path)).st_mode & 0o022  # the replacement is ours alone
    hsdb.compiled(PATTERNS, str(tmp_path))
    assert len(builds) == 2


def test_another_hyperscan_or_platform_is_another_file(tmp_path, builds, monkeypatch):
    hsdb.compiled(PATTERNS, str(tmp_path))
    import hyperscan

    monkeypatch.setattr(hyperscan, "__version__", "0.0.1")
    hsdb.compiled(PATTERNS, str(tmp_path))
    assert len(builds) == 2


def test_an_unwritable_cache_still_gives_a_database(tmp_path, builds):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    found = hsdb.compiled(PATTERNS, str(blocked / "cache"))
    assert _scan(found, "12 inch") == {0}


def test_patterns_hyperscan_refuses_are_left_to_the_automaton(tmp_path):
    found = hsdb.compiled({**PATTERNS, 7: ("x" * 40000, 0), 8: (r"(a)?(?(1)b|c)", 0)}, str(tmp_path))
    assert found.keys == {0, 3}


# ASCII patterns (text.widen.ascii_literal, ascii_word): the gate's literal and word keys, for
# ASCII text; a key whose regex Hyperscan takes opens on its regex alone.
ASCII = {0: (widen.ascii_literal("in"),), 5: (widen.ascii_word("free", False), widen.ascii_literal("eur"))}


def test_ascii_patterns_join_the_database_for_keys_without_a_regex(tmp_path):
    found = hsdb.compiled(PATTERNS, str(tmp_path), ascii_patterns=ASCII)
    assert found.ascii and found.keys == {0, 3}
    assert _scan(found, "Made in India") == set()  # key 0 opens where its regex does, not on "in"
    assert _scan(found, "FREE, 12 in") == {0, 5}
    assert _scan(found, "carefree freedom") == set()
    assert _scan(found, "price in EUR") == {5}
    again = hsdb.compiled(PATTERNS, str(tmp_path), ascii_patterns=ASCII, build=False)
    assert again.ascii and again.keys == {0, 3}
    assert not hsdb.compiled(PATTERNS, str(tmp_path)).ascii  # without them it answers regex keys only


def test_other_ascii_patterns_are_another_database(tmp_path, builds):
    hsdb.compiled(PATTERNS, str(tmp_path), ascii_patterns=ASCII)
    hsdb.compiled(PATTERNS, str(tmp_path))
    hsdb.compiled(PATTERNS, str(tmp_path), ascii_patterns={5: (widen.ascii_literal("gratis"),)})
    assert len(builds) == 3


def test_ascii_patterns_hyperscan_refuses_leave_a_database_of_the_regexes(tmp_path):
    found = hsdb.compiled(PATTERNS, str(tmp_path), ascii_patterns={**ASCII, 6: ("(a)?(?(1)b|c)",)})
    assert not found.ascii and found.keys == {0, 3}
    assert _scan(found, "free") == set()
    refused_regex = {**PATTERNS, 8: (r"(a)?(?(1)b|c)", 0), 9: ("x" * 40000, 0)}
    found = hsdb.compiled(refused_regex, str(tmp_path), ascii_patterns=ASCII)
    assert found.ascii and found.keys == {0, 3}
    assert _scan(found, "free 12 in") == {0, 5}


def test_no_build_when_not_asked(tmp_path, builds):
    assert hsdb.compiled(PATTERNS, str(tmp_path), build=False) is None
    assert not builds


def test_clean_removes_the_databases(tmp_path):
    hsdb.compiled(PATTERNS, str(tmp_path))
    assert cachedir.clean(str(tmp_path)).removed == 1
    assert not tmp_path.exists()


def test_any_saved_says_whether_the_directory_holds_a_database(tmp_path, builds):
    assert not hsdb.any_saved(str(tmp_path / "missing"))
    assert not hsdb.any_saved(str(tmp_path))
    (tmp_path / "patterns-re-0.msgpack").write_bytes(b"")
    assert not hsdb.any_saved(str(tmp_path))
    assert hsdb.compiled(PATTERNS, str(tmp_path)) is not None
    assert hsdb.any_saved(str(tmp_path))
