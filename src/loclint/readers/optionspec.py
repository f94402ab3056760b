"""A reader's choices, declared once: the command-line flags and the configuration section are
derived from its options dataclass.

A reader named ``csv`` with ``options = CsvOptions`` gets, for a field ``preset``, the flag
``--csv-preset`` and the key ``preset`` in the ``[csv]`` table, and ReadOptions carries the
merged value to the reader. Each field says how in its metadata (``option(...)``):

- ``help``: the flag's help;
- ``choices``: the values allowed (a click choice, and checked in the configuration);
- ``from_flag``: one flag value (text) to a value, ValueError with the message otherwise;
  a field whose default is a tuple is repeatable and collects one item per flag;
- ``from_config``: the configuration's value to a value, ValueError otherwise;
- ``flag=False``: configuration only.

Precedence: a flag beats the configuration, which beats the default; a repeatable field takes
the configuration's items, then the flags' (later items win where the reader looks them up).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Optional

_KEY = "loclint"


def option(help: str, *, choices: tuple[str, ...] = (), metavar: Optional[str] = None,
           from_flag: Optional[Callable[[str], Any]] = None,
           from_config: Optional[Callable[[Any], Any]] = None, flag: bool = True) -> dict:
    """Field metadata for one reader option."""
    return {_KEY: dict(help=help, choices=choices, metavar=metavar, from_flag=from_flag,
                       from_config=from_config, flag=flag)}


@dataclass(frozen=True)
class OptionSpec:
    section: str  # the reader's name: [section] in the configuration, --section-* flags
    name: str  # the options dataclass field
    default: Any
    help: str
    choices: tuple[str, ...] = ()
    metavar: Optional[str] = None
    from_flag: Optional[Callable[[str], Any]] = None
    from_config: Optional[Callable[[Any], Any]] = None
    flag: bool = True

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

    def flag_value(self, text: str) -> Any:
        """One flag value; ValueError naming what is wrong."""
        if self.choices and text not in self.choices:
            raise ValueError(f"{text!r} is not one of {', '.join(self.choices)}")
        return self.from_flag(text) if self.from_flag else text

    def config_value(self, value: Any) -> Any:
        """The configuration's value; ValueError naming what is wrong (the caller names the key)."""
        if self.from_config is not None:
            return self.from_config(value)
        if self.choices and value not in self.choices:
            raise ValueError(f"expected one of {', '.join(self.choices)}")
        return value


def specs_of(section: str, options: type) -> list[OptionSpec]:
    specs = []
    for field in dataclasses.fields(options):
        meta = field.metadata.get(_KEY, {"help": ""})
        specs.append(OptionSpec(section, field.name, field.default, **meta))
    return specs


def merged(options: type, specs: list[OptionSpec], flags: Mapping[str, Any], config: Mapping[str, Any]) -> Any:
    """An instance of ``options``: flags (typed, by spec key) over the configuration's table
    (checked by check_section) over the defaults."""
    values = {}
    for spec in specs:
        from_config = spec.config_value(config[spec.name]) if spec.name in config else None
        given = flags.get(spec.key)
        if spec.repeatable:
            values[spec.name] = tuple(from_config or ()) + tuple(given or ())
        elif given is not None:
            values[spec.name] = given
        elif from_config is not None:
            values[spec.name] = from_config
    return options(**values)


def check_section(specs: list[OptionSpec], table: Mapping[str, Any]) -> None:
    """ValueError for an unknown key or a bad value in a reader's configuration table."""
    names = sorted(spec.name for spec in specs)
    for key in table:
        if key not in names:
            raise ValueError(f"unknown key {key!r} (known: {', '.join(names)})")
    for spec in specs:
        if spec.name in table:
            try:
                spec.config_value(table[spec.name])
            except ValueError as exc:
                raise ValueError(f"{spec.name}: {exc}") from None
