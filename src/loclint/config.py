"""Settings from `loclint.toml`, `.loclint.toml` or `[tool.loclint]` in `pyproject.toml`.

Discovery walks from a linted file's directory upwards and takes the closest file that has
loclint settings (a `pyproject.toml` without `[tool.loclint]` does not count), as ruff does.
`--config FILE` replaces discovery; command-line flags beat any file (options.resolve). Every key
is checked against the table of options (options.py) and every problem in a file is reported at
once, each naming the file and the key; a file that is not valid TOML is an error naming its line.
"""
from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from .options import Option, all_options, config_options, given, resolve, value_in
from .selector import parse_all

CONFIG_NAMES = ("loclint.toml", ".loclint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration file that cannot be used; each problem names the file and the key."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class Settings:
    """One file's settings (the fields are the options with a configuration key; the readers'
    options, which come from the reader registry, are in ``reader_options`` by name). ``None`` or
    empty means "not set here": a flag or the built-in default decides (options.resolve)."""

    path: Optional[Path] = None  # the file they came from
    market: Optional[str] = None
    locale: Optional[str] = None
    channel: Optional[str] = None
    offers: Optional[str] = None
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict = field(default_factory=dict)  # rule code -> "error" | "warning" | "info"
    fail_on: Optional[str] = None
    output_format: Optional[str] = None
    language_detector: Optional[str] = None
    jobs: Optional[int] = None
    per_file_ignores: dict = field(default_factory=dict)  # glob (relative to the config) -> codes
    rulesets: tuple[Path, ...] = ()  # the team's own ruleset directories
    baseline: Optional[Path] = None
    exclude: tuple[str, ...] = ()  # gitignore patterns a directory walk skips, like --exclude
    reader_options: dict = field(default_factory=dict)  # option name (csv_preset) -> value ([csv] preset)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def ignored_for(self, file_path: str) -> tuple[str, ...]:
        """Codes (or prefixes, names, tags) that per-file-ignores switch off for one file."""
        return tuple(code for pattern in self.patterns_matching(file_path) for code in self.per_file_ignores[pattern])

    def patterns_matching(self, file_path: str) -> list[str]:
        """The per-file-ignores patterns that match ``file_path``: gitignore syntax relative to the
        configuration's folder, as `--exclude` and .gitignore files use (a pattern without a
        slash matches a name at any depth; ``legacy/`` everything below that folder)."""
        if not self.per_file_ignores:
            return []
        relative = os.path.relpath(os.path.abspath(file_path), self.root).replace(os.sep, "/")
        return [pattern for pattern, spec in self._per_file_specs.items() if spec.match_file(relative)]

    @functools.cached_property
    def _per_file_specs(self) -> dict:
        import pathspec

        return {pattern: pathspec.GitIgnoreSpec.from_lines([pattern]) for pattern in self.per_file_ignores}

def discover(start: Path) -> Optional[Path]:
    """The closest config file at or above ``start`` (a file or a directory). A pyproject.toml on
    the way that is not valid TOML is an error: it might hold the settings meant for this file."""
    directory = start if start.is_dir() else start.parent
    for folder in [directory.resolve(), *directory.resolve().parents]:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _tool_section(candidate) is not None):
                return candidate
    return None


def load(path: Path) -> Settings:
    table = _read(path) if path.name != "pyproject.toml" else _tool_section(path)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: key 'tool.loclint': expected a table, got {_toml_type(table)}")
    return parse(table, path)


def _tool_section(pyproject: Path) -> Any:
    """``[tool.loclint]`` of a pyproject.toml; None if it has none."""
    tool = _read(pyproject).get("tool")
    return tool.get("loclint") if isinstance(tool, dict) else None


def parse(table: dict, path: Path) -> Settings:
    """Settings from a file's table; ConfigError listing every problem in it."""
    problems: list[str] = []
    values: dict[str, Any] = {}
    readers: dict[str, Any] = {}
    by_place = _by_place()
    for place, value in _flatten(table, by_place, problems, path):
        key = ".".join(place)
        option = by_place.get(place)
        if option is None:
            known = ", ".join(sorted({p[0] for p in by_place}))
            problems.append(f"{path}: key '{key}': unknown setting (known: {known})")
            continue
        try:
            (readers if option.reader else values)[option.name] = _relative_to(path, option, _checked(option, value))
        except ValueError as exc:
            problems.append(f"{path}: key '{key}': {exc}")
    if problems:
        raise ConfigError(problems)
    return Settings(path=path, reader_options=readers, **values)


def _by_place() -> dict[tuple[str, ...], Option]:
    """Where each setting sits in the file: ("market",), ("csv", "preset"). A quoted "csv.preset"
    key is ("csv.preset",), which is not a setting. Asked per file: the readers registered decide."""
    return {tuple(key.split(".")): option for key, option in config_options().items()}


def _flatten(table: dict, by_place: dict, problems: list[str], path: Path):
    """(place, value) pairs, with the settings in sub-tables ([csv]) one level down."""
    for key, value in table.items():
        sub_keys = sorted(place[1] for place in by_place if len(place) == 2 and place[0] == key)
        if not sub_keys:
            yield (key,), value
        elif not isinstance(value, dict):
            problems.append(f"{path}: key '{key}': expected a table, got {_toml_type(value)}")
        else:
            for sub_key, sub_value in value.items():
                if sub_key in sub_keys:
                    yield (key, sub_key), sub_value
                else:
                    problems.append(f"{path}: key '{key}': unknown key {sub_key!r} (known: {', '.join(sub_keys)})")


def check_option(name: str, value: Any) -> Any:
    """One option's value as the API passes it, checked as a configuration file's would be;
    ValueError naming the option."""
    try:
        return _checked(all_options()[name], value)
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from None


# Rule selectors (selector.py), parsed here so that a malformed one names the file and the key;
# the session checks that each one covers a rule.
_SELECTORS = ("select", "extend_select", "ignore", "per_file_ignores")


def _checked(option: Option, value: Any) -> Any:
    """The value in the form the run uses; ValueError saying what is wrong with it."""
    checked = _table(option, value) if option.kind == "table" else _KINDS[option.kind](option, value)
    return option.convert(checked) if option.convert else checked


def _table(option: Option, value: Any) -> dict:
    if not isinstance(value, dict):
        raise ValueError(f"expected a table, got {_toml_type(value)}")
    problems, table = [], {}
    for name, item in value.items():
        try:
            table[name.upper() if option.name == "severity" else name] = _KINDS[option.items](option, item)
        except ValueError as exc:
            problems.append(f"{name!r}: {exc}")
    if problems:
        raise ValueError("; ".join(problems))
    return table


def _string(option: Option, value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {_toml_type(value)}")
    if option.choices and value not in option.allowed:
        raise ValueError(f"expected one of {', '.join(option.allowed)}; got {value!r}")
    return option.check(value) if option.check else value


def _integer(option: Option, value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"expected an integer, got {_toml_type(value)}")
    if option.minimum is not None and value < option.minimum:
        raise ValueError(f"expected a number of at least {option.minimum}, got {value}")
    return value


def _array(option: Option, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):  # refused, not taken as one item: the file says what it means
        raise ValueError(f"expected an array of strings, got a string (write [{json.dumps(value)}])")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"expected an array of strings, got {_toml_type(value)}")
    if option.name in _SELECTORS:  # a malformed selector is a SelectorError, a ValueError
        return tuple(selector.key for selector in parse_all(value, ""))
    return tuple(value)


_KINDS = {"string": _string, "integer": _integer, "array": _array}


def _relative_to(path: Path, option: Option, value: Any) -> Any:
    """Paths in a file are relative to it."""
    if option.name == "baseline":
        return path.parent / value
    if option.name == "rulesets":
        directories = tuple((path.parent / d).resolve() for d in value)
        missing = [str(d) for d in directories if not d.is_dir()]
        if missing:
            raise ValueError(f"not a directory: {', '.join(missing)}")
        return directories
    return value


def _toml_type(value: Any) -> str:
    names = {bool: "a boolean", str: "a string", int: "an integer", float: "a float", list: "an array",
             dict: "a table"}
    return names.get(type(value), f"a {type(value).__name__}")


def _read(path: Path) -> dict:
    try:  # imported here: a run that finds no configuration file does not need it
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:  # its message ends "(at line 3, column 9)"
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8: {exc.reason} at byte {exc.start}") from None
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise ConfigError(f"{path}: not valid TOML: nested too deeply") from None
    except ValueError as exc:  # an integer longer than Python reads (4,300 digits)
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def effective(settings: Settings, only_set: bool = False) -> dict:
    """For `loclint config`: every setting that applies by its configuration key (the [csv] keys
    nested), from the file or the default; with ``only_set``, those the file sets."""
    shown: dict[str, Any] = {}
    for key, option in config_options().items():
        if only_set and not given(value_in(settings, option)):
            continue
        value = resolve(option.name, None, settings)
        if option.kind == "table":
            value = dict(value)  # csv.map resolves to (column, field) pairs
        elif isinstance(value, tuple):
            value = [str(v) for v in value]
        elif isinstance(value, Path):
            value = str(value)
        section, _, name = key.rpartition(".")
        (shown.setdefault(section, {}) if section else shown)[name] = value
    return shown
