"""The literal prefilter may only ever rule out texts the regular expression cannot match."""
import functools
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, reject, settings, strategies as st

from loclint.text.fold import folded
from loclint.text.literals import MAX_STRINGS, required_literals
from loclint.rulebook import load_rulebook

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "listings-real.jsonl"


def test_a_branch_gives_the_union_of_its_branches_literals():
    assert required_literals([r"\b(?:leave|give)\s+(?:a\s+)?(?:review|feedback)"], re.I) == ("feedback", "review")


def test_the_longest_required_run_wins():
    assert required_literals([r"\bhurry\s+up,?\s+sale\s+ends"], re.I) == ("hurry",)


def test_single_characters_and_small_classes_count():
    assert required_literals([r"\b[\w.+-]+@[\w-]+\.\w+"]) == ("@",)
    assert required_literals([r"(?:gst|\d+%)"], re.I) == ("%", "gst")
    assert required_literals([r"[!?]+"]) == ("!", "?")
    assert required_literals([r"\d[A-Fa-f]\d"], re.I) == ("a", "b", "c", "d", "e", "f")


def test_neighbouring_parts_of_few_strings_join_into_longer_literals():
    assert required_literals([r"cr[eê]pes?"], re.I) == ("crepe", "crêpe")  # not "cr"
    assert required_literals([r"colou?r"]) == ("color", "colour")
    assert required_literals([r"(?:inspired|inspiriert) (?:by|von)"]) == \
        ("inspired by", "inspired von", "inspiriert by", "inspiriert von")
    assert required_literals([r"(?:ab){3}"]) == ("ababab",)


def test_a_repeat_joins_its_neighbours_with_the_copies_it_must_make():
    assert required_literals([r"[!?]{2,}"]) == ("!!", "!?", "?!", "??")
    assert required_literals([r"\$\$+"]) == ("$$",)
    assert required_literals([r"A\+{1,3}(?![\w+])"], re.I) == ("a+",)
    assert required_literals([r"(?:ab|cd){0,2}x"]) == ("x",)  # "abx", "cdcdx" ... all hold "x"


def test_what_a_loose_part_starts_and_ends_with_joins_the_run_beside_it():
    assert required_literals([r"\bhttps?://\S+"]) == ("http://", "https://")
    assert required_literals([r"\d+(?:ab|cd)+ef"]) == ("abef", "cdef")


def test_zero_width_edges_keep_a_join_and_lookarounds_cut_it():
    assert required_literals([r"tel\b:"]) == ("tel:",)
    assert required_literals([r"a(?!x)bc"]) == ("bc",)


def test_a_join_stays_within_max_strings():
    literals = required_literals([r"[a-p][a-p]"])
    assert literals is not None and len(literals) <= MAX_STRINGS and all(len(lit) == 1 for lit in literals)
    # 64 pairs: cut between the classes, and the second joins "xyz"
    assert required_literals([r"[a-h][a-h]xyz"]) == tuple(c + "xyz" for c in "abcdefgh")


def test_joined_literals_are_folded_as_the_gate_folds_text():
    literals = required_literals([r"stra[ßs]e"], re.I)
    assert literals == ("strase", "strasse")  # "ß" folds to two letters
    for text in ("STRASE", "Straße", "STRAẞE"):
        assert re.search(r"stra[ßs]e", text, re.I) and any(lit in folded(text) for lit in literals)
    assert required_literals(["ب[\u064e\u064f]?ت"]) == ("بت",)  # a haraka folds to nothing
    assert required_literals([r"(?i:İ)stanbul"]) == ("istanbul",)


def test_patterns_that_can_match_without_a_literal_get_no_prefilter():
    assert required_literals([r"\b\w+\d"]) is None
    assert required_literals([r"[^!?]{2,}"]) is None
    assert required_literals([r"[A-Z]{4,}"]) is None
    assert required_literals([r"(?:free)?\s*shipping", r"\d{3,}"], re.I) is None
    assert required_literals([r"(?:free)?"]) is None


def test_optional_parts_are_not_required():
    assert required_literals([r"(?:super\s+)?sale"], re.I) == ("sale",)


def test_case_insensitive_matches_survive_lowering():
    literals = required_literals([r"MWST|Mehrwertsteuer"], re.I)
    assert any(lit in folded("Preis inkl. MWST") for lit in literals)
    assert any(lit in folded("PREIS INKL. MEHRWERTSTEUER") for lit in literals)


def _texts():
    texts = ["Leave us a 5-star review!", "EXCL. GST", "Only 2 items left", "Heilt Arthritis",
             "Rückgaberecht 14 Tage inklusive", "Net wt. 12 oz", "好评返现"]
    if CORPUS.exists():
        with CORPUS.open(encoding="utf-8") as handle:
            for i, line in enumerate(handle):
                if i % 10 == 0:
                    record = json.loads(line)
                    texts += [record.get("title") or "", record.get("description") or ""]
    return texts


@pytest.mark.parametrize("rule", [r for r in load_rulebook().all_rules() if r.kind == "pattern"], ids=lambda r: r.code)
def test_the_prefilter_never_hides_a_match(rule):
    patterns = rule.options["pattern"] if isinstance(rule.options["pattern"], list) else [rule.options["pattern"]]
    flags = 0 if rule.options["case_sensitive"] else re.IGNORECASE
    literals = required_literals(patterns, flags)
    if literals is None:
        pytest.skip("no prefilter for this rule")
    regex = re.compile("|".join(f"(?:{p})" for p in patterns), flags)
    examples = [e.text for e in rule.invalid if e.text]
    for text in _texts() + examples:
        if regex.search(text):
            assert any(lit in folded(text) for lit in literals), (rule.code, text)


def _text_conditions():
    from loclint.ruleset.conditions import parse_condition

    for rule in load_rulebook().all_rules():
        conditions = [*rule.when, *rule.unless]
        if rule.kind == "required":
            conditions += [parse_condition(c) for c in rule.options["any_of"]]
        for condition in conditions:
            if condition.target == "text":
                yield pytest.param(rule, condition, id=f"{rule.code}-{condition.pattern.pattern[:30]}")


@pytest.mark.parametrize("rule, condition", list(_text_conditions()))
def test_a_text_condition_s_literals_never_hide_a_match(rule, condition):
    if condition.literals is None:
        pytest.skip("no literals for this condition")
    examples = [e.text for e in [*rule.invalid, *rule.valid] if e.text]
    for text in _texts() + examples:
        if condition.pattern.search(text):
            assert any(lit in folded(text) for lit in condition.literals), (rule.code, text)


# Properties: every match of a pattern holds one of its literals once folded, for generated
# patterns over a few letters the fold treats specially, and for every pattern a shipped market
# registers with its gate (kinds.gate) or tests in a text condition. Texts swap letters for
# others that case-insensitive matching takes for them ("K" for the Kelvin sign, "ſ" for "s",
# "İ" for "i"), which is where a fold and a regex engine could part.

_PIECES = ["a", "b", "A", "B", "ab", "ß", "ẞ", "SS", "s", "S", "ſ", "İ", "i", "I", "ı", "K", "k", "\u212a",
           "\u064e", "-", "!", "?", ".", " ", "1", "c"]
# Pattern atoms, each with texts it (or its case-insensitive form) matches.
_ATOMS = {"a": "aA", "b": "bB", "ab": ["ab", "AB"], "ß": "ßẞ", "s": "sSſ", "ss": ["ss", "SS", "ß"], "İ": "İiI",
          "i": "iIİı", "ı": "ıI", "k": "kK\u212a", "\u064e": "\u064e", "-": "-", "!": "!", r"\.": ".",
          "[ab]": "abA", "[sß]": "sßẞS", "[a-c]": "abcC", "[!?]": "!?", "[\u064e\u064f]": "\u064e\u064f",
          r"\s": " ", r"\d": "1", ".": "aß!", r"\w": "aß1", "[^a]": "bß"}
_REPEATS = [("?", 0, 1), ("*", 0, 3), ("+", 1, 3), ("{2}", 2, 2), ("{1,3}", 1, 3), ("{0,2}", 0, 2), ("{2,}", 2, 4),
            ("+?", 1, 3)]


def _patterns():
    """(pattern, a strategy for texts it matches, lookarounds aside)."""
    def sequence(parts):
        return "".join(p for p, _ in parts), st.tuples(*[t for _, t in parts]).map("".join)

    def branches(parts):
        return "(?:" + "|".join(p for p, _ in parts) + ")", st.one_of([t for _, t in parts])

    def repeat(part, how):
        (pattern, texts), (suffix, least, most) = part, how
        return f"(?:{pattern}){suffix}", st.lists(texts, min_size=least, max_size=most).map("".join)

    def grown(inner):
        return st.one_of(
            st.lists(inner, min_size=2, max_size=4).map(sequence),
            st.lists(inner, min_size=2, max_size=3).map(branches),
            st.tuples(inner, st.sampled_from(_REPEATS)).map(lambda args: repeat(*args)),
            inner.map(lambda part: (rf"\b{part[0]}", part[1])),
            st.tuples(inner, st.sampled_from(["(?=", "(?!", "(?<=", "(?<!"]))
            .map(lambda args: (f"{args[1]}{args[0][0]})", st.just(""))),
        )

    atoms = [(atom, st.sampled_from(list(texts))) for atom, texts in _ATOMS.items()]
    return st.recursive(st.sampled_from(atoms), grown, max_leaves=8)


def _holds(literals, engines, text):
    for engine in engines:
        for match in engine.finditer(text):
            assert any(lit in folded(match.group()) for lit in literals), (engine.pattern, match.group(), literals)


_PADDING = st.lists(st.sampled_from(_PIECES), max_size=4).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_patterns(), st.sampled_from([0, re.IGNORECASE]), st.data())
def test_every_match_of_a_generated_pattern_holds_one_of_its_literals(pattern_and_texts, flags, data):
    from loclint.text.words import compile_words

    pattern, texts = pattern_and_texts
    literals = required_literals([pattern], flags)
    if literals is None:
        return
    try:
        engines = [re.compile(pattern, flags), compile_words(pattern, flags)]
    except re.error:  # a look-behind of varying width
        reject()
    for _ in range(3):
        _holds(literals, engines, data.draw(_PADDING) + data.draw(texts) + data.draw(_PADDING))


def _registered():
    """(literals, pattern, flags) of every gate key a shipped market registers with a regex
    (pattern rules, language names, units) and of every text condition."""
    from loclint.engine import Linter
    from loclint.kinds.gate import Gate

    found = {}
    key = Gate.key

    def recording(self, literals, pattern=None, flags=0):
        if literals is not None and pattern is not None:
            found[(pattern, int(flags))] = tuple(literals)
        return key(self, literals, pattern, flags)

    Gate.key = recording
    try:
        linter = Linter()
        for code in sorted(load_rulebook().markets):
            linter.market(code)
    finally:
        Gate.key = key
    for rule, condition in (p.values for p in _text_conditions()):
        if condition.literals is not None:
            found[(condition.pattern.pattern, int(condition.pattern.flags))] = condition.literals
    return [pytest.param(literals, pattern, flags, id=f"{i}-{literals[0]}")
            for i, ((pattern, flags), literals) in enumerate(sorted(found.items()))]


@functools.lru_cache(maxsize=None)
def _case_twins() -> dict[str, str]:
    """Each letter's case-insensitive twins: letters whose simple lower or upper case is one."""
    groups: dict[str, set[str]] = {"i": {"İ", "ı"}}
    for code in range(0x110000):
        char = chr(code)
        for other in (char.lower(), char.upper()):
            if len(other) == 1 and other != char:
                groups.setdefault(min(char.lower(), other.lower()), set()).update({char, other})
    twins: dict[str, str] = {}
    for members in groups.values():
        for char in members:
            twins[char] = twins.get(char, "") + "".join(sorted(members - {char}))
    return twins


def _with_twins(text: str):
    twins = _case_twins()
    return st.tuples(*[st.sampled_from([c, *twins.get(c, "")]) for c in text]).map("".join)


@pytest.mark.parametrize("literals, pattern, flags", _registered())
def test_every_match_of_a_registered_pattern_holds_one_of_its_literals(literals, pattern, flags):
    import regex

    from loclint.text.words import compile_words

    engines = [compile_words(pattern, flags), re.compile(pattern, flags)]
    literals = [folded(lit) for lit in literals]  # as the gate keys them (units' aliases come unfolded)

    @settings(max_examples=40, deadline=None, database=None,
              suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.from_regex(re.compile(pattern, flags & ~regex.VERSION0)).flatmap(_with_twins))
    def holds(text):
        _holds(literals, engines, text)

    holds()


# A team's rules and the word-edged ones compile with `regex`, whose syntax `re`'s parser (which
# works the literals out) reads otherwise in two places: those patterns get no literals.
@pytest.mark.parametrize("pattern, text", [
    (r"(?:colour){e<=1}", "a red color"),  # a fuzzy constraint: to `re` the literal "colour{e<=1}"
    (r"[[:upper:]]{5}", "LAMPS"),  # a POSIX class: to `re` a set of "[:upe" and a literal "]"
])
def test_a_pattern_regex_reads_otherwise_gets_no_literals(pattern, text):
    import regex

    assert regex.search(pattern, text, regex.VERSION0)
    assert required_literals([pattern]) is None


@pytest.mark.parametrize("pattern", [r"a{2}", r"a{2,}", r"ab{,3}", r"a{2,3}", r"\{\w+\}", r"[{}]x", r"[]{]x", r"[^]{]x"])
def test_braces_both_engines_read_alike_keep_their_literals(pattern):
    assert required_literals([pattern]) is not None


def test_a_team_rule_in_regex_only_syntax_fires(tmp_path):
    import yaml

    from loclint.engine import Linter
    from loclint.readers.records import build_record

    source = {"title": "Team style guide", "url": "https://example.org/style", "grade": "K"}
    rules = [{"code": f"TEAM00{i}", "name": f"team-{i}", "kind": "pattern", "severity": "warning",
              "message": "“{match}”", "why": "House style.", "source": source, "pattern": pattern,
              "examples": {"invalid": [text], "valid": ["a lamp"]}}
             for i, (pattern, text) in enumerate([(r"(?:colour){e<=1}", "A color lamp"),
                                                  (r"[[:upper:]]{5}", "A LAMPS lamp")], 1)]
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "rules.yml").write_text(yaml.safe_dump({"rules": rules}, allow_unicode=True), encoding="utf-8")
    market = Linter(load_rulebook(extra=(folder,))).market("US")
    for code, text in (("TEAM001", "A color lamp"), ("TEAM002", "A LAMPS lamp")):
        record = build_record({"id": "1", "market": "US", "title": text}, path="<t>", line=1, index=1)
        assert code in [finding.rule for finding in market.lint(record)], text
