"""The language server's state and its checks: which buffers are served,
positions in the editor's encoding, the config per draft, and one check of a
buffer (debounced, one at a time per buffer, stale versions never
published). :mod:`followup_lint.lsp.server` wires the protocol to it;
:mod:`followup_lint.lsp.actions` builds hovers and code actions from its
results."""

from __future__ import annotations

import asyncio
import re
import time
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
# seconds of quiet after an edit's grammar publish before the complete check
# (LanguageTool's text-level rules over the whole text)
DEFAULT_IDLE = 0.5
SOURCE = "followup-lint"

# buffers served: by the editor's language id, else by the file's name
LANGUAGE_IDS = {"plaintext": None, "text": None, "markdown": "markdown", "mail": None, "email": None,
                "eml": "eml", "gitsendemail": None}
MAIL_NAMES = re.compile(r"(?:neo)?mutt-[^/]*|\.gitsendemail\.msg\.[^/]*|[^/]*\.eml|"
                        r"(?:COMMIT|TAG|NOTES|MERGE|SQUASH)_?(?:EDIT)?MSG")
SUFFIX_KINDS = {".txt": None, ".text": None, ".md": "markdown", ".markdown": "markdown", ".eml": "eml"}

SEVERITY = {Severity.ERROR: lsp.DiagnosticSeverity.Error, Severity.WARNING: lsp.DiagnosticSeverity.Warning,
            Severity.INFO: lsp.DiagnosticSeverity.Information}


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
    def __init__(self, grammar: bool | None = None, debounce: float = DEFAULT_DEBOUNCE, idle: float = DEFAULT_IDLE,
                 **kw: Any):
        super().__init__("followup-lint", __version__, **kw)
        from followup_lint.analysis import load_pipeline

        self.engine = IncrementalLinter(lambda: load_pipeline(self.model))
        self.model: str | None = None
        self.grammar_override = grammar
        self.debounce = debounce
        self.idle = idle
        self.configs = ConfigCache()
        self.linted: dict[str, Linted] = {}
        self.kinds: dict[str, str | None] = {}
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._idle: dict[str, asyncio.TimerHandle] = {}  # the complete check after an edit's
        self._full: set[str] = set()  # buffers whose next check is a complete one (open, save, config)
        self._running: set[str] = set()
        self._again: set[str] = set()
        self._changed: dict[str, float] = {}  # when each buffer last changed (time.monotonic)
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
    def lint_start(self, uri: str, text: str, version: int | None, complete: bool, early: bool):
        """The first step of a check (on the worker thread): ``(linted,
        step)``; ``linted`` is the result to publish now (None: wait for
        ``step``), ``step`` the grammar still to come (None: done)."""
        path = to_fs_path(uri)
        kind = self.kinds.get(uri)
        try:
            settings = self.settings_for(path)
            draft = parse_bytes(text.encode("utf-8", "surrogateescape"), path or uri, kind=kind)
            step = self.engine.start(draft, settings, complete=complete, early=early)
        except ConfigError as exc:
            return Linted(version, text, None, None, [_problem(f"config: {exc}", lsp.DiagnosticSeverity.Error)]), None
        except InputError as exc:
            if "is empty" in str(exc) or "no text to check" in str(exc):
                return Linted(version, text, None, None, []), None
            return Linted(version, text, None, None, [_problem(str(exc), lsp.DiagnosticSeverity.Warning)]), None
        fast = self._linted(version, text, draft, step.fast) if step.fast is not None else None
        return fast, (step if step.pending is not None else None)

    def lint_finish(self, uri: str, text: str, version: int | None, step) -> Linted:
        """The check with LanguageTool's answer (on the worker thread)."""
        return self._linted(version, text, step.draft, self.engine.finish(step))

    def _linted(self, version, text: str, draft: Draft, result: FileResult) -> Linted:
        pmap = PositionMap(text, self.workspace.position_encoding)
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

    def schedule(self, uri: str, delay: float, complete: bool = False) -> None:
        """Check ``uri`` after ``delay`` seconds: after an edit (two publishes:
        at once without the edited paragraph's grammar, then with it), or
        ``complete`` (one publish, what ``check`` gives)."""
        loop = asyncio.get_running_loop()
        for timers in (self._timers, self._idle):
            timer = timers.pop(uri, None)
            if timer is not None:
                timer.cancel()
        if complete:
            self._full.add(uri)
        self._timers[uri] = loop.call_later(delay, lambda: asyncio.ensure_future(self._run(uri)))

    def change_delay(self, uri: str) -> float:
        """How long to wait before checking a change: none after a pause in
        typing, the debounce when it follows the last change closer than
        that (a burst of changes is checked once, after it)."""
        now = time.monotonic()
        last, self._changed[uri] = self._changed.get(uri), now
        return self.debounce if last is not None and now - last < self.debounce else 0.0

    def _current(self, uri: str, version: int | None) -> bool:
        document = self.workspace.text_documents.get(uri)
        return document is not None and document.version == version

    def publish(self, uri: str, linted: Linted) -> None:
        self.linted[uri] = linted
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, version=linted.version, diagnostics=linted.diagnostics))

    async def _run(self, uri: str) -> None:
        self._timers.pop(uri, None)
        if uri in self._running:  # one check per buffer at a time; the newest text goes next
            self._again.add(uri)
            return
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return
        complete = uri in self._full
        self._full.discard(uri)
        self._running.add(uri)
        loop = asyncio.get_running_loop()
        version, text = document.version, document.source
        try:
            linted, step = await loop.run_in_executor(self.executor, self.lint_start, uri, text, version,
                                                      complete, not complete)
            if not self._current(uri, version):
                return  # changed meanwhile: a newer check is due
            if linted is not None:
                self.publish(uri, linted)
        except Exception as exc:  # a bug must not take the editor's server down
            self._log_error(exc)
            return
        finally:
            self._running.discard(uri)
            if uri in self._again:
                self._again.discard(uri)
                self.schedule(uri, 0)
        if step is not None:  # LanguageTool's answer; an edit meanwhile makes it stale
            await self._finish(uri, text, version, step)

    async def _finish(self, uri: str, text: str, version: int | None, step) -> None:
        loop = asyncio.get_running_loop()
        try:
            waiting = asyncio.wrap_future(step.pending)
            await asyncio.wait({waiting})
            waiting.exception()  # seen here (no "never retrieved" warning); finish() reports it
            if not self._current(uri, version):
                return
            linted = await loop.run_in_executor(self.executor, self.lint_finish, uri, text, version, step)
        except Exception as exc:
            self._log_error(exc)
            return
        if not self._current(uri, version):
            return
        self.publish(uri, linted)
        notice = self.engine.grammar_notice
        if notice and notice != self._notice_sent:
            self._notice_sent = notice
            self.window_show_message(lsp.ShowMessageParams(
                type=lsp.MessageType.Warning, message=f"followup-lint: grammar checks skipped: {notice}"))
        if not step.complete and uri not in self._timers:  # the whole answer once the writer pauses
            self._idle[uri] = loop.call_later(self.idle, lambda: self.schedule(uri, 0, complete=True))

    def _log_error(self, exc: Exception) -> None:
        self.window_log_message(lsp.LogMessageParams(type=lsp.MessageType.Error,
                                                     message=f"followup-lint: {type(exc).__name__}: {exc}"))

    def relint_all(self) -> None:
        self.configs.clear()
        for uri in list(self.kinds):
            if uri in self.workspace.text_documents:
                self.schedule(uri, 0, complete=True)

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
