"""From command-line flags and configuration files to a run: which linter, market and reading
each file gets, which findings a per-file ignore or the baseline hides, and the run's own
settings (fail-on, format, jobs, baseline).

Precedence, as in ruff: a flag beats the configuration file, and for each file the closest
configuration file wins (or the one `--config` names, for every file). Run-level settings come
from the configuration found from the working directory.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Optional

from .config import ConfigError, Settings, discover, load
from .engine import Linter
from .model import Finding
from .readers.options import ReadOptions
from .readers.registry import REGISTRY
from .readers.translation.locales import markets_of
from .run import FilePlan
from .selector import Selector, SelectorError, parse_all

DEFAULTS = {"fail_on": "warning", "output_format": "full", "channel": "marketplace",
            "language_detector": "py3langid"}


class UnknownMarket(ValueError):
    """--market names a market the rulesets do not have."""


@dataclass(frozen=True)
class Flags:
    """What the command line said; None or empty means "not given"."""

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
    reader_options: tuple[tuple[str, Any], ...] = ()  # given reader flags by key (csv_preset): readers.optionspec
    exclude: tuple[str, ...] = ()
    config: Optional[str] = None
    baseline: Optional[str] = None


@dataclass
class Session:
    flags: Flags
    _settings: dict = field(default_factory=dict)  # config path (or None) -> Settings
    _linters: dict = field(default_factory=dict)
    _rulebooks: dict = field(default_factory=dict)
    _ignored: dict = field(default_factory=dict)  # file path -> its per-file ignores

    def __post_init__(self):
        self.explicit = load(Path(self.flags.config)) if self.flags.config else None
        self.run_settings = self.explicit or self._settings_at(Path.cwd())

    # run-level settings
    def setting(self, name: str):
        value = getattr(self.flags, name, None)
        if value is None:
            value = getattr(self.run_settings, name, None)
        return DEFAULTS.get(name) if value is None else value

    @property
    def baseline_path(self) -> Optional[str]:
        if self.flags.baseline:
            return self.flags.baseline
        return str(self.run_settings.baseline) if self.run_settings.baseline else None

    @property
    def read_options(self) -> ReadOptions:
        """How the directory walk reads (excludes) and the flags' CSV choices."""
        return self._options(self.run_settings)

    # per-file
    def settings_for(self, path: str) -> Settings:
        return self.explicit or self._settings_at(Path(path))

    def plan(self, path: str) -> FilePlan:
        settings = self.settings_for(path)
        linter = self.linter_for(settings)
        # Translation files name a language; the markets speaking it are those of this file's rulesets.
        options = replace(self._options(settings), markets=tuple(markets_of(linter.rulebook).items()))
        return FilePlan(linter, self.flags.market or settings.market, self.flags.locale or settings.locale, options)

    def linter_for(self, settings: Settings) -> Linter:
        linter = self._linters.get(settings.path)
        if linter is None:
            linter = self._linters[settings.path] = self._build(settings)
        return linter

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
        market = self.flags.market or settings.market
        if market and market.upper() not in rulebook.markets:
            known = ", ".join(sorted(rulebook.markets))
            if self.flags.market:
                raise UnknownMarket(f"unknown market {market!r} (known: {known})")
            raise ConfigError(f"{settings.path}: key 'market': unknown market {market!r} (known: {known})")
        select = _selectors(self.flags.select, "--select") or _selectors(settings.select, _origin(settings, "select"))
        extend = _selectors(settings.extend_select, _origin(settings, "extend-select"))
        if select:  # without a select every rule is on: nothing to extend
            select += extend
        ignore = _selectors(self.flags.ignore, "--ignore") or _selectors(settings.ignore, _origin(settings, "ignore"))
        try:
            linter = Linter(
                rulebook, day=self.flags.day,
                detector_name=self.flags.language_detector or settings.language_detector or DEFAULTS["language_detector"],
                select=select, ignore=ignore,
                channel=self.flags.channel or settings.channel or DEFAULTS["channel"],
                severity=settings.severity,
            )
            linter.covered(extend, "")  # named rules must exist, even where they change nothing
            for pattern, selectors in settings.per_file_ignores.items():
                linter.covered(selectors, _origin(settings, "per-file-ignores") + f" {pattern!r}")
        except SelectorError as exc:
            raise ConfigError(str(exc)) from None
        return linter

    def _options(self, settings: Settings) -> ReadOptions:
        formats = REGISTRY.reader_options(flags=dict(self.flags.reader_options), config=settings.reader_options)
        return ReadOptions(exclude=self.flags.exclude, formats=formats)

    def _settings_at(self, start: Path) -> Settings:
        folder = start if start.is_dir() else start.parent
        found = discover(folder) if folder.exists() else None
        if found not in self._settings:
            self._settings[found] = load(found) if found else Settings()
        return self._settings[found]


def _selectors(texts, origin: str) -> tuple[Selector, ...]:
    try:
        return parse_all(texts, origin)
    except SelectorError as exc:
        raise ConfigError(str(exc)) from None


def _origin(settings: Settings, key: str) -> str:
    """Where a setting's selectors were written, for error messages."""
    return f"{settings.path or 'configuration'}: key '{key}'"

