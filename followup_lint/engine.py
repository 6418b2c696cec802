"""Run the selected rules over drafts and collect per-file results."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from followup_lint.config import Settings
from followup_lint.draft import Draft
from followup_lint.grammar.session import GrammarSession
from followup_lint.finding import Edit, FileResult, Finding, Fix, Severity
from followup_lint.registry import Rule
from followup_lint.rules import select_rules


@dataclass(frozen=True)
class Context:
    """What a rule sees: the draft, its parse, its metrics and its options."""

    draft: Draft
    doc: Any
    metrics: Any
    rule: Rule
    options: Mapping[str, Any]
    grammar: Any = None  # LanguageTool matches (GrammarMatch) for rules that need "grammar"
    situation: Any = None  # followup_lint.situation.Situation: kind, moment, thread, quoted dates
    severity: Severity | None = None  # the config's severity for this rule: wins over the rule's own

    def finding(self, start: int, end: int, message: str, suggestions: Iterable[str] = (), *,
                in_source: bool = False, severity: Severity | None = None,
                origin: str | None = None, fix: str | None = None, score: float | None = None,
                tone: str | None = None) -> Finding:
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
            severity=self.severity or severity or self.rule.severity, message=message,
            line=line, column=col, end_line=end_line, end_column=end_col,
            excerpt=excerpt, suggestions=suggestions,
            origin=origin or self.rule.origin, fix=edit, score=score, tone=tone,
        )


def _quoted(text: str) -> str:
    text = " ".join(text.split()) if text.strip() else text
    if len(text) > 40:
        text = text[:39] + "\u2026"
    return f'"{text}"'


class Linter:
    """Rules over drafts for a whole run: holds the spaCy pipeline (loaded on
    first need) and the run's LanguageTool session (followup_lint.grammar.session)."""

    def __init__(self, *, model: str | None = None, grammar: Any = None, paragraphs: Any = None):
        """``paragraphs``: a followup_lint.grammar.paragraphs.ParagraphStore
        (LanguageTool's answers kept per paragraph), or None."""
        self.model = model
        self._nlp = None
        self.grammar = GrammarSession(grammar, paragraphs)

    @property
    def grammar_notice(self) -> str | None:
        """Why grammar checks were skipped in this run (None: they were not)."""
        return self.grammar.notice

    def close(self) -> None:
        self.grammar.close()

    def __enter__(self) -> "Linter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

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
        chosen = [rules_for(settings) for _, settings in items]
        # LanguageTool works on every draft's request (its own threads) while
        # spaCy parses here: the wait overlaps the parse instead of adding to it
        pending = [self.grammar.request(draft, settings)
                   if settings.grammar and any("grammar" in r.needs for r in rules) else None
                   for (draft, settings), rules in zip(items, chosen)]
        for _, settings in items:
            check_house_style(self.nlp, settings)
        docs = parse(self.nlp, (d.text.text for d, _ in items))
        results = []
        for (draft, settings), doc, rules, request in zip(items, docs, chosen, pending):
            memo = None
            if self.grammar.unanswered(request):
                # the rules that do not read LanguageTool's matches run while it works on them
                # (or, a background server still starting, while it may answer)
                memo = {}
                run_rules(draft, doc, rules, settings, None, memo)
            results.append(run_rules(draft, doc, rules, settings, self.grammar.result(request, draft, doc, settings),
                                     memo))
        return results


def run_rules(draft: Draft, doc: Any, rules: list[Rule], settings: Settings,
              grammar: tuple | None, memo: dict | None = None) -> FileResult:
    """``rules`` over one parsed draft (``grammar``: LanguageTool's kept
    matches, or None when grammar checks are skipped): its FileResult. The
    config's phrase overlays, severities and ``[[hide]]`` entries apply.
    ``memo``: the findings of the rules that do not read ``grammar``, kept
    from an earlier call on the same draft, doc and settings and filled here
    (the editor publishes those before LanguageTool answers)."""
    from followup_lint.analysis import readability
    from followup_lint.rules._judgement import draft_tone
    from followup_lint.situation import build

    if memo is not None and "" in memo:
        metrics, situation = memo[""]
    else:
        metrics = readability(doc)
        # what kind of note, when it goes out, its thread (docs/kinds.md)
        situation = build(draft, settings.kind, settings.date, draft.thread)
        if memo is not None:
            memo[""] = (metrics, situation)
    findings: list[Finding] = []
    if settings.overlays:
        from followup_lint.matching import set_overlays

        set_overlays(doc, dict(settings.overlays.values()))
    for r in rules:
        if "grammar" in r.needs and grammar is None:
            continue
        if memo is not None and r.code in memo:
            findings.extend(memo[r.code])
            continue
        ctx = Context(draft, doc, metrics, r, settings.options_for(r), grammar, situation,
                      settings.severities.get(r.code))
        found = list(r.check(ctx))
        if memo is not None and "grammar" not in r.needs:
            memo[r.code] = found
        findings.extend(found)
    findings = once_per_span(findings, rules)
    findings.sort(key=Finding.sort_key)
    shown, hidden = split_hidden(findings, settings, draft, doc)
    return FileResult(draft.path, metrics, shown, fail_on=settings.fail_on, source=draft.source,
                      first_line=getattr(draft.lines, "first_line", 1),
                      kind=situation.metrics(), tone=draft_tone(doc), thread=situation.thread(), hidden=hidden,
                      fail_on_category=settings.fail_on_category)


def rules_for(settings: Settings) -> list[Rule]:
    """The rules ``settings`` select: the package's and the config's own (X)."""
    from followup_lint.rules import matches

    user = [u.rule() for u in settings.user_rules]
    chosen = select_rules(settings.select, settings.ignore, extra=user)
    if settings.file_ignores:  # per-file-ignores win over any select, as in ruff
        chosen = [r for r in chosen if not any(matches(r, sel) for sel in settings.file_ignores)]
    return chosen


def check_house_style(nlp, settings: Settings) -> None:
    """The config's phrase files match their examples, or a ConfigError
    naming the file and line (checked once per pipeline and file)."""
    if not settings.checked_phrases:
        return
    from followup_lint.config import ConfigError
    from followup_lint.house import HouseError, validate

    for phrases in settings.checked_phrases:
        try:
            validate(nlp, phrases)
        except HouseError as exc:
            raise ConfigError(f"{exc} (from {settings.source})") from None


def split_hidden(findings, settings: Settings, draft: Draft, doc) -> tuple[tuple, tuple]:
    if not settings.hide:
        return tuple(findings), ()
    from followup_lint.hide import split

    return split(findings, settings.hide, draft, doc)


def once_per_span(findings: list[Finding], rules: list[Rule]) -> list[Finding]:
    """Without the findings a selected rule ``overrides`` inside one of its
    own spans (W205 and LanguageTool's L101 on a lower-case "i": W205's)."""
    by = {code: r.code for r in rules for code in r.overrides}
    if not by:
        return findings

    def covered(f: Finding) -> bool:
        return any(g.code == by[f.code] and (g.line, g.column) <= (f.line, f.column)
                   and (f.end_line, f.end_column) <= (g.end_line, g.end_column) for g in findings)

    return [f for f in findings if f.code not in by or not covered(f)]


def exit_code(results: list[FileResult]) -> int:
    """2 if any draft could not be read, 1 if any finding is at or above its
    file's fail level, else 0."""
    if any(r.error for r in results):
        return 2
    if any(r.blocks(f) for r in results for f in r.findings):
        return 1
    return 0

