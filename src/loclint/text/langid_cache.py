"""Where py3langid's restricted model is cached, and how the file is laid out: shared by the
numpy reader and writer (langid_model) and the numpy-free reader (langid_plain).

The file is the arrays in numpy's .npy format one after another, each starting on an
ALIGN-byte boundary, in the order of ARRAYS. Its name is keyed by the layout, the model file
(its path, size and time: a new py3langid is a new file), the candidate languages and the byte
order; found without importing py3langid, whose import loads numpy.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from typing import Optional, Sequence

from ..cachedir import default_directory

ARRAYS = ("ptc", "pc", "classes", "nextmove", "row", "output")
ALIGN = 64
MODEL_FILE = os.path.join("data", "model.npz.xz")  # py3langid.langid.MODEL_FILE, in its package
_FORMAT = 2  # bump when the layout changes: part of the file name


def model_file() -> Optional[str]:
    """py3langid's packaged model, or None where py3langid is not installed."""
    spec = importlib.util.find_spec("py3langid")
    if spec is None or not spec.submodule_search_locations:
        return None
    return os.path.join(spec.submodule_search_locations[0], MODEL_FILE)


def cached_path(candidates: Sequence[str], directory: Optional[str] = None) -> Optional[str]:
    """The cache file of the model restricted to ``candidates``; None without a model file."""
    packaged = model_file()
    try:
        info = os.stat(packaged) if packaged else None
    except OSError:
        info = None
    if info is None:
        return None
    key = repr((_FORMAT, packaged, info.st_size, info.st_mtime_ns, tuple(candidates), sys.byteorder))
    return os.path.join(directory or default_directory(),
                        f"py3langid-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}.model")
