"""JUnit XML (`--format junit`), for CI systems that show test reports (GitLab, Jenkins, Azure).

A test suite per file; a test case per record with findings, each finding a ``<failure>``
(``type`` is the rule code); a test case per unreadable input with an ``<error>``; and, where a
file has records without findings, one passing test case counting them, so a clean run shows as
passed tests instead of none. The document is written at the end (XML cannot be streamed
piecemeal into every consumer). ElementTree escapes markup; control characters (most of which
XML 1.0 cannot hold at all), lone surrogates and file-name bytes that are not UTF-8 are shown as
escapes (escapes.py), so the report always parses and still names the file.
"""
from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from typing import Optional, TextIO

from ..model import Finding, ReadError
from ..text.escapes import visible


class _Suite:
    def __init__(self, path: str):
        self.path = path
        self.records = 0
        self.findings: dict[str, list[Finding]] = {}  # record id -> findings, in order
        self.errors: list[ReadError] = []


class JunitReporter:
    def __init__(self, out: Optional[TextIO] = None):
        self.out = out
        self.suites: dict[str, _Suite] = {}
        self._current: Optional[_Suite] = None

    def _suite(self, path: str) -> _Suite:
        suite = self.suites.get(path)
        if suite is None:
            suite = self.suites[path] = _Suite(path)
        return suite

    def file(self, path: str) -> None:
        self._current = self._suite(path)

    def records(self, count: int) -> None:
        if self._current is not None:
            self._current.records += count

    def finding(self, f: Finding) -> None:
        self._suite(f.path).findings.setdefault(f.record, []).append(f)

    def error(self, e: ReadError) -> None:
        self._suite(e.path).errors.append(e)

    def finish(self, summary) -> None:
        root = ET.Element("testsuites", name="loclint")
        totals = {"tests": 0, "failures": 0, "errors": 0}
        for suite in self.suites.values():
            element = _suite_element(suite)
            root.append(element)
            for key in totals:
                totals[key] += int(element.get(key))
        for key, value in totals.items():
            root.set(key, str(value))
        ET.indent(root)
        (self.out or sys.stdout).write('<?xml version="1.0" encoding="UTF-8"?>\n'
                                       + ET.tostring(root, encoding="unicode") + "\n")


def _suite_element(suite: _Suite) -> ET.Element:
    element = ET.Element("testsuite", name=visible(suite.path))
    for record, findings in suite.findings.items():
        case = ET.SubElement(element, "testcase", name=visible(f"record {record}"), classname=visible(suite.path),
                             file=visible(suite.path), line=str(findings[0].line))
        for f in findings:
            failure = ET.SubElement(case, "failure", type=f.rule, message=visible(f"{f.rule}: {f.message}"))
            failure.text = visible(_details(f))
    for e in suite.errors:
        name = f"record {e.record}" if e.record else (f"line {e.line}" if e.line else "file")
        case = ET.SubElement(element, "testcase", name=visible(name), classname=visible(suite.path),
                             file=visible(suite.path), line=str(e.line))
        ET.SubElement(case, "error", type="read-error", message=visible(e.message))
    clean = suite.records - len(suite.findings)
    if clean > 0:
        ET.SubElement(element, "testcase", name=f"{clean} record(s) without findings", classname=visible(suite.path),
                      file=visible(suite.path))
    element.set("tests", str(len(suite.findings) + len(suite.errors) + (clean > 0)))
    element.set("failures", str(len(suite.findings)))
    element.set("errors", str(len(suite.errors)))
    return element


def _details(f: Finding) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.name}", f.message,
             f"field: {f.field}" if f.field else "record-level finding"]
    if f.text:
        lines.append(f"text: {f.text}")
    lines += [f"fix ({s.applicability}): {s.replacement}" for s in f.suggestions]
    lines.append(f"source: {f.source.title}" + (f" <{f.source.url}>" if f.source.url else ""))
    return "\n".join(lines)
