"""How a replacement is written back in each syntax, or None where it cannot be done safely.

These only escape; they do not promise the result parses as intended. writeback.py re-reads
every file it changes and refuses the write unless each field reads back exactly as fixed.
"""
from __future__ import annotations

from json.encoder import encode_basestring
from typing import Callable, Optional

Encoder = Callable[[str], Optional[str]]

# A plain YAML scalar cannot hold these without changing meaning or breaking the document.
_YAML_PLAIN_BREAKERS = (": ", " #", "\t", "\n")
_YAML_INDICATORS = tuple("-?:,[]{}#&*!|>'\"%@`")


def json_string(text: str) -> Optional[str]:
    """Inside a JSON string literal (also valid in a YAML double-quoted scalar)."""
    # What json.dumps(text, ensure_ascii=False) runs for a string, without building an encoder
    # object each call: this runs for every finding that has a fix.
    return encode_basestring(text)[1:-1]


def html_escaped(text: str) -> Optional[str]:
    """Text inside HTML: &, < and > written as entities."""
    import html  # here: a run that writes no HTML need not import it (with html.entities, 1.2 ms)

    return html.escape(text, quote=False)


def verbatim(text: str) -> Optional[str]:
    """Plain text files: the replacement is written as is."""
    return text


def yaml_encoder(style: Optional[str], one_line: bool) -> Optional[Encoder]:
    """The encoder for a YAML scalar of ``style``; None for folded and multi-line scalars,
    whose positions are not exact."""
    if style == '"' and one_line:
        return json_string
    if style == "'" and one_line:
        return lambda text: None if "\n" in text else text.replace("'", "''")
    if style == "|":
        return lambda text: None if "\n" in text else text
    if style in (None, "") and one_line:
        return _yaml_plain
    return None


def _yaml_plain(text: str) -> Optional[str]:
    if any(b in text for b in _YAML_PLAIN_BREAKERS) or text.endswith(":") or text.startswith(_YAML_INDICATORS):
        return None
    return text
