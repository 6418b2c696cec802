"""One run's use of LanguageTool, and what happens when it fails.

The engine only asks "the matches for this draft, or None"; this module
decides the rest: the connection is made on first need (a local server is
started, or the configured URL used) and closed with the run; a server that
failed (died, timed out) is not asked again in the run, so a batch pays one
timeout, not one per draft; the first failure is one notice on standard
error, and with ``require-grammar`` it is raised instead (exit 2).
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

from followup_lint.errors import GrammarUnavailable


SKIPPED = "grammar checks skipped: "
# How long a check waits for a background LanguageTool it (or a check just
# before it) has started, from its first request: None, as long as it takes
# (the hooks' first send, the API); the command line sets FIRST_CHECK_WAIT.
# Past it the check goes on without grammar (one notice, results not
# cached) and later checks use the server.
ENV_FIRST_WAIT = "FOLLOWUP_LINT_FIRST_WAIT"
FIRST_CHECK_WAIT = 4.0
BACKGROUND_WAIT: float | None = None
# ... and, for a command (not the warm daemon), at most until this many
# seconds after its process started (the command line sets FIRST_CHECK_BY):
# a new user's first check ends in about 5 s however long its own start-up
# took on a busy machine. FOLLOWUP_LINT_FIRST_WAIT, when set, is the only bound.
FIRST_CHECK_BUDGET = 5.0
FIRST_CHECK_BY: float | None = None  # time.monotonic() value


def process_started() -> float | None:
    """The time.monotonic() value at which this process started (Linux:
    /proc), or None when it cannot be told."""
    try:
        with open("/proc/self/stat", "rb") as fh:
            start_ticks = int(fh.read().rsplit(b")", 1)[1].split()[19])  # field 22, starttime
        with open("/proc/uptime", "rb") as fh:
            uptime = float(fh.read().split()[0])
        age = uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None
    return time.monotonic() - max(0.0, age)


def background_wait() -> float | None:
    """BACKGROUND_WAIT, or the seconds in FOLLOWUP_LINT_FIRST_WAIT when it is set."""
    raw = os.environ.get(ENV_FIRST_WAIT)
    if BACKGROUND_WAIT is None or not raw:
        return BACKGROUND_WAIT
    try:
        return max(0.0, float(raw))
    except ValueError:
        return BACKGROUND_WAIT


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
        # monotonic time by which a background server still starting must
        # answer (background_wait()); None: no such wait in this run
        self._deadline: float | None = None

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
        grammar = self._grammar
        starting = (not settings.languagetool_url and getattr(grammar, "background", None) is not None
                    and getattr(grammar, "server", True) is None)  # the server is found on the request's thread
        wait = background_wait()
        if starting and wait is not None and self._deadline is None and not settings.require_grammar:
            self._deadline = time.monotonic() + wait
            if FIRST_CHECK_BY is not None and not os.environ.get(ENV_FIRST_WAIT):
                self._deadline = min(self._deadline, FIRST_CHECK_BY)
        try:
            return grammar.submit(unwrap(draft.text.text), settings.language,
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
            found = pending.result(self._left(settings))
        except TimeoutError:
            self._give_up(pending, settings)
            return None
        except GrammarUnavailable as exc:
            self._failed(exc, settings)
            return None
        return tuple(keep(found, draft, doc, settings.words))

    def waiting(self, pending) -> bool:
        """Will ``result(pending, ...)`` wait for a background server still
        starting? (Then the engine runs the other rules first.)"""
        return self._deadline is not None and pending is not None and not pending.done()

    @staticmethod
    def unanswered(pending) -> bool:
        """Has LanguageTool not answered ``pending`` yet? (Then the engine
        runs the rules that do not read its matches while it works.)"""
        return pending is not None and not pending.done()

    def _left(self, settings) -> float | None:
        """Seconds this result may still wait for a starting background server."""
        if self._deadline is None or settings.require_grammar or settings.languagetool_url:
            return None
        return max(0.0, self._deadline - time.monotonic())

    def _give_up(self, pending, settings) -> None:
        """The background LanguageTool did not answer in time: this run goes
        on without grammar (its request is left to end on its own thread)."""
        pending.cancel()
        abandon = getattr(self._grammar, "abandon", None)
        if abandon is not None:
            abandon()
        self._failed(GrammarUnavailable(
            "LanguageTool is still starting in the background (not ready within "
            f"{background_wait():g} s of this check); the next checks use it"), settings)

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
