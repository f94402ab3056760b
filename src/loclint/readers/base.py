"""What a reader is: the protocol every format implements, the file it reads and the context
of one read. The registry (readers.registry) holds the readers and is the only place that
chooses among them.
"""
from __future__ import annotations

from typing import Any, Callable, Iterator, Mapping, Optional, Union

import msgspec

from ..model import Record
from .decoding import decode
from .encoders import Encoder
from .errors import UnreadableInput
from .json.parse import loads

Item = Union[Record, UnreadableInput]

# How large a file a reader takes (a larger one is an error naming it: readers.discovery). A
# format read whole holds the text, its parsed values and a line index in memory at once,
# several times the file's size, so 256 MiB (far above any listing file) keeps a run within a
# few GB. A streamed format (JSON Lines) holds one line at a time: its bound is there to keep a
# run finite, and 2 GiB is some millions of records.
READ_WHOLE_MAX_BYTES = 256 * 2**20
STREAMED_MAX_BYTES = 2 * 2**30


class Source:
    """The file being read. Its text and JSON value are worked out on first use and kept, so
    that a reader sniffing the content and the reader then chosen read the file once."""

    def __init__(self, path: str):
        self.path = path
        self._text: Optional[str] = None
        self._json: Any = _UNSET

    def data(self) -> bytes:
        with open(self.path, "rb") as handle:
            return handle.read()

    def text(self) -> str:
        """The decoded text (readers.decoding); UnreadableInput for bytes that are not text."""
        if self._text is None:
            self._text = decode(self.data())
        return self._text

    def json(self) -> Any:
        """The JSON value; UnreadableInput naming where it stops parsing."""
        if self._json is _UNSET:
            try:
                self._json = loads(self.text())
            except UnreadableInput as exc:
                self._json = exc
        if isinstance(self._json, UnreadableInput):
            raise self._json
        return self._json


_UNSET = object()


# A Struct, not a dataclass: created in 0.1 M instructions instead of 2-4 M (docs/research/issue17-imports.md)
class ReadContext(msgspec.Struct, frozen=True):
    """What a read needs besides the file: the flags' market and locale for records that name
    none, the reader's own options (an instance of its ``options`` class, or None) and the
    markets of the rulesets in use with their languages (translation files name a language;
    empty: the built-in rulebook's, readers.translation.locales)."""

    market: Optional[str] = None
    locale: Optional[str] = None
    options: Any = None
    markets: Mapping[str, tuple[str, ...]] = msgspec.field(default_factory=dict)


class Reader:
    """The protocol: subclass it, fill in what the format has, and add one line to the registry.

    - ``name``: the format's short name; it also names its options' config section (``[csv]``)
      and flags (``--csv-preset``);
    - ``suffixes``: the file suffixes it reads (lower case, with the dot);
    - ``sniff(source)``: whether this file is for this reader, when several read a suffix
      (a ``.json`` is a listing or a translation resource); asked in registry order;
    - ``options``: a frozen dataclass of the reader's choices (readers.optionspec), or None;
    - ``read(source, ctx)``: records, and UnreadableInput for what cannot be read (raised for
      the whole file, yielded for one record);
    - ``escape``: how a replacement is written back into the format (readers.encoders), or None
      where each value decides (YAML scalar style, CSV cell quoting) or nothing is written;
    - ``split(path, size)``: optional; pieces of about ``size`` bytes that workers read with
      ``read_piece`` (parallel.py), [] when the file is read whole;
    - ``companion_of(path)``: the file this one is read with (an image's sidecar), if any;
    - ``sources(path)``: every file reading ``path`` consults (an image and its sidecar);
    - ``max_bytes``: the largest file it reads (STREAMED_MAX_BYTES if it streams the file).
    """

    name: str = ""
    suffixes: tuple[str, ...] = ()
    options: Optional[type] = None
    escape: Optional[Encoder] = None
    split: Optional[Callable[[str, int], list]] = None
    max_bytes: int = READ_WHOLE_MAX_BYTES

    def sniff(self, source: Source) -> bool:
        return True

    def read(self, source: Source, ctx: ReadContext) -> Iterator[Item]:
        raise NotImplementedError

    def read_piece(self, path: str, piece: Any, ctx: ReadContext) -> Iterator[Item]:
        raise NotImplementedError

    def companion_of(self, path: str) -> Optional[str]:
        return None

    def sources(self, path: str) -> list[str]:
        """Every file reading ``path`` consults, ``path`` first (the results cache keys on them)."""
        return [path]
