"""py3langid's model, restricted to the candidate languages, kept in the cache directory in a
form that opens in milliseconds.

The packaged model is an LZMA-compressed archive: decompressing it takes about 0.45 s, which
every run (and every worker process) paid before its first language guess. The restricted
arrays are saved once, uncompressed, keyed by the model file (its path, size and time), the
candidate list and the byte order; a cache that is missing, stale or unreadable is rebuilt from
the package.

The file (its layout and name: langid_cache) is memory-mapped rather than read: a run asks the
second opinion about a handful of texts, which touch a few pages of the 39 MB byte automaton, so
reading (and checksumming) all of it, as an .npz needed, cost more than the guesses (0.15 s).
A run whose file is cached reads it without numpy (langid_plain); this module builds it, and
serves the user's choice of py3langid as the detector.
"""
from __future__ import annotations

import mmap
import os
from typing import BinaryIO, Sequence

import numpy as np  # py3langid's own dependency; this module is imported only to load the model

from ..cachedir import default_directory, prepare, write_atomically
from ..preparing import preparing
from .langid_cache import ALIGN as _ALIGN, ARRAYS as _ARRAYS, cached_path

_PROBE = "Kabellose Kopfhörer"
_HEADER_READERS = {(1, 0): np.lib.format.read_array_header_1_0, (2, 0): np.lib.format.read_array_header_2_0}


def load_identifier(candidates: Sequence[str], directory: str | None = None):
    """A py3langid LanguageIdentifier giving normalised probabilities over ``candidates`` (those
    its model knows: Romansh, a Swiss market language, it does not)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    path = cached_path(candidates, directory)
    try:
        if path is None:
            raise OSError("py3langid's model file is not where langid_cache looks")
        identifier = _identifier(LanguageIdentifier, _mapped(path))
        identifier.classify(_PROBE)  # arrays that do not fit together fail here, not mid-run
        return identifier
    except (OSError, EOFError, KeyError, ValueError, IndexError, TypeError):
        pass  # not cached yet, damaged or not what loclint wrote: build it
    preparing("the language model")
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([c for c in candidates if c in identifier.nb_classes] or None)  # None: all
    if path is None:
        return identifier
    prepare(directory or default_directory())
    write_atomically(path, lambda handle: _write(handle, {
        "ptc": identifier.nb_ptc, "pc": identifier.nb_pc, "classes": np.array(identifier.nb_classes),
        "nextmove": _numpy(identifier.tk_nextmove), "row": _numpy(identifier.tk_row),
        "output": np.asarray(identifier.tk_output, dtype=np.int32),
    }))
    return identifier


def _identifier(identifier_class, arrays: dict[str, np.ndarray]):
    """The identifier over mapped ``arrays``, which are checked to fit together first: a value
    out of range in a damaged or planted file would otherwise fail on some text mid-run."""
    ptc, pc, nextmove, row, output = (arrays[name] for name in ("ptc", "pc", "nextmove", "row", "output"))
    states, rows = len(output), len(nextmove) // 256
    if not (ptc.ndim == 2 and ptc.shape[1] == len(pc) == len(arrays["classes"]) and len(row) == states > 0
            and len(nextmove) == rows * 256 and nextmove.max() < states and row.max() < rows
            and -1 <= output.min() and output.max() < len(ptc)):
        raise ValueError("the arrays do not fit together")
    # The automaton walk indexes per byte: memoryviews answer with plain ints, as py3langid's
    # own stdlib arrays do.
    return identifier_class(ptc, pc, arrays["classes"].tolist(), memoryview(nextmove), memoryview(output),
                            norm_probs=True, tk_row=memoryview(row))


def _write(handle: BinaryIO, arrays: dict[str, np.ndarray]) -> None:
    for name in _ARRAYS:
        np.lib.format.write_array(handle, np.ascontiguousarray(arrays[name]), allow_pickle=False)
        handle.write(b"\0" * (-handle.tell() % _ALIGN))


def _mapped(path: str) -> dict[str, np.ndarray]:
    """The arrays of the file at ``path``, read-only views of its memory map. Only plain numeric
    and string dtypes are accepted (never objects, which would mean unpickling)."""
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)  # stays mapped after close
        arrays = {}
        for name in _ARRAYS:
            read_header = _HEADER_READERS.get(np.lib.format.read_magic(handle))
            if read_header is None:
                raise ValueError(f"array {name}: unknown .npy version")
            shape, fortran_order, dtype = read_header(handle)
            if fortran_order or dtype.hasobject or dtype.kind not in "iufU" or min(shape, default=0) < 0:
                raise ValueError(f"unexpected array {name}: {dtype} {shape}")
            count = int(np.prod(shape))
            offset = handle.tell()
            if offset + count * dtype.itemsize > size:
                raise ValueError(f"array {name} is cut short")
            arrays[name] = np.frombuffer(mapped, dtype=dtype, count=count, offset=offset).reshape(shape)
            handle.seek(offset + count * dtype.itemsize)
            handle.seek(-handle.tell() % _ALIGN, os.SEEK_CUR)
    return arrays


def _numpy(values) -> np.ndarray:
    return np.frombuffer(values, dtype=f"u{values.itemsize}")
