"""Every setting loclint has, declared once: name, type, default, allowed values, doc, command-line
flag and configuration key (ruff's `#[option(...)]`, sqlfluff's default_config.cfg).

The command line (cli.py generates its click options from the table), configuration files
(config.py validates them against it), the Python API's keyword defaults, `loclint init`'s starter
configuration, `loclint config` and the JSON Schema of loclint.toml (schema.py) all derive from
this table, so a default or an allowed value cannot differ between them. `resolve()` is the one
place that says which value wins: a flag, else the configuration file, else the default.

The readers' own options (CSV's preset, map, delimiter) are not listed here: each reader declares
them on its options dataclass (readers.optionspec) and the table takes them from the reader
registry, as `csv_preset` with the key `csv.preset` and the flag `--csv-preset`. A new format's
options need no change here.
"""
from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Callable, Optional

import msgspec

from .engine import CHANNELS, OFFERS
from .readers.optionspec import OptionSpec
from .readers.registry import REGISTRY
from .text.language import DETECTORS

SEVERITIES = ("error", "warning", "info")
FAIL_ON = (*SEVERITIES, "never")
COLOR = ("auto", "always", "never")


def output_formats() -> tuple[str, ...]:
    from .reporters import REPORTERS

    return tuple(sorted(REPORTERS))


def environment_format() -> str:
    from .reporters import default_format

    return default_format()


def cores() -> int:
    return os.cpu_count() or 1


def file_name(value: str) -> str:
    if not value.strip():
        raise ValueError("expected a file name, got an empty string")
    return value


# A Struct, not a dataclass: created in 0.1 M instructions instead of 2-4 M (docs/research/issue17-imports.md)
class Option(msgspec.Struct, frozen=True):
    """One setting. ``kind`` is its TOML/JSON type: string, integer, array (of strings) or table;
    or boolean, for a command-line switch that no configuration file sets."""

    name: str  # the Python name: Flags and Settings attribute, API keyword
    kind: str
    doc: str
    default: Any = None
    key: Optional[str] = None  # in loclint.toml; "csv.preset" is `preset` in the [csv] table
    flags: tuple[str, ...] = ()  # on `loclint check`; the first one is the long form
    choices: Optional[Callable[[], tuple[str, ...]]] = None  # allowed values (of a table's values)
    minimum: Optional[int] = None
    default_doc: Optional[str] = None  # when the default depends on the environment
    example: Any = None  # for the starter configuration, when the default says nothing
    starter: bool = False  # written uncommented in the starter configuration
    metavar: Optional[str] = None
    check: Optional[Callable[[str], str]] = None  # a string's (or a table's string values') own check
    items: str = "string"  # a table's values: string or array
    default_from: Optional[Callable[[], Any]] = None  # the default, when the environment decides it
    adds: bool = False  # the flag adds to the configured value (later entries win) instead of replacing it
    reader: Optional[str] = None  # the reader whose option this is; its value travels in reader_options
    convert: Optional[Callable[[Any], Any]] = None  # the checked configuration value to the one the run uses
    from_flag: Optional[Callable[[str], Any]] = None  # one flag value (text) to the value; ValueError if bad

    def default_value(self) -> Any:
        return self.default_from() if self.default_from else self.default

    @property
    def allowed(self) -> tuple[str, ...]:
        return self.choices() if self.choices else ()

    @property
    def shown_default(self) -> str:
        return self.default_doc or str(self.default)

    @property
    def help(self) -> str:
        """The command-line help: the doc and the default, if it says anything."""
        if not self.default_doc and not given(self.default):
            return f"{self.doc}."
        return f"{self.doc} (default: {self.shown_default})."


def _fixed(*values: str) -> Callable[[], tuple[str, ...]]:
    return lambda: values


_SETTINGS = (
    Option("market", "string", "ISO 3166 country code for records that name none (e.g. DE)",
           key="market", flags=("--market",), example="DE"),
    Option("locale", "string", "BCP 47 locale for records that name none (e.g. de-DE)",
           key="locale", flags=("--locale",), example="de-DE"),
    Option("channel", "string", "Where the listings are sold; marketplace policy rules (MP) apply only on a "
           "marketplace, not in an own store", default="marketplace", key="channel", flags=("--channel",),
           choices=_fixed(*CHANNELS), starter=True),
    Option("offers", "string", "Which records are offers for sale, for the rules about what an offer must disclose "
           "(scope: offer): priced (a record with a price) or all (the feed is complete, every record is an offer)",
           default=OFFERS[0], key="offers", flags=("--offers",), choices=_fixed(*OFFERS)),
    Option("fail_on", "string", "Lowest severity that makes the exit code 1", default="warning",
           key="fail-on", flags=("--fail-on",), choices=_fixed(*FAIL_ON), starter=True),
    Option("select", "array", "Only these rules: rule selectors (DE001, DE, DE00?, a name, a tag, ALL; "
           "README: Rule selectors)", default=(), key="select", flags=("--select",), example=["DE", "EU", "MET"]),
    Option("extend_select", "array", "Rules added to `select`", default=(), key="extend-select",
           example=["LOC001"]),
    Option("ignore", "array", "Skip these rules: rule selectors (README: Rule selectors); ignoring beats "
           "selecting", default=(), key="ignore", flags=("--ignore",), starter=True),
    Option("output_format", "string", "Output format", default="full", key="format", flags=("--format",),
           choices=output_formats, default_from=environment_format,
           default_doc="full; github when GITHUB_ACTIONS=true"),
    Option("language_detector", "string", "Language guesser for language rules", default=DETECTORS[0],
           key="language-detector", flags=("--language-detector",), choices=_fixed(*DETECTORS)),
    Option("jobs", "integer", "Worker processes for large inputs; the output order is the same",
           key="jobs", flags=("--jobs", "-j"), minimum=1, default_from=cores, default_doc="the number of cores",
           example=2),
    Option("rulesets", "array", "The team's own ruleset directories (YAML rules, relative to this file): "
           "added in every market, a rule with a built-in code replaces it", default=(), key="rulesets",
           example=["loclint-rules"]),
    Option("baseline", "string", "Report only findings not in this baseline file (written on the first run; "
           "in a configuration file, relative to it)", key="baseline", flags=("--baseline",),
           check=file_name, example="loclint-baseline.json"),
    Option("exclude", "array", "Skip files and directories matching this gitignore-style pattern when walking "
           "a directory (.gitignore files are honoured too; relative to the directory walked); the "
           "configuration's patterns and --exclude add up", default=(), key="exclude", flags=("--exclude",),
           metavar="PATTERN", example=["drafts/", "*.bak.csv"]),
    Option("severity", "table", "The team's severity for a rule: rule code = level", default={},
           key="severity", choices=_fixed(*SEVERITIES), example={"MP003": "warning"}),
    Option("per_file_ignores", "table", "Rules switched off for some files: glob (relative to this file) = "
           "list of rule selectors", default={}, key="per-file-ignores", items="array",
           example={"legacy/*.jsonl": ["MET001"]}),
)
_COMMAND_LINE_ONLY = (
    Option("day", "string", "Lint as of this date (YYYY-MM-DD), for date-aware rules", flags=("--date",),
           default_doc="today"),
    Option("rulesets_dir", "string", "Use this rulesets directory instead of the built-in one",
           flags=("--rulesets",)),
    Option("config", "string", "Use this configuration file for every file (instead of loclint.toml, "
           ".loclint.toml or [tool.loclint] found from each file upwards)", flags=("--config",)),
    # How this run shows its report: a choice of the person or script running it, not of the
    # project, so none of them is a configuration key (ruff's --statistics and --quiet are not either).
    Option("color", "string", "Colours in the human formats: auto (on a terminal, unless NO_COLOR is set), "
           "always or never", default="auto", flags=("--color",), choices=_fixed(*COLOR)),
    Option("statistics", "boolean", "Print, instead of the findings, how many each rule has (and how many "
           "--fix would take), most frequent first", flags=("--statistics",)),
    Option("quiet", "boolean", "Print the findings only: no closing counts, progress or notices (errors "
           "are still shown)", flags=("--quiet", "-q")),
    Option("show_fixes", "boolean", "After the report (full, concise), list per file and rule the fixes "
           "--fix would apply", flags=("--show-fixes",)),
    Option("output_file", "string", "Write the report to this file (replaced whole at the end) instead of "
           "stdout; notices stay on stderr", flags=("--output-file", "-o"), metavar="FILE"),
    Option("stdin_filename", "string", "With the path -, the name of the file standard input stands for: "
           "its suffix gives the format, its folders the market and configuration, and findings name it",
           flags=("--stdin-filename",), metavar="PATH"),
)


def all_options() -> Mapping[str, Option]:
    """Every option by name: the settings, the registered readers' options, the command line's own."""
    return _table(REGISTRY.readers)


def config_options() -> Mapping[str, Option]:
    """The options a configuration file may set, by key (``csv.preset``)."""
    return MappingProxyType({option.key: option for option in all_options().values() if option.key})


def reader_options() -> list[Option]:
    return [option for option in all_options().values() if option.reader]


@functools.lru_cache(maxsize=8)
def _table(readers: tuple) -> Mapping[str, Option]:
    """``readers`` (REGISTRY.readers) is the cache key: a reader registered later gets a new table."""
    options = (*_SETTINGS, *map(_reader_option, REGISTRY.option_specs()), *_COMMAND_LINE_ONLY)
    return MappingProxyType({option.name: option for option in options})


def _reader_option(spec: OptionSpec) -> Option:
    """A reader's declared option (readers.optionspec) as an entry of the table."""
    return Option(
        spec.key, spec.kind, spec.help, default=spec.default, key=f"{spec.section}.{spec.name}",
        flags=(spec.flag_name,) if spec.flag else (), choices=_fixed(*spec.choices) if spec.choices else None,
        default_doc=spec.default_doc, example=spec.example, metavar=spec.metavar, adds=spec.repeatable,
        reader=spec.section, convert=spec.from_config, from_flag=spec.from_flag)


def default(name: str) -> Any:
    """The built-in default, as the API's keyword defaults and the starter configuration state it."""
    return all_options()[name].default


def given(value: Any) -> bool:
    return value not in (None, (), [], {})


def resolve(name: str, flags: Any, settings: Any) -> Any:
    """The value that applies: the flag if given, else the configuration file's, else the default.
    An option that ``adds`` gets the file's (key, value) pairs followed by the flag's.
    ``flags`` and ``settings`` are anything with the option's name as an attribute (or lacking it);
    a reader's option is looked up by name in their ``reader_options``."""
    option = all_options()[name]
    flag, configured = value_in(flags, option), value_in(settings, option)
    if option.adds:  # a table given as (key, value) pairs
        return _pairs(configured) + _pairs(flag)
    if given(flag):
        return flag
    return configured if given(configured) else option.default_value()


def value_in(source: Any, option: Option) -> Any:
    """The option's value in Flags or Settings (None or empty: not given there)."""
    if option.reader:  # Flags and Settings keep all readers' options in one field, by option name
        return dict(getattr(source, "reader_options", None) or ()).get(option.name)
    return getattr(source, option.name, None)


def _pairs(value: Any) -> tuple:
    return tuple(value.items()) if isinstance(value, Mapping) else tuple(value or ())
