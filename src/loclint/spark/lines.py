"""JSON Lines read as raw lines, so that each line is parsed by loclint's own JSON Lines reader:
the same records, types, line and column numbers, default ids ("#n") and error messages as
`loclint check`, which a DataFrame Spark parsed itself cannot promise (it coerces types and
turns a bad line into nulls).

Spark reads a file in blocks, and a row knows its block (``_metadata.file_block_start``) but
not its line number. A first, cheap pass counts each block's lines and records; the driver adds
them up into each block's first line and first record number, and the linting pass counts on
from there. Both passes read the same blocks the same way, so the counts line up.
"""
from __future__ import annotations

import codecs
from typing import Iterator, Optional, Union

import pyarrow as pa

from ..model import Finding, ReadError
from ..readers.errors import UnreadableInput
from ..readers.json.jsonl import parse_line  # the reader's one-line parser (fast path, then checked)
from .output import batch_of
from .plan import LintPlan

Block = tuple[str, int]  # (file path, byte offset where Spark's block starts)
COUNT_SCHEMA = pa.schema([("file", pa.string()), ("block", pa.int64()), ("lines", pa.int64()),
                          ("records", pa.int64())])


def decoded(raw: bytes, first_in_file: bool, lineno: int) -> Union[str, UnreadableInput]:
    """One line's text as the JSON Lines reader decodes it (readers.json.jsonl._utf8_lines)."""
    if first_in_file and raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    nul = raw.find(b"\x00")
    if nul >= 0:
        return UnreadableInput(f"binary bytes (NUL) at column {nul + 1}; record skipped", lineno)
    try:
        return raw.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError as exc:
        return UnreadableInput(f"not UTF-8: byte 0x{raw[exc.start]:02x} at column {exc.start + 1}; record skipped",
                               lineno)


def _is_record(text: Union[str, UnreadableInput]) -> bool:
    return isinstance(text, str) and bool(text.strip())  # blank and unreadable lines get no "#n"


def count_blocks(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """mapInArrow's function for the counting pass: lines and records per block."""
    counts: dict[Block, list[int]] = {}
    for batch in batches:
        for file, block, raw in zip(*(batch.column(name).to_pylist() for name in ("file", "block", "value"))):
            tally = counts.setdefault((file, block), [0, 0])
            tally[0] += 1
            tally[1] += _is_record(decoded(raw, block == 0 and tally[0] == 1, 0))
    yield pa.RecordBatch.from_pylist([{"file": f, "block": b, "lines": n, "records": r}
                                      for (f, b), (n, r) in counts.items()], schema=COUNT_SCHEMA)


def block_starts(counts: list[tuple[str, int, int, int]]) -> dict[Block, tuple[int, int]]:
    """Each block's first line number and the number of records before it in its file."""
    starts: dict[Block, tuple[int, int]] = {}
    line, records, current = 1, 0, None
    for file, block, lines, found in sorted(counts):
        if file != current:
            line, records, current = 1, 0, file
        starts[(file, block)] = (line, records)
        line, records = line + lines, records + found
    return starts


def lint_lines(plan: LintPlan, starts: dict[Block, tuple[int, int]],
               batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """mapInArrow's function for the linting pass over raw JSON Lines."""
    linter = plan.linter()
    place: dict[Block, list[int]] = {}  # the next line number and the records so far, per block
    for batch in batches:
        found: list[Union[Finding, ReadError]] = []
        for file, block, raw in zip(*(batch.column(name).to_pylist() for name in ("file", "block", "value"))):
            counter = place.setdefault((file, block), list(starts[(file, block)]))
            lineno = counter[0]
            counter[0] += 1
            text = decoded(raw, lineno == 1, lineno)
            if not _is_record(text):
                if isinstance(text, UnreadableInput):
                    found.append(text.report(local_path(file)))
                continue
            counter[1] += 1
            found.extend(_lint_line(linter, plan, local_path(file), lineno, text, counter[1]))
        yield batch_of(found)


def _lint_line(linter, plan: LintPlan, path: str, lineno: int, text: str,
               index: int) -> list[Union[Finding, ReadError]]:
    item = parse_line(path, lineno, text, index, plan.market, plan.locale)
    if isinstance(item, UnreadableInput):
        return [item.report(path)]
    result = linter.lint_record(item)
    return [result] if isinstance(result, ReadError) else result


def local_path(uri: Optional[str]) -> str:
    """A local file's URI as the path `loclint check` would name it; other URIs as they are."""
    from urllib.parse import unquote, urlparse

    if uri and uri.startswith("file:"):
        return unquote(urlparse(uri).path)
    return uri or ""
