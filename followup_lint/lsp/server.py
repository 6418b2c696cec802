"""``followup-lint lsp``: the language server (pygls over stdio).

What it serves (docs/editors.md):

* diagnostics for plain-text, Markdown and mail buffers, on open, on save and
  after a pause in typing (``debounceMs``, default 15): code, severity,
  message, and a ``codeDescription`` link to the rule's documentation;
  only the paragraphs an edit changed are parsed and sent to LanguageTool
  again (:mod:`followup_lint.lsp.incremental`);
* hover on a finding: the rule's documentation;
* code actions: apply a rule's fix (safe ones are "preferred"), add a word
  to the dictionary, hide this false positive, turn the rule off for the file
  or the project (:mod:`followup_lint.lsp.configedit`);
* the config nearest the file, as ``check`` uses it, read again whenever it
  (or the user dictionary) changes.

Initialization options: ``{"grammar": false}`` turns LanguageTool off (the
config's ``grammar`` otherwise decides); ``{"debounceMs": N}``.
"""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from followup_lint import __version__
from followup_lint.config import Settings, find_config
from followup_lint.draft import Draft, parse_bytes
from followup_lint.errors import ConfigError, InputError
from followup_lint.finding import FileResult
from followup_lint.finding import Finding, Severity
from followup_lint.lsp import configedit
from followup_lint.lsp.incremental import IncrementalLinter

DEFAULT_DEBOUNCE = 0.015  # seconds of quiet after a change before the draft is checked
SOURCE = "followup-lint"

# buffers served: by the editor's language id, else by the file's name
LANGUAGE_IDS = {"plaintext": None, "text": None, "markdown": "markdown", "mail": None, "email": None,
                "eml": "eml", "gitsendemail": None}
MAIL_NAMES = re.compile(r"(?:neo)?mutt-[^/]*|\.gitsendemail\.msg\.[^/]*|[^/]*\.eml|"
                        r"(?:COMMIT|TAG|NOTES|MERGE|SQUASH)_?(?:EDIT)?MSG")
SUFFIX_KINDS = {".txt": None, ".text": None, ".md": "markdown", ".markdown": "markdown", ".eml": "eml"}

SEVERITY = {Severity.ERROR: lsp.DiagnosticSeverity.Error, Severity.WARNING: lsp.DiagnosticSeverity.Warning,
            Severity.INFO: lsp.DiagnosticSeverity.Information}

COMMANDS = ("followup-lint.addWord", "followup-lint.addProjectWord", "followup-lint.hide",
            "followup-lint.ignoreInFile", "followup-lint.ignoreInProject")


def document_kind(uri: str, language_id: str | None) -> tuple[bool, str | None]:
    """(served, kind for parse_bytes) of a buffer."""
    path = to_fs_path(uri) or uri
    name = Path(path).name
    suffix = Path(path).suffix.lower()
    if suffix in SUFFIX_KINDS:
        return True, SUFFIX_KINDS[suffix]
    if MAIL_NAMES.fullmatch(name):
        return True, None
    if language_id in LANGUAGE_IDS:
        return True, LANGUAGE_IDS[language_id]
    return False, None


@dataclass
class Linted:
    version: int | None
    text: str
    draft: Draft | None
    result: FileResult | None
    diagnostics: list


class PositionMap:
    """1-based line:column of the draft (columns in characters) to LSP
    positions in the negotiated encoding (UTF-16 unless agreed otherwise)."""

    def __init__(self, text: str, encoding: str):
        self.lines = text.split("\n")
        self.encoding = str(encoding or "utf-16")

    def units(self, s: str) -> int:
        if self.encoding == "utf-8":
            return len(s.encode("utf-8", "surrogatepass"))
        if self.encoding == "utf-32":
            return len(s)
        return len(s.encode("utf-16-le", "surrogatepass")) // 2

    def to_lsp(self, line: int, column: int) -> lsp.Position:
        row = max(0, min(line - 1, len(self.lines) - 1))
        text = self.lines[row]
        return lsp.Position(line=row, character=self.units(text[:max(0, column - 1)]))

    def from_lsp(self, pos: lsp.Position) -> tuple[int, int]:
        row = max(0, min(pos.line, len(self.lines) - 1))
        text = self.lines[row]
        col, used = 0, 0
        while col < len(text) and used < pos.character:
            used += self.units(text[col])
            col += 1
        return row + 1, col + 1

    def range(self, f) -> lsp.Range:
        return lsp.Range(start=self.to_lsp(f.line, f.column), end=self.to_lsp(f.end_line, f.end_column))


class ConfigCache:
    """Settings per draft, as ``check`` resolves them (the nearest config,
    the file's own per-file entries, the user dictionary), made again when a
    config file or the user dictionary changes (checked on every lint: a few
    stat calls)."""

    def __init__(self):
        self._resolver = None
        self._stamps: dict = {}

    @staticmethod
    def _stamp(path: Path | None):
        if path is None:
            return None
        try:
            st = path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def for_path(self, path: str | None, fallback: Path, overrides: dict) -> Settings:
        from followup_lint.config import ConfigResolver

        target = Path(path) if path else fallback / "untitled.txt"
        folder = target.parent if target.parent.exists() else fallback
        found = find_config(folder)
        seen = (found, self._stamp(found), self._stamp(configedit.user_words_file()))
        if self._resolver is None or self._stamps.get(folder, seen) != seen:
            self._resolver = ConfigResolver(None, overrides)
            self._stamps = {}
        self._stamps[folder] = seen
        return self._resolver.for_path(str(target))

    def clear(self) -> None:
        self._resolver = None
        self._stamps.clear()


class FollowupLanguageServer(LanguageServer):
    def __init__(self, grammar: bool | None = None, debounce: float = DEFAULT_DEBOUNCE, **kw: Any):
        super().__init__("followup-lint", __version__, **kw)
        from followup_lint.analysis import load_pipeline

        self.engine = IncrementalLinter(lambda: load_pipeline(self.model))
        self.model: str | None = None
        self.grammar_override = grammar
        self.debounce = debounce
        self.configs = ConfigCache()
        self.linted: dict[str, Linted] = {}
        self.kinds: dict[str, str | None] = {}
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._running: set[str] = set()
        self._again: set[str] = set()
        self._notice_sent: str | None = None
        self.executor = ThreadPoolExecutor(1, thread_name_prefix="followup-lint-lsp")

    # -- settings ------------------------------------------------------------
    def folders(self) -> list[Path]:
        out = []
        for f in self.workspace.folders.values():
            p = to_fs_path(f.uri)
            if p:
                out.append(Path(p))
        root = self.workspace.root_path
        if root and Path(root) not in out:
            out.append(Path(root))
        return out

    def settings_for(self, path: str | None) -> Settings:
        fallback = self.folders()[0] if self.folders() else Path.cwd()
        overrides = {"grammar": self.grammar_override} if self.grammar_override is not None else {}
        return self.configs.for_path(path, fallback, overrides)

    # -- linting --------------------------------------------------------------
    def lint_now(self, uri: str, text: str, version: int | None) -> Linted:
        """Check one buffer (on the worker thread)."""
        path = to_fs_path(uri)
        kind = self.kinds.get(uri)
        pmap = PositionMap(text, self.workspace.position_encoding)
        try:
            settings = self.settings_for(path)
            draft = parse_bytes(text.encode("utf-8", "surrogateescape"), path or uri, kind=kind)
            result = self.engine.lint(draft, settings)
        except ConfigError as exc:
            return Linted(version, text, None, None, [_problem(f"config: {exc}", lsp.DiagnosticSeverity.Error)])
        except InputError as exc:
            if "is empty" in str(exc) or "no text to check" in str(exc):
                return Linted(version, text, None, None, [])
            return Linted(version, text, None, None, [_problem(str(exc), lsp.DiagnosticSeverity.Warning)])
        return Linted(version, text, draft, result, [self.diagnostic(f, pmap) for f in result.findings])

    def diagnostic(self, f: Finding, pmap: PositionMap) -> lsp.Diagnostic:
        from followup_lint.output.rulesdoc import rule_url
        from followup_lint.rules import find_rule

        r = find_rule(f.code)
        message = f.message
        if f.suggestions:
            message += "\nTry: " + " / ".join(s.replace("\n", " ") for s in f.suggestions[:3])
        return lsp.Diagnostic(
            range=pmap.range(f), severity=SEVERITY[f.severity], code=f.code, source=SOURCE,
            message=message,
            code_description=lsp.CodeDescription(href=rule_url(r)) if r is not None else None,
            data={"rule": f.rule, "origin": f.origin,
                  "fix": f.fix.applicability if f.fix is not None else None},
        )

    def schedule(self, uri: str, delay: float) -> None:
        loop = asyncio.get_running_loop()
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        self._timers[uri] = loop.call_later(delay, lambda: asyncio.ensure_future(self._run(uri)))

    async def _run(self, uri: str) -> None:
        self._timers.pop(uri, None)
        if uri in self._running:  # one check per buffer at a time; the newest text goes next
            self._again.add(uri)
            return
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return
        self._running.add(uri)
        try:
            version, text = document.version, document.source
            loop = asyncio.get_running_loop()
            try:
                linted = await loop.run_in_executor(self.executor, self.lint_now, uri, text, version)
            except Exception as exc:  # a bug must not take the editor's server down
                self.window_log_message(lsp.LogMessageParams(type=lsp.MessageType.Error,
                                                             message=f"followup-lint: {type(exc).__name__}: {exc}"))
                return
            current = self.workspace.text_documents.get(uri)
            if current is None or current.version != version:
                return  # changed meanwhile: a newer check is due
            self.linted[uri] = linted
            self.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=linted.diagnostics))
            notice = self.engine.grammar_notice
            if notice and notice != self._notice_sent:
                self._notice_sent = notice
                self.window_show_message(lsp.ShowMessageParams(
                    type=lsp.MessageType.Warning, message=f"followup-lint: grammar checks skipped: {notice}"))
        finally:
            self._running.discard(uri)
            if uri in self._again:
                self._again.discard(uri)
                self.schedule(uri, 0)

    def relint_all(self) -> None:
        self.configs.clear()
        for uri in list(self.kinds):
            if uri in self.workspace.text_documents:
                self.schedule(uri, 0)

    # -- lookup ---------------------------------------------------------------
    def findings_at(self, uri: str, start: lsp.Position, end: lsp.Position) -> list[Finding]:
        linted = self.linted.get(uri)
        if linted is None or linted.result is None:
            return []
        pmap = PositionMap(linted.text, self.workspace.position_encoding)
        a, b = pmap.from_lsp(start), pmap.from_lsp(end)
        out = []
        for f in linted.result.findings:
            fs, fe = (f.line, f.column), (f.end_line, f.end_column)
            if fs <= b and a <= fe:
                out.append(f)
        # the most specific first: a word before the sentence before the whole note
        out.sort(key=lambda f: (f.end_line - f.line, f.end_column - f.column if f.end_line == f.line else 0))
        return out


def _problem(message: str, severity) -> lsp.Diagnostic:
    start = lsp.Position(line=0, character=0)
    return lsp.Diagnostic(range=lsp.Range(start=start, end=start), severity=severity, source=SOURCE,
                          message=message)


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


def build(grammar: bool | None = None, debounce: float = DEFAULT_DEBOUNCE) -> FollowupLanguageServer:
    server = FollowupLanguageServer(grammar=grammar, debounce=debounce)

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: FollowupLanguageServer, params: lsp.InitializeParams):
        opts = params.initialization_options or {}
        if isinstance(opts, dict):
            if isinstance(opts.get("grammar"), bool):
                ls.grammar_override = opts["grammar"]
            if isinstance(opts.get("debounceMs"), (int, float)) and opts["debounceMs"] >= 0:
                ls.debounce = opts["debounceMs"] / 1000
            if isinstance(opts.get("model"), str):
                ls.model = opts["model"]

    @server.feature(lsp.INITIALIZED)
    async def initialized(ls: FollowupLanguageServer, params: lsp.InitializedParams):
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
                        lsp.FileSystemWatcher(glob_pattern="**/.followup-lint.toml"),
                        lsp.FileSystemWatcher(glob_pattern="**/pyproject.toml")]))]))
            except Exception:
                pass

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: FollowupLanguageServer, params: lsp.DidOpenTextDocumentParams):
        served, kind = document_kind(params.text_document.uri, params.text_document.language_id)
        if not served:
            return
        ls.kinds[params.text_document.uri] = kind
        ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: FollowupLanguageServer, params: lsp.DidChangeTextDocumentParams):
        if params.text_document.uri in ls.kinds:
            ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: FollowupLanguageServer, params: lsp.DidSaveTextDocumentParams):
        path = to_fs_path(params.text_document.uri) or ""
        if Path(path).name in (".followup-lint.toml", "pyproject.toml"):
            ls.relint_all()
        elif params.text_document.uri in ls.kinds:
            ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: FollowupLanguageServer, params: lsp.DidCloseTextDocumentParams):
        uri = params.text_document.uri
        ls.kinds.pop(uri, None)
        ls.linted.pop(uri, None)
        timer = ls._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched(ls: FollowupLanguageServer, params: lsp.DidChangeWatchedFilesParams):
        ls.relint_all()

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def configuration(ls: FollowupLanguageServer, params: lsp.DidChangeConfigurationParams):
        ls.relint_all()

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: FollowupLanguageServer, params: lsp.HoverParams):
        found = ls.findings_at(params.text_document.uri, params.position, params.position)
        if not found:
            return None
        linted = ls.linted[params.text_document.uri]
        pmap = PositionMap(linted.text, ls.workspace.position_encoding)
        text = "\n\n---\n\n".join(hover_markdown(f) for f in found)
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text),
                         range=pmap.range(found[0]))

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.SourceFixAll]))
    def code_action(ls: FollowupLanguageServer, params: lsp.CodeActionParams):
        uri = params.text_document.uri
        linted = ls.linted.get(uri)
        if linted is None or linted.result is None:
            return []
        pmap = PositionMap(linted.text, ls.workspace.position_encoding)
        only = params.context.only
        actions: list[lsp.CodeAction] = []
        if only and lsp.CodeActionKind.SourceFixAll in only:
            return _fix_all(uri, linted, pmap)
        path = to_fs_path(uri)
        for f in ls.findings_at(uri, params.range.start, params.range.end):
            diag = next((d for d in linted.diagnostics if d.code == f.code and d.range == pmap.range(f)), None)
            diags = [diag] if diag is not None else None
            if f.fix is not None:
                edits = [lsp.TextEdit(range=lsp.Range(start=pmap.to_lsp(e.line, e.column),
                                                      end=pmap.to_lsp(e.end_line, e.end_column)),
                                      new_text=e.content) for e in f.fix.edits]
                title = f.fix.message + (" (unsafe fix)" if f.fix.applicability == "unsafe" else "")
                actions.append(lsp.CodeAction(title=f"{f.code}: {title}", kind=lsp.CodeActionKind.QuickFix,
                                              diagnostics=diags, is_preferred=f.fix.applicability == "safe",
                                              edit=lsp.WorkspaceEdit(changes={uri: edits})))
            if f.code == "L101" and f.excerpt.strip() and "\n" not in f.excerpt:
                word = f.excerpt.strip()
                actions.append(_command(f"Add \"{word}\" to your dictionary", "followup-lint.addWord",
                                        [word], diags))
                if path:
                    actions.append(_command(f"Add \"{word}\" to this project's words",
                                            "followup-lint.addProjectWord", [uri, word], diags))
            if path:
                sentence = sentence_of(ls, linted, f) if linted.draft is not None else f.excerpt
                actions.append(_command(f"{f.code}: hide this false positive (this sentence)",
                                        "followup-lint.hide", [uri, f.code, sentence], diags))
                actions.append(_command(f"{f.code}: turn off {f.rule} for this file",
                                        "followup-lint.ignoreInFile", [uri, f.code], diags))
                actions.append(_command(f"{f.code}: turn off {f.rule} for this project",
                                        "followup-lint.ignoreInProject", [uri, f.code], diags))
        return actions

    @server.command("followup-lint.addWord")
    def add_word(ls: FollowupLanguageServer, word: str):
        return _do(ls, lambda: f"added \"{word}\" to {configedit.add_word(word)}")

    @server.command("followup-lint.addProjectWord")
    def add_project_word(ls: FollowupLanguageServer, uri: str, word: str):
        return _do(ls, lambda: f"added \"{word}\" to the words of "
                               f"{configedit.add_project_word(_config_for(ls, uri), word)}")

    @server.command("followup-lint.hide")
    def hide(ls: FollowupLanguageServer, uri: str, code: str, sentence: str):
        path = Path(to_fs_path(uri))
        return _do(ls, lambda: f"{code} hidden in this sentence "
                               f"({configedit.hide(_config_for(ls, uri), code, sentence, path)})")

    @server.command("followup-lint.ignoreInFile")
    def ignore_in_file(ls: FollowupLanguageServer, uri: str, code: str):
        path = Path(to_fs_path(uri))
        return _do(ls, lambda: f"{code} turned off for {path.name} "
                               f"({configedit.ignore_in_file(_config_for(ls, uri), code, path)})")

    @server.command("followup-lint.ignoreInProject")
    def ignore_in_project(ls: FollowupLanguageServer, uri: str, code: str):
        return _do(ls, lambda: f"{code} turned off for the project "
                               f"({configedit.ignore_in_project(_config_for(ls, uri), code)})")

    @server.feature(lsp.SHUTDOWN)
    def shutdown(ls: FollowupLanguageServer, params: None):
        ls.executor.submit(ls.engine.close).result(timeout=30)

    return server


def _config_for(ls: FollowupLanguageServer, uri: str) -> Path:
    return configedit.project_config(Path(to_fs_path(uri)), ls.folders())


def _do(ls: FollowupLanguageServer, action) -> None:
    """Run a code action's command: a message saying what was written, or
    why it could not be (a config file that is not valid TOML, a folder
    that is not ours), then every open draft checked again."""
    try:
        message, kind = action(), lsp.MessageType.Info
    except Exception as exc:
        message, kind = f"not changed: {type(exc).__name__}: {exc}", lsp.MessageType.Error
    ls.window_show_message(lsp.ShowMessageParams(type=kind, message=f"followup-lint: {message}"))
    ls.relint_all()
    return None


def _command(title: str, name: str, args: list, diags) -> lsp.CodeAction:
    return lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=diags,
                          command=lsp.Command(title=title, command=name, arguments=args))


def _fix_all(uri: str, linted: Linted, pmap: PositionMap) -> list[lsp.CodeAction]:
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
