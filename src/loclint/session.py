"""From command-line flags and configuration files to a run: which linter, market and reading
each file gets, which findings a per-file ignore or the baseline hides, and the run's own
settings (fail-on, format, jobs, baseline).

Precedence (options.resolve), as in ruff: a flag beats the configuration file, which beats the
default, and for each file the closest configuration file wins (or the one `--config` names, for
every file). Run-level settings come from the configuration found from the working directory.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Optional

import msgspec

from .config import ConfigError, Settings, discover, load
from .engine import Linter
from .model import Finding
from .options import reader_options, resolve
from .readers.options import ReadOptions
from .readers.registry import REGISTRY
from .run import FilePlan, by_path_and_rule
from .selector import ALL, Selector, SelectorError, parse_all


class UnknownMarket(ValueError):
    """--market names a market the rulesets do not have."""


# A Struct, not a dataclass: created in 0.1 M instructions instead of 2-4 M (docs/research/issue17-imports.md)
class Flags(msgspec.Struct, frozen=True):
    """What the command line said (the options with a flag, options.py); None or empty means
    "not given"."""

    market: Optional[str] = None
    locale: Optional[str] = None
    output_format: Optional[str] = None
    fail_on: Optional[str] = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    day: Optional[dt.date] = None
    language_detector: Optional[str] = None
    channel: Optional[str] = None
    offers: Optional[str] = None
    rulesets_dir: Optional[str] = None
    jobs: Optional[int] = None
    reader_options: tuple[tuple[str, Any], ...] = ()  # (option name, value): the readers' flags given (csv_preset)
    exclude: tuple[str, ...] = ()
    config: Optional[str] = None
    baseline: Optional[str] = None
    # how the report is shown (command line only)
    color: Optional[str] = None
    statistics: Optional[bool] = None
    quiet: Optional[bool] = None
    show_fixes: Optional[bool] = None
    output_file: Optional[str] = None
    stdin_filename: Optional[str] = None


@dataclass
class Session:
    flags: Flags
    _settings: dict = field(default_factory=dict)  # config path (or None) -> Settings
    _linters: dict = field(default_factory=dict)
    _rulebooks: dict = field(default_factory=dict)  # (rulesets directory, team rulesets) -> Rulebook
    _ignored: dict = field(default_factory=dict)  # file path -> its per-file ignores
    _matched: dict = field(default_factory=dict)  # config path -> per-file-ignores patterns that matched a file
    until_exit: bool = False  # the process ends with this session (the command line): Linter(until_exit)

    def __post_init__(self):
        self.explicit = load(Path(self.flags.config)) if self.flags.config else None
        self.run_settings = self.explicit or self._settings_at(Path.cwd())

    # run-level settings
    def setting(self, name: str):
        """A run-level setting (options.py names them): flag, else configuration, else default."""
        return resolve(name, self.flags, self.run_settings)

    @property
    def baseline_path(self) -> Optional[str]:
        path = self.setting("baseline")
        return str(path) if path else None

    @property
    def rulebook(self):
        """The rules this run knows: built-in (or --rulesets) plus the configuration's team rulesets."""
        return self.rulebook_for(self.run_settings)

    @property
    def read_options(self) -> ReadOptions:
        """How the directory walk reads (excludes) and the flags' CSV choices."""
        return self._options(self.run_settings)

    # per-file
    def settings_for(self, path: str) -> Settings:
        return self.explicit or self._settings_at(Path(path))

    def plan(self, path: str) -> FilePlan:
        settings = self.settings_for(path)
        self._matched.setdefault(settings.path, set()).update(settings.patterns_matching(path))
        linter = self.linter_for(settings)
        # Translation files name a language; the markets speaking it are those of this file's rulesets.
        options = replace(self._options(settings), markets=tuple(markets_of(linter.rulebook).items()))
        return FilePlan(linter, resolve("market", self.flags, settings), resolve("locale", self.flags, settings),
                        options)

    def linter_for(self, settings: Settings) -> Linter:
        linter = self._linters.get(settings.path)
        if linter is None:
            linter = self._linters[settings.path] = self._build(settings)
        return linter

    def unmatched_per_file_ignores(self) -> list[tuple[Optional[Path], str]]:
        """(config file, pattern) for each per-file-ignores pattern of the configurations this
        run used that matched none of its files: a typo there silently ignores nothing."""
        used = [self.explicit] if self.explicit else self._settings.values()
        return [(settings.path, pattern) for settings in used if settings.path in self._matched
                for pattern in settings.per_file_ignores if pattern not in self._matched[settings.path]]

    @by_path_and_rule
    def keep(self, finding: Finding) -> bool:
        """False for findings that this file's per-file ignores switch off."""
        ignored = self._ignored.get(finding.path)
        if ignored is None:  # asked once per finding: look the file's settings up once
            settings = self.settings_for(finding.path)
            ignored = self._ignored[finding.path] = self.linter_for(settings).covered(
                settings.ignored_for(finding.path), _origin(settings, "per-file-ignores"))
        return finding.rule not in ignored

    def rulebook_for(self, settings: Settings):
        from .rulebook import load_rulebook

        key = (self.flags.rulesets_dir, settings.rulesets)
        rulebook = self._rulebooks.get(key)
        if rulebook is None:
            rulebook = self._rulebooks[key] = load_rulebook(self.flags.rulesets_dir, extra=settings.rulesets)
        return rulebook

    def _build(self, settings: Settings) -> Linter:
        rulebook = self.rulebook_for(settings)
        market = resolve("market", self.flags, settings)
        if market and market.upper() not in rulebook.markets:
            known = ", ".join(sorted(rulebook.markets))
            if self.flags.market:
                raise UnknownMarket(f"unknown market {market!r} (known: {known})")
            raise ConfigError(f"{settings.path}: key 'market': unknown market {market!r} (known: {known})")
        select = _selectors(self.flags.select, "--select") or _selectors(settings.select, _origin(settings, "select"))
        extend = _selectors(settings.extend_select, _origin(settings, "extend-select"))
        if extend:  # without a select every rule is on: extending names off-by-default rules
            select = (select or (Selector.parse(ALL, _origin(settings, "extend-select")),)) + extend
        ignore = _selectors(self.flags.ignore, "--ignore") or _selectors(settings.ignore, _origin(settings, "ignore"))
        try:
            linter = Linter(
                rulebook, day=self.flags.day,
                detector_name=resolve("language_detector", self.flags, settings),
                select=select, ignore=ignore,
                channel=resolve("channel", self.flags, settings),
                offers=resolve("offers", self.flags, settings),
                severity=settings.severity,
                until_exit=self.until_exit,
            )
            linter.covered(extend, "")  # named rules must exist, even where they change nothing
            for pattern, selectors in settings.per_file_ignores.items():
                linter.covered(selectors, _origin(settings, "per-file-ignores") + f" {pattern!r}")
        except SelectorError as exc:
            raise ConfigError(str(exc)) from None
        return linter

    def _options(self, settings: Settings) -> ReadOptions:
        values = {option.name: resolve(option.name, self.flags, settings) for option in reader_options()}
        # The configuration's exclude patterns add to --exclude; the baseline is never a listing.
        return ReadOptions(exclude=(*settings.exclude, *self.flags.exclude), formats=REGISTRY.reader_options(values),
                           own_files=(self.baseline_path,) if self.baseline_path else ())

    def _settings_at(self, start: Path) -> Settings:
        folder = start if start.is_dir() else start.parent
        found = discover(folder) if folder.exists() else None
        if found not in self._settings:
            self._settings[found] = load(found) if found else Settings()
        return self._settings[found]


def markets_of(rulebook) -> dict[str, tuple[str, ...]]:
    """Market code → languages, from a loaded rulebook (ruleset.Rulebook). Here, not beside the
    translation readers that use it: importing their locales module cost every run 1.7 ms."""
    return {code: tuple(config.languages) for code, config in rulebook.markets.items()}


def _selectors(texts, origin: str) -> tuple[Selector, ...]:
    try:
        return parse_all(texts, origin)
    except SelectorError as exc:
        raise ConfigError(str(exc)) from None


def _origin(settings: Settings, key: str) -> str:
    """Where a setting's selectors were written, for error messages."""
    return f"{settings.path or 'configuration'}: key '{key}'"

