"""The warm linter seen from a ``followup-lint`` process: ping it, forward
a command's arguments and standard input to it, hand it a hook's message,
and start, stop and ask its status.

Imported by the entry point before anything else: only the standard library
and :mod:`followup_lint.warm.protocol`; what only starting, stopping or
waiting for a daemon needs (``subprocess``, ``signal``, ``time``, pathlib) is
imported there, so a forwarded check does without it. When no daemon
answers (none started, a stale socket left by a killed one, a daemon of
another protocol, or ``FOLLOWUP_LINT_WARM=0``) every function here says so
(None) and the caller runs the work in its own process.
"""

from __future__ import annotations

# the socket module's own C part: socket.py's wrapper imports enum and
# selectors, about 4 ms of every forwarded check; a Unix socket's connect,
# sendall, recv and timeouts need only this
import _socket as socket
import os
import sys
TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (the warm client)

from followup_lint import warm
from followup_lint.warm.protocol import (LOCK_NAME, LOG_NAME, PROTOCOL, WarmError, argv_request, ensure_private_dir,
                                         message_request, pid_file, private_socket_ok, recv, reply_timeout,
                                         runtime_dir, send, socket_file, socket_path, switched_off_by_env)

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["WarmError", "alive", "daemon_pid", "assess_message", "enabled", "forward_argv", "ping", "socket_path",
           "start", "stop", "try_lock"]

START_TIMEOUT = 300.0  # seconds for the daemon to load and answer: a slow machine, not a test limit
GAVE_UP = False  # a daemon went silent in this process: not asked again


def enabled() -> bool:
    """May this process hand work to a daemon? Not inside the daemon, not
    with FOLLOWUP_LINT_WARM=0, not after a daemon went silent here."""
    return not warm.SERVING and not GAVE_UP and not switched_off_by_env()


# -- one exchange -----------------------------------------------------------------

def _connect(timeout: float | None = 2.0) -> socket.socket | None:
    """A connection to the running daemon, or None. A socket file nobody
    answers on (a killed daemon) is removed."""
    path = socket_file()
    if not private_socket_ok(path):
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(path)
    except (ConnectionRefusedError, FileNotFoundError):
        sock.close()
        _remove_stale(path)
        return None
    except OSError:
        sock.close()
        return None
    return sock


def _remove_stale(path: str | Path) -> None:
    if daemon_pid() is None:
        for p in (path, pid_file()):
            try:
                os.unlink(p)
            except FileNotFoundError:
                pass


def exchange(request: dict, connect_timeout: float = 2.0) -> dict | None:
    """Send ``request`` to the daemon and return its reply, or None if no
    daemon answers (nothing has been printed then)."""
    if not enabled():
        return None
    sock = _connect(connect_timeout)
    if sock is None:
        return None
    return _ask(sock, request)


def _ask(sock: socket.socket, request: dict) -> dict | None:
    """Send ``request`` on a connected socket, close it, and return the
    reply (None if the connection failed on the way, or the daemon went
    silent: no frame for :func:`reply_timeout` seconds). A big batch takes
    as long as it takes: the daemon says it is alive every second."""
    global GAVE_UP
    limit = reply_timeout()
    try:
        sock.settimeout(limit)
        send(sock, request)
        while True:
            reply = recv(sock)
            if reply.get("op") not in ("accepted", "alive"):
                return reply
    except TimeoutError:
        GAVE_UP = True
        sys.stderr.write(f"followup-lint: the warm linter did not answer within {limit:g} s (stopped or busy?); "
                         "checking in this process\n")
        return None
    except (OSError, ValueError, ConnectionError):
        return None
    finally:
        sock.close()


def ping(timeout: float = 2.0) -> dict | None:
    """The daemon's status (pid, checks and messages served, model) if one
    answers, else None."""
    sock = _connect(timeout)
    if sock is None:
        return None
    try:
        send(sock, {"op": "ping", "protocol": PROTOCOL})
        reply = recv(sock)
    except (OSError, ValueError, ConnectionError):
        return None
    finally:
        sock.close()
    return reply if reply.get("ok") else None


# -- forwarding ---------------------------------------------------------------------

def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def forward_argv(args: list[str], prog: str = "followup-lint", stdin: bytes | None = None) -> int | None:
    """Have the daemon run ``followup-lint check ARGS`` (``stdin``: the
    bytes of standard input it reads, for ``-``); print its output here and
    return its exit code, or None when no daemon ran it (nothing printed:
    then check in-process)."""
    reply = exchange(argv_request(args, prog, stdin, _isatty(sys.stdout)))
    if not reply or not reply.get("ok"):
        return None
    if reply.get("stderr"):
        sys.stderr.write(reply["stderr"])
        sys.stderr.flush()
    if reply.get("stdout"):
        sys.stdout.write(reply["stdout"])
        sys.stdout.flush()
    return int(reply["code"])


def assess_message(raw: bytes, name: str, config: str | Path | None, fail_on: str | None, warn_only: bool,
                   assess: bool = True) -> dict | None:
    """Have the running warm linter resolve a hook's settings (``config``,
    ``fail_on``: as the hook's options) and, with ``assess``, lint and
    judge its message: ``{"config_error": str}`` or ``{"assessment": [send,
    report, exit_code] | None}``; None when no daemon answers (then do it
    in-process). What the daemon printed on standard error (a grammar
    notice) is printed here."""
    reply = exchange(message_request(raw, name, str(config) if config else None, fail_on, warn_only, assess))
    if not reply or not reply.get("ok"):
        return None
    if reply.get("stderr"):
        sys.stderr.write(reply["stderr"])
    return reply


# -- lifecycle (server start --warm / stop / status, the background start) -----------

def daemon_pid() -> int | None:
    """The pid of the running daemon from its pid file (checked against
    /proc so a reused pid is not mistaken for it), else None."""
    try:
        with open(pid_file(), encoding="utf-8") as f:
            pid = int(f.read().strip())
    except (OSError, ValueError):
        return None
    return pid if _running(pid) else None


def _running(pid: int) -> bool:
    """True while ``pid`` is a daemon's process and has not ended (its pid
    file goes first, so this looks at the process itself)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            if b"followup_lint.warm" not in f.read():
                return False
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except (OSError, IndexError):
        return False


def try_lock() -> int | None:
    """The daemon's lifetime lock (an flock on ``<runtime dir>/warm.lock``):
    its descriptor if nobody holds it, else None."""
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


def start(idle_timeout: float | None = None, model: str | None = None, *, jars: str | None = None,
          wait: bool = True) -> tuple[int, bool]:
    """Start the daemon unless one runs: (pid, started_now). Race-free: the
    daemon's lifetime lock is taken here and handed to the daemon, so of
    concurrent starts exactly one starts a daemon; the others wait for it.
    ``jars``: the daemon keeps a LanguageTool from there too (the on-demand
    background start). ``wait=False``: return once the daemon runs, without
    waiting for it to answer (pid 0, started_now False: another one starts)."""
    import subprocess

    status = ping()
    if status is not None:
        return int(status["pid"]), False
    fd = try_lock()
    if fd is None:  # another start got there first: its daemon is loading
        if not wait:
            return 0, False
        return _wait_for(None), False
    cmd = [sys.executable, "-m", "followup_lint.warm.daemon", "serve", "--lock-fd", str(fd)]
    if idle_timeout:
        cmd += ["--idle-timeout", str(idle_timeout)]
    if model:
        cmd += ["--model", model]
    if jars:
        cmd += ["--jars", jars]
    env = dict(os.environ)
    env.pop("FOLLOWUP_LINT_WARM", None)
    try:
        from followup_lint.private import open_private

        with os.fdopen(open_private(runtime_dir() / LOG_NAME), "ab") as log:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                    start_new_session=True, env=env, cwd="/", pass_fds=(fd,))
    except OSError as exc:
        raise WarmError(f"cannot start the warm linter: {exc.strerror or exc}") from None
    finally:
        os.close(fd)  # the daemon holds the lock now
    if not wait:
        return proc.pid, True
    return _wait_for(proc), True


def _wait_for(proc) -> int:
    """Wait until a daemon answers (``proc``: the Popen just started); its pid."""
    import time

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
    import signal

    pid = daemon_pid()
    sock = _connect(timeout=2.0)
    stopping = False
    if sock is not None:
        try:
            send(sock, {"op": "stop", "protocol": PROTOCOL})
            reply = recv(sock)
            stopping = bool(reply.get("ok"))
            pid = int(reply.get("pid") or pid or 0) or pid
        except (OSError, ValueError, ConnectionError):
            pass
        finally:
            sock.close()
    if not stopping and pid is not None:  # none listens, or one of another protocol (an older followup-lint)
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    if pid is None:
        _remove_stale(socket_path())
        return None
    _wait_ended(pid, timeout)
    _remove_stale(socket_path())
    return pid


def _wait_ended(pid: int, timeout: float) -> None:
    """Wait for ``pid`` to end (SIGKILL after ``timeout``); collect it when
    it is this process's child (a test, a script)."""
    import signal
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _running(pid):
        time.sleep(0.05)
    if _running(pid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    reap_until = time.monotonic() + 5
    while True:
        try:
            done, _status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            break  # not our child: its parent (or init) collects it
        if done or time.monotonic() > reap_until:
            break
        time.sleep(0.02)
