"""Directory walks: supported files in order, hidden ones left out, .gitignore files and --exclude
honoured with git's rules, and every skipped file accounted for on stderr, never on stdout."""
import json
import os

from conftest import runner

from loclint.cli import main
from loclint.readers import expand_paths
from loclint.readers.discovery import Skipped, summarize
from loclint.readers.options import ReadOptions

ROW = "id,market,title\n{id},DE,Die besten Töpfe\n"


def tree(root, files: dict):
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def walk(*paths, exclude=()):
    skipped = []
    found = list(expand_paths([str(p) for p in paths], ReadOptions(exclude=tuple(exclude)), skipped))
    return found, skipped


def rel(root, items):
    return [os.path.relpath(str(i), root) for i in items]


def test_gitignore_files_nested_and_negated_exclude_and_hidden(tmp_path):
    tree(tmp_path, {
        ".git/HEAD": "ref: refs/heads/main\n",
        ".gitignore": "drafts/\n*.tmp.csv\n",
        "feeds/a.csv": ROW.format(id="a"), "feeds/b.tmp.csv": ROW.format(id="b"),
        "feeds/.gitignore": "old-*.jsonl\n!old-keep.jsonl\n",
        "feeds/old-1.jsonl": "{}\n", "feeds/old-keep.jsonl": "{}\n",
        "feeds/drafts/c.csv": ROW.format(id="c"), "feeds/.cache/d.csv": ROW.format(id="d"),
        "feeds/notes.docx": "x", "feeds/sub/e.yaml": "id: e\n", "feeds/.hidden.csv": ROW.format(id="h"),
    })
    # walked from a subdirectory: the repository root's .gitignore still applies
    found, skipped = walk(tmp_path / "feeds")
    assert rel(tmp_path, found) == ["feeds/a.csv", "feeds/old-keep.jsonl", "feeds/sub/e.yaml"]
    root_ignore, feeds_ignore = tmp_path / ".gitignore", tmp_path / "feeds" / ".gitignore"
    assert [(os.path.relpath(s.path, tmp_path), s.reason) for s in skipped] == [
        ("feeds/drafts", f"excluded by {root_ignore}"),
        ("feeds/b.tmp.csv", f"excluded by {root_ignore}"),
        ("feeds/notes.docx", "unsupported type"),
        ("feeds/old-1.jsonl", f"excluded by {feeds_ignore}"),
    ]
    assert skipped[0].path.endswith(os.sep)  # a directory is one entry, not walked
    assert summarize(skipped) == "skipped 4 files: 3 excluded by .gitignore, 1 unsupported type"


def test_exclude_patterns_are_relative_to_the_walked_directory(tmp_path):
    tree(tmp_path, {"a.csv": ROW.format(id="a"), "archive/2024/b.csv": ROW.format(id="b"),
                    "c.jsonl": "{}\n", "sub/archive.csv": ROW.format(id="s")})
    found, skipped = walk(tmp_path, exclude=["archive/", "*.jsonl"])
    assert rel(tmp_path, found) == ["a.csv", "sub/archive.csv"]
    assert [(os.path.relpath(s.path, tmp_path), s.reason) for s in skipped] == [
        ("archive", "excluded by --exclude"), ("c.jsonl", "excluded by --exclude")]


def test_a_file_named_explicitly_is_read_even_when_ignored(tmp_path):
    tree(tmp_path, {".gitignore": "*.csv\n", "a.csv": ROW.format(id="a")})
    found, skipped = walk(tmp_path / "a.csv", exclude=["a.csv"])
    assert found == [str(tmp_path / "a.csv")] and skipped == []
    assert walk(tmp_path) == ([], [Skipped(str(tmp_path / "a.csv"), f"excluded by {tmp_path / '.gitignore'}")])


def test_outside_a_repository_only_the_walked_tree_counts(tmp_path):
    tree(tmp_path, {".gitignore": "*.csv\n", "inner/a.csv": ROW.format(id="a")})
    found, _ = walk(tmp_path / "inner")
    assert rel(tmp_path, found) == ["inner/a.csv"]  # no .git above: the parent's .gitignore is not ours


def test_cli_reports_skips_on_stderr_and_json_stays_valid(tmp_path):
    tree(tmp_path, {"a.csv": ROW.format(id="a"), "readme.rst": "x", "img.bmp": "x", ".gitignore": "old/\n",
                    "old/b.csv": ROW.format(id="b")})
    result = runner().invoke(main, ["check", "--format", "json", "--fail-on", "never", "--no-cache",
                                    str(tmp_path)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["summary"]["files"] == 1 and {f["record"] for f in doc["findings"]} == {"a"}
    assert result.stderr.strip() == ("loclint: skipped 3 files: 2 unsupported type, 1 excluded by .gitignore "
                                     "(-v lists them)")
    verbose = runner().invoke(main, ["check", "--format", "json", "--fail-on", "never", "--no-cache", "-v",
                                     "--exclude", "*.rst", str(tmp_path)])
    skips, columns = verbose.stderr.splitlines()[:4], verbose.stderr.splitlines()[4:]
    assert skips == [
        f"loclint: skipped {tmp_path / 'old'}{os.sep} (excluded by {tmp_path / '.gitignore'})",
        f"loclint: skipped {tmp_path / 'img.bmp'} (unsupported type)",
        f"loclint: skipped {tmp_path / 'readme.rst'} (excluded by --exclude)",
        "loclint: skipped 3 files: 1 excluded by --exclude, 1 excluded by .gitignore, 1 unsupported type",
    ]
    assert columns[0] == f"loclint: {tmp_path / 'a.csv'}: columns (canonical preset):"  # -v shows the mapping too


def test_cli_bad_rows_exit_1_binary_file_exit_2_and_the_other_files_are_linted(tmp_path):
    tree(tmp_path, {"good.csv": ROW.format(id="g"), "ragged.csv": "id,market,title\nr1,DE\nr2,DE,Topf\n"})
    result = runner().invoke(main, ["check", "--format", "json", "--fail-on", "never", "--no-cache", str(tmp_path)])
    doc = json.loads(result.stdout)
    assert result.exit_code == 1
    assert [(os.path.basename(e["path"]), e["line"], e["record"]) for e in doc["errors"]] == [("ragged.csv", 2, "r1")]
    assert doc["summary"]["records"] == 2 and {f["record"] for f in doc["findings"]} >= {"g"}

    (tmp_path / "binary.csv").write_bytes(b"\x00\x01\x02PK")
    result = runner().invoke(main, ["check", "--format", "json", "--fail-on", "never", "--no-cache", str(tmp_path)])
    doc = json.loads(result.stdout)
    assert result.exit_code == 2
    assert [(os.path.basename(e["path"]), e["line"]) for e in doc["errors"]] == [("binary.csv", 0), ("ragged.csv", 2)]
    assert doc["errors"][0]["message"] == "binary file (NUL bytes), not text"
    assert "g" in {f["record"] for f in doc["findings"]}


def test_cli_csv_options(tmp_path):
    feed = tmp_path / "feed.csv"
    feed.write_text("sku,name,markt\nS-1,Die besten Töpfe,DE\n", encoding="utf-8")
    result = runner().invoke(main, ["check", "--format", "json", "--fail-on", "never", "--no-cache",
                                    "--csv-map", "sku=id", "--csv-map", "name=title", "--csv-map", "markt=market",
                                    str(feed)])
    doc = json.loads(result.stdout)
    assert [(f["record"], f["field"], f["line"], f["column"]) for f in doc["findings"] if f["rule"] == "DE001"] == [
        ("S-1", "title", 2, 5)]
    bad = runner().invoke(main, ["check", "--csv-map", "name=titel", str(feed)])
    assert bad.exit_code == 2 and "unknown CSV field 'titel'" in bad.stderr
    preset = runner().invoke(main, ["check", "--csv-preset", "excel", str(feed)])
    assert preset.exit_code == 2 and "--csv-preset" in preset.stderr


def test_results_cache_keys_on_the_csv_mapping(tmp_path, monkeypatch):
    monkeypatch.setenv("LOCLINT_CACHE_DIR", str(tmp_path / "cache"))
    feed = tmp_path / "feed.csv"
    feed.write_text("id,market,name\nS-1,DE,Die besten Töpfe\n", encoding="utf-8")

    def titles(*extra):
        result = runner().invoke(main, ["check", "--format", "json", "--fail-on", "never", *extra, str(feed)])
        return [f["field"] for f in json.loads(result.stdout)["findings"] if f["rule"] == "DE001"]

    assert titles() == []  # an unknown column is an attribute, and DE001 reads copy only
    assert titles("--csv-map", "name=title") == ["title"]  # not the cached result of the first run
    assert titles() == []
