"""YAML files holding one record, a list of records, or several documents of them."""
from __future__ import annotations

from typing import Iterator

import yaml

from ...positions import PathKey
from ..base import Item, ReadContext, Reader, Source
from ..encoders import yaml_encoder
from ..errors import UnreadableInput
from ..records import record_or_error

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlReader(Reader):
    name = "yaml"
    suffixes = (".yaml", ".yml")
    # escape: none for the format; each scalar's style decides (encoders.yaml_encoder)

    def read(self, source: Source, ctx: ReadContext) -> Iterator[Item]:
        return read(source.path, source.text(), ctx.market, ctx.locale)


def not_yaml(exc: yaml.YAMLError) -> UnreadableInput:
    """The error for a document PyYAML cannot load, at the line where it stops."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    return UnreadableInput(f"not valid YAML: {problem}", mark.line + 1 if mark else 0)


def read(path: str, text: str, market, locale) -> Iterator[Item]:
    try:
        docs = list(_documents(text))
    except yaml.YAMLError as exc:
        raise not_yaml(exc) from None
    raw_lines = text.split("\n")
    index = 0
    for node, data in docs:
        items = [(node, data)] if not isinstance(data, list) else list(zip(node.value, data))
        for item_node, obj in items:
            index += 1
            nodes = _scalar_nodes(item_node)
            line = item_node.start_mark.line + 1

            def locator_for(key: PathKey, nodes=nodes):
                scalar = nodes.get(key)
                return _scalar_locator(scalar, raw_lines) if scalar is not None else None

            def encoder_for(key: PathKey, nodes=nodes):
                scalar = nodes.get(key)
                if scalar is None:
                    return None
                return yaml_encoder(scalar.style, scalar.start_mark.line == scalar.end_mark.line)

            yield record_or_error(obj, path=path, line=line, index=index, market=market, locale=locale,
                                  locator_for=locator_for, encoder_for=encoder_for)


def _documents(text: str):
    loader = _Loader(text)
    try:
        while loader.check_node():
            node = loader.get_node()
            yield node, loader.construct_document(node)
    finally:
        loader.dispose()


def _scalar_nodes(node, path: PathKey = ()) -> dict[PathKey, yaml.Node]:
    found: dict[PathKey, yaml.Node] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            found.update(_scalar_nodes(value_node, path + (key_node.value,)))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            found.update(_scalar_nodes(item, path + (i,)))
    else:
        found[path] = node
    return found


def _scalar_locator(node, raw_lines: list[str]):
    start = node.start_mark
    if node.style == "|":
        # Literal block: content lines map one to one, below the indicator line. Each line keeps
        # its text after the block's indentation, so the indentation is what the raw line has
        # more (a leading blank line or an indentation indicator leaves no other clue).
        first = start.line + 1

        def literal(offset: int, value=node.value) -> tuple[int, int]:
            before = value[:offset]
            row = before.count("\n")
            line_start = before.rfind("\n") + 1
            text = value[line_start:].split("\n", 1)[0]
            raw = raw_lines[first + row].rstrip("\r") if first + row < len(raw_lines) else ""
            indent = len(raw) - len(text) if text and raw.endswith(text) else len(raw) - len(raw.lstrip(" "))
            return (first + row + 1, indent + offset - line_start + 1)

        return literal
    # libyaml reports a plain scalar's style as "", the pure-Python loader as None.
    if start.line == node.end_mark.line and node.style in (None, "", "'", '"'):
        raw = raw_lines[start.line]
        if not node.style:
            return lambda offset: (start.line + 1, start.column + offset + 1)
        return lambda offset: (start.line + 1, _quoted_index(raw, start.column + 1, node.style, offset) + 1)
    return lambda offset: (start.line + 1, start.column + 1)  # folded and multi-line scalars: the value's start


# Characters after a backslash that a double-quoted escape spends on digits: \xXX, \uXXXX, \UXXXXXXXX.
_ESCAPE_DIGITS = {"x": 2, "u": 4, "U": 8}


def _quoted_index(raw: str, i: int, style: str, offset: int) -> int:
    """Index in ``raw`` of decoded character ``offset`` of a one-line quoted scalar whose
    content starts at ``i``: '' is one quote in single quotes, an escape one character in double."""
    for _ in range(offset):
        if style == "'" and raw.startswith("''", i):
            i += 2
        elif style == '"' and raw[i] == "\\":
            i += 2 + _ESCAPE_DIGITS.get(raw[i + 1], 0)
        else:
            i += 1
    return i
