"""A reader's choices, declared once: its options dataclass. The table of options (loclint.options)
takes each field as a setting, and from there come the command-line flag, the configuration key,
its checks, `loclint init`, `loclint config` and the JSON Schema.

A reader named ``csv`` with ``options = CsvOptions`` gets, for a field ``preset``, the flag
``--csv-preset`` and the key ``preset`` in the ``[csv]`` table, and ReadOptions carries the
resolved value to the reader. The field's type is the setting's TOML type (``str`` a string,
``int`` an integer, ``tuple[str, ...]`` an array, ``tuple[tuple[str, str], ...]`` a table);
its metadata (``option(...)``) says the rest:

- ``help``: the doc, one sentence without the final full stop;
- ``choices``: the values allowed (a click choice, and checked in the configuration);
- ``from_flag``: one flag value (text) to a value, ValueError with the message otherwise;
  a field whose default is a tuple is repeatable and collects one item per flag;
- ``from_config``: the configuration's value (its TOML type already checked) to a value,
  ValueError otherwise;
- ``flag=False``: configuration only;
- ``default_doc``: what the default means, when it is None; ``example``: for the starter
  configuration, when the default says nothing.

Precedence is the table's (options.resolve): a flag beats the configuration, which beats the
default; a repeatable field takes the configuration's items, then the flags' (later items win
where the reader looks them up).
"""
from __future__ import annotations

import dataclasses
import typing
from typing import Any, Callable, Mapping, Optional, Union

import msgspec

_KEY = "loclint"


def option(help: str, *, choices: tuple[str, ...] = (), metavar: Optional[str] = None,
           from_flag: Optional[Callable[[str], Any]] = None,
           from_config: Optional[Callable[[Any], Any]] = None, flag: bool = True,
           default_doc: Optional[str] = None, example: Any = None) -> dict:
    """Field metadata for one reader option."""
    return {_KEY: dict(help=help, choices=choices, metavar=metavar, from_flag=from_flag,
                       from_config=from_config, flag=flag, default_doc=default_doc, example=example)}


# A Struct, not a dataclass: created in 0.1 M instructions instead of 2-4 M (docs/research/issue17-imports.md)
class OptionSpec(msgspec.Struct, frozen=True):
    section: str  # the reader's name: [section] in the configuration, --section-* flags
    name: str  # the options dataclass field
    kind: str  # its TOML type: string, integer, array (of strings) or table (of strings)
    default: Any
    help: str
    choices: tuple[str, ...] = ()
    metavar: Optional[str] = None
    from_flag: Optional[Callable[[str], Any]] = None
    from_config: Optional[Callable[[Any], Any]] = None
    flag: bool = True
    default_doc: Optional[str] = None
    example: Any = None

    @property
    def key(self) -> str:
        """The flag's parameter name and ReadOptions keyword: ``csv_preset``."""
        return f"{self.section}_{self.name}"

    @property
    def flag_name(self) -> str:
        return f"--{self.section}-{self.name}".replace("_", "-")

    @property
    def repeatable(self) -> bool:
        return isinstance(self.default, tuple)



def specs_of(section: str, options: type) -> list[OptionSpec]:
    hints = typing.get_type_hints(options)
    specs = []
    for field in dataclasses.fields(options):
        meta = field.metadata.get(_KEY, {"help": ""})
        specs.append(OptionSpec(section, field.name, _kind(options, field.name, hints[field.name]), field.default,
                                **meta))
    return specs


def _kind(options: type, name: str, hint: Any) -> str:
    """The TOML type of a field's type; TypeError (a reader's bug) for a type a setting cannot have."""
    if typing.get_origin(hint) is Union:  # Optional[str]: None means "not set"
        hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
    kinds = {str: "string", int: "integer", tuple[str, ...]: "array", tuple[tuple[str, str], ...]: "table"}
    if hint not in kinds:
        raise TypeError(f"{options.__name__}.{name}: a reader option is str, int, tuple[str, ...] or "
                        f"tuple[tuple[str, str], ...], not {hint}")
    return kinds[hint]


def merged(options: type, specs: list[OptionSpec], values: Mapping[str, Any]) -> Any:
    """An instance of ``options`` with the values given by spec key (``csv_preset``, already
    resolved: options.resolve); defaults for the rest."""
    return options(**{spec.name: values[spec.key] for spec in specs if spec.key in values})
