"""The market gate (kinds.gate) may only ever skip work: with every key forced open, the same
findings come out, on every rule's examples and on real listings."""
from pathlib import Path

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
