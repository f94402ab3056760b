"""kinds.phrase_store: a terms phrase's steps kept by an earlier run compile every market exactly
as working them out afresh does; what cannot be used (a damaged or foreign file, an entry that is
not a phrase's steps, changed code) is worked out again; a phrase with a word the shipped
inflections lack is never kept."""
import hashlib
import os

import pytest

from loclint import cachedir, pattern_cache
from loclint.engine import Linter
from loclint.kinds import gate, phrase_store, terms
from loclint.kinds.terms import TermsChecker
from loclint.pattern_cache import Store
from loclint.rulebook import load_rulebook
from loclint.text import fold, lemmas, shipped_inflections, tokens, unspaced

from conftest import TODAY, team_rule


@pytest.fixture
def store(tmp_path, monkeypatch):
    """The phrases' store in a directory of the test's own; LOCLINT_CACHE_DIR there too (the
    inflections of a team's words)."""
    monkeypatch.setenv("LOCLINT_CACHE_DIR", str(tmp_path))
    kept = Store(phrase_store.engine(), str(tmp_path))
    monkeypatch.setattr(phrase_store, "_store", lambda: kept)
    return kept


@pytest.fixture
def worked_out(monkeypatch):
    """The phrases terms works out from now on (kinds.terms._compiled, not the file)."""
    phrases = []
    make = terms._compiled

    def counting(phrase, lang, data, inflect):
        phrases.append((lang, phrase))
        return make(phrase, lang, data, inflect)

    monkeypatch.setattr(terms, "_compiled", counting)
    return phrases


@pytest.fixture
def expanded_without_spacy(monkeypatch):
    """A word the shipped inflections lack gets two forms, without loading spaCy's tables."""
    monkeypatch.setattr(lemmas, "inflections", lambda word, lang, data: frozenset({word.casefold(),
                                                                                   word.casefold() + "n"}))


@pytest.fixture(scope="module")
def team_rulebook(tmp_path_factory):
    """The built-in rules and a team's terms rule: one word the shipped inflections lack
    ("Headphones"), one they hold ("beste"), a prefix, and a Thai word."""
    directory = tmp_path_factory.mktemp("team")
    rule = team_rule().replace("de: [Headphones]", 'de: [Headphones, "die beste Wahl", "Tiefstpreis*"]\n'
                                                   '      th: ["ลดน้ำหนัก เร็ว"]')
    (directory / "style.yml").write_text(rule, encoding="utf-8")
    return load_rulebook(extra=(directory,))


def _compiled_state(rulebook, markets=None) -> dict:
    """The terms tables and gate keys of ``markets`` (every one by default), as a new Linter
    compiles them."""
    linter = Linter(rulebook, day=TODAY)
    state = {}
    for code in markets or sorted(rulebook.markets):
        market = linter.market(code)
        checkers = [c for c in market.checkers if isinstance(c, TermsChecker)]
        state[code] = ([(c.exact, c.prefix, c.gate_key) for c in checkers],
                       market.gate._keys_of, market.gate._word_keys_of, market.gate._count)
    return state


def _unkept(monkeypatch) -> None:
    """Phrases worked out as before the store: no file read or written."""
    monkeypatch.setattr(phrase_store, "compiled", lambda phrase, lang, data, inflect, make:
                        make(phrase, lang, data, inflect))


@pytest.mark.parametrize("book", ["shipped", "team"])
def test_kept_phrases_compile_every_market_as_working_them_out_does(store, worked_out, monkeypatch, rulebook,
                                                                     team_rulebook, expanded_without_spacy, book):
    rulebook = rulebook if book == "shipped" else team_rulebook
    first = _compiled_state(rulebook)  # works every phrase out, and keeps those it may
    assert worked_out and store.new
    store.save()
    kept_phrases = len(store.new)

    store.saved, store.new = None, {}  # a later run: the file read again
    worked_out.clear()
    later = _compiled_state(rulebook)
    assert later == first
    assert len(store.used) == kept_phrases
    # Only the team's phrase with a word the shipped inflections lack is worked out again.
    assert worked_out == ([] if book == "shipped" else [("de", "Headphones")])

    with monkeypatch.context() as unkept:
        _unkept(unkept)
        assert _compiled_state(rulebook) == first


def test_a_kept_thai_phrase_still_joins_the_segmenters_words(store, team_rulebook, monkeypatch,
                                                             expanded_without_spacy):
    _compiled_state(team_rulebook)
    store.save()
    store.saved, store.new = None, {}
    monkeypatch.setattr(unspaced, "_extra", set())
    _compiled_state(team_rulebook)
    assert {"ลดน้ำหนัก", "เร็ว"} <= unspaced._extra


def _saved_file(directory) -> str:
    [name] = [n for n in os.listdir(directory) if n.startswith("patterns-phrases-")]
    return os.path.join(directory, name)


DAMAGED_MARKETS = ("DE", "IN", "TH")  # prefixes, Hindi, Thai


@pytest.mark.parametrize("damage", ["bytes", "planted"])
def test_a_damaged_file_is_worked_out_again_and_replaced(tmp_path, store, worked_out, rulebook, damage):
    first = _compiled_state(rulebook, DAMAGED_MARKETS)
    store.save()
    path = _saved_file(tmp_path)
    entries = pattern_cache._load(path, phrase_store.engine().entry)
    if damage == "bytes":
        data = bytearray(open(path, "rb").read())
        data[-10] ^= 0xFF
        open(path, "wb").write(bytes(data))
    else:  # checked and well formed, but not what a phrase compiles to: an anchor past its steps
        pattern_cache._save(path, {key: (steps, len(steps)) for key, (steps, anchor) in entries.items()})

    again = Store(phrase_store.engine(), str(tmp_path))
    store.__dict__.update(again.__dict__)
    worked_out.clear()
    assert _compiled_state(rulebook, DAMAGED_MARKETS) == first
    assert len(set(worked_out)) == len(entries)
    store.save()
    assert pattern_cache._load(path, phrase_store.engine().entry) == entries


def test_the_saved_steps_come_back_as_they_were():
    prefix = terms._Prefix("tiefstpreis")
    compiled = ((frozenset({"beste", "besten"}), prefix), prefix)
    saved = phrase_store._saved("", 0, phrase_store._Worked(compiled, shipped=True))
    assert saved == ([(False, ["beste", "besten"]), (True, ["tiefstpreis"])], 1)
    assert phrase_store._built(saved) == compiled
    assert phrase_store._built(([], -1)) == ((), None)
    for wrong in [([(False, ["beste"])], -1), ([(False, ["beste"])], 1), ([(True, ["a", "b"])], 0),
                  ([(False, [])], 0), ([], 0)]:
        with pytest.raises(ValueError):
            phrase_store._built(wrong)
    assert phrase_store._saved("", 0, phrase_store._Worked(compiled, shipped=False)) is None


def test_a_linter_with_inflections_of_its_own_never_reads_the_file(monkeypatch, rulebook):
    def unread():
        raise AssertionError("the phrases' file was asked")

    monkeypatch.setattr(phrase_store, "_store", unread)
    forms = lambda word, lang, data: frozenset({word})  # noqa: E731
    from loclint.engine import MarketLinter
    from loclint.selector import RuleIndex

    MarketLinter(rulebook, "DE", rulebook.rules_for("DE"), TODAY, detect=None, inflect=forms,
                 index=RuleIndex(rulebook.all_rules()))


def test_the_stamp_follows_the_code_and_the_shipped_inflections():
    facts = phrase_store.engine().facts()
    modules = (phrase_store, terms, gate, tokens, fold, lemmas, shipped_inflections, unspaced)
    assert facts[:-1] == [hashlib.sha256(open(m.__file__, "rb").read()).hexdigest() for m in modules]
    status = os.stat(shipped_inflections.PATH)
    assert facts[-1] == [status.st_size, status.st_mtime_ns]


def test_clean_removes_the_phrases_file(tmp_path, store, rulebook):
    Linter(rulebook, day=TODAY).market("DE")
    store.save()
    path = _saved_file(tmp_path)
    assert cachedir.clean(str(tmp_path)).kept == []
    assert not os.path.exists(path)
