"""A progress line on stderr for long runs, so a person at a terminal knows loclint is working
on a large feed and how far it got:

    loclint: [########............] 12/30 files · 48,210 records · 1,305 findings

It appears only when a person is watching: stderr *and* stdout are terminals (a piped stdout,
``loclint check feed | less``, would be drawn over) and the format is a human one (machine
formats are read by programs, which want nothing extra). It waits a second before drawing, so
short runs never show it, redraws at most ten times a second, and clears its line before the
reporter prints a finding and at the end, so it never mixes with the report.
"""
from __future__ import annotations

import sys
import time
from typing import Callable, Optional, TextIO

DELAY = 1.0  # seconds before the line first appears
INTERVAL = 0.1  # seconds between redraws
BAR = 20  # characters of the bar


class Progress:
    def __init__(self, stream: Optional[TextIO] = None, clock: Callable[[], float] = time.monotonic,
                 delay: float = DELAY):
        self.stream = stream or sys.stderr
        self.clock = clock
        self.delay = delay
        self.total = 0
        self._started = self._drawn_at = 0.0
        self._shown = 0  # width of the line on screen; 0: nothing drawn

    def start(self, total_files: int) -> None:
        self.total = total_files
        self._started = self.clock()

    def update(self, summary) -> None:
        now = self.clock()
        if now - self._started < self.delay or (self._shown and now - self._drawn_at < INTERVAL):
            return
        self._drawn_at = now
        import shutil  # here: only a run that draws the line needs it (with bz2 and lzma, 2.2 ms an import)

        width = shutil.get_terminal_size((80, 20)).columns - 1
        line = line_for(summary, self.total)[:width]
        self.stream.write("\r" + line + " " * max(0, self._shown - len(line)))
        self.stream.flush()
        self._shown = len(line)

    def clear(self) -> None:
        if self._shown:
            self.stream.write("\r" + " " * self._shown + "\r")
            self.stream.flush()
            self._shown = 0

    def close(self) -> None:
        self.clear()

    def wrap(self, reporter) -> "_Clearing":
        return _Clearing(reporter, self)


def line_for(summary, total_files: int) -> str:
    """The bar counts finished files, so one large feed gets counts only (an empty bar until
    the end would look stuck)."""
    counts = f"{summary.files}/{total_files} files · {summary.records:,} records · {summary.findings:,} findings"
    if total_files < 2:
        return f"loclint: {counts}"
    done = max(0, summary.files - 1)  # the current file is still being read
    filled = round(BAR * done / total_files)
    return f"loclint: [{'#' * filled}{'.' * (BAR - filled)}] {counts}"


class _Clearing:
    """The reporter, with the progress line cleared before anything it prints."""

    def __init__(self, reporter, progress: Progress):
        self._reporter = reporter
        self._progress = progress

    def finding(self, finding) -> None:
        self._progress.clear()
        self._reporter.finding(finding)

    def error(self, error) -> None:
        self._progress.clear()
        self._reporter.error(error)

    def finish(self, summary) -> None:
        self._progress.clear()
        self._reporter.finish(summary)

    def __getattr__(self, name: str):  # file(), records() and anything else a reporter offers
        return getattr(self._reporter, name)


def wanted(output_format: str, stdout: TextIO, stderr: TextIO) -> bool:
    from .reporters import HUMAN

    def tty(stream) -> bool:
        try:
            return stream.isatty()
        except (AttributeError, ValueError):
            return False

    return output_format in HUMAN and tty(stdout) and tty(stderr)
