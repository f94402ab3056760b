"""The terminal and the command line around a run: colours (--color, NO_COLOR), --statistics,
--quiet, --output-file, --show-fixes, the notice while a first run prepares its data, `rule NAME`,
sorted `rules`, and standard input (`check - --stdin-filename PATH`)."""
import json
import re

import pytest

from conftest import runner, team_project, team_rule

from loclint import cli, preparing
from loclint.cli import main
from loclint.text import langid_model
from loclint.text.lemmas import InflectionCache, LanguageData

DATE = "2026-11-25"
MAKER = "Hersteller: Beispiel GmbH, Musterstr. 1, 10115 Berlin, info@beispiel.example"
# An unproven superlative (DE001, not fixable) and a price in the wrong format (LOC001, safe fix), twice.
COPY = "Der beste Preis! Jetzt nur 24.99 € oder 19.99 € inkl. MwSt."
ESC = "\x1b["
FEED = ('{"id": "A", "market": "DE", "title": "Der beste Preis", "description": "' + MAKER + '"}\n').encode()


def invoke(*args, input=None, color=False, env=None):
    result = runner().invoke(main, [str(a) for a in args], input=input, color=color, env=env)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exc_info is None or result.exc_info[0] is SystemExit, result.exc_info
    return result


@pytest.fixture
def listing(tmp_path):
    path = tmp_path / "listing.txt"
    path.write_text(f"{COPY}\n{MAKER}\n", encoding="utf-8")
    return path


def check(*args, **kwargs):
    return invoke("check", "--date", DATE, "--market", "DE", "--no-cache", *args, **kwargs)


# --- colours ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["full", "concise"])
def test_human_formats_are_coloured_on_a_terminal(listing, fmt):
    coloured = check("--format", fmt, listing, color=True, env={"NO_COLOR": ""})  # empty: not set
    assert ESC in coloured.stdout
    plain = check("--format", fmt, listing)  # not a terminal
    assert ESC not in plain.stdout
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured.stdout) == plain.stdout


@pytest.mark.parametrize("fmt", ["full", "concise"])
def test_no_color_and_color_never_turn_colours_off_at_a_terminal(listing, fmt):
    assert ESC not in check("--format", fmt, listing, color=True, env={"NO_COLOR": "1"}).stdout
    assert ESC not in check("--format", fmt, "--color", "never", listing, color=True).stdout


def test_color_always_colours_a_pipe_even_with_no_color(listing):
    assert ESC in check("--format", "concise", "--color", "always", listing, env={"NO_COLOR": "1"}).stdout


@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif", "github", "junit"])
def test_machine_formats_are_never_coloured(listing, fmt):
    assert ESC not in check("--format", fmt, "--color", "always", listing, color=True).stdout


def test_colours_follow_the_no_color_convention():
    assert cli.colours("auto", {}) is None  # click colours a terminal only
    assert cli.colours("auto", {"NO_COLOR": ""}) is None
    assert cli.colours("auto", {"NO_COLOR": "0"}) is False  # any non-empty value
    assert cli.colours("always", {"NO_COLOR": "1"}) is True
    assert cli.colours("never", {}) is False


# --- --statistics, --quiet, --output-file, --show-fixes -------------------------------------------

def test_statistics_count_each_rule_most_frequent_first(listing):
    result = check("--statistics", listing)
    assert result.exit_code == 1  # the exit code is the run's, as without --statistics
    assert result.stdout.splitlines() == [
        "2  LOC001  2 fixable  money-format",
        "1  DE001              unproven-superlative",
    ]


def test_statistics_as_json(listing):
    result = check("--statistics", "--format", "json", listing)
    assert json.loads(result.stdout) == [
        {"code": "LOC001", "name": "money-format", "count": 2, "fixable": 2},
        {"code": "DE001", "name": "unproven-superlative", "count": 1, "fixable": 0},
    ]


def test_statistics_show_read_errors_on_stderr(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(FEED + b"not json\n")
    result = check("--statistics", feed)
    assert result.stdout.splitlines() == ["1  DE001  unproven-superlative"]
    assert "feed.jsonl:2:0: read error" in result.stderr and result.exit_code == 1


@pytest.mark.parametrize("flag,fmt", [("--statistics", "sarif"), ("--show-fixes", "json")])
def test_a_report_flag_a_format_cannot_honour_is_refused(listing, flag, fmt):
    result = check(flag, "--format", fmt, listing)
    assert result.exit_code == 2 and flag in result.stderr and fmt in result.stderr


@pytest.mark.parametrize("fmt", ["full", "concise"])
def test_quiet_prints_the_findings_only(listing, tmp_path, fmt):
    (tmp_path / "notes.docx").write_text("skipped by the walk", encoding="utf-8")
    loud = check("--format", fmt, tmp_path)
    assert "finding" in loud.stdout.splitlines()[-3] and "skipped" in loud.stderr
    quiet = check("--format", fmt, "--quiet", tmp_path)
    assert quiet.exit_code == loud.exit_code == 1
    assert "record(s):" not in quiet.stdout and quiet.stderr == ""
    assert "DE001" in quiet.stdout and "LOC001" in quiet.stdout


def test_quiet_still_shows_errors(tmp_path):
    result = check("-q", "--format", "concise", tmp_path / "missing.jsonl")
    assert result.exit_code == 2 and "missing.jsonl" in result.stdout + result.stderr


def test_output_file_holds_the_report_and_stdout_nothing(listing, tmp_path):
    out = tmp_path / "report.json"
    out.write_text("an older report", encoding="utf-8")
    result = check("--format", "json", "--output-file", out, listing)
    assert result.exit_code == 1 and result.stdout == ""
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["summary"]["findings"] == 3
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".loclint-")] == []  # no temporary left


def test_output_file_in_a_missing_folder_is_an_error_naming_it(listing, tmp_path):
    result = check("-o", tmp_path / "nowhere" / "report.txt", listing)
    assert result.exit_code == 2
    assert "report.txt" in result.stderr and "Traceback" not in result.stderr


def test_show_fixes_lists_per_file_and_rule_what_fix_would_apply(listing):
    result = check("--format", "concise", "--show-fixes", listing)
    lines = result.stdout.splitlines()
    at = lines.index("Fixes --fix would apply (2):")
    assert lines[at + 1:] == [f"- {listing}:", "    2 × LOC001 (money-format)"]


def test_show_fixes_says_nothing_without_fixes(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text(f"Ein Becher.\n{MAKER}\n", encoding="utf-8")
    result = check("--show-fixes", path)
    assert result.exit_code == 0 and "Fixes" not in result.stdout


def test_check_help_lists_the_new_flags():
    text = invoke("check", "--help").stdout
    for flag in ("--color", "--statistics", "--quiet", "--output-file", "--show-fixes", "--stdin-filename"):
        assert flag in text


# --- the notice while a first run prepares its data -----------------------------------------------

@pytest.fixture
def heard():
    said = []
    preparing.listen(said.append)
    yield said
    preparing.listen(None)


def test_a_trigger_word_cache_miss_is_announced_and_a_hit_is_not(tmp_path, heard):
    german = LanguageData(strip=("en",), min_inflect=4)
    cache = InflectionCache(str(tmp_path))
    cache("Preise", "de", german)
    cache.save()
    assert len(heard) == 1 and "trigger words" in heard[0] and heard[0].startswith("loclint: ")
    preparing.listen(heard.append)  # a new run
    InflectionCache(str(tmp_path))("Preise", "de", german)
    assert len(heard) == 1


def test_building_the_language_model_cache_is_announced_once(tmp_path, heard):
    langid_model.load_identifier(["de", "en"], str(tmp_path))
    assert len(heard) == 1 and "language model" in heard[0]
    preparing.listen(heard.append)
    langid_model.load_identifier(["de", "en"], str(tmp_path))
    assert len(heard) == 1


def test_nobody_hears_the_notice_unless_someone_listens(tmp_path):
    preparing.listen(None)
    InflectionCache(str(tmp_path))("Preise", "de", LanguageData())  # nothing to say it to, no error


@pytest.mark.parametrize("terminal,quiet,shown", [(True, False, True), (True, True, False), (False, False, False)])
def test_the_command_line_gives_the_notice_on_a_terminal_stderr(tmp_path, monkeypatch, terminal, quiet, shown):
    """A team's trigger word is expanded on the first run (the built-in ones ship expanded)."""
    monkeypatch.setenv("LOCLINT_CACHE_DIR", str(tmp_path / "fresh-cache"))
    monkeypatch.setattr(cli, "_terminal", lambda stream: terminal)
    feed = team_project(tmp_path, team_rule(), "Neue Headphones")
    result = check("--format", "json", *(["--quiet"] if quiet else []), feed)
    assert ("preparing the trigger words" in result.stderr) is shown
    json.loads(result.stdout)  # machine output is untouched either way
    if shown:  # the next run finds the forms cached
        assert "trigger words" not in check("--format", "json", feed).stderr


def test_a_first_run_of_the_built_in_rules_prepares_no_trigger_words(listing, tmp_path, monkeypatch):
    monkeypatch.setenv("LOCLINT_CACHE_DIR", str(tmp_path / "fresh-cache"))
    monkeypatch.setattr(cli, "_terminal", lambda stream: True)
    result = check("--format", "json", listing)
    assert json.loads(result.stdout)["findings"] and "trigger words" not in result.stderr


# --- rules --------------------------------------------------------------------------------------------

def test_rule_takes_a_name_as_well_as_a_code():
    by_code = invoke("rule", "DE001")
    by_name = invoke("rule", "unproven-superlative")
    assert by_name.exit_code == 0 and by_name.stdout == by_code.stdout
    assert invoke("rule", "Unproven-Superlative").stdout == by_code.stdout


def test_an_unknown_rule_name_suggests_the_closest():
    result = invoke("rule", "unproven-superlativ")
    assert result.exit_code == 2 and "did you mean unproven-superlative?" in result.stderr


def test_rules_are_listed_sorted_by_code():
    lines = invoke("rules").stdout.splitlines()[:-1]
    codes = [line.split()[0] for line in lines]
    assert codes == sorted(codes) and len(codes) > 20
    market = invoke("rules", "--market", "DE").stdout.splitlines()[1:-1]
    assert [line.split()[0] for line in market] == sorted(line.split()[0] for line in market)


# --- standard input ----------------------------------------------------------------------------------

def test_stdin_is_read_as_the_stdin_filename_says_and_findings_name_it():
    result = check("--format", "json", "--stdin-filename", "listings/feed.jsonl", "-", input=FEED)
    doc = json.loads(result.stdout)
    assert [(f["rule"], f["path"], f["record"]) for f in doc["findings"]] == [("DE001", "listings/feed.jsonl", "A")]
    assert result.exit_code == 1


def test_stdin_gets_the_configuration_of_the_stdin_filename(tmp_path, monkeypatch):
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "loclint.toml").write_text('market = "DE"\nignore = ["DE001"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    text = f"{COPY}\n{MAKER}\n".encode()
    result = invoke("check", "--date", DATE, "--format", "json", "--stdin-filename", "shop/desc.txt", "-",
                    input=text)
    rules = {f["rule"] for f in json.loads(result.stdout)["findings"]}
    assert rules == {"LOC001"}  # market DE and the ignore, both from shop/loclint.toml


def test_stdin_takes_the_market_from_the_stdin_filenames_folders():
    po = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
          'msgid "Best price"\nmsgstr "Der beste Preis"\n').encode()
    named = invoke("check", "--date", DATE, "--format", "concise", "--stdin-filename",
                   "locale/de_DE/LC_MESSAGES/django.po", "-", input=po)
    assert named.stdout.startswith("locale/de_DE/LC_MESSAGES/django.po:6:9: DE001")
    bare = invoke("check", "--date", DATE, "--format", "concise", "--stdin-filename", "django.po", "-", input=po)
    assert "no language found" in bare.stdout and bare.exit_code == 2


def test_stdin_fix_writes_the_fixed_text_to_stdout_and_the_report_to_stderr():
    text = f"{COPY}\n{MAKER}\n".encode()
    result = check("--fix", "--format", "concise", "--stdin-filename", "desc.txt", "-", input=text)
    assert result.stdout_bytes == text.replace(b"24.99", b"24,99").replace(b"19.99", b"19,99")
    assert "desc.txt:1:1: DE001" in result.stderr and "LOC001" not in result.stderr
    assert result.exit_code == 1


def test_stdin_diff_names_the_stdin_filename():
    result = check("--diff", "--stdin-filename", "desc.txt", "-", input=f"{COPY}\n{MAKER}\n".encode())
    assert "--- a/desc.txt" in result.stdout and "+Der beste Preis! Jetzt nur 24,99 €" in result.stdout


@pytest.mark.parametrize("args,message", [
    (["-"], "--stdin-filename"),
    (["--stdin-filename", "notes.docx", "-"], "unsupported file type"),
    (["--stdin-filename", "a.txt", "-", "b.txt"], "no other path"),
    (["--stdin-filename", "a.txt", "b.txt"], "give - as the path"),
])
def test_stdin_misuse_is_a_usage_error(args, message):
    result = check(*args, input=b"text")
    assert result.exit_code == 2 and message in result.stderr
