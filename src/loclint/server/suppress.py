""""Suppress with a reason": the format's own suppression (suppressions/, README
"Suppressions") inserted where the reader looks for it, for the finding's rule:

- Markdown: an HTML comment on its own line before the flagged block; HTML: before the line
  (or the tag) holding the span;
- PO: a translator comment (``#``) at the top of the entry's comments;
- JSON record files and JSON Lines feeds: a ``_loclint`` key at the start of the record;
- YAML: a ``_loclint`` key before the record's first key (block or flow style);
- XLIFF: a ``<note>`` in the unit (1.2: before ``</trans-unit>``; 2.0: in its ``<notes>``,
  which come first in a ``<unit>``).

The reason is left for the person to write after "--": a suppression without one is LNT001, so
the editor keeps asking for it until it is there, and only then does it suppress anything.
Other formats (plain text, CSV, JSON resources and ARB) get no such action, nor does a record
that carries suppressions already (add to them by hand).
"""
from __future__ import annotations

import json
import re
from typing import Optional

from lsprotocol import types

from ..model import Finding
from .positions import Lines

_TAG_OPEN = re.compile(r"<[^>]*$")  # a tag not closed before the line ends


def directive(code: str) -> str:
    return f"loclint: ignore[{code}] -- "


def suppression_edit(reader: Optional[str], name: str, finding: Finding, lines: Lines) -> Optional[types.TextEdit]:
    """The insertion, or None where this format (or this record) takes none here."""
    if finding.line <= 0:
        return None
    if reader == "text" and name.lower().endswith((".md", ".markdown")):
        return _markdown(finding, lines)
    insert = _BY_READER.get(reader)
    return insert(finding, lines) if insert is not None else None


def _insert(lines: Lines, line: int, column: int, text: str) -> types.TextEdit:
    at = lines.to_client(line, column)
    return types.TextEdit(types.Range(at, at), text)


def _markdown(finding: Finding, lines: Lines) -> types.TextEdit:
    # Before the block: a comment line inside a paragraph would end the paragraph there.
    row = finding.line
    while row > 1 and lines.lines[row - 2].strip():
        row -= 1
    line = lines.lines[row - 1]
    indent = line[:len(line) - len(line.lstrip(" \t"))]
    return _insert(lines, row, 1, f"{indent}<!-- {directive(finding.rule)}-->\n")


def _html(finding: Finding, lines: Lines) -> types.TextEdit:
    # Before the tag the span is in when the line starts inside a tag (an alt text on a
    # continuation line), else before the line.
    offset = lines.offset(finding.line, 1)
    before = lines.text[:offset]
    inside = _TAG_OPEN.search(before)
    if inside is not None:
        offset = inside.start()
    position = lines.position_at(offset)
    return types.TextEdit(types.Range(position, position), f"<!-- {directive(finding.rule)}-->\n")


def _po(finding: Finding, lines: Lines) -> types.TextEdit:
    row = finding.line  # up to the entry's first line: entries are separated by blank lines
    while row > 1 and lines.lines[row - 2].strip():
        row -= 1
    return _insert(lines, row, 1, f"# {directive(finding.rule)}\n")


def _json_line(finding: Finding, lines: Lines) -> Optional[types.TextEdit]:
    text = lines.lines[finding.line - 1]
    brace = text.find("{")
    if brace < 0 or '"_loclint"' in text:
        return None  # a record that has suppressions already: add to them by hand
    rest = text[brace + 1:].lstrip()
    key = f'"_loclint": {json.dumps(directive(finding.rule), ensure_ascii=False)}'
    return _insert(lines, finding.line, brace + 2, key + (", " if not rest.startswith("}") else ""))


def _json_document(finding: Finding, lines: Lines) -> Optional[types.TextEdit]:
    from ..positions import json_value_positions

    text = lines.text
    try:
        doc = json.loads(text)
        positions = json_value_positions(text, len(text) - len(text.lstrip()))
    except (ValueError, IndexError, AttributeError):
        return None
    records: list[tuple[tuple[int, ...], object]] = \
        [((), doc)] if isinstance(doc, dict) else [((i,), value) for i, value in enumerate(doc)] if isinstance(doc, list) else []
    at = lines.offset(finding.line, finding.column)
    start, record = None, {}
    for key, value in records:
        place = positions.get(key)
        if isinstance(value, dict) and place is not None and place <= at:
            start, record = place, value
    if start is None or "_loclint" in record:
        return None
    entry = f'"_loclint": {json.dumps(directive(finding.rule), ensure_ascii=False)}'
    after = text[start + 1:]
    gap = after[:len(after) - len(after.lstrip())]
    if not record:
        inserted = entry
    elif "\n" in gap:  # pretty-printed: a line of its own, indented as the first key
        inserted = "\n" + gap.rpartition("\n")[2] + entry + ","
    else:
        inserted = entry + ", "
    position = lines.position_at(start + 1)
    return types.TextEdit(types.Range(position, position), inserted)


_UNIT_START = re.compile(r"<(trans-unit|unit)\b[^>]*>")


def _xliff(finding: Finding, lines: Lines) -> Optional[types.TextEdit]:
    text = lines.text
    at = lines.offset(finding.line, finding.column)
    unit = None
    for match in _UNIT_START.finditer(text, 0, at):
        unit = match
    if unit is None:
        return None
    note = f"<note>{directive(finding.rule)}</note>"
    if unit.group(1) == "trans-unit":  # 1.2: notes may follow the target
        close = text.find("</trans-unit>", at)
        if close < 0:
            return None
        line_start = text.rfind("\n", 0, close) + 1
        indent = text[line_start:close]
        inserted = f"  {note}\n{indent}" if not indent.strip() else note
        return _insert_at(lines, close, inserted)
    notes = text.find("<notes>", unit.end(), text.find("<segment", unit.end()))  # 2.0: <notes> come first
    if notes >= 0:
        return _insert_at(lines, notes + len("<notes>"), note)
    return _insert_at(lines, unit.end(), f"<notes>{note}</notes>")


def _insert_at(lines: Lines, offset: int, text: str) -> types.TextEdit:
    position = lines.position_at(offset)
    return types.TextEdit(types.Range(position, position), text)


def _yaml(finding: Finding, lines: Lines) -> Optional[types.TextEdit]:
    import yaml

    try:  # nodes with their marks, aliases not expanded: the reader has read this text already
        documents = list(yaml.compose_all(lines.text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return None
    at = (finding.line - 1, finding.column - 1)
    candidates = []
    for document in documents:
        items = document.value if isinstance(document, yaml.SequenceNode) else [document]
        candidates += [node for node in items if isinstance(node, yaml.MappingNode) and node.value]
    record = next((node for node in candidates
                   if (node.start_mark.line, node.start_mark.column) <= at <= (node.end_mark.line, node.end_mark.column)),
                  None)
    if record is None or any(key.value == "_loclint" for key, _ in record.value):
        return None
    entry = f"_loclint: {json.dumps(directive(finding.rule), ensure_ascii=False)}"
    first = record.value[0][0].start_mark
    if record.flow_style:
        return _insert(lines, first.line + 1, first.column + 1, entry + ", ")
    return _insert(lines, first.line + 1, first.column + 1, entry + "\n" + " " * first.column)


# The reader's name -> where its suppression goes (plain text only for Markdown: above).
_BY_READER = {"html": _html, "po": _po, "jsonl": _json_line, "json": _json_document, "xliff": _xliff, "yaml": _yaml}
