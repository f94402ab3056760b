"""Notices about a translation file on stderr: what was not linted, or was linted other than asked
("de.po: 12 untranslated entries not linted"). They are not findings (nothing is wrong with
the copy) nor read errors (the file was read), so they leave the report and the exit code alone.

They go through logging, so a program using the API can silence or redirect them; with no
handler configured, Python's last-resort handler writes the bare line to stderr, which is what
the command line needs (also from worker processes, whose stderr is the run's).
"""
from __future__ import annotations

from ...text.escapes import one_line


def tell(path: str, message: str) -> None:
    # The path comes from the input: a line break or control character in it is shown escaped,
    # as every other notice shows it, so one notice stays one line. logging is imported here:
    # every run imports this module (readers.translation.locales), few have a notice to give.
    import logging

    logging.getLogger("loclint.readers").warning("loclint: %s: %s", one_line(path), message)
