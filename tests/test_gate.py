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
