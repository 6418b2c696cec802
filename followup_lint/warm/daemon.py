"""The warm linter's serving side: ``python -m followup_lint.warm.daemon serve``.

It has imported spaCy, loaded the pipeline, the syllable dictionary and the
rules' models, and connected to LanguageTool (by checking one short draft),
then listens on ``<runtime dir>/warm.sock`` (:mod:`followup_lint.warm.protocol`;
the directory 0700 and refused when another user owns it, the socket 0600:
only the same user can connect, nothing listens on the network).

A forwarded ``check`` ("argv") is parsed and run by the very same Click
command, with the client's working directory, environment and standard
input; standard output, standard error and the exit code go back. A hook's
message ("message") is linted and judged with the settings resolved as the
hook command would, with a pipeline, paragraph store and LanguageTool
connection kept from one message to the next. One request at a time; the
daemon ends after ``--idle-timeout`` seconds without a request (default:
never), on ``server stop``, or on SIGTERM, and removes its socket and pid
file when it ends.
"""

from __future__ import annotations

import io
import os
import signal
import socket
import sys
import time
from pathlib import Path

from followup_lint import warm
from followup_lint.warm.client import try_lock
from followup_lint.warm.protocol import (ENV_SWITCH, HEARTBEAT, INSTALL, PROTOCOL, SOCKET_NAME, WarmError, ensure_private_dir,
                                         pid_path, recv, request_stdin, runtime_dir, send, socket_path)


class _Capture(io.StringIO):
    def __init__(self, tty: bool):
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


class _Stdin(io.TextIOWrapper):
    def isatty(self) -> bool:
        return False


def run_argv(request: dict) -> dict:
    """Run a client's ``followup-lint check ARGV`` here (parsed by the same
    Click command, usage errors included); its output and exit code go back
    to the client."""
    from followup_lint.cli import main as group

    argv = ["check", *map(str, request["argv"])]
    out, err = _Capture(bool(request.get("stdout_tty"))), _Capture(False)
    stdin = _Stdin(io.BytesIO(request_stdin(request)), encoding="utf-8")
    code = 0
    try:
        with _as_client(request, stdin, out, err):
            try:
                group.main(args=argv, prog_name=str(request.get("prog") or "followup-lint"), standalone_mode=True)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
                if exc.code is not None and not isinstance(exc.code, int):
                    err.write(f"{exc.code}\n")
    except Exception:
        # let the client run it itself: the same error then shows there
        import traceback

        traceback.print_exc(file=sys.__stderr__)
        return {"ok": False}
    return {"ok": True, "code": code, "stdout": out.getvalue(), "stderr": err.getvalue()}


class _as_client:
    """Run with a client's environment, working directory and standard
    streams; everything is put back after."""

    def __init__(self, request: dict, stdin, out, err):
        self.request, self.streams = request, (stdin, out, err)

    def __enter__(self):
        self.saved_env = dict(os.environ)
        self.saved_cwd = os.getcwd()
        self.saved = sys.stdin, sys.stdout, sys.stderr
        os.environ.clear()
        os.environ.update(self.request.get("env") or {})
        try:
            os.chdir(self.request["cwd"])
        except BaseException:
            self.__exit__()
            raise
        sys.stdin, sys.stdout, sys.stderr = self.streams
        return self

    def __exit__(self, *exc) -> None:
        sys.stdin, sys.stdout, sys.stderr = self.saved
        os.chdir(self.saved_cwd)
        os.environ.clear()
        os.environ.update(self.saved_env)


class _Kept:
    """What the daemon keeps from one hook message to the next: per cache
    folder, the paragraph store (LanguageTool's answers kept per paragraph,
    grammar/paragraphs.py) and one connection to the kept LanguageTool
    (followup_lint.grammar.Grammar), made again when that server changes."""

    def __init__(self):
        self._by_dir: dict = {}
        self._caches: dict = {}  # batch.run's, by cache folder
        self._stores: dict = {}
        self._files: dict = {}  # the results file each was opened on (_identity)
        self._run_grammar = None
        self._run_key = None

    def linter(self, settings):
        """A Linter for one message: the loaded pipeline, the kept store and
        LanguageTool connection, a grammar session of its own (one that
        failed says so for that message only)."""
        from followup_lint.dirs import cache_dir
        from followup_lint.engine import Linter

        directory = str(cache_dir())
        store, grammar = self._by_dir.get(directory, (None, None))
        if store is None:
            from followup_lint.grammar.paragraphs import ParagraphStore

            store = ParagraphStore(directory)
        if grammar is not None and not _same_server(grammar):
            grammar.close()
            grammar = None
        if grammar is None:
            from followup_lint.grammar import Grammar

            grammar = Grammar(paragraphs=store)
        self._by_dir[directory] = (store, grammar)
        return Linter(model=settings.model, grammar=grammar, paragraphs=store)

    def server_known(self, settings) -> bool:
        """The kept connection goes to the recorded, running LanguageTool
        (checked in :meth:`linter`), so the hook need not look for one."""
        from followup_lint.dirs import cache_dir

        _store, grammar = self._by_dir.get(str(cache_dir()), (None, None))
        return grammar is not None and grammar.server is not None and not settings.languagetool_url

    # -- what batch.run keeps (batch.KEPT) from one forwarded check to the next
    # per cache folder: the open result cache and paragraph store (opened
    # again when their file was replaced or removed, or they failed), and one
    # LanguageTool connection (made again when the recorded server changed or
    # died, or the client's request timeout changed)

    def cache(self, directory=None):
        from followup_lint.cache import Cache
        from followup_lint.dirs import cache_dir

        directory = directory or cache_dir()
        key = str(directory)
        cache = self._caches.get(key)
        if cache is not None and (cache.notice is not None or cache._db is None
                                  or _identity(cache.path) != self._files.get(key)):
            self._caches.pop(key).close()
            cache = None
        if cache is None:
            cache = Cache(directory)
            if cache.notice is None:
                self._caches[key] = cache
                self._files[key] = _identity(cache.path)
        return cache

    def store(self, directory):
        store = self._stores.get(str(directory))
        if store is not None and (store.notice is not None or _identity(store.path) != self._files.get(str(directory))):
            store.close()
            store = None
        if store is None:
            from followup_lint.grammar.paragraphs import ParagraphStore

            store = self._stores[str(directory)] = ParagraphStore(directory)
        return store

    def grammar(self, store):
        """The kept connection for this run (``store``: its paragraph store,
        None with --no-cache)."""
        from followup_lint.grammar import ENV_TIMEOUT, Grammar

        key = os.environ.get(ENV_TIMEOUT)
        if self._run_grammar is not None and (self._run_key != key or not _same_server(self._run_grammar)):
            self._run_grammar.close()
            self._run_grammar = None
        if self._run_grammar is None:
            self._run_grammar, self._run_key = Grammar(), key
        self._run_grammar.paragraphs = store
        return self._run_grammar

    def ran(self, grammar) -> None:
        """After a run: the connection it used is kept, unless there was none
        (it failed, or the background server still starts) or the run
        started a LanguageTool of its own (stopped, as without a daemon)."""
        if grammar is None or grammar is not self._run_grammar or grammar._owned is not None:
            if grammar is not None:
                grammar.close()
            if self._run_grammar is not None:
                self._run_grammar.close()
            self._run_grammar = None

    def done(self, cache) -> None:
        """After a run: a cache that failed in it is not kept."""
        if cache is not None and cache.notice is not None:
            for key, kept in list(self._caches.items()):
                if kept is cache:
                    del self._caches[key]
            cache.close()

    def close(self) -> None:
        for store, grammar in self._by_dir.values():
            grammar.close()
            store.close()
        self._by_dir.clear()
        for cache in self._caches.values():
            cache.close()
        for store in self._stores.values():
            store.close()
        self._caches.clear()
        self._stores.clear()
        if self._run_grammar is not None:
            self._run_grammar.close()
            self._run_grammar = None


def _identity(path) -> tuple | None:
    """Which file is at ``path`` (None: none): a kept SQLite connection to a
    file since removed or replaced is not used again."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _same_server(grammar) -> bool:
    """The kept connection still goes to the recorded, running LanguageTool
    (none made yet counts as the same)."""
    from followup_lint.grammar.server import _recorded

    server = grammar.server
    if server is None:
        return True
    recorded = _recorded()
    return recorded is not None and (recorded.pid, recorded.port) == (server.pid, server.port) and server.alive()


def assess_message(request: dict, kept: _Kept) -> dict:
    """A hook's message assessed here (``op`` "message"): the settings are
    resolved from the client's ``config``, ``fail_on`` and working directory
    as the hook command does, the message linted with the kept pipeline,
    paragraph store and LanguageTool, and judged (hooks.assess). Saving and
    delivering stay with the client. ``assess`` false: the config only
    (the hook sends without judging: a skip header, a missing command)."""
    from followup_lint import hooks
    from followup_lint.config import ConfigResolver
    from followup_lint.errors import ConfigError
    from followup_lint.finding import Severity

    err = _Capture(False)
    try:
        with _as_client(request, _Stdin(io.BytesIO(b""), encoding="utf-8"), _Capture(False), err):
            config, fail_on = request.get("config"), request.get("fail_on")
            try:
                settings = ConfigResolver(Path(config) if config else None, {}).for_path(".").for_hook(
                    Severity.parse(fail_on) if fail_on else None)
            except ConfigError as exc:
                return {"ok": True, "config_error": str(exc), "stderr": err.getvalue()}
            assessed = None
            if request.get("assess", True):
                def lint(raw: bytes, name: str, s):
                    with kept.linter(s) as linter:
                        return hooks.lint_message(raw, name, s, linter, server_running=kept.server_known(s))

                assessed = list(hooks.assess(request["raw"].encode("latin-1"), request["name"], settings,
                                             warn_only=bool(request.get("warn_only")), lint=lint))
    except Exception:
        import traceback

        traceback.print_exc(file=sys.__stderr__)
        return {"ok": False}
    return {"ok": True, "assessment": assessed, "stderr": err.getvalue()}


def _answer_check(conn: socket.socket, request: dict, run, prepare=None) -> dict:
    """Acknowledge ``request`` at once, run ``prepare()`` and then
    ``run(request)`` while a thread tells the client every HEARTBEAT seconds
    that this daemon is alive (a client gives up on a silent daemon), then
    send the reply."""
    import threading

    lock = threading.Lock()
    done = threading.Event()

    def beat() -> None:
        while not done.wait(HEARTBEAT):
            with lock:
                try:
                    send(conn, {"op": "alive"})
                except OSError:
                    return

    send(conn, {"op": "accepted"})
    beater = threading.Thread(target=beat, daemon=True)
    beater.start()
    try:
        if prepare is not None:
            prepare()
        reply = run(request)
    finally:
        done.set()
        beater.join()
    with lock:
        send(conn, reply)
    return reply


WARM_TEXT = ("Subject: Thank you\n\nHi Dana,\n\nThank you for taking the time to talk with me on Monday "
             "about the data pipeline. I recieve a lot of offers, but frankly your process was a waste "
             "of time. Please, I really need this job.\n\nBest,\nSam\n")
LANGUAGETOOL_WARM_WAIT = 300.0  # seconds the warm-up waits for the new LanguageTool's first answer


def _warm_up(model: str | None) -> None:
    """Load everything a check needs by checking a short draft once (all
    rules, grammar on when LanguageTool runs), output thrown away."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="followup-warm-") as tmp:
        path = Path(tmp) / "warm-up.txt"
        path.write_text(WARM_TEXT, encoding="utf-8")
        argv = ["--format", "json", "--no-cache", "--quiet", "--jobs", "1", *(["--model", model] if model else []),
                str(path)]
        run_argv({"argv": argv, "cwd": tmp, "env": dict(os.environ)})


class _Grammar:
    """The LanguageTool a background daemon keeps for everyone (``jars``
    given): started here, as this process's child (it dies with it, however
    it ends), recorded in the state file so every check finds it, started
    again when it has died, stopped when the daemon ends."""

    def __init__(self, jars: str | None):
        import threading

        self.jars = jars
        self.server = None
        # set once a LanguageTool this daemon started has answered its first
        # check (or none was started): its first check loads the language's
        # rules and warms the JIT, 4-12 s on 2 cores, which a user's check
        # would otherwise wait for (the daemon listens after it)
        self.warm = threading.Event()
        self.warm.set()

    def ensure(self, meanwhile=None) -> None:
        """The kept LanguageTool running (started if needed); ``meanwhile()``
        runs while its JVM starts (or at once when there is nothing to start)."""
        from followup_lint.grammar.server import GrammarUnavailable, read_state, spawn, start_lock, write_state

        if self.jars is None or self._serving():
            if meanwhile is not None:
                meanwhile()
            return
        try:
            with start_lock():
                if read_state() is not None:  # a `server start` one, or another's: used, not owned
                    self.server = None
                    if meanwhile is not None:
                        meanwhile()
                    return
                self.warm.clear()
                try:
                    self.server = spawn(Path(self.jars), kept=True, die_with_parent=True, on_launch=meanwhile)
                    write_state(self.server)
                except BaseException:
                    self.warm.set()
                    raise
                self._first_check(self.server)
        except GrammarUnavailable as exc:
            print(f"followup-lint: LanguageTool not started: {exc}", file=sys.stderr, flush=True)
            self.jars = None  # the checks say why, each run, as without a server

    def _first_check(self, server) -> None:
        """Send the new server one short check on a thread of its own (it
        loads the rules while spaCy loads here); ``warm`` is set when it
        has answered."""
        import threading

        def check() -> None:
            try:
                from followup_lint.grammar import Grammar

                grammar = Grammar()
                try:
                    grammar.check(WARM_TEXT, url=server.url)
                finally:
                    grammar.close()
            except Exception:  # noqa: BLE001 - the checks find out and say so
                pass
            finally:
                self.warm.set()

        threading.Thread(target=check, name="languagetool-first-check", daemon=True).start()

    def _serving(self) -> bool:
        """The kept server runs and answers. One that runs but does not
        answer (killed and still exiting: its exit can take a moment after
        SIGKILL; or hung) is killed here, so that a new one can start."""
        if self.server is None:
            return False
        if self.server.alive() and self.server.answers(timeout=5.0):
            return True
        if self.server.process is not None and self.server.process.poll() is None:
            self.server.process.kill()  # unusable already: no polite stop
            self.server.process.wait()
        self.server = None
        return False

    def used_at(self) -> float:
        """When a check last used the kept server (clients touch the state file)."""
        from followup_lint.grammar.server import state_file

        try:
            return state_file().stat().st_mtime
        except OSError:
            return 0.0

    def stop(self) -> None:
        from followup_lint.grammar.server import _recorded, forget_state, stop_process

        if self.server is None or self.server.process is None:
            return
        recorded = _recorded()
        if recorded is not None and recorded.pid == self.server.pid:
            forget_state()
        stop_process(self.server.process)
        self.server = None


def _lock(fd: int | None = None) -> int:
    """This daemon's lifetime lock (``fd``: one the starting client already
    holds and handed over). Two daemons never run at once; the kernel
    releases it when this process ends, however it ends."""
    import fcntl

    if fd is None:
        fd = try_lock()
        if fd is None:
            raise WarmError(f"a warm daemon already runs (or starts) on {socket_path()}")
    else:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # ours already: handed over by the client
    return fd


def serve(idle_timeout: float | None = None, model: str | None = None, *, lock_fd: int | None = None,
          jars: str | None = None) -> None:
    """Run the daemon in this process until stopped or idle. ``jars``: keep a
    LanguageTool from that folder (the on-demand background start); it is
    started first, so the check that started this daemon can use it while
    this process loads the rest."""
    warm.SERVING = True
    os.environ[ENV_SWITCH] = "0"
    directory = ensure_private_dir(runtime_dir())
    lock = _lock(lock_fd)
    pid_path().write_text(str(os.getpid()), "utf-8")  # now: `server stop` finds a daemon still loading
    path = directory / SOCKET_NAME
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    grammar = _Grammar(jars)
    try:
        _serve(grammar, path, idle_timeout, model)
    finally:
        grammar.stop()
        os.close(lock)


def _serve(grammar: _Grammar, path: Path, idle_timeout: float | None, model: str | None) -> None:
    import threading

    loading = threading.Thread(target=_load, args=(model, grammar.warm), daemon=True)
    # the JVM is started on this (the main) thread, which lives as long as
    # the daemon (PR_SET_PDEATHSIG follows the parent *thread*); spaCy loads
    # on another while the JVM starts
    grammar.ensure(meanwhile=loading.start)
    if loading.ident is None:
        loading.start()
    loading.join()
    sock = _listen(path)
    daemon = _Daemon(grammar, sock, idle_timeout)
    signal.signal(signal.SIGTERM, daemon.stop)
    signal.signal(signal.SIGINT, daemon.stop)
    try:
        daemon.run()
    finally:
        daemon.kept.close()
        sock.close()
        _remove_own_files(path)


def _listen(path: Path) -> socket.socket:
    """The daemon's socket at ``path``: only this user may connect; the
    pid file says who listens."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)
    try:
        sock.bind(str(path))
    finally:
        os.umask(old)
    os.chmod(path, 0o600)
    sock.listen(8)
    pid_path().write_text(str(os.getpid()), "utf-8")
    return sock


def _remove_own_files(path: Path) -> None:
    """The socket and (if it is still this daemon's) the pid file."""
    for p in (path, pid_path()):
        try:
            if p == pid_path() and p.read_text().strip() != str(os.getpid()):
                continue
            p.unlink()
        except (FileNotFoundError, OSError):
            pass


class _Daemon:
    """The accept loop: one request at a time until stopped or idle."""

    def __init__(self, grammar: _Grammar, sock: socket.socket, idle_timeout: float | None):
        self.grammar = grammar
        self.sock = sock
        self.idle = idle_timeout if idle_timeout and idle_timeout > 0 else None
        self.stopping = False
        self.started = self.last = time.time()
        self.served = 0
        self.messages = 0  # hooks' messages (sendmail, hook run)
        self.kept = _Kept()
        from followup_lint import batch

        batch.KEPT = self.kept  # forwarded checks reuse it (not the warm-up: it ran before)

    def stop(self, *_a) -> None:
        self.stopping = True
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _idle_over(self) -> bool:
        """No check here, and (for a kept LanguageTool) none through it
        either, for ``idle`` seconds; else the accept waits until then."""
        if self.idle is None:
            return False
        used = max(self.last, self.grammar.used_at() if self.grammar.server is not None else 0.0)
        left = used + self.idle - time.time()
        if left <= 0:
            return True
        self.sock.settimeout(min(left, 60.0))
        return False

    def run(self) -> None:
        while not self.stopping and not self._idle_over():
            try:
                conn, _ = self.sock.accept()
            except socket.timeout:
                continue
            except OSError:
                if self.stopping:
                    break
                continue
            with conn:
                try:
                    conn.settimeout(30)
                    request = recv(conn)
                    conn.settimeout(None)
                    self._answer(conn, request)
                except (OSError, ValueError, ConnectionError, KeyError):
                    continue
                finally:
                    self.last = time.time()

    def _answer(self, conn: socket.socket, request: dict) -> None:
        op = request.get("op")
        if request.get("protocol") != PROTOCOL:
            send(conn, {"ok": False})
        elif op in ("argv", "message") and request.get("install") != INSTALL:
            send(conn, {"ok": False, "install": INSTALL})  # another installation's client: it checks in-process
        elif op == "ping":
            send(conn, self._status())
        elif op == "stop":
            send(conn, {"ok": True, "pid": os.getpid()})
            self.stopping = True
        elif op == "argv":
            # killed since the last check: started again, after the client
            # is told its check was accepted (a JVM start outlasts the
            # client's wait for that answer)
            reply = _answer_check(conn, request, run_argv, prepare=self.grammar.ensure)
            self.served += bool(reply.get("ok"))  # a fallback to in-process does not count
        elif op == "message":
            reply = _answer_check(conn, request, lambda r: assess_message(r, self.kept), prepare=self.grammar.ensure)
            self.messages += bool(reply.get("ok"))
        else:
            send(conn, {"ok": False})

    def _status(self) -> dict:
        from followup_lint import analysis

        server = self.grammar.server
        return {"ok": True, "pid": os.getpid(), "since": self.started, "served": self.served,
                "messages": self.messages, "idle_timeout": self.idle,
                "languagetool": server.pid if server is not None else None,
                "models": sorted(str(k) for k in analysis._PIPELINES)}


LOAD_NICENESS = 10


def _load(model: str | None, languagetool_warm=None) -> None:
    """Load the pipeline and check the warm-up draft, on a thread of lower
    priority (Linux: a nice value per thread): on a busy machine the JVM
    starting beside it and the check that started this daemon, which does
    its own analysis meanwhile, get the CPU first. The threads serving
    requests later keep the normal priority. The warm-up check waits for a
    LanguageTool this daemon started to answer its first check
    (``languagetool_warm``, an Event), so that it has grammar."""
    import threading

    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), LOAD_NICENESS)
    except (OSError, AttributeError):
        pass
    try:
        from followup_lint.analysis import complete_tokenizer, load_pipeline

        complete_tokenizer(load_pipeline(model))  # every special case now, not on a user's check
    except Exception:  # the warm-up check reports it
        pass
    if languagetool_warm is not None:
        languagetool_warm.wait(LANGUAGETOOL_WARM_WAIT)
    _warm_up(model)


def main(argv: list[str] | None = None) -> None:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m followup_lint.warm.daemon")
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve", help="run the warm linter in the foreground")
    s.add_argument("--idle-timeout", type=float, default=None)
    s.add_argument("--model", default=None)
    s.add_argument("--lock-fd", type=int, default=None, help="the lifetime lock, taken by the starting client")
    s.add_argument("--jars", default=None, help="also keep a LanguageTool from this folder")
    args = ap.parse_args(argv)
    if args.cmd == "serve":
        try:
            serve(args.idle_timeout, args.model, lock_fd=args.lock_fd, jars=args.jars)
        except WarmError as exc:
            print(f"followup-lint: {exc}", file=sys.stderr)
            sys.exit(2)


if __name__ == "__main__":
    # run the imported module's main, not this __main__ copy's (one _Daemon,
    # one set of module globals for everything the CLI imports)
    from followup_lint.warm.daemon import main as _main

    _main()
