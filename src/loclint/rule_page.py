"""One rule's page, what `loclint rule CODE` prints and docs/rules/CODE.md holds, laid out like
ruff's rule pages (what it does, why, example, fix safety, source): the message as the rule's
first must-fire example really produces it, what the rule matches, its examples as Don't / Do,
and the file and line of its YAML."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Optional

from .model import Finding
from .rule_matches import escaped, what_it_matches
from .ruleset import Rulebook, Rule, default_rulesets_dir
from .ruleset.keys import SOURCE_GRADES, default_field
from .ruleset.rule import Example

FIX_SAFETY = {
    "safe": "Safe: the rewrite keeps the claim and changes only its form; `--fix` may apply it.",
    "unsafe": "Unsafe: the rewrite changes the claim; it is offered, and applied only when unsafe fixes are requested.",
    "display": "Advice only: shown, never applied.",
    None: "No automatic rewrite: the suggestion says what to do.",
}


class ExampleLinter:
    """Lints a rule's examples as tests/test_ruleset_examples.py does: with every rule of the
    example's market (or of the first market that loads the rule), on a day the rule is in force."""

    def __init__(self, rulebook: Rulebook):
        self.rulebook = rulebook
        self._linters: dict = {}  # day -> Linter; markets compile once for every page

    def market(self, rule: Rule, example: Example) -> Optional[str]:
        """The example's market, else the first that loads the rule (as the example tests pick
        it); None if there is none."""
        try:
            market = (example.market or self.rulebook.example_market(rule)).upper()
        except StopIteration:  # a ruleset no market loads yet
            return None
        return market if market in self.rulebook.markets else None

    def findings(self, rule: Rule, example: Example) -> list[Finding]:
        from .engine import Linter
        from .examples import every_rule, example_record

        market = self.market(rule, example)
        if market is None:
            return []
        day = rule.effective_from or dt.date.min  # without a date, every day is the same
        linter = self._linters.get(day)
        if linter is None:
            linter = self._linters[day] = Linter(self.rulebook, day=day, select=every_rule(self.rulebook))
        try:
            record = example_record(example, market)
        except ValueError:  # a field examples cannot fill: the page shows the template instead
            return []
        return [f for f in linter.market(market).lint(record) if f.rule == rule.code]


_shared: Optional[ExampleLinter] = None


def _examples_for(rulebook: Rulebook) -> ExampleLinter:
    """The last rulebook's ExampleLinter: callers asking for one page after another (the SARIF
    reporter, a page per rule that fired) then compile each market once, not once per page."""
    global _shared
    if _shared is None or _shared.rulebook is not rulebook:
        _shared = ExampleLinter(rulebook)
    return _shared


def markets_for(rulebook: Rulebook, rule: Rule) -> list[str]:
    return [m.code for m in rulebook.markets.values()
            if rule.ruleset in m.rulesets and (not rule.markets or m.code in rule.markets)]


def rule_page(rulebook: Rulebook, rule: Rule, examples: Optional[ExampleLinter] = None) -> str:
    markets = markets_for(rulebook, rule)
    sections = [
        _header(rule, markets),
        "## What it does\n\n" + _what_it_does(rule, examples or _examples_for(rulebook)),
        "## What it matches\n\n" + "\n".join(what_it_matches(rulebook, rule, markets)),
        "## Why is this bad?\n\n" + escaped(rule.why),
        "## Examples\n\n" + _examples(rule),
        "## Fix safety\n\n" + FIX_SAFETY[rule.fix.value if rule.fix else None]
        + (f"\n\nSuggestion: {escaped(rule.suggestion)}" if rule.suggestion else ""),
        "## Source\n\n" + _source(rule),
    ]
    return "\n\n".join(sections) + "\n"


def _header(rule: Rule, markets: list[str]) -> str:
    facts = [f"Severity: {rule.severity}", f"kind: {rule.kind}", f"ruleset: {rule.ruleset}",
             f"markets: {', '.join(markets) or 'none'}", f"fields: {', '.join(rule.fields)}"]
    lines = [f"# {rule.code} {rule.name}", "", " · ".join(facts)]
    if rule.effective_from:
        before = f" ({rule.severity_before} before that)" if rule.severity_before else " (not checked before)"
        lines.append(f"In force from {rule.effective_from.isoformat()}{before}.")
    if rule.off_by_default:
        lines.append(f"Off by default: it runs only when selected by code or name (`--select {rule.code}`, "
                     f"`extend-select = [\"{rule.code}\"]`).")
    if rule.scope == "offer":  # README: Offers and copy
        lines.append("Judges offers: records with a price, or every record where the configuration says "
                     "`offers = \"all\"`; copy without a price is not an offer.")
    if rule.aliases:  # selectors, suppressions and baselines that name a former code still work
        lines.append(f"Formerly: {', '.join(rule.aliases)}.")
    return "\n".join(lines)


def _what_it_does(rule: Rule, examples: ExampleLinter) -> str:
    """The message the first must-fire example really gets; the template if it gets none."""
    example = rule.invalid[0] if rule.invalid else None
    findings = examples.findings(rule, example) if example else []
    if not findings:
        return "It reports:\n\n" + _quoted(rule.message)
    return f"On {_shown(rule, example)} in {examples.market(rule, example)}, it reports:\n\n" + _quoted(findings[0].message)


def _examples(rule: Rule) -> str:
    lines = ["Don't (flagged; → the fix, where there is one):", ""]
    for example in rule.invalid:
        fix = f" → “{_one_line(example.fixed)}”" if example.fixed is not None else ""
        lines.append(f"- {_shown(rule, example)}{fix}")
    lines += ["", "Do (not flagged):", ""]
    lines += [f"- {_shown(rule, example)}" for example in rule.valid]
    return "\n".join(lines)


def _shown(rule: Rule, example: Example) -> str:
    parts = []
    if example.text is not None:
        field = "" if example.field == default_field(rule.fields) else f"{example.field}: "
        parts.append(f"{field}“{_one_line(example.text)}”")
    if example.record:
        record = escaped(json.dumps(example.record, ensure_ascii=False, default=str))
        parts.append(f"with record {record}" if parts else f"record {record}")
    if example.market:
        parts.append(f"[market {example.market}]")
    return " ".join(parts)


def _source(rule: Rule) -> str:
    grade = SOURCE_GRADES.get(rule.source.grade, rule.source.grade)
    cited = f"{escaped(rule.source.title)} ({grade})" + (f" <{rule.source.url}>" if rule.source.url else "")
    # A rule that extends another matches like it: say where the shared triggers are kept.
    shared = f"; it matches like {rule.extends} (`extends`), adding its own triggers and exceptions" \
        if rule.extends else ""
    return f"{cited}\n\nDefined in `{defined_in(rule)}`{shared}."


def defined_in(rule: Rule) -> str:
    """``rulesets/de/claims.yml:40`` for a built-in rule (wherever loclint is installed), else
    the path as loaded."""
    path = Path(rule.file)
    try:
        shown = (Path("rulesets") / path.relative_to(default_rulesets_dir())).as_posix()
    except ValueError:
        shown = str(path)
    return f"{shown}:{rule.line}" if rule.line else shown


def _quoted(text: str) -> str:
    return "\n".join(f"> {escaped(line)}" if line else ">" for line in text.splitlines())


def _one_line(text: str) -> str:
    return escaped(text.replace("\n", " ↵ "))
