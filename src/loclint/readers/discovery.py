"""Which files a run reads: the files named, and the supported files below each directory.

A directory walk skips hidden files and directories (``.git``, ``.venv``), honours the
``.gitignore`` files it meets (those of the walked directory's parents too, up to the
repository root) and ``--exclude`` patterns (gitignore syntax, relative to the walked
directory), both matched with the ``pathspec`` library that implements git's rules. A file that
is named explicitly is always read, like git's ``add -f`` and ruff without ``--force-exclude``.
A walk also skips files that are not listings or translations though their type is supported:
a project's own documents (README, CHANGELOG, LICENSE, CONTRIBUTING), lockfiles, pre-commit's
files, loclint's configuration files and its baseline (``own_files``).
What is skipped, and why, is collected as ``Skipped`` so the caller can say so (on stderr:
machine formats on stdout stay valid).

Only regular files no larger than the reader's bound (readers.base.Reader.max_bytes) are read,
whether named or found: a FIFO would wait forever and ``/dev/zero`` never ends. Such a file, and
a directory the walk cannot list, is a ReadError naming it, like a file that cannot be opened.
"""
from __future__ import annotations

import fnmatch
import os
import stat
from typing import Callable, Iterable, Iterator, Optional, Union

import msgspec

from ..model import ReadError

UNSUPPORTED = "unsupported type"

# Files whose type loclint reads but that are a project's own, not listings: (what, name globs).
# Compared case-insensitively, so README.md, readme.txt and Readme.rst are all the project's README.
NOT_LISTINGS = (
    ("README", ("readme", "readme.*")),
    ("CHANGELOG", ("changelog", "changelog.*", "changes", "changes.*", "history.*", "news", "news.*")),
    ("LICENSE", ("license", "license.*", "licence", "licence.*", "copying", "copying.*", "notice", "notice.*")),
    ("CONTRIBUTING", ("contributing", "contributing.*", "code_of_conduct.*", "security.*")),
    ("lockfile", ("package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "poetry.lock",
                  "pipfile.lock", "uv.lock", "pdm.lock", "composer.lock", "gemfile.lock", "cargo.lock")),
    ("pre-commit", (".pre-commit-config.yaml", ".pre-commit-hooks.yaml")),
    ("loclint configuration", ("loclint.toml", ".loclint.toml")),
)


# A Struct, not a dataclass: created in 0.1 M instructions instead of 2-4 M (docs/research/issue17-imports.md)
class Skipped(msgspec.Struct, frozen=True):
    path: str  # a directory ends with the separator
    reason: str  # "unsupported type", "excluded by path/.gitignore", "excluded by --exclude",
    # "not a listing (README)"


class _Ignores:
    """gitignore specs that apply below one directory, shallowest first; deeper ones decide last."""

    def __init__(self, specs: tuple = ()):
        self.specs = specs  # (directory, spec, label)

    def below(self, directory: str) -> "_Ignores":
        spec = _load_gitignore(os.path.join(directory, ".gitignore"))
        if spec is None:
            return self
        return _Ignores(self.specs + ((directory, spec, os.path.join(directory, ".gitignore")),))

    def reason(self, path: str, is_dir: bool) -> Optional[str]:
        verdict: Optional[str] = None
        for directory, spec, label in self.specs:
            rel = os.path.relpath(path, directory).replace(os.sep, "/") + ("/" if is_dir else "")
            if rel.startswith("../"):
                continue
            include = spec.check_file(rel).include
            if include is not None:
                verdict = f"excluded by {label}" if include else None
        return verdict


def walk(paths: Iterable[str], supported: Callable[[str], bool], exclude: Iterable[str] = (),
         skipped: Optional[list] = None, unsupported_message: str = "",
         read_with_another: Callable[[str], bool] = lambda path: False,
         max_bytes: Callable[[str], Optional[int]] = lambda path: None,
         own_files: Iterable[str] = ()) -> Iterator[Union[str, ReadError]]:
    """Files to read, in order, and a ReadError for each named path that is missing or unsupported,
    and for each file or directory that cannot be read (see unreadable). A walk leaves out files
    that ``read_with_another`` says are read as part of another file (an image's metadata
    sidecar) without counting them as skipped, and loclint's ``own_files`` (the baseline)."""
    skipped = [] if skipped is None else skipped
    own = frozenset(os.path.realpath(path) for path in own_files)
    for path in paths:
        if os.path.isdir(path):
            found = _walk_directory(path, supported, exclude, skipped, read_with_another, own)
        elif not os.path.exists(path):
            found = [ReadError(path, 0, "no such file or directory", whole_file=True)]
        elif not supported(path):
            found = [ReadError(path, 0, unsupported_message or "unsupported file type", whole_file=True)]
        else:
            found = [path]
        for item in found:
            problem = unreadable(item, max_bytes(item)) if isinstance(item, str) else None
            yield ReadError(item, 0, problem, whole_file=True) if problem else item


def unreadable(path: str, max_bytes: Optional[int] = None) -> Optional[str]:
    """Why ``path`` is not read (not a regular file, or larger than ``max_bytes``), or None."""
    try:
        info = os.stat(path)  # follows a symlink: x.json -> /dev/zero is a device
    except OSError as exc:
        return exc.strerror or str(exc)
    if not stat.S_ISREG(info.st_mode):
        return f"not a regular file ({_KINDS.get(stat.S_IFMT(info.st_mode), 'special file')}); not read"
    if max_bytes is not None and info.st_size > max_bytes:
        return f"larger than {_size(max_bytes)} ({_size(info.st_size)}); not read"
    return None


_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device", stat.S_IFSOCK: "a socket"}


def _size(n: int) -> str:
    """2147483648 -> '2 GiB', 1536 -> '1.5 KiB'."""
    for unit, scale in _UNITS:
        if n >= scale:
            return f"{n / scale:,.1f}".removesuffix(".0") + f" {unit}"
    return f"{n:,} bytes"


_UNITS = (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10))


def not_a_listing(path: str, own: frozenset = frozenset()) -> Optional[str]:
    """'not a listing (README)' for a file a walk leaves out as the project's own (NOT_LISTINGS),
    or loclint's own (``own``: real paths of the baseline); None for a file that may be one."""
    if own and os.path.realpath(path) in own:
        return "not a listing (loclint's baseline)"
    name = os.path.basename(path).casefold()
    for what, globs in NOT_LISTINGS:
        if any(fnmatch.fnmatchcase(name, glob) for glob in globs):
            return f"not a listing ({what})"
    return None


def _walk_directory(top: str, supported, exclude, skipped: list, read_with_another,
                    own: frozenset = frozenset()) -> Iterator[Union[str, ReadError]]:
    ignores = _Ignores()
    for parent in _repository_parents(top):
        ignores = ignores.below(parent)
    by_directory = {}
    excluded = _spec(exclude)
    unlisted: list[OSError] = []  # directories os.walk could not list, reported in walk order
    for root, dirs, files in os.walk(top, onerror=unlisted.append):
        yield from _unlisted(unlisted)
        ignores_here = by_directory.get(root) or ignores.below(root)
        kept = []
        for name in sorted(d for d in dirs if not d.startswith(".")):
            full = os.path.join(root, name)
            reason = _reason(full, True, top, ignores_here, excluded)
            if reason:
                skipped.append(Skipped(full + os.sep, reason))
            else:
                kept.append(name)
                by_directory[full] = ignores_here.below(full)
        dirs[:] = kept
        for name in sorted(f for f in files if not f.startswith(".")):
            full = os.path.join(root, name)
            reason = _reason(full, False, top, ignores_here, excluded)
            if reason is None and not supported(full):
                reason = UNSUPPORTED
            if reason is None:
                reason = not_a_listing(full, own)
            if reason:
                skipped.append(Skipped(full, reason))
            elif not read_with_another(full):
                yield full
    yield from _unlisted(unlisted)


def _unlisted(errors: list[OSError]) -> Iterator[ReadError]:
    while errors:
        exc = errors.pop(0)
        yield ReadError(str(exc.filename), 0, f"cannot list this directory: {exc.strerror or exc}; "
                        "nothing in it was read", whole_file=True)


def _reason(path: str, is_dir: bool, top: str, ignores: _Ignores, excluded) -> Optional[str]:
    if excluded is not None:
        rel = os.path.relpath(path, top).replace(os.sep, "/") + ("/" if is_dir else "")
        if excluded.match_file(rel):
            return "excluded by --exclude"
    return ignores.reason(path, is_dir)


def _repository_parents(top: str) -> list[str]:
    """The parents of ``top`` up to the repository root (the one holding ``.git``), shallowest
    first; none when ``top`` is the root or not inside a repository."""
    chain, current = [], os.path.abspath(top)
    while not os.path.exists(os.path.join(current, ".git")):
        parent = os.path.dirname(current)
        if parent == current:
            return []
        chain.append(parent)
        current = parent
    return chain[::-1]


def _load_gitignore(path: str):
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return _spec(handle.read().splitlines())
    except OSError:
        return None


def _spec(lines: Iterable[str]):
    lines = list(lines)
    if not lines:
        return None
    import pathspec  # only when a walk meets patterns

    return pathspec.GitIgnoreSpec.from_lines(lines)


def summarize(skipped: list[Skipped]) -> str:
    """'skipped 3 files: 2 unsupported type, 1 excluded by .gitignore'."""
    counts: dict[str, int] = {}
    for item in skipped:
        key = "excluded by .gitignore" if item.reason.endswith(".gitignore") else item.reason
        key = "not a listing" if key.startswith("not a listing") else key
        counts[key] = counts.get(key, 0) + 1
    noun = "file" if len(skipped) == 1 else "files"
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return f"skipped {len(skipped)} {noun}: " + ", ".join(f"{n} {reason}" for reason, n in ordered)
