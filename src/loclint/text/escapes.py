"""How output writes text it does not control: listing text, record ids and file names, in the
reporters, the notices on stderr and the readers' own notices.

Such text may hold characters that must not reach the output as they are:

- what a terminal acts on instead of showing: C0 controls (ESC starts sequences that retitle the
  window or clear the screen, CR and backspace overwrite what was printed), DEL and the C1
  controls (U+009B is a one-byte ESC [);
- what reorders the text around it: the bidi embeddings, overrides and isolates (U+202A-U+202E,
  U+2066-U+2069, the "Trojan Source" characters). The marks LRM, RLM and ALM are left alone:
  Arabic and Hebrew copy uses them and they move nothing but themselves;
- what cannot be encoded at all: lone surrogates, from a JSON string's ``"\\ud800"`` or from a
  file name's byte that is not UTF-8 (Python keeps byte E9 as U+DCE9, PEP 383); and the
  non-characters U+FFFE and U+FFFF, which XML cannot hold.

Formats for people (full, concise, junit, github) show each such character as the escape Python
writes it in a string literal (``\\x1b``, ``\\r``, ``\\x9b``, ``\\u202e``, ``\\ud800``, ``\\udce9``):
visible, one code point per escape, and the same text the JSON formats hold for a surrogate.
Tab stays: it only moves right to a tab stop, hides and overwrites nothing, and is common in copy
taken from spreadsheets. Newline stays where the format has multi-line text of its own (JUnit's
failure details, GitHub's %0A-escaped messages); where a piece of input sits on one line (every
line of full and concise, a notice on stderr) it is escaped too, so input cannot forge a line.

JSON formats escape controls themselves; only a lone surrogate survives their encoder and
breaks the UTF-8 stream, so it is written as its JSON escape (``\ud800``: RFC 8259's grammar
allows it; Python reads it back exactly, stricter parsers as U+FFFD).
Normal text passes through every function here unchanged.
"""
from __future__ import annotations

import re

_UNSEEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
_UNSEEN_OR_NEWLINE = re.compile(f"{_UNSEEN.pattern}|\n")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def visible(text: str) -> str:
    """``text`` with every character that a terminal would act on, that reorders text or that
    cannot be encoded shown as its escape; newline and tab kept."""
    return _UNSEEN.sub(_escape, text)


def one_line(text: str) -> str:
    """As ``visible``, with newlines escaped too, for formats that promise one line per item."""
    return _UNSEEN_OR_NEWLINE.sub(_escape, text)


def encodable_json(text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with its lone surrogates written
    as ``\\udXXX`` escapes, so that it encodes as UTF-8. Outside strings JSON has no such
    characters, so every one of them stands inside a string, where the escape means the same."""
    try:
        text.encode("utf-8")  # C speed, 20 times faster than searching: the usual text has none
    except UnicodeEncodeError:
        return _SURROGATE.sub(_escape, text)
    return text
