"""JSON text to values, for every reader of JSON (a .json file, a JSONL line, an image sidecar):
the standard parser, with what it cannot hold turned into UnreadableInput or a value
build_record rejects, so that one hostile record never ends the run."""
from __future__ import annotations

import json
import re
from typing import Any

from ..errors import UnreadableInput
from ..records import MAX_DEPTH, int_or_oversized


def loads(text: str) -> Any:
    """The value of ``text``. Integers too long for Python become OversizedNumber (an error for
    the record holding them); a syntax error, or nesting too deep for the parser (about 1,000
    levels: Python's recursion limit), is UnreadableInput with its line."""
    try:
        return _decode(text)
    except json.JSONDecodeError as exc:
        raise UnreadableInput(f"not JSON: {exc.msg} at column {exc.colno}", exc.lineno) from None
    except RecursionError:
        # The line where nesting passes what a record may have is where the trouble starts.
        raise UnreadableInput("nested too deeply to parse (about 1,000 levels; a listing needs a few)",
                              _line_of_depth(text, MAX_DEPTH + 1)) from None


def _decode(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except ValueError:  # an integer Python refuses: only then is each integer decoded by hand (slower)
        return json.loads(text, parse_int=int_or_oversized)


def _line_of_depth(text: str, depth: int) -> int:
    """The line where brackets outside strings first open ``depth`` levels (0: never reached)."""
    level = 0
    for token in _TOKENS.finditer(text):
        ch = token.group()
        if ch in "[{":
            level += 1
            if level >= depth:
                return text.count("\n", 0, token.start()) + 1
        elif ch in "]}":
            level -= 1
    return 0


_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')  # a whole string (skipped), or a bracket
