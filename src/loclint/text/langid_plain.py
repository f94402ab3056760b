"""py3langid's guess, scored without numpy, for the few texts CLD2 doubts (text/cld2.py).

Importing numpy costs a run about 0.15 s of CPU (it starts OpenBLAS), more than the whole
second opinion of a feed: on the real catalogue of ../shared/corpus CLD2 doubts 11 of 2,454
texts. So the second opinion reads the model that langid_model caches (the .npy arrays, laid
out one after another) through memoryviews of the file's map, and computes py3langid's naive
Bayes score (0.4: ``LanguageIdentifier.classify`` with normalised probabilities) in plain
Python. It needs the cached file: the first run, which writes it, and a file that does not
read back, take langid_model's numpy path instead.

py3langid adds float16 weights in float32; this adds them in float64, so a probability may
differ in the seventh digit (tests/test_langid_plain.py holds both to the same language and
to 1e-5 on the corpus texts and on any text).
"""
from __future__ import annotations

import ast
import math
import mmap
import struct
import sys
import unicodedata
from typing import Optional, Sequence

from .langid_cache import ALIGN, ARRAYS, cached_path

_MAGIC = b"\x93NUMPY"
_HEADER_LENGTH = {1: 2, 2: 4, 3: 4}  # bytes of the header length, by .npy major version
# numpy's type codes (without byte order) as struct formats of the same size: integers are read
# through memoryviews cast to them, floats (float16 has no memoryview format) through struct.
_FORMATS = {"f2": "e", "f4": "f", "f8": "d", "u1": "B", "u2": "H", "u4": "I", "u8": "Q",
            "i1": "b", "i2": "h", "i4": "i", "i8": "q"}
_NATIVE = "<" if sys.byteorder == "little" else ">"
# What classify raises on a value out of range in a damaged file, on the text that reaches it:
# memoryviews and struct check every index.
DAMAGED = (IndexError, struct.error)


class PlainIdentifier:
    """``classify(text) -> (language, probability)`` as py3langid's identifier answers it,
    over the arrays of a cached model (DAMAGED: what a damaged one raises)."""

    def __init__(self, arrays: dict):
        self.classes = arrays["classes"]
        self.pc = list(arrays["pc"])
        self.ptc, self.row_of = arrays["ptc"]  # a feature's weights: one struct read of its row
        self.nextmove, self.row, self.output = arrays["nextmove"], arrays["row"], arrays["output"]
        first: dict[str, int] = {}
        self.aliases = []  # (first column, duplicate column) of a language listed twice
        for index, name in enumerate(self.classes):
            if name in first:
                self.aliases.append((first[name], index))
            else:
                first[name] = index

    def classify(self, text: str) -> tuple[str, float]:
        data = _encoded(text)
        counts = self._features(data)
        columns = len(self.classes)
        if counts:
            scores = list(self.pc)
            ptc, row_of, size = self.ptc, self.row_of.unpack_from, self.row_of.size
            for feature, count in counts.items():
                weight = math.log1p(count)
                for column, value in enumerate(row_of(ptc, feature * size)):
                    scores[column] += weight * value
        else:
            scores = [0.0] * columns  # no feature: every language alike
        # py3langid's softmax at temperature sqrt(bytes)
        scale = 1.0 / math.sqrt(len(data) or 1)
        top = max(scores) * scale
        scores = [math.exp(score * scale - top) for score in scores]
        total = sum(scores)
        probabilities = [score / total for score in scores]
        for first, duplicate in self.aliases:
            probabilities[first] += probabilities[duplicate]
            probabilities[duplicate] = 0.0
        best = max(range(columns), key=probabilities.__getitem__)  # the first of equals, as argmax
        return self.classes[best], probabilities[best]

    def _features(self, data: bytes) -> dict[int, int]:
        """How often each feature of the byte automaton is met (py3langid.visit_counts)."""
        nextmove, row, output = self.nextmove, self.row, self.output
        state, counts = 0, {}
        for byte in data:
            state = nextmove[(row[state] << 8) + byte]
            feature = output[state]
            if feature >= 0:
                counts[feature] = counts.get(feature, 0) + 1
        return counts


def plain_identifier(candidates: Sequence[str], directory: Optional[str] = None) -> Optional[PlainIdentifier]:
    """The identifier over the model langid_model cached for ``candidates``; None when that
    file is missing or does not read back as its arrays (langid_model then builds it)."""
    path = cached_path(candidates, directory)
    if path is None:
        return None
    try:
        identifier = PlainIdentifier(_arrays(path))
        identifier.classify("Kabellose Kopfhörer")  # arrays that do not fit together fail here
        return identifier
    except (OSError, ValueError, IndexError, KeyError, TypeError, SyntaxError, MemoryError):
        return None


def _encoded(text: str) -> bytes:
    """The bytes py3langid scores (LanguageIdentifier._encode)."""
    if text.isupper():
        text = text.lower()
    return unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")


def _arrays(path: str) -> dict:
    """The file's arrays, as langid_model writes them: flat memoryviews of its read-only map
    (``classes``: a list of strings), checked to fit together. Only numeric and string types
    are read (a .npy header is a literal; nothing is unpickled)."""
    with open(path, "rb") as handle:
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)  # stays mapped after close
    view, offset, arrays, shapes = memoryview(mapped), 0, {}, {}
    for name in ARRAYS:
        width = _HEADER_LENGTH.get(view[offset + 6]) if bytes(view[offset:offset + 6]) == _MAGIC else None
        if width is None:
            raise ValueError(f"array {name}: not a .npy array this reads")
        start = offset + 8 + width
        length = int.from_bytes(view[offset + 8:start], "little")
        header = ast.literal_eval(bytes(view[start:start + length]).decode("latin-1"))
        descr, shape = header["descr"], tuple(header["shape"])
        if header["fortran_order"] or not isinstance(descr, str) or descr[:1] not in (_NATIVE, "|") \
                or not all(isinstance(n, int) and n >= 0 for n in shape):
            raise ValueError(f"unexpected array {name}: {descr} {shape}")
        data, count, itemsize = start + length, math.prod(shape), int(descr[2:])
        nbytes = count * itemsize * (4 if descr[1] == "U" else 1)
        if data + nbytes > len(view):
            raise ValueError(f"array {name} is cut short")
        if descr[1] == "U":  # fixed-width UTF-32, padded with NULs
            text = bytes(view[data:data + nbytes]).decode("utf-32-le" if _NATIVE == "<" else "utf-32-be")
            arrays[name] = [text[i * itemsize:(i + 1) * itemsize].rstrip("\0") for i in range(count)]
        elif descr[1] == "f":
            item = struct.Struct(descr[0].replace("|", "=") + _FORMATS[descr[1:]])
            if name == "ptc":  # read a row at a time
                row = struct.Struct(descr[0].replace("|", "=") + str(shape[-1]) + _FORMATS[descr[1:]])
                arrays[name] = (view[data:data + nbytes], row)
            else:
                arrays[name] = [value for (value,) in item.iter_unpack(view[data:data + nbytes])]
        else:
            arrays[name] = view[data:data + nbytes].cast(_FORMATS[descr[1:]])
            if arrays[name].itemsize != itemsize:
                raise ValueError(f"array {name}: {descr} is not {itemsize} bytes here")
        shapes[name] = shape
        offset = data + nbytes
        offset += -offset % ALIGN
    columns = len(arrays["classes"])
    if not (isinstance(arrays["ptc"], tuple) and isinstance(arrays["pc"], list)
            and len(shapes["ptc"]) == 2 and shapes["ptc"][1] == len(arrays["pc"]) == columns > 0
            and len(arrays["row"]) == len(arrays["output"]) > 0 and len(arrays["nextmove"]) % 256 == 0):
        raise ValueError("the arrays do not fit together")
    return arrays
