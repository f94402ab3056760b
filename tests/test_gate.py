"""The market gate (kinds.gate) may only ever skip work: with every key forced open, the same
findings come out, on every rule's examples and on real listings."""
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TODAY
from loclint.engine import Linter
from loclint.examples import example_record
from loclint.kinds.gate import Gate, is_open
from loclint.readers import read_file
from loclint.rulebook import load_rulebook

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "listings-real.jsonl"
_BOOK = load_rulebook()


def _gate(**register):
    gate = Gate()
    keys = {name: register_one(gate, spec) for name, spec in register.items()}
    gate.close()
    return gate, keys


def register_one(gate, spec):
    kind, values = spec
    return gate.word_key(*values) if kind == "word" else gate.key(values)


def test_a_literal_opens_its_key_anywhere_in_the_folded_text():
    gate, keys = _gate(review=("any", ["Review"]), euro=("any", ["€"]))
    assert gate.open_keys("Leave us a REVIEW") == {keys["review"]}
    assert gate.open_keys("reviewer") == {keys["review"]}
    assert gate.open_keys("24,99 €") == {keys["euro"]}
    assert gate.open_keys("nothing here") == frozenset()


def test_unknown_literals_mean_always_open():
    assert is_open(Gate().key(None), frozenset())


def test_a_regex_key_without_literals_is_open_on_every_text_of_the_automaton():
    gate = Gate()
    capitals = gate.key(None, r"\b[A-Z]{4,}(?: [A-Z]{4,})+\b")
    euro = gate.key(["€"])
    gate.close()
    assert gate.open_keys("nothing here") == {capitals}
    assert gate.open_keys("") == {capitals}
    assert gate.open_keys("12 €") == {capitals, euro}


def test_words_open_only_as_whole_tokens_and_prefixes_at_a_token_start():
    gate, keys = _gate(free=("word", (["free"], [])), tief=("word", ([], ["tiefstpreis"])))
    assert keys["free"] in gate.open_keys("FREE shipping")
    assert keys["free"] in gate.open_keys("shipping: free!")
    assert keys["free"] in gate.open_keys("gluten-free")  # hyphens join, they do not glue
    assert keys["free"] not in gate.open_keys("freedom and carefree")
    assert keys["tief"] in gate.open_keys("Tiefstpreisgarantie")
    assert keys["tief"] not in gate.open_keys("Der Untiefstpreis")


def test_folding_keeps_german_and_turkish_matches():
    gate, keys = _gate(gross=("word", (["größte"], [])), indirim=("any", ["indirim"]))
    assert keys["gross"] in gate.open_keys("Die GRÖSSTE Auswahl")
    assert keys["indirim"] in gate.open_keys("BÜYÜK İNDİRİM")
    assert keys["indirim"] in gate.open_keys("büyük ındırım")


def test_cjk_words_open_without_spaces():
    gate, keys = _gate(haoping=("word", (["好评"], [])))
    assert keys["haoping"] in gate.open_keys("五星好评返现")


def _records():
    for rule in _BOOK.all_rules():
        for example in [*rule.invalid, *rule.valid]:
            market = example.market or _BOOK.example_market(rule)
            yield example_record(example, market)
    if CORPUS.exists():
        for i, item in enumerate(read_file(str(CORPUS))):
            if i % 3 == 0:
                yield item


def _findings(linter):
    return [[(f.rule, f.field, f.start, f.end, f.message) for f in linter.lint_record(r)] for r in _records()]


def test_the_gate_never_hides_a_finding(monkeypatch):
    gated = _findings(Linter(day=TODAY))
    monkeypatch.setattr(Gate, "open_keys", lambda self, text: frozenset(range(self._count)))
    ungated = _findings(Linter(day=TODAY))
    assert sum(map(len, gated)) > 100
    assert gated == ungated


def test_norms_are_the_norms_of_the_tokens():
    from loclint.text.tokens import norms, tokenize

    for text in ["Die GRÖSSTE Auswahl – CE-geprüft, „Mein bester Freund“", "Women's best-seller №1!",
                 "五星好评返现 free", "İSTANBUL'un en iyi", "ﬁne ſtraße ᾳ"]:
        assert norms(text) == [t.norm for t in tokenize(text)]


def test_opened_visits_the_items_its_open_keys_name_and_the_always_open_in_order():
    from loclint.kinds.gate import Opened

    items = [("a", 1), ("b", None), ("c", 2), ("d", 1), ("e", 3)]
    opened = Opened(items, key_of=lambda item: item[1])
    assert [name for name, _ in opened(frozenset())] == ["b"]
    assert [name for name, _ in opened(frozenset({1}))] == ["a", "b", "d"]
    assert [name for name, _ in opened(frozenset({3, 1, 9}))] == ["a", "b", "d", "e"]
    assert [name for name, _ in opened(frozenset({1, 2, 3}))] == ["a", "b", "c", "d", "e"]
    assert not Opened([], key_of=lambda item: None)


@settings(max_examples=200, deadline=None)
@given(asks=st.lists(st.frozensets(st.integers(0, 6), max_size=4), max_size=40))
def test_opened_lookup_answers_as_opened_does_and_keeps_at_most_known_visits(asks):
    from loclint.kinds import gate as module
    from loclint.kinds.gate import Opened

    items = [(name, key) for name, key in zip("abcdefghij", [1, None, 2, 1, 3, None, 5, 2, 0, 6])]
    opened = Opened(items, key_of=lambda item: item[1])
    for open_keys in asks + asks:
        assert opened.lookup(open_keys) == opened(open_keys)
        assert len(opened.lookup.__self__) <= module.KNOWN_VISITS


def test_opened_lookup_is_cleared_when_full(monkeypatch):
    from loclint.kinds import gate as module
    from loclint.kinds.gate import Opened

    monkeypatch.setattr(module, "KNOWN_VISITS", 3)
    opened = Opened([("a", 1), ("b", None), ("c", 2)], key_of=lambda item: item[1])
    for n in range(10):
        assert [name for name, _ in opened.lookup(frozenset({1, n + 10}))] == ["a", "b"]
        assert len(opened.lookup.__self__) <= 3


def test_opened_by_scope_gives_a_scope_without_items_as_empty_and_others_as_their_lookup():
    from loclint.kinds.gate import OpenedByScope

    class Rule:
        def __init__(self, scope):
            self.scope = scope

        def applies_to(self, scope):
            return scope == self.scope

    items = [(Rule("title"), 1), (Rule("title"), None), (Rule("bullets"), 2)]
    for_scope = OpenedByScope(items, rule_of=lambda item: item[0], key_of=lambda item: item[1])
    assert not for_scope("description")
    title = for_scope("title")
    assert title is for_scope("title")
    assert title(frozenset()) == [items[1]]
    assert title(frozenset({1, 2})) == [items[0], items[1]]
    assert for_scope("bullets")(frozenset({2})) == [items[2]]


def test_international_names_are_searched_only_where_the_gate_opens_them(monkeypatch):
    from loclint.kinds.language import LanguageChecker
    from loclint.readers.records import build_record

    market = Linter(day=TODAY).market("IN")
    [checker] = [c for c in market.checkers if isinstance(c, LanguageChecker)]
    searched = []
    for code, names in checker.names.items():
        if names is not None:
            names.compiled()  # compiled now, so the wrapper below stays in place
            finditer = names.finditer
            monkeypatch.setattr(names, "finditer", lambda text, *a, _f=finditer: searched.append(text) or _f(text, *a))
    plain = "This stylish jacket keeps you warm in winter and dry in the rain, with two deep pockets."
    named = "Velours Noir Eau de Toilette Pour Homme, Vaporisateur Natural Spray, fresh and woody"
    for text in (plain, named):
        market.lint(build_record({"id": "r", "market": "IN", "description": text}, path="<t>", line=1, index=1))
    assert searched == [named]


# The Hyperscan gate (hsdb, text.widen): regex keys open only where the widened regex matches.

@pytest.fixture(scope="session")
def hyperscan_cache(tmp_path_factory):
    pytest.importorskip("hyperscan")
    return str(tmp_path_factory.mktemp("hyperscan-cache"))  # shared: a market's database builds once


@pytest.fixture
def hyperscan_gate(monkeypatch, hyperscan_cache):
    """Every gate moves its regex keys to Hyperscan on its first field."""
    from loclint.kinds import gate

    monkeypatch.setattr(gate, "LOAD_AFTER", -1)
    monkeypatch.setattr(gate, "BUILD_AFTER", -1)
    monkeypatch.setenv("LOCLINT_CACHE_DIR", hyperscan_cache)


def test_the_hyperscan_gate_never_hides_a_finding(hyperscan_gate, monkeypatch):
    linter = Linter(day=TODAY)
    gated = _findings(linter)
    assert all(m.gate._hyperscan is not None for m in linter._markets.values() if m.gate._patterns)
    monkeypatch.setattr(Gate, "open_keys", lambda self, text: frozenset(range(self._count)))
    ungated = _findings(Linter(day=TODAY))
    assert sum(map(len, gated)) > 100
    assert gated == ungated


def test_every_regex_key_opens_wherever_its_regex_matches_a_field(hyperscan_gate):
    """On every rule's examples and the corpus sample, with re and with the regex module (a
    word-edged rule compiles with it)."""
    import regex

    linter = Linter(day=TODAY)
    checked = opened_by_regex = 0
    for record in _records():
        market = linter.market(record.market)
        for field in record.fields:
            open_keys = market.gate.open_keys(field.text)
            for key, (source, flags) in market.gate._patterns.items():
                checked += 1
                if re.search(source, field.text, flags) or regex.search(source, field.text, flags | regex.VERSION0):
                    opened_by_regex += 1
                    assert key in open_keys, (record.market, source[:80], field.text[:200])
    assert opened_by_regex > 100 and checked > 10 * opened_by_regex


def test_without_hyperscan_the_automaton_gates_and_finds_the_same(hyperscan_gate, monkeypatch):
    import sys

    from loclint import hsdb

    with_hyperscan = _findings(Linter(day=TODAY))
    monkeypatch.setitem(sys.modules, "hyperscan", None)  # what `import hyperscan` meets without a wheel
    assert hsdb.hyperscan() is None
    linter = Linter(day=TODAY)
    assert _findings(linter) == with_hyperscan
    assert all(m.gate._hyperscan is None for m in linter._markets.values())


def test_a_small_input_keeps_the_automaton(monkeypatch, tmp_path):
    from loclint import hsdb

    monkeypatch.setenv("LOCLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(hsdb, "compiled", lambda *a, **k: pytest.fail("no database for a few fields"))
    linter = Linter(day=TODAY)
    for record in list(_records())[:50]:
        linter.lint_record(record)


def test_with_no_database_saved_the_gate_waits_for_a_build_without_asking_hsdb(monkeypatch, tmp_path):
    from loclint import hsdb
    from loclint.kinds import gate as module

    monkeypatch.setenv("LOCLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(module, "LOAD_AFTER", 20)
    monkeypatch.setattr(hsdb, "compiled", lambda *a, **k: pytest.fail("nothing saved to load"))
    gate = Gate()
    inch = gate.key(["in", "inch"], r"(?<!\w)\d+\s*(?:in|inch)\b", re.IGNORECASE)
    gate.close()
    assert gate.open_keys("Made in India, a long enough text") == {inch}  # past 20: the automaton
    assert gate._settle_at == module.BUILD_AFTER and gate._hyperscan is None


def test_with_a_database_saved_the_gate_loads_it_past_load_after(monkeypatch, hyperscan_cache):
    from loclint.kinds import gate as module

    monkeypatch.setenv("LOCLINT_CACHE_DIR", hyperscan_cache)
    monkeypatch.setattr(module, "LOAD_AFTER", 20)

    def gate_with_inch():
        gate = Gate()
        inch = gate.key(["in", "inch"], r"(?<!\w)\d+\s*(?:in|inch)\b", re.IGNORECASE)
        gate.close()
        return gate, inch

    builder, inch = gate_with_inch()
    monkeypatch.setattr(module, "BUILD_AFTER", 20)
    builder.open_keys("a 12 inch screen, built past 20 characters")
    assert builder._hyperscan is not None  # built and saved
    monkeypatch.setattr(module, "BUILD_AFTER", 10 ** 12)
    gate, inch = gate_with_inch()
    assert gate.open_keys("Made in India") == {inch}  # 13 characters: the automaton's answer
    assert gate._hyperscan is None
    assert gate.open_keys("Made in India, a longer text") == frozenset()  # past 20: loaded, no build
    assert gate._hyperscan is not None


def test_with_hyperscan_a_regex_key_opens_where_its_regex_can_match_not_where_a_literal_occurs(hyperscan_gate):
    gate = Gate()
    euro = gate.key(["€"])
    inch = gate.key(["in", "inch"], r"(?<!\w)\d+\s*(?:in|inch)\b", re.IGNORECASE)
    gate.close()
    assert gate.open_keys("Made in India, 12 € only") == {euro}
    assert gate._hyperscan is not None
    assert gate.open_keys("a 12 INCH screen") == {inch}
    assert gate.open_keys("a 12 in screen \ud800") == {inch}  # not UTF-8: Hyperscan's keys all open


def test_with_hyperscan_a_regex_key_without_literals_opens_only_where_its_regex_can_match(hyperscan_gate):
    gate = Gate()
    capitals = gate.key(None, r"(?<=\w )\b[A-ZÄÖÜ]{4,}\b(?:[\s/-]+\b[A-ZÄÖÜ]{4,}\b)+")
    unwidened = gate.key(None, r"(?P<x>a)(?P=x)")  # a back-reference: Hyperscan has none
    gate.close()
    assert gate.open_keys("Wireless Earbuds FREE SHIPPING") == {capitals, unwidened}
    assert gate._hyperscan is not None and capitals in gate._hyperscan.keys
    assert gate.open_keys("Wireless Earbuds, free shipping") == {unwidened}
    assert gate.open_keys("Fleece Blanket SUPER WEICHÖÜ") == {capitals, unwidened}


def test_the_automaton_opens_a_regex_key_on_its_literals(monkeypatch):
    from loclint.kinds import gate as module

    monkeypatch.setattr(module, "LOAD_AFTER", 10 ** 12)
    gate = Gate()
    inch = gate.key(["in", "inch"], r"(?<!\w)\d+\s*(?:in|inch)\b", re.IGNORECASE)
    gate.close()
    assert gate.open_keys("Made in India") == {inch}


def test_a_repeated_text_is_answered_from_the_keys_kept_for_it(monkeypatch):
    gate, keys = _gate(review=("any", ["review"]), free=("word", (["free"], [])))
    scans = []
    scan = gate._with_automata
    monkeypatch.setattr(gate, "_with_automata", lambda text: scans.append(text) or scan(text))
    for _ in range(3):
        assert gate.open_keys("Free review") == {keys["review"], keys["free"]}
        assert gate.open_keys("") == frozenset()
    assert scans == ["Free review", ""]


def test_the_kept_keys_are_bounded_in_texts_and_characters(monkeypatch):
    from loclint.kinds import gate as module

    monkeypatch.setattr(module, "KNOWN_TEXTS", 3)
    monkeypatch.setattr(module, "KNOWN_CHARACTERS", 100)
    gate, keys = _gate(review=("any", ["review"]))
    for n in range(10):
        assert gate.open_keys(f"review {n}") == {keys["review"]}
        assert len(gate._known) <= 3
    for n in range(10):
        assert gate.open_keys(f"a long review {n:060}") == {keys["review"]}
        assert sum(map(len, gate._known)) <= 100 + 80


def test_keys_kept_from_the_automaton_are_dropped_when_hyperscan_takes_over(monkeypatch, hyperscan_cache):
    from loclint.kinds import gate as module

    monkeypatch.setenv("LOCLINT_CACHE_DIR", hyperscan_cache)
    monkeypatch.setattr(module, "LOAD_AFTER", 20)
    monkeypatch.setattr(module, "BUILD_AFTER", 20)
    gate = Gate()
    inch = gate.key(["in", "inch"], r"(?<!\w)\d+\s*(?:in|inch)\b", re.IGNORECASE)
    gate.close()
    assert gate.open_keys("Made in India") == {inch}  # the automaton: its literal "in"
    assert gate._hyperscan is None
    assert gate.open_keys("a 12 inch screen") == {inch}  # past 20 characters: Hyperscan from here
    assert gate._hyperscan is not None
    assert gate.open_keys("Made in India") == frozenset()  # its regex does not match


# On ASCII text the Hyperscan database answers the literal and word keys too (text.widen's
# ascii_literal and ascii_word, hsdb's ascii_patterns): one scan, the same keys as the automata.

def _small_gate():
    gate = Gate()
    keys = {"free": gate.word_key(["free"]), "tief": gate.word_key([], ["tiefstpreis"]),
            "euro": gate.key(["€", "eur"]), "name": gate.key(["o'neil"]),
            "inch": gate.key(["in", "inch"], r"(?<!\w)\d+\s*(?:in|inch)\b", re.IGNORECASE)}
    gate.close()
    return gate, keys


def _through_the_automata(gate, text):
    """What the gate opens for ``text`` with its literal and word keys left to the automata (the
    path of a non-ASCII text, and of a database without the ASCII patterns)."""
    compiled = gate._hyperscan
    compiled.ascii = False
    try:
        return gate._with_hyperscan(text, compiled)
    finally:
        compiled.ascii = True


def test_with_hyperscan_ascii_text_opens_literal_and_word_keys_in_one_scan(hyperscan_gate):
    gate, keys = _small_gate()
    assert gate.open_keys("FREE shipping, 12 in") == {keys["free"], keys["inch"]}
    assert gate._hyperscan.ascii and keys["free"] not in gate._hyperscan.keys
    assert gate.open_keys("carefree freedom, made in india") == frozenset()
    assert gate.open_keys("gluten-free_x free_ Free") == {keys["free"]}
    assert gate.open_keys("Tiefstpreisgarantie, O'NEIL") == {keys["tief"], keys["name"]}
    assert gate.open_keys("der Untiefstpreis") == frozenset()
    assert gate.open_keys("Price in EUR") == {keys["euro"]}
    assert gate.open_keys("") == frozenset()


def test_with_hyperscan_non_ascii_text_opens_literal_and_word_keys_by_the_automata(hyperscan_gate):
    gate, keys = _small_gate()
    assert gate.open_keys("cafèfree") == frozenset()  # è is a word character: the ASCII class would not say so
    assert gate.open_keys("free café, 12 €") == {keys["free"], keys["euro"]}
    assert gate.open_keys("écran de 12 INCH") == {keys["inch"]}
    assert gate.open_keys("FREE, İN") == {keys["free"]}


def test_a_database_without_the_ascii_patterns_leaves_them_to_the_automata(monkeypatch, tmp_path):
    pytest.importorskip("hyperscan")
    from loclint.kinds import gate as module
    from loclint.text import widen

    monkeypatch.setenv("LOCLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(module, "LOAD_AFTER", -1)
    monkeypatch.setattr(module, "BUILD_AFTER", -1)
    monkeypatch.setattr(widen, "ascii_word", lambda word, prefix: "(a)?(?(1)b|c)")  # Hyperscan refuses it
    gate, keys = _small_gate()
    assert gate.open_keys("FREE shipping, 12 in") == {keys["free"], keys["inch"]}
    assert gate._hyperscan is not None and not gate._hyperscan.ascii
    assert gate.open_keys("carefree, made in india") == frozenset()


def test_a_refused_ascii_scan_opens_what_the_automata_open_and_every_regex_key(hyperscan_gate):
    gate, keys = _small_gate()
    assert gate.open_keys("a first text") == frozenset()  # Hyperscan settled
    compiled = gate._hyperscan

    class Refusing:
        def scan(self, *args, **kwargs):
            raise compiled.error("scratch in use")

    compiled.database = Refusing()
    assert gate.open_keys("free shipping") == {keys["free"], keys["inch"]}
    assert gate.open_keys("nothing here") == {keys["inch"]}


def test_on_every_ascii_field_the_database_opens_what_the_automata_would(hyperscan_gate):
    linter = Linter(day=TODAY)
    compared = opened = 0
    for record in _records():
        gate = linter.market(record.market).gate
        for field in record.fields:
            if not field.text.isascii():
                continue
            found = gate.open_keys(field.text)
            if gate._hyperscan is None:
                continue
            assert gate._hyperscan.ascii
            assert found == gate._always | _through_the_automata(gate, field.text), field.text[:200]
            compared += 1
            opened += bool(found - gate._hyperscan.keys)
    # The rule examples alone give 1,435 comparisons (805 opening a literal or word key); with the
    # corpus sample beside the checkout (../shared), over 10,000.
    assert compared > (10_000 if CORPUS.exists() else 1_000) and opened > 500


_GATES: dict = {}


def _settled_gate(code):
    if code not in _GATES:
        gate = Linter(day=TODAY).market(code).gate
        gate.open_keys("settles Hyperscan")
        _GATES[code] = gate
    return _GATES[code]


def _pieces(gate):
    words = sorted(w for w, _ in gate._word_keys_of if w.isascii())
    literals = sorted(text for text in gate._keys_of if text.isascii())
    return words + literals


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), code=st.sampled_from(["DE", "IN", "US"]))
def test_on_generated_ascii_text_the_database_opens_what_the_automata_would(hyperscan_gate, data, code):
    gate = _settled_gate(code)
    piece = st.one_of(st.sampled_from(_pieces(gate)), st.sampled_from([" ", "-", "_", "'", ".", "\n", "1"]),
                      st.text(alphabet=[chr(c) for c in range(128)], max_size=3))
    text = data.draw(st.lists(st.tuples(piece, st.booleans()), max_size=12).map(
        lambda parts: "".join(p.upper() if up else p for p, up in parts)))
    assert gate._hyperscan is not None and gate._hyperscan.ascii
    assert gate._with_hyperscan(text, gate._hyperscan) == _through_the_automata(gate, text)
