"""The market's gate: which rules could match a field, for every rule at once, in one C pass.

Most fields match nothing, and asking each rule in turn (a regular expression per pattern rule,
an alternation of currency symbols, a token set for terms) cost more than the matching itself.
Each checker registers, per rule, the literals a match cannot do without ("review", "€",
"inch", every inflected form of a trigger's first word); an Aho-Corasick automaton
(pyahocorasick) over the folded text then says which of those keys are open. A key is only
ever a necessary condition: a rule whose literals cannot be worked out is open on every text
(until Hyperscan runs, below).

A key may also carry the rule's real regex. Past ``LOAD_AFTER`` characters of text asked about
(a few thousand) when a database is cached, else past ``BUILD_AFTER``, those keys move to a
Hyperscan database (hsdb) of their regexes widened (text.widen): a field opens such a key only
where the widened regex matches, which is rarer than its literals ("in" is in most English
text, "12 in" is not). A regex key with no literals opens only there too (MP003's titles in
capitals: 329 of the corpus's 9,048 titles open it, 55 match, instead of all of them). The
other keys stay with the automaton. Without hyperscan, or on a small input, the automaton does
it all.

The same database holds the literal and word keys written for ASCII text (text.widen's
ascii_literal and ascii_word): a text that is all ASCII (9,854 of the corpus's 9,948 distinct
texts) is answered by that one scan, exactly as the automata would answer it, without folding
it, walking it twice with pyahocorasick (~20 ns a character) and checking each trigger word's
edges in Python: the corpus's 30,498 asks 71 -> 44 ms in process (median of 7). A text with
other characters still goes through the automata, which fold it; of its scan only the regex
keys count.
"""
from __future__ import annotations

import collections
import functools
import itertools
import operator
from typing import TYPE_CHECKING, Iterable, Optional

import ahocorasick

from ..text import widen
from ..text.fold import folded
from ..text.lazy_regex import LazyPattern

if TYPE_CHECKING:
    from ..hsdb import Compiled

# Where a token of text.tokens can start or end: not inside a run of word characters. CJK
# ideographs are tokens of their own, so they bound a word too. Both classes are lazy, built from
# their code when an earlier run compiled them (pattern_cache): compiling a class of a whole
# script costs 2-3 ms, at every import.
_CJK = LazyPattern(r"[\u3400-\u9fff\uf900-\ufaff]")
# Thai is written without spaces (text.unspaced cuts it into words): a Thai word has no edge to
# test in the raw text, so any occurrence opens its key, as a CJK one does.
_UNSPACED = LazyPattern(r"[\u3400-\u9fff\uf900-\ufaff\u0e01-\u0e4e]")
_FIRST_UNSPACED = "\u0e01"  # below it, a word holds none (max() is cheaper than the class's search)

# Characters of field text a market's gate scans before it uses a cached Hyperscan
# database, and before it compiles one when none is cached (benchmarks/gate_scan.py). Before
# it, a regex key opens on its literals, and the rules behind it search texts their widened
# regex would have passed over: on the corpus's first IN texts the automaton's answers cost
# 6-12k instructions a character (callgrind), a load 33 M (one record linted with and without),
# so a load pays back after a few thousand characters (the whole corpus run 7.43 -> 7.04 G
# with 3,500 instead of 100,000; 2,000 7.06 G, 20,000 7.18 G; at 0 the seven small markets
# each try a load they have no database for, 7.17 G). A build costs 0.4-1.5 s a market, paid
# back within a run only past ~5M characters, but it is cached: a feed this large is likely
# linted again.
LOAD_AFTER = 3_500
BUILD_AFTER = 500_000

# Field texts recur across a feed: attribute values ("No", "Pack of 1"), boilerplate, empty
# fields. Of the 30,498 texts the real corpus asks about, 9,948 are distinct (8,001 are empty):
# the gate keeps each text's keys, so a repeat is a dict lookup instead of a fold and three
# scans (the gate's CPU on those texts 105 -> 79 ms). Cleared when full, as the language cache
# is; long descriptions fill it by their characters first (the corpus's IN gate scans 788k).
KNOWN_TEXTS = 10_000
KNOWN_CHARACTERS = 2_000_000


class Gate:
    def __init__(self):
        self._keys_of: dict[str, set[int]] = {}  # folded literal -> keys it opens anywhere
        self._word_keys_of: dict[tuple[str, bool], set[int]] = {}  # (word, is prefix) -> keys
        # word_key's words, folded into the two tables above only when something needs them
        # (close for several word keys, _settle): (key, words, prefixes).
        self._unfolded: list[tuple[int, tuple[str, ...], tuple[str, ...]]] = []
        self._count = 0
        self._anywhere: Optional[ahocorasick.Automaton] = None
        self._words: Optional[ahocorasick.Automaton] = None
        self._patterns: dict[int, tuple[str, int]] = {}  # key -> its rule's regex (source, flags)
        # Regex keys without literals ("[A-Z]{4,} [A-Z]{4,}"): open on every text until Hyperscan
        # takes those it can widen (then only where they match), and on every text after it for
        # those it cannot.
        self._unliteral: set[int] = set()
        self._always: frozenset[int] = frozenset()
        self._scanned: Optional[int] = 0  # characters asked about; None once Hyperscan is settled
        self._settle_at = LOAD_AFTER
        self._hyperscan: Optional[Compiled] = None
        self._hits: list[int] = []
        self._known: dict[str, frozenset[int]] = {}  # text -> its open keys (KNOWN_TEXTS)
        self._known_characters = 0

    def key(self, literals: Optional[Iterable[str]], pattern: Optional[str] = None,
            flags: int = 0) -> Optional[int]:
        """A key opened by any of ``literals`` anywhere in the text. ``pattern`` (with re
        ``flags``) is the regex the key guards: where Hyperscan runs, the key opens only where
        it (widened) matches. Without literals (None) the key is open on every text until
        Hyperscan runs; without literals or a pattern it is None, always open."""
        if literals is None:
            if pattern is None:
                return None
            key = self._new_key()
            self._patterns[key] = (pattern, flags)
            self._unliteral.add(key)
            return key
        key = self._new_key()
        for literal in literals:
            text = folded(literal)
            if text:
                self._keys_of.setdefault(text, set()).add(key)
        if pattern is not None:
            self._patterns[key] = (pattern, flags)
        return key

    def word_key(self, words: Iterable[str], prefixes: Iterable[str] = ()) -> int:
        """A key opened by one of ``words`` standing as a whole token (text.tokens), or a
        token starting with one of ``prefixes``: "free" opens it, "freedom" does not."""
        key = self._new_key()
        self._unfolded.append((key, tuple(words), tuple(prefixes)))
        return key

    def _fold_words(self) -> None:
        """word_key's words into the tables, folded."""
        for key, words, prefixes in self._unfolded:
            for items, is_prefix in ((words, False), (prefixes, True)):
                for word in items:
                    text = folded(word)
                    if not text:
                        continue
                    if _opens_anywhere(text):
                        self._keys_of.setdefault(text, set()).add(key)
                    else:
                        self._word_keys_of.setdefault((text, is_prefix), set()).add(key)
        self._unfolded.clear()

    def _new_key(self) -> int:
        self._count += 1
        return self._count - 1

    def close(self) -> None:
        """Build the automata once every checker has registered its keys."""
        words = self._one_key_word_items() if len(self._unfolded) == 1 else self._word_items()
        self._anywhere = _automaton(*self._literal_items(frozenset()))
        self._always = frozenset(self._unliteral)
        self._scanned = 0 if self._patterns else None
        self._words = _automaton(*words)

    def _word_items(self) -> tuple[list[str], list[tuple[int, tuple[tuple[bool, tuple[int, ...]], ...]]]]:
        """The words' automaton items: the words, and for each its length and, as a word and as
        a prefix, its keys (sorted)."""
        self._fold_words()
        merged: dict[str, list] = {}
        for (word, is_prefix), keys in self._word_keys_of.items():
            merged.setdefault(word, []).append((is_prefix, tuple(sorted(keys))))
        return list(merged), [(len(word), tuple(entries)) for word, entries in merged.items()]

    def _one_key_word_items(self) -> tuple[list[str], list]:
        """_word_items when one word_key was asked for (a market's terms checker is the only
        caller), worked out in C: its words folded as one text, and every word sharing one value.
        Folded and merged word by word in Python (word_key, then close), the 12k trigger words of
        the corpus's 8 markets took 327 M instructions to compile; this way 252 M (callgrind)."""
        key, words, prefixes = self._unfolded[0]
        whole, starts = set(_folded_each(words)), set(_folded_each(prefixes))
        whole.discard("")
        starts.discard("")
        # A word of an unspaced script opens its key anywhere, as a literal (_fold_words). The
        # marketplace's Chinese replica words are in every market.
        # (The ASCII words, nearly all, are passed over in C before any Python call.)
        unspaced = set(filter(_opens_anywhere, itertools.filterfalse(str.isascii, whole | starts)))
        for word in unspaced:
            self._keys_of.setdefault(word, set()).add(key)
        whole -= unspaced
        starts -= unspaced
        keys = (key,)
        found: list[str] = []
        values: list = []
        for these, value in ((whole - starts, ((False, keys),)), (starts - whole, ((True, keys),)),
                             (whole & starts, ((False, keys), (True, keys)))):
            found += these
            values += zip(map(len, these), itertools.repeat(value))
        return found, values

    def _literal_items(self, without: frozenset[int]) -> tuple[list[str], list[tuple[int, ...]]]:
        """The literals of every key but those in ``without`` (Hyperscan's), and their keys. The
        words of an unspaced script join them when folded (close folds any there are)."""
        literals, keys_of = [], []
        for literal, keys in self._keys_of.items():
            kept = tuple(sorted(keys - without))
            if kept:
                literals.append(literal)
                keys_of.append(kept)
        return literals, keys_of

    def open_keys(self, text: str) -> frozenset[int]:
        found = self._known.get(text)
        if found is None:
            found = self._scan(text)
        return found

    def _scan(self, text: str) -> frozenset[int]:
        if self._scanned is not None:
            self._scanned += len(text)
            if self._scanned > self._settle_at:
                self._settle()
        if self._hyperscan is not None:
            found = self._with_hyperscan(text, self._hyperscan)
        else:
            found = self._with_automata(text)
        if self._always:
            found = self._always.union(found)
        if len(self._known) >= KNOWN_TEXTS or self._known_characters > KNOWN_CHARACTERS:
            self._forget()
        self._known[text] = found
        self._known_characters += len(text)
        return found

    def _forget(self) -> None:
        self._known.clear()
        self._known_characters = 0

    def _settle(self) -> None:
        """Move the regex keys to Hyperscan: a cached database once the input is past
        LOAD_AFTER, a new one past BUILD_AFTER; done for good once found or built (or when
        it cannot be)."""
        from .. import hsdb  # here: a small input never needs it

        building = self._settle_at >= BUILD_AFTER
        if not building and not hsdb.any_saved():
            self._settle_at = BUILD_AFTER  # nothing cached to load (hsdb.any_saved): wait for a build
            return
        found = hsdb.compiled(self._patterns, build=building, ascii_patterns=self._ascii_patterns())
        if found is None and not building and hsdb.hyperscan() is not None:
            self._settle_at = BUILD_AFTER  # not cached yet: the automaton goes on until then
            return
        self._scanned = None
        if found is not None:
            self._anywhere = _automaton(*self._literal_items(found.keys))
            self._always = frozenset(self._unliteral - found.keys)
            self._hyperscan = found
            self._forget()  # the automaton's answers: Hyperscan opens fewer regex keys

    def _ascii_patterns(self) -> dict[int, tuple[str, ...]]:
        """Each key's literals and words that can occur in ASCII text, as Hyperscan patterns
        matching on ASCII text where the automata find them."""
        self._fold_words()
        found: dict[int, set[str]] = {}
        for literal, keys in self._keys_of.items():
            if literal.isascii():
                for key in keys:
                    found.setdefault(key, set()).add(widen.ascii_literal(literal))
        for (word, is_prefix), keys in self._word_keys_of.items():
            if word.isascii():
                for key in keys:
                    found.setdefault(key, set()).add(widen.ascii_word(word, is_prefix))
        return {key: tuple(sorted(patterns)) for key, patterns in sorted(found.items())}

    def _with_hyperscan(self, text: str, compiled: Compiled) -> frozenset[int]:
        if compiled.ascii and text.isascii():
            return self._ascii_with_hyperscan(text, compiled)
        found = self._with_automata(text)
        hits = self._hits
        try:
            compiled.database.scan(text.encode(), match_event_handler=self._on_match)
        except (UnicodeEncodeError, compiled.error):
            # A lone surrogate (Hyperscan reads UTF-8 only), or a scan refused (another thread
            # holds the scratch space): all of its keys open (more keys than a scan would open
            # never changes a finding, so the answer may be kept for the text).
            hits.clear()
            return found | compiled.keys
        if not hits:
            return found
        # Its literal and word patterns are written for ASCII text: here the automata answer them.
        opened = found.union(compiled.keys.intersection(hits))
        hits.clear()
        return opened

    def _ascii_with_hyperscan(self, text: str, compiled: Compiled) -> frozenset[int]:
        hits = self._hits
        try:
            compiled.database.scan(text.encode(), match_event_handler=self._on_match)
        except compiled.error:  # a scan refused (see above): the automata, and every regex key
            hits.clear()
            return self._with_automata(text) | compiled.keys
        if not hits:
            return _NONE
        opened = frozenset(hits)
        hits.clear()
        return opened

    def _on_match(self, key: int, start: int, end: int, flags: int, context) -> None:
        self._hits.append(key)

    def _with_automata(self, text: str) -> frozenset[int]:
        if self._anywhere is None and self._words is None:
            return _NONE
        low = folded(text)
        # A literal may occur many times ("in"); collect the distinct key tuples at C speed.
        groups = set(map(_second, self._anywhere.iter(low))) if self._anywhere is not None else set()
        if self._words is not None:
            groups.update(self._whole_words(low))
        if not groups:
            return _NONE
        if len(groups) == 1:
            return _as_set(groups.pop())
        return frozenset().union(*groups)

    def _whole_words(self, low: str) -> Iterable[tuple[int, ...]]:
        last = len(low) - 1
        for end, (length, entries) in self._words.iter(low):
            start = end - length + 1
            if start and _in_word(low[start - 1]):
                continue
            ends_word = end == last or not _in_word(low[end + 1])
            for is_prefix, keys in entries:
                if is_prefix or ends_word:
                    yield keys


def _automaton(words: list[str], values: list) -> Optional[ahocorasick.Automaton]:
    """An automaton finding ``words``, each with its value; None without words."""
    if not words:
        return None
    automaton = ahocorasick.Automaton()
    collections.deque(map(automaton.add_word, words, values), maxlen=0)  # added in C, not by a Python loop
    automaton.make_automaton()
    return automaton


def _folded_each(texts: Iterable[str]) -> list[str]:
    """[folded(text) for text in texts], folded as one text joined by NUL: folded works character
    by character, and no character folds to or from NUL."""
    texts = list(texts)
    joined = "\0".join(texts)
    if joined.count("\0") != len(texts) - 1:  # a text holds a NUL of its own
        return list(map(folded, texts))
    return folded(joined).split("\0") if texts else []


def _opens_anywhere(word: str) -> bool:
    """Whether a folded trigger word is of a script written without spaces: it has no edge to
    test, so any occurrence opens its key. (max() first: cheaper than the class's search.)"""
    return not word.isascii() and max(word) >= _FIRST_UNSPACED and bool(_UNSPACED.search(word))


def _in_word(char: str) -> bool:
    return (char.isalnum() or char == "_") and not _CJK.match(char)


@functools.lru_cache(maxsize=None)  # asked for every inflected form of every trigger, in every market
def opens_as_word(word: str) -> bool:
    """Whether a word_key for ``word`` opens where the tokenizer makes it a token: a word of an
    unspaced script anywhere, any other only between non-word characters, so it must start and
    end with a word character ("#" of "#1", two tokens with nothing between, never opens)."""
    text = folded(word)
    if text.isascii():
        return bool(text) and _in_ascii_word(text[0]) and _in_ascii_word(text[-1])
    return bool(text) and (bool(_UNSPACED.search(text)) or (_in_word(text[0]) and _in_word(text[-1])))


def _in_ascii_word(char: str) -> bool:
    return char.isalnum() or char == "_"


_NONE: frozenset[int] = frozenset()
_second = operator.itemgetter(1)


@functools.lru_cache(maxsize=None)
def _as_set(keys: tuple[int, ...]) -> frozenset[int]:
    return frozenset(keys)


def is_open(key: Optional[int], open_keys: frozenset[int]) -> bool:
    return key is None or key in open_keys


class Opened(list):
    """One field scope's items (a checker's rules, or its rules' units), indexed by the gate key
    that opens each: a field visits the items its open keys name, and those with no key
    (always open), in the checker's order. Looping over every rule in scope to ask
    ``is_open`` was the largest cost of a run, and most fields open none of them.

    The list holds every item, so that ``if not opened`` (asked for every field) is a C call."""

    def __init__(self, items: Iterable, key_of):
        super().__init__(items)
        self._always: list[tuple[int, object]] = []
        self._by_key: dict[int, list[tuple[int, object]]] = {}
        for index, item in enumerate(self):
            key = key_of(item)
            (self._always if key is None else self._by_key.setdefault(key, [])).append((index, item))
        self._keys = frozenset(self._by_key)
        self._always_items = [item for _, item in self._always]
        self.lookup = _Visits(self).__getitem__

    def __call__(self, open_keys: frozenset[int]) -> list:
        keys = self._keys.intersection(open_keys)
        if not keys:
            return self._always_items
        found = [entry for key in keys for entry in self._by_key[key]]
        found += self._always
        found.sort(key=_first)
        return [item for _, item in found]


class OpenedByScope(dict):
    """For each field scope, its ``Opened`` worked out on the scope's first field, as a lookup of
    the items to visit for a set of open keys (or the empty Opened, which no field calls). Called
    for every field: a dict's own lookup, with Python only on a scope's first field
    (``__missing__``)."""

    def __init__(self, items: Iterable, rule_of, key_of):
        super().__init__()
        self._items = list(items)
        self._rule_of, self._key_of = rule_of, key_of

    __call__ = dict.__getitem__

    def __missing__(self, scope: str):
        opened = Opened((i for i in self._items if self._rule_of(i).applies_to(scope)), self._key_of)
        found = self[scope] = opened.lookup if opened else opened
        return found


# Distinct sets of open keys a scope's Opened keeps the items of (a feed has few: most fields open
# none, and a text's keys are kept by the gate); cleared when full.
KNOWN_VISITS = 1024


class _Visits(dict):
    """An Opened's items for each set of open keys it was asked about: a repeat (most of the
    corpus's 37,503 asks) is a dict lookup in C instead of a Python call and an intersection."""

    def __init__(self, opened: Opened):
        super().__init__()
        self._opened = opened

    def __missing__(self, open_keys: frozenset[int]) -> list:
        if len(self) >= KNOWN_VISITS:
            self.clear()
        found = self[open_keys] = self._opened(open_keys)
        return found


_first = operator.itemgetter(0)
