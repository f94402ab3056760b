import datetime as dt
import shutil

import pytest
from click.testing import CliRunner

from loclint.engine import Linter
from loclint.rulebook import load_rulebook
from loclint.ruleset import default_rulesets_dir

# Rule examples are written for the rules as they stand today; a fixed date keeps date-aware
# rules (effective_from) deterministic whatever day the suite runs.
TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def rulesets(tmp_path):
    """A writable copy of the built-in rulesets, for tests that break one on purpose."""
    shutil.copytree(default_rulesets_dir(), tmp_path / "rulesets")
    return tmp_path / "rulesets"


@pytest.fixture(scope="session")
def rulebook():
    return load_rulebook()


@pytest.fixture(scope="session")
def linter(rulebook):
    return Linter(rulebook, day=TODAY)


@pytest.fixture(scope="session")
def every_rule_linter(rulebook):
    """The off-by-default rules switched on too, for tests that exercise every rule."""
    from loclint.examples import every_rule

    return Linter(rulebook, day=TODAY, select=every_rule(rulebook))


def runner() -> CliRunner:
    """stdout and stderr apart: click 8.2+ always keeps both, 8.1 only when asked."""
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()


def team_rule(code: str = "TEAM001", *, severity: str = "info", extra: str = "") -> str:
    """A team ruleset file with one terms rule (house style: "Headphones" → "Kopfhörer");
    ``extra`` adds YAML lines to the rule, e.g. "aliases: [TEAM001]" or "tags: [de]"."""
    lines = "".join(f"    {line}\n" for line in extra.splitlines())
    return f"""\
rules:
  - code: {code}
{lines}    name: team-house-style
    kind: terms
    severity: {severity}
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


def team_project(tmp_path, rule: str, title: str, config: str = "", suppression: str = ""):
    """A feed with one DE record titled ``title``, the team's ruleset ``rule`` (team_rule()) and a
    loclint.toml that loads it plus ``config``; ``suppression`` goes into the record's _loclint."""
    import json
    import textwrap

    (tmp_path / "team").mkdir(exist_ok=True)
    (tmp_path / "team" / "style.yml").write_text(rule, encoding="utf-8")
    (tmp_path / "loclint.toml").write_text('rulesets = ["team"]\n' + textwrap.dedent(config), encoding="utf-8")
    record = {"id": "a", "market": "DE", "title": title}
    if suppression:
        record["_loclint"] = suppression
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return feed


def run_check(*args):
    """`loclint check` with JSON output on the fixed date, no cache, never failing on findings."""
    from loclint.cli import main

    return runner().invoke(main, ["check", "--format", "json", "--no-cache", "--date", TODAY.isoformat(),
                                  "--fail-on", "never", *map(str, args)])


def rules_found(*args) -> set:
    """The codes `loclint check` reports (run_check), after asserting it ran."""
    import json

    result = run_check(*args)
    assert result.exit_code == 0, result.stderr
    return {f["rule"] for f in json.loads(result.stdout)["findings"]}
