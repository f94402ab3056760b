"""The commented starter configuration `loclint init` writes, generated from the table of options
(options.py): every setting with its doc, allowed values and default, so it cannot fall behind."""
from __future__ import annotations

import json
import textwrap
from typing import Any

from .options import Option, config_options, given

HEADER = "# loclint settings. Flags on the command line beat this file; every key is checked.\n"


def starter(markets: list[str]) -> str:
    """Top-level settings first, then tables ([severity]), then sections of settings ([csv]), as
    TOML wants; the sections' settings are all commented out, as their header is."""
    settings, tables, sections = [], [], {}
    for option in config_options().values():
        section, _, _ = option.key.rpartition(".")
        if section:
            sections.setdefault(section, []).append(option)
        else:
            (tables if option.kind == "table" else settings).append(option)
    return "".join([HEADER, *(_setting(o, markets) for o in settings), *map(_table, tables),
                    *(_section(name, options) for name, options in sections.items())])


def _section(name: str, options: list[Option]) -> str:
    return f"\n# [{name}]\n" + "".join(_setting(o, [], commented=True) for o in options)


def _setting(option: Option, markets: list[str], commented: bool = False) -> str:
    key = option.key.split(".")[-1]
    if option.name == "market" and markets:
        return f"\n# {option.doc}; given to `loclint init`: {', '.join(markets)}.\n{key} = {toml(markets[0])}\n"
    value = option.default if given(option.default) or option.starter else option.example
    if value is None:  # a reader's option may come without an example: show the empty value of its type
        value = _EMPTY[option.kind]
    line = f"{key} = {toml(value)}"
    active = option.starter and not commented
    return f"\n{_doc(option)}{line if active else '# ' + line}\n"


_EMPTY = {"string": "", "integer": 0, "array": [], "table": {}}


def _table(option: Option) -> str:
    entries = "".join(f"# {toml(name)} = {toml(value)}\n" for name, value in option.example.items())
    return f"\n{_doc(option)}# [{option.key}]\n{entries}"


def _doc(option: Option) -> str:
    doc = f"{option.doc}."
    if option.allowed:
        doc += f" One of: {', '.join(option.allowed)}."
    if option.default_doc or given(option.default):
        doc += f" Default: {option.shown_default}."
    return textwrap.fill(doc, 100, initial_indent="# ", subsequent_indent="# ") + "\n"


def toml(value: Any) -> str:
    """A TOML value (strings, integers, arrays of them, inline tables); JSON's string escapes are
    TOML's basic-string escapes."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{toml(k)} = {toml(v)}" for k, v in value.items()) + " }" if value else "{}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)
