"""The YAML files of a rulesets directory, listed with os.scandir.

The loader and the shipped form's check (ruleset/shipped.py) listed the built-in directory six
times with ``sorted(root.glob(pattern))``: pathlib walked it again for each pattern and built and
compared Path objects for every entry, about a twelfth of loading the rulebook. ``yaml_files``
reads the folder and each of its subfolders once and gives what those globs gave, in their
order (tests/test_ruleset_listing.py compares the two on generated folders).
"""
from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Optional

SUFFIXES = (".yml", ".yaml")
# The errors pathlib's glob passes over when it asks whether an entry is a folder (pathlib._ignore_error).
_PASSED_OVER = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)


def yaml_files(root: Path) -> list[tuple[str, Path]]:
    """(name relative to ``root``, with /; path) of each file ``sorted(root.glob(pattern))``
    gives for "*.yml", "*.yaml", "*/*.yml" and "*/*.yaml", in that order."""
    top = _entries(root) if os.path.isdir(root) else None
    if top is None:
        return []
    folders = {entry.name: _entries(root / entry.name) for entry in top if _is_folder(entry)}
    found = [(entry.name, root / entry.name) for suffix in SUFFIXES for entry in top if entry.name.endswith(suffix)]
    for suffix in SUFFIXES:
        found += [(f"{folder}/{entry.name}", root / folder / entry.name)
                  for folder, entries in folders.items() for entry in entries or () if entry.name.endswith(suffix)]
    return found


def _entries(folder: Path) -> Optional[list[os.DirEntry]]:
    """The folder's entries by name; None for a folder glob may not read (it lists nothing there)."""
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except PermissionError:
        return None


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError as exc:
        if exc.errno not in _PASSED_OVER:
            raise
        return False
