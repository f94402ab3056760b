"""Benchmark: how long a warm `loclint server` takes to lint a 2,000-line PO file again after an
edit (issue 18's target: under 200 ms). Prints numbers, asserts nothing.

    python benchmarks/server_relint.py [PO_FILE] [--lines 2000] [--edits 30]

The server is started as an editor starts it (`python -m loclint server` over stdio, driven by
pygls' client), opens the file (the first 2,000 lines of PO_FILE, cut at an entry; default
../shared/corpus/translations/django-oscar-4.2.1_de_django.po, real German UI strings) as a
buffer under de/LC_MESSAGES/, waits for its diagnostics, then makes EDITS one-line edits (a
msgstr changed, alternately to copy DE001 flags and back) with no debounce. Per edit it measures
the wall time from sending didChange to receiving that version's diagnostics, and the server
process's CPU time (user + sys, from /proc) over the same span; medians and the slowest are
printed. CPU moves less than wall time on a shared machine.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

DEFAULT_PO = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "translations" / "django-oscar-4.2.1_de_django.po"
FLAGGED = 'msgstr "Die besten Töpfe zum Tiefstpreis"'


def first_lines(path: Path, count: int) -> str:
    """The first ``count`` lines, cut back to the end of the last whole entry."""
    lines = path.read_text(encoding="utf-8").split("\n")[:count]
    text = "\n".join(lines)
    return text[: text.rfind("\n\n") + 1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc); 0.0 elsewhere."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


async def measure(text: str, edits: int) -> tuple[float, list[float], list[float], int]:
    client = LanguageClient("benchmark", "1")
    arrived: dict[int, float] = {}
    counts: dict[int, int] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(ls, params):
        arrived[params.version] = time.perf_counter()
        counts[params.version] = len(params.diagnostics)

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "loclint.toml").write_text('market = "DE"\n', encoding="utf-8")
        await client.start_io(sys.executable, "-m", "loclint", "server", cwd=folder)
        await client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=Path(folder).as_uri(),
            initialization_options={"debounceMs": 0}))
        client.initialized(types.InitializedParams())
        uri = (Path(folder) / "de" / "LC_MESSAGES" / "django.po").as_uri()
        started = time.perf_counter()
        client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "po", 1, text)))
        await _until(arrived, 1)
        first = arrived[1] - started

        lines = text.split("\n")
        row = next(i for i, line in enumerate(lines) if line.startswith('msgstr "') and i > len(lines) // 2)
        original = lines[row]
        walls, cpus = [], []
        pid = client._server.pid
        for version in range(2, edits + 2):
            new = FLAGGED if version % 2 == 0 else original
            old_length = len(original) if version % 2 == 0 else len(FLAGGED)
            change = types.TextDocumentContentChangePartial(
                range=types.Range(types.Position(row, 0), types.Position(row, old_length)), text=new)
            cpu = cpu_seconds(pid)
            sent = time.perf_counter()
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version=version, uri=uri), [change]))
            await _until(arrived, version)
            walls.append(arrived[version] - sent)
            cpus.append(cpu_seconds(pid) - cpu)
        flagged = counts[2] - counts[3]
        await client.shutdown_async(None)
        client.exit(None)
        await asyncio.wait_for(client._server.wait(), 30)
    return first, walls, cpus, flagged


async def _until(arrived: dict, version: int, seconds: float = 60) -> None:
    deadline = time.perf_counter() + seconds
    while version not in arrived:
        if time.perf_counter() > deadline:
            raise SystemExit(f"no diagnostics for version {version} within {seconds} s")
        await asyncio.sleep(0.001)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("po", nargs="?", type=Path, default=DEFAULT_PO)
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=30)
    args = parser.parse_args(argv)
    text = first_lines(args.po, args.lines)
    first, walls, cpus, flagged = asyncio.run(measure(text, args.edits))
    ms = lambda seconds: f"{seconds * 1000:.0f} ms"  # noqa: E731
    print(f"{args.po.name}: {text.count(chr(10))} lines, {args.edits} edits, warm server, no debounce")
    print(f"  first lint on open (cold: compiles the market): {ms(first)}")
    print(f"  re-lint after an edit, wall: median {ms(statistics.median(walls))}, slowest {ms(max(walls))}")
    print(f"  re-lint after an edit, server CPU: median {ms(statistics.median(cpus))}, slowest {ms(max(cpus))}")
    print(f"  (the edit adds {flagged} diagnostic(s) and takes them away again; target: under 200 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
