"""Replace a file with new bytes without losing anything that is not ours to change.

`--fix` reads a file, works on a copy, and only at the end puts the result in place. Between
the read and the replace, the file is the user's: another program (or another loclint run) may
have written it, deleted it, or it may be a link we must not break. ``Snapshot`` records what
was read; ``replace_checked`` writes the new bytes only if the file on disk is still exactly
that snapshot, and keeps what a plain ``os.replace`` would lose:

- a symlink is followed: its target gets the new bytes, the link stays a link;
- a file with several hard links is refused (a replace would split the links, an in-place
  write can be cut short and leave a damaged file);
- a read-only file is refused (no write bit, or not writable by us), as editors do;
- the file's mode, owner and group are kept (refused when we may not give the copy its owner);
- another loclint run fixing the same file waits on an advisory lock and then sees the change.

A check and a rename cannot be one atomic step against programs that take no lock; the window
is the few microseconds between the last comparison and ``os.replace``.
"""
from __future__ import annotations

import errno
import hashlib
import os
import stat
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; the content check still runs
    fcntl = None  # type: ignore[assignment]


class Refused(Exception):
    """The file was left as it was; the message says why, for a person."""


@dataclass(frozen=True)
class Snapshot:
    """A regular file as it was read: its bytes and what identifies that version on disk."""

    path: str  # the real path (symlinks resolved)
    data: bytes
    digest: str
    device: int
    inode: int
    size: int
    mtime_ns: int
    mode: int
    uid: int
    gid: int
    links: int

    @classmethod
    def take(cls, path: str) -> "Snapshot":
        real = os.path.realpath(path)
        try:
            before = os.stat(real)
        except FileNotFoundError:
            raise Refused("it no longer exists") from None
        if not stat.S_ISREG(before.st_mode):
            raise Refused("it is not a regular file")
        with open(real, "rb") as handle:
            data = handle.read()
            after = os.fstat(handle.fileno())
        if (after.st_ino, after.st_size, after.st_mtime_ns) != (before.st_ino, before.st_size, before.st_mtime_ns):
            raise Refused("it changed while it was being read; run again")
        return cls(real, data, hashlib.sha256(data).hexdigest(), after.st_dev, after.st_ino, after.st_size,
                   after.st_mtime_ns, stat.S_IMODE(after.st_mode), after.st_uid, after.st_gid, after.st_nlink)

    def why_not_writable(self) -> str | None:
        """Why this file must not be replaced at all, before any work is done; None if it may."""
        if self.links > 1:
            return (f"it has {self.links} hard links; replacing it would split them, so it is left as it is "
                    "(fix a copy, or break the links first)")
        if not self.mode & 0o222 or not os.access(self.path, os.W_OK):
            return "it is read-only"
        return None

    def unchanged_on_disk(self) -> str | None:
        """Why the file on disk is no longer this snapshot; None when it still is."""
        try:
            now = os.stat(self.path)
        except FileNotFoundError:
            return "it was deleted while loclint was fixing it"
        if (now.st_dev, now.st_ino) != (self.device, self.inode):
            return "it was replaced while loclint was fixing it (another program or loclint run wrote it)"
        if (now.st_size, now.st_mtime_ns) != (self.size, self.mtime_ns):
            return "it changed while loclint was fixing it"
        with open(self.path, "rb") as handle:  # same size and time is not proof: a fast writer keeps both
            if hashlib.sha256(handle.read()).hexdigest() != self.digest:
                return "it changed while loclint was fixing it"
        return None


def replace_checked(snapshot: Snapshot, data: bytes) -> None:
    """Put ``data`` in place of the snapshot's file, atomically, or raise Refused and change nothing."""
    directory = os.path.dirname(snapshot.path)
    with _locked(snapshot.path):
        problem = snapshot.unchanged_on_disk()
        if problem:
            raise Refused(f"{problem}; nothing written, run again")
        problem = snapshot.why_not_writable()
        if problem:
            raise Refused(problem)
        try:
            fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(snapshot.path)}.", suffix=".loclint")
        except OSError as exc:
            raise Refused(f"cannot write in its folder ({_reason(exc)})") from None
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                _keep_owner(handle.fileno(), snapshot)
                os.fchmod(handle.fileno(), snapshot.mode)
                os.fsync(handle.fileno())
            os.replace(tmp, snapshot.path)
        except BaseException as exc:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            if isinstance(exc, OSError):
                raise Refused(f"cannot write it ({_reason(exc)}); the file is unchanged") from None
            raise
    _sync_directory(directory)


def _keep_owner(fd: int, snapshot: Snapshot) -> None:
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) == (snapshot.uid, snapshot.gid):
        return
    try:
        os.fchown(fd, snapshot.uid, snapshot.gid)
    except PermissionError:
        raise Refused(f"the fixed file could not keep its owner and group ({snapshot.uid}:{snapshot.gid})") from None


@contextmanager
def _locked(path: str):
    """An advisory lock on the file for the check-and-replace, so that two loclint runs take turns."""
    if fcntl is None:
        yield
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        yield  # the check that follows reports it
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _sync_directory(directory: str) -> None:
    """Make the rename itself durable (a crash right after could otherwise bring the old file back)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    return exc.strerror or str(exc)
