"""Hyperscan databases for the gate (kinds.gate), cached in loclint's cache directory.

Compiling a market's widened patterns (text.widen) takes seconds; loading a compiled database
takes a millisecond. A database is saved with Hyperscan's own serialization (data, not a
pickle), written atomically, and named by a hash of everything that shapes it: the patterns'
sources and flags, the widening code, Hyperscan's version and the platform. A file that cannot
be loaded (another Hyperscan, another CPU, a torn or foreign file) is rebuilt and replaced.
Like the expanded trigger forms, it is used with ``--no-cache`` too: that option is about
lint *results*; a database only ever depends on the rules.

A database may also hold the gate's literal and word keys, written for ASCII text
(text.widen.ascii_literal, ascii_word): on a text that is all ASCII, one scan then answers for
every key the database holds, without the automata.

Hyperscan has no wheels on some platforms: ``compiled`` is then None and the gate keeps its
Aho-Corasick automaton.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from typing import Optional

from .cachedir import default_directory, prepare, write_atomically

_MAGIC = b"loclint-hyperscan 2\n"
# UTF8: patterns and text are UTF-8. DOTALL: widen writes "." for any character. SINGLEMATCH:
# the gate only asks whether a pattern matches. ALLOWEMPTY: a pattern that can match nothing
# (all optional) is simply always open.
_FLAGS = ("HS_FLAG_UTF8", "HS_FLAG_DOTALL", "HS_FLAG_SINGLEMATCH", "HS_FLAG_ALLOWEMPTY")


class Compiled:
    """A database whose pattern ids are gate keys, which regex keys it covers, whether it also
    holds every ASCII literal and word pattern it was given (``ascii``), and what a scan raises."""

    def __init__(self, database, keys: frozenset[int], error: type[Exception], ascii: bool = False):
        self.database = database
        self.keys = keys
        self.error = error
        self.ascii = ascii


def hyperscan():
    """The hyperscan module, or None where it is not installed."""
    try:
        import hyperscan as module
    except ImportError:
        return None
    return module


AsciiPatterns = dict[int, tuple[str, ...]]  # gate key -> Hyperscan patterns valid on ASCII text


def any_saved(directory: Optional[str] = None) -> bool:
    """Whether the cache directory holds any database at all. When it holds none, no market's
    can be loaded, and a gate need not import hyperscan and digest its patterns to find that
    out (``compiled`` would say None): 18 M instructions, 1.4 % of linting eight records."""
    try:
        with os.scandir(directory or default_directory()) as entries:
            return any(e.name.startswith("hyperscan-") and e.name.endswith(".db") for e in entries)
    except OSError:
        return False


def compiled(patterns: dict[int, tuple[str, int]], directory: Optional[str] = None,
             build: bool = True, ascii_patterns: Optional[AsciiPatterns] = None) -> Optional[Compiled]:
    """A database for ``patterns`` (gate key -> Python source, flags): from the cache, else
    compiled (when ``build``) and saved. None without hyperscan, or when nothing widens.
    ``ascii_patterns`` join it for the keys whose regex does not widen (a widened regex opens
    fewer fields than its key's literals); without them its ``ascii`` is False."""
    hs = hyperscan()
    if hs is None or not patterns:
        return None
    stamp = _stamp(hs, patterns, ascii_patterns)
    path = os.path.join(directory or default_directory(), f"hyperscan-{stamp}.db")
    found = _load(hs, path)
    if found is not None or not build:
        return found
    found = _build(hs, patterns, ascii_patterns)
    if found is not None:
        _save(hs, path, found)
    return found


def _stamp(hs, patterns: dict[int, tuple[str, int]], ascii_patterns: Optional[AsciiPatterns]) -> str:
    import platform  # here: a run too small for Hyperscan never needs them
    import unicodedata

    from .text import widen

    with open(widen.__file__, "rb") as handle:
        widening = handle.read()
    facts = [hs.__version__, sys.platform, platform.machine(), list(sys.version_info[:2]),
             unicodedata.unidata_version, sorted(patterns.items()),
             None if ascii_patterns is None else sorted(ascii_patterns.items())]
    digest = hashlib.sha256(widening)
    digest.update(json.dumps(facts, ensure_ascii=False).encode())
    return digest.hexdigest()


def _build(hs, patterns: dict[int, tuple[str, int]], ascii_patterns: Optional[AsciiPatterns] = None
           ) -> Optional[Compiled]:
    from .text import widen

    wide: dict[int, str] = {}
    for key, (source, flags) in patterns.items():
        pattern = widen.widened(source, flags)
        if pattern is not None:  # else the key stays with the automaton
            wide[key] = pattern
    given = ascii_patterns is not None
    ascii_patterns = ascii_patterns or {}
    try:
        return _compile(hs, wide, _without(ascii_patterns, wide), given)
    except hs.error:  # Hyperscan does not say which pattern it refused: keep those it takes
        pass
    taken: dict[int, str] = {}
    for key, pattern in wide.items():
        try:
            _compile(hs, {key: pattern}, {})
            taken[key] = pattern
        except hs.error:
            pass
    for extra, complete in ((_without(ascii_patterns, taken), given), ({}, False)):  # else without them
        try:
            return _compile(hs, taken, extra, complete)
        except hs.error:
            continue
    return None


def _without(ascii_patterns: AsciiPatterns, wide: dict[int, str]) -> AsciiPatterns:
    """The ASCII patterns of the keys whose regex Hyperscan does not take."""
    return {key: found for key, found in ascii_patterns.items() if key not in wide}


def _compile(hs, wide: dict[int, str], ascii_patterns: AsciiPatterns, complete: bool = False
             ) -> Optional[Compiled]:
    if not wide:
        return None
    expressions, ids = [p.encode() for p in wide.values()], list(wide)
    for key, found in ascii_patterns.items():
        expressions += [p.encode() for p in found]
        ids += [key] * len(found)  # one key, several patterns: SINGLEMATCH still reports it once
    flags = 0
    for name in _FLAGS:
        flags |= getattr(hs, name)
    database = hs.Database(mode=hs.HS_MODE_BLOCK)
    database.compile(expressions=expressions, ids=ids, elements=len(ids), flags=[flags] * len(ids))
    return Compiled(database, frozenset(wide), hs.error, ascii=complete)


def _save(hs, path: str, found: Compiled) -> None:
    body = hs.dumpb(found.database)
    header = json.dumps({"keys": sorted(found.keys), "ascii": found.ascii,
                         "sha256": hashlib.sha256(body).hexdigest()}).encode()
    def write(handle) -> None:
        handle.write(_MAGIC + header + b"\n" + body)

    prepare(os.path.dirname(path))
    write_atomically(path, write)


def _written_by_this_user(status: os.stat_result) -> bool:
    """A database is bytecode Hyperscan runs, and its digest catches damage, not tampering: load
    only a file this user owns and nobody else may write (the rebuild replaces any other)."""
    if not hasattr(os, "getuid"):  # Windows: the user's profile folder is the boundary
        return True
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def _load(hs, path: str) -> Optional[Compiled]:
    try:
        with open(path, "rb") as handle:
            if not _written_by_this_user(os.fstat(handle.fileno())):
                return None
            data = handle.read()
    except OSError:
        return None
    if not data.startswith(_MAGIC):
        return None
    header, _, body = data[len(_MAGIC):].partition(b"\n")
    try:
        facts = json.loads(header)
        keys, ascii = facts["keys"], facts["ascii"]
        if not all(isinstance(k, int) for k in keys) or not isinstance(ascii, bool):
            return None
        # Hyperscan checks its own header, not the bytecode: a damaged file must not reach a scan.
        if facts["sha256"] != hashlib.sha256(body).hexdigest():
            return None
        database = hs.loadb(body, hs.HS_MODE_BLOCK)
        database.scratch = hs.Scratch(database)  # fails here, not mid-run, on another CPU
    except (ValueError, TypeError, KeyError, hs.error):
        return None
    return Compiled(database, frozenset(keys), hs.error, ascii)
