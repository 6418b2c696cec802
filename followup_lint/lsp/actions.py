"""What the editor asks about a finding: its hover (the rule's docs) and its
code actions: apply the rule's fix (safe ones are "preferred"), every safe
fix at once (``source.fixAll``), add a word to the dictionary, hide this
false positive, turn the rule off for the file or the project. The last
four are commands (:data:`COMMANDS`) that write the config through
:mod:`followup_lint.lsp.configedit` (the user dictionary through
:mod:`followup_lint.words`), then check every open draft again."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from lsprotocol import types as lsp
from pygls.uris import to_fs_path

from followup_lint.finding import Finding
from followup_lint.lsp import configedit
from followup_lint.lsp.linting import FollowupLanguageServer, Linted, PositionMap


# -- hover -------------------------------------------------------------------------

def hover(ls: FollowupLanguageServer, params: lsp.HoverParams) -> lsp.Hover | None:
    found = ls.findings_at(params.text_document.uri, params.position, params.position)
    if not found:
        return None
    linted = ls.linted[params.text_document.uri]
    pmap = PositionMap(linted.text, ls.workspace.position_encoding)
    text = "\n\n---\n\n".join(hover_markdown(f) for f in found)
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text),
                     range=pmap.range(found[0]))


def hover_markdown(f: Finding) -> str:
    from followup_lint.output.rulesdoc import rule_url
    from followup_lint.rules import find_rule

    r = find_rule(f.code)
    out = [f"**{f.code} `{f.rule}`** ({f.category}, {f.severity.label})", "", f.message]
    if f.suggestions:
        out += ["", "Try: " + " / ".join(f"`{s}`" for s in f.suggestions[:3])]
    if r is not None:
        out += ["", "---", "", r.summary]
        for title, body in r.sections().items():
            if title in ("Example", "Use instead"):
                body = "```\n" + body + "\n```"
            out += ["", f"**{title}**", "", body]
        out += ["", f"[{r.code} in the rules' documentation]({rule_url(r)})"]
    return "\n".join(out)


# -- code actions ------------------------------------------------------------------

CODE_ACTION_OPTIONS = lsp.CodeActionOptions(
    code_action_kinds=[lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.SourceFixAll])


def code_action(ls: FollowupLanguageServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    uri = params.text_document.uri
    linted = ls.linted.get(uri)
    if linted is None or linted.result is None:
        return []
    pmap = PositionMap(linted.text, ls.workspace.position_encoding)
    only = params.context.only
    if only and lsp.CodeActionKind.SourceFixAll in only:
        return fix_all(uri, linted, pmap)
    actions: list[lsp.CodeAction] = []
    for f in ls.findings_at(uri, params.range.start, params.range.end):
        diag = next((d for d in linted.diagnostics if d.code == f.code and d.range == pmap.range(f)), None)
        diags = [diag] if diag is not None else None
        if f.fix is not None:
            actions.append(fix_action(uri, f, pmap, diags))
        actions += word_actions(uri, f, diags)
        actions += config_actions(ls, uri, linted, f, diags)
    return actions


def fix_action(uri: str, f: Finding, pmap: PositionMap, diags) -> lsp.CodeAction:
    """The rule's own fix of ``f``: preferred when it is safe."""
    edits = [lsp.TextEdit(range=lsp.Range(start=pmap.to_lsp(e.line, e.column),
                                          end=pmap.to_lsp(e.end_line, e.end_column)),
                          new_text=e.content) for e in f.fix.edits]
    title = f.fix.message + (" (unsafe fix)" if f.fix.applicability == "unsafe" else "")
    return lsp.CodeAction(title=f"{f.code}: {title}", kind=lsp.CodeActionKind.QuickFix,
                          diagnostics=diags, is_preferred=f.fix.applicability == "safe",
                          edit=lsp.WorkspaceEdit(changes={uri: edits}))


def word_actions(uri: str, f: Finding, diags) -> list[lsp.CodeAction]:
    """A spelling finding's word into the user dictionary or the project's ``words``."""
    if f.code != "L101" or not f.excerpt.strip() or "\n" in f.excerpt:
        return []
    word = f.excerpt.strip()
    out = [_command(f"Add \"{word}\" to your dictionary", "followup-lint.addWord", [word], diags)]
    if to_fs_path(uri):
        out.append(_command(f"Add \"{word}\" to this project's words", "followup-lint.addProjectWord",
                            [uri, word], diags))
    return out


def config_actions(ls: FollowupLanguageServer, uri: str, linted: Linted, f: Finding, diags) -> list[lsp.CodeAction]:
    """Hide ``f`` in its sentence, or turn its rule off for the file or the project."""
    if not to_fs_path(uri):
        return []
    sentence = sentence_of(ls, linted, f) if linted.draft is not None else f.excerpt
    return [
        _command(f"{f.code}: hide this false positive (this sentence)", "followup-lint.hide",
                 [uri, f.code, sentence], diags),
        _command(f"{f.code}: turn off {f.rule} for this file", "followup-lint.ignoreInFile", [uri, f.code], diags),
        _command(f"{f.code}: turn off {f.rule} for this project", "followup-lint.ignoreInProject",
                 [uri, f.code], diags),
    ]


def sentence_of(server: FollowupLanguageServer, linted: Linted, f: Finding) -> str:
    """The sentence of the draft's own words that holds finding ``f`` (its
    excerpt if it lies outside them, e.g. in the subject)."""
    import bisect

    draft = linted.draft
    starts = draft.lines.line_starts
    offset = starts[f.line - 1] + f.column - 1
    positions = draft.text.starts
    i = bisect.bisect_left(positions, offset)
    if not positions or i >= len(positions) or positions[i] != offset:
        return f.excerpt
    doc = server.engine.parser.parse(draft.text.text)
    for sent in doc.sents:
        if sent.start_char <= i < sent.end_char:
            return sent.text.strip()
    return f.excerpt


def fix_all(uri: str, linted: Linted, pmap: PositionMap) -> list[lsp.CodeAction]:
    """source.fixAll: every safe fix at once (what ``check --fix`` does)."""
    from followup_lint import fixes

    applied = fixes.apply(linted.text, linted.result.findings)
    if not applied.fixed:
        return []
    end = pmap.to_lsp(len(pmap.lines), len(pmap.lines[-1]) + 1)
    edit = lsp.TextEdit(range=lsp.Range(start=lsp.Position(line=0, character=0), end=end),
                        new_text=applied.text)
    return [lsp.CodeAction(title=f"followup-lint: apply {len(applied.fixed)} safe fixes",
                           kind=lsp.CodeActionKind.SourceFixAll,
                           edit=lsp.WorkspaceEdit(changes={uri: [edit]}))]


def _command(title: str, name: str, args: list, diags) -> lsp.CodeAction:
    return lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=diags,
                          command=lsp.Command(title=title, command=name, arguments=args))


# -- commands (workspace/executeCommand) ---------------------------------------------

def add_word(ls: FollowupLanguageServer, word: str):
    return _do(ls, lambda: f"added \"{word}\" to {configedit.add_word(word)}")


def add_project_word(ls: FollowupLanguageServer, uri: str, word: str):
    return _do(ls, lambda: f"added \"{word}\" to the words of "
                           f"{configedit.add_project_word(_config_for(ls, uri), word)}")


def hide(ls: FollowupLanguageServer, uri: str, code: str, sentence: str):
    path = Path(to_fs_path(uri))
    return _do(ls, lambda: f"{code} hidden in this sentence "
                           f"({configedit.hide(_config_for(ls, uri), code, sentence, path)})")


def ignore_in_file(ls: FollowupLanguageServer, uri: str, code: str):
    path = Path(to_fs_path(uri))
    return _do(ls, lambda: f"{code} turned off for {path.name} "
                           f"({configedit.ignore_in_file(_config_for(ls, uri), code, path)})")


def ignore_in_project(ls: FollowupLanguageServer, uri: str, code: str):
    return _do(ls, lambda: f"{code} turned off for the project "
                           f"({configedit.ignore_in_project(_config_for(ls, uri), code)})")


COMMANDS: dict[str, Callable] = {
    "followup-lint.addWord": add_word,
    "followup-lint.addProjectWord": add_project_word,
    "followup-lint.hide": hide,
    "followup-lint.ignoreInFile": ignore_in_file,
    "followup-lint.ignoreInProject": ignore_in_project,
}


def _config_for(ls: FollowupLanguageServer, uri: str) -> Path:
    return configedit.project_config(Path(to_fs_path(uri)), ls.folders())


def _do(ls: FollowupLanguageServer, action) -> None:
    """Run a code action's command: a message saying what was written, or
    why it could not be (a config file that is not valid TOML, a folder
    that is not ours, a "word" with a space), then every open draft checked
    again."""
    try:
        message, kind = action(), lsp.MessageType.Info
    except Exception as exc:
        message, kind = f"not changed: {type(exc).__name__}: {exc}", lsp.MessageType.Error
    ls.window_show_message(lsp.ShowMessageParams(type=kind, message=f"followup-lint: {message}"))
    ls.relint_all()
    return None
