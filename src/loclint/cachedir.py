"""Where loclint keeps what it can always recompute: lint results, expanded trigger forms, the
language model in a form that loads fast, the gate's compiled Hyperscan databases and the code of
compiled regular expressions (pattern_cache). ``LOCLINT_CACHE_DIR``, else
``$XDG_CACHE_HOME/loclint``, else ``~/.cache/loclint``. A cache that cannot be read or written
is simply not used.

The directory carries a ``CACHEDIR.TAG`` (https://bford.info/cachedir/), so backup tools skip
it and ``loclint clean`` knows it is loclint's. loclint tags only a directory that holds nothing
but its own files: pointed at a working directory, it still caches there but never tags it, and
``clean`` then refuses it. ``clean`` removes only the names loclint writes, never following a
symbolic link, and leaves anything else where it is.
"""
from __future__ import annotations

import contextlib
import os
import re
from typing import BinaryIO, Callable

import msgspec

TAG_NAME = "CACHEDIR.TAG"
TAG_SIGNATURE = b"Signature: 8a477f597d28d172789f06886806bc55"
TAG = TAG_SIGNATURE + (b"\n# This file is a cache directory tag created by loclint.\n"
                       b"# For information about cache directory tags, see https://bford.info/cachedir/\n")
RESULTS = "results"
TEMPORARY_PREFIX = ".loclint-"  # an entry being written (write_atomically); left over only by a crash
# What loclint writes at the top of the directory, and inside results/ (.pickle: before 0.2).
# Sources, compiled (through re's own cache) when clean or tagging a new directory first asks:
# compiled at import, they cost every run 4-5 ms.
_OWN_FILES = (r"(inflections-.+\.(json|pickle)|py3langid-[0-9a-f]+\.(model|npz)|hyperscan-[0-9a-f]+\.db|"
              r"patterns-(re|regex|literals|babel-numbers|phrases)-[0-9a-f]+\.msgpack|\.loclint-.+\.tmp)")
_OWN_RESULTS = r"([0-9a-f]{64}\.(json|pickle)|\.loclint-.+\.tmp)"


class NotLoclintsCache(Exception):
    """``clean`` was pointed at a directory loclint did not tag as its cache."""


# A Struct, not a dataclass: created in 0.1 M instructions instead of 2-4 M (docs/research/issue17-imports.md)
class Cleaned(msgspec.Struct):
    directory: str
    removed: int = 0
    kept: list[str] = msgspec.field(default_factory=list)  # what was not loclint's, relative to ``directory``


def default_directory() -> str:
    return os.environ.get("LOCLINT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "loclint")


def write_atomically(path: str, write: Callable[[BinaryIO], None]) -> bool:
    """Write ``path`` through ``write(handle)`` into a temporary file beside it, then rename: a
    reader (another loclint run) sees the old file or the whole new one, never a part. False
    when it cannot be written."""
    directory = os.path.dirname(path)
    tmp = None
    try:
        os.makedirs(directory, exist_ok=True)
        import tempfile  # here: a run that writes no cache file need not import it (with shutil, 3.4 ms)

        fd, tmp = tempfile.mkstemp(dir=directory, prefix=TEMPORARY_PREFIX, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        os.replace(tmp, path)
        return True
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False


def prepare(directory: str) -> None:
    """Create the cache directory, and tag it when everything in it is loclint's (a new one, or
    a cache written before tags). Called before a cache writes; failing only costs the tag."""
    try:
        os.makedirs(directory, exist_ok=True)
        if is_tagged(directory) or _foreign(directory):
            return
    except OSError:
        return
    write_atomically(os.path.join(directory, TAG_NAME), lambda handle: handle.write(TAG))


def is_tagged(directory: str) -> bool:
    try:
        with open(os.path.join(directory, TAG_NAME), "rb") as handle:
            tag = handle.read(len(TAG))
    except OSError:
        return False
    return tag == TAG


def clean(directory: str) -> Cleaned:
    """Remove loclint's entries from ``directory``, then its tag, then the directory if nothing
    else is left. Raises NotLoclintsCache, before removing anything, when it carries no tag;
    OSError when an entry cannot be removed."""
    if not os.path.isdir(directory):
        return Cleaned(directory)
    if not is_tagged(directory):
        raise NotLoclintsCache(f"{directory} is not a loclint cache directory (it has no {TAG_NAME} written by "
                               "loclint); nothing removed")
    cleaned = Cleaned(directory)
    results = os.path.join(directory, RESULTS)
    if _real_directory(results):
        cleaned.removed += _remove_own(results, _OWN_RESULTS)
        _remove_if_empty(results)
    cleaned.removed += _remove_own(directory, _OWN_FILES)
    with contextlib.suppress(FileNotFoundError):  # another clean was quicker
        os.unlink(os.path.join(directory, TAG_NAME))
    cleaned.kept = _foreign(directory)
    _remove_if_empty(directory)
    return cleaned


def _foreign(directory: str) -> list[str]:
    """What in ``directory`` (and its results/) loclint does not write, relative to it."""
    foreign = []
    with os.scandir(directory) as entries:
        for entry in entries:
            if entry.name == RESULTS and entry.is_dir(follow_symlinks=False):
                with os.scandir(entry.path) as inside:
                    foreign += [f"{RESULTS}/{e.name}" for e in inside if not _own(e, _OWN_RESULTS)]
            elif entry.name != TAG_NAME and not _own(entry, _OWN_FILES):
                foreign.append(entry.name)
    return sorted(foreign)


def _own(entry: os.DirEntry, names: str) -> bool:
    """A regular file (not a link, which loclint never makes) with a name loclint writes."""
    return entry.is_file(follow_symlinks=False) and re.fullmatch(names, entry.name) is not None


def _remove_own(directory: str, names: str) -> int:
    removed = 0
    with os.scandir(directory) as entries:
        for entry in entries:
            if _own(entry, names):
                try:
                    os.unlink(entry.path)
                    removed += 1
                except FileNotFoundError:  # another loclint run replaced or removed it meanwhile
                    pass
    return removed


def _real_directory(path: str) -> bool:
    return os.path.isdir(path) and not os.path.islink(path)


def _remove_if_empty(directory: str) -> None:
    try:
        os.rmdir(directory)
    except OSError:  # not empty: it holds what is not loclint's
        pass
