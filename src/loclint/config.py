"""Settings from `loclint.toml`, `.loclint.toml` or `[tool.loclint]` in `pyproject.toml`.

Discovery walks from a linted file's directory upwards and takes the closest file that has
loclint settings (a `pyproject.toml` without `[tool.loclint]` does not count), as ruff does.
`--config FILE` replaces discovery; command-line flags beat any file. Every key is checked: a
wrong one is an error naming the file and the key, never silently ignored.
"""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Optional

from .selector import SelectorError, parse_all

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

CONFIG_NAMES = ("loclint.toml", ".loclint.toml", "pyproject.toml")
SEVERITIES = ("error", "warning", "info")
FAIL_ON = ("error", "warning", "info", "never")


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Settings:
    """Resolved settings. ``None`` means "not set here": a flag or the built-in default decides."""

    path: Optional[Path] = None  # the file they came from
    market: Optional[str] = None
    locale: Optional[str] = None
    channel: Optional[str] = None
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
    reader_options: dict = field(default_factory=dict)  # reader name -> its table ([csv] preset, map …)
    baseline: Optional[Path] = None

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def ignored_for(self, file_path: str) -> tuple[str, ...]:
        """Codes (or prefixes, names, tags) that per-file-ignores switch off for one file."""
        if not self.per_file_ignores:
            return ()
        relative = os.path.relpath(os.path.abspath(file_path), self.root).replace(os.sep, "/")
        return tuple(code for pattern, codes in self.per_file_ignores.items()
                     if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(os.path.basename(file_path), pattern)
                     for code in codes)

    def as_dict(self) -> dict:
        """For `loclint config`: every setting, paths as strings."""
        out = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if name == "reader_options":  # each reader's table under its own name, as in the file
                from .readers.registry import REGISTRY

                out.update({section: value.get(section, {}) for section in REGISTRY.option_sections()})
                continue
            if isinstance(value, Path):
                value = str(value)
            elif isinstance(value, tuple):
                value = [str(v) for v in value]
            out[name.replace("_", "-")] = value
        return out


def discover(start: Path) -> Optional[Path]:
    """The closest config file at or above ``start`` (a file or a directory)."""
    directory = start if start.is_dir() else start.parent
    for folder in [directory.resolve(), *directory.resolve().parents]:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_section(candidate)):
                return candidate
    return None


def load(path: Path) -> Settings:
    table = _read(path)
    if path.name == "pyproject.toml":
        table = table.get("tool", {}).get("loclint", {})
    return _parse(table, path)


def with_overrides(settings: Settings, **flags: Any) -> Settings:
    """Command-line flags beat the file: every flag that was given replaces its setting."""
    given = {k: v for k, v in flags.items() if v not in (None, (), [])}
    return replace(settings, **given)


_KEYS = {
    "market": str, "locale": str, "channel": str, "select": list, "extend-select": list, "ignore": list,
    "severity": dict, "fail-on": str, "format": str, "language-detector": str, "jobs": int,
    "per-file-ignores": dict, "rulesets": list, "baseline": str,
}  # and a table for each reader that has options (readers.registry): [csv]


def _parse(table: dict, path: Path) -> Settings:
    from .readers.registry import REGISTRY

    def bad(key: str, message: str) -> ConfigError:
        return ConfigError(f"{path}: key '{key}': {message}")

    keys = {**_KEYS, **{section: dict for section in REGISTRY.option_sections()}}
    for key, value in table.items():
        if key not in keys:
            known = ", ".join(sorted(keys))
            raise bad(key, f"unknown setting (known: {known})")
        expected = keys[key]
        if not isinstance(value, expected) or isinstance(value, bool):
            raise bad(key, f"expected {expected.__name__}, got {type(value).__name__}")
    for key in ("select", "extend-select", "ignore", "rulesets"):
        if not all(isinstance(v, str) for v in table.get(key, [])):
            raise bad(key, "expected a list of strings")
    severity = {}
    for code, level in table.get("severity", {}).items():
        if level not in SEVERITIES:
            raise bad("severity", f"{code} = {level!r}: expected one of {', '.join(SEVERITIES)}")
        severity[code.upper()] = level
    if table.get("fail-on") is not None and table["fail-on"] not in FAIL_ON:
        raise bad("fail-on", f"expected one of {', '.join(FAIL_ON)}")
    if "jobs" in table and table["jobs"] < 1:
        raise bad("jobs", "expected a number of at least 1")
    def selectors(key: str, texts: list, where: str = "") -> tuple[str, ...]:
        try:
            return tuple(s.key for s in parse_all(texts, ""))
        except SelectorError as exc:
            raise bad(key, where + exc.problem) from None

    ignores = {}
    for pattern, codes in table.get("per-file-ignores", {}).items():
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise bad("per-file-ignores", f"{pattern!r}: expected a list of rule selectors")
        ignores[pattern] = list(selectors("per-file-ignores", codes, f"{pattern!r}: "))
    rulesets = tuple((path.parent / d).resolve() for d in table.get("rulesets", []))
    for directory in rulesets:
        if not directory.is_dir():
            raise bad("rulesets", f"{directory} is not a directory")
    reader_options = {section: table[section] for section in REGISTRY.option_sections() if section in table}
    for section, options in reader_options.items():
        try:
            REGISTRY.check_section(section, options)
        except ValueError as exc:
            raise bad(section, str(exc)) from None
    return Settings(
        path=path,
        market=table.get("market"),
        locale=table.get("locale"),
        channel=table.get("channel"),
        select=selectors("select", table.get("select", [])),
        extend_select=selectors("extend-select", table.get("extend-select", [])),
        ignore=selectors("ignore", table.get("ignore", [])),
        severity=severity,
        fail_on=table.get("fail-on"),
        output_format=table.get("format"),
        language_detector=table.get("language-detector"),
        jobs=table.get("jobs"),
        per_file_ignores=ignores,
        rulesets=rulesets,
        reader_options=reader_options,
        baseline=(path.parent / table["baseline"]) if "baseline" in table else None,
    )


def _read(path: Path) -> dict:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise ConfigError(f"{path}: not valid TOML: nested too deeply") from None
    except ValueError as exc:  # an integer longer than Python reads (4,300 digits)
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def _has_tool_section(path: Path) -> bool:
    try:
        return "loclint" in _read(path).get("tool", {})
    except ConfigError:
        return False


STARTER = """\
# loclint settings (https://github.com/…/loclint). Flags on the command line beat this file.
{market_line}
# Where the listings are sold: "marketplace" applies marketplace policy (MP rules), "own-store" does not.
channel = "marketplace"

# Lowest severity that fails the run: "error", "warning", "info" or "never".
fail-on = "warning"

# Rule selection by rule selectors: a code (DE001), prefix (DE), glob (DE00?), name
# (price-superlative), tag or ALL (README: Rule selectors).
# select = ["DE", "EU", "MET"]
# extend-select = []
ignore = []

# Change a rule's severity for this team:
# [severity]
# MP003 = "warning"

# Switch rules off for some files (file globs relative to this file = rule selectors):
# [per-file-ignores]
# "legacy/*.jsonl" = ["MET001"]

# The team's own rules (YAML, same format as the built-in rulesets); a rule with a built-in
# code replaces the built-in rule.
# rulesets = ["loclint-rules"]

# CSV feeds: a preset (auto, canonical, google, shopify, amazon) and extra column mappings.
# [csv]
# preset = "auto"
# map = {{ "Produktname" = "title" }}

# Fail only on findings that are not in the baseline (loclint check --update-baseline writes it).
# baseline = "loclint-baseline.json"
"""


def starter(markets: list[str]) -> str:
    market_line = (f'# Market for records that name none (ISO 3166 code): {", ".join(markets)} given to `loclint init`.\n'
                   f'market = "{markets[0].upper()}"') if markets else \
        '# Market for records that name none (ISO 3166 code), e.g. "DE".\n# market = "DE"'
    return STARTER.format(market_line=market_line)
