"""One document's buffer linted as the file it will be saved as, and what came of it.

The name decides everything `check` would take from the path: the reader (its suffix), the
configuration (found from its folder), the market from path conventions (de_DE/LC_MESSAGES).
A buffer that has no file yet (an untitled one) is named from its language id instead.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Optional

from ..model import Finding, ReadError
from ..readers.registry import REGISTRY
from ..reporters.kept import Kept

# Language ids editors give buffers of loclint's formats, for a buffer with no file name yet.
LANGUAGE_SUFFIXES = {"markdown": ".md", "html": ".html", "plaintext": ".txt", "json": ".json", "jsonl": ".jsonl",
                     "yaml": ".yaml", "csv": ".csv", "tsv": ".tsv", "po": ".po", "pot": ".pot", "xliff": ".xlf",
                     "xml": ".xlf", "arb": ".arb"}


@dataclass
class Linted:
    """What linting one version of a buffer gave."""

    version: Optional[int]
    text: str
    name: str  # the path it was linted as
    findings: list[Finding] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)
    problem: Optional[str] = None  # why it could not be linted at all (configuration, rulesets)


def document_name(path: Optional[str], language_id: Optional[str], folder: Optional[str]) -> Optional[str]:
    """The path to lint a buffer as: its own file's, or for a buffer with no file yet
    "untitled" plus the suffix of its language, in the workspace folder. None for a buffer to
    leave alone: a file of a type loclint does not read, or one a directory walk leaves out as
    not a listing (README, CHANGELOG, lockfiles, loclint.toml: readers.discovery)."""
    from ..readers.discovery import not_a_listing

    if path:
        return path if REGISTRY.supports(path) and not not_a_listing(path) else None
    suffix = LANGUAGE_SUFFIXES.get(language_id or "")
    return os.path.join(folder or os.getcwd(), "untitled" + suffix) if suffix else None


def lint_buffer(session_of, text: str, name: str, version: Optional[int] = None) -> Linted:
    """Lint ``text`` as the file ``name``. ``session_of()`` gives the session (it may raise the
    configuration's or the rulesets' error, which then becomes ``problem``)."""
    from ..config import ConfigError
    from ..ruleset import RulesetError
    from ..session import UnknownMarket
    from ..stdin import lint_as

    linted = Linted(version, text, name)
    try:
        lint_as(session_of(), text.encode("utf-8", "surrogatepass"), name, Kept(linted))
    except (ConfigError, RulesetError) as exc:
        linted.findings, linted.errors = [], []
        kind = "ruleset" if isinstance(exc, RulesetError) else "configuration"
        linted.problem = f"loclint {kind} error: " + "; ".join(exc.problems)
    except UnknownMarket as exc:
        linted.findings, linted.errors = [], []
        linted.problem = f"loclint option 'market': {exc}"
    return linted


def reader_of(text: str, name: str) -> Optional[str]:
    """The name of the reader loclint reads ``text`` with as the file ``name`` (suffix, then sniff)."""
    from ..readers.base import Source
    from ..stdin import copy_of

    with copy_of(text.encode("utf-8", "surrogatepass"), name) as copy:
        chosen = REGISTRY.choose(Source(copy))
    return chosen.name if chosen is not None else None
