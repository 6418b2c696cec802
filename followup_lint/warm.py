"""The warm path: a long-lived local linter that ``check`` hands its work to.

``followup-lint server start --warm`` starts, next to the kept LanguageTool
server, a daemon (``python -m followup_lint.warm serve``) that has already
imported spaCy, loaded the pipeline, the syllable dictionary and the rules'
models, and connected to LanguageTool. It listens on a Unix socket:

* ``<runtime dir>/warm.sock``, where the runtime dir is
  ``$FOLLOWUP_LINT_RUNTIME_DIR``, else ``$XDG_RUNTIME_DIR/followup-lint``,
  else ``/tmp/followup-lint-<uid>``;
* the directory is created with mode 0700 and refused when another user owns
  it or others may write to it; the socket is made with mode 0600. Only the
  same user can connect; nothing listens on the network.

``followup-lint check`` first tries the socket. When a daemon answers, it
sends its parsed options, working directory, environment and (for ``-``)
standard input; the daemon runs the very same ``check`` code on them and
sends back standard output, standard error and the exit code, which the
client replays. When no daemon answers (none started, a stale socket left by
a killed one, or ``FOLLOWUP_LINT_WARM=0`` in the environment), the check runs
in-process as before. Findings are the same either way; the only difference
is that the warm path never draws a progress bar.

The daemon serves one request at a time, and ends after ``--idle-timeout``
seconds without a request (default: never), on ``server stop``, or on
SIGTERM; it removes its socket and pid file when it ends.
"""

from __future__ import annotations

import io
import os
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

from followup_lint.launch import (ENV_SWITCH, PROTOCOL, SOCKET_NAME, ask, isatty, private_socket_ok, replay,
                                  switched_off)
from followup_lint.launch import recv as _recv
from followup_lint.launch import runtime_dir as _runtime_dir
from followup_lint.launch import send as _send

PID_NAME = "warm.pid"
LOG_NAME = "warm.log"
LOCK_NAME = "warm.lock"
START_TIMEOUT = 300.0  # seconds for the daemon to load and answer: a slow machine, not a test limit

SERVING = False  # True inside the daemon: its own check runs never forward


class WarmError(Exception):
    """The warm daemon cannot be used or started (one line)."""


# -- places -------------------------------------------------------------------

def runtime_dir() -> Path:
    return Path(_runtime_dir())


def socket_path() -> Path:
    return runtime_dir() / SOCKET_NAME


def pid_path() -> Path:
    return runtime_dir() / PID_NAME


def ensure_private_dir(path: Path) -> Path:
    """``path`` as a directory only this user can enter (0700)."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.lstat()
    except OSError as exc:
        raise WarmError(f"cannot make {path}: {exc.strerror or exc}") from None
    if not stat.S_ISDIR(info.st_mode):
        raise WarmError(f"{path} is not a directory")
    if info.st_uid != os.getuid():
        raise WarmError(f"{path} belongs to another user")
    if stat.S_IMODE(info.st_mode) != 0o700:
        os.chmod(path, 0o700)
    return path


def _private_socket_ok(path: Path) -> bool:
    return private_socket_ok(str(path))


# -- client side ----------------------------------------------------------------

def _connect(timeout: float | None = 2.0) -> socket.socket | None:
    """A connection to the running daemon, or None. A socket file nobody
    answers on (a killed daemon) is removed."""
    path = socket_path()
    if not _private_socket_ok(path):
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(str(path))
    except (ConnectionRefusedError, FileNotFoundError):
        sock.close()
        _remove_stale(path)
        return None
    except OSError:
        sock.close()
        return None
    return sock


def _remove_stale(path: Path) -> None:
    if daemon_pid() is None:
        for p in (path, pid_path()):
            try:
                p.unlink()
            except FileNotFoundError:
                pass


def ping(timeout: float = 2.0) -> dict | None:
    """The daemon's status (pid, model) if one answers, else None."""
    sock = _connect(timeout)
    if sock is None:
        return None
    try:
        _send(sock, {"op": "ping", "protocol": PROTOCOL})
        reply = _recv(sock)
    except (OSError, ValueError, ConnectionError):
        return None
    finally:
        sock.close()
    return reply if reply.get("ok") else None


def enabled() -> bool:
    return not SERVING and not switched_off()


def forward_check(params: dict) -> int | None:
    """Run ``check`` with ``params`` in the daemon and replay its output.
    Returns the exit code, or None when the daemon is not there (or gave up
    before any output): then the caller checks in-process."""
    if not enabled():
        return None
    sock = _connect(timeout=2.0)
    if sock is None:
        return None
    stdin = None
    if "-" in (params.get("paths") or ()) or params.get("files_from") == "-":
        stdin = sys.stdin.buffer.read()
        # a fallback in this process must still find it
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding=sys.stdin.encoding or "utf-8")
    request = {
        "op": "check", "protocol": PROTOCOL, "params": _jsonable(params), "cwd": os.getcwd(),
        "env": dict(os.environ), "stdin": stdin.decode("latin-1") if stdin is not None else None,
        "stdout_tty": isatty(sys.stdout),
    }
    return replay(ask(sock, request))


def _jsonable(params: dict) -> dict:
    out = {}
    for k, v in params.items():
        if isinstance(v, Path):
            v = str(v)
        elif isinstance(v, tuple):
            v = list(v)
        out[k] = v
    return out


# -- daemon side ----------------------------------------------------------------

class _Capture(io.StringIO):
    def __init__(self, tty: bool):
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


class _Stdin(io.TextIOWrapper):
    def isatty(self) -> bool:
        return False


def _run_check(request: dict) -> dict:
    """Run a client's check here: ``op`` "check" carries the options Click
    parsed in the client, ``op`` "argv" the raw arguments of
    ``followup-lint check`` (parsed here by the same Click command, usage
    errors included). Output and exit code go back to the client."""
    from followup_lint.cli import check
    from followup_lint.cli import main as group

    if request.get("op") == "argv":
        argv = ["check", *map(str, request["argv"])]

        def run() -> None:
            group.main(args=argv, prog_name=str(request.get("prog") or "followup-lint"), standalone_mode=True)
    else:
        params = dict(request["params"])
        for key in ("paths", "select", "ignore", "include", "exclude"):
            if params.get(key) is not None:
                params[key] = tuple(params[key])
        if params.get("config_path") is not None:
            params["config_path"] = Path(params["config_path"])

        def run() -> None:
            check.callback(**params)
    out, err = _Capture(bool(request.get("stdout_tty"))), _Capture(False)
    raw = request.get("stdin")
    stdin = _Stdin(io.BytesIO(raw.encode("latin-1") if raw is not None else b""), encoding="utf-8")
    code = 0
    try:
        with _as_client(request, stdin, out, err):
            try:
                run()
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


def _lint_message(request: dict) -> dict:
    """A hook's message linted here (``op`` "message"): the settings are
    resolved from the client's ``config`` path and working directory as the
    client does; the result goes back in the cache's encoding. Saving and
    delivering stay with the client."""
    from followup_lint.cache import encode
    from followup_lint.config import ConfigResolver
    from followup_lint.hooks import lint_message

    err = _Capture(False)
    try:
        with _as_client(request, _Stdin(io.BytesIO(b""), encoding="utf-8"), _Capture(False), err):
            config = request.get("config")
            settings = ConfigResolver(Path(config) if config else None, {}).for_path(".")
            result = lint_message(request["raw"].encode("latin-1"), request["name"], settings)
    except Exception:
        import traceback

        traceback.print_exc(file=sys.__stderr__)
        return {"ok": False}
    return {"ok": True, "result": encode(result), "error": result.error, "stderr": err.getvalue()}


def lint_message(raw: bytes, name: str, config: Path | None):
    """Have the running warm linter lint a hook's message: its FileResult,
    or None when no daemon answers (then lint in-process). What the daemon
    printed on standard error (a grammar notice) is printed here."""
    if not enabled():
        return None
    sock = _connect(timeout=2.0)
    if sock is None:
        return None
    reply = ask(sock, {"op": "message", "protocol": PROTOCOL, "raw": raw.decode("latin-1"), "name": name,
                       "config": str(config) if config else None, "cwd": os.getcwd(), "env": dict(os.environ)})
    if not reply or not reply.get("ok"):
        return None
    from followup_lint.cache import decode
    from followup_lint.finding import Severity

    if reply.get("stderr"):
        sys.stderr.write(reply["stderr"])
    result = decode(reply["result"], name, Severity.WARNING)  # the hook applies its own fail levels
    if reply.get("error"):
        from dataclasses import replace

        result = replace(result, error=reply["error"])
    return result
def _answer_check(conn: socket.socket, request: dict, run=None, prepare=None) -> dict:
    """Acknowledge ``request`` at once, run ``prepare()`` and then it while a
    thread tells the client every HEARTBEAT seconds that this daemon is alive
    (a client gives up on a silent daemon), then send the reply."""
    import threading

    from followup_lint.launch import HEARTBEAT

    lock = threading.Lock()
    done = threading.Event()

    def beat() -> None:
        while not done.wait(HEARTBEAT):
            with lock:
                try:
                    _send(conn, {"op": "alive"})
                except OSError:
                    return

    _send(conn, {"op": "accepted"})
    beater = threading.Thread(target=beat, daemon=True)
    beater.start()
    try:
        if prepare is not None:
            prepare()
        reply = (run or _run_check)(request)
    finally:
        done.set()
        beater.join()
    with lock:
        _send(conn, reply)
    return reply


def check_params(args: list[str]) -> dict:
    """The parameters ``followup-lint check ARGS`` gives its function (every
    option, defaults included), as sent over the socket."""
    from followup_lint.cli import check

    with check.make_context("check", list(args)) as ctx:
        return _jsonable(ctx.params)


def _warm_up(model: str | None) -> None:
    """Load everything a check needs by checking a short draft once (all
    rules, grammar on when LanguageTool runs), output thrown away."""
    import tempfile

    text = ("Subject: Thank you\n\nHi Dana,\n\nThank you for taking the time to talk with me on Monday "
            "about the data pipeline. I recieve a lot of offers, but frankly your process was a waste "
            "of time. Please, I really need this job.\n\nBest,\nSam\n")
    with tempfile.TemporaryDirectory(prefix="followup-warm-") as tmp:
        path = Path(tmp) / "warm-up.txt"
        path.write_text(text, encoding="utf-8")
        params = check_params(["--format", "json", "--no-cache", "--quiet", "--jobs", "1",
                               *(["--model", model] if model else []), str(path)])
        _run_check({"params": params, "cwd": tmp, "env": dict(os.environ)})


class _Grammar:
    """The LanguageTool a background daemon keeps for everyone (``jars``
    given): started here, as this process's child (it dies with it, however
    it ends), recorded in the state file so every check finds it, started
    again when it has died, stopped when the daemon ends."""

    def __init__(self, jars: str | None):
        self.jars = jars
        self.server = None

    def ensure(self, meanwhile=None) -> None:
        """The kept LanguageTool running (started if needed); ``meanwhile()``
        runs while its JVM starts (or at once when there is nothing to start)."""
        from followup_lint.grammar.server import (GrammarUnavailable, read_state, spawn, start_lock,
                                                  write_state)

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
                self.server = spawn(Path(self.jars), kept=True, die_with_parent=True, on_launch=meanwhile)
                write_state(self.server)
        except GrammarUnavailable as exc:
            print(f"followup-lint: LanguageTool not started: {exc}", file=sys.stderr, flush=True)
            self.jars = None  # the checks say why, each run, as without a server

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
    """This daemon's lifetime lock: an flock on ``<runtime dir>/warm.lock``
    (``fd``: one the starting client already holds and handed over). Two
    daemons never run at once; the kernel releases it when this process
    ends, however it ends."""
    import fcntl

    if fd is None:
        fd = try_lock()
        if fd is None:
            raise WarmError(f"a warm daemon already runs (or starts) on {socket_path()}")
    else:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # ours already: handed over by the client
    return fd


def try_lock() -> int | None:
    """The daemon lock's descriptor if nobody holds it, else None."""
    import fcntl

    directory = ensure_private_dir(runtime_dir())
    fd = os.open(directory / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def alive() -> bool:
    """True while a daemon holds its lock (running or still starting)."""
    fd = try_lock()
    if fd is None:
        return True
    os.close(fd)
    return False


def serve(idle_timeout: float | None = None, model: str | None = None, *, lock_fd: int | None = None,
          jars: str | None = None) -> None:
    """Run the daemon in this process until stopped or idle. ``jars``: keep a
    LanguageTool from that folder (the on-demand background start); it is
    started first, so the check that started this daemon can use it while
    this process loads the rest."""
    global SERVING
    SERVING = True
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

    loading = threading.Thread(target=_load_pipeline, args=(model,), daemon=True)
    # the JVM is started on this (the main) thread, which lives as long as
    # the daemon (PR_SET_PDEATHSIG follows the parent *thread*); spaCy loads
    # on another while the JVM starts
    grammar.ensure(meanwhile=loading.start)
    if loading.ident is not None:
        loading.join()
    _warm_up(model)
    sock = _listen(path)
    daemon = _Daemon(grammar, sock, idle_timeout)
    signal.signal(signal.SIGTERM, daemon.stop)
    signal.signal(signal.SIGINT, daemon.stop)
    try:
        daemon.run()
    finally:
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
                    request = _recv(conn)
                    conn.settimeout(None)
                    self._answer(conn, request)
                except (OSError, ValueError, ConnectionError, KeyError):
                    continue
                finally:
                    self.last = time.time()

    def _answer(self, conn: socket.socket, request: dict) -> None:
        op = request.get("op")
        if request.get("protocol") != PROTOCOL:
            _send(conn, {"ok": False})
        elif op == "ping":
            _send(conn, self._status())
        elif op == "stop":
            _send(conn, {"ok": True, "pid": os.getpid()})
            self.stopping = True
        elif op in ("check", "argv"):
            # killed since the last check: started again, after the client
            # is told its check was accepted (a JVM start outlasts the
            # client's wait for that answer)
            reply = _answer_check(conn, request, prepare=self.grammar.ensure)
            self.served += bool(reply.get("ok"))  # a fallback to in-process does not count
        elif op == "message":
            reply = _answer_check(conn, request, _lint_message, prepare=self.grammar.ensure)
            self.messages += bool(reply.get("ok"))
        else:
            _send(conn, {"ok": False})

    def _status(self) -> dict:
        from followup_lint import analysis

        server = self.grammar.server
        return {"ok": True, "pid": os.getpid(), "since": self.started, "served": self.served,
                "messages": self.messages, "idle_timeout": self.idle,
                "languagetool": server.pid if server is not None else None,
                "models": sorted(str(k) for k in analysis._PIPELINES)}


def _load_pipeline(model: str | None) -> None:
    try:
        from followup_lint.analysis import load_pipeline

        load_pipeline(model)
    except Exception:  # the warm-up check reports it
        pass


# -- lifecycle (server start --warm / stop / status) ------------------------------

def daemon_pid() -> int | None:
    """The pid of the running daemon from its pid file (checked against
    /proc so a reused pid is not mistaken for it), else None."""
    try:
        pid = int(pid_path().read_text("utf-8").strip())
    except (OSError, ValueError):
        return None
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    if b"followup_lint.warm" not in cmdline:
        return None
    try:
        state = Path(f"/proc/{pid}/stat").read_text()
        if state.rsplit(")", 1)[-1].split()[0] == "Z":
            return None
    except OSError:
        return None
    return pid


def _running(pid: int) -> bool:
    """True while ``pid`` is the daemon's process and has not ended (its pid
    file goes first, so this looks at the process itself)."""
    try:
        if b"followup_lint.warm" not in Path(f"/proc/{pid}/cmdline").read_bytes():
            return False
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def start(idle_timeout: float | None = None, model: str | None = None, *, jars: str | None = None,
          wait: bool = True) -> tuple[int, bool]:
    """Start the daemon unless one runs: (pid, started_now). Race-free: the
    daemon's lifetime lock is taken here and handed to the daemon, so of
    concurrent starts exactly one starts a daemon; the others wait for it.
    ``jars``: the daemon keeps a LanguageTool from there too (the on-demand
    background start). ``wait=False``: return once the daemon runs, without
    waiting for it to answer (pid 0, started_now False: another one starts)."""
    status = ping()
    if status is not None:
        return int(status["pid"]), False
    fd = try_lock()
    if fd is None:  # another start got there first: its daemon is loading
        if not wait:
            return 0, False
        return _wait_for(None), False
    directory = runtime_dir()
    cmd = [sys.executable, "-m", "followup_lint.warm", "serve", "--lock-fd", str(fd)]
    if idle_timeout:
        cmd += ["--idle-timeout", str(idle_timeout)]
    if model:
        cmd += ["--model", model]
    if jars:
        cmd += ["--jars", jars]
    env = dict(os.environ)
    env.pop(ENV_SWITCH, None)
    try:
        from followup_lint.private import open_private

        with os.fdopen(open_private(directory / LOG_NAME), "ab") as log:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                    start_new_session=True, env=env, cwd="/", pass_fds=(fd,))
    except OSError as exc:
        raise WarmError(f"cannot start the warm linter: {exc.strerror or exc}") from None
    finally:
        os.close(fd)  # the daemon holds the lock now
    if not wait:
        return proc.pid, True
    return _wait_for(proc), True


def _wait_for(proc: subprocess.Popen | None) -> int:
    """Wait until a daemon answers (``proc``: the one just started); its pid."""
    log = runtime_dir() / LOG_NAME
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise WarmError(f"the warm linter did not start (exit code {proc.returncode}; see {log})")
        status = ping(timeout=1.0)
        if status is not None and (proc is None or int(status["pid"]) == proc.pid):
            return int(status["pid"])
        if proc is None and not alive():
            raise WarmError(f"the warm linter that another start began ended before it answered (see {log})")
        time.sleep(0.05)
    if proc is not None:
        proc.terminate()
    raise WarmError(f"the warm linter did not answer within {START_TIMEOUT:.0f} s (see {log})")


def stop(timeout: float = 15.0) -> int | None:
    """Stop the daemon; its pid, or None if none ran."""
    pid = daemon_pid()
    sock = _connect(timeout=2.0)
    if sock is not None:
        try:
            _send(sock, {"op": "stop", "protocol": PROTOCOL})
            reply = _recv(sock)
            pid = int(reply.get("pid") or pid or 0) or pid
        except (OSError, ValueError, ConnectionError):
            pass
        finally:
            sock.close()
    elif pid is not None:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    if pid is None:
        _remove_stale(socket_path())
        return None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _running(pid):
        time.sleep(0.05)
    if _running(pid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    reap_until = time.monotonic() + 5
    while True:  # started by this very process (a test, a script): collect it
        try:
            done, _status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            break  # not our child: its parent (or init) collects it
        if done or time.monotonic() > reap_until:
            break
        time.sleep(0.02)
    _remove_stale(socket_path())
    return pid


def main(argv: list[str] | None = None) -> None:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m followup_lint.warm")
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
    # run the imported module's main: followup_lint.cli consults *its* SERVING,
    # which must be the one serve() sets (not this __main__ copy's)
    from followup_lint.warm import main as _main

    _main()
