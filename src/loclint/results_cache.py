"""Findings of unchanged files, kept on disk: re-linting an unchanged repository reads them back.

A file's entry is keyed by the bytes of every file reading it consults (an image and its
sidecar: readers.source_files), its path, the market and locale it is read with, and the
linter's own key (loclint version, ruleset fingerprint, which covers a team's rulesets, lint
date, selection, severities, detector, channel), so any change to any of them is a miss. Entries
are checked JSON (cache_entry), written atomically; one that cannot be trusted is a miss, never
an error. Files with very many findings are not stored: holding them all in memory would break
streaming on large feeds.

Entries store no path: the same file is named differently from another directory or through a
symlinked folder ("listings/feed.jsonl", "feed.jsonl"), and what is printed must be the path as
this run names it. Findings and errors are stored with an empty path and given the current one on
load; a file whose results name another file (none do today) is not stored.
"""
from __future__ import annotations

import hashlib
import dataclasses
import os
from typing import Annotated, Optional

import msgspec

from . import cache_entry
from .cachedir import RESULTS, default_directory, prepare
from .model import Finding, ReadError
from .readers import source_files

MAX_ITEMS = 100_000  # findings and errors per file worth keeping


class _Item(msgspec.Struct, omit_defaults=True, forbid_unknown_fields=True):
    """A finding or a read error: one list keeps the order the file gave them in."""

    finding: Optional[Finding] = None
    error: Optional[ReadError] = None


class _Results(msgspec.Struct, forbid_unknown_fields=True):
    records: Annotated[int, msgspec.Meta(ge=0)]
    items: list[_Item]


class ResultCache:
    def __init__(self, directory: Optional[str] = None):
        self.root = directory or default_directory()
        self.directory = os.path.join(self.root, RESULTS)
        self._prepared = False

    def key(self, path: str, market: Optional[str], locale: Optional[str], context=None) -> Optional[str]:
        """``context``: everything else that decides the findings (the linter's cache_key(), how
        the file is read: a CSV column map changes its records). None when a file cannot be read."""
        sources = source_files(path)
        digest = hashlib.sha256()
        digest.update(repr((context, [os.path.abspath(s) for s in sources], market, locale)).encode("utf-8"))
        try:
            for source in sources:
                with open(source, "rb") as handle:
                    size = os.fstat(handle.fileno()).st_size
                    digest.update(b"\0%d\0" % size)  # no two files' bytes run together into a third
                    for block in iter(lambda: handle.read(1 << 20), b""):
                        digest.update(block)
        except OSError:
            return None
        return digest.hexdigest()

    def load(self, key: str, path: str) -> Optional[tuple[list, int]]:
        """The findings and errors stored under ``key``, naming ``path`` as this run does."""
        entry = cache_entry.read(self._file(key), key, _Results)
        if entry is None:
            return None
        items = []
        for item in entry.items:
            if (item.finding is None) == (item.error is None):
                return None  # neither or both: not an entry loclint wrote
            items.append(dataclasses.replace(item.finding or item.error, path=path))
        return items, entry.records

    def store(self, key: str, path: str, items: list, records: int) -> None:
        """Keep ``path``'s findings and errors, without the path (see the module's docstring)."""
        if len(items) > MAX_ITEMS or any(i.path != path for i in items):
            return
        if not self._prepared:
            prepare(self.root)
            self._prepared = True
        unnamed = [dataclasses.replace(i, path="") for i in items]
        payload = _Results(records, [_Item(error=i) if isinstance(i, ReadError) else _Item(finding=i) for i in unnamed])
        cache_entry.write(self._file(key), key, payload)

    def _file(self, key: str) -> str:
        return os.path.join(self.directory, key + ".json")
