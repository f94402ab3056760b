"""How to read what users have: choices that reach the readers and the directory walk.

Plain, hashable data (it is part of the results-cache key), so that the command line and a config
file fill in the same thing. Each reader's own choices are an instance of its options dataclass
(readers.optionspec), built by the registry from flags and configuration.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, init=False)
class ReadOptions:
    exclude: tuple[str, ...] = ()  # gitignore-style patterns, on top of the .gitignore files found
    formats: tuple[tuple[str, Any], ...] = ()  # (reader name, its options instance)
    # The rulesets' markets and their languages (market code, languages); (): the built-in ones.
    markets: tuple[tuple[str, tuple[str, ...]], ...] = ()
    own_files: tuple[str, ...] = ()  # loclint's own files (the baseline), which a directory walk skips

    def __init__(self, exclude: tuple[str, ...] = (), formats: tuple[tuple[str, Any], ...] = (),
                 markets: tuple[tuple[str, tuple[str, ...]], ...] = (), own_files: tuple[str, ...] = (),
                 **flat: Any):
        """``flat``: reader options by their flag name, as the API and tests give them
        (``csv_preset="amazon"``); they replace ``formats``."""
        if flat:
            from .registry import REGISTRY

            formats = REGISTRY.reader_options(flat)
        object.__setattr__(self, "exclude", tuple(exclude))
        object.__setattr__(self, "formats", tuple(formats))
        object.__setattr__(self, "markets", tuple(markets))
        object.__setattr__(self, "own_files", tuple(own_files))

    def for_reader(self, reader) -> Any:
        """The options ``reader`` reads with: its own instance here, else its defaults."""
        if reader.options is None:
            return None
        return next((value for name, value in self.formats if name == reader.name), None) or reader.options()


DEFAULT = ReadOptions()
