"""``followup-lint lsp``: the language server (pygls over stdio).

What it serves (docs/editors.md):

* diagnostics for plain-text, Markdown and mail buffers, on open, on save and
  after each change (at once after a pause in typing; changes closer together
  than ``debounceMs``, default 15, are checked once, after the last): code, severity,
  message, and a ``codeDescription`` link to the rule's documentation;
  only the paragraphs an edit changed are parsed and sent to LanguageTool
  again (:mod:`followup_lint.lsp.incremental`). After an edit they are
  published twice: at once, with the grammar findings of the paragraphs
  the edit left alone, then with LanguageTool's answer for the edited one;
  LanguageTool's rules over the whole text are asked for when the writer
  pauses (``idleMs``, default 500) or saves, and the findings published
  once more;
* hover on a finding: the rule's documentation;
* code actions: apply a rule's fix (safe ones are "preferred"), add a word
  to the dictionary, hide this false positive, turn the rule off for the file
  or the project (:mod:`followup_lint.lsp.configedit`);
* the config nearest the file, as ``check`` uses it, read again whenever it
  (or the user dictionary) changes.

The protocol's handlers are here (:func:`build` registers them); the
server's state and its checks are in :mod:`followup_lint.lsp.linting`,
hovers and code actions in :mod:`followup_lint.lsp.actions`.

Initialization options: ``{"grammar": false}`` turns LanguageTool off (the
config's ``grammar`` otherwise decides); ``{"debounceMs": N}``,
``{"idleMs": N}``.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from lsprotocol import types as lsp
from pygls.uris import to_fs_path

from followup_lint.draft import parse_bytes
from followup_lint.lsp import actions
from followup_lint.lsp.linting import DEFAULT_DEBOUNCE, FollowupLanguageServer, document_kind

CONFIG_NAMES = (".followup-lint.toml", "pyproject.toml")


def initialize(ls: FollowupLanguageServer, params: lsp.InitializeParams) -> None:
    opts = params.initialization_options or {}
    if isinstance(opts, dict):
        if isinstance(opts.get("grammar"), bool):
            ls.grammar_override = opts["grammar"]
        if isinstance(opts.get("debounceMs"), (int, float)) and opts["debounceMs"] >= 0:
            ls.debounce = opts["debounceMs"] / 1000
        if isinstance(opts.get("idleMs"), (int, float)) and opts["idleMs"] >= 0:
            ls.idle = opts["idleMs"] / 1000
        if isinstance(opts.get("model"), str):
            ls.model = opts["model"]


async def initialized(ls: FollowupLanguageServer, params: lsp.InitializedParams) -> None:
    # load spaCy, the rules and their models now, not on the first keystroke
    loop = asyncio.get_running_loop()
    loop.run_in_executor(ls.executor, _warm_up, ls)
    caps = ls.client_capabilities.workspace
    watch = caps.did_change_watched_files if caps else None
    if watch is not None and watch.dynamic_registration:
        try:
            await ls.client_register_capability_async(lsp.RegistrationParams(registrations=[lsp.Registration(
                id="followup-lint-config", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=[
                    lsp.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES]))]))
        except Exception:
            pass


async def did_open(ls: FollowupLanguageServer, params: lsp.DidOpenTextDocumentParams) -> None:
    served, kind = document_kind(params.text_document.uri, params.text_document.language_id)
    if not served:
        return
    ls.kinds[params.text_document.uri] = kind
    ls.schedule(params.text_document.uri, 0, complete=True)


async def did_change(ls: FollowupLanguageServer, params: lsp.DidChangeTextDocumentParams) -> None:
    if params.text_document.uri in ls.kinds:
        ls.schedule(params.text_document.uri, ls.change_delay(params.text_document.uri))


async def did_save(ls: FollowupLanguageServer, params: lsp.DidSaveTextDocumentParams) -> None:
    path = to_fs_path(params.text_document.uri) or ""
    if Path(path).name in CONFIG_NAMES:
        ls.relint_all()
    elif params.text_document.uri in ls.kinds:
        ls.schedule(params.text_document.uri, 0, complete=True)


def did_close(ls: FollowupLanguageServer, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.kinds.pop(uri, None)
    ls.linted.pop(uri, None)
    ls._changed.pop(uri, None)
    ls._full.discard(uri)
    for timers in (ls._timers, ls._idle):
        timer = timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


async def config_changed(ls: FollowupLanguageServer, params) -> None:
    """A watched config file or the editor's settings changed: check every open draft again."""
    ls.relint_all()


def shutdown(ls: FollowupLanguageServer, params: None) -> None:
    ls.executor.submit(ls.engine.close).result(timeout=30)


# (method, handler, options) of every request and notification served
FEATURES = (
    (lsp.INITIALIZE, initialize, None),
    (lsp.INITIALIZED, initialized, None),
    (lsp.TEXT_DOCUMENT_DID_OPEN, did_open, None),
    (lsp.TEXT_DOCUMENT_DID_CHANGE, did_change, None),
    (lsp.TEXT_DOCUMENT_DID_SAVE, did_save, None),
    (lsp.TEXT_DOCUMENT_DID_CLOSE, did_close, None),
    (lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES, config_changed, None),
    (lsp.WORKSPACE_DID_CHANGE_CONFIGURATION, config_changed, None),
    (lsp.TEXT_DOCUMENT_HOVER, actions.hover, None),
    (lsp.TEXT_DOCUMENT_CODE_ACTION, actions.code_action, actions.CODE_ACTION_OPTIONS),
    (lsp.SHUTDOWN, shutdown, None),
)


def build(grammar: bool | None = None, debounce: float = DEFAULT_DEBOUNCE) -> FollowupLanguageServer:
    """A server with every feature and command registered."""
    server = FollowupLanguageServer(grammar=grammar, debounce=debounce)
    for method, handler, options in FEATURES:
        server.feature(method, options)(handler)
    for name, handler in actions.COMMANDS.items():
        server.command(name)(handler)
    return server


def _warm_up(ls: FollowupLanguageServer) -> None:
    try:
        sample = parse_bytes(b"Hi Dana,\n\nThank you for the talk on Tuesday.\n\nBest,\nSam\n", "<warm-up>")
        ls.engine.lint(sample, ls.settings_for(None).with_overrides(grammar=False))
    except Exception:
        pass  # the first real check reports what is wrong


def main(grammar: bool | None = None) -> None:
    """Serve over standard input and output until the editor says exit."""
    server = build(grammar=grammar)
    try:
        server.start_io()
    finally:
        server.engine.close()
        server.executor.shutdown(wait=False, cancel_futures=True)
