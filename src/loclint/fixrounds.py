"""What a later `--fix` round may touch, so that rounds cannot compound.

Rounds repeat because one fix can wait for another (overlapping spans). A later round must not
rewrite text the original field never flagged, nor rewrite again what a rule itself wrote: that
is how "$ 19 99 $39.95" once became "$9,939.95" over two rounds. The ledger keeps, per field, the
spans the first round flagged and the spans each rewrite wrote, in the current text's offsets
(moved along as edits change the text), and says why a later round's fix is refused.

A rewrite in which its own rule finds something new to rewrite is undone: the next round puts
the original text back (``undo``) and the rule's findings there are refused from then on.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .model import Finding

Key = tuple[int, str]  # (record index in the file, field path)


@dataclass
class _FieldSpans:
    flagged: list[tuple[int, int]] = field(default_factory=list)
    written: list[tuple[int, int, str, str]] = field(default_factory=list)  # (start, end, rule, text it replaced)
    undone: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, rule)


class Ledger:
    def __init__(self):
        self._fields: dict[Key, _FieldSpans] = {}
        self.started = False  # the first round has been recorded

    def flag(self, key: Key, findings: list[Finding]) -> None:
        """The first round's findings of a field (every rule's, fixable or not)."""
        spans = self._fields.setdefault(key, _FieldSpans())
        spans.flagged += [(f.start, f.end) for f in findings if f.start is not None]

    def refusal(self, key: Key, finding: Finding) -> Optional[str]:
        """Why a later round must not apply ``finding``, or None (always None in round one)."""
        if not self.started:
            return None
        spans = self._fields.get(key, _FieldSpans())
        if any(rule == finding.rule and s < finding.end and finding.start < e for s, e, rule in spans.undone):
            return f"its rewrite made {finding.rule} fire again on its own text, so it was undone"
        if any(rule == finding.rule and s < finding.end and finding.start < e for s, e, rule, _ in spans.written):
            return f"it would rewrite again what {finding.rule} wrote in an earlier round"
        if not any(s <= finding.start and finding.end <= e for s, e in spans.flagged):
            return "the text it would change was not flagged before --fix began"
        return None

    def undo(self, key: Key, finding: Finding) -> Optional[tuple[int, int, str]]:
        """The rewrite (start, end, original text) to undo because ``finding`` is its own
        rule firing on it again, or None."""
        for s, e, rule, original in self._fields.get(key, _FieldSpans()).written:
            if rule == finding.rule and s < finding.end and finding.start < e:
                return s, e, original
        return None

    def applied(self, key: Key, done: list[Finding], undoing: frozenset = frozenset()) -> None:
        """Move the field's spans along the edits ``done`` (sorted, not overlapping) and
        record what each wrote; the findings whose ids are in ``undoing`` put a rewrite back."""
        spans = self._fields.setdefault(key, _FieldSpans())
        edits = [(f.start, f.end, len(f.suggestions[0].replacement)) for f in done]
        undone = {(f.start, f.end) for f in done if id(f) in undoing}
        spans.written = [w for w in spans.written if (w[0], w[1]) not in undone]

        def move(s, e):
            return _moved(s, edits, False), _moved(e, edits, True)

        spans.flagged = [move(s, e) for s, e in spans.flagged]
        spans.written = [(*move(s, e), r, o) for s, e, r, o in spans.written]
        spans.undone = [(*move(s, e), r) for s, e, r in spans.undone]
        for f in done:
            start = _moved(f.start, edits, False)
            span = (start, start + len(f.suggestions[0].replacement))
            if id(f) in undoing:
                spans.undone.append((*span, f.rule))
            else:
                spans.written.append((*span, f.rule, f.text))
                spans.flagged.append(span)


def _moved(offset: int, edits: list[tuple[int, int, int]], is_end: bool) -> int:
    """Where ``offset`` is after the edits; an offset inside an edited span goes to its edge."""
    shift = 0
    for start, end, length in edits:
        if end <= offset and not (is_end and start == end == offset):
            shift += length - (end - start)
        elif start < offset:
            return start + shift + (length if is_end else 0)
        else:
            break
    return offset + shift
