"""A Python regex widened into Hyperscan syntax: a pattern that matches wherever the original
does (and maybe elsewhere), for a prefilter whose hits the original then confirms.

Hyperscan has no lookarounds, refuses ``\\b`` in Unicode mode, and its Unicode tables and case
folding are not Python's (nor the ``regex`` module's, which a word-edged rule compiles with). So
the widening never relies on them: anchors and lookarounds become empty (a wider pattern),
back-references any text, and every character class is written out exactly on ASCII, where the
engines agree, plus *every* non-ASCII character. Case-insensitive parts are ``(?i:...)`` groups,
where Hyperscan folds ASCII letters, except the letters some engine also folds a non-ASCII
character onto, which are classes (``[kK\\x{212a}]``). The only non-ASCII character kept as
itself is a case-sensitive literal ("€", "ö"). A pattern this module cannot read (or `re` would
warn about) is None: its rule keeps its literal key.
"""
from __future__ import annotations

import re
import warnings
from typing import Optional, Union

try:  # Python 3.11+; the parse tree text.literals walks too
    from re import _constants as C, _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

# Non-ASCII characters that some engine (re's simple case mapping and its extra cases, or
# casefold) makes equal to an ASCII letter under IGNORECASE. tests/test_widen.py checks this
# table against every code point.
ASCII_PARTNERS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
_PARTNER_OF = {p: letter for letter, partners in ASCII_PARTNERS.items() for p in partners}
_ASCII = frozenset(range(128))
_WORD = frozenset(c for c in range(128) if chr(c).isalnum() or c == ord("_"))
_DIGIT = frozenset(range(ord("0"), ord("9") + 1))
_SPACE = frozenset(c for c in range(128) if chr(c).isspace())
_CATEGORIES = {
    C.CATEGORY_DIGIT: _DIGIT, C.CATEGORY_NOT_DIGIT: _ASCII - _DIGIT,
    C.CATEGORY_WORD: _WORD, C.CATEGORY_NOT_WORD: _ASCII - _WORD,
    C.CATEGORY_SPACE: _SPACE, C.CATEGORY_NOT_SPACE: _ASCII - _SPACE,
}
_REPEATS = tuple(getattr(C, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(C, name))
_ATOMIC_GROUP = getattr(C, "ATOMIC_GROUP", None)  # Python 3.11+, as possessive repeats
# Bounded repeats beyond this are written unbounded (wider): "{1,12}" of a word made the IN
# database take 3 s to build instead of 1.5 s, and opened no fewer fields.
_MOST = 6


class _Unreadable(Exception):
    pass


def widened(source: str, flags: int = 0) -> Optional[str]:
    """``source`` (Python syntax, ``flags``) as a Hyperscan pattern matching at least wherever
    it matches, for Hyperscan flags UTF8 | DOTALL; None when it cannot be widened."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a nested-set warning: the regex module reads it otherwise
            parsed = sre_parse.parse(source, flags)
        caseless = bool(parsed.state.flags & re.IGNORECASE)
        return _scoped(_sequence(list(parsed), caseless), caseless)
    except (re.error, RecursionError, TypeError, ValueError, Warning, _Unreadable):
        return None


def _sequence(items, caseless: bool) -> str:
    return "".join(_item(op, av, caseless) for op, av in items)


def _item(op, av, caseless: bool) -> str:
    if op is C.LITERAL:
        return _literal(av, caseless)
    if op is C.NOT_LITERAL:
        return _class(_ASCII - _members([(C.LITERAL, av)], caseless)[0], True)
    if op is C.IN:
        return _class(*_members(av, caseless))
    if op is C.ANY:
        return "."  # compiled with DOTALL: any character, newlines too (wider than re's ".")
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return ""  # an assertion only ever removes matches
    if op is C.GROUPREF:
        return ".*"
    if op is C.SUBPATTERN:
        _, add, remove, body = av
        inner = (caseless or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
        return _scoped(_sequence(list(body), inner), inner)
    if op is _ATOMIC_GROUP:
        return f"(?:{_sequence(list(av), caseless)})"
    if op is C.BRANCH:
        return "(?:" + "|".join(_sequence(list(b), caseless) for b in av[1]) + ")"
    if op in _REPEATS:
        least, most, body = av
        least = min(least, _MOST)
        bound = "" if most is C.MAXREPEAT or most > _MOST else str(most)
        return f"(?:{_sequence(list(body), caseless)}){{{least},{bound}}}"
    raise _Unreadable(op)  # GROUPREF_EXISTS and anything newer


def _scoped(body: str, caseless: bool) -> str:
    """A group in Hyperscan's own case mode: its caseless ASCII letters are written plainly."""
    return f"(?i:{body})" if caseless else f"(?-i:{body})"


def _literal(code: int, caseless: bool) -> str:
    char = chr(code)
    if char == "{":  # the regex module may read it as a fuzzy-match count ("{e<=1}"), re as a letter
        raise _Unreadable(char)
    if code < 128:
        if not (caseless and char.lower() in ASCII_PARTNERS):
            return _escape(code)  # in a (?i:) group when caseless: Hyperscan folds ASCII letters
        ascii_set, partners = _members([(C.LITERAL, code)], caseless)
        return "[" + _ranges(ascii_set) + "".join(map(_escape_wide, str(partners))) + "]"
    if not caseless:
        return _escape_wide(char)
    return _class(*_members([(C.LITERAL, code)], caseless))


_NonAscii = Union[bool, str]  # True: every non-ASCII character; else these


def _members(items, caseless: bool) -> tuple[frozenset[int], _NonAscii]:
    """A class's ASCII members, exactly, and its non-ASCII ones: a string of characters, or
    True for all of them (the widening)."""
    ascii_set: set[int] = set()
    non_ascii: _NonAscii = ""
    negate = False
    for op, av in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            char = chr(av)
            if av < 128:
                ascii_set.add(av)
                if caseless and char.lower() in ASCII_PARTNERS:
                    non_ascii = _more(non_ascii, ASCII_PARTNERS[char.lower()])
            elif caseless:
                non_ascii = True
                if char in _PARTNER_OF:
                    ascii_set.add(ord(_PARTNER_OF[char]))
            else:
                non_ascii = _more(non_ascii, char)
        elif op is C.RANGE:
            low, high = av
            ascii_set.update(range(low, min(high, 127) + 1))
            if high >= 128:
                non_ascii = True
                if caseless:
                    ascii_set.update(ord(p) for p in ASCII_PARTNERS)
            if caseless and any(chr(c).lower() in ASCII_PARTNERS for c in range(low, min(high, 127) + 1)):
                non_ascii = True
        elif op is C.CATEGORY:
            if av not in _CATEGORIES:
                raise _Unreadable(av)
            ascii_set |= _CATEGORIES[av]
            non_ascii = True
        else:
            raise _Unreadable(op)
    if caseless:
        ascii_set |= {ord(chr(c).swapcase()) for c in ascii_set if chr(c).isalpha()}
    if negate:
        return frozenset(_ASCII - ascii_set), True
    return frozenset(ascii_set), non_ascii


def _more(non_ascii: _NonAscii, chars: str) -> _NonAscii:
    return True if non_ascii is True else str(non_ascii) + chars


def _class(ascii_set: frozenset[int], non_ascii: _NonAscii) -> str:
    if non_ascii is True:  # all non-ASCII: the complement of the missing ASCII characters
        missing = _ASCII - ascii_set
        return "[^" + _ranges(missing) + "]" if missing else "."
    members = _ranges(ascii_set) + "".join(map(_escape_wide, sorted(set(str(non_ascii)))))
    return f"[{members}]" if members else "."  # an empty class never matches: any character is wider


def _ranges(codes) -> str:
    """ASCII ``codes`` as a class body, runs of three or more as ranges (Hyperscan limits a
    pattern's length)."""
    out = []
    codes = sorted(codes)
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        if j - i >= 2:
            out.append(f"{_escape(codes[i])}-{_escape(codes[j])}")
        else:
            out.extend(map(_escape, codes[i:j + 1]))
        i = j + 1
    return "".join(out)


def _escape(code: int) -> str:
    char = chr(code)
    return char if char.isalnum() else f"\\x{code:02x}"


def _escape_wide(char: str) -> str:
    return f"\\x{{{ord(char):x}}}"


# ASCII text in Hyperscan's terms: what the gate's literal and word keys need on a text that is
# all ASCII, where folding is lower() and a word character is [0-9A-Za-z_] (kinds.gate._in_word
# on ASCII). Not widened: on ASCII text these match exactly where the gate's automata would.
_NOT_WORD = "[^0-9A-Za-z\\x5f]"


def ascii_literal(text: str) -> str:
    """A Hyperscan pattern matching, on ASCII text, wherever the folded text holds ``text`` (a
    folded ASCII literal)."""
    body = text if text.isalnum() else "".join(_escape(ord(char)) for char in text)
    return f"(?i:{body})"


def ascii_word(text: str, prefix: bool) -> str:
    """A Hyperscan pattern matching, on ASCII text, where the folded text holds ``text`` (a
    folded ASCII word) with no word character before it and, unless ``prefix``, none after."""
    after = "" if prefix else f"(?:{_NOT_WORD}|$)"
    return f"(?:^|{_NOT_WORD}){ascii_literal(text)}{after}"
