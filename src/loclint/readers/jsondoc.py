"""A .json file holding one record object or an array of records (or a translation resource:
readers.i18njson)."""
from __future__ import annotations

from typing import Iterator, Optional, Union

from ..model import ReadError, Record
from ..positions import LineIndex, json_string_offset, json_value_positions
from . import i18njson
from .decoding import read_json
from .encoders import json_string
from .records import record_or_error

SUFFIXES = (".json",)


def read(path: str, market: Optional[str], locale: Optional[str]) -> Iterator[Union[Record, ReadError]]:
    loaded = read_json(path)
    if isinstance(loaded, ReadError):
        yield loaded
        return
    text, doc = loaded
    if i18njson.is_resource(doc):  # i18next, Medusa, flat key files: translated strings, not records
        yield from i18njson.read_resource(path, text, doc, market, locale)
        return
    lines = LineIndex(text)
    positions = json_value_positions(text, len(text) - len(text.lstrip()))
    items, prefix = ([doc], ()) if isinstance(doc, dict) else (doc, None)
    if not isinstance(items, list):
        yield ReadError(path, 1, "expected a record object or an array of records", whole_file=True)
        return

    for index, obj in enumerate(items, 1):
        base = prefix if prefix is not None else (index - 1,)
        line = lines.position(positions.get(base, 0))[0]

        def locator_for(key, base=base):
            quote = positions.get(base + key)
            if quote is None or text[quote] != '"':
                return None
            return lambda offset: lines.position(json_string_offset(text, quote, offset))

        def encoder_for(key, base=base):
            quote = positions.get(base + key)
            return json_string if quote is not None and text[quote] == '"' else None

        yield record_or_error(obj, path=path, line=line, index=index, market=market, locale=locale,
                              locator_for=locator_for, encoder_for=encoder_for)
