"""The engine: records in, findings out. Rules compile once per market; records stream through."""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import gc
import operator
from typing import Iterable, Iterator, Optional, Sequence, Union

from .context import RecordContext
from .fixsafety import disturbs_neighbours, splits_token
from .kinds import KINDS
from .kinds.base import CompileContext, Hit
from .kinds.gate import Gate
from .kinds.shared import AcrossMarkets
from .model import Applicability, Finding, ReadError, Record, Severity, Suggestion
from .readers.registry import REGISTRY
from .rulebook import load_rulebook
from .ruleset import Rulebook, Rule
from .ruleset.bounded import RegexTimeout
from .ruleset.conditions import normalize_key
from .selector import RuleIndex, Selectable, Selection, parse_all
from .suppressions import KIND as SUPPRESSION_KIND, FileSuppressions, Suppressor
from .text.language import detector, resolved
from .text.lemmas import InflectionCache, inflections

# Where the listing is sold: marketplace policy (the `marketplace` ruleset) binds only there.
CHANNELS = ("marketplace", "own-store")
# Which records the rules with `scope: offer` judge: those with a price, or every record of a feed
# declared complete. A repository of copy (titles and descriptions, no prices) holds no offers.
OFFERS = ("priced", "all")
EXCERPT_LIMIT = 200  # characters of flagged text kept in a finding
CONTEXT = 30  # characters either side kept for display
SCOPE_SETS = 1000  # sets of field scopes whose checkers a market keeps (MarketLinter._checkers_for)


class MarketLinter:
    """Every rule in force in one market on one day, compiled."""

    def __init__(self, rulebook: Rulebook, market: str, rules: Sequence[Rule], day: dt.date, detect,
                 inflect=None, index: Optional[RuleIndex] = None, offers: str = OFFERS[0],
                 shared: Optional[AcrossMarkets] = None):
        self.market = rulebook.market(market)
        self.day = day
        self.offers = offers
        self.detect = detect
        self._record_level: dict[int, tuple[Rule, dict]] = {}  # _record_finding's per-rule values
        self.gate = Gate()
        ctx = CompileContext(self.market, rulebook.languages, rulebook.data, inflect or inflections, self.gate,
                             shared or AcrossMarkets())
        by_kind: dict[str, list[Rule]] = {}
        for rule in rules:
            if rule.severity_on(day) is not None:
                by_kind.setdefault(rule.kind, []).append(rule)
        self.rules = [r for rs in by_kind.values() for r in rs]
        self.suppressor = Suppressor(by_kind.pop(SUPPRESSION_KIND, []), index or RuleIndex(rulebook.all_rules()),
                                     self._finding)
        self.checkers = [KINDS[kind].CHECKER(kind_rules, ctx) for kind, kind_rules in by_kind.items()]
        # A field-scoped kind (kinds.FIELD_SCOPED) finds nothing in a record with no field its rules
        # cover: the corpus's records carry no images, so companion is never asked there (its
        # 9,048 calls cost 26 ms, the lookup below 9 ms).
        self._scoped = [kind_rules if getattr(KINDS[kind], "FIELD_SCOPED", False) else None
                        for kind, kind_rules in by_kind.items()]
        self._by_scopes: dict[frozenset[str], list] = {}
        self.gate.close()

    def lint(self, record: Record, carried: Optional[FileSuppressions] = None) -> list[Finding]:
        """The record's findings, less those its suppressions (and the file's, ``carried``
        from earlier records) account for, plus findings about the suppressions themselves."""
        return self.suppressor.apply(record, self._findings(record), carried)

    def _findings(self, record: Record) -> list[Finding]:
        ctx = RecordContext(record, self.detect, self.gate)
        ctx.is_offer = self.offers == "all" or ctx.has_price()
        findings = []
        for checker in self._checkers_for(record):
            for hit in checker.check(ctx):
                if ctx.applies(hit.rule):
                    findings.append(self._finding(record, hit))
        findings.sort(key=Finding.sort_key)
        return findings

    def _checkers_for(self, record: Record) -> list:
        """The checkers that may find something in ``record``, in order: a field-scoped one only
        where a rule of it covers one of the record's field scopes. Worked out once per set of
        scopes (a feed's records share a few hundred)."""
        scopes = frozenset(map(_scope, record.fields))
        found = self._by_scopes.get(scopes)
        if found is None:
            if len(self._by_scopes) >= SCOPE_SETS:
                self._by_scopes.clear()
            found = self._by_scopes[scopes] = [
                checker for checker, rules in zip(self.checkers, self._scoped)
                if rules is None or any(rule.applies_to(scope) for rule in rules for scope in scopes)]
        return found

    def _finding(self, record: Record, hit: Hit) -> Finding:
        rule, field = hit.rule, hit.field
        if field is None and hit.start is None and not (hit.vars or hit.replacements or hit.not_safe) \
                and "{attr_" not in rule.message:
            return self._record_finding(record, rule)
        end_line = end_column = 0
        if field is not None:
            line, column = field.position(hit.start)
            end_line, end_column = field.end_position(hit.end)
            text = field.text[hit.start:hit.end]
            if len(text) > EXCERPT_LIMIT:
                text = text[: EXCERPT_LIMIT - 1] + "…"
            before = field.text[max(0, hit.start - CONTEXT):hit.start]
            after = field.text[hit.end:hit.end + CONTEXT]
        else:
            line, column, text, before, after = record.line, 1, "", "", ""
        # Several alternative rewrites mean a human has to choose: advice only.
        applicability = rule.fix or Applicability.UNSAFE
        if len(hit.replacements) > 1:
            applicability = Applicability.DISPLAY
        demoted = _why_not_safe(hit) if applicability is Applicability.SAFE else None
        if demoted:
            applicability = Applicability.DISPLAY
        raw = None
        if field is not None and field.encode is not None and len(hit.replacements) == 1 \
                and applicability is not Applicability.DISPLAY and "\n" not in field.text[hit.start:hit.end]:
            raw = field.encode(hit.replacements[0])  # a span across lines is never rewritten in place
        suggestions = tuple(Suggestion(r, applicability, raw=raw) for r in hit.replacements)
        message = rule.message.format_map(_Vars(hit.vars, field, record.attributes))
        if demoted:
            message += f" Not fixed automatically: {demoted}."
        return Finding.of(
            rule=rule.code, name=rule.name, severity=rule.severity_on(self.day),
            message=message,
            path=record.path, record=record.id, field=field.path if field else None,
            start=hit.start, end=hit.end, line=line, column=column, text=text,
            suggestions=suggestions, source=rule.source, market=self.market.code,
            before=before, after=after, end_line=end_line, end_column=end_column,
        )

    def _record_finding(self, record: Record, rule: Rule) -> Finding:
        """What _finding makes of a record-level hit with no values: all but where it is (path,
        record, line) is the rule's alone, so worked out once per rule. 4,285 of the corpus's 4,705
        findings are such (kind `required`); each formatted its message and built 19 values anew."""
        known = self._record_level.get(id(rule))
        if known is None:  # the rule is kept with its values: its id is never reused meanwhile
            message = rule.message.format_map(_Vars({}, None, {}))
            known = self._record_level[id(rule)] = (rule, dict(
                rule=rule.code, name=rule.name, severity=rule.severity_on(self.day), message=message,
                field=None, start=None, end=None, column=1, text="",
                suggestions=(), source=rule.source, market=self.market.code,
                before="", after="", end_line=0, end_column=0))
        return Finding.of(**known[1], path=record.path, record=record.id, line=record.line)


def _why_not_safe(hit: Hit) -> Optional[str]:
    """Why the hit's rewrite fails a safe fix's invariants (fixsafety), or None."""
    if hit.not_safe or hit.field is None or len(hit.replacements) != 1:
        return hit.not_safe
    text, replacement = hit.field.text, hit.replacements[0]
    return splits_token(text, hit.start, hit.end) or disturbs_neighbours(text, hit.start, hit.end, replacement)


_scope = operator.attrgetter("scope")


class _Vars(dict):
    """Message placeholders: the kind's values, ``{field}``, and ``{attr_<name>}`` for a record
    attribute. An unknown one stays visible instead of raising."""

    def __init__(self, values: dict, field, attributes: dict):
        super().__init__(values)
        self.setdefault("field", field.path if field else "record")
        self._attributes = attributes

    def __missing__(self, key: str) -> str:
        if key.startswith("attr_"):
            wanted = normalize_key(key[5:])
            for name, value in self._attributes.items():
                if normalize_key(name) == wanted:
                    return str(value)
        return "{" + key + "}"


class Linter:
    """Lints records of any market; compiles each market's rules on first use."""

    def __init__(
        self,
        rulebook: Optional[Rulebook] = None,
        *,
        day: Optional[dt.date] = None,
        detector_name: str = "cld2",
        select: Sequence[Selectable] = (),
        ignore: Sequence[Selectable] = (),
        channel: str = "marketplace",
        severity: Optional[dict] = None,
        offers: str = OFFERS[0],
        until_exit: bool = False,
    ):
        self.rulebook = rulebook or load_rulebook()
        self.day = day or dt.date.today()
        self.detector_name = detector_name
        # Plain strings come from the Python API; the command line and the configuration
        # pass Selectors that know where they were written.
        self.rule_index = RuleIndex(self.rulebook.all_rules())
        select, ignore = parse_all(select, "select"), parse_all(ignore, "ignore")
        self.selection = Selection(self.rule_index, select, ignore)
        self.select = [s.key for s in select]
        self.ignore = [s.key for s in ignore]
        self._markets: dict[str, MarketLinter] = {}
        if channel not in CHANNELS:
            raise ValueError(f"unknown channel {channel!r} (choose from {', '.join(CHANNELS)})")
        self.channel = channel
        if offers not in OFFERS:
            raise ValueError(f"unknown offers {offers!r} (choose from {', '.join(OFFERS)})")
        self.offers = offers
        self._inflections: Optional[InflectionCache] = None
        self._compiled = AcrossMarkets()  # what one market's checkers compiled that the next reuses
        # A team's severity for a rule code ("MP003": "warning"); it holds on every date.
        self.severity = {code.upper(): Severity.parse(level) for code, level in (severity or {}).items()}
        # The Linter lives as long as the process (a command-line run): see market().
        self.until_exit = until_exit

    def cache_key(self) -> str:
        """Everything besides the input that decides the findings (for the results cache)."""
        from . import __version__

        return repr((__version__, _code_stamp(), self.rulebook.fingerprint, self.day.isoformat(),
                     resolved(self.detector_name), self.select, self.ignore, self.channel, sorted(self.severity.items()),
                     self.offers))

    def selected(self, rule: Rule) -> bool:
        return self.selection.matches(rule)

    def covered(self, selectors: Sequence[Selectable], origin: str) -> frozenset[str]:
        """The codes of the rules ``selectors`` name (per-file-ignores); SelectorError names
        ``origin`` for a malformed one or one that names no rule."""
        return self.rule_index.covered(parse_all(selectors, origin))

    def market(self, code: str) -> MarketLinter:
        code = code.upper()
        linter = self._markets.get(code)
        if linter is None:
            rules = [self._with_severity(r) for r in self.rulebook.rules_for(code)
                     if self.selected(r) and (self.channel != "own-store" or r.ruleset != "marketplace")]
            if self._inflections is None:
                self._inflections = InflectionCache()
            linter = self._markets[code] = MarketLinter(
                self.rulebook, code, rules, self.day,
                _LazyDetector(self.detector_name, self.rulebook.candidate_languages,
                              self.rulebook.markets[code].languages), self._inflections,
                self.rule_index, self.offers, self._compiled)
            self._inflections.save()
            if self.until_exit:
                # A compiled market is tens of thousands of objects the cyclic garbage collector
                # tracks (37k for the corpus's 8 markets: gate sets, term entries, patterns), none
                # of them garbage until the run ends; yet every full collection walked them, and
                # the interpreter's last one at exit walked them all again (45 ms). Frozen, they
                # (and everything alive before them) are left out: a corpus run's CPU went from
                # 1.74 to 1.62 s (9 paired runs). Not for a Linter the process may drop (the
                # server's): cycles frozen with it would never be freed.
                gc.freeze()
        return linter

    def _with_severity(self, rule: Rule) -> Rule:
        level = self.severity.get(rule.code)
        if level is None:
            return rule
        return dataclasses.replace(rule, severity=level, severity_before=level if rule.effective_from else None)

    def lint_record(self, record: Record, carried: Optional[FileSuppressions] = None) -> Union[list[Finding], ReadError]:
        if not record.market:
            return ReadError(record.path, record.line, f"record {record.id} has no market; "
                             "add \"market\" to it or pass --market", record=record.id)
        if record.market not in self.rulebook.markets:
            known = ", ".join(sorted(self.rulebook.markets))
            return ReadError(record.path, record.line, f"record {record.id}: unknown market "
                             f"{record.market!r} (known: {known})", record=record.id)
        try:
            return self.market(record.market).lint(record, carried)
        except RegexTimeout as exc:  # a team rule's regex on this record: say so, lint the next
            return ReadError(record.path, record.line, f"record {record.id} not linted: {exc}", record=record.id)

    def lint_stream(self, items: Iterable[Union[Record, ReadError]]) -> Iterator[Union[Finding, ReadError, Record]]:
        """Findings and errors in input order; each record is yielded after its findings.
        ``items`` are one file's (file-level suppressions hold until the stream ends)."""
        carried: Optional[FileSuppressions] = None
        for item in items:
            if isinstance(item, ReadError):
                yield item
                continue
            if carried is None:
                carried = FileSuppressions(read_in_pieces=REGISTRY.splitter(item.path) is not None)
            result = self.lint_record(item, carried)
            carried.records += 1
            if isinstance(result, ReadError):
                yield result
            else:
                yield from result
                yield item
        if carried is not None:
            yield from carried.unused_findings()


@functools.lru_cache(maxsize=1)
def _code_stamp() -> int:
    """Changes when loclint's own code changes without a version bump (a development checkout)."""
    import os

    root = os.path.dirname(__file__)
    return sum(int(os.stat(os.path.join(d, f)).st_mtime_ns) for d, _, files in os.walk(root)
               for f in files if f.endswith(".py"))


class _LazyDetector:
    """Loads the language model only when a language rule first asks, and caches repeats
    (boilerplate descriptions recur across a feed)."""

    def __init__(self, name: str, candidates: tuple[str, ...], hint: tuple[str, ...]):
        self.name = name
        self.candidates = candidates  # the languages py3langid may answer (Rulebook.candidate_languages)
        self.hint = hint  # the market's languages
        self._fn = None
        self._cache: dict[str, tuple[str, float]] = {}

    def __call__(self, text: str) -> tuple[str, float]:
        result = self._cache.get(text)
        if result is None:
            if self._fn is None:
                self._fn = detector(self.name, self.candidates, self.hint)
            result = self._fn(text)
            if len(self._cache) > 10000:
                self._cache.clear()
            self._cache[text] = result
        return result
