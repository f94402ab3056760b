"""Where loclint keeps what it can always recompute: lint results, expanded trigger forms, and
the language model in a form that loads fast. ``LOCLINT_CACHE_DIR``, else
``$XDG_CACHE_HOME/loclint``, else ``~/.cache/loclint``. A cache that cannot be read or written
is simply not used."""
from __future__ import annotations

import os
import tempfile
from typing import BinaryIO, Callable


def default_directory() -> str:
    return os.environ.get("LOCLINT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "loclint")


def write_atomically(path: str, write: Callable[[BinaryIO], None]) -> bool:
    """Write ``path`` through ``write(handle)`` into a temporary file beside it, then rename: a
    reader (another loclint run) sees the old file or the whole new one, never a part. False
    when it cannot be written."""
    directory = os.path.dirname(path)
    tmp = None
    try:
        os.makedirs(directory, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        os.replace(tmp, path)
        return True
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False
