"""py3langid's model, restricted to the candidate languages, kept in the cache directory in a
form that loads in milliseconds.

The packaged model is an LZMA-compressed archive: decompressing it takes about 0.45 s, which
every run (and every worker process) paid before its first language guess. The restricted
arrays are saved once as an uncompressed .npz keyed by py3langid's version, the model file and
the candidate list; a cache that is missing, stale or unreadable is rebuilt from the package.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import os
import zipfile
from array import array
from typing import Sequence

import numpy as np  # py3langid's own dependency; this module is imported only to load the model

from ..cachedir import default_directory, prepare, write_atomically
from ..preparing import preparing

_PROBE = "Kabellose Kopfhörer"
_TYPECODES = {2: "H", 4: "I", 8: "L"}  # py3langid keeps its automaton in stdlib arrays


def load_identifier(candidates: Sequence[str], directory: str | None = None):
    """A py3langid LanguageIdentifier giving normalised probabilities over ``candidates`` (those
    its model knows: Romansh, a Swiss market language, it does not)."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    path = os.path.join(directory or default_directory(), f"py3langid-{_stamp(MODEL_DIR / MODEL_FILE, candidates)}.npz")
    try:
        # allow_pickle=False: an object array in a planted file is refused, never unpickled.
        with np.load(path, allow_pickle=False) as data:
            identifier = LanguageIdentifier(
                data["ptc"], data["pc"], data["classes"].tolist(), _stdlib(data["nextmove"]),
                data["output"].tolist(), norm_probs=True, tk_row=_stdlib(data["row"]),
            )
        identifier.classify(_PROBE)  # arrays that do not fit together fail here, not mid-run
        return identifier
    except (OSError, EOFError, KeyError, ValueError, IndexError, TypeError, zipfile.BadZipFile):
        pass  # not cached yet, damaged or not what loclint wrote: build it
    preparing("the language model")
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([c for c in candidates if c in identifier.nb_classes] or None)  # None: all
    prepare(directory or default_directory())
    write_atomically(path, lambda handle: np.savez(
        handle, ptc=identifier.nb_ptc, pc=identifier.nb_pc, classes=np.array(identifier.nb_classes),
        nextmove=_numpy(identifier.tk_nextmove), row=_numpy(identifier.tk_row),
        output=np.asarray(identifier.tk_output, dtype=np.int32),
    ))
    return identifier


def _stamp(model_file, candidates: Sequence[str]) -> str:
    try:
        version = importlib.metadata.version("py3langid")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    info = os.stat(model_file)
    key = repr((version, str(model_file), info.st_size, info.st_mtime_ns, tuple(candidates)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _numpy(values: array) -> np.ndarray:
    return np.frombuffer(values, dtype=f"u{values.itemsize}")


def _stdlib(values: np.ndarray) -> array:
    out = array(_TYPECODES[values.dtype.itemsize])
    out.frombytes(memoryview(np.ascontiguousarray(values)).cast("B"))
    return out
