"""One run's use of LanguageTool, and what happens when it fails.

The engine only asks "the matches for this draft, or None"; this module
decides the rest: the connection is made on first need (a local server is
started, or the configured URL used) and closed with the run; a server that
failed (died, timed out) is not asked again in the run, so a batch pays one
timeout, not one per draft; the first failure is one notice on standard
error, and with ``require-grammar`` it is raised instead (exit 2).
"""

from __future__ import annotations

import sys
from typing import Any

from followup_lint.errors import GrammarUnavailable


SKIPPED = "grammar checks skipped: "


class GrammarSession:
    def __init__(self, grammar: Any = None, paragraphs: Any = None):
        # followup_lint.grammar.Grammar, made on first need unless given;
        # close() stops a server this run started (only one it made itself)
        self._grammar = grammar
        # the run's followup_lint.grammar.paragraphs.ParagraphStore, or None
        self.paragraphs = paragraphs
        self._own = grammar is None
        self.notice: str | None = None  # why grammar checks were skipped
        # False in a batch worker: its notice goes back to the main process,
        # which says it once for the whole run (docs/robustness.md)
        self.announce = True
        self._failed_urls: set[str | None] = set()

    def close(self) -> None:
        if self._own and self._grammar is not None:
            self._grammar.close()
            self._grammar = None

    def request(self, draft, settings):
        """Send ``draft``'s words to LanguageTool in the background: a Future,
        or None when grammar checks are skipped for this run."""
        from followup_lint.grammar import Grammar
        from followup_lint.grammar.email import unwrap

        if self._failed_for(settings):
            if settings.require_grammar:
                raise GrammarUnavailable(self.notice)
            return None
        if self._grammar is None:
            from followup_lint.grammar import background_idle

            self._grammar = Grammar(background=background_idle(settings), paragraphs=self.paragraphs)
        try:
            return self._grammar.submit(unwrap(draft.text.text), settings.language,
                                        url=settings.languagetool_url, jars=settings.languagetool_dir)
        except GrammarUnavailable as exc:
            self._failed(exc, settings)
            return None

    def result(self, pending, draft, doc, settings) -> tuple | None:
        """The matches of a ``request`` that fit an email, or None."""
        from followup_lint.grammar.email import keep

        if pending is None:
            return None
        if self._failed_for(settings) and not pending.done():
            pending.cancel()  # queued behind a request that failed: not sent
            if settings.require_grammar:
                raise GrammarUnavailable(self.notice)
            return None
        try:
            found = pending.result()
        except GrammarUnavailable as exc:
            self._failed(exc, settings)
            return None
        return tuple(keep(found, draft, doc, settings.words))

    def _failed_for(self, settings) -> bool:
        return self.notice is not None and (not settings.languagetool_url
                                            or settings.languagetool_url in self._failed_urls)

    def _failed(self, exc: Exception, settings) -> None:
        if settings.require_grammar:
            raise exc
        self._failed_urls.add(settings.languagetool_url)
        if self.notice is None:
            self.notice = str(exc)
            if self.announce:
                print(f"followup-lint: {SKIPPED}{exc}", file=sys.stderr)
