"""A .json file holding one record object or an array of records (a translation resource is
readers.translation.i18njson's: the registry asks it first)."""
from __future__ import annotations

from typing import Iterator

from ...positions import LineIndex, json_string_offset, json_value_positions
from ..base import Item, ReadContext, Reader, Source
from ..encoders import json_string
from ..errors import UnreadableInput
from ..records import record_or_error


class JsonReader(Reader):
    name = "json"
    suffixes = (".json",)
    escape = staticmethod(json_string)

    def read(self, source: Source, ctx: ReadContext) -> Iterator[Item]:
        return read(source, ctx)


def read(source: Source, ctx: ReadContext) -> Iterator[Item]:
    path, market, locale = source.path, ctx.market, ctx.locale
    doc = source.json()
    text = source.text()
    lines = LineIndex(text)
    positions = json_value_positions(text, len(text) - len(text.lstrip()))
    items, prefix = ([doc], ()) if isinstance(doc, dict) else (doc, None)
    if not isinstance(items, list):
        raise UnreadableInput("expected a record object or an array of records", 1)

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
