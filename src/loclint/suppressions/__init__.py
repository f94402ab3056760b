"""Suppressions with a reason, written where each format keeps notes.

    loclint: ignore[DE001] -- test source given on the product page
    loclint: ignore[DE001, MET] -- ...          several rule selectors (README: Rule selectors)
    loclint: ignore-file[MP003] -- ...          the whole file (see README for where)

A JSON or YAML record carries them in a `_loclint` key (a string or a list), a CSV feed in a
`_loclint` column; other readers hand them over as ``Record.directives`` (a translator comment
in PO, a note in XLIFF, an HTML or Markdown comment). A suppression without a reason, naming no
rule or in a form loclint cannot read is itself a finding (LNT001), and so is one that
suppressed nothing (LNT002): stale suppressions hide the next real problem.

`directives` reads them; `applying` applies them to a record's findings and reports on them.
The engine only calls ``Suppressor.apply`` after a record's rules ran.
"""
from .applying import KIND, FileSuppressions, Suppressor
from .directives import MARKER

__all__ = ["KIND", "MARKER", "FileSuppressions", "Suppressor"]
