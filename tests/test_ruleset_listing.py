"""ruleset.listing.yaml_files lists what sorted(root.glob(pattern)) listed for the loader's four
patterns, in the same order: on the built-in rulesets and on generated folders (names with
dots, capitals and near-miss suffixes, folders named like files, links to folders and files)."""
import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import given, settings, strategies as st

from loclint.ruleset import default_rulesets_dir
from loclint.ruleset.listing import yaml_files

PATTERNS = ("*.yml", "*.yaml", "*/*.yml", "*/*.yaml")


def globbed(root: Path) -> list[tuple[str, Path]]:
    return [(path.relative_to(root).as_posix(), path) for pattern in PATTERNS for path in sorted(root.glob(pattern))]


def test_the_built_in_rulesets_are_listed_as_glob_lists_them():
    root = default_rulesets_dir()
    assert yaml_files(root) == globbed(root)
    assert len(yaml_files(root)) > 50


def test_a_missing_folder_or_a_file_lists_nothing(tmp_path):
    (tmp_path / "a.yml").write_text("x", encoding="utf-8")
    assert yaml_files(tmp_path / "missing") == globbed(tmp_path / "missing") == []
    assert yaml_files(tmp_path / "a.yml") == globbed(tmp_path / "a.yml") == []


_NAMES = st.sampled_from(["a", "B", "-b", ".hidden", "x.yml", "y.yaml", "z.YML", "w.yml~", "v.yaml.bak", ".yml",
                          "de", "De", "de-at", "vocab", "ä.yml", "a b.yaml"])
# A tree: each name is a file (None) or a folder with its own entries, or a link to another entry.
_TREE = st.dictionaries(_NAMES, st.none() | st.dictionaries(_NAMES, st.none() | st.just("link"), max_size=6)
                        | st.just("link"), max_size=10)


def _build(root: Path, tree: dict) -> None:
    root.mkdir()
    links = []
    for name, inner in tree.items():
        if inner is None:
            (root / name).write_text("x", encoding="utf-8")
        elif inner == "link":
            links.append(root / name)
        else:
            _build(root / name, inner)
    for link in links:  # to the first sibling, a folder or a file (or nothing: a dangling link)
        siblings = sorted(path for path in root.iterdir() if path != link)
        os.symlink(siblings[0] if siblings else root / "nowhere", link)


@settings(max_examples=150, deadline=None)
@given(tree=_TREE)
def test_generated_folders_are_listed_as_glob_lists_them(tree):
    work = Path(tempfile.mkdtemp())
    try:
        root = work / "rulesets"
        _build(root, tree)
        assert yaml_files(root) == globbed(root)
    finally:
        shutil.rmtree(work)
