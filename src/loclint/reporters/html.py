"""One self-contained HTML page for a whole run (`--format html`), for a person who wants to see
where the problems are: totals by severity, findings by market and rule (a chart), the top rules
with their pages, how many fixes are safe, unsafe or advice, a filterable table of every finding
and the read errors. Nothing is fetched: the CSS and the script are inline, and the page's
Content-Security-Policy forbids every request and every script but its own (by hash).

Findings are streamed into the page as they arrive, one JSON array a line inside
``<script type="application/json" id="loclint-findings">``; the reporter keeps only counts (and
the first read errors), so its memory does not grow with a feed's findings. The summary, written
at the end, follows the data island in the document; a script element shows nothing, so the page
still reads from the top. The script shows a page of the table at a time, so 100,000 findings
open about as fast as ten.

The data island is ``{"version": 1, "columns": [...], "rows": [[...], ...]}``: each row holds a
finding's values of the JSON contract's fields named in ``columns`` (``context`` is the contract's
``{"before", "after"}``), plus ``fix`` (``safe``: `--fix` writes it, ``unsafe``: `--fix
--unsafe-fixes` does, ``display``: a suggestion shown only, ``none``). A ``path`` or ``message``
may be a number instead: the index of its text in ``strings``, which follows the rows (a run's
findings repeat a few paths and many messages, and written once they take half the page; only the
first STRINGS_SHARED texts are shared, so the table stays bounded). ``loclint-rules`` maps each rule
code to its ``name`` and ``source``. Every ``<`` in them is written ``\\u003c``, so finding text
cannot close the script element.
"""
from __future__ import annotations

import base64
import hashlib
import json
import sys
from functools import lru_cache
from importlib import resources
from typing import Optional, TextIO

import msgspec

from ..fixer import writable
from ..model import Finding, ReadError
from ..text.escapes import encodable_json
from . import html_sections as sections

VERSION = 1
COLUMNS = ("rule", "severity", "market", "path", "record", "field", "line", "column", "text", "context",
           "message", "suggestions", "fix")
ERRORS_SHOWN = 1000  # read errors listed in the page; the rest are counted
STRINGS_SHARED = 20_000  # paths and messages written once and then by index; later new ones in full
SHARED = (COLUMNS.index("path"), COLUMNS.index("message"))
_ENCODER = msgspec.json.Encoder()


def fix_class(f: Finding) -> str:
    """What happens to the finding's rewrite: as the summary counts "fixable" (what --fix writes)."""
    if writable(f, unsafe=False):
        return "safe"
    if writable(f, unsafe=True):
        return "unsafe"
    return "display" if f.suggestions else "none"


def row(f: Finding, fix: str) -> list:
    """The finding's values in COLUMNS order, as Finding.to_dict() gives them."""
    return [f.rule, str(f.severity), f.market, f.path, f.record, f.field, f.line, f.column, f.text,
            {"before": f.before, "after": f.after}, f.message,
            [{"replacement": s.replacement, "applicability": str(s.applicability)} for s in f.suggestions], fix]


def script_json(obj) -> str:
    """Compact JSON that can stand inside a <script> element: ``<`` only occurs inside strings,
    where ``\\u003c`` means the same, so neither ``</script>`` nor ``<!--`` can occur."""
    try:
        text = _ENCODER.encode(obj).decode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: json writes it, encodable_json escapes it
        text = encodable_json(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))
    return text.replace("<", "\\u003c")


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    return resources.files(__package__).joinpath("html_assets", name).read_text(encoding="utf-8")


def script_hash(script: str) -> str:
    """The CSP source that lets exactly this inline script run."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def head() -> str:
    policy = (f"default-src 'none'; script-src {script_hash(asset('report.js'))}; style-src 'unsafe-inline'; "
              "img-src data:; base-uri 'none'; form-action 'none'")
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="generator" content="loclint">\n'
            f"<title>loclint report</title>\n<style>\n{asset('report.css')}</style>\n</head>\n<body>\n")


class HtmlReporter:
    def __init__(self, out: Optional[TextIO] = None, rulebook=None):
        self.out = out  # None: sys.stdout, looked up when writing (tests swap stdout)
        self.rulebook = rulebook  # for the top rules' pages; None: the built-in one, loaded at the end
        self.tally = sections.Tally()
        self.errors: list[ReadError] = []
        self._started = False
        self._count = 0
        self._strings: dict[str, int] = {}  # text -> its index in the island's "strings"

    def _write(self, text: str) -> None:
        (self.out or sys.stdout).write(text)

    def _start(self) -> None:
        if not self._started:
            self._started = True
            columns = script_json(list(COLUMNS))
            self._write(head() + '<script type="application/json" id="loclint-findings">'
                        f'{{"version":{VERSION},"columns":{columns},"rows":[\n')

    def finding(self, f: Finding) -> None:
        self._start()
        fix = fix_class(f)
        self.tally.add(f, fix)
        values = row(f, fix)
        for column in SHARED:
            values[column] = self._shared(values[column])
        self._write(("," if self._count else "") + script_json(values) + "\n")
        self._count += 1

    def _shared(self, text: str):
        index = self._strings.get(text)
        if index is None:
            if len(self._strings) >= STRINGS_SHARED:
                return text
            index = self._strings[text] = len(self._strings)
        return index

    def error(self, e: ReadError) -> None:
        self.tally.errors += 1
        if len(self.errors) < ERRORS_SHOWN:
            self.errors.append(e)

    def finish(self, summary) -> None:
        self._start()
        self._write(f'],"strings":{script_json(list(self._strings))}}}</script>\n')
        rules = {code: {"name": name, "source": source} for code, (name, source) in self.tally.rules.items()}
        self._write(f'<script type="application/json" id="loclint-rules">{script_json(rules)}</script>\n')
        self._write(sections.page(summary, self.tally, self.errors, self._rulebook))
        self._write(f"<script>{asset('report.js')}</script>\n</body>\n</html>\n")

    def _rulebook(self):
        if self.rulebook is None:
            from ..rulebook import load_rulebook

            self.rulebook = load_rulebook()
        return self.rulebook

