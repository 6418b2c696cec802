"""Grammar and spelling through a local LanguageTool.

:class:`Grammar` is what the linter holds for a run: it finds the LanguageTool
server (the configured ``languagetool-url``; else the kept server of
``followup-lint server start``; else one it starts for this run and stops at
the end), sends it the sender's own words of each draft, one request per
draft, through language-tool-python, and returns :class:`GrammarMatch` es in
offsets of ``draft.text``, already classified into our ``L`` codes and with
email false positives removed (see :mod:`followup_lint.grammar.email`).
"""

from __future__ import annotations

import ipaddress
import os
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from followup_lint.grammar.categories import code_for
from followup_lint.grammar.server import GrammarUnavailable, Server, jar_dir, read_state, spawn, stop_process

MAX_SUGGESTIONS = 5
# seconds one LanguageTool request may take (language-tool-python's own is
# 300, tried twice); a hung server then costs one timeout, not a hang
ENV_TIMEOUT = "FOLLOWUP_LINT_LANGUAGETOOL_TIMEOUT"
REQUEST_TIMEOUT = 60.0
# requests in flight at once per process: LanguageTool answers them on its
# own threads while this process parses the next drafts
REQUEST_THREADS = 2

__all__ = ["Grammar", "GrammarMatch", "GrammarUnavailable", "MAX_SUGGESTIONS"]


@dataclass(frozen=True)
class GrammarMatch:
    start: int  # span in draft.text.text
    end: int
    code: str
    rule_id: str
    category: str
    issue_type: str
    message: str
    replacements: tuple[str, ...]


def is_loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url if "//" in url else f"http://{url}").hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Grammar:
    """LanguageTool for one run. Use :meth:`close` (or ``with``) at the end:
    it stops a server this run started."""

    def __init__(self, jars: str | Path | None = None) -> None:
        self.jars = Path(jars) if jars else None
        self._clients: dict[str, Any] = {}
        self._owned: Server | None = None
        self.server: Server | None = None
        self._pool: Any = None  # ThreadPoolExecutor for submit(), made on first use
        self._pool_pid = 0

    def __enter__(self) -> "Grammar":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- servers ----------------------------------------------------------
    def local_url(self, jars: str | None = None) -> str:
        """The URL of the local server: the kept one, else one started now
        for this run (at most one per run)."""
        if self.server is None or not self.server.alive():
            kept = read_state()
            if kept is not None:
                self.server = kept
            else:
                self._owned = spawn(self.jars or jar_dir(jars), kept=False)
                self.server = self._owned
        return self.server.url

    def close(self) -> None:
        if self._pool is not None and self._pool_pid == os.getpid():
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = None
        for client in self._clients.values():
            try:
                client.close()
            except Exception:
                pass
        self._clients.clear()
        if self._owned is not None and self._owned.process is not None:
            stop_process(self._owned.process)
        self._owned = None
        self.server = None

    def client(self, url: str | None = None, jars: str | None = None):
        """A language-tool-python client for ``url`` (None: the local server)."""
        key = url or "<local>"
        if key not in self._clients:
            target = url or self.local_url(jars)
            self._clients[key] = _connect(target, user_url=url is not None)
        return self._clients[key]

    # -- checking ---------------------------------------------------------
    def check(self, text: str, language: str = "en-US", url: str | None = None,
              jars: str | None = None) -> list[GrammarMatch]:
        """LanguageTool's matches for ``text`` (one request), classified."""
        return self._request(text, language, url, jars)()

    def submit(self, text: str, language: str = "en-US", url: str | None = None,
               jars: str | None = None):
        """Like :meth:`check`, but the request runs on a background thread:
        a Future of the matches. The server is found (or started) and the
        language checked here, so those errors are raised at once; a failed
        request raises GrammarUnavailable from ``result()``."""
        from concurrent.futures import Future, ThreadPoolExecutor

        if not text.strip():
            done: Future = Future()
            done.set_result([])
            return done
        call = self._request(text, language, url, jars)
        if self._pool is None or self._pool_pid != os.getpid():  # none yet, or forked: the threads stayed behind
            self._pool = ThreadPoolExecutor(REQUEST_THREADS, thread_name_prefix="followup-lint-grammar")
            self._pool_pid = os.getpid()
        return self._pool.submit(call)

    def _request(self, text: str, language: str, url: str | None, jars: str | None):
        """A call that sends ``text`` and classifies the answer. Everything
        that touches the shared client (server, language, parameters)
        happens now; the call itself only sends the prepared request."""
        if not text.strip():
            return list
        tool = self.client(url, jars)
        try:
            if str(tool.language) != language:
                tool.language = language
        except ValueError:
            raise GrammarUnavailable(f"LanguageTool does not know the language {language!r} "
                                     "(set `language`, e.g. \"en-US\" or \"en-GB\")") from None
        # language-tool-python's own request, as its check() sends it, with
        # the parameters fixed now (3.4's _create_params/_query_server); a
        # version without them gets check() itself on the thread
        create, query = getattr(tool, "_create_params", None), getattr(tool, "_query_server", None)
        if create is not None and query is not None:
            endpoint, params = urllib.parse.urljoin(tool.url, "check"), create(text)

            def send() -> list:
                import language_tool_python

                answer = query(endpoint, params, method="post")
                return [language_tool_python.Match(m, text) for m in answer["matches"]]
        else:
            def send() -> list:
                return tool.check(text)

        def call() -> list[GrammarMatch]:
            try:
                matches = send()
            except Exception as exc:
                raise GrammarUnavailable(f"LanguageTool at {tool.url} failed: {_one_line(exc)}") from None
            return [_classified(m) for m in matches]

        return call


def _classified(m) -> GrammarMatch:
    start = int(m.offset)
    category = str(getattr(m, "category", "") or "")
    issue_type = str(getattr(m, "rule_issue_type", "") or "")
    return GrammarMatch(start, start + int(m.error_length), code_for(category, issue_type), str(m.rule_id),
                        category, issue_type, str(m.message),
                        tuple(r for r in map(str, m.replacements) if r.strip())[:MAX_SUGGESTIONS])


def _connect(url: str, user_url: bool):
    from followup_lint.grammar.email import DISABLED_RULES

    try:
        import language_tool_python
    except ImportError:
        raise GrammarUnavailable("language-tool-python is not installed: pip install language-tool-python "
                                 "(or run `make setup`)") from None
    # A loopback server is never reached through a proxy from the
    # environment: a draft stays on this machine.
    proxies = {"http": None, "https": None, "all": None} if is_loopback(url) else None
    url = url.rstrip("/")
    if url.endswith("/v2"):  # language-tool-python adds the API path itself
        url = url[:-3]
    url += "/"
    try:
        tool = language_tool_python.LanguageTool(language="en-US", remote_server=url, host="127.0.0.1",
                                                 proxies=proxies)
    except Exception as exc:
        where = "the configured languagetool-url " if user_url else ""
        raise GrammarUnavailable(f"cannot reach LanguageTool at {where}{url}: {_one_line(exc)}") from None
    tool.disabled_rules = set(DISABLED_RULES)
    tool._TIMEOUT = request_timeout()  # read by every request language-tool-python makes
    return tool


def request_timeout() -> float:
    try:
        return max(0.1, float(os.environ.get(ENV_TIMEOUT, REQUEST_TIMEOUT)))
    except ValueError:
        return REQUEST_TIMEOUT


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
