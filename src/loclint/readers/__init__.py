"""Readers turn files into records. Each reader is one module with SUFFIXES and read()."""
from __future__ import annotations

import os
from typing import Iterable, Iterator, Optional, Union

from ..model import ReadError, Record
from . import assets, csvfeed, discovery, htmldoc, i18njson, jsondoc, jsonl, po, text, xliff, yamldoc
from .decoding import InputError
from .options import DEFAULT as DEFAULT_OPTIONS, ReadOptions

READERS = {suffix: module for module in (jsonl, jsondoc, yamldoc, text, csvfeed, htmldoc, assets, po, i18njson, xliff)
           for suffix in module.SUFFIXES}


def reader_for(path: str):
    if assets.image_for(path):  # shoe.jpg.json, or shoe.json beside shoe.jpg: image metadata
        return assets
    return READERS.get(os.path.splitext(path)[1].lower())


def source_files(path: str) -> list[str]:
    """Every file reading ``path`` consults, ``path`` first (an image and its sidecar are read
    together): whatever decides its records must decide its results-cache key."""
    if reader_for(path) is assets:
        return assets.source_files(path)
    return [path]


def _read_with_its_image(path: str) -> bool:
    """A sidecar whose image is there is read with the image, not on its own."""
    image = assets.image_for(path)
    return image is not None and os.path.isfile(image)


def expand_paths(paths: Iterable[str], options: ReadOptions = DEFAULT_OPTIONS,
                 skipped: Optional[list] = None) -> Iterator[Union[str, ReadError]]:
    """Files named directly, and the supported files below each directory (readers.discovery:
    hidden, .gitignore'd and --exclude'd ones skipped); what was skipped is added to ``skipped``."""
    known = ", ".join(sorted(READERS))
    return discovery.walk(paths, lambda path: reader_for(path) is not None, options.exclude, skipped,
                          unsupported_message=f"unsupported file type (supported: {known})",
                          read_with_another=_read_with_its_image)


def read_file(path: str, market: Optional[str] = None, locale: Optional[str] = None,
              options: ReadOptions = DEFAULT_OPTIONS) -> Iterator[Union[Record, ReadError]]:
    """Records and read errors of one file; never raises for bad content."""
    reader = reader_for(path)
    try:
        if getattr(reader, "TAKES_OPTIONS", False):  # only some formats have choices (CSV mapping)
            yield from reader.read(path, market, locale, options)
        else:
            yield from reader.read(path, market, locale)
    except InputError as exc:
        yield ReadError(path, 0, str(exc), whole_file=True)
    except OSError as exc:
        yield ReadError(path, 0, exc.strerror or str(exc), whole_file=True)
