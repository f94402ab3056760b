"""Settings files: discovery, every key checked, flags over files; team rulesets; severities."""
import textwrap
from pathlib import Path

import pytest

from conftest import TODAY
from loclint.config import ConfigError, Settings, discover, load, starter, with_overrides
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
        select = ["de", "EU"]
        extend-select = ["MET001"]
        ignore = ["DE013"]
        fail-on = "error"
        format = "concise"
        language-detector = "langdetect"
        jobs = 2
        rulesets = ["team-rules"]
        baseline = "base.json"
        [severity]
        mp003 = "warning"
        [per-file-ignores]
        "legacy/*.jsonl" = ["met001"]
        [csv]
        preset = "shopify"
        map = { "Produktname" = "title" }
        """)
    s = load(config)
    assert (s.market, s.locale, s.channel, s.fail_on, s.output_format, s.language_detector, s.jobs) == (
        "DE", "de-DE", "own-store", "error", "concise", "langdetect", 2)
    assert s.select == ("DE", "EU") and s.extend_select == ("MET001",) and s.ignore == ("DE013",)
    assert s.severity == {"MP003": "warning"}
    assert s.rulesets == (rules.resolve(),)
    assert s.baseline == tmp_path / "base.json"
    assert s.reader_options == {"csv": {"preset": "shopify", "map": {"Produktname": "title"}}}
    assert s.ignored_for(str(tmp_path / "legacy" / "old.jsonl")) == ("MET001",)
    assert s.ignored_for(str(tmp_path / "new.jsonl")) == ()
    assert s.as_dict()["market"] == "DE"


@pytest.mark.parametrize("text, message", [
    ('colour = "red"\n', "key 'colour': unknown setting"),
    ('select = "DE"\n', "key 'select': expected list, got str"),
    ('jobs = 0\n', "key 'jobs': expected a number of at least 1"),
    ('fail-on = "sometimes"\n', "key 'fail-on': expected one of error, warning, info, never"),
    ('[severity]\nDE001 = "fatal"\n', "key 'severity': DE001 = 'fatal'"),
    ('rulesets = ["nowhere"]\n', "key 'rulesets':"),
    ('[csv]\ncolumns = 3\n', "key 'csv': unknown key 'columns'"),
    ('market = \n', "not valid TOML"),
])
def test_a_bad_config_names_the_file_and_the_key(tmp_path, text, message):
    config = _write(tmp_path / "loclint.toml", text)
    with pytest.raises(ConfigError) as excinfo:
        load(config)
    assert str(excinfo.value).startswith(f"{config}: ")
    assert message in str(excinfo.value)


def test_flags_beat_the_file():
    s = Settings(market="DE", fail_on="error", select=("DE",))
    s = with_overrides(s, market="AT", fail_on=None, select=(), ignore=("MP",))
    assert (s.market, s.fail_on, s.select, s.ignore) == ("AT", "error", ("DE",), ("MP",))


def test_the_starter_config_loads(tmp_path):
    config = _write(tmp_path / "loclint.toml", starter(["de", "at"]))
    s = load(config)
    assert s.market == "DE" and s.channel == "marketplace" and s.fail_on == "warning"
    assert load(_write(tmp_path / "x" / "loclint.toml", starter([]))).market is None


TEAM_RULE = """\
rules:
  - code: {code}
    name: team-house-style
    kind: terms
    severity: info
    fields: [text]
    message: "“{{match}}”: our house style says “Kopfhörer”."
    why: the team's own style
    source: {{title: Team style guide, url: "https://example.org/style", grade: K}}
    triggers:
      de: [Headphones]
    examples:
      invalid: ["Neue Headphones"]
      valid: ["Neue Kopfhörer"]
"""


def test_a_team_ruleset_adds_rules_everywhere_and_can_replace_a_built_in(tmp_path):
    _write(tmp_path / "team" / "style.yml", TEAM_RULE.format(code="TEAM001"))
    book = load_rulebook(extra=(tmp_path / "team",))
    for market in ("DE", "US", "IN"):
        assert "TEAM001" in {r.code for r in book.rules_for(market)}
    linter = Linter(book, day=TODAY)
    record = build_record({"title": "Neue Headphones", "market": "DE"}, path="x", line=1, index=1)
    assert [f.rule for f in linter.lint_record(record) if f.rule == "TEAM001"] == ["TEAM001"]

    _write(tmp_path / "team2" / "override.yml", TEAM_RULE.format(code="DE013"))
    book = load_rulebook(extra=(tmp_path / "team2",))
    assert book.find("DE013").name == "team-house-style"
    assert [r.name for r in book.rules_for("DE") if r.code == "DE013"] == ["team-house-style"]


def test_a_team_rule_cannot_take_a_code_twice(tmp_path):
    _write(tmp_path / "team" / "a.yml", TEAM_RULE.format(code="TEAM001"))
    _write(tmp_path / "team" / "b.yml", TEAM_RULE.format(code="TEAM001"))
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
