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

from .collector import for_program
from .model import Severity
from .clioptions import reader_flags, settings_options, split_commas
from .options import all_options
from .readers.registry import REGISTRY
from .text.escapes import encodable_json, one_line

# The command line is a process of its own: numpy's OpenBLAS (under py3langid's second opinion)
# starts worker threads that spin between calls, and the model's small products need none of
# them (2-3 % of a corpus run's CPU, paired runs). The API, imported into someone else's
# process, leaves their threads alone; a value the user set is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _show_version(ctx, param, value) -> None:
    """--version as click's version_option prints it, the version looked up only when asked:
    importlib.metadata cost every run a tenth of its start-up."""
    if value and not ctx.resilient_parsing:
        from . import __version__

        click.echo(f"loclint, version {__version__}", color=ctx.color)
        ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
              help="Show the version and exit.")
def main() -> None:
    """loclint: catch copy that is fine at home and wrong abroad, before it is published."""


def run() -> None:
    """The program (``loclint``, ``python -m loclint``): the process ends with its one command,
    so what the command compiles may stay until then (Session.until_exit). The tests invoke
    ``main`` in their own process, which goes on."""
    for_program()
    main(prog_name="loclint", obj=_PROGRAM)


_PROGRAM = {"until_exit": True}


def _is_program() -> bool:
    return bool((click.get_current_context().find_root().obj or {}).get("until_exit"))


@main.command(help="Lint listing files and directories (" + " ".join(REGISTRY.suffixes()) + "); "
              "- reads standard input as the file --stdin-filename names.")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@settings_options("market", "locale", "output_format", "fail_on", "select", "ignore", "day", "language_detector",
                  "channel", "offers", "rulesets_dir", "jobs")
@click.option("--no-cache", is_flag=True, help="Do not read or write the results of unchanged files.")
@reader_flags
@settings_options("exclude")
@click.option("-v", "--verbose", is_flag=True, help="List the files a directory walk skipped, and why, and how "
              "each CSV feed's columns are read (on stderr).")
@settings_options("config")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files, then report what is left (standard "
              "input: the fixed text goes to stdout, the report to stderr).")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply fixes that change the claim.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff and write nothing.")
@settings_options("baseline")
@click.option("--update-baseline", is_flag=True, help="Write today's findings to the baseline file and exit.")
@settings_options("color", "quiet", "statistics", "show_fixes", "output_file", "stdin_filename")
def check(paths, market, locale, output_format, fail_on, select, ignore, day, language_detector, channel,
          offers, rulesets_dir, jobs, no_cache, exclude, verbose, config, fix, unsafe_fixes,
          diff, baseline, update_baseline, color, quiet, statistics, show_fixes, output_file, stdin_filename,
          **reader_values):
    try:
        when = dt.date.fromisoformat(day) if day else None
    except ValueError:
        raise click.BadParameter(f"{day!r} is not a date like 2026-09-27", param_hint="--date")
    click.get_current_context().color = colours(color or all_options()["color"].default)
    _quiet(bool(quiet))
    stdin = _stdin_name(paths, stdin_filename)
    with _friendly_errors():
        from .session import Flags, Session

        session = Session(Flags(
            market=market, locale=locale, output_format=output_format, fail_on=fail_on, select=select,
            ignore=ignore, day=when, language_detector=language_detector, channel=channel,
            offers=offers, rulesets_dir=rulesets_dir, jobs=jobs, reader_options=_given(reader_values), exclude=exclude,
            config=config, baseline=baseline, color=color, quiet=quiet, statistics=statistics,
            show_fixes=show_fixes, output_file=output_file, stdin_filename=stdin_filename),
            until_exit=_is_program())
        _check_report_flags(session)
        if market:  # a bad --market is a usage error before anything runs
            from .session import UnknownMarket

            try:
                session.linter_for(session.run_settings)
            except UnknownMarket as exc:
                raise click.BadParameter(str(exc), param_hint="--market")
        with _stdin_copy(stdin) as copy:
            if copy is not None:
                paths = (copy,)
            if diff:
                sys.exit(_show_diff(session, paths, unsafe_fixes))
            if fix:
                _fix(session, paths, unsafe_fixes)
            fixed_stdin = copy is not None and fix
            if fixed_stdin:  # the fixed text goes to stdout (as ruff does), the report of what is left to stderr
                _echo_bytes(copy)
            feeds: list = []
            result = _lint(session, paths, no_cache or copy is not None, update_baseline, fixed_stdin, feeds)
    _report_skipped(result.skipped, verbose)
    _report_columns(feeds, verbose)
    for config_file, pattern in session.unmatched_per_file_ignores():
        # a warning, not news: a misspelt pattern ignores nothing, so --quiet keeps it
        _notice(f"loclint: {config_file}: per-file-ignores pattern {pattern!r} matched no file of this run")
    if result.unreadable_files:
        sys.exit(2)
    fail_on = session.setting("fail_on")
    failing = fail_on != "never" and result.worst is not None and result.worst >= Severity.parse(fail_on)
    sys.exit(1 if (failing or result.summary.errors) and not update_baseline else 0)


def colours(choice: str, environ=os.environ):
    """click's colour setting for --color: True (always), False (never, or auto with NO_COLOR set
    to anything but empty: https://no-color.org), None (auto: click colours a terminal only).
    An explicit --color always beats NO_COLOR, as that convention asks."""
    if choice == "auto":
        return False if environ.get("NO_COLOR") else None
    return choice == "always"


def _check_report_flags(session) -> None:
    """Flags that only some formats can honour are refused with the others, not ignored."""
    from .reporters import HUMAN
    from .reporters.statistics import FORMATS

    name = session.setting("output_format")
    if session.flags.statistics and name not in FORMATS:
        raise click.UsageError(f"--statistics prints a table (full, concise) or JSON (json), not {name}")
    if session.flags.show_fixes and name not in HUMAN:
        raise click.UsageError(f"--show-fixes lists fixes after a human format (full, concise); {name} "
                               "output carries each finding's fix itself")


def _lint(session, paths, no_cache: bool, update_baseline: bool, fixed_stdin: bool = False, feeds=None):
    from .baseline import Baseline, write

    cache = None
    if not no_cache:  # imported only for the cache: --no-cache runs do not load it
        from .results_cache import ResultCache

        cache = ResultCache()
    baseline_path = session.baseline_path
    if update_baseline and not baseline_path:
        raise click.UsageError("--update-baseline needs --baseline FILE (or `baseline` in the configuration)")
    if baseline_path and (update_baseline or not os.path.exists(baseline_path)):
        recorded: list = []
        keep = lambda f: session.keep(f) and (recorded.append(f) or True)  # noqa: E731
        result = _run(session, paths, cache, keep, fixed_stdin, feeds)
        count = write(baseline_path, recorded)
        _inform(f"loclint: baseline {baseline_path}: {count} finding(s) recorded; later runs report only new ones")
        return result
    aliases = session.rulebook_for(session.run_settings).aliases() if baseline_path else None
    known = Baseline.load(baseline_path, aliases) if baseline_path else None
    keep = session.keep if known is None else (lambda f: session.keep(f) and not known.known(f))
    result = _run(session, paths, cache, keep, fixed_stdin, feeds)
    if known is not None and known.matched:
        _inform(f"loclint: {known.matched} finding(s) in the baseline {baseline_path} not shown")
    return result


def _run(session, paths, cache, keep, fixed_stdin: bool, feeds=None):
    """lint_paths with the reporter the flags ask for, writing where they say. Standard input's
    copy is planned, reported and kept or dropped by per-file ignores as its --stdin-filename;
    after --fix its report goes to stderr, as stdout holds the fixed text. ``feeds`` collects
    (name shown, path, read options) of the CSV feeds, for _report_columns."""
    from .run import lint_paths
    from .stdin import Renamed

    plan, name = session.plan, session.flags.stdin_filename
    with _report_to(session.flags.output_file, sys.stderr if fixed_stdin else None) as out:
        reporter, progress = _output(session, out)
        if name:
            reporter = Renamed(reporter, paths[0], name)
            plan = lambda path: session.plan(name)  # noqa: E731
            keep = (lambda f, keep=keep, named=reporter.named: keep(named(f)))
        if feeds is not None:
            plan = _noting_feeds(plan, feeds, name)
        return lint_paths(plan, paths, reporter, jobs=session.setting("jobs"), cache=cache,
                          read_options=session.read_options, keep=keep, progress=progress)


def _output(session, out=None):
    """The reporter for the format asked for (flag, then configuration, then reporters.default_format),
    or the statistics instead of the findings, with the fixes listed after it (--show-fixes),
    and, for a person at a terminal, a progress line (progress.py) that clears itself around it."""
    from .progress import Progress, wanted
    from .reporters import WITH_RULEBOOK, make
    from .reporters.fixlist import FixList
    from .reporters.statistics import StatisticsReporter

    name, flags = session.setting("output_format"), session.flags
    if flags.statistics:
        reporter = StatisticsReporter(out, as_json=name == "json")
    else:
        reporter = make(name, rulebook=session.rulebook if name in WITH_RULEBOOK else None, out=out,
                        closing=not flags.quiet)
    if flags.show_fixes:
        reporter = FixList(reporter, out)
    if flags.quiet or out is not None or not wanted(name, sys.stdout, sys.stderr):
        return reporter, None
    progress = Progress()
    return progress.wrap(reporter), progress


@contextlib.contextmanager
def _report_to(output_file, default=None):
    """Where the report goes: ``default`` (None: stdout), or a file written beside --output-file
    and renamed over it at the end, so that a reader of it never sees half a report."""
    if not output_file:
        yield default
        return
    import tempfile

    folder = os.path.dirname(os.path.abspath(output_file))
    try:
        handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="", dir=folder, delete=False,
                                             prefix=".loclint-", suffix=".tmp")
    except OSError as exc:
        _notice(f"loclint: --output-file {output_file}: cannot write there ({exc.strerror or exc})")
        sys.exit(2)
    try:
        with handle:
            yield handle
        os.replace(handle.name, output_file)
    except OSError as exc:
        _notice(f"loclint: --output-file {output_file}: cannot write the report ({exc.strerror or exc})")
        sys.exit(2)
    finally:
        if os.path.exists(handle.name):
            os.unlink(handle.name)


def _stdin_name(paths, stdin_filename):
    """The name standard input stands for, when the path is -; usage errors for what cannot work."""
    from .stdin import STDIN

    if STDIN not in paths:
        if stdin_filename:
            raise click.UsageError("--stdin-filename names what standard input is; give - as the path")
        return None
    if len(paths) > 1:
        raise click.UsageError("- reads standard input; name no other path with it")
    if not stdin_filename:
        raise click.UsageError("- needs --stdin-filename PATH: its suffix says how to read standard input "
                               f"({', '.join(REGISTRY.suffixes())})")
    if not REGISTRY.supports(stdin_filename):
        raise click.BadParameter(f"{stdin_filename!r}: unsupported file type (supported: "
                                 f"{', '.join(REGISTRY.suffixes())})", param_hint="--stdin-filename")
    return stdin_filename


@contextlib.contextmanager
def _stdin_copy(name):
    """A temporary copy of standard input named like ``name`` (stdin.py), or None."""
    if name is None:
        yield None
        return
    from .stdin import copy_of

    with copy_of(sys.stdin.buffer.read(), name) as copy:
        yield copy


def _echo_bytes(path: str) -> None:
    """The fixed standard input, byte for byte as --fix wrote it, on stdout."""
    with open(path, "rb") as handle:
        data = handle.read()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _fixes(session, paths, unsafe: bool, write: bool):
    from .readers import expand_paths
    from .writeback import fix_file

    with _sigterm_unwinds():
        for path in expand_paths(paths, session.read_options):
            if isinstance(path, str):
                plan = session.plan(session.flags.stdin_filename or path)
                result = fix_file(plan.linter, path, market=plan.market, locale=plan.locale, unsafe=unsafe,
                                  write=write, options=plan.options)
                result.path = session.flags.stdin_filename or result.path
                yield result


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
            _inform(f"loclint: {result.path}: fixed {result.applied} finding(s)")
    _inform(f"loclint: fixed {total} finding(s)" + ("" if unsafe else " (safe fixes; --unsafe-fixes for more)"))


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
    line breaks are shown escaped (text/escapes.py), as the human formats show them."""
    click.echo(one_line(message), err=True)


def _inform(message: str) -> None:
    """A notice that is news, not a problem: left out with --quiet (errors never are)."""
    context = click.get_current_context(silent=True)
    if context is None or not context.meta.get("loclint.quiet"):
        _notice(message)


def _quiet(quiet: bool) -> None:
    """--quiet for this command's notices; and the one-line notice while a first run prepares its
    data (preparing.py), given when a person watches stderr: a log or a script reading stderr
    gets nothing a run only says once."""
    from . import preparing

    context = click.get_current_context()
    context.meta["loclint.quiet"] = quiet
    preparing.listen(_notice if not quiet and _terminal(sys.stderr) else None)
    context.call_on_close(lambda: preparing.listen(None))
    # The readers' notices (readers/translation/notices.py: untranslated entries not linted)
    # are news too. logging is imported only to silence them: a run that is not quiet leaves
    # the level alone and does not pay for the import.
    if not quiet:
        return
    import logging

    readers_log = logging.getLogger("loclint.readers")
    level = readers_log.level
    readers_log.setLevel(logging.ERROR)
    context.call_on_close(lambda: readers_log.setLevel(level))


def _terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _noting_feeds(plan, feeds: list, name=None):
    """The planner, noting each CSV feed it plans: planned even when its results come from the
    cache, so the mapping report and warning do not depend on what was cached."""
    # The registered entry, not the reader's class: a run without CSV feeds does not import it.
    csv = next(reader for reader in REGISTRY.readers if reader.name == "csv")

    def planned(path):
        chosen = plan(path)
        if (name or path).lower().endswith(csv.suffixes):
            feeds.append((name or path, path, chosen.options.for_reader(csv)))
        return chosen
    return planned


def _report_columns(feeds: list, verbose: bool) -> None:
    """Per CSV feed, on stderr: with -v, which column is read as which field; and, -v or not, a
    warning for a feed with no copy column mapped, whose copy no rule would ever read."""
    if not feeds:
        return
    from .readers.feeds.csvfeed import column_mapping

    for shown, path, options in feeds:
        mapping = column_mapping(path, options)
        if mapping is None:
            continue  # no header: the run reported why
        if verbose:
            _notice(f"loclint: {shown}: columns ({mapping.preset} preset):")
            width = max(len(header) for header, _ in mapping.columns)
            for header, target in mapping.columns:
                _notice(f"  {header:<{width}}  -> {'(ignored)' if target == 'ignore' else target}")
        if not mapping.copy_columns:
            headers = ", ".join(repr(header) for header, _ in mapping.columns)
            _notice(f"loclint: {shown}: warning: no copy column (title, description, bullets) among the "
                    f"headers {headers}; nothing in it is linted as copy. Map one with --csv-map COLUMN=title "
                    "or [csv.map] in the configuration")


def _report_skipped(skipped: list, verbose: bool) -> None:
    """On stderr, so that machine formats on stdout stay valid."""
    if not skipped:
        return
    from .readers.discovery import summarize

    if verbose:
        for item in skipped:
            _notice(f"loclint: skipped {item.path} ({item.reason})")
    _inform(f"loclint: {summarize(skipped)}" + ("" if verbose else " (-v lists them)"))


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


@main.command("server")
def server():
    """Run the language server (LSP over standard input and output) for editors: findings as you
    type, quick fixes, rule pages on hover. See README: In the editor."""
    from .server import serve  # pygls only here: `check` does not pay for it

    serve()


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
            handle.write(starter([m.upper() for m in split_commas(markets)]))
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
        for rule in sorted(rules, key=lambda r: r.code):
            name = f"{rule.name} (off by default)" if rule.off_by_default else rule.name
            click.echo(f"{rule.code:7} {str(rule.severity):8} {rule.ruleset:12} {name:40} {rule.source.title[:70]}")
        click.echo(f"{len(rules)} rule(s)")


@main.command("rule")
@click.argument("code", metavar="RULE")
@settings_options("rulesets_dir", "config")
def show_rule(code, rulesets_dir, config):
    """Show one rule's page (by code, former code or name: DE002, superlative-claim): what it
    flags, why, source, examples, fix safety."""
    with _friendly_errors():
        from .docs import rule_page

        rulebook = _rulebook(rulesets_dir, config)
        rule = rulebook.find(code) or _rule_named(rulebook, code)
        if rule is None:
            raise click.BadParameter(f"no rule {code!r}{_did_you_mean(rulebook, code)}", param_hint="RULE")
        click.echo(rule_page(rulebook, rule), nl=False)


def _rule_named(rulebook, name: str):
    """The rule with this kebab-case name; the last one, as Rulebook.find takes for a code (a
    team's rule replaces the built-in one)."""
    wanted = name.strip().lower()
    return next((rule for rule in reversed(rulebook.all_rules()) if rule.name.lower() == wanted), None)


def _did_you_mean(rulebook, text: str) -> str:
    """The selectors' suggestion (selector.RuleIndex.hint), so both commands answer alike."""
    from .selector import RuleIndex

    return RuleIndex(rulebook.all_rules()).hint(text.strip())
