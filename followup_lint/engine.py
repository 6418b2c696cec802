"""Run the selected rules over drafts and collect per-file results."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from followup_lint.config import ConfigResolver, Settings
from followup_lint.draft import Draft, InputError, read_path
from followup_lint.finding import Edit, Finding, Fix, Severity
from followup_lint.registry import Rule, select_rules


@dataclass(frozen=True)
class Context:
    """What a rule sees: the draft, its parse, its metrics and its options."""

    draft: Draft
    doc: Any
    metrics: Any
    rule: Rule
    options: Mapping[str, Any]
    grammar: Any = None  # LanguageTool matches (GrammarMatch) for rules that need "grammar"

    def finding(self, start: int, end: int, message: str, suggestions: Iterable[str] = (), *,
                in_source: bool = False, severity: Severity | None = None,
                origin: str | None = None, fix: str | None = None) -> Finding:
        """A finding on ``[start, end)`` of the analysed text (or of the
        original file with ``in_source=True``). ``fix="safe"`` or
        ``"unsafe"`` attaches an edit that replaces the passage with the
        first suggestion (only where the passage is the file's own text,
        not decoded from quoted-printable, base64 or HTML)."""
        d = self.draft
        suggestions = tuple(suggestions)
        s, e = (start, end) if in_source else d.text.source_span(start, end)
        line, col = d.position(s)
        end_line, end_col = d.position(e)
        excerpt = d.excerpt(s, e)
        edit = None
        if fix is not None and suggestions and (in_source or d.source[s:e] == d.text.text[start:end]):
            edit = Fix(fix, f"Replace {_quoted(excerpt)} with {_quoted(suggestions[0])}",
                       (Edit(line, col, end_line, end_col, suggestions[0]),))
        return Finding(
            code=self.rule.code, rule=self.rule.name, category=self.rule.category,
            severity=severity or self.rule.severity, message=message,
            line=line, column=col, end_line=end_line, end_column=end_col,
            excerpt=excerpt, suggestions=suggestions,
            origin=origin or self.rule.origin, fix=edit,
        )


def _quoted(text: str) -> str:
    text = " ".join(text.split()) if text.strip() else text
    if len(text) > 40:
        text = text[:39] + "\u2026"
    return f'"{text}"'


@dataclass(frozen=True)
class FileResult:
    path: str
    metrics: Any = None
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    fail_on: Severity = Severity.WARNING
    source: str = field(default="", repr=False, compare=False)  # for showing lines
    # the file line where ``source`` starts (an mbox message: its line in the mbox)
    first_line: int = 1

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)

    def to_dict(self) -> dict:
        """This file's entry of the JSON output (docs/json-format.md)."""
        return {
            "path": self.path,
            "metrics": self.metrics.to_dict() if self.metrics is not None else None,
            "findings": [f.to_dict() for f in self.findings],
            "error": self.error,
        }


class Linter:
    """Holds the loaded resources for a whole run."""

    def __init__(self, resolver: ConfigResolver, model: str | None = None, grammar: Any = None):
        self.resolver = resolver
        self.model = model
        self._nlp = None
        # LanguageTool (followup_lint.grammar.Grammar), made on first need
        # unless given; close() stops a server this run started.
        self._grammar = grammar
        self._own_grammar = grammar is None
        self.grammar_notice: str | None = None  # why grammar checks were skipped
        self._failed_urls: set[str | None] = set()  # servers that failed this run: not asked again

    def close(self) -> None:
        if self._own_grammar and self._grammar is not None:
            self._grammar.close()
            self._grammar = None

    def __enter__(self) -> "Linter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def grammar_matches(self, draft: Draft, doc: Any, settings: Settings) -> tuple | None:
        """LanguageTool's matches for ``draft`` that fit an email, or None
        when LanguageTool cannot run (one notice on stderr per run; with
        ``require-grammar`` a GrammarUnavailable is raised instead)."""
        return self._grammar_result(self._grammar_request(draft, settings), draft, doc, settings)

    def _grammar_request(self, draft: Draft, settings: Settings):
        """Send ``draft``'s words to LanguageTool in the background: a Future,
        or None when grammar checks are skipped for this run."""
        from followup_lint.grammar import Grammar, GrammarUnavailable
        from followup_lint.grammar.email import unwrap

        # a server that failed (died, or timed out) is not asked again this run:
        # one timeout, not one per draft
        if self._grammar_failed_for(settings):
            if settings.require_grammar:
                raise GrammarUnavailable(self.grammar_notice)
            return None
        if self._grammar is None:
            self._grammar = Grammar()
        try:
            return self._grammar.submit(unwrap(draft.text.text), settings.language,
                                        url=settings.languagetool_url, jars=settings.languagetool_dir)
        except GrammarUnavailable as exc:
            self._grammar_failed(exc, settings)
            return None

    def _grammar_result(self, pending, draft: Draft, doc: Any, settings: Settings) -> tuple | None:
        from followup_lint.grammar import GrammarUnavailable
        from followup_lint.grammar.email import keep

        if pending is None:
            return None
        if self._grammar_failed_for(settings) and not pending.done():
            pending.cancel()  # queued behind a request that failed: not sent
            if settings.require_grammar:
                raise GrammarUnavailable(self.grammar_notice)
            return None
        try:
            found = pending.result()
        except GrammarUnavailable as exc:
            self._grammar_failed(exc, settings)
            return None
        return tuple(keep(found, draft, doc))

    def _grammar_failed_for(self, settings: Settings) -> bool:
        return self.grammar_notice is not None and (not settings.languagetool_url
                                                    or settings.languagetool_url in self._failed_urls)

    def _grammar_failed(self, exc: Exception, settings: Settings) -> None:
        if settings.require_grammar:
            raise exc
        self._failed_urls.add(settings.languagetool_url)
        if self.grammar_notice is None:
            self.grammar_notice = str(exc)
            warn(f"grammar checks skipped: {exc}")

    @property
    def model_name(self) -> str | None:
        if self._nlp is None:
            return None
        return f"{self._nlp.meta.get('name')}-{self._nlp.meta.get('version')}"

    @property
    def nlp(self):
        if self._nlp is None:
            from followup_lint.analysis import load_pipeline

            self._nlp = load_pipeline(self.model)
        return self._nlp

    def lint_paths(self, paths: list[str]) -> list[FileResult]:
        prepared: list[tuple[Draft, Settings] | FileResult] = []
        for path in paths:
            try:
                settings = self.resolver.for_path(path)
                prepared.append((read_path(path, settings.max_file_size), settings))
            except InputError as exc:
                prepared.append(FileResult(path, error=str(exc)))
        return self.lint_prepared(prepared)

    def lint_prepared(self, prepared: list[tuple[Draft, Settings] | FileResult]) -> list[FileResult]:
        """Lint the ``(draft, settings)`` items in one pass; items that are
        already results (drafts that could not be read) stay in place."""
        todo = [p for p in prepared if not isinstance(p, FileResult)]
        done = iter(self.lint_drafts(todo))
        return [p if isinstance(p, FileResult) else next(done) for p in prepared]

    def lint_drafts(self, items: list[tuple[Draft, Settings]]) -> list[FileResult]:
        from followup_lint.deferred import parse

        if not items:
            return []
        chosen = [select_rules(settings.select, settings.ignore) for _, settings in items]
        # LanguageTool works on every draft's request (its own threads) while
        # spaCy parses here: the wait overlaps the parse instead of adding to it
        pending = [self._grammar_request(draft, settings)
                   if settings.grammar and any("grammar" in r.needs for r in rules) else None
                   for (draft, settings), rules in zip(items, chosen)]
        docs = parse(self.nlp, (d.text.text for d, _ in items))
        return [run_rules(draft, doc, rules, settings, self._grammar_result(request, draft, doc, settings))
                for (draft, settings), doc, rules, request in zip(items, docs, chosen, pending)]


def run_rules(draft: Draft, doc: Any, rules: list[Rule], settings: Settings,
              grammar: tuple | None) -> FileResult:
    """``rules`` over one parsed draft (``grammar``: LanguageTool's kept
    matches, or None when grammar checks are skipped): its FileResult."""
    from followup_lint.analysis import readability

    metrics = readability(doc)
    findings: list[Finding] = []
    for r in rules:
        if "grammar" in r.needs and grammar is None:
            continue
        ctx = Context(draft, doc, metrics, r, settings.options_for(r), grammar)
        findings.extend(r.check(ctx))
    findings.sort(key=Finding.sort_key)
    return FileResult(draft.path, metrics, tuple(findings), fail_on=settings.fail_on, source=draft.source,
                      first_line=getattr(draft.lines, "first_line", 1))


def exit_code(results: list[FileResult]) -> int:
    """2 if any draft could not be read, 1 if any finding is at or above its
    file's fail level, else 0."""
    if any(r.error for r in results):
        return 2
    if any(f.severity >= r.fail_on for r in results for f in r.findings):
        return 1
    return 0


def warn(message: str) -> None:
    print(f"followup-lint: {message}", file=sys.stderr)
