"""JSON translation resources: i18next and Medusa (nested keys), flat key files, Flutter ARB.

A ``.json`` file is a listing record unless it looks like a resource (the registry asks this
reader's sniff, ``is_resource``, before readers.json.jsondoc's): an object whose values are all strings, lists of strings or such objects
again (ARB ``@key`` metadata and ``$schema`` aside), and that is not a record: either it has
``@@locale``, or it has none of the record's keys (``id``, ``title``, ``description``,
``bullets``, ``attributes``, ``price``, ``images``), or it nests objects a record does not have.

Each string is a record of its own: id the dotted key (``products.create.title``), one field
``value`` linted as a description (a title or bullet only when the key names a listing field,
``product.title``: readers.translation.strings.scope_for), positions from positions.json_value_positions. A resource has
no source text; the source-language file is another file. Suppressions: ``loclint: ignore[...]
-- reason`` in the ARB ``description`` of ``@key``. The market comes from ``@@locale``, then the
path (``de.json``, ``pt-BR.json``, ``locales/de/translation.json``, ``app_de.arb``).

Placeholders (``{{count}}``, ``{name}``, ``<0>…</0>``) stay in the text: rules see them as
opaque tokens, and the text stays exactly what a rewrite must write back.
"""
from __future__ import annotations

from typing import Any, Iterator

from ...positions import LineIndex, PathKey, json_string_offset, json_value_positions
from ..base import Item, ReadContext, Reader, Source
from ..encoders import json_string
from ..errors import UnreadableInput
from .locales import market_for_file
from .strings import directives_in, no_market, scope_for, text_field, translation_record
RECORD_KEYS = frozenset({"id", "title", "description", "bullets", "attributes", "price", "images"})
RECORD_OBJECTS = frozenset({"attributes", "price", "source", "_loclint"})


def is_resource(doc: Any) -> bool:
    if not isinstance(doc, dict):
        return False
    if isinstance(doc.get("@@locale"), str):
        return True
    leaves = list(_leaves(doc, ()))
    if not leaves or any(not isinstance(value, str) for _, value in leaves):
        return False
    nested = any(isinstance(v, dict) and k not in RECORD_OBJECTS for k, v in doc.items() if not _meta(k))
    return nested or not (RECORD_KEYS & set(doc))


class JsonResourceReader(Reader):
    """``.arb`` files, and the ``.json`` files that are resources rather than listings."""

    name = "json-resource"
    suffixes = (".arb", ".json")
    escape = staticmethod(json_string)

    def sniff(self, source: Source) -> bool:
        return source.path.lower().endswith(".arb") or is_resource(source.json())

    def read(self, source: Source, ctx: ReadContext) -> Iterator[Item]:
        doc = source.json()
        if not isinstance(doc, dict):  # an .arb file; a .json one is a resource only if it is an object
            raise UnreadableInput("an ARB file must be a JSON object", 1)
        return read_resource(source.path, source.text(), doc, ctx)


def read_resource(path: str, text: str, doc: dict, ctx: ReadContext) -> Iterator[Item]:
    leaves = [(key, value) for key, value in _leaves(doc, ()) if isinstance(value, str) and value.strip()]
    if not leaves:
        return
    tag = doc.get("@@locale") if isinstance(doc.get("@@locale"), str) else None
    choice = market_for_file(path, tag, "@@locale", ctx.market, ctx.locale, ctx.markets)
    if choice.market is None:
        yield no_market(choice)
        return
    lines = LineIndex(text)
    positions = json_value_positions(text, len(text) - len(text.lstrip()))
    for key, value in leaves:
        quote = positions.get(key)
        locate = (lambda offset, q=quote: lines.position(json_string_offset(text, q, offset))) if quote is not None else None
        name = _dotted(key)
        field = text_field("value", scope_for(".".join(str(k) for k in key[-2:])), value, locate=locate,
                           encode=json_string if quote is not None else None)
        yield translation_record(name, path=path, line=lines.position(quote)[0] if quote is not None else 0, choice=choice,
                                 fields=[field], directives=directives_in(_notes(doc, key, positions, lines, text)))


def _leaves(value: Any, key: PathKey) -> Iterator[tuple[PathKey, Any]]:
    if isinstance(value, dict):
        for name, item in value.items():
            if not _meta(name):
                yield from _leaves(item, key + (name,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _leaves(item, key + (i,))
    else:
        yield key, value


def _meta(name: str) -> bool:
    """ARB metadata (``@key``, ``@@locale``) and JSON schema references (``$schema``)."""
    return name.startswith(("@", "$"))


def _notes(doc: dict, key: PathKey, positions: dict, lines: LineIndex, text: str):
    """The ARB description of a top-level key, with where its text starts."""
    if len(key) != 1 or not isinstance(doc.get(f"@{key[0]}"), dict):
        return []
    description = doc[f"@{key[0]}"].get("description")
    quote = positions.get((f"@{key[0]}", "description"))
    if not isinstance(description, str) or quote is None:
        return []
    return [(description, *lines.position(quote + 1))]


def _dotted(key: PathKey) -> str:
    out = ""
    for part in key:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
