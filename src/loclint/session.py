"""From command-line flags and configuration files to a run: which linter, market and reading
each file gets, which findings a per-file ignore or the baseline hides, and the run's own
settings (fail-on, format, jobs, baseline).

Precedence (options.resolve), as in ruff: a flag beats the configuration file, which beats the
default, and for each file the closest configuration file wins (or the one `--config` names, for
every file). Run-level settings come from the configuration found from the working directory.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .config import ConfigError, Settings, discover, load
from .engine import Linter
from .model import Finding
from .options import resolve
from .readers.options import ReadOptions
from .run import FilePlan


class UnknownMarket(ValueError):
    """--market names a market the rulesets do not have."""


@dataclass(frozen=True)
class Flags:
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
    rulesets_dir: Optional[str] = None
    jobs: Optional[int] = None
    csv_preset: Optional[str] = None
    csv_map: tuple[tuple[str, str], ...] = ()
    exclude: tuple[str, ...] = ()
    config: Optional[str] = None
    baseline: Optional[str] = None


@dataclass
class Session:
    flags: Flags
    _settings: dict = field(default_factory=dict)  # config path (or None) -> Settings
    _linters: dict = field(default_factory=dict)
    _rulebooks: dict = field(default_factory=dict)  # (rulesets directory, team rulesets) -> Rulebook
    _ignored: dict = field(default_factory=dict)  # file path -> its per-file ignores

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
        return FilePlan(self.linter_for(settings), resolve("market", self.flags, settings),
                        resolve("locale", self.flags, settings), self._options(settings))

    def linter_for(self, settings: Settings) -> Linter:
        linter = self._linters.get(settings.path)
        if linter is None:
            linter = self._linters[settings.path] = self._build(settings)
        return linter

    def keep(self, finding: Finding) -> bool:
        """False for findings that this file's per-file ignores switch off."""
        ignored = self._ignored.get(finding.path)
        if ignored is None:  # asked once per finding: look the file's settings up once
            ignored = self._ignored[finding.path] = self.settings_for(finding.path).ignored_for(finding.path)
        return not ignored or not any(_matches(finding, code) for code in ignored)

    def rulebook_for(self, settings: Settings):
        from .ruleset import load_rulebook

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
        select = list(resolve("select", self.flags, settings))
        if select:
            select += list(settings.extend_select)
        return Linter(
            rulebook, day=self.flags.day,
            detector_name=resolve("language_detector", self.flags, settings),
            select=select, ignore=list(resolve("ignore", self.flags, settings)),
            channel=resolve("channel", self.flags, settings),
            severity=settings.severity,
        )

    def _options(self, settings: Settings) -> ReadOptions:
        return ReadOptions(csv_preset=resolve("csv_preset", self.flags, settings),
                           csv_map=resolve("csv_map", self.flags, settings), exclude=self.flags.exclude,
                           csv_delimiter=resolve("csv_delimiter", self.flags, settings))

    def _settings_at(self, start: Path) -> Settings:
        folder = start if start.is_dir() else start.parent
        found = discover(folder) if folder.exists() else None
        if found not in self._settings:
            self._settings[found] = load(found) if found else Settings()
        return self._settings[found]


def _matches(finding: Finding, selector: str) -> bool:
    return finding.rule == selector or finding.rule.startswith(selector) or finding.name.upper() == selector

