"""`loclint server`: a Language Server Protocol server over stdio, built on pygls, for
translators and copywriters who work in an editor (as ruff server, vale-ls and LTeX do).

The buffer is linted as `loclint check - --stdin-filename PATH` lints standard input
(stdin.lint_as): the same readers, configuration, per-file ignores and findings, never the file
on disk. The server never writes files; fixes and suppressions are edits the editor applies.

- settings.py: initializationOptions -> the session's flags and the server's own options
- linting.py: one document's buffer linted as its path, the result kept per version
- positions.py: loclint's 1-based code-point positions <-> LSP positions (UTF-16 by default)
- diagnostics.py: findings and read errors as LSP diagnostics
- fixes.py: quick fixes, "fix all safe" computed as --fix computes it
- suppress.py: "suppress with a reason" in the format's own comment
- hover.py: the rule's page on a flagged span
- protocol.py: the pygls glue (requests and notifications)

pygls is imported only here, so `loclint check` never pays for it.
"""
from __future__ import annotations


def serve() -> None:
    """Run the server on standard input and output until the client says exit."""
    import logging

    from .protocol import make_server

    # The readers' notices ("6 untranslated entries not linted") would name the buffer's
    # temporary copy in the editor's log, on every keystroke's lint: news for `check`, not here.
    logging.getLogger("loclint.readers").setLevel(logging.ERROR)
    make_server().start_io()
