"""The built-in rulesets as the test suite checked them, read without YAML.

Parsing the ~40 YAML files and checking every regular expression in them was half of what a
small run spent loading its rules. The package therefore ships their parsed documents in one
JSON file beside this module, written with the rule pages by ``python -m loclint.docs``
(``--check`` says whether it is current; tests/test_shipped_rulesets.py runs it). The loader takes documents
from it only when the rulesets directory holds exactly the files it was made from, byte for
byte (one digest over every file's name and content): those are the rules the test suite loads
with every check, so the checks need not run again. An edited, added or removed file (a
development checkout, --rulesets pointing at a copy) falls back to reading and checking the
YAML. A team's rulesets are never read from it.

JSON decoded by msgspec into declared types: reading it runs no code, as a pickle's would.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any, NamedTuple, Optional, Union

import msgspec

from .listing import yaml_files

SHIPPED_FILE = Path(__file__).with_name("shipped_rulesets.json")


class Document(msgspec.Struct, frozen=True):
    data: Any  # the YAML document, with each date (JSON has none) as its ISO text
    rule_lines: list[int]  # where each item of the top-level `rules` list starts (1-based)
    dates: list[list[Union[str, int]]] = []  # the keys and indexes leading to each date in ``data``


class Shipped(msgspec.Struct, frozen=True):
    digest: str  # of the files the documents were made from (``digest``)
    documents: dict[str, Document]  # by path relative to the rulesets directory, with /


class Sources(NamedTuple):
    """The files of a rulesets directory, read once: the shipped form's check compares their
    digest with the one it was made from, and the rulebook's fingerprint starts from it."""

    files: list[tuple[str, Path]]  # listing.yaml_files
    contents: dict[Path, bytes]  # of each file that could be read
    digest: str  # of every file's name and bytes (of one that could not be read, its name alone)
    complete: bool  # every file could be read


def read_sources(root: Path) -> Sources:
    files = yaml_files(root)
    contents = {}
    for _, path in files:
        try:
            with open(path, "rb") as handle:
                contents[path] = handle.read()
        except OSError:  # a folder named like a file, a file not ours to read: no shipped form for this
            pass
    hasher = hashlib.sha256()
    for name, path in files:
        data = contents.get(path)
        hasher.update(name.encode() + b"\0" + (data + b"\0" if data is not None else b""))
    return Sources(files, contents, hasher.hexdigest(), len(contents) == len(files))


def source_files(root: Path) -> list[Path]:
    """Every file the loader may read in a rulesets directory (ruleset/loader.py)."""
    return [path for _, path in yaml_files(root)]


def digest(root: Path) -> str:
    return read_sources(root).digest


def checked_documents(root: Path, sources: Optional[Sources] = None) -> Optional[dict[Path, Document]]:
    """Path -> document of every file in ``root``, when ``root`` holds exactly the files the
    shipped form was made from; None otherwise (or when there is none to read). ``sources``:
    read_sources(root), when the caller has read them."""
    try:
        shipped = msgspec.json.decode(SHIPPED_FILE.read_bytes(), type=Shipped)
    except (OSError, msgspec.DecodeError):
        return None
    sources = read_sources(root) if sources is None else sources
    if not sources.complete or sources.digest != shipped.digest:
        return None
    if {name for name, _ in sources.files} != set(shipped.documents):  # not as generate() writes it: read the YAML
        return None
    return {path: _with_dates(shipped.documents[name]) for name, path in sources.files}


def _with_dates(document: Document) -> Document:
    """The document's data as YAML read it: its dates restored (in place: it was just decoded)."""
    for path in document.dates:
        *inner, last = path
        holder = document.data
        for step in inner:
            holder = holder[step]
        holder[last] = dt.date.fromisoformat(holder[last])
    return document


def generate(root: Path) -> bytes:
    """The shipped form of the rulesets in ``root``. Refuses a file that does not read as YAML or
    whose document JSON cannot carry exactly (the loader would read something else)."""
    from .loader import RulesetError, read_yaml_document

    files = source_files(root)
    documents: dict[str, Document] = {}
    problems: list[str] = []
    for path in files:
        data, lines = read_yaml_document(path, problems)
        dates = list(_date_paths(data, []))
        document = Document(_without_dates(data), lines, dates)
        try:
            restored = _with_dates(msgspec.json.decode(msgspec.json.encode(document), type=Document)).data
        except (TypeError, msgspec.EncodeError):  # a key JSON has no form for (YAML reads `on:` as True)
            restored = None
        if repr(restored) != repr(data):  # repr tells 1 from 1.0 and True, as == does not
            problems.append(f"{path}: its document does not survive JSON unchanged")
        documents[_name(root, path)] = document
    if problems:
        raise RulesetError(problems)
    shipped = Shipped(digest(root), documents)
    return msgspec.json.format(msgspec.json.encode(shipped), indent=1) + b"\n"


def _name(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _date_paths(value: Any, path: list) -> Any:
    if isinstance(value, dt.datetime):
        raise ValueError(f"a YAML timestamp at {path}: rules name dates only")
    if isinstance(value, dt.date):
        yield list(path)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _date_paths(item, [*path, key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _date_paths(item, [*path, index])


def _without_dates(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _without_dates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_dates(item) for item in value]
    return value


def stale() -> bool:
    """Whether the shipped form differs from what the built-in rulesets give now."""
    from .loader import default_rulesets_dir

    return not SHIPPED_FILE.exists() or SHIPPED_FILE.read_bytes() != generate(default_rulesets_dir())


def write() -> bool:
    """Write the shipped form of the built-in rulesets; False when it was current."""
    if not stale():
        return False
    from .loader import default_rulesets_dir

    SHIPPED_FILE.write_bytes(generate(default_rulesets_dir()))
    return True
