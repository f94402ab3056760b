"""--fix never loses a byte it did not mean to change: not a record appended while it ran, not
another run's fixes, not a symlink, a hard link, a read-only file or the file's owner
(loclint.filesafety). Each case makes the race or the special file happen on purpose."""
import errno
import os
import stat

import pytest

from conftest import runner
from loclint import filesafety
from loclint.cli import main
from loclint.writeback import fix_file

BEFORE = '{"id":"a","market":"DE","title":"Kabel, 6 ft lang"}\n'
AFTER = '{"id":"a","market":"DE","title":"Kabel, 1,83 m (6 ft) lang"}\n'
APPENDED = '{"id":"b","market":"DE","title":"Neu dazu"}\n'


class Meddling:
    """A linter that does ``action`` once, while fix_file is in its first round: the moment another
    program would write the file in real life."""

    def __init__(self, linter, action):
        self.linter, self.action, self.done = linter, action, False

    def lint_stream(self, items):
        if not self.done:
            self.done = True
            self.action()
        return self.linter.lint_stream(items)


@pytest.fixture
def feed(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(BEFORE, encoding="utf-8")
    return path


def test_a_record_appended_while_fixing_is_kept_and_the_fix_refused(linter, feed):
    def append():
        with open(feed, "a", encoding="utf-8") as handle:
            handle.write(APPENDED)

    result = fix_file(Meddling(linter, append), str(feed))
    assert result.error and "changed while loclint was fixing it" in result.error
    assert feed.read_text(encoding="utf-8") == BEFORE + APPENDED


def test_same_size_rewrite_with_the_same_mtime_is_still_seen(linter, feed):
    stamp = os.stat(feed).st_mtime_ns

    def rewrite():  # same length, same modification time: only the content tells
        feed.write_text(BEFORE.replace("Kabel", "Kebab"), encoding="utf-8")
        os.utime(feed, ns=(stamp, stamp))

    result = fix_file(Meddling(linter, rewrite), str(feed))
    assert result.error and "changed" in result.error
    assert "Kebab" in feed.read_text(encoding="utf-8")


def test_two_concurrent_fixes_the_second_refuses_instead_of_overwriting(linter, feed):
    first = []
    second = fix_file(Meddling(linter, lambda: first.append(fix_file(linter, str(feed)))), str(feed))
    assert first[0].error is None and first[0].applied == 1
    assert second.error and "replaced while loclint was fixing it" in second.error
    assert feed.read_text(encoding="utf-8") == AFTER


def test_a_file_deleted_while_fixing_stays_deleted(linter, feed):
    result = fix_file(Meddling(linter, feed.unlink), str(feed))
    assert result.error and "deleted" in result.error
    assert not feed.exists()


def test_the_rounds_leave_nothing_beside_the_file(linter, feed):
    seen = []
    fix_file(Meddling(linter, lambda: seen.append(sorted(os.listdir(feed.parent)))), str(feed))
    assert seen == [["feed.jsonl"]]  # a killed run cannot leave copies of the file here
    assert sorted(os.listdir(feed.parent)) == ["feed.jsonl"]


def test_a_symlink_is_fixed_through_and_stays_a_link(linter, feed, tmp_path):
    link = tmp_path / "link.jsonl"
    link.symlink_to(feed.name)
    result = fix_file(linter, str(link))
    assert result.error is None and result.applied == 1
    assert link.is_symlink() and os.readlink(link) == feed.name
    assert feed.read_text(encoding="utf-8") == AFTER


def test_a_hard_linked_file_is_refused_and_both_names_keep_their_bytes(linter, feed, tmp_path):
    twin = tmp_path / "twin.jsonl"
    os.link(feed, twin)
    result = fix_file(linter, str(feed))
    assert result.error and "2 hard links" in result.error
    assert feed.read_text(encoding="utf-8") == twin.read_text(encoding="utf-8") == BEFORE
    assert os.stat(feed).st_ino == os.stat(twin).st_ino


def test_a_read_only_file_is_refused_even_for_root(linter, feed):
    os.chmod(feed, 0o444)
    result = fix_file(linter, str(feed))
    assert result.error == "it is read-only"
    assert feed.read_text(encoding="utf-8") == BEFORE
    assert stat.S_IMODE(os.stat(feed).st_mode) == 0o444


def test_diff_still_shows_fixes_for_a_read_only_file(linter, feed):
    os.chmod(feed, 0o444)
    result = fix_file(linter, str(feed), write=False)
    assert result.error is None and result.changed and result.fixed == AFTER


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file away needs root")
def test_owner_and_group_are_kept(linter, feed):
    os.chown(feed, 12345, 23456)
    result = fix_file(linter, str(feed))
    assert result.error is None
    info = os.stat(feed)
    assert (info.st_uid, info.st_gid) == (12345, 23456)
    assert feed.read_text(encoding="utf-8") == AFTER


def test_a_full_disk_leaves_the_file_and_its_folder_as_they_were(linter, feed, monkeypatch):
    def no_space(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(filesafety.os, "fsync", no_space)
    result = fix_file(linter, str(feed))
    assert result.error == "cannot write it (no space left on the device); the file is unchanged"
    assert feed.read_text(encoding="utf-8") == BEFORE
    assert sorted(os.listdir(feed.parent)) == ["feed.jsonl"]


def test_a_folder_that_cannot_be_written_is_named_as_the_reason(linter, feed, monkeypatch):
    def refuse(**kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(filesafety.tempfile, "mkstemp", refuse)
    result = fix_file(linter, str(feed))
    assert result.error == "cannot write in its folder (Permission denied)"
    assert feed.read_text(encoding="utf-8") == BEFORE


def test_a_special_file_is_not_read(linter, tmp_path):
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)  # opening it would wait for a writer forever
    result = fix_file(linter, str(fifo))
    assert result.error == "it is not a regular file"


def test_the_cli_names_the_file_and_the_reason(feed):
    os.chmod(feed, 0o444)
    result = runner().invoke(main, ["check", "--date", "2026-11-25", "--no-cache", "--fix", "--fail-on", "never",
                                    str(feed)])
    assert f"loclint: {feed}: fixes not written: it is read-only" in result.stderr
    assert feed.read_text(encoding="utf-8") == BEFORE


def test_sigterm_during_fix_leaves_no_working_copy_and_an_intact_file(tmp_path):
    import subprocess
    import sys
    import time

    feed = tmp_path / "big.jsonl"
    original = "".join(f'{{"id":"r{i}","market":"DE","title":"Kabel {i}, 6 ft lang"}}\n' for i in range(4000))
    feed.write_text(original, encoding="utf-8")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = dict(os.environ, TMPDIR=str(scratch), LOCLINT_CACHE_DIR=str(tmp_path / "cache"))
    process = subprocess.Popen([sys.executable, "-m", "loclint", "check", "--fix", "--no-cache", "--jobs", "1",
                                "--date", "2026-11-25", "--fail-on", "never", "--format", "concise", str(feed)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    def working_copies():
        return [name for name in os.listdir(scratch) if name.startswith("loclint-fix-")]

    deadline = time.monotonic() + 60
    while not working_copies() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert working_copies(), "the fix never started its working copy"
    process.terminate()
    code = process.wait(timeout=30)
    assert working_copies() == []
    assert set(os.listdir(tmp_path)) - {"cache"} == {"big.jsonl", "tmp"}  # nothing beside the file
    # Killed while fixing (the usual case): unwound, the file untouched. On a loaded machine the
    # fix may have finished between the look and the signal: then the whole fix is there.
    text = feed.read_text(encoding="utf-8")
    if code == 128 + 15:
        assert text in (original, original.replace("6 ft lang", "1,83 m (6 ft) lang"))
    else:
        assert code == -15 and text == original.replace("6 ft lang", "1,83 m (6 ft) lang")
