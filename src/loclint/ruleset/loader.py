"""Load and validate rulesets: rulesets/markets.yml, rulesets/languages.yml, rulesets/currencies.yml,
rulesets/vocab/*.yml, rulesets/contexts/*.yml, rulesets/<name>/*.yml.

Every problem is collected and reported together, each naming the file, the rule and the key,
so a ruleset author fixes them in one pass.

The built-in rulesets, when they are byte for byte the ones the package shipped, are read from
their precomputed form without YAML or the checks the test suite ran on them (ruleset/shipped.py).
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional

from ..text.lemmas import LanguageData
from .bounded import bounded_conditions
from .contexts import Context, load_contexts
from .currencies import Currencies
from .extends import resolve as resolve_extends
from .keys import RULE_KEYS, RULE_KEYS_BY_NAME, UnbuiltExamples, examples_in
from .regex_guard import checked_by_tests, regex_problem
from .rule import MarketConfig, Rule
from .templates import literal_problems, message_problems
from .listing import yaml_files
from .shipped import Document, Sources, checked_documents, read_sources
from .vocab import expand as expand_vocabularies, load_vocabularies

VOCAB_DIR = "vocab"  # shared lists rules name as {vocab:name} (ruleset.vocab), not a ruleset
CONTEXTS_DIR = "contexts"  # named contexts rules name in `unless_in` (ruleset.contexts), not a ruleset
_TEAM_PREFIX = "extra"  # the ruleset name of a team's rule directory: extra1:<folder>


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
    contexts: dict[str, Context] = field(default_factory=dict)  # rulesets/contexts, by name
    about: dict[str, str] = field(default_factory=dict)  # ruleset name -> what its files' `about` say

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
        code = self.aliases().get(code.upper(), code.upper())
        return next((r for r in reversed(self.all_rules()) if r.code == code), None)

    def aliases(self) -> dict[str, str]:
        """Former code -> the rule's code now (a renumbered rule's `aliases`)."""
        return {alias: rule.code for rule in self.all_rules() for alias in rule.aliases}

    def example_market(self, rule: Rule) -> str:
        if rule.markets:
            return rule.markets[0]
        return next(m.code for m in self.markets.values() if rule.ruleset in (*m.rulesets, *self.extra))


def default_rulesets_dir() -> Path:
    packaged = Path(__file__).resolve().parent.parent / "rulesets"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "rulesets"  # a source checkout


def read_rulebook(directory: Optional[os.PathLike], extra: tuple, kinds: Mapping[str, Any],
                  precomputed: bool = True) -> Rulebook:
    """The rulesets in ``directory`` (the built-in ones by default), plus a team's own rule
    directories in ``extra``: their rules apply in every market (or the ones a rule's `markets`
    names) and replace a built-in rule of the same code. ``kinds`` maps each rule kind to what
    validates its keys (``OPTIONS``, ``validate``): the caller passes it (loclint.rulebook), as
    the rule format is a layer below the code that checks rules. ``precomputed=False`` reads
    and checks the YAML even where the shipped form would do (the test suite's full check)."""
    root = Path(directory or default_rulesets_dir())
    sources = read_sources(root)
    return _read_rulebook(root, extra, kinds, checked_documents(root, sources) if precomputed else None, sources)


def _read_rulebook(root: Path, extra: tuple, kinds: Mapping[str, Any], shipped: Optional[dict[Path, Document]],
                   sources: Sources) -> Rulebook:
    """read_rulebook; ``shipped``: the documents of ``root``'s files, which the test suite
    checked (their checks are skipped), or None to read and check the YAML; ``sources``:
    ``root``'s files as shipped.read_sources read them."""
    problems: list[str] = []
    files = [path for name, path in sources.files
             if "/" in name and name.partition("/")[0] not in (VOCAB_DIR, CONTEXTS_DIR)]
    extra_files = []
    for index, folder in enumerate(Path(d) for d in extra):
        name = f"{_TEAM_PREFIX}{index + 1}:{folder.name}"
        found = [path for _, path in yaml_files(folder)]
        if not folder.is_dir():
            problems.append(f"{folder}: ruleset directory not found")
        extra_files += [(path, name) for path in found]
    # The rulesets directory's files are in the fingerprint through their digest, which the
    # shipped form's check has worked out: hashing each again as it is read was 14 M instructions.
    hasher = _Fingerprint(sources.digest)
    read = functools.partial(_read_document, problems=problems, hasher=hasher, shipped=shipped,
                             contents=sources.contents)
    markets, detect_also = _load_markets(root / "markets.yml", problems, hasher, shipped, sources.contents)
    languages = {
        lang: LanguageData.from_yaml(data or {})
        for lang, data in (read(root / "languages.yml")[0] or {}).items()
    }
    currencies = Currencies.from_yaml(read(root / "currencies.yml")[0], root / "currencies.yml", problems)
    problems += [f"{root / 'currencies.yml'}: local symbols of {code}: no such market in markets.yml"
                 for code in currencies.local if code not in markets]
    shared = {"currencies": currencies}
    vocabularies = load_vocabularies(root / VOCAB_DIR, lambda path: read(path)[0], problems,
                                     check=shipped is None)
    contexts = load_contexts(root / CONTEXTS_DIR, lambda path: read(path)[0], vocabularies, problems,
                             check=shipped is None)
    rules: dict[str, list[Rule]] = {}
    seen: dict[str, str] = {}
    read_rules = []  # (path, ruleset, index, line, the rule as read), in load order
    about: dict[str, list[str]] = {}
    for path, ruleset in [(p, p.parent.name) for p in files] + extra_files:
        team = ruleset.startswith(_TEAM_PREFIX)
        doc, lines = read(path, shipped=None if team else shipped)
        if doc is None:
            continue
        if not isinstance(doc, dict) or not isinstance(doc.get("rules"), list):
            problems.append(f"{path}: expected a mapping with a 'rules' list")
            continue
        read_rules += [(path, ruleset, index, lines[index] if index < len(lines) else 0, data)
                       for index, data in enumerate(doc["rules"])]
        if "about" in doc:
            if isinstance(doc["about"], str) and doc["about"].strip():
                about.setdefault(ruleset, []).append(" ".join(doc["about"].split()))
            else:
                problems.append(f"{path}: key 'about': expected a phrase saying what the file's rules cover")
    # `extends` needs every rule read first: a base may come from a later file (at/ before de/).
    extended = resolve_extends([(f"{path}: rule {_code_of(data, index)}", data)
                                for path, _, index, _, data in read_rules], problems)
    failed: set = set()  # codes of rules dropped for their problems
    inherited: list[tuple[str, list[str]]] = []  # (base code, an extending rule's problems)
    for (path, ruleset, index, line, raw), data in zip(read_rules, extended):
        if data is None:
            continue
        team = ruleset.startswith(_TEAM_PREFIX)
        # A problem in a key the rule took from its base is the base's to report, once, in the
        # base's file: an extending rule's problems are kept aside until the base is known good.
        found = problems if not (isinstance(raw, dict) and "extends" in raw) else []
        if found is not problems:
            inherited.append((raw["extends"], found))
        if isinstance(data, dict):
            data = expand_vocabularies(data, vocabularies, f"{path}: rule {data.get('code', f'#{index + 1}')}", found)
        checked = shipped is not None and not team
        with checked_by_tests(checked):
            rule = _parse_rule(data, path, ruleset, index, kinds, found, line, checked)
        if rule is not None:
            rule = _with_contexts(rule, contexts, kinds[rule.kind], found)
        if rule is None:
            failed.add(_code_of(data, index))
            continue
        overrides = ruleset.startswith(_TEAM_PREFIX) and seen.get(rule.code, "").startswith(str(root))
        if rule.code in seen and not overrides:
            problems.append(f"{path}: rule {rule.code}: code already used in {seen[rule.code]}")
            continue
        seen[rule.code] = str(path)
        rules.setdefault(ruleset, []).append(rule)
    problems += [problem for base, found in inherited if base not in failed for problem in found]
    _check_aliases(rules, problems)
    for market in markets.values():
        for name in market.rulesets:
            if name not in rules:
                problems.append(f"{root / 'markets.yml'}: market {market.code}: unknown ruleset {name!r}")
    if problems:
        raise RulesetError(problems)
    extra_names = tuple(dict.fromkeys(name for _, name in extra_files if name in rules))
    return Rulebook(markets, languages, rules, shared, hasher.hexdigest(), extra_names, detect_also, contexts,
                    {name: "; ".join(phrases) for name, phrases in about.items()})


def _code_of(data: Any, index: int) -> str:
    return data.get("code", f"#{index + 1}") if isinstance(data, dict) else f"#{index + 1}"


def _with_contexts(rule: Rule, contexts: dict[str, Context], kind, problems: list[str]) -> Optional[Rule]:
    """The rule with its `unless_in` names resolved to the contexts; None after reporting a name
    rulesets/contexts lacks, or `unless_in` on a kind that flags no span (nothing to be inside)."""
    if not rule.unless_in:
        return rule
    where = f"{rule.file}: rule {rule.code}: key 'unless_in'"
    if "exceptions" not in kind.OPTIONS:
        problems.append(f"{where}: a {rule.kind} rule flags no span of text, so no context can contain it")
        return None
    unknown = [name for name in rule.unless_in if name not in contexts]
    if unknown:
        known = ", ".join(sorted(contexts)) or "none"
        problems.append(f"{where}: unknown context(s) {', '.join(map(repr, unknown))} (rulesets/contexts has: {known})")
        return None
    return rule.replaced(unless_in=tuple(contexts[name] for name in rule.unless_in))


class _Fingerprint:
    def __init__(self, directory_digest: str = ""):
        import hashlib

        self._hash = hashlib.sha256(directory_digest.encode())

    def add(self, path: Path, data: bytes) -> None:
        self._hash.update(path.name.encode() + b"\0" + data + b"\0")

    def hexdigest(self) -> str:
        return self._hash.hexdigest()[:16]


def _read_document(path: Path, problems: list[str], hasher: _Fingerprint,
                   shipped: Optional[dict[Path, Document]] = None,
                   contents: Optional[dict[Path, bytes]] = None) -> tuple[Any, list[int]]:
    """The file's document and the line where each of its rules starts; from ``shipped`` (the
    precomputed form, ruleset/shipped.py) when it has the file, else read from YAML. A file of
    the rulesets directory comes from ``contents`` (shipped.Sources: in the fingerprint through
    their digest); another (a team's) is read, and its bytes go into the fingerprint."""
    data = contents.get(path) if contents is not None else None
    if data is None:
        data = _file_bytes(path, problems)
        if data is None:
            return None, []
        hasher.add(path, data)
    document = shipped.get(path) if shipped is not None else None
    if document is not None:
        return document.data, document.rule_lines
    return _parse_yaml(path, data, problems)


def read_yaml_document(path: Path, problems: list[str]) -> tuple[Any, list[int]]:
    """The file's document and the line where each of its rules starts, read from YAML."""
    data = _file_bytes(path, problems)
    return (None, []) if data is None else _parse_yaml(path, data, problems)


def _file_bytes(path: Path, problems: list[str]) -> Optional[bytes]:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        problems.append(f"{path}: file missing")
        return None


def _parse_yaml(path: Path, data: bytes, problems: list[str]) -> tuple[Any, list[int]]:
    """What yaml.load gives, keeping the node tree for the rules' line numbers; (None, [])
    after reporting a problem. PyYAML is imported here: a run on the shipped rulesets needs none."""
    import yaml

    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(data.decode("utf-8"))
        try:
            node = loader.get_single_node()
            return (loader.construct_document(node) if node is not None else None), _rule_lines(node)
        finally:
            loader.dispose()
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: not valid YAML: {exc}")
    return None, []


def _rule_lines(node) -> list[int]:
    """The 1-based line where each item of the top-level `rules` list starts (``node``: the
    document's yaml.Node, or None)."""
    import yaml

    lines: list[int] = []
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) == "rules" and isinstance(value, yaml.SequenceNode):
                lines = [item.start_mark.line + 1 for item in value.value]
    return lines


def _load_markets(path: Path, problems: list[str], hasher, shipped: Optional[dict[Path, Document]] = None,
                  contents: Optional[dict[Path, bytes]] = None) -> tuple[dict[str, MarketConfig], tuple[str, ...]]:
    """The markets, and the languages detected besides theirs (``detect_also``)."""
    doc = _read_document(path, problems, hasher, shipped, contents)[0] or {}
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


def _parse_rule(data: Any, path: Path, ruleset: str, index: int, kinds: dict, problems: list[str],
                line: int = 0, checked: bool = False) -> Optional[Rule]:
    """The rule, or None after adding every problem it has to ``problems``: first the keys it
    lacks or should not have, then (when there are none) each key's value, then the kind's checks
    (skipped when ``checked``: a shipped rule the test suite checked, ruleset/shipped.py)."""
    if not isinstance(data, dict):
        problems.append(f"{path}: rule #{index + 1}: a rule must be a mapping")
        return None
    where = f"{path}: rule {data.get('code', f'#{index + 1}')}"
    found: list[str] = []

    def report_for(key: str):
        return lambda message: found.append(f"{where}: key '{key}': {message}")

    kind = _kind_and_keys(data, kinds, report_for)
    if kind is None or found:  # a missing or unknown key: what follows would misread the rule
        problems.extend(found)
        return None
    rule = _build_rule(data, kind, report_for, checked, ruleset=ruleset, file=str(path), line=line)
    if not found and not checked:
        found.extend(f"{where}: {message}" for message in getattr(kind, "validate", lambda r: [])(rule))
        found.extend(f"{where}: {message}" for message in _template_problems(rule, kind))
        if is_team(rule):
            found.extend(f"{where}: {message}" for message in _condition_problems(rule))
    problems.extend(found)
    if found:
        return None
    if is_team(rule):  # its `when`/`unless` regexes run time-bounded, like the rest of its regexes
        rule = rule.replaced(when=bounded_conditions(rule, rule.when), unless=bounded_conditions(rule, rule.unless))
    return rule


def is_team(rule: Rule) -> bool:
    """A rule from a team's own ruleset (load_rulebook's ``extra``), not one loclint ships: its
    regular expressions get the backtracking check at load and a time bound at run time."""
    return rule.ruleset.startswith(_TEAM_PREFIX)


def _template_problems(rule: Rule, kind) -> list[str]:
    return [f"key 'message': {p}" for p in message_problems(rule.message, getattr(kind, "MESSAGE_VALUES", None))] + \
        [f"key 'suggestion': {p}" for p in literal_problems(rule.suggestion)]


def _condition_problems(rule: Rule) -> list[str]:
    """The backtracking check for the regexes of ``when`` and ``unless`` (conditions.py has
    already checked that they compile and stay small)."""
    problems = []
    for key, conditions in (("when", rule.when), ("unless", rule.unless)):
        for condition in conditions:
            problem = condition.pattern is not None and regex_problem(condition.written, untrusted=True)
            if problem:
                problems.append(f"key '{key}': {problem}")
    return problems


def _kind_and_keys(data: dict, kinds: dict, report_for):
    """The rule's kind module, after reporting the keys the rule lacks, an unknown kind and keys
    that neither every rule nor this kind takes; None when the kind is missing or unknown."""
    _report_missing_keys(data, report_for)
    kind = _kind(data, kinds, report_for)
    if kind is not None:
        _report_unknown_keys(data, kind, report_for)
    return kind


def _build_rule(data: dict, kind, report_for, checked: bool = False, **where) -> Rule:
    """The Rule from the common keys (keys.RULE_KEYS) and the kind's own (its OPTIONS); a
    ``checked`` rule's examples are built when first read (keys.UnbuiltExamples)."""
    values = _common_keys(data, report_for, skip=("examples",) if checked else ())
    fields = values["fields"]
    invalid: Any  # tuple[Example, ...], or what builds them when first read (rule.Examples)
    valid: Any
    if checked:
        invalid = valid = UnbuiltExamples(data["examples"], fields)
    else:
        groups = values.pop("examples")
        invalid, valid = examples_in(groups[0], fields), examples_in(groups[1], fields)
    return Rule(**values, options=_options(kind.OPTIONS, data, report_for), **where, invalid=invalid, valid=valid)


def _report_missing_keys(data: dict, report_for) -> None:
    for key in RULE_KEYS:
        if key.required and key.name not in data:
            report_for(key.name)("required")


def _kind(data: dict, kinds: dict, report_for):
    """The rule's kind module; None when the kind is missing or unknown (its keys cannot be judged)."""
    name = data.get("kind")
    kind = kinds.get(name) if isinstance(name, str) else None
    if "kind" in data and kind is None:
        report_for("kind")(f"unknown kind {name!r} (known: {', '.join(sorted(kinds))})")
    return kind


def _report_unknown_keys(data: dict, kind, report_for) -> None:
    for key in data:
        if key not in RULE_KEYS_BY_NAME and key not in kind.OPTIONS:
            report_for(key)(f"unknown key for a {data['kind']} rule")


def _common_keys(data: dict, report_for, skip: tuple[str, ...] = ()) -> dict:
    """Every key of keys.RULE_KEYS but ``skip``, parsed, or its default."""
    values = {}
    for key in RULE_KEYS:
        if key.name not in skip:
            values[key.name] = key.parse(data[key.name], report_for(key.name)) if key.name in data else key.default
    return values


def _options(specs: dict, data: dict, report_for) -> dict:
    """The kind's own keys (kinds/*.py OPTIONS), each checked against its types, or its default."""
    options = {}
    for key, spec in specs.items():
        if key not in data:
            if spec.required:
                report_for(key)("required")
            options[key] = spec.default
        elif not isinstance(data[key], spec.types):
            report_for(key)(f"expected {spec.describe()}, got {type(data[key]).__name__}")
        else:
            options[key] = data[key]
    return options


def _check_aliases(rules: dict[str, list[Rule]], problems: list[str]) -> None:
    """An alias must name one rule only: never a rule's current code, never two rules."""
    codes = {rule.code for rs in rules.values() for rule in rs}
    owner: dict[str, str] = {}
    for rule in (r for rs in rules.values() for r in rs):
        for alias in rule.aliases:
            if alias in codes:
                problems.append(f"{rule.file}: rule {rule.code}: key 'aliases': {alias} is another rule's code")
            elif owner.setdefault(alias, rule.code) != rule.code:
                problems.append(f"{rule.file}: rule {rule.code}: key 'aliases': {alias} is already an alias of "
                                f"{owner[alias]}")


@functools.lru_cache(maxsize=1)
def builtin_markets() -> dict[str, MarketConfig]:
    """The built-in markets, for reads that were given no rulebook (the API, tests)."""
    problems: list[str] = []
    root = default_rulesets_dir()
    markets, _ = _load_markets(root / "markets.yml", problems, _Fingerprint(), checked_documents(root))
    if problems:
        raise RulesetError(problems)
    return markets


@functools.lru_cache(maxsize=1)
def builtin_currencies() -> Currencies:
    """The built-in currency table, for readers that read prices before any rulebook exists."""
    root = default_rulesets_dir()
    path = root / "currencies.yml"
    problems: list[str] = []
    table = Currencies.from_yaml(_read_document(path, problems, _Fingerprint(), checked_documents(root))[0], path,
                                 problems)
    if problems:
        raise RulesetError(problems)
    return table
