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
from .readers.options import ReadOptions
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
@click.option("--format", "output_format", type=click.Choice(sorted(REPORTERS)), default="full",
              show_default=True, help="Output format.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="warning", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--select", multiple=True, help="Only these rules: codes, prefixes (DE), names or tags; comma-separated.")
@click.option("--ignore", multiple=True, help="Skip these rules: codes, prefixes, names or tags; comma-separated.")
@click.option("--date", "day", help="Lint as of this date (YYYY-MM-DD), for date-aware rules. Default: today.")
@click.option("--language-detector", type=click.Choice(DETECTORS), default="py3langid", show_default=True,
              help="Language guesser for language rules.")
@click.option("--channel", type=click.Choice(CHANNELS), default="marketplace", show_default=True,
              help="Where the listings are sold; marketplace policy rules (MP) apply only on a marketplace.")
@click.option("--rulesets", "rulesets_dir", type=click.Path(file_okay=False), help="Use this rulesets directory.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for large inputs (default: the number of cores). Output order is the same.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the results of unchanged files.")
@click.option("--csv-preset", type=click.Choice(PRESET_CHOICES), default="auto", show_default=True,
              help="Column layout of CSV/TSV feeds; auto detects Google, Shopify and Amazon from the headers.")
@click.option("--csv-map", "csv_map", multiple=True, metavar="COLUMN=FIELD",
              help="Read a CSV column as this field (title, description, bullets[], attributes.NAME, price, "
                   "image.alt, ignore, ...); repeatable, overrides the preset.")
@click.option("--exclude", multiple=True, metavar="PATTERN",
              help="Skip files and directories matching this gitignore-style pattern when walking a directory; "
                   "repeatable (.gitignore files are honoured too).")
@click.option("-v", "--verbose", is_flag=True, help="List the files a directory walk skipped, and why (on stderr).")
def check(paths, market, locale, output_format, fail_on, select, ignore, day, language_detector, channel,
          rulesets_dir, jobs, no_cache, csv_preset, csv_map, exclude, verbose):
    """Lint listing files and directories (JSONL, JSON, YAML, CSV, TSV, TXT, MD)."""
    read_options = ReadOptions(csv_preset=csv_preset, csv_map=_column_map(csv_map), exclude=tuple(exclude))
    try:
        when = dt.date.fromisoformat(day) if day else None
    except ValueError:
        raise click.BadParameter(f"{day!r} is not a date like 2026-09-27", param_hint="--date")
    with _friendly_errors():
        from .engine import Linter
        from .ruleset import load_rulebook
        from .run import lint_paths

        rulebook = load_rulebook(rulesets_dir)
        if market and market.upper() not in rulebook.markets:
            raise click.BadParameter(
                f"unknown market {market!r} (known: {', '.join(sorted(rulebook.markets))})", param_hint="--market")
        linter = Linter(rulebook, day=when, detector_name=language_detector,
                        select=_split(select), ignore=_split(ignore), channel=channel)
        from .results_cache import ResultCache

        cache = None if no_cache else ResultCache()
        result = lint_paths(linter, paths, REPORTERS[output_format](), market=market, locale=locale,
                            jobs=jobs or os.cpu_count() or 1, cache=cache, read_options=read_options)
    _report_skipped(result.skipped, verbose)
    if result.unreadable_files:
        sys.exit(2)
    failing = fail_on != "never" and result.worst is not None and result.worst >= Severity.parse(fail_on)
    sys.exit(1 if failing or result.summary.errors else 0)


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

        if isinstance(exc, RulesetError):
            click.echo("loclint: ruleset error:\n  " + "\n  ".join(exc.problems), err=True)
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


@main.command("clean")
def clean_cache():
    """Remove loclint's caches (results of unchanged files, expanded trigger forms)."""
    from .results_cache import clean

    click.echo(f"removed {clean()}")


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
