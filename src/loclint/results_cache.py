"""Findings of unchanged files, kept on disk: re-linting an unchanged repository reads them back.

A file's entry is keyed by its bytes, its path, the market and locale it is read with, and the
linter's own key (loclint version, ruleset fingerprint, lint date, selection, detector,
channel), so any change to any of them is a miss. Entries are pickles written atomically; one
that cannot be read is a miss, never an error. Files with very many findings are not stored:
holding them all in memory would break streaming on large feeds.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from typing import Optional

from .cachedir import default_directory, write_atomically

MAX_ITEMS = 100_000  # findings and errors per file worth keeping


class ResultCache:
    def __init__(self, directory: Optional[str] = None):
        self.directory = os.path.join(directory or default_directory(), "results")

    def key(self, path: str, market: Optional[str], locale: Optional[str], context=None) -> Optional[str]:
        """``context``: everything else that decides the findings (the linter's cache_key(), how
        the file is read: a CSV column map changes its records)."""
        digest = hashlib.sha256()
        digest.update(repr((context, os.path.abspath(path), market, locale)).encode("utf-8"))
        try:
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        except OSError:
            return None
        return digest.hexdigest()

    def load(self, key: str) -> Optional[tuple[list, int]]:
        try:
            with open(self._file(key), "rb") as handle:
                items, records = pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, ValueError, TypeError):
            return None
        return items, records

    def store(self, key: str, items: list, records: int) -> None:
        if len(items) > MAX_ITEMS:
            return
        write_atomically(self._file(key),
                         lambda handle: pickle.dump((items, records), handle, protocol=pickle.HIGHEST_PROTOCOL))

    def _file(self, key: str) -> str:
        return os.path.join(self.directory, key + ".pickle")


def clean(directory: Optional[str] = None) -> str:
    """Remove every cache loclint keeps (results, expanded trigger forms, the language model); return the path."""
    target = directory or default_directory()
    shutil.rmtree(target, ignore_errors=True)
    return target
