"""`loclint check - --stdin-filename PATH`: standard input linted as if it were the file PATH.

The readers read files by path (the JSON Lines reader streams its file; workers split it by
byte offsets), so the text is put in a temporary copy, as `--fix` works on one: the copy keeps
PATH's name and its two parent folders, so the suffix picks the reader and path conventions
(de_DE/LC_MESSAGES/django.po) give the market, while the configuration is the one found from
PATH itself (Session.plan). Findings and errors are then named after PATH, as the user gave it.
"""
from __future__ import annotations

import contextlib
import os
from dataclasses import replace
from typing import Iterator

STDIN = "-"


@contextlib.contextmanager
def copy_of(data: bytes, name: str) -> Iterator[str]:
    """The path of a temporary file holding ``data``, named like ``name``; removed afterwards."""
    import shutil  # here: every check run imports this module, few read standard input (3.4 ms)
    import tempfile

    workdir = tempfile.mkdtemp(prefix="loclint-stdin-")
    try:
        parts = os.path.abspath(name).split(os.sep)[-3:]
        path = os.path.join(workdir, *[part for part in parts if part])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)
        yield path
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


class Renamed:
    """A reporter that sees the copy's findings, errors and file under the name the user gave."""

    def __init__(self, reporter, copy: str, name: str):
        self._reporter = reporter
        self.copy = copy
        self.name = name

    def named(self, item):
        return replace(item, path=self.name) if item.path == self.copy else item

    def finding(self, finding) -> None:
        self._reporter.finding(self.named(finding))

    def error(self, error) -> None:
        self._reporter.error(self.named(error))

    def file(self, path: str) -> None:
        if hasattr(self._reporter, "file"):
            self._reporter.file(self.name if path == self.copy else path)

    def __getattr__(self, name: str):  # finish(), records()
        return getattr(self._reporter, name)


def lint_as(session, data: bytes, name: str, reporter):
    """Lint ``data`` as if it were the file ``name`` (an editor's unsaved buffer, standard
    input): the reader ``name``'s suffix picks, the configuration found from ``name``, its
    per-file ignores, and findings and errors named after it. Nothing is read from ``name``
    itself, and nothing is written but the temporary copy. The run's result (run.RunResult)."""
    from .run import lint_paths

    with copy_of(data, name) as copy:
        renamed = Renamed(reporter, copy, name)
        # The copy is linted wherever it lies: a directory walk's excludes are not for a named file.
        return lint_paths(lambda path: session.plan(name), [copy], renamed,
                          keep=lambda finding: session.keep(renamed.named(finding)))
