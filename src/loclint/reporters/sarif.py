"""SARIF 2.1.0 (`--format sarif`), for code-scanning dashboards (GitHub code scanning, Azure
DevOps, IDE viewers). Validated against the OASIS schema in the tests.

- ``tool.driver.rules``: the rules that fired, with the rule page (`loclint rule CODE`) as help
  text, the legal or platform source as ``helpUri`` and the rule's own severity as the default
  level; results point at them by ``ruleId`` and ``ruleIndex``.
- Results: level (error, warning, note), message, the span as a region (1-based lines,
  columns in Unicode code points, ``columnKind`` says so; the end column is the one after the
  span, as SARIF wants), and the record and field as a logical location.
- Fixes: a safe or unsafe rewrite that can be written into the file (``Suggestion.raw``, the
  replacement in the file's own syntax) becomes a replacement of that region; display-only
  advice stays in the message.
- ``partialFingerprints`` follow the baseline's identity (file, record, field, rule, flagged
  text), so an alert survives edits elsewhere in the file.
- Read errors are tool execution notifications; a file that could not be read at all makes
  ``executionSuccessful`` false.

Paths are relative to the working directory (``uriBaseId`` SRCROOT) when they are inside it;
URIs percent-encode the file name's bytes, so a name that is not UTF-8 (``caf%E9.jsonl``) still
names its file. The document is written at the end.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Optional, TextIO
from urllib.parse import quote

from ..model import Applicability, Finding, ReadError, Severity
from ..text.escapes import encodable_json

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT = "loclintFinding/v1"

class SarifReporter:
    def __init__(self, out: Optional[TextIO] = None, rulebook=None, root: Optional[str] = None):
        self.out = out
        self.rulebook = rulebook  # ruleset.Rulebook for the rule descriptors; None: the built-in one
        self.root = Path(root or os.getcwd()).resolve()
        self.findings: list[Finding] = []
        self.errors: list[ReadError] = []

    def finding(self, finding: Finding) -> None:
        self.findings.append(finding)

    def error(self, error: ReadError) -> None:
        self.errors.append(error)

    def finish(self, summary) -> None:
        text = json.dumps(self.document(), ensure_ascii=False, indent=2)
        (self.out or sys.stdout).write(encodable_json(text) + "\n")

    def document(self) -> dict:
        from .. import __version__

        codes = sorted({f.rule for f in self.findings})
        index = {code: i for i, code in enumerate(codes)}
        driver = {"name": "loclint", "version": __version__, "semanticVersion": __version__,
                  "rules": [self._descriptor(code) for code in codes]}
        run = {
            "tool": {"driver": driver},
            "invocations": [{
                "executionSuccessful": not any(e.whole_file for e in self.errors),
                "toolExecutionNotifications": [self._notification(e) for e in self.errors],
            }],
            "originalUriBaseIds": {"SRCROOT": {"uri": self.root.as_uri().rstrip("/") + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": [self._result(f, index[f.rule]) for f in self.findings],
        }
        return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}

    def _rulebook(self):
        if self.rulebook is None:
            from ..rulebook import load_rulebook

            self.rulebook = load_rulebook()
        return self.rulebook

    def _artifact(self, path: str) -> dict:
        absolute = Path(path).resolve()
        try:
            relative = absolute.relative_to(self.root)
        except ValueError:
            return {"uri": absolute.as_uri()}
        return {"uri": quote(os.fsencode(relative.as_posix())), "uriBaseId": "SRCROOT"}

    def _descriptor(self, code: str) -> dict:
        """From the rule, with its page as help; from a finding of it when the rulebook does not
        have the code (a team ruleset that only a nested configuration loads)."""
        from ..docs import rule_page

        rule = self._rulebook().find(code)
        if rule is None:
            seen = next(f for f in self.findings if f.rule == code)
            descriptor = {"id": code, "name": seen.name, "shortDescription": {"text": _title(seen.name)},
                          "defaultConfiguration": {"level": LEVELS[seen.severity]}}
            if seen.source.url:
                descriptor["helpUri"] = seen.source.url
            return descriptor
        page = rule_page(self._rulebook(), rule)
        descriptor = {
            "id": code,
            "name": rule.name,
            "shortDescription": {"text": _title(rule.name)},
            "fullDescription": {"text": _first_sentence(rule.why)},
            "help": {"text": page, "markdown": page},
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
            "properties": {"tags": [rule.ruleset, *rule.tags], "kind": rule.kind,
                           "fix": rule.fix.value if rule.fix else "none"},
        }
        if rule.source.url:
            descriptor["helpUri"] = rule.source.url
        return descriptor

    def _result(self, f: Finding, rule_index: int) -> dict:
        artifact = self._artifact(f.path)
        location: dict = {"physicalLocation": {"artifactLocation": artifact}}
        region = _region(f)
        if region:
            location["physicalLocation"]["region"] = region
        qualified = f"{f.record}/{f.field}" if f.field else f.record
        location["logicalLocations"] = [{"name": f.field or f.record, "fullyQualifiedName": qualified,
                                         "kind": "member" if f.field else "object"}]
        result = {
            "ruleId": f.rule,
            "ruleIndex": rule_index,
            "level": LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [location],
            "partialFingerprints": {FINGERPRINT: _fingerprint(f, artifact["uri"])},
            "properties": {"severity": str(f.severity), "record": f.record, "field": f.field, "market": f.market,
                           "suggestions": [{"replacement": s.replacement, "applicability": str(s.applicability)}
                                           for s in f.suggestions]},
        }
        fixes = [_fix(artifact, region, s) for s in f.suggestions
                 if s.applicability is not Applicability.DISPLAY and s.raw is not None and "endLine" in region]
        if fixes:
            result["fixes"] = fixes
        return result

    def _notification(self, e: ReadError) -> dict:
        location: dict = {"physicalLocation": {"artifactLocation": self._artifact(e.path)}}
        if e.line > 0:
            location["physicalLocation"]["region"] = {"startLine": e.line}
        notification = {"level": "error", "message": {"text": e.message}, "locations": [location],
                        "descriptor": {"id": "read-error"}}
        if e.record:
            notification["properties"] = {"record": e.record}
        return notification


def _region(f: Finding) -> dict:
    if f.line < 1:
        return {}
    region = {"startLine": f.line, "startColumn": max(1, f.column)}
    if f.end_line >= 1 and f.end_column >= 1:
        region.update(endLine=f.end_line, endColumn=f.end_column)
    return region


def _fix(artifact: dict, region: dict, suggestion) -> dict:
    return {
        "description": {"text": f"{suggestion.applicability} fix: replace with “{suggestion.replacement}”"},
        "artifactChanges": [{"artifactLocation": artifact, "replacements": [
            {"deletedRegion": dict(region), "insertedContent": {"text": suggestion.raw}}]}],
    }


def _fingerprint(f: Finding, uri: str) -> str:
    """The baseline's identity of a finding, with the path as SARIF writes it (relative), so it is
    the same whichever directory the run started from."""
    key = "\x1f".join((uri, f.record, f.field or "", f.rule, f.text))
    # surrogatepass: a lone surrogate in the text still hashes; other text hashes as UTF-8
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _title(name: str) -> str:
    words = name.replace("-", " ")
    return words[:1].upper() + words[1:]


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    for end in (". ", "! ", "? "):
        cut = text.find(end)
        if 0 < cut < 300:
            return text[:cut + 1]
    return text
