"""The readers loclint has, in one place: every caller (read_file, the directory walk, parallel
workers, the engine, write-back, the command line) asks this registry which reader reads a file,
which suffixes are supported and which options the readers take.

Adding a format: its module (a readers.base.Reader), one line below, and its tests. Order
matters only among readers of one suffix: the first whose ``sniff`` claims a file reads it.
The built-in readers are registered by name, suffixes and options (LazyReader), so that a run
imports only the readers of the suffixes it meets (no CSV, XML or PO code for a JSONL feed).
"""
from __future__ import annotations

import importlib
import os
from typing import Any, Iterable, Mapping, Optional, Union

from .base import Reader, Source
from .errors import UnreadableInput
from .optionspec import OptionSpec, merged, specs_of


class LazyReader:
    """A reader known by what the registry asks before any file is read (name, suffixes,
    options) and imported from ``location`` ("module:Class", relative to loclint.readers) on
    first use of anything else: its sniff, read, split, max_bytes ..."""

    def __init__(self, name: str, suffixes: tuple[str, ...], location: str, options: Optional[type] = None):
        self.name, self.suffixes, self.options = name, suffixes, options
        self.location = location
        self._reader: Optional[Reader] = None

    def load(self) -> Reader:
        if self._reader is None:
            module, _, cls = self.location.partition(":")
            self._reader = getattr(importlib.import_module(module, __package__), cls)()
        return self._reader

    def __getattr__(self, attribute: str):
        if attribute.startswith("_"):  # copy and pickle probe for these before __init__ has run
            raise AttributeError(attribute)
        return getattr(self.load(), attribute)

    def __repr__(self) -> str:
        return f"LazyReader({self.name!r}, {self.location!r})"


Registered = Union[Reader, LazyReader]


class Registry:
    def __init__(self, readers: Iterable[Registered] = ()):
        self._readers: list[Registered] = []
        for reader in readers:
            self.register(reader)

    def register(self, reader: Registered, *, first: bool = False) -> Registered:
        """Add ``reader`` (``first``: its sniff is asked before the others'); returns it."""
        if any(r.name == reader.name for r in self._readers):
            raise ValueError(f"a reader named {reader.name!r} is already registered")
        self._readers.insert(0 if first else len(self._readers), reader)
        return reader

    def unregister(self, reader: Registered) -> None:
        self._readers.remove(reader)

    @property
    def readers(self) -> tuple[Registered, ...]:
        return tuple(self._readers)

    def suffixes(self) -> list[str]:
        return sorted({suffix for reader in self._readers for suffix in reader.suffixes})

    def supports(self, path: str) -> bool:
        return bool(self._candidates(path))

    def choose(self, source: Source) -> Optional[Registered]:
        """The reader for this file: the first of its suffix's readers whose sniff claims it.
        A sniff that cannot read the content does not claim it: the next reader reports why."""
        for reader in self._candidates(source.path):
            try:
                if reader.sniff(source):
                    return reader
            except UnreadableInput:
                continue
        return None

    def read_with_another(self, path: str) -> bool:
        """Whether ``path`` is read as part of another file that is there (an image's sidecar)."""
        companions = (reader.companion_of(path) for reader in self._candidates(path))
        return any(c is not None and os.path.isfile(c) for c in companions)

    def source_files(self, path: str) -> list[str]:
        """Every file reading ``path`` may consult, ``path`` first: what its suffix's readers
        name (a sidecar's image, an image's sidecar)."""
        found = [path]
        for reader in self._candidates(path):
            found += [f for f in reader.sources(path) if f not in found]
        return found

    def max_bytes(self, path: str) -> Optional[int]:
        """The largest file of this kind any of its readers takes (None: no reader reads it)."""
        return max((reader.max_bytes for reader in self._candidates(path)), default=None)

    def splitter(self, path: str) -> Optional[Registered]:
        """The reader that reads files like ``path`` in pieces for several workers, if any."""
        return next((reader for reader in self._candidates(path) if reader.split is not None), None)

    # options
    def option_specs(self) -> list[OptionSpec]:
        """Every reader option, for the table of options (loclint.options): flags, configuration keys."""
        return [spec for reader in self._readers if reader.options is not None
                for spec in specs_of(reader.name, reader.options)]

    def reader_options(self, values: Mapping[str, Any]) -> tuple:
        """(reader name, options) for ReadOptions.formats, from values by spec key (``csv_preset``)
        that are already resolved (options.resolve); defaults for the rest."""
        known = {spec.key for spec in self.option_specs()}
        unknown = sorted(set(values) - known)
        if unknown:
            raise TypeError(f"unknown reader option {unknown[0]!r} (known: {', '.join(sorted(known))})")
        return tuple((reader.name, merged(reader.options, specs_of(reader.name, reader.options), values))
                     for reader in self._readers if reader.options is not None)

    def _candidates(self, path: str) -> list[Registered]:
        suffix = os.path.splitext(path)[1].lower()
        return [reader for reader in self._readers if suffix in reader.suffixes]


def _default_registry() -> Registry:
    from .feeds.csvoptions import CsvOptions

    # Each reader's name, suffixes and options as its class states them (tests/test_reader_registry.py
    # checks that they agree).
    return Registry([
        # first: it claims metadata sidecars (shoe.jpg.json) before JSON and YAML do
        LazyReader("image", (".jpg", ".jpeg", ".png", ".webp", ".json", ".yaml", ".yml"),
                   ".images.assets:ImageReader"),
        LazyReader("jsonl", (".jsonl", ".ndjson"), ".json.jsonl:JsonLinesReader"),
        # before JsonReader: it claims the .json files that are translations
        LazyReader("json-resource", (".arb", ".json"), ".translation.i18njson:JsonResourceReader"),
        LazyReader("json", (".json",), ".json.jsondoc:JsonReader"),
        LazyReader("yaml", (".yaml", ".yml"), ".yaml.yamldoc:YamlReader"),
        LazyReader("csv", (".csv", ".tsv"), ".feeds.csvfeed:CsvReader", options=CsvOptions),
        LazyReader("text", (".txt", ".md"), ".markup.text:TextReader"),
        LazyReader("html", (".html", ".htm"), ".markup.htmldoc:HtmlReader"),
        LazyReader("po", (".po", ".pot"), ".translation.po:PoReader"),
        LazyReader("xliff", (".xlf", ".xliff"), ".translation.xliff:XliffReader"),
    ])


REGISTRY = _default_registry()
