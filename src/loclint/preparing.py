"""A one-line notice while a run does slow work that later runs find cached: expanding a team's
new trigger words with spaCy's lemma tables (seconds; the built-in ones ship expanded) and
building the language model's cache. Without it a first run sits silent long enough to look hung.

Whoever runs loclint decides who hears of it (``listen``): the command line, when a person is
watching stderr; nobody by default, so the Python API and machine output stay quiet. Each
notice is given once per process.
"""
from __future__ import annotations

from typing import Callable, Optional

_listener: Optional[Callable[[str], None]] = None
_said: set[str] = set()


def listen(listener: Optional[Callable[[str], None]]) -> None:
    """Send the notices to ``listener`` from now on (None: to nobody)."""
    global _listener
    _listener = listener
    _said.clear()


def preparing(what: str) -> None:
    """Say that ``what`` is being prepared, once; called only where the work actually happens."""
    if _listener is None or what in _said:
        return
    _said.add(what)
    _listener(f"loclint: preparing {what} (once; cached for later runs)…")
