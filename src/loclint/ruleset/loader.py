"""Load and validate rulesets: rulesets/markets.yml, rulesets/languages.yml, rulesets/currencies.yml,
rulesets/vocab/*.yml, rulesets/<name>/*.yml.

Every problem is collected and reported together, each naming the file, the rule and the key,
so a ruleset author fixes them in one pass.
"""
from __future__ import annotations

import datetime as dt
import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Optional

import yaml

from ..model import Applicability, Severity, Source
from .conditions import parse_condition
from ..text.lemmas import LanguageData
from .currencies import Currencies
from .rule import SCOPE_GROUPS, Example, MarketConfig, Rule
from .vocab import expand as expand_vocabularies, load_vocabularies

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

COMMON_KEYS = {
    "code", "name", "kind", "severity", "fields", "message", "why", "source", "fix", "suggestion",
    "effective_from", "severity_before", "when", "unless", "tags", "markets", "examples", "replaces",
}
REQUIRED_KEYS = ("code", "name", "kind", "severity", "message", "why", "source")
SOURCE_GRADES = {"L", "C", "P", "K", "W"}
VOCAB_DIR = "vocab"  # shared lists rules name as {vocab:name} (ruleset.vocab), not a ruleset


class RulesetError(Exception):
    """One or more ruleset problems; ``problems`` lists them, each naming file, rule and key."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Rulebook:
    markets: dict[str, MarketConfig]
    languages: dict[str, LanguageData]
    rules: dict[str, list[Rule]]  # ruleset name -> rules in file order
    data: dict[str, Any]  # shared tables kinds read: "currencies" (ruleset.currencies.Currencies)
    fingerprint: str  # changes whenever any ruleset file changes (cache key)
    extra: tuple[str, ...] = ()  # the team's rulesets: every market loads them last
    detect_also: tuple[str, ...] = ()  # languages detected besides the markets' (markets.yml)

    @property
    def candidate_languages(self) -> tuple[str, ...]:
        """The languages the language detector chooses among: every market's, then detect_also."""
        markets = (lang for market in self.markets.values() for lang in market.languages)
        return tuple(dict.fromkeys((*markets, *self.detect_also)))

    def market(self, code: str) -> MarketConfig:
        return self.markets[code.upper()]

    def rules_for(self, market: str) -> list[Rule]:
        """Rules of every ruleset the market composes; a later ruleset overrides a code, and a
        rule may replace others (a market's legal duty instead of the generic warning)."""
        config = self.market(market)
        by_code: dict[str, Rule] = {}
        for ruleset in (*config.rulesets, *self.extra):
            for rule in self.rules.get(ruleset, []):
                if not rule.markets or config.code in rule.markets:
                    by_code[rule.code] = rule
        replaced = {code for rule in by_code.values() for code in rule.replaces}
        return [rule for code, rule in by_code.items() if code not in replaced]

    def all_rules(self) -> list[Rule]:
        return [rule for rules in self.rules.values() for rule in rules]

    def find(self, code: str) -> Optional[Rule]:
        # The last one: a team's rule replaces the built-in rule of the same code.
        return next((r for r in reversed(self.all_rules()) if r.code == code.upper()), None)

    def example_market(self, rule: Rule) -> str:
        if rule.markets:
            return rule.markets[0]
        return next(m.code for m in self.markets.values() if rule.ruleset in (*m.rulesets, *self.extra))


def default_rulesets_dir() -> Path:
    packaged = Path(__file__).resolve().parent.parent / "rulesets"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "rulesets"  # a source checkout


def read_rulebook(directory: Optional[os.PathLike], extra: tuple, kinds: Mapping[str, Any]) -> Rulebook:
    """The rulesets in ``directory`` (the built-in ones by default), plus a team's own rule
    directories in ``extra``: their rules apply in every market (or the ones a rule's `markets`
    names) and replace a built-in rule of the same code. ``kinds`` maps each rule kind to what
    validates its keys (``OPTIONS``, ``validate``): the caller passes it (loclint.rulebook), as
    the rule format is a layer below the code that checks rules."""
    root = Path(directory or default_rulesets_dir())
    problems: list[str] = []
    files = [path for path in sorted(root.glob("*/*.yml")) + sorted(root.glob("*/*.yaml"))
             if path.parent.name != VOCAB_DIR]
    extra_files = []
    for index, folder in enumerate(Path(d) for d in extra):
        name = f"extra{index + 1}:{folder.name}"
        found = sorted(folder.glob("*.yml")) + sorted(folder.glob("*.yaml")) + \
            sorted(folder.glob("*/*.yml")) + sorted(folder.glob("*/*.yaml"))
        if not folder.is_dir():
            problems.append(f"{folder}: ruleset directory not found")
        extra_files += [(path, name) for path in found]
    hasher = _Fingerprint()
    markets, detect_also = _load_markets(root / "markets.yml", problems, hasher)
    languages = {
        lang: LanguageData.from_yaml(data or {})
        for lang, data in (_read_yaml(root / "languages.yml", problems, hasher) or {}).items()
    }
    currencies = Currencies.from_yaml(_read_yaml(root / "currencies.yml", problems, hasher), root / "currencies.yml", problems)
    shared = {"currencies": currencies}
    vocabularies = load_vocabularies(root / VOCAB_DIR, lambda path: _read_yaml(path, problems, hasher), problems)
    rules: dict[str, list[Rule]] = {}
    seen: dict[str, str] = {}
    for path, ruleset in [(p, p.parent.name) for p in files] + extra_files:
        doc = _read_yaml(path, problems, hasher)
        if doc is None:
            continue
        if not isinstance(doc, dict) or not isinstance(doc.get("rules"), list):
            problems.append(f"{path}: expected a mapping with a 'rules' list")
            continue
        for index, data in enumerate(doc["rules"]):
            if isinstance(data, dict):
                data = expand_vocabularies(data, vocabularies, f"{path}: rule {data.get('code', f'#{index + 1}')}", problems)
            rule = _parse_rule(data, path, ruleset, index, kinds, problems)
            if rule is None:
                continue
            overrides = ruleset.startswith("extra") and seen.get(rule.code, "").startswith(str(root))
            if rule.code in seen and not overrides:
                problems.append(f"{path}: rule {rule.code}: code already used in {seen[rule.code]}")
                continue
            seen[rule.code] = str(path)
            rules.setdefault(ruleset, []).append(rule)
    for market in markets.values():
        for name in market.rulesets:
            if name not in rules:
                problems.append(f"{root / 'markets.yml'}: market {market.code}: unknown ruleset {name!r}")
    if problems:
        raise RulesetError(problems)
    extra_names = tuple(dict.fromkeys(name for _, name in extra_files if name in rules))
    return Rulebook(markets, languages, rules, shared, hasher.hexdigest(), extra_names, detect_also)


class _Fingerprint:
    def __init__(self):
        import hashlib

        self._hash = hashlib.sha256()

    def add(self, path: Path, data: bytes) -> None:
        self._hash.update(path.name.encode() + b"\0" + data + b"\0")

    def hexdigest(self) -> str:
        return self._hash.hexdigest()[:16]


def _read_yaml(path: Path, problems: list[str], hasher: _Fingerprint) -> Any:
    try:
        data = path.read_bytes()
        hasher.add(path, data)
        return yaml.load(data.decode("utf-8"), Loader=_Loader)
    except FileNotFoundError:
        problems.append(f"{path}: file missing")
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: not valid YAML: {exc}")
    return None


def _load_markets(path: Path, problems: list[str], hasher) -> tuple[dict[str, MarketConfig], tuple[str, ...]]:
    """The markets, and the languages detected besides theirs (``detect_also``)."""
    doc = _read_yaml(path, problems, hasher) or {}
    detect_also = doc.get("detect_also", [])
    if not isinstance(detect_also, list) or not all(isinstance(lang, str) for lang in detect_also):
        problems.append(f"{path}: key 'detect_also': expected a list of ISO 639-1 language codes")
        detect_also = []
    markets = {}
    for code, data in (doc.get("markets") or {}).items():
        try:
            markets[code.upper()] = MarketConfig(
                code=code.upper(),
                name=data["name"],
                locale=data["locale"],
                currency=data["currency"],
                languages=tuple(data["languages"]),
                rulesets=tuple(data["rulesets"]),
            )
        except (KeyError, TypeError) as exc:
            problems.append(f"{path}: market {code}: missing or bad key {exc}")
    return markets, tuple(detect_also)


def _parse_rule(data: Any, path: Path, ruleset: str, index: int, kinds: dict, problems: list[str]) -> Optional[Rule]:
    where = f"{path}: rule {data.get('code', f'#{index + 1}') if isinstance(data, dict) else f'#{index + 1}'}"
    if not isinstance(data, dict):
        problems.append(f"{where}: a rule must be a mapping")
        return None
    before = len(problems)

    def bad(key: str, message: str) -> None:
        problems.append(f"{where}: key '{key}': {message}")

    for key in REQUIRED_KEYS:
        if key not in data:
            bad(key, "required")
    kind = kinds.get(data.get("kind"))
    if "kind" in data and kind is None:
        bad("kind", f"unknown kind {data['kind']!r} (known: {', '.join(sorted(kinds))})")
    if kind is None:  # without a kind its keys cannot be judged
        return None

    option_specs = kind.OPTIONS
    for key in data:
        if key not in COMMON_KEYS and key not in option_specs:
            bad(key, f"unknown key for a {data['kind']} rule")
    if len(problems) > before:  # a missing required key: what follows would read it
        return None
    options = {}
    for key, spec in option_specs.items():
        if key in data:
            if not isinstance(data[key], spec.types):
                bad(key, f"expected {spec.describe()}, got {type(data[key]).__name__}")
            options[key] = data[key]
        elif spec.required:
            bad(key, "required")
        else:
            options[key] = spec.default
    code = str(data["code"])
    if not code.isupper() or not code[-3:].isdigit():
        bad("code", "use a market prefix in capitals and three digits, e.g. DE001")

    severity = _severity(data, "severity", bad)
    severity_before = _severity(data, "severity_before", bad) if "severity_before" in data else None
    source = _source(data.get("source"), bad)
    fields = data.get("fields", ["text"])
    if not isinstance(fields, list) or not all(isinstance(f, str) for f in fields):
        bad("fields", "expected a list of field scopes")
        fields = []
    fix = None
    if "fix" in data:
        try:
            fix = Applicability(data["fix"])
        except ValueError:
            bad("fix", "expected safe, unsafe or display")
    effective = data.get("effective_from")
    if effective is not None and not isinstance(effective, dt.date):
        bad("effective_from", "expected a date, e.g. 2026-09-27")
        effective = None
    when = _conditions(data.get("when", []), "when", bad)
    unless = _conditions(data.get("unless", []), "unless", bad)
    invalid, valid = _examples(data.get("examples"), fields, bad)
    markets = tuple(m.upper() for m in data.get("markets", []))
    if len(problems) > before:
        return None
    rule = Rule(
        code=code, name=str(data["name"]), kind=data["kind"], severity=severity,
        fields=tuple(fields), message=str(data["message"]).strip(), why=str(data["why"]).strip(),
        source=source, ruleset=ruleset, file=str(path), options=options, fix=fix,
        suggestion=str(data.get("suggestion", "")).strip(), effective_from=effective,
        severity_before=severity_before, when=when, unless=unless,
        tags=tuple(data.get("tags", [])), markets=markets, invalid=invalid, valid=valid,
        replaces=tuple(str(c).upper() for c in data.get("replaces", [])),
    )
    for message in getattr(kind, "validate", lambda r: [])(rule):
        problems.append(f"{where}: {message}")
    return rule if len(problems) == before else None


def _severity(data, key, bad) -> Optional[Severity]:
    try:
        return Severity.parse(str(data[key]))
    except KeyError:
        bad(key, "expected error, warning or info")
        return None


def _source(data, bad) -> Source:
    if not isinstance(data, dict) or not data.get("title"):
        bad("source", "expected a mapping with title, url and grade")
        return Source("")
    grade = str(data.get("grade", ""))
    if grade not in SOURCE_GRADES:
        bad("source", f"grade must be one of {sorted(SOURCE_GRADES)} (L statute, C case law, P platform policy, K convention, W weak)")
    return Source(str(data["title"]).strip(), str(data.get("url", "")), grade)


def _conditions(data, key, bad) -> tuple:
    if not isinstance(data, list):
        bad(key, "expected a list of conditions")
        return ()
    out = []
    for item in data:
        try:
            out.append(parse_condition(item))
        except ValueError as exc:
            bad(key, str(exc))
    return tuple(out)


def default_field(fields) -> str:
    """The field an example's text goes into when it names none."""
    concrete = []
    for scope in fields:
        concrete.extend(SCOPE_GROUPS.get(scope, (scope,)))
    if "description" in concrete:
        return "description"
    return next((s for s in concrete if s not in ("all", "attributes", "images", "price")), "description")


def _examples(data, fields, bad) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    if not isinstance(data, dict):
        bad("examples", "expected a mapping with 'invalid' and 'valid' lists")
        return (), ()
    out = {}
    for group in ("invalid", "valid"):
        items = data.get(group) or []
        parsed = []
        for item in items:
            if isinstance(item, str):
                item = {"text": item}
            if not isinstance(item, dict):
                bad("examples", f"{group} example must be text or a mapping: {item!r}")
                continue
            extra = set(item) - {"text", "field", "fixed", "count", "market", "record", "attributes"}
            if extra:
                bad("examples", f"unknown example key(s) {sorted(extra)}")
                continue
            record = dict(item.get("record") or {})
            if "attributes" in item:
                record["attributes"] = item["attributes"]
            if item.get("text") is None and not record:
                bad("examples", f"{group} example needs text or record")
                continue
            parsed.append(Example(
                text=item.get("text"), field=item.get("field") or default_field(fields), record=record,
                fixed=item.get("fixed"), count=item.get("count"), market=item.get("market"),
            ))
        out[group] = tuple(parsed)
    extra = set(data) - {"invalid", "valid"}
    if extra:
        bad("examples", f"unknown key(s) {sorted(extra)}")
    return out["invalid"], out["valid"]


@functools.lru_cache(maxsize=1)
def builtin_currencies() -> Currencies:
    """The built-in currency table, for readers that read prices before any rulebook exists."""
    path = default_rulesets_dir() / "currencies.yml"
    problems: list[str] = []
    table = Currencies.from_yaml(_read_yaml(path, problems, _Fingerprint()), path, problems)
    if problems:
        raise RulesetError(problems)
    return table
