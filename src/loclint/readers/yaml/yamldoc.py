"""YAML files holding one record, a list of records, or several documents of them."""
from __future__ import annotations

from typing import Iterator

import yaml

from ...positions import PathKey
from ..base import Item, ReadContext, Reader, Source
from ..encoders import yaml_encoder
from ..errors import UnreadableInput
from ..records import int_or_oversized, record_or_error

# Aliases may add at most this many values to a document beyond those written in it. A listing
# file that shares a block (common attributes) among its records adds a few thousand at most;
# a "billion laughs" file asks for millions from a few hundred bytes (9 aliases of 9 aliases …).
# Counting costs one pass over the nodes as written, before anything is expanded.
ALIAS_BUDGET = 100_000


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader (libyaml's when installed), with what it cannot construct reported at
    the value's line instead of escaping as a Python error."""

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as exc:  # a date like 2026-13-45, a float tag on text
            raise yaml.constructor.ConstructorError(None, None, str(exc), node.start_mark) from None

    def construct_yaml_int(self, node):
        """Integers longer than Python reads become OversizedNumber: an error for their record only."""
        try:
            return super().construct_yaml_int(node)
        except ValueError:
            return int_or_oversized(self.construct_scalar(node).replace("_", ""))


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)


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
    except RecursionError:  # the pure-Python parser (without libyaml, which stops at 1,000 levels)
        raise UnreadableInput("not valid YAML: nested too deeply") from None
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
            check_aliases(node)
            yield node, loader.construct_document(node)
    finally:
        loader.dispose()


def check_aliases(root: yaml.Node) -> None:
    """UnreadableInput when aliases would expand the document past ALIAS_BUDGET, or make it
    contain itself. Each node's expanded size is counted once (aliases share their node)."""
    sizes: dict[int, int] = {}  # id(node) -> values it stands for, aliases expanded
    entered: set[int] = set()  # nodes whose children are being counted: the path from the root
    stack = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        children = _children(node)
        if children_done:
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in children)
            entered.discard(id(node))
        elif id(node) in entered:
            raise UnreadableInput("a YAML alias refers to the value that contains it", node.start_mark.line + 1)
        elif id(node) not in sizes:
            entered.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
    expanded, written = sizes[id(root)], len(sizes)
    if expanded - written > ALIAS_BUDGET:
        raise UnreadableInput(f"YAML aliases expand this document to {expanded:,} values from {written:,} "
                              f"written; loclint reads at most {ALIAS_BUDGET:,} more (an alias bomb?)",
                              root.start_mark.line + 1)


def _children(node: yaml.Node) -> list:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return node.value if isinstance(node, yaml.SequenceNode) else []


def _scalar_nodes(root, path: PathKey = ()) -> dict[PathKey, yaml.Node]:
    """The scalar nodes of a document by path. Iterative: nesting is libyaml's to bound (1,000
    levels), and check_aliases has bounded what aliases add."""
    found: dict[PathKey, yaml.Node] = {}
    stack = [(path, root)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            members = [(path + (key_node.value,), value_node) for key_node, value_node in node.value]
        elif isinstance(node, yaml.SequenceNode):
            members = [(path + (i,), item) for i, item in enumerate(node.value)]
        else:
            found[path] = node
            continue
        stack.extend(reversed(members))  # in file order, so that a repeated key's last value wins
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
