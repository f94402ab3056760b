"""per-file-ignores patterns read as --exclude and .gitignore patterns do (gitignore syntax,
relative to the configuration file), and a pattern that matches no file of the run is named."""
import json

import pytest
from conftest import runner

from loclint.cli import main
from loclint.config import Settings

LISTING = json.dumps({"id": "a", "market": "DE", "title": "Die besten Kopfhörer"}) + "\n"


def _settings(tmp_path, patterns):
    return Settings(path=tmp_path / "loclint.toml", per_file_ignores={p: ("DE001",) for p in patterns})


@pytest.mark.parametrize("pattern, path, matches", [
    ("legacy/", "legacy/a/b.jsonl", True),        # a folder: everything below it
    ("legacy/*", "legacy/a/b.jsonl", True),       # gitignore: the folder legacy/a is matched, so its files are
    ("legacy/*.jsonl", "legacy/a.jsonl", True),
    ("legacy/*.jsonl", "x/legacy/a.jsonl", False),  # a slash anchors the pattern to the config's folder
    ("*.jsonl", "deep/down/a.jsonl", True),       # no slash: a file name at any depth
    ("**/old.jsonl", "a/b/old.jsonl", True),
    ("!keep.jsonl", "keep.jsonl", False),
    ("feeds/[ab].jsonl", "feeds/b.jsonl", True),
])
def test_patterns_follow_gitignore_rules(tmp_path, pattern, path, matches):
    assert _settings(tmp_path, [pattern]).ignored_for(str(tmp_path / path)) == (("DE001",) if matches else ())


def _project(tmp_path, table):
    (tmp_path / "loclint.toml").write_text(f"[per-file-ignores]\n{table}", encoding="utf-8")
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "feed.jsonl").write_text(LISTING, encoding="utf-8")
    (tmp_path / "new.jsonl").write_text(LISTING, encoding="utf-8")


def _check(tmp_path, monkeypatch, *paths):
    monkeypatch.chdir(tmp_path)
    return runner().invoke(main, ["check", "--no-cache", "--date", "2026-11-25", "--format", "concise",
                                  "--fail-on", "never", *paths])


def test_a_pattern_that_matches_no_file_is_named(tmp_path, monkeypatch):
    _project(tmp_path, '"legacy/" = ["DE001"]\n"legasy/" = ["DE001"]\n')
    result = _check(tmp_path, monkeypatch, ".")
    assert result.exit_code == 0
    flagged = {line.split(":")[0] for line in result.stdout.splitlines() if " DE001 [" in line}
    assert flagged == {"./new.jsonl"}  # the pattern that matches works
    assert f"loclint: {tmp_path / 'loclint.toml'}: per-file-ignores pattern 'legasy/' matched no file of this run" \
        in result.stderr
    assert "'legacy/' matched no file" not in result.stderr


def test_a_pattern_for_files_this_run_did_not_lint_is_named_too(tmp_path, monkeypatch):
    _project(tmp_path, '"legacy/" = ["DE001"]\n')
    result = _check(tmp_path, monkeypatch, "new.jsonl")
    assert "per-file-ignores pattern 'legacy/' matched no file of this run" in result.stderr
