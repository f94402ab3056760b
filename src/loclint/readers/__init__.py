"""Readers turn files into records. Each format is a readers.base.Reader in its family's
subpackage (json, yaml, markup, feeds, translation, images); readers.registry holds them all."""
from __future__ import annotations

from typing import Any, Iterable, Iterator, Optional, Union

from ..model import ReadError, Record
from . import discovery
from .base import ReadContext, Source
from .errors import UnreadableInput
from .options import DEFAULT as DEFAULT_OPTIONS, ReadOptions
from .registry import REGISTRY


def source_files(path: str) -> list[str]:
    """Every file reading ``path`` consults, ``path`` first (an image and its sidecar are read
    together): whatever decides its records must decide its results-cache key."""
    return REGISTRY.source_files(path)


def expand_paths(paths: Iterable[str], options: ReadOptions = DEFAULT_OPTIONS,
                 skipped: Optional[list] = None) -> Iterator[Union[str, ReadError]]:
    """Files named directly, and the supported files below each directory (readers.discovery:
    hidden, .gitignore'd and --exclude'd ones skipped); what was skipped is added to ``skipped``.
    A special file, or one larger than its reader takes, is a ReadError naming it."""
    return discovery.walk(paths, REGISTRY.supports, options.exclude, skipped,
                          unsupported_message=f"unsupported file type (supported: {', '.join(REGISTRY.suffixes())})",
                          read_with_another=REGISTRY.read_with_another, max_bytes=REGISTRY.max_bytes,
                          own_files=options.own_files)


def read_file(path: str, market: Optional[str] = None, locale: Optional[str] = None,
              options: ReadOptions = DEFAULT_OPTIONS, piece: Any = None) -> Iterator[Union[Record, ReadError]]:
    """Records and read errors of one file (or of one ``piece`` of it, from the reader's
    ``split``); never raises for bad content."""
    try:
        source = Source(path)
        reader = REGISTRY.splitter(path) if piece is not None else REGISTRY.choose(source)
        if reader is None:
            yield ReadError(path, 0, f"unsupported file type (supported: {', '.join(REGISTRY.suffixes())})",
                            whole_file=True)
            return
        ctx = ReadContext(market, locale, options.for_reader(reader), dict(options.markets))
        items = reader.read(source, ctx) if piece is None else reader.read_piece(path, piece, ctx)
        for item in items:
            yield item.report(path) if isinstance(item, UnreadableInput) else item
    except UnreadableInput as exc:
        yield exc.report(path, raised=True)
    except OSError as exc:
        yield ReadError(path, 0, exc.strerror or str(exc), whole_file=True)
