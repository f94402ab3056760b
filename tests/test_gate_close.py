"""Gate.close's one-word-key path (the words folded as one text, every word sharing one value)
works out what the general path does: the same automaton items and literals, hence the same
open keys, on every built-in market and on generated words."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import TODAY
from loclint.engine import MarketLinter
from loclint.kinds import gate as gate_module
from loclint.kinds.gate import Gate
from loclint.rulebook import load_rulebook
from loclint.text.fold import folded

_BOOK = load_rulebook()

# Letters the fold changes or drops (Turkish İ and ı, Arabic harakat, tatweel, the Devanagari
# nukta), unspaced scripts (CJK, Thai), a NUL, and plain letters.
_LETTERS = st.sampled_from(list("abcİıIiß\u064e\u0640\u093c\u0915क高仿ไทยé \x00-#"))
_WORDS = st.lists(st.text(_LETTERS, max_size=6), max_size=12)


@given(_WORDS)
def test_folded_each_is_folded_on_each_text(texts):
    assert gate_module._folded_each(texts) == [folded(text) for text in texts]


class _General(Gate):
    """A gate that closes by the general path (_fold_words, then merged by word)."""

    def _one_key_word_items(self):
        return self._word_items()


def _assert_closes_alike(register, texts=()) -> None:
    one, general = Gate(), _General()
    register(one)
    register(general)
    assert len(one._unfolded) == 1  # the path this test is about
    fast, slow = Gate(), Gate()
    register(fast)
    register(slow)
    assert sorted(zip(*fast._one_key_word_items())) == sorted(zip(*slow._word_items()))
    assert fast._keys_of == slow._keys_of
    one.close()
    general.close()
    assert one._keys_of == general._keys_of
    for text in texts:
        assert one.open_keys(text) == general.open_keys(text), text


@settings(max_examples=200, deadline=None)
@given(_WORDS, _WORDS, _WORDS)
def test_one_word_key_closes_as_the_general_path(literals, words, prefixes):
    def register(gate):
        gate.key(literals)
        gate.word_key(words, prefixes)
        gate.key(["€"], r"\d+ ?€")

    texts = literals + words + prefixes + [" ".join(words), "-".join(prefixes) + "s x", " ".join(literals) + " 3 €"]
    _assert_closes_alike(register, texts)


@pytest.mark.parametrize("market", sorted(_BOOK.markets))
def test_every_market_closes_as_the_general_path(market, monkeypatch):
    closed = []
    monkeypatch.setattr(Gate, "close", lambda gate: closed.append(gate))  # keep them unclosed
    MarketLinter(_BOOK, market, _BOOK.rules_for(market), TODAY, detect=None)
    [registered] = closed
    monkeypatch.undo()
    unfolded = list(registered._unfolded)
    assert len(unfolded) == 1  # the terms checker's one word key: the path this test is about

    def register(gate):
        gate._keys_of = {literal: set(keys) for literal, keys in registered._keys_of.items()}
        gate._count = registered._count
        gate._unfolded = list(unfolded)

    _, words, prefixes = unfolded[0]
    words = sorted(words)
    texts = [" ".join(words[i:i + 40]) for i in range(0, len(words), 40)] + [f"{p}e, {p}" for p in sorted(prefixes)]
    _assert_closes_alike(register, texts)
