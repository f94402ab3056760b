"""How to read what users have: choices that reach the readers and the directory walk.

Plain, hashable data (it is part of the results-cache key), so that the command line and a config
file (issue 5) fill in the same thing.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class ReadOptions:
    csv_preset: str = "auto"  # auto | canonical | google | shopify | amazon (readers.csvmap.PRESETS)
    csv_map: tuple[tuple[str, str], ...] = ()  # (column header, field) pairs: csvmap targets
    csv_delimiter: Optional[str] = None  # None: sniffed (tab for .tsv)
    exclude: tuple[str, ...] = ()  # gitignore-style patterns, on top of the .gitignore files found


DEFAULT = ReadOptions()
