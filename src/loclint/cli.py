"""Command line: flags -> Linter -> run -> reporter -> exit code. Kept thin on purpose.

Exit codes: 0 nothing reaches --fail-on; 1 findings that do, or unreadable records;
2 usage, configuration or ruleset errors, unreadable files, internal errors.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import sys
import threading

import click

from . import __version__
from .model import Severity
from .options import Option, all_options, reader_options
from .readers.registry import REGISTRY
from .reporters.escapes import encodable_json, one_line


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


# How the command line reads an option's value, where click's own types do not say it all
# (a reader's option says it itself: Option.from_flag).
_PARSE = {"select": _split, "ignore": _split}
_PATHS = {"config": click.Path(dir_okay=False), "baseline": click.Path(dir_okay=False),
          "rulesets_dir": click.Path(file_okay=False)}


def _click_option(option: Option):
    """The click option of a setting, from the table of options: flag, help, allowed values."""
    kwargs: dict = {"help": option.help, "default": None, "metavar": option.metavar}
    if option.allowed:
        kwargs["type"] = click.Choice(option.allowed)
    elif option.kind == "integer":
        kwargs["type"] = click.IntRange(min=option.minimum)
    elif option.name in _PATHS:
        kwargs["type"] = _PATHS[option.name]
    if option.kind in ("array", "table"):
        kwargs["multiple"] = True
        kwargs["help"] = option.help + (" Comma-separated; repeatable." if option.name in ("select", "ignore")
                                         else " Repeatable.")
    if option.name in _PARSE:
        parse = _PARSE[option.name]
        kwargs["callback"] = lambda ctx, param, value: tuple(parse(value))
    elif option.from_flag:
        kwargs["callback"] = _parsed_with(option)
    return click.option(*option.flags, option.name, **kwargs)


def _parsed_with(option: Option):
    def parse(ctx, param, value):
        try:
            if param.multiple:
                return tuple(option.from_flag(v) for v in value)
            return None if value is None else option.from_flag(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint=option.flags[0])
    return parse


def settings_options(*names: str):
    """Decorate a command with the click options of these settings, in this order."""
    def decorate(command):
        for name in reversed(names):
            command = _click_option(all_options()[name])(command)
        return command
    return decorate


def reader_flags(command):
    """The readers' own flags (--csv-preset, --csv-map …): every reader option with a flag."""
    return settings_options(*(option.name for option in reader_options() if option.flags))(command)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="loclint")
def main() -> None:
    """loclint: catch copy that is fine at home and wrong abroad, before it is published."""


@main.command(help="Lint listing files and directories (" + " ".join(REGISTRY.suffixes()) + ").")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@settings_options("market", "locale", "output_format", "fail_on", "select", "ignore", "day", "language_detector",
                  "channel", "rulesets_dir", "jobs")
@click.option("--no-cache", is_flag=True, help="Do not read or write the results of unchanged files.")
@reader_flags
@settings_options("exclude")
@click.option("-v", "--verbose", is_flag=True, help="List the files a directory walk skipped, and why (on stderr).")
@settings_options("config")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files, then report what is left.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply fixes that change the claim.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff and write nothing.")
@settings_options("baseline")
@click.option("--update-baseline", is_flag=True, help="Write today's findings to the baseline file and exit.")
def check(paths, market, locale, output_format, fail_on, select, ignore, day, language_detector, channel,
          rulesets_dir, jobs, no_cache, exclude, verbose, config, fix, unsafe_fixes,
          diff, baseline, update_baseline, **reader_values):
    try:
        when = dt.date.fromisoformat(day) if day else None
    except ValueError:
        raise click.BadParameter(f"{day!r} is not a date like 2026-09-27", param_hint="--date")
    with _friendly_errors():
        from .session import Flags, Session

        session = Session(Flags(
            market=market, locale=locale, output_format=output_format, fail_on=fail_on, select=select,
            ignore=ignore, day=when, language_detector=language_detector, channel=channel,
            rulesets_dir=rulesets_dir, jobs=jobs, reader_options=_given(reader_values), exclude=exclude,
            config=config, baseline=baseline))
        if market:  # a bad --market is a usage error before anything runs
            from .session import UnknownMarket

            try:
                session.linter_for(session.run_settings)
            except UnknownMarket as exc:
                raise click.BadParameter(str(exc), param_hint="--market")
        if diff:
            sys.exit(_show_diff(session, paths, unsafe_fixes))
        if fix:
            _fix(session, paths, unsafe_fixes)
        result = _lint(session, paths, no_cache, update_baseline)
    _report_skipped(result.skipped, verbose)
    for config_file, pattern in session.unmatched_per_file_ignores():
        _notice(f"loclint: {config_file}: per-file-ignores pattern {pattern!r} matched no file of this run")
    if result.unreadable_files:
        sys.exit(2)
    fail_on = session.setting("fail_on")
    failing = fail_on != "never" and result.worst is not None and result.worst >= Severity.parse(fail_on)
    sys.exit(1 if (failing or result.summary.errors) and not update_baseline else 0)


def _lint(session, paths, no_cache: bool, update_baseline: bool):
    from .baseline import Baseline, write
    from .results_cache import ResultCache
    from .run import lint_paths

    cache = None if no_cache else ResultCache()
    baseline_path = session.baseline_path
    if update_baseline and not baseline_path:
        raise click.UsageError("--update-baseline needs --baseline FILE (or `baseline` in the configuration)")
    if baseline_path and (update_baseline or not os.path.exists(baseline_path)):
        recorded: list = []
        keep = lambda f: session.keep(f) and (recorded.append(f) or True)  # noqa: E731
        reporter, progress = _output(session)
        result = lint_paths(session.plan, paths, reporter,
                            jobs=session.setting("jobs"), cache=cache,
                            read_options=session.read_options, keep=keep, progress=progress)
        count = write(baseline_path, recorded)
        _notice(f"loclint: baseline {baseline_path}: {count} finding(s) recorded; later runs report only new ones")
        return result
    aliases = session.rulebook_for(session.run_settings).aliases() if baseline_path else None
    known = Baseline.load(baseline_path, aliases) if baseline_path else None
    keep = session.keep if known is None else (lambda f: session.keep(f) and not known.known(f))
    reporter, progress = _output(session)
    result = lint_paths(session.plan, paths, reporter,
                        jobs=session.setting("jobs"), cache=cache,
                        read_options=session.read_options, keep=keep, progress=progress)
    if known is not None and known.matched:
        _notice(f"loclint: {known.matched} finding(s) in the baseline {baseline_path} not shown")
    return result


def _output(session):
    """The reporter for the format asked for (flag, then configuration, then reporters.default_format)
    and, for a person at a terminal, a progress line (progress.py) that clears itself around it."""
    from .progress import Progress, wanted
    from .reporters import make

    name = session.setting("output_format")
    reporter = make(name, rulebook=session.rulebook if name == "sarif" else None)
    if not wanted(name, sys.stdout, sys.stderr):
        return reporter, None
    progress = Progress()
    return progress.wrap(reporter), progress


def _fixes(session, paths, unsafe: bool, write: bool):
    from .readers import expand_paths
    from .writeback import fix_file

    with _sigterm_unwinds():
        for path in expand_paths(paths, session.read_options):
            if isinstance(path, str):
                plan = session.plan(path)
                yield fix_file(plan.linter, path, market=plan.market, locale=plan.locale, unsafe=unsafe,
                               write=write, options=plan.options)


@contextlib.contextmanager
def _sigterm_unwinds():
    """SIGTERM unwinds like Ctrl-C, so that --fix removes its working copy before the process ends."""
    if threading.current_thread() is not threading.main_thread():  # signals go to the main thread only
        yield
        return

    def unwind(signum, frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, unwind)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _fix(session, paths, unsafe: bool) -> None:
    total = 0
    for result in _fixes(session, paths, unsafe, write=True):
        if result.error:
            _notice(f"loclint: {result.path}: fixes not written: {result.error}")
            continue
        if not result.converged:
            _notice(f"loclint: {result.path}: fixes did not settle after {result.rounds} rounds; "
                    "check the file and run again")
        for refusal in result.refused:
            _notice(f"loclint: {result.path}:{refusal}")
        if result.applied:
            total += result.applied
            _notice(f"loclint: {result.path}: fixed {result.applied} finding(s)")
    click.echo(f"loclint: fixed {total} finding(s)" + ("" if unsafe else " (safe fixes; --unsafe-fixes for more)"),
               err=True)


def _show_diff(session, paths, unsafe: bool) -> int:
    """Exit code: 1 when there is something to fix, as ruff does."""
    from .writeback import unified_diff

    changed = False
    for result in _fixes(session, paths, unsafe, write=False):
        if result.error:
            _notice(f"loclint: {result.path}: fixes not shown: {result.error}")
        elif result.changed:
            changed = True
            click.echo(unified_diff(result), nl=False)
    return 1 if changed else 0


def _given(reader_values: dict) -> tuple:
    """The reader flags given, as (option name, value) pairs (Flags.reader_options)."""
    return tuple((name, value) for name, value in reader_values.items() if value not in (None, ()))


def _notice(message: str) -> None:
    """A line on stderr. Paths and messages in it come from the input, so control characters and
    line breaks are shown escaped (reporters/escapes.py), as the human formats show them."""
    click.echo(one_line(message), err=True)


def _report_skipped(skipped: list, verbose: bool) -> None:
    """On stderr, so that machine formats on stdout stay valid."""
    if not skipped:
        return
    from .readers.discovery import summarize

    if verbose:
        for item in skipped:
            _notice(f"loclint: skipped {item.path} ({item.reason})")
    click.echo(f"loclint: {summarize(skipped)}" + ("" if verbose else " (-v lists them)"), err=True)


class _friendly_errors:
    """Turn ruleset and internal errors into one-line messages and exit code 2."""

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if exc is None or isinstance(exc, (click.exceptions.ClickException, click.exceptions.Exit, SystemExit)):
            return False
        from .ruleset import RulesetError

        from .baseline import BaselineError
        from .config import ConfigError

        if isinstance(exc, RulesetError):
            click.echo("loclint: ruleset error:\n  " + "\n  ".join(map(one_line, exc.problems)), err=True)
        elif isinstance(exc, ConfigError) and len(exc.problems) > 1:
            click.echo("loclint: configuration error:\n  " + "\n  ".join(map(one_line, exc.problems)), err=True)
        elif isinstance(exc, (ConfigError, BaselineError)):
            _notice(f"loclint: configuration error: {exc}")
        elif isinstance(exc, KeyboardInterrupt):
            click.echo("loclint: interrupted", err=True)
        elif isinstance(exc, BrokenPipeError):
            sys.stderr.close()
        else:
            if os.environ.get("LOCLINT_DEBUG"):
                return False
            _notice(f"loclint: internal error: {type(exc).__name__}: {exc} "
                    "(set LOCLINT_DEBUG=1 for the traceback, and please report it)")
        sys.exit(2)


@main.command("config")
@click.argument("path", required=False, default=".", type=click.Path())
@settings_options("config")
def show_config(path, config):
    """Print the settings that apply to PATH (a file or directory; default: here) and where they come from."""
    with _friendly_errors():
        import json as _json

        from .config import effective
        from .session import Flags, Session

        settings = Session(Flags(config=config)).settings_for(path)
        if settings.path:
            configured = ", ".join(effective(settings, only_set=True)) or "nothing"
            click.echo(one_line(f"# {settings.path} (sets {configured}; the rest are defaults)"))
        else:
            click.echo("# no configuration file found: built-in defaults")
        click.echo(encodable_json(_json.dumps(effective(settings), indent=2, ensure_ascii=False)))


@main.command("init")
@click.option("--market", "markets", multiple=True, help="Market(s) the listings are for (e.g. DE); repeatable.")
@click.option("--output", default="loclint.toml", show_default=True, type=click.Path(dir_okay=False),
              help="Where to write the starter configuration.")
def init(markets, output):
    """Write a commented starter configuration."""
    with _friendly_errors():
        from pathlib import Path

        from .config import load
        from .starter import starter

        if os.path.exists(output):
            raise click.UsageError(f"{output} exists; remove it first or choose --output")
        with open(output, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(starter([m.upper() for m in _split(markets)]))
        load(Path(output))  # the starter must be a valid configuration
        click.echo(one_line(f"wrote {output}"))


@main.command("clean")
def clean_cache():
    """Remove loclint's caches (results of unchanged files, expanded trigger forms, the language
    model) from its cache directory; files loclint did not write stay."""
    from .cachedir import NotLoclintsCache, clean, default_directory

    try:
        cleaned = clean(default_directory())
    except (NotLoclintsCache, OSError) as exc:
        detail = exc if isinstance(exc, NotLoclintsCache) else f"cannot clean {default_directory()}: {exc}"
        click.echo(f"loclint: {detail}", err=True)
        sys.exit(2)
    click.echo(f"removed {cleaned.removed} cache file(s) from {cleaned.directory}")
    if cleaned.kept:
        click.echo(f"kept what loclint did not write: {', '.join(cleaned.kept)}")


def _rulebook(rulesets_dir, config):
    """The rules `check` would know here: the same configuration discovery, --config and --rulesets,
    so that a team's rulesets are listed too."""
    from .session import Flags, Session

    return Session(Flags(rulesets_dir=rulesets_dir, config=config)).rulebook


@main.command("rules")
@click.option("--market", help="Only the rules that apply in this market, with where each comes from.")
@settings_options("rulesets_dir", "config")
def list_rules(market, rulesets_dir, config):
    """List rules: code, severity, name, source."""
    with _friendly_errors():
        rulebook = _rulebook(rulesets_dir, config)
        if market:
            if market.upper() not in rulebook.markets:
                raise click.BadParameter(f"unknown market {market!r} (known: {', '.join(sorted(rulebook.markets))})",
                                         param_hint="--market")
            shown = rulebook.market(market)
            click.echo(f"{shown.code} {shown.name} ({shown.locale}, {shown.currency}): "
                       f"rulesets {' → '.join(shown.rulesets)} (later ones override earlier codes)")
            rules = rulebook.rules_for(market)
        else:
            rules = rulebook.all_rules()
        for rule in rules:
            click.echo(f"{rule.code:7} {str(rule.severity):8} {rule.ruleset:12} {rule.name:40} {rule.source.title[:70]}")
        click.echo(f"{len(rules)} rule(s)")


@main.command("rule")
@click.argument("code")
@settings_options("rulesets_dir", "config")
def show_rule(code, rulesets_dir, config):
    """Show one rule's page: what it flags, why, source, examples, fix safety."""
    with _friendly_errors():
        from .docs import rule_page

        rulebook = _rulebook(rulesets_dir, config)
        rule = rulebook.find(code)
        if rule is None:
            raise click.BadParameter(f"no rule {code!r}; `loclint rules` lists them", param_hint="CODE")
        click.echo(rule_page(rulebook, rule), nl=False)
