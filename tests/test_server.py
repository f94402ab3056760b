"""`loclint server` driven as an editor drives it: a real LSP client (pygls') talking to the
`loclint server` command over stdio. Diagnostics with exact ranges in UTF-16 code units, edits
applied to the buffer and linted again, hover, a broken document, shutdown and exit.

One server serves the module (starting one costs a second); each test opens its own documents.
The client side converts positions itself (utf16_offset below), so a range that is off by a
code unit fails here rather than being agreed with.
"""
from __future__ import annotations

import asyncio
import shutil
import sys
import threading
import time
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.lsp.client import LanguageClient

TIMEOUT = 30
LOCLINT = [sys.executable, "-m", "loclint"]


class Editor:
    """A pygls client on its own event loop thread, with blocking calls for the tests."""

    def __init__(self, folder: Path, options=None):
        self.folder = folder
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.client = LanguageClient("loclint-tests", "1")
        self.published: dict[str, types.PublishDiagnosticsParams] = {}
        self.messages: list[str] = []
        self.versions: dict[str, int] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(ls, params):
            self.published[params.uri] = params

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def shown(ls, params):
            self.messages.append(params.message)

        self.run(self.client.start_io(*LOCLINT, "server", cwd=str(folder)))
        self.initialized = self.run(self.client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=folder.as_uri(),
            initialization_options=options)))
        self.client.initialized(types.InitializedParams())

    def run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(TIMEOUT)

    def call(self, function, *args):
        """A notification (a plain method of the client), sent from the loop's thread."""
        return self.run(_call(function, *args))

    # documents
    def open(self, name: str, text: str, language: str = "plaintext") -> str:
        uri = name if name.startswith("untitled:") else (self.folder / name).as_uri()
        self.versions[uri] = 1
        self.published.pop(uri, None)
        self.call(self.client.text_document_did_open,
                  types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, language, 1, text)))
        return uri

    def change(self, uri: str, changes: list) -> None:
        self.versions[uri] += 1
        self.call(self.client.text_document_did_change, types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=self.versions[uri], uri=uri), changes))

    def diagnostics(self, uri: str) -> list[types.Diagnostic]:
        """The diagnostics of the document's current version, once the server published them."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            found = self.published.get(uri)
            if found is not None and found.version == self.versions[uri]:
                return list(found.diagnostics)
            time.sleep(0.02)
        raise AssertionError(f"no diagnostics for version {self.versions[uri]} of {uri}")

    def actions(self, uri: str, area: types.Range, only=None) -> list[types.CodeAction]:
        return self.run(self.client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(uri), area, types.CodeActionContext(diagnostics=[], only=only)))) or []

    def hover(self, uri: str, line: int, character: int):
        return self.run(self.client.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(line, character))))

    def close(self) -> int:
        """Shut down and exit as an editor does; the server process's exit code."""
        self.run(self.client.shutdown_async(None))
        self.call(self.client.exit, None)
        code = self.run(asyncio.wait_for(self.client._server.wait(), TIMEOUT))
        self.run(self.client.stop()) if hasattr(self.client, "stop") else None
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(TIMEOUT)
        return code


async def _call(function, *args):
    return function(*args)


def utf16_offset(text: str, position: types.Position) -> int:
    """The index in ``text`` (code points) of an LSP position in UTF-16 code units."""
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: position.line])
    line, units, index = lines[position.line], 0, 0
    while units < position.character:
        units += 2 if ord(line[index]) > 0xFFFF else 1
        index += 1
    assert units == position.character, "a position inside a surrogate pair"
    return start + index


def apply(text: str, edits) -> str:
    """``text`` with LSP TextEdits applied, as an editor applies them (all against the original)."""
    spans = sorted(((utf16_offset(text, e.range.start), utf16_offset(text, e.range.end), e.new_text) for e in edits),
                   reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def edits_of(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    (change,) = action.edit.document_changes
    assert change.text_document.uri == uri
    return list(change.edits)


def flagged(text: str, diagnostic: types.Diagnostic) -> str:
    return text[utf16_offset(text, diagnostic.range.start):utf16_offset(text, diagnostic.range.end)]


def by_code(diagnostics, code):
    found = [d for d in diagnostics if d.code == code]
    assert found, [(d.code, d.message) for d in diagnostics]
    return found


WHOLE = types.Range(types.Position(0, 0), types.Position(10_000, 0))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    folder = tmp_path_factory.mktemp("workspace")
    (folder / "loclint.toml").write_text('market = "DE"\n', encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def editor(workspace):
    # No market in the options: it comes from the workspace's loclint.toml, as for `check`.
    started = Editor(workspace, {"debounceMs": 20})
    yield started
    started.close()


MARKDOWN = "# Töpfe 😀\n\nMaße 😀😀: 15 x 10 inches.\n\nDie besten Töpfe.\n"


def test_initialize_announces_what_the_server_does(editor):
    capabilities = editor.initialized.capabilities
    assert capabilities.position_encoding == types.PositionEncodingKind.Utf16
    assert capabilities.hover_provider
    assert set(capabilities.code_action_provider.code_action_kinds) == {"quickfix", "source.fixAll.loclint"}
    assert editor.initialized.server_info.name == "loclint"


def test_markdown_diagnostics_have_exact_utf16_ranges_code_page_and_source(editor):
    uri = editor.open("copy.md", MARKDOWN, "markdown")
    found = editor.diagnostics(uri)

    (size,) = by_code(found, "MET001")
    # "Maße 😀😀: " is 9 code points but 11 UTF-16 code units: each emoji counts two
    assert (size.range.start.line, size.range.start.character) == (2, 11)
    assert (size.range.end.line, size.range.end.character) == (2, 25)
    assert flagged(MARKDOWN, size) == "15 x 10 inches"
    assert size.source == "loclint"
    assert size.severity in (types.DiagnosticSeverity.Warning, types.DiagnosticSeverity.Information,
                             types.DiagnosticSeverity.Error)
    (claim,) = by_code(found, "DE001")
    assert claim.severity == types.DiagnosticSeverity.Error  # DE001 is an error (legal risk)
    assert flagged(MARKDOWN, claim) == "Die besten"
    assert claim.code_description.href.endswith("/DE001.md")
    assert Path(claim.code_description.href.removeprefix("file://")).is_file()
    assert "\nSource: " in claim.message  # the legal source it rests on


def test_devanagari_combining_marks_count_as_code_units_not_letters(editor):
    # नमस्ते is three letters to a reader but six code points (and UTF-16 units): marks count
    text = "नमस्ते 😀 15 x 10 inches\n"
    uri = editor.open("devanagari.md", text, "markdown")
    (size,) = by_code(editor.diagnostics(uri), "MET001")
    assert (size.range.start.line, size.range.start.character) == (0, 10)  # 6 + space + 2 + space
    assert flagged(text, size) == "15 x 10 inches"


PO = '''msgid ""
msgstr ""
"Language: de\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Size"
msgstr "Größe 😀: 15 x 10 inches"

msgid "Long"
msgstr ""
"Eine Zeile 😀😀 und "
"die besten Töpfe"
'''


def test_po_diagnostics_point_inside_msgstr_across_continuation_lines(editor):
    uri = editor.open("de/LC_MESSAGES/shop.po", PO, "po")
    found = editor.diagnostics(uri)
    (size,) = by_code(found, "MET001")
    assert (size.range.start.line, size.range.start.character) == (6, 18)  # after msgstr "Größe 😀: 
    assert flagged(PO, size) == "15 x 10 inches"
    (claim,) = by_code(found, "DE001")
    assert (claim.range.start.line, claim.range.start.character) == (11, 1)
    assert flagged(PO, claim) == "die besten"


def test_a_safe_quick_fix_is_preferred_applies_and_lints_clean(editor):
    uri = editor.open("fixme/de/LC_MESSAGES/shop.po", PO, "po")
    (size,) = by_code(editor.diagnostics(uri), "MET001")
    actions = editor.actions(uri, size.range, ["quickfix"])
    (fix,) = [a for a in actions if a.title.startswith("MET001: replace")]
    assert fix.is_preferred and fix.kind == "quickfix"
    assert [d.code for d in fix.diagnostics] == ["MET001"]
    fixed = apply(PO, edits_of(fix, uri))
    assert 'msgstr "Größe 😀: 38,1 × 25,4 cm (15 x 10 inches)"\n' in fixed

    editor.change(uri, [types.TextDocumentContentChangeWholeDocument(fixed)])
    assert not [d for d in editor.diagnostics(uri) if d.code == "MET001"]


def test_fix_all_safe_gives_the_text_fix_would_write(editor, tmp_path):
    uri = editor.open("fixall.md", MARKDOWN, "markdown")
    editor.diagnostics(uri)
    (action,) = [a for a in editor.actions(uri, WHOLE, ["source.fixAll"])]
    assert action.kind == "source.fixAll.loclint"
    fixed = apply(MARKDOWN, edits_of(action, uri))

    from loclint.cli import main
    from conftest import runner

    copy = tmp_path / "fixall.md"
    copy.write_text(MARKDOWN, encoding="utf-8")
    runner().invoke(main, ["check", "--no-cache", "--market", "DE", "--fix", str(copy)])
    assert fixed == copy.read_text(encoding="utf-8")
    assert "38,1 × 25,4 cm" in fixed and "Die besten" in fixed  # safe only: DE001 is not rewritten


def test_fix_all_is_offered_as_a_quick_fix_and_resolved_when_chosen(editor):
    uri = editor.open("resolve.md", MARKDOWN, "markdown")
    editor.diagnostics(uri)
    (offered,) = [a for a in editor.actions(uri, WHOLE) if "fix all safe" in a.title]
    assert offered.edit is None  # worked out only when chosen
    resolved = editor.run(editor.client.code_action_resolve_async(offered))
    assert "38,1 × 25,4 cm (15 x 10 inches)" in apply(MARKDOWN, edits_of(resolved, uri))


def test_an_unsafe_fix_is_offered_titled_unsafe_and_not_preferred(editor):
    text = "Unschlagbar günstige Kopfhörer\n"  # DE002's own example; its rewrite changes the claim
    uri = editor.open("unsafe.md", text, "markdown")
    (price,) = by_code(editor.diagnostics(uri), "DE002")
    (unsafe,) = [a for a in editor.actions(uri, price.range, ["quickfix"]) if a.title.startswith("DE002: replace")]
    assert "unsafe" in unsafe.title and not unsafe.is_preferred
    assert apply(text, edits_of(unsafe, uri)) == "Preiswerte Kopfhörer\n"
    assert not [a for a in editor.actions(uri, WHOLE) if "fix all safe" in a.title]  # nothing safe to fix
    stale = types.CodeAction("loclint: fix all safe findings in this document", kind="quickfix",
                             data={"uri": uri, "version": 1})
    resolved = editor.run(editor.client.code_action_resolve_async(stale))
    assert resolved.edit is None and resolved.disabled.reason == "no safe fix to apply"


def test_suppress_with_a_reason_inserts_the_comment_and_asks_for_the_reason(editor):
    uri = editor.open("suppress.md", MARKDOWN, "markdown")
    (claim,) = by_code(editor.diagnostics(uri), "DE001")
    (action,) = [a for a in editor.actions(uri, claim.range, ["quickfix"]) if "suppress" in a.title]
    assert action.title.startswith("DE001: suppress")
    suppressed = apply(MARKDOWN, edits_of(action, uri))
    assert "\n\n<!-- loclint: ignore[DE001] -- -->\nDie besten Töpfe.\n" in suppressed

    editor.change(uri, [types.TextDocumentContentChangeWholeDocument(suppressed)])
    found = editor.diagnostics(uri)
    assert by_code(found, "LNT001")  # no reason yet: the suppression is a finding, and DE001 stays
    assert by_code(found, "DE001")

    with_reason = suppressed.replace("-- -->", "-- Testsieger Stiftung Warentest 2026 -->")
    editor.change(uri, [types.TextDocumentContentChangeWholeDocument(with_reason)])
    codes = {d.code for d in editor.diagnostics(uri)}
    assert "DE001" not in codes and "LNT001" not in codes


def test_suppression_in_a_po_file_is_a_translator_comment_on_the_entry(editor):
    uri = editor.open("sup/de/LC_MESSAGES/shop.po", PO, "po")
    (claim,) = by_code(editor.diagnostics(uri), "DE001")
    (action,) = [a for a in editor.actions(uri, claim.range, ["quickfix"]) if "suppress" in a.title]
    suppressed = apply(PO, edits_of(action, uri))
    assert '\n\n# loclint: ignore[DE001] -- \nmsgid "Long"\n' in suppressed
    reasoned = suppressed.replace("ignore[DE001] -- ", "ignore[DE001] -- Testsieger 2026")
    editor.change(uri, [types.TextDocumentContentChangeWholeDocument(reasoned)])
    assert "DE001" not in {d.code for d in editor.diagnostics(uri)}


def test_positions_follow_incremental_edits(editor):
    uri = editor.open("typing.md", MARKDOWN, "markdown")
    editor.diagnostics(uri)
    # type an emoji and a word at the start of the size's line, as keystrokes
    at = types.Position(2, 0)
    editor.change(uri, [types.TextDocumentContentChangePartial(types.Range(at, at), "😀")])
    editor.change(uri, [types.TextDocumentContentChangePartial(
        types.Range(types.Position(2, 2), types.Position(2, 2)), "Neu ")])
    text = MARKDOWN.replace("Maße", "😀Neu Maße")
    (size,) = by_code(editor.diagnostics(uri), "MET001")
    assert size.range.start.character == 11 + 2 + 4
    assert flagged(text, size) == "15 x 10 inches"


def test_the_buffer_is_linted_not_the_file_on_disk_and_nothing_is_written(editor, workspace):
    on_disk = workspace / "saved.md"
    on_disk.write_text("Ein Topf.\n", encoding="utf-8")
    before = sorted(p.name for p in workspace.rglob("*"))
    uri = editor.open("saved.md", MARKDOWN, "markdown")
    assert by_code(editor.diagnostics(uri), "DE001")
    for diagnostic in editor.diagnostics(uri):
        editor.actions(uri, diagnostic.range)
    editor.actions(uri, WHOLE, ["source.fixAll"])
    assert on_disk.read_text(encoding="utf-8") == "Ein Topf.\n"
    assert sorted(p.name for p in workspace.rglob("*")) == before


def test_a_broken_document_gives_a_diagnostic_and_the_server_carries_on(editor):
    uri = editor.open("broken.json", '{"id": "1", "title": "Die besten Töpfe",\n  "bullets": [\n', "json")
    (error,) = editor.diagnostics(uri)
    assert error.severity == types.DiagnosticSeverity.Error and error.source == "loclint"
    assert "cannot read" in error.message
    assert editor.hover(uri, 0, 1) is None
    editor.change(uri, [types.TextDocumentContentChangeWholeDocument('{"id": "1", "title": "Die besten Töpfe"}\n')])
    assert by_code(editor.diagnostics(uri), "DE001")


def test_hover_on_a_flagged_span_shows_the_rule_page(editor):
    uri = editor.open("hover.md", MARKDOWN, "markdown")
    (claim,) = by_code(editor.diagnostics(uri), "DE001")
    hovered = editor.hover(uri, claim.range.start.line, claim.range.start.character + 3)
    assert hovered.contents.kind == types.MarkupKind.Markdown
    page = hovered.contents.value
    for part in ("# DE001", "## What it does", "## Why is this bad?", "## Examples", "## Source"):
        assert part in page
    assert hovered.range == claim.range
    assert editor.hover(uri, 0, 0) is None  # nothing flagged there


def test_json_lines_quick_fix_and_suppression_keep_json_valid(editor):
    import json

    text = '{"id": "1", "title": "Topf \\"klein\\" 15 x 10 inches"}\n{"id": "2", "title": "Die besten Töpfe"}\n'
    uri = editor.open("feed.jsonl", text, "jsonl")
    found = editor.diagnostics(uri)
    (size,) = by_code(found, "MET001")
    (fix,) = [a for a in editor.actions(uri, size.range, ["quickfix"]) if a.title.startswith("MET001: replace")]
    fixed = apply(text, edits_of(fix, uri))
    assert json.loads(fixed.splitlines()[0])["title"] == 'Topf "klein" 38,1 × 25,4 cm (15 x 10 inches)'
    (claim,) = by_code(found, "DE001")
    (suppress,) = [a for a in editor.actions(uri, claim.range, ["quickfix"]) if "suppress" in a.title]
    record = json.loads(apply(text, edits_of(suppress, uri)).splitlines()[1])
    assert record["_loclint"] == "loclint: ignore[DE001] -- " and record["title"] == "Die besten Töpfe"


def test_an_untitled_buffer_is_read_by_its_language_with_the_workspace_configuration(editor):
    uri = editor.open("untitled:Untitled-1", MARKDOWN, "markdown")
    assert {d.code for d in editor.diagnostics(uri)} >= {"DE001", "MET001"}  # market DE from loclint.toml
    other = editor.open("untitled:Untitled-2", "print('die besten')\n", "python")
    assert editor.hover(other, 0, 8) is None and other not in editor.published


def test_closing_a_document_clears_its_diagnostics(editor):
    uri = editor.open("closing.md", MARKDOWN, "markdown")
    assert editor.diagnostics(uri)
    editor.call(editor.client.text_document_did_close,
                types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))
    deadline = time.monotonic() + TIMEOUT
    while editor.published[uri].diagnostics and time.monotonic() < deadline:
        time.sleep(0.02)
    assert list(editor.published[uri].diagnostics) == []


def test_no_market_is_one_diagnostic_saying_how_to_set_it_then_configuration_changes_and_options_apply(tmp_path):
    plain = tmp_path / "plain"
    plain.mkdir()
    french = tmp_path / "french"
    french.mkdir()
    (french / "loclint.toml").write_text('market = "FR"\n', encoding="utf-8")
    bad = Editor(tmp_path, {"debounceMs": 0, "nonsense": 1})
    try:
        uri = bad.open("plain/copy.md", MARKDOWN, "markdown")
        (only,) = bad.diagnostics(uri)
        assert "no market" in only.message and "loclint.toml" in only.message
        assert any("'nonsense'" in message for message in _wait(bad.messages))

        # a configuration file written later is read when the editor says it changed
        config = plain / "loclint.toml"
        config.write_text('market = "DE"\nignore = ["DE001"]\n', encoding="utf-8")
        bad.published.pop(uri)
        bad.call(bad.client.workspace_did_change_watched_files, types.DidChangeWatchedFilesParams(
            [types.FileEvent(config.as_uri(), types.FileChangeType.Created)]))
        assert {d.code for d in bad.diagnostics(uri)} == {"MET001"}

        bad.published.pop(uri)  # and a save lints again
        bad.call(bad.client.text_document_did_save,
                 types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri)))
        assert {d.code for d in bad.diagnostics(uri)} == {"MET001"}
    finally:
        assert bad.close() == 0

    chosen = Editor(tmp_path, {"market": "DE"})  # the option beats the file's FR
    try:
        uri = chosen.open("french/copy.md", MARKDOWN, "markdown")
        assert by_code(chosen.diagnostics(uri), "DE001")
    finally:
        assert chosen.close() == 0  # shutdown, then exit: a clean exit code


def _wait(messages: list, seconds: float = 5) -> list:
    deadline = time.monotonic() + seconds
    while not messages and time.monotonic() < deadline:
        time.sleep(0.02)
    return messages
