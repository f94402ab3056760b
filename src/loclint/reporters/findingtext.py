"""One finding's JSON object as the json and jsonl formats write it, the bytes of
``jsontext.dumps(finding.to_dict())``, written out from the finding's values without the dict.

dumps has msgspec encode the dict compactly and then ``msgspec.json.format`` parse that text
again to put in the spaces json.dumps writes; the format pass cost more than the encoding
itself. Here each value is encoded by the same msgspec encoder and the spaces stand in the
template, so nothing is parsed again. The part before the path (rule, name, severity, message)
is kept per finding kind: 4,285 of the corpus's 4,705 findings are record-level ones of a few
rules. The corpus run went from 6.169 to 6.089 G instructions (-1.3 %, callgrind); its 4,705
findings took 34.6 against 15.4 ms (to_dict and dumps against this, on a loaded machine).

Anything the encoder refuses (a lone surrogate, a value JSON has no form for) goes through
dumps(to_dict()) as before, which escapes surrogates and raises what it raised.
"""
from __future__ import annotations

import msgspec

from ..model import Finding, Severity
from .jsontext import dumps

_encode = msgspec.json.Encoder().encode

_HEAD = b'{"rule": %s, "name": %s, "severity": %s, "message": %s, "path": '
_PLACE = (b'%s, "record": %s, "field": %s, "start": %s, "end": %s, "line": %s, "column": %s, "end_line": %s, '
          b'"end_column": %s, "text": ')
_REST = (b'%s, "suggestions": [%s], "source": {"title": %s, "url": %s, "grade": %s}, "market": %s, '
         b'"context": {"before": %s, "after": %s}}')
_SUGGESTION = b'{"replacement": %s, "applicability": %s}'

_HEADS_KEPT = 1024
_heads: dict[tuple, bytes] = {}


def finding_json(finding: Finding) -> str:
    """``dumps(finding.to_dict())``."""
    try:
        return _encoded(finding).decode("utf-8")
    except (UnicodeEncodeError, TypeError, ValueError, AttributeError):
        return dumps(finding.to_dict())


def _encoded(finding: Finding) -> bytes:
    source = finding.source
    suggestions = b", ".join(
        [_SUGGESTION % (_encode(s.replacement), _encode(str(s.applicability))) for s in finding.suggestions])
    return (_head(finding) + _PLACE % (
        _encode(finding.path), _encode(finding.record), _encode(finding.field), _encode(finding.start),
        _encode(finding.end), _encode(finding.line), _encode(finding.column), _encode(finding.end_line),
        _encode(finding.end_column),
    ) + _REST % (
        _encode(finding.text), suggestions, _encode(source.title), _encode(source.url), _encode(source.grade),
        _encode(finding.market), _encode(finding.before), _encode(finding.after)))


def _head(finding: Finding) -> bytes:
    rule, name, severity, message = finding.rule, finding.name, finding.severity, finding.message
    # Kept only for the types findings hold: equal keys must write the same text (1 == True).
    kept = rule.__class__ is name.__class__ is message.__class__ is str and severity.__class__ is Severity
    key = (rule, name, severity, message)
    head = _heads.get(key) if kept else None
    if head is None:
        head = _HEAD % (_encode(rule), _encode(name), _encode(str(severity)), _encode(message))
        if kept:
            if len(_heads) >= _HEADS_KEPT:
                _heads.clear()
            _heads[key] = head
    return head
