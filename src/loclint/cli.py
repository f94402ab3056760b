"""Command line: flags -> Linter -> run -> reporter -> exit code. Kept thin on purpose.

Exit codes: 0 nothing reaches --fail-on; 1 findings that do, or unreadable records;
2 usage, configuration or ruleset errors, unreadable files, internal errors.
"""
from __future__ import annotations

import datetime as dt
import os
import sys

import click

from . import __version__
from .model import Severity
from .readers.csvmap import PRESET_CHOICES, check_target
from .reporters import REPORTERS
from .engine import CHANNELS
from .text.language import DETECTORS

FAIL_ON = ("error", "warning", "info", "never")


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="loclint")
def main() -> None:
    """loclint: catch copy that is fine at home and wrong abroad, before it is published."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--market", help="ISO 3166 country code for records that name none (e.g. DE).")
@click.option("--locale", help="BCP 47 locale for records that name none (e.g. de-DE).")
@click.option("--format", "output_format", type=click.Choice(sorted(REPORTERS)), default=None,
              help="Output format (default: full; github when GITHUB_ACTIONS=true).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Lowest severity that makes the exit code 1 (default: warning).")
@click.option("--select", multiple=True, help="Only these rules: codes, prefixes (DE), names or tags; comma-separated.")
@click.option("--ignore", multiple=True, help="Skip these rules: codes, prefixes, names or tags; comma-separated.")
@click.option("--date", "day", help="Lint as of this date (YYYY-MM-DD), for date-aware rules. Default: today.")
@click.option("--language-detector", type=click.Choice(DETECTORS), default=None,
              help="Language guesser for language rules (default: py3langid).")
@click.option("--channel", type=click.Choice(CHANNELS), default=None,
              help="Where the listings are sold; marketplace policy rules (MP) apply only on a marketplace "
                   "(default: marketplace).")
@click.option("--rulesets", "rulesets_dir", type=click.Path(file_okay=False), help="Use this rulesets directory.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for large inputs (default: the number of cores). Output order is the same.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the results of unchanged files.")
@click.option("--csv-preset", type=click.Choice(PRESET_CHOICES), default=None,
              help="Column layout of CSV/TSV feeds; auto (the default) detects Google, Shopify and Amazon "
                   "from the headers.")
@click.option("--csv-map", "csv_map", multiple=True, metavar="COLUMN=FIELD",
              help="Read a CSV column as this field (title, description, bullets[], attributes.NAME, price, "
                   "image.alt, ignore, ...); repeatable, overrides the preset.")
@click.option("--exclude", multiple=True, metavar="PATTERN",
              help="Skip files and directories matching this gitignore-style pattern when walking a directory; "
                   "repeatable (.gitignore files are honoured too).")
@click.option("-v", "--verbose", is_flag=True, help="List the files a directory walk skipped, and why (on stderr).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Use this configuration file for every file (instead of loclint.toml, .loclint.toml or "
                   "[tool.loclint] found from each file upwards).")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files, then report what is left.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply fixes that change the claim.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff and write nothing.")
@click.option("--baseline", type=click.Path(dir_okay=False),
              help="Report only findings not in this baseline file (written on the first run).")
@click.option("--update-baseline", is_flag=True, help="Write today's findings to the baseline file and exit.")
def check(paths, market, locale, output_format, fail_on, select, ignore, day, language_detector, channel,
          rulesets_dir, jobs, no_cache, csv_preset, csv_map, exclude, verbose, config_path, fix, unsafe_fixes,
          diff, baseline, update_baseline):
    """Lint listing files and directories (JSONL, JSON, YAML, CSV, TSV, TXT, MD, HTML; PO, XLIFF, ARB)."""
    try:
        when = dt.date.fromisoformat(day) if day else None
    except ValueError:
        raise click.BadParameter(f"{day!r} is not a date like 2026-09-27", param_hint="--date")
    with _friendly_errors():
        from .session import Flags, Session

        session = Session(Flags(
            market=market, locale=locale, output_format=output_format, fail_on=fail_on,
            select=tuple(_split(select)), ignore=tuple(_split(ignore)), day=when,
            language_detector=language_detector, channel=channel, rulesets_dir=rulesets_dir, jobs=jobs,
            csv_preset=csv_preset, csv_map=_column_map(csv_map), exclude=tuple(exclude), config=config_path,
            baseline=baseline))
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
                            jobs=session.setting("jobs") or os.cpu_count() or 1, cache=cache,
                            read_options=session.read_options, keep=keep, progress=progress)
        count = write(baseline_path, recorded)
        click.echo(f"loclint: baseline {baseline_path}: {count} finding(s) recorded; later runs report only new ones",
                   err=True)
        return result
    known = Baseline.load(baseline_path) if baseline_path else None
    keep = session.keep if known is None else (lambda f: session.keep(f) and not known.known(f))
    reporter, progress = _output(session)
    result = lint_paths(session.plan, paths, reporter,
                        jobs=session.setting("jobs") or os.cpu_count() or 1, cache=cache,
                        read_options=session.read_options, keep=keep, progress=progress)
    if known is not None and known.matched:
        click.echo(f"loclint: {known.matched} finding(s) in the baseline {baseline_path} not shown", err=True)
    return result


def _output(session):
    """The reporter for the format asked for (flag, then configuration, then reporters.default_format)
    and, for a person at a terminal, a progress line (progress.py) that clears itself around it."""
    from .config import ConfigError
    from .progress import Progress, wanted
    from .reporters import default_format, make

    name = session.flags.output_format or session.run_settings.output_format or default_format()
    if name not in REPORTERS:
        raise ConfigError(f"{session.run_settings.path}: key 'format': unknown format {name!r} "
                          f"(known: {', '.join(sorted(REPORTERS))})")
    reporter = make(name, rulebook=session.linter_for(session.run_settings).rulebook if name == "sarif" else None)
    if not wanted(name, sys.stdout, sys.stderr):
        return reporter, None
    progress = Progress()
    return progress.wrap(reporter), progress


def _fixes(session, paths, unsafe: bool, write: bool):
    from .readers import expand_paths
    from .writeback import fix_file

    for path in expand_paths(paths, session.read_options):
        if isinstance(path, str):
            plan = session.plan(path)
            yield fix_file(plan.linter, path, market=plan.market, locale=plan.locale, unsafe=unsafe,
                           write=write, options=plan.options)


def _fix(session, paths, unsafe: bool) -> None:
    total = 0
    for result in _fixes(session, paths, unsafe, write=True):
        if result.error:
            click.echo(f"loclint: {result.path}: fixes not written: {result.error}", err=True)
            continue
        if not result.converged:
            click.echo(f"loclint: {result.path}: fixes did not settle after {result.rounds} rounds; "
                       "check the file and run again", err=True)
        if result.applied:
            total += result.applied
            click.echo(f"loclint: {result.path}: fixed {result.applied} finding(s)", err=True)
    click.echo(f"loclint: fixed {total} finding(s)" + ("" if unsafe else " (safe fixes; --unsafe-fixes for more)"),
               err=True)


def _show_diff(session, paths, unsafe: bool) -> int:
    """Exit code: 1 when there is something to fix, as ruff does."""
    from .writeback import unified_diff

    changed = False
    for result in _fixes(session, paths, unsafe, write=False):
        if result.error:
            click.echo(f"loclint: {result.path}: fixes not shown: {result.error}", err=True)
        elif result.changed:
            changed = True
            click.echo(unified_diff(result), nl=False)
    return 1 if changed else 0


def _column_map(pairs: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    mapping = []
    for pair in pairs:
        column, sep, target = pair.partition("=")
        if not sep or not column.strip():
            raise click.BadParameter(f"{pair!r} is not COLUMN=FIELD", param_hint="--csv-map")
        try:
            mapping.append((column.strip(), check_target(target.strip())))
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--csv-map")
    return tuple(mapping)


def _report_skipped(skipped: list, verbose: bool) -> None:
    """On stderr, so that machine formats on stdout stay valid."""
    if not skipped:
        return
    from .readers.discovery import summarize

    if verbose:
        for item in skipped:
            click.echo(f"loclint: skipped {item.path} ({item.reason})", err=True)
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
            click.echo("loclint: ruleset error:\n  " + "\n  ".join(exc.problems), err=True)
        elif isinstance(exc, (ConfigError, BaselineError)):
            click.echo(f"loclint: configuration error: {exc}", err=True)
        elif isinstance(exc, KeyboardInterrupt):
            click.echo("loclint: interrupted", err=True)
        elif isinstance(exc, BrokenPipeError):
            sys.stderr.close()
        else:
            if os.environ.get("LOCLINT_DEBUG"):
                return False
            click.echo(f"loclint: internal error: {type(exc).__name__}: {exc} "
                       "(set LOCLINT_DEBUG=1 for the traceback, and please report it)", err=True)
        sys.exit(2)


@main.command("config")
@click.argument("path", required=False, default=".", type=click.Path())
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Show this file's settings.")
def show_config(path, config_path):
    """Print the settings that apply to PATH (a file or directory; default: here) and where they come from."""
    with _friendly_errors():
        import json as _json
        from pathlib import Path

        from .config import Settings, discover, load

        found = Path(config_path) if config_path else discover(Path(path))
        settings = load(found) if found else Settings()
        click.echo(f"# {found if found else 'no configuration file found: built-in defaults'}")
        click.echo(_json.dumps(settings.as_dict(), indent=2, ensure_ascii=False, default=str))


@main.command("init")
@click.option("--market", "markets", multiple=True, help="Market(s) the listings are for (e.g. DE); repeatable.")
@click.option("--output", default="loclint.toml", show_default=True, type=click.Path(dir_okay=False),
              help="Where to write the starter configuration.")
def init(markets, output):
    """Write a commented starter configuration."""
    with _friendly_errors():
        from .config import starter, load
        from pathlib import Path

        if os.path.exists(output):
            raise click.UsageError(f"{output} exists; remove it first or choose --output")
        with open(output, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(starter([m.upper() for m in _split(markets)]))
        load(Path(output))  # the starter must be a valid configuration
        click.echo(f"wrote {output}")


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


@main.command("rules")
@click.option("--market", help="Only the rules that apply in this market, with where each comes from.")
@click.option("--rulesets", "rulesets_dir", type=click.Path(file_okay=False), help="Use this rulesets directory.")
def list_rules(market, rulesets_dir):
    """List rules: code, severity, name, source."""
    with _friendly_errors():
        from .ruleset import load_rulebook

        rulebook = load_rulebook(rulesets_dir)
        if market:
            if market.upper() not in rulebook.markets:
                raise click.BadParameter(f"unknown market {market!r} (known: {', '.join(sorted(rulebook.markets))})",
                                         param_hint="--market")
            config = rulebook.market(market)
            click.echo(f"{config.code} {config.name} ({config.locale}, {config.currency}): "
                       f"rulesets {' → '.join(config.rulesets)} (later ones override earlier codes)")
            rules = rulebook.rules_for(market)
        else:
            rules = rulebook.all_rules()
        for rule in rules:
            click.echo(f"{rule.code:7} {str(rule.severity):8} {rule.ruleset:12} {rule.name:40} {rule.source.title[:70]}")
        click.echo(f"{len(rules)} rule(s)")


@main.command("rule")
@click.argument("code")
@click.option("--rulesets", "rulesets_dir", type=click.Path(file_okay=False), help="Use this rulesets directory.")
def show_rule(code, rulesets_dir):
    """Show one rule's page: what it flags, why, source, examples, fix safety."""
    with _friendly_errors():
        from .docs import rule_page
        from .ruleset import load_rulebook

        rulebook = load_rulebook(rulesets_dir)
        rule = rulebook.find(code)
        if rule is None:
            raise click.BadParameter(f"no rule {code!r}; `loclint rules` lists them", param_hint="CODE")
        click.echo(rule_page(rulebook, rule), nl=False)
