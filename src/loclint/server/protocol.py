"""The pygls glue: which request or notification does what. The work is in the sibling modules;
here, only when to lint (open, change after a quiet moment, save), what to publish, and the
guarantee that nothing a user can type brings the server down."""
from __future__ import annotations

import asyncio
import logging
import os
from typing import Optional

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from . import diagnostics as diags
from . import settings as server_settings
from .actions import FIX_ALL, code_actions, resolve_fix_all
from .hover import RulePages, hover_text
from .linting import Linted, document_name, lint_buffer
from .positions import Lines, contains

log = logging.getLogger("loclint.server")
CONFIG_FILES = ("loclint.toml", ".loclint.toml", "pyproject.toml")


class LoclintServer(LanguageServer):
    def __init__(self):
        super().__init__("loclint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.settings = server_settings.ServerSettings()
        self.folder: Optional[str] = None
        self._session = None
        self.linted: dict[str, Linted] = {}  # uri -> the last lint of its buffer
        self.pending: dict[str, asyncio.Task] = {}  # uri -> the debounced lint waiting to run
        self.pages = RulePages()

    # the session: built on first use, rebuilt when settings or configuration files change
    def session(self):
        if self._session is None:
            from ..session import Session

            self._session = Session(self.settings.flags)
        return self._session

    def reset(self) -> None:
        self._session = None
        self.pages = RulePages()

    # linting
    def lint(self, uri: str) -> Optional[Linted]:
        """Lint the buffer's current text and publish its diagnostics; None for a buffer loclint
        does not read (or one the editor has not opened: the disk is never read)."""
        if uri not in self.workspace.text_documents:
            return None
        document = self.workspace.get_text_document(uri)
        name = document_name(to_fs_path(uri) if uri.startswith("file:") else None, document.language_id, self.folder)
        if name is None:
            return None
        text = document.source
        try:
            linted = lint_buffer(self.session, text, name, document.version)
        except Exception as exc:  # noqa: BLE001 - a bug must cost one document's diagnostics, not the server
            log.exception("linting %s", uri)
            linted = Linted(document.version, text, name,
                            problem=f"loclint internal error: {type(exc).__name__}: {exc} (please report it)")
        self.linted[uri] = linted
        lines = self.lines(linted.text)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=document.version, diagnostics=diags.diagnostics(linted, lines, self.settings.rule_docs_url)))
        return linted

    def current(self, uri: str) -> Optional[Linted]:
        """The lint of the buffer as it is now (linted again if it changed since)."""
        if uri not in self.workspace.text_documents:
            return None
        document = self.workspace.get_text_document(uri)
        linted = self.linted.get(uri)
        if linted is None or linted.version != document.version or linted.text != document.source:
            self.cancel(uri)
            linted = self.lint(uri)
        return linted

    def lines(self, text: str) -> Lines:
        return Lines(text, self.workspace.position_codec)

    def later(self, uri: str) -> None:
        """Lint once the buffer has been quiet for the debounce time (typing is not linted key by key)."""
        self.cancel(uri)
        self.pending[uri] = asyncio.get_running_loop().create_task(self._after_quiet(uri))

    async def _after_quiet(self, uri: str) -> None:
        await asyncio.sleep(self.settings.debounce_ms / 1000)
        self.pending.pop(uri, None)
        if uri in self.workspace.text_documents:
            self.lint(uri)

    def cancel(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()

    def relint_all(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.cancel(uri)
            self.lint(uri)


def make_server() -> LoclintServer:
    server = LoclintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: LoclintServer, params: types.InitializeParams) -> None:
        ls.settings = server_settings.parse(params.initialization_options)
        folders = params.workspace_folders or []
        root = folders[0].uri if folders else params.root_uri
        ls.folder = to_fs_path(root) if root else None

    @server.feature(types.INITIALIZED)
    def initialized(ls: LoclintServer, params: types.InitializedParams) -> None:
        for problem in ls.settings.problems:
            ls.window_show_message(types.ShowMessageParams(types.MessageType.Warning, problem))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: LoclintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LoclintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: LoclintServer, params: types.DidSaveTextDocumentParams) -> None:
        if os.path.basename(to_fs_path(params.text_document.uri) or "") in CONFIG_FILES:
            ls.reset()
            ls.relint_all()
        elif params.text_document.uri in ls.workspace.text_documents:
            ls.cancel(params.text_document.uri)
            ls.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LoclintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.cancel(uri)
        ls.linted.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(ls: LoclintServer, params: types.DidChangeConfigurationParams) -> None:
        if isinstance(params.settings, dict) and isinstance(params.settings.get("loclint"), dict):
            ls.settings = server_settings.parse(params.settings["loclint"])
            for problem in ls.settings.problems:
                ls.window_show_message(types.ShowMessageParams(types.MessageType.Warning, problem))
        ls.reset()
        ls.relint_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: LoclintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(os.path.basename(to_fs_path(change.uri) or "") in CONFIG_FILES for change in params.changes):
            ls.reset()
            ls.relint_all()

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=True))
    def code_action(ls: LoclintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        linted = ls.current(uri)
        if linted is None or linted.problem:
            return []
        return code_actions(ls, uri, linted, params)

    @server.feature(types.CODE_ACTION_RESOLVE)
    def code_action_resolve(ls: LoclintServer, action: types.CodeAction) -> types.CodeAction:
        return resolve_fix_all(ls, action)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: LoclintServer, params: types.HoverParams) -> Optional[types.Hover]:
        linted = ls.current(params.text_document.uri)
        if linted is None or not linted.findings:
            return None
        lines = ls.lines(linted.text)
        here = [f for f in linted.findings if contains(lines.finding_range(f), params.position)]
        if not here:
            return None
        try:
            rulebook = ls.session().rulebook_for(ls.session().settings_for(linted.name))
            text = hover_text(here, rulebook, ls.pages)
        except Exception as exc:  # noqa: BLE001 - a page that cannot be made is no reason to fail the hover
            log.exception("hover")
            text = "\n\n".join(f"**{f.rule}** {f.message}" for f in here) + f"\n\n(rule page unavailable: {exc})"
        area = lines.finding_range(here[0])
        return types.Hover(contents=types.MarkupContent(types.MarkupKind.Markdown, text), range=area)

    return server

