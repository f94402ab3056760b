"""One JSON object as the json and jsonl formats write it: ``json.dumps(obj, ensure_ascii=False)``
(``", "`` and ``": "`` between items, only what JSON must escape escaped) with lone surrogates
written as escapes (text.escapes.encodable_json), byte for byte, made by msgspec in C at about a
third of the cost: each finding is one such object, so this runs once a finding.

msgspec writes compact JSON; ``msgspec.json.format(..., indent=0)`` puts back the spaces json.dumps
writes. Strings, integers, None, booleans, lists and dicts with string keys encode the same in both
(tests/test_json_text.py checks every code point); floats do not (msgspec writes ``1e-7`` where json
writes ``1e-07``), and a finding or read error holds none. A lone surrogate cannot be UTF-8, so
msgspec refuses it; such an object goes through json.dumps as before.
"""
from __future__ import annotations

import json
from typing import Any

import msgspec

from ..text.escapes import encodable_json

_ENCODER = msgspec.json.Encoder()


def dumps(obj: Any) -> str:
    """``encodable_json(json.dumps(obj, ensure_ascii=False))`` for an object without floats."""
    try:
        compact = _ENCODER.encode(obj)
    except UnicodeEncodeError:  # a lone surrogate (from a JSON "\ud800" or a file name's stray byte)
        return encodable_json(json.dumps(obj, ensure_ascii=False))
    return msgspec.json.format(compact, indent=0).decode("utf-8")
