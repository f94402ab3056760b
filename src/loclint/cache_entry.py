"""One cache file, trusted only when it proves what it is.

Entries are JSON read with msgspec into declared types: reading one cannot run code (a pickle
can), and a value of the wrong type is rejected, not passed on. Each entry carries its format
version, the key it was stored under and the sha256 of its payload. A file that cannot be read,
of another format, stored under another key (copied or renamed from another entry), whose
payload does not match its digest (damaged, edited) or does not have the declared shape is a
miss, exactly like a missing file. The digest is no signature: whoever can write the cache can
write an entry for a key, but no entry answers for a file other than the one it was made for.
"""
from __future__ import annotations

import hashlib
from typing import Any, Optional, TypeVar

import msgspec

from .cachedir import write_atomically

FORMAT = 2  # bump when what an entry's payload means changes

T = TypeVar("T")


class _Envelope(msgspec.Struct, forbid_unknown_fields=True):
    format: int
    key: str
    sha256: str
    payload: msgspec.Raw  # kept as the bytes the digest covers, decoded only once they match


def write(path: str, key: str, payload: Any) -> bool:
    """Store ``payload`` (plain data, dataclasses, enums) under ``key``; False when it cannot be."""
    try:
        raw = msgspec.json.encode(payload)
    except (msgspec.EncodeError, TypeError, UnicodeEncodeError, OverflowError):  # e.g. a lone surrogate
        return False
    entry = msgspec.json.encode(_Envelope(FORMAT, key, hashlib.sha256(raw).hexdigest(), msgspec.Raw(raw)))
    return write_atomically(path, lambda handle: handle.write(entry))


def read(path: str, key: str, payload_type: type[T]) -> Optional[T]:
    """The payload stored at ``path`` for ``key``, as ``payload_type``; None for a miss."""
    try:
        with open(path, "rb") as handle:
            entry = msgspec.json.decode(handle.read(), type=_Envelope)
        if entry.format != FORMAT or entry.key != key:
            return None
        raw = bytes(entry.payload)
        if hashlib.sha256(raw).hexdigest() != entry.sha256:
            return None
        return msgspec.json.decode(raw, type=payload_type)
    except (OSError, msgspec.DecodeError):  # ValidationError (wrong shape) is a DecodeError
        return None
