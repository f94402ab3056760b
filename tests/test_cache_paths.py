"""A file's cached results print the path as this run names it (issue 15).

The same feed named from two directories, or through a symlinked folder, has the same results-cache
key inputs but a different printed path: a cached run must print exactly what an uncached one does.
"""
import os

import pytest

from conftest import TODAY, runner
from loclint.cachedir import default_directory
from loclint.cli import main
from loclint.text import lemmas

FORMATS = ("full", "concise", "json", "jsonl", "sarif", "github", "junit")  # every format that prints paths
FEED = ('{"id": "P-1", "market": "DE", "title": "Die besten Pfannen der Welt"}\n'
        'this line is not JSON\n')


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(lemmas, "default_directory", lambda warm=default_directory(): warm)
    monkeypatch.setenv("LOCLINT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def check(*args):
    return runner().invoke(main, ["check", "--date", TODAY.isoformat(), "--jobs", "1", "--fail-on", "never", *args])


@pytest.fixture
def repo(tmp_path, monkeypatch):
    listings = tmp_path / "repo" / "listings"
    listings.mkdir(parents=True)
    (listings / "feed.jsonl").write_text(FEED, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "repo")
    return tmp_path / "repo"


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_same_feed_from_another_directory_prints_the_path_named_in_this_run(repo, cache_dir, monkeypatch, fmt):
    first = check("--format", fmt, os.path.join("listings", "feed.jsonl"))
    assert os.path.join("listings", "feed.jsonl") in first.stdout
    monkeypatch.chdir(repo / "listings")
    uncached = check("--no-cache", "--format", fmt, "feed.jsonl")
    cached = check("--format", fmt, "feed.jsonl")
    assert os.path.join("listings", "feed.jsonl") not in cached.stdout
    assert (cached.stdout, cached.stderr, cached.exit_code) == (uncached.stdout, uncached.stderr, uncached.exit_code)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_same_feed_through_a_symlinked_folder_prints_the_link(repo, cache_dir, fmt):
    os.symlink("listings", repo / "linked")
    check("--format", fmt, os.path.join("listings", "feed.jsonl"))
    named = os.path.join("linked", "feed.jsonl")
    uncached = check("--no-cache", "--format", fmt, named)
    cached = check("--format", fmt, named)
    assert (cached.stdout, cached.stderr, cached.exit_code) == (uncached.stdout, uncached.stderr, uncached.exit_code)
