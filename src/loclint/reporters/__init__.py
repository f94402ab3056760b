"""Output formats. Each reporter is a class with finding(), error() and finish(summary), and
optionally file(path) and records(count); one module per format. Human formats (full, concise)
and the line formats (jsonl, github) print as findings arrive; json streams its findings into
one document; sarif and junit write their document at the end.

Reporters load on first use (``REPORTERS[name]``), so start-up does not pay for XML or SARIF.
"""
from __future__ import annotations

import importlib
import os
from collections.abc import Mapping

_MODULES = {
    "full": ("full", "FullReporter"),
    "concise": ("concise", "ConciseReporter"),
    "json": ("json", "JsonReporter"),
    "jsonl": ("jsonl", "JsonLinesReporter"),
    "sarif": ("sarif", "SarifReporter"),
    "github": ("github", "GithubReporter"),
    "junit": ("junit", "JunitReporter"),
    "html": ("html", "HtmlReporter"),
}
HUMAN = ("full", "concise")  # formats for a person at a terminal: closing summary, progress bar
WITH_RULEBOOK = ("sarif", "html")  # formats that show rule pages: they take the run's rulebook


class _Registry(Mapping):
    def __getitem__(self, name: str):
        module, cls = _MODULES[name]
        return getattr(importlib.import_module(f".{module}", __name__), cls)

    def __iter__(self):
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


REPORTERS = _Registry()


def default_format(environ=os.environ) -> str:
    """``github`` inside GitHub Actions (annotations on the pull request), else ``full``, also when
    stdout is piped: the closing lines and excerpts read fine in a log, and scripts should ask
    for a machine format by name."""
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "full"


def make(name: str, rulebook=None, out=None, closing: bool = True):
    """A reporter by name, writing to ``out`` (default: stdout); SARIF and HTML get the rulebook
    for the rule pages they show; ``closing=False`` drops the human formats' closing counts (--quiet)."""
    cls = REPORTERS[name]
    if name in WITH_RULEBOOK:
        return cls(out, rulebook=rulebook)
    return cls(out, closing=closing) if name in HUMAN else cls(out)
