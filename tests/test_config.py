"""Settings files: discovery, every key checked, flags over files; team rulesets; severities."""
import re
import textwrap
from pathlib import Path

import pytest

from conftest import TODAY, team_rule
from loclint.config import ConfigError, Settings, discover, effective, load
from loclint.options import all_options, resolve
from loclint.session import Flags
from loclint.starter import starter
from loclint.engine import Linter
from loclint.examples import example_record
from loclint.readers.records import build_record
from loclint.rulebook import load_rulebook
from loclint.ruleset import RulesetError


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_the_closest_config_wins_and_pyproject_needs_its_section(tmp_path):
    _write(tmp_path / "loclint.toml", 'market = "DE"\n')
    _write(tmp_path / "shop" / "pyproject.toml", '[project]\nname = "x"\n')  # no [tool.loclint]
    _write(tmp_path / "shop" / "fr" / ".loclint.toml", 'market = "FR"\n')
    _write(tmp_path / "shop" / "at" / "pyproject.toml", '[tool.loclint]\nmarket = "AT"\n')
    feed = _write(tmp_path / "shop" / "fr" / "deep" / "feed.jsonl", "")
    assert discover(feed) == (tmp_path / "shop" / "fr" / ".loclint.toml").resolve()
    assert discover(tmp_path / "shop" / "x.jsonl") == (tmp_path / "loclint.toml").resolve()
    assert load(discover(tmp_path / "shop" / "at" / "y.jsonl")).market == "AT"


def test_every_key_is_read(tmp_path):
    rules = tmp_path / "team-rules"
    rules.mkdir()
    config = _write(tmp_path / "loclint.toml", """\
        market = "DE"
        locale = "de-DE"
        channel = "own-store"
        offers = "all"
        select = ["de", "EU"]
        extend-select = ["MET001"]
        ignore = ["DE013"]
        fail-on = "error"
        format = "concise"
        language-detector = "langdetect"
        jobs = 2
        rulesets = ["team-rules"]
        baseline = "base.json"
        exclude = ["drafts/"]
        [severity]
        mp003 = "warning"
        [per-file-ignores]
        "legacy/*.jsonl" = ["met001"]
        [csv]
        preset = "shopify"
        map = { "Produktname" = "title" }
        delimiter = ";"
        """)
    s = load(config)
    assert (s.market, s.locale, s.channel, s.fail_on, s.output_format, s.language_detector, s.jobs, s.offers) == (
        "DE", "de-DE", "own-store", "error", "concise", "langdetect", 2, "all")
    assert s.select == ("DE", "EU") and s.extend_select == ("MET001",) and s.ignore == ("DE013",)
    assert s.severity == {"MP003": "warning"}
    assert s.rulesets == (rules.resolve(),)
    assert s.baseline == tmp_path / "base.json"
    assert s.exclude == ("drafts/",)
    assert s.reader_options == {"csv_preset": "shopify", "csv_map": (("Produktname", "title"),), "csv_delimiter": ";"}
    assert s.ignored_for(str(tmp_path / "legacy" / "old.jsonl")) == ("MET001",)
    assert s.ignored_for(str(tmp_path / "new.jsonl")) == ()
    shown = effective(s)
    assert shown["market"] == "DE" and shown["csv"] == {"preset": "shopify", "map": {"Produktname": "title"},
                                                        "delimiter": ";"}
    assert set(effective(s, only_set=True)) == set(shown)  # every key is set in this file
    assert effective(Settings(path=config, market="DE"), only_set=True) == {"market": "DE"}


@pytest.mark.parametrize("text, message", [
    ('colour = "red"\n', "key 'colour': unknown setting"),
    ('"csv.preset" = "shopify"\n', "key 'csv.preset': unknown setting"),  # a quoted key is not [csv]
    ('select = "DE"\n', "key 'select': expected an array of strings, got a string"),
    ('ignore = ["DE", 1]\n', "key 'ignore': expected an array of strings, got an array"),
    ('jobs = 0\n', "key 'jobs': expected a number of at least 1, got 0"),
    ('jobs = true\n', "key 'jobs': expected an integer, got a boolean"),
    ('jobs = "2"\n', "key 'jobs': expected an integer, got a string"),
    ('fail-on = "sometimes"\n', "key 'fail-on': expected one of error, warning, info, never; got 'sometimes'"),
    ('format = "xml"\n', "key 'format': expected one of concise, full, github, html, json, jsonl, junit, sarif; got 'xml'"),
    ('channel = "shop"\n', "key 'channel': expected one of marketplace, own-store; got 'shop'"),
    ('language-detector = "cld3"\n', "key 'language-detector': expected one of cld2, py3langid, langdetect; got 'cld3'"),
    ('[severity]\nDE001 = "fatal"\n', "key 'severity': 'DE001': expected one of error, warning, info; got 'fatal'"),
    ('severity = "error"\n', "key 'severity': expected a table, got a string"),
    ('[per-file-ignores]\n"legacy/*" = "MET001"\n', "key 'per-file-ignores': 'legacy/*': expected an array"),
    ('per-file-ignores = ["legacy/*"]\n', "key 'per-file-ignores': expected a table, got an array"),
    ('rulesets = ["nowhere"]\n', "key 'rulesets': not a directory: "),
    ('baseline = " "\n', "key 'baseline': expected a file name, got an empty string"),
    ('[csv]\ncolumns = 3\n', "key 'csv': unknown key 'columns' (known: delimiter, map, preset)"),
    ('csv = "shopify"\n', "key 'csv': expected a table, got a string"),
    ('[csv]\npreset = "ebay"\n', "key 'csv.preset': expected one of auto, canonical, google, shopify, amazon; got 'ebay'"),
    ('[csv]\nmap = { "Name" = "headline" }\n', "key 'csv.map': 'Name': unknown CSV field 'headline'"),
    ('[csv]\nmap = { "Name" = 3 }\n', "key 'csv.map': 'Name': expected a string, got an integer"),
    ('[csv]\ndelimiter = ";;"\n', "key 'csv.delimiter': expected one character"),
    ('market = \n', "not valid TOML: Invalid value (at line 1, column 10)"),
])
def test_a_bad_config_names_the_file_and_the_key(tmp_path, text, message):
    config = _write(tmp_path / "loclint.toml", text)
    with pytest.raises(ConfigError) as excinfo:
        load(config)
    assert str(excinfo.value).startswith(f"{config}: ")
    assert message in str(excinfo.value)


def test_every_problem_in_a_file_is_reported_at_once(tmp_path):
    config = _write(tmp_path / "loclint.toml", """\
        channel = "shop"
        jobs = 0
        colour = "red"
        [csv]
        preset = "ebay"
        map = { "Name" = "headline", "Farbe" = "attributes.color", "Preis" = "cost" }
        """)
    with pytest.raises(ConfigError) as excinfo:
        load(config)
    assert [p.split(": ")[1] for p in excinfo.value.problems] == [
        "key 'channel'", "key 'jobs'", "key 'colour'", "key 'csv.preset'", "key 'csv.map'"]
    assert all(p.startswith(f"{config}: ") for p in excinfo.value.problems)
    assert "'Name': unknown CSV field 'headline'" in excinfo.value.problems[-1]
    assert "'Preis': unknown CSV field 'cost'" in excinfo.value.problems[-1]
    assert str(excinfo.value) == "\n".join(excinfo.value.problems)


def test_a_broken_pyproject_on_the_way_up_is_an_error_not_silence(tmp_path):
    _write(tmp_path / "loclint.toml", 'market = "DE"\n')
    broken = _write(tmp_path / "shop" / "pyproject.toml", '[tool.loclint]\nmarket = "AT\n')
    with pytest.raises(ConfigError) as excinfo:
        discover(tmp_path / "shop" / "feed.jsonl")
    assert str(excinfo.value).startswith(f"{broken}: not valid TOML: ") and "(at line 2, column" in str(excinfo.value)


def test_a_pyproject_tool_section_of_the_wrong_shape(tmp_path):
    _write(tmp_path / "loclint.toml", 'market = "DE"\n')
    _write(tmp_path / "a" / "pyproject.toml", 'tool = 3\n')  # no [tool.loclint]: not loclint's, look further up
    assert discover(tmp_path / "a" / "feed.jsonl") == (tmp_path / "loclint.toml").resolve()
    pyproject = _write(tmp_path / "b" / "pyproject.toml", '[tool]\nloclint = "DE"\n')
    assert discover(tmp_path / "b" / "feed.jsonl") == pyproject.resolve()
    with pytest.raises(ConfigError, match=r"pyproject.toml: key 'tool.loclint': expected a table, got a string"):
        load(pyproject)


def test_a_config_that_is_not_utf8_is_an_error(tmp_path):
    config = tmp_path / "loclint.toml"
    config.write_bytes('market = "DÄ"\n'.encode("latin-1"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        load(config)


def test_flags_beat_the_file_and_the_file_beats_the_default():
    file = Settings(market="DE", fail_on="error", select=("DE",), reader_options={"csv_map": (("Name", "title"),)})
    flags = Flags(market="AT", select=(), ignore=("MP",),
                  reader_options=(("csv_map", (("Farbe", "attributes.color"),)),))
    assert [resolve(name, flags, file) for name in ("market", "fail_on", "select", "ignore", "channel")] == [
        "AT", "error", ("DE",), ("MP",), "marketplace"]
    # --csv-map adds to the file's map; a later pair for the same column wins where the CSV reader reads them
    assert resolve("csv_map", flags, file) == (("Name", "title"), ("Farbe", "attributes.color"))
    assert resolve("fail_on", Flags(), Settings()) == all_options()["fail_on"].default == "warning"
    assert resolve("csv_preset", Flags(), Settings()) == "auto"  # a reader's default, from its declaration


def test_the_starter_config_loads(tmp_path):
    config = _write(tmp_path / "loclint.toml", starter(["DE", "AT"]))
    s = load(config)
    assert s.market == "DE" and s.channel == "marketplace" and s.fail_on == "warning"
    assert load(_write(tmp_path / "x" / "loclint.toml", starter([]))).market is None


def test_the_starter_config_names_every_setting_and_uncommented_it_is_valid(tmp_path):
    text = starter([])
    for option in all_options().values():
        if option.key:
            name = option.key.split(".")[-1]
            assert any(f"\n{shape}" in text for shape in (f"{name} = ", f"# {name} = ", f"# [{name}]\n")), name
            assert option.doc in " ".join(line.lstrip("# ") for line in text.splitlines()).replace("  ", " ")
    setting = re.compile(r'# ("?[\w.*/-]+"? = |\[[\w-]+\]$)')  # "# key = value", "# [table]", not the docs
    uncommented = "\n".join(line[2:] if setting.match(line) else line for line in text.splitlines())
    s = load(_write(tmp_path / "loclint.toml", uncommented.replace('"loclint-rules"', '"."')))
    assert (s.select, s.severity, s.per_file_ignores, s.reader_options["csv_map"]) == (
        ("DE", "EU", "MET"), {"MP003": "warning"}, {"legacy/*.jsonl": ("MET001",)}, (("Produktname", "title"),))




def test_a_team_ruleset_adds_rules_everywhere_and_can_replace_a_built_in(tmp_path):
    _write(tmp_path / "team" / "style.yml", team_rule("TEAM001"))
    book = load_rulebook(extra=(tmp_path / "team",))
    for market in ("DE", "US", "IN"):
        assert "TEAM001" in {r.code for r in book.rules_for(market)}
    linter = Linter(book, day=TODAY)
    record = build_record({"title": "Neue Headphones", "market": "DE"}, path="x", line=1, index=1)
    assert [f.rule for f in linter.lint_record(record) if f.rule == "TEAM001"] == ["TEAM001"]

    _write(tmp_path / "team2" / "override.yml", team_rule("DE013"))
    book = load_rulebook(extra=(tmp_path / "team2",))
    assert book.find("DE013").name == "team-house-style"
    assert [r.name for r in book.rules_for("DE") if r.code == "DE013"] == ["team-house-style"]


def test_a_team_rule_cannot_take_a_code_twice(tmp_path):
    _write(tmp_path / "team" / "a.yml", team_rule("TEAM001"))
    _write(tmp_path / "team" / "b.yml", team_rule("TEAM001"))
    with pytest.raises(RulesetError) as excinfo:
        load_rulebook(extra=(tmp_path / "team",))
    assert "rule TEAM001: code already used" in str(excinfo.value)


def test_severity_overrides_hold_on_every_date(rulebook):
    linter = Linter(rulebook, day=TODAY, severity={"de001": "info", "EU001": "warning"})
    rule = rulebook.find("DE001")
    example = rule.invalid[0]
    findings = [f for f in linter.market("DE").lint(example_record(example, "DE")) if f.rule == "DE001"]
    assert findings and all(str(f.severity) == "info" for f in findings)
    eu = [r for r in linter.market("DE").rules if r.code == "EU001"][0]
    assert str(eu.severity_on(TODAY)) == "warning" and str(eu.severity_on(TODAY.replace(year=2025))) == "warning"
    assert linter.cache_key() != Linter(rulebook, day=TODAY).cache_key()
