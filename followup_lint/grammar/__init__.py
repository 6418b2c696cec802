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
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from followup_lint.grammar.categories import code_for
from followup_lint.grammar.server import (LT_VERSION, REQUIRED_JARS, START_TIMEOUT, GrammarUnavailable, Server,
                                          jar_dir, read_state, spawn, state_file, stop_process)

MAX_SUGGESTIONS = 5
# seconds one LanguageTool request may take (language-tool-python's own is
# 300, tried twice); a hung server then costs one timeout, not a hang
ENV_TIMEOUT = "FOLLOWUP_LINT_LANGUAGETOOL_TIMEOUT"
REQUEST_TIMEOUT = 60.0
# requests in flight at once per process: LanguageTool answers them on its
# own threads while this process parses the next drafts
REQUEST_THREADS = 2
# a server started less than this long ago may take this long for its first
# answers (LanguageTool loads its rules on the first check; seconds on a quiet
# machine, minutes on a busy one): the first check of a new user waits for
# it instead of giving up on grammar
YOUNG_SERVER = 300.0

__all__ = ["Grammar", "GrammarMatch", "GrammarUnavailable", "MAX_SUGGESTIONS", "background_idle"]

# -- on-demand background server (docs/grammar.md#on-demand) -------------------
ENV_BACKGROUND = "FOLLOWUP_LINT_BACKGROUND"  # "0": never start one
DEFAULT_IDLE_TIMEOUT = 1800.0  # seconds: config key idle-timeout
# Whether a check may start the background server when the settings do not
# say (config `background`): the command line and the hooks set this; the
# Python API and Spark leave it off, so a library call never leaves a
# process behind.
ON_DEMAND_DEFAULT = False
# What starts the background daemon: followup_lint.warm (start, alive, ping),
# set by the command line and the hooks with ON_DEMAND_DEFAULT (the grammar
# layer does not import the warm linter above it). None: never started.
DAEMON: Any = None
_OFF = ("0", "no", "false", "off")


def in_ci() -> bool:
    """True under a CI service (they set CI=true: GitHub Actions, GitLab,
    Travis, CircleCI, Buildkite, Jenkins' plugins ...)."""
    value = os.environ.get("CI", "")
    return bool(value) and value.lower() not in _OFF


def background_idle(settings) -> float | None:
    """The idle timeout of the on-demand background server when this run may
    start one (None: it may not). Off under CI, with FOLLOWUP_LINT_BACKGROUND=0,
    with `background = false` / `--no-background`, for a configured
    languagetool-url, inside the warm daemon, and (unless the config says
    `background = true`) in the Python API and Spark."""
    if DAEMON is None:
        return None
    wanted = getattr(settings, "background", None)
    if wanted is None:
        wanted = ON_DEMAND_DEFAULT
    if not wanted or getattr(settings, "languagetool_url", None):
        return None
    if os.environ.get(ENV_BACKGROUND, "1").lower() in _OFF or in_ci():
        return None
    if sys.modules.get("followup_lint.warm") is not None and sys.modules["followup_lint.warm"].SERVING:
        return None
    idle = getattr(settings, "idle_timeout", None)
    return DEFAULT_IDLE_TIMEOUT if idle is None else float(idle)


def start_background(idle: float, jars: str | None) -> bool:
    """Start the kept LanguageTool and the warm linter in the background
    unless they run (or start) already; says so once on standard error.
    Does not wait. False if it cannot be started (the caller starts a JVM
    of its own for the run)."""
    from followup_lint.grammar.server import check_jars, java_executable

    warm = DAEMON
    if warm is None:
        return False

    java_executable()  # no Java, no jars: the usual one line, at once
    check_jars(jar_dir(jars))
    try:
        pid, started = warm.start(idle_timeout=idle or None, jars=str(jar_dir(jars)), wait=False)
    except (warm.WarmError, OSError):
        return False
    if started:
        when = f"after {_duration(idle)} without a check" if idle else "never by itself"
        print(f"followup-lint: started LanguageTool and the warm linter in the background (pid {pid}); "
              f"it stops {when}; stop it now with `followup-lint server stop`, or opt out with "
              f"`background = false`, --no-background or {ENV_BACKGROUND}=0", file=sys.stderr, flush=True)
    return True


def _duration(seconds: float) -> str:
    if seconds >= 120 and seconds % 60 == 0:
        return f"{seconds / 60:g} min"
    return f"{seconds:g} s"


def _touch_state() -> None:
    """Tell the background daemon the kept server is in use (its idle clock)."""
    try:
        os.utime(state_file())
    except OSError:
        pass


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

    def __init__(self, jars: str | Path | None = None, background: float | None = None,
                 paragraphs: Any = None) -> None:
        self.jars = Path(jars) if jars else None
        # a followup_lint.grammar.paragraphs.ParagraphStore: answers kept per
        # paragraph (None: one request per text, nothing kept)
        self.paragraphs = paragraphs
        # the idle timeout of an on-demand background server this run may
        # start (background_idle()); None: find a kept one or start its own
        self.background = background
        self._clients: dict[str, Any] = {}
        self._owned: Server | None = None
        self.server: Server | None = None
        self._pool: Any = None  # ThreadPoolExecutor for submit(), made on first use
        self._pool_pid = 0
        self._lock = threading.RLock()  # the shared client is prepared by one thread at a time

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
            if kept is None and self.background is not None:
                kept = self._background(jars)
            if kept is not None:
                self.server = kept
                _touch_state()
            else:
                self._owned = spawn(self.jars or jar_dir(jars), kept=False)
                self.server = self._owned
        return self.server.url

    def _background(self, jars: str | None) -> Server | None:
        """The on-demand background server, started now if nobody has, once
        it answers; None if it cannot start (then the run starts its own)."""
        warm = DAEMON
        directory = str(self.jars) if self.jars else jars
        if not start_background(self.background or 0.0, directory):
            return None
        deadline = time.monotonic() + START_TIMEOUT
        delay = 0.05
        while time.monotonic() < deadline:
            server = read_state(wait=min(5.0, max(0.1, deadline - time.monotonic())))
            if server is not None:
                return server
            if not warm.alive():  # the daemon ended
                return read_state()
            if warm.ping(timeout=0.5) is not None:  # it serves, but could not start LanguageTool
                return read_state()
            time.sleep(delay)
            delay = min(delay * 1.5, 0.25)
        return None

    def abandon(self) -> None:
        """Stop waiting for the requests in flight (a background server that
        is still starting): queued ones are cancelled, a running one ends on
        its own thread, and :meth:`close` no longer waits for it."""
        if self._pool is not None and self._pool_pid == os.getpid():
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None

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
            tool = _connect(target, user_url=url is not None)
            if url is None and self.server is not None:
                from followup_lint.grammar.server import age

                young = age(self.server.pid)
                if young is not None and young < YOUNG_SERVER:
                    tool._TIMEOUT = max(tool._TIMEOUT, YOUNG_SERVER)
            self._clients[key] = tool
        return self._clients[key]

    # -- checking ---------------------------------------------------------
    def check(self, text: str, language: str = "en-US", url: str | None = None,
              jars: str | None = None, text_level: bool = True) -> list[GrammarMatch]:
        """LanguageTool's matches for ``text`` (one request), classified.
        ``text_level=False``: through the paragraph store, the paragraphs'
        matches without the text-level rules (paragraphs.check)."""
        return self._request(text, language, url, jars, text_level)()

    def submit(self, text: str, language: str = "en-US", url: str | None = None,
               jars: str | None = None, text_level: bool = True):
        """Like :meth:`check`, but the request runs on a background thread:
        a Future of the matches. The server is found (or started) and the
        language checked here, so those errors are raised at once; a failed
        request raises GrammarUnavailable from ``result()``."""
        from concurrent.futures import Future, ThreadPoolExecutor

        if not text.strip():
            done: Future = Future()
            done.set_result([])
            return done
        if self._pool is None or self._pool_pid != os.getpid():  # none yet, or forked: the threads stayed behind
            self._pool = ThreadPoolExecutor(REQUEST_THREADS, thread_name_prefix="followup-lint-grammar")
            self._pool_pid = os.getpid()
        if url is None and self.server is None and self.background is not None:
            # the server may still be starting in the background: it is found
            # on the request thread, so this process analyses meanwhile
            def later() -> list[GrammarMatch]:
                with self._lock:
                    call = self._request(text, language, url, jars, text_level)
                return call()

            return self._pool.submit(later)
        with self._lock:
            call = self._request(text, language, url, jars, text_level)
        return self._pool.submit(call)

    def _request(self, text: str, language: str, url: str | None, jars: str | None, text_level: bool = True):
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
        from followup_lint.grammar import paragraphs, pieces

        create, query = getattr(tool, "_create_params", None), getattr(tool, "_query_server", None)
        by_paragraph = self._by_paragraph(tool, text, language, url, jars, text_level)
        if by_paragraph is not None:
            send = by_paragraph
        elif create is not None and query is not None:
            endpoint, params = urllib.parse.urljoin(tool.url, "check"), create(text)

            def one(piece: str, _extra: dict) -> list:
                import language_tool_python

                answer = query(endpoint, params if piece is text else {**params, "text": piece}, method="post")
                return [paragraphs.raw_of(language_tool_python.Match(m, piece), MAX_SUGGESTIONS)
                        for m in answer["matches"]]

            def send() -> list:
                return pieces.send(one, text, {})
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

    def _by_paragraph(self, tool, text: str, language: str, url: str | None, jars: str | None,
                      text_level: bool = True):
        """The request through the paragraph store (grammar/paragraphs.py),
        or None when it does not apply: no store, a configured URL, a
        LanguageTool or language whose text-level rules are not known."""
        from followup_lint.grammar import paragraphs, pieces

        store = self.paragraphs
        create, query = getattr(tool, "_create_params", None), getattr(tool, "_query_server", None)
        if store is None or create is None or query is None or (url is not None and url != store.local_url):
            return None
        rules = paragraphs.text_level(LT_VERSION, language)
        directory = self.jars or jar_dir(jars)
        if rules is None or not all((directory / j).is_file() for j in REQUIRED_JARS):
            return None
        endpoint = urllib.parse.urljoin(tool.url, "check")
        base = paragraphs.key_base(LT_VERSION, directory, language, create(""), MAX_SUGGESTIONS)
        disabled = frozenset(getattr(tool, "disabled_rules", ()) or ())

        def one(chunk: str, extra: dict) -> list:
            import language_tool_python

            params = {**create(chunk), **extra}
            params = {k: v for k, v in params.items() if v != ""}
            answer = query(endpoint, params, method="post")
            return [paragraphs.raw_of(language_tool_python.Match(m, chunk), MAX_SUGGESTIONS)
                    for m in answer["matches"]]

        def send_raw(chunk: str, extra: dict) -> list:
            return pieces.send(one, chunk, extra)

        return lambda: paragraphs.check(text, store, base, rules, disabled, send_raw, text_level)


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
