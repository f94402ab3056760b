"""Compiled regular expressions, cached across runs in loclint's cache directory.

Compiling an expression is almost all Python (parsing, then generating the engine's code); the
C constructor that turns the code into a pattern is trivial. A corpus run spent 0.13 s of its
1.8 s compiling the rule expressions it meets, the same 60 every run (46 word-edged ones with
the `regex` module, text.words; 14 with `re`); built from their cached code they take 4 ms. So
the first run saves each expression's constructor arguments, and later runs build the pattern
from them:

- `regex`: the arguments are those its own pickling support hands to ``_regex.compile``
  (``copyreg``'s reducer for its Pattern), so they come from the fresh compile itself.
- `re`: CPython does not expose a pattern's code, so it is generated again the way
  ``re._compiler.compile`` does, and kept only when the pattern it builds equals the fresh one
  (``==`` compares the flags, the source and the code; the groups are compared too).
- the gate's literals of an expression (text.literals) are kept the same way, by an engine of
  that module's own.

A file per engine and per stamp (the interpreter, the engine's version and code format:
another Python or `regex` is another file), loaded once, on the engine's first compile. What a
process compiles that the file lacks is saved once, when it exits (a ``--jobs`` worker too),
merged with what is on the disk then, and written again if another process replaced it
meanwhile; the file holds at most MAX_ENTRIES. Like the Hyperscan databases (hsdb), it is used
with ``--no-cache`` too: that option is about lint results, and a pattern depends only on its
source.

The file is msgpack, data that decodes without running code, typed as written. ``_sre``
validates the code it is given (``_validate`` in _sre.c: "invalid SRE code"). ``_regex`` only
checks its code's shape as it builds its nodes (a truncated code or an unknown opcode is
refused), not its meaning: the sha256 of the entries and loading only a file this user owns and
nobody else may write are what guard it, as for the Hyperscan databases. Anything that fails
(another Python without these internals, a changed signature, a bad file, a pattern the
constructor refuses) falls back to the normal compile.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import sys
from dataclasses import dataclass
from typing import Any, Callable, Optional

from .cachedir import default_directory, prepare, write_atomically

_MAGIC = b"loclint-patterns 1\n"
# Eight times the 265 distinct expressions the built-in rulebook compiles at run time (all
# markets, every rule): room for a team's rules and for what older rulebooks left behind.
MAX_ENTRIES = 2048
_MAX_FILE_BYTES = 32 << 20  # 6 MB at MAX_ENTRIES word-edged expressions; far larger is not ours


@dataclass(frozen=True)
class Engine:
    """How one regular-expression module's patterns are compiled, taken apart and rebuilt."""

    name: str
    facts: Callable[[], list]  # everything besides the source that shapes the code
    compile: Callable  # (source, flags) -> pattern: the normal compile
    arguments: Callable  # (source, flags, pattern) -> what to save, or None
    build: Callable  # what was saved -> pattern
    entry: Any  # the saved arguments' type, for msgspec
    # Whether what was built from a saved entry is the source's (a pattern's own source must be
    # the one asked for); the literals' stamp holds the code that derives them, so they always fit.
    fits: Callable[[str, Any], bool] = lambda source, built: built.pattern == source


class Store:
    """One engine's cached arguments, keyed by (source, flags)."""

    def __init__(self, engine: Engine, directory: Optional[str] = None):
        self.engine = engine
        self.directory = directory
        self.path: Optional[str] = None
        self.saved: Optional[dict] = None  # what the file held when first asked
        self.new: dict = {}  # compiled here, to be saved
        self.used: set = set()  # taken from the file: kept first when the file is full
        self.refused: set = set()  # in the file, but not usable: what was compiled instead replaces it
        self.pid = os.getpid()

    def compiled(self, source: str, flags: int, compile: Optional[Callable] = None):
        """What the engine builds for (source, flags): from the file when it holds it, else
        from ``compile`` (the engine's own by default; a caller whose work needs more than the
        source passes its own, having put all of that into the source or the engine's stamp)."""
        saved = self._open() if self.saved is None else self.saved
        key = (source, flags)
        arguments = saved.get(key)
        if arguments is not None:
            try:
                pattern = self.engine.build(arguments)
            except Exception:  # the constructor refused it
                pattern = None
            if pattern is not None and self.engine.fits(source, pattern):
                self.used.add(key)
                return pattern
            saved.pop(key, None)  # compiled below, and saved again
            self.refused.add(key)
        pattern = (compile or self.engine.compile)(source, flags)
        try:
            arguments = self.engine.arguments(source, flags, pattern) if type(source) is str else None
        except Exception:  # internals not as expected: this pattern is simply not cached
            arguments = None
        if arguments is not None:
            self._remember(key, arguments)
        return pattern

    def _open(self) -> dict:
        try:
            self.path = os.path.join(self.directory or default_directory(),
                                     f"patterns-{self.engine.name}-{_stamp(self.engine)}.msgpack")
            self.saved = _load(self.path, self.engine.entry)
        except Exception:  # another interpreter, an engine missing: nothing is cached
            self.path, self.saved = None, {}
        return self.saved

    def _remember(self, key, arguments) -> None:
        if self.path is None:
            return
        if self.pid != os.getpid():  # a forked worker: what the parent compiled, the parent saves
            self.new.clear()
            self.pid = os.getpid()
        if not self.new:
            _when_this_process_exits(self.save)
        self.new[key] = arguments

    def save(self) -> None:
        """Merge what this process compiled into the file; written again (up to three times)
        when another process replaced the file between the read and the write."""
        if not self.new or self.path is None or self.pid != os.getpid():
            return
        refused = set(self.refused)
        for _ in range(3):
            on_disk = _load(self.path, self.engine.entry)
            merged = _bounded(self.new, self.used, on_disk)
            if all(key in on_disk and key not in refused for key in merged if key in self.new):
                return
            if not _save(self.path, merged):
                return
            refused.clear()  # written: what the file holds for them now is this process's


def _bounded(new: dict, used: set, on_disk: dict) -> dict:
    """At most MAX_ENTRIES: what this process took from the file first (a run needs it again),
    then what it compiled, then the rest."""
    merged: dict = {}
    for key, arguments in itertools.chain(((k, a) for k, a in on_disk.items() if k in used), new.items(),
                                          on_disk.items()):
        if len(merged) >= MAX_ENTRIES:
            break
        merged.setdefault(key, arguments)
    return merged


def code_digests(*paths: str) -> list[str]:
    """The sha256 of each source file: an engine's facts name the code that works its entries
    out, so an edit to that code makes a new file."""
    digests = []
    for path in paths:
        with open(path, "rb") as handle:
            digests.append(hashlib.sha256(handle.read()).hexdigest())
    return digests


def _stamp(engine: Engine) -> str:
    facts = [_MAGIC.decode(), sys.version, sys.platform, sys.maxsize, engine.name] + engine.facts()
    return hashlib.sha256(json.dumps(facts).encode()).hexdigest()[:32]


def _written_by_this_user(status: os.stat_result) -> bool:
    """The file is engine code (see the module docstring): load it only when this user owns it
    and nobody else may write it (a save replaces any other)."""
    if not hasattr(os, "getuid"):  # Windows: the user's profile folder is the boundary
        return True
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def _load(path: str, entry: Any) -> dict:
    """The file's entries, {} when it is missing, foreign, damaged or not shaped as written."""
    import msgspec

    try:
        with open(path, "rb") as handle:
            status = os.fstat(handle.fileno())
            if not _written_by_this_user(status) or status.st_size > _MAX_FILE_BYTES:
                return {}
            data = handle.read()
    except OSError:
        return {}
    if not data.startswith(_MAGIC):
        return {}
    digest, _, body = data[len(_MAGIC):].partition(b"\n")
    if digest != hashlib.sha256(body).hexdigest().encode():
        return {}
    try:
        entries = msgspec.msgpack.decode(body, type=list[tuple[str, int, entry]])
    except msgspec.DecodeError:
        return {}
    return {(source, flags): arguments for source, flags, arguments in entries}


def _save(path: str, entries: dict) -> bool:
    import msgspec

    body = msgspec.msgpack.encode([(source, flags, arguments) for (source, flags), arguments in entries.items()])
    def write(handle) -> None:
        handle.write(_MAGIC + hashlib.sha256(body).hexdigest().encode() + b"\n" + body)

    prepare(os.path.dirname(path))
    return write_atomically(path, write)


def _when_this_process_exits(save: Callable[[], None]) -> None:
    """``save`` at interpreter exit; in a multiprocessing worker (which leaves through
    os._exit, skipping atexit) when the worker ends."""
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is not None and multiprocessing.parent_process() is not None:
        from multiprocessing import util

        util.Finalize(None, save, exitpriority=0)
    else:
        import atexit

        atexit.register(save)


# --- re ---------------------------------------------------------------------------------------

def _re_facts() -> list:
    import _sre

    return [_sre.MAGIC, _sre.CODESIZE]


def _re_arguments(source: str, flags: int, pattern) -> Optional[tuple]:
    """What re._compiler.compile hands _sre.compile, generated again; None unless the pattern
    it builds is the fresh one."""
    from re import _compiler, _parser

    if flags & re.DEBUG:  # a compile that prints
        return None
    parsed = _parser.parse(source, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    arguments = (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    rebuilt = _re_build((source,) + arguments)
    same = rebuilt == pattern and rebuilt.groups == pattern.groups and rebuilt.groupindex == pattern.groupindex
    return (source,) + arguments if same else None


def _re_build(arguments: tuple):
    import _sre

    return _sre.compile(*arguments)


RE = Engine("re", _re_facts, re.compile, _re_arguments, _re_build,
            tuple[str, int, list[int], int, dict[str, int], tuple[Optional[str], ...]])


# --- regex ------------------------------------------------------------------------------------

def _regex_facts() -> list:
    import regex
    from regex import _regex

    return [regex.__version__, _regex.MAGIC, _regex.CODE_SIZE]


def _regex_arguments(source: str, flags: int, pattern) -> Optional[tuple]:
    """What the `regex` module pickles the pattern as, less the named lists (never used here).
    None for what depends on more than the source and flags: the locale, and the default
    version (a pattern whose flags do not name one)."""
    import copyreg

    import regex
    from regex import _regex

    if flags & (regex.LOCALE | regex.DEBUG) or not flags & (regex.VERSION0 | regex.VERSION1):
        return None
    constructor, (text, final_flags, code, group_index, index_group, named_lists, named_list_indexes,
                  req_offset, req_chars, req_flags, group_count) = copyreg.dispatch_table[type(pattern)](pattern)
    if constructor is not _regex.compile or named_lists or named_list_indexes or final_flags & regex.LOCALE:
        return None
    return (text, final_flags, code, group_index, index_group, req_offset, tuple(req_chars), req_flags, group_count)


def _regex_build(arguments: tuple):
    from regex import _regex

    text, flags, code, group_index, index_group, req_offset, req_chars, req_flags, group_count = arguments
    return _regex.compile(text, flags, code, group_index, index_group, {}, [], req_offset, req_chars, req_flags,
                          group_count)


def _regex_compile(source: str, flags: int):
    import regex

    return regex.compile(source, flags)


REGEX = Engine("regex", _regex_facts, _regex_compile, _regex_arguments, _regex_build,
               tuple[str, int, bytes, dict[str, int], dict[int, str], int, tuple[int, ...], int, int])

_RE_STORE = Store(RE)
_REGEX_STORE = Store(REGEX)


def compile_re(source: str, flags: int = 0) -> re.Pattern:
    """re.compile(source, flags), from the cache when an earlier run compiled it."""
    return _RE_STORE.compiled(source, int(flags))


def compile_regex(source: str, flags: int = 0):
    """regex.compile(source, flags) (`regex`'s flags), from the cache when an earlier run
    compiled it."""
    return _REGEX_STORE.compiled(source, int(flags))
