"""Code actions for the findings under the cursor (quick fixes, "suppress with a reason") and
for the document ("fix all safe", also as source.fixAll.loclint for fix-on-save).

"Fix all safe" runs --fix's rounds, so it is worked out when the editor asks for it (the action
is resolved, or asked for by kind) and not every time the cursor moves."""
from __future__ import annotations

from typing import Optional, Sequence

from lsprotocol import types

from ..fixer import writable
from .diagnostics import finding_diagnostic
from .fixes import fix_all_safe, quick_fixes
from .linting import Linted, reader_of
from .positions import overlaps
from .suppress import suppression_edit

FIX_ALL = types.CodeActionKind.SourceFixAll + ".loclint"
FIX_ALL_TITLE = "loclint: fix all safe findings in this document"


def code_actions(ls, uri: str, linted: Linted, params: types.CodeActionParams) -> list[types.CodeAction]:
    only = params.context.only
    actions: list[types.CodeAction] = []
    if _wanted(types.CodeActionKind.QuickFix, only):
        actions += _quick_fixes(ls, uri, linted, params.range)
        if any(writable(f, unsafe=False) for f in linted.findings):
            actions.append(types.CodeAction(FIX_ALL_TITLE, kind=types.CodeActionKind.QuickFix,
                                            data={"uri": uri, "version": linted.version}))
    if only and _wanted(FIX_ALL, only):  # asked for by kind (on save): the edit now
        action = types.CodeAction(FIX_ALL_TITLE, kind=FIX_ALL, data={"uri": uri, "version": linted.version})
        actions.append(resolve_fix_all(ls, action))
    return actions


def resolve_fix_all(ls, action: types.CodeAction) -> types.CodeAction:
    """The fix-all action with its edit, or with ``disabled`` saying why there is none."""
    data = action.data if isinstance(action.data, dict) else {}
    uri = data.get("uri")
    linted = ls.current(uri) if isinstance(uri, str) else None
    if uri is None or linted is None or linted.problem:
        action.disabled = types.CodeActionDisabled("the document cannot be linted now")
        return action
    edit, problem = fix_all_safe(ls.session().plan(linted.name), linted.text, linted.name, ls.lines(linted.text))
    if edit is None:
        action.disabled = types.CodeActionDisabled(problem or "no safe fix to apply")
        return action
    action.edit = _edit(uri, linted.version, [edit])
    return action


def _quick_fixes(ls, uri: str, linted: Linted, wanted: types.Range) -> list[types.CodeAction]:
    lines = ls.lines(linted.text)
    reader: Optional[str] = None
    actions = []
    for index, finding in enumerate(linted.findings):
        if not overlaps(lines.finding_range(finding), wanted):
            continue
        diagnostic = finding_diagnostic(finding, index, lines, ls.settings.rule_docs_url)
        for fix in quick_fixes(finding, lines):
            actions.append(types.CodeAction(fix.title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                                            is_preferred=fix.preferred, edit=_edit(uri, linted.version, [fix.edit])))
        reader = reader or reader_of(linted.text, linted.name)
        suppression = suppression_edit(reader, linted.name, finding, lines)
        if suppression is not None:
            actions.append(types.CodeAction(
                f"{finding.rule}: suppress here, with a reason (write it after “--”)",
                kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                edit=_edit(uri, linted.version, [suppression])))
    return actions


def _wanted(kind: str, only: Optional[Sequence[str]]) -> bool:
    return not only or any(kind == k or kind.startswith(k + ".") for k in only)


def _edit(uri: str, version: Optional[int], edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    # Versioned: an editor refuses the edit if the buffer changed since it was computed.
    return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
        types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version), edits)])
