"""The local LanguageTool server: found, started, checked and stopped.

LanguageTool runs as its own HTTP server (``org.languagetool.server.HTTPServer``
from the jars ``make setup`` puts in the cache directory), bound to 127.0.0.1
only (the server listens on the loopback interface unless given ``--public``,
which is never passed) on a free port.

Two lifetimes:

* **kept**: ``followup-lint server start`` starts one in its own session and
  records ``{"pid", "port", "jars"}`` in a state file; every later run
  finds it there and reuses it, until ``followup-lint server stop``.
* **owned**: a run that finds no kept server starts one for itself and stops
  it when it ends. The kernel is asked to end it with its parent too
  (``PR_SET_PDEATHSIG``), so even a killed run leaves no JVM behind.

Nothing here downloads anything.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from followup_lint import dirs
from followup_lint.errors import GrammarUnavailable

LT_VERSION = "6.6"
MAIN_CLASS = "org.languagetool.server.HTTPServer"
REQUIRED_JARS = (f"languagetool-server-{LT_VERSION}.jar", f"language-en-{LT_VERSION}.jar")
STAMP = ".followup-lint-stamp"
ENV_DIR = dirs.ENV_LANGUAGETOOL_DIR
ENV_STATE = dirs.ENV_STATE_DIR
ENV_JAVA_OPTS = "FOLLOWUP_LINT_LANGUAGETOOL_JAVA_OPTS"
# A bounded heap: with the JVM's default (a quarter of the machine's memory)
# the server grows to 1-2 GB on a batch; English checks fit in 1 GB.
DEFAULT_JAVA_OPTS = "-Xmx1g -XX:+UseSerialGC"
SETUP_FIX = "run `make setup` in the followup-lint checkout (other ways: docs/grammar.md)"
# LanguageTool's server options (pipeline and sentence caches): see the file.
# FOLLOWUP_LINT_LANGUAGETOOL_CONFIG names another properties file, or, empty,
# starts the server with LanguageTool's defaults.
SERVER_CONFIG = Path(__file__).with_name("languagetool.properties")
ENV_CONFIG = "FOLLOWUP_LINT_LANGUAGETOOL_CONFIG"
START_TIMEOUT = 120.0  # seconds for the JVM to answer; a slow machine, not a test limit




def cache_dir() -> Path:
    return dirs.user_cache_dir()


def jar_dir(configured: str | None = None) -> Path:
    """Where the LanguageTool jars are: ``configured`` (config key
    ``languagetool-dir``), else $FOLLOWUP_LINT_LANGUAGETOOL_DIR, else
    ``<user cache>/followup-lint/languagetool-6.6`` (followup_lint.dirs)."""
    return dirs.languagetool_dir(configured, LT_VERSION)


def state_dir() -> Path:
    return dirs.state_dir()


def state_file() -> Path:
    return state_dir() / "languagetool-server.json"


def log_file() -> Path:
    return state_dir() / "languagetool-server.log"


def java_executable() -> str:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    found = shutil.which("java")
    if not found:
        raise GrammarUnavailable("Java is not installed (LanguageTool needs Java 17+): install OpenJDK 17, "
                                 f"then {SETUP_FIX}")
    return found


def check_jars(directory: Path) -> Path:
    if classpath(directory) is None:
        raise GrammarUnavailable(f"LanguageTool {LT_VERSION} is not installed in {directory}: {SETUP_FIX}")
    return directory


def classpath(directory: Path) -> str | None:
    """The Java class path for the LanguageTool in ``directory``: the jars
    ``make setup`` copies from Maven Central, or the layout of LanguageTool's
    own zip (``languagetool-server.jar`` and ``libs/``), which is what
    language-tool-python downloads."""
    try:
        if all((directory / j).is_file() for j in REQUIRED_JARS):
            _readable(directory / REQUIRED_JARS[0])
            return str(directory / "*")
        if (directory / "languagetool-server.jar").is_file():
            _readable(directory / "languagetool-server.jar")
            return os.pathsep.join([str(directory / "languagetool-server.jar"), str(directory / "libs" / "*")])
    except PermissionError:
        raise GrammarUnavailable(f"cannot read the LanguageTool folder {directory}: permission denied "
                                 "(set `languagetool-dir` to a folder you can read, or fix its permissions)"
                                 ) from None
    except OSError as exc:
        raise GrammarUnavailable(f"cannot read the LanguageTool folder {directory}: "
                                 f"{exc.strerror or exc}") from None
    return None


def _readable(jar: Path) -> None:
    """Raise PermissionError if ``jar`` cannot be opened (Java would fail
    later with a stack trace in its log)."""
    with open(jar, "rb"):
        pass


@dataclass(frozen=True)
class Server:
    """A LanguageTool server on 127.0.0.1:``port``."""

    pid: int
    port: int
    jars: str = ""
    process: subprocess.Popen | None = None  # set when this process owns it

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def answers(self, timeout: float = 2.0) -> bool:
        return answers(self.port, timeout)

    def owns_port(self) -> str:
        """``"ours"`` when every socket listening on the port belongs to this
        server's process, ``"none"`` while nothing listens yet (the JVM is
        starting), ``"foreign"`` when another program holds it."""
        return port_owner(self.pid, self.port)

    def alive(self) -> bool:
        if self.process is not None:
            # a killed JVM can linger as a zombie whose exit the kernel has
            # not finished (waitpid still says "running"): that is dead too
            return self.process.poll() is None and not _exiting(self.pid)
        return _is_languagetool(self.pid)


def answers(port: int, timeout: float = 2.0) -> bool:
    """True if a LanguageTool server answers on 127.0.0.1:``port``."""
    import urllib.request  # here: a check without grammar never needs http.client and ssl

    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy
    try:
        with opener.open(f"http://127.0.0.1:{port}/v2/languages", timeout=timeout) as r:
            return r.status == 200 and r.read(1) == b"["
    except (OSError, ValueError):
        return False


class NotOurs(GrammarUnavailable):
    """The port answers, but not from the LanguageTool this program started:
    nothing is sent to it (fail closed)."""


_TCP_TABLES = ("/proc/net/tcp", "/proc/net/tcp6")
_LISTEN = "0A"


def _listeners(port: int) -> dict[int, int] | None:
    """{socket inode: uid} of the TCP sockets listening on ``port`` (any
    address, IPv4 and IPv6), or None when the kernel's tables cannot be
    read (not Linux)."""
    found: dict[int, int] = {}
    readable = False
    for table in _TCP_TABLES:
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        readable = True
        for line in lines:
            fields = line.split()
            if len(fields) < 10 or fields[3] != _LISTEN:
                continue
            try:
                if int(fields[1].rsplit(":", 1)[1], 16) == port:
                    found[int(fields[9])] = int(fields[7])
            except (IndexError, ValueError):
                continue
    return found if readable else None


def _socket_inodes(pid: int) -> set[int]:
    """The inodes of the sockets process ``pid`` has open (empty if its
    descriptors cannot be read)."""
    inodes: set[int] = set()
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return inodes
    for fd in fds:
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            try:
                inodes.add(int(target[8:-1]))
            except ValueError:
                pass
    return inodes


def port_owner(pid: int, port: int) -> str:
    """Who listens on 127.0.0.1:``port``: ``"ours"`` (only process ``pid``),
    ``"none"`` (nobody yet), ``"foreign"`` (any other socket), ``"unknown"``
    (no /proc: it cannot be proved, which callers treat as foreign)."""
    listening = _listeners(port)
    if listening is None:
        return "unknown"
    if not listening:
        return "none"
    mine = _socket_inodes(pid)
    return "ours" if mine and set(listening) <= mine else "foreign"


def _not_ours(server: "Server") -> NotOurs:
    listening = _listeners(server.port) or {}
    owners = sorted({uid for inode, uid in listening.items()})
    who = ", ".join(_user_name(uid) for uid in owners) or "another program"
    if not listening:
        return NotOurs(f"cannot prove that 127.0.0.1:{server.port} belongs to the LanguageTool started "
                       "here (no /proc/net/tcp on this system): nothing was sent; name a server you "
                       "trust with --languagetool-url")
    return NotOurs(f"port 127.0.0.1:{server.port} is held by {who}, not by the LanguageTool started here "
                   f"(pid {server.pid}): nothing was sent to it")


def _user_name(uid: int) -> str:
    try:
        import pwd

        return f"user {pwd.getpwuid(uid).pw_name} (uid {uid})"
    except (ImportError, KeyError):
        return f"uid {uid}"


def _proc_state(pid: int) -> str | None:
    """The state letter of ``pid`` in /proc (R, S, D, Z, X...); None where
    there is no such entry (gone, or not Linux)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[-1].split()
    return fields[0] if fields else None


def _exiting(pid: int) -> bool:
    """True if ``pid`` is a zombie or being reaped (elsewhere than Linux
    False: waitpid alone decides there)."""
    return _proc_state(pid) in ("Z", "X")


def _is_languagetool(pid: int) -> bool:
    """True if ``pid`` is a running LanguageTool server (not a reused pid)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        if sys.platform.startswith("linux"):
            return False
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return True
    return MAIN_CLASS.encode() in cmdline


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


_PRCTL = None


def _prepare_die_with_parent() -> bool:
    """Resolve prctl(2) here, in the parent: the child between fork and exec
    must not import anything (another thread may hold the import lock)."""
    global _PRCTL
    if _PRCTL is None and sys.platform.startswith("linux"):
        try:
            import ctypes

            _PRCTL = ctypes.CDLL(None, use_errno=True).prctl
        except Exception:
            return False
    return _PRCTL is not None


def _die_with_parent() -> None:  # runs in the child between fork and exec
    try:
        _PRCTL(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def spawn(jars: Path, *, kept: bool, port: int | None = None, die_with_parent: bool = False,
          on_launch=None) -> Server:
    """Start a server and wait until it answers. ``kept`` servers outlive
    this process (own session, logged to the state dir) unless
    ``die_with_parent`` (the background daemon's: it ends with the daemon);
    others die with it. ``on_launch()`` is called once the JVM runs, before
    the wait (work to do meanwhile)."""
    java = java_executable()
    check_jars(jars)
    attempts = 1 if port else 3
    last = ""
    for _ in range(attempts):
        p = port or free_port()
        opts = os.environ.get(ENV_JAVA_OPTS, DEFAULT_JAVA_OPTS).split()
        config = os.environ.get(ENV_CONFIG, str(SERVER_CONFIG))
        if config and not Path(config).is_file():
            raise GrammarUnavailable(f"{ENV_CONFIG} names {config}, which is not a file")
        cmd = [java, *opts, "-cp", classpath(jars), MAIN_CLASS, "--port", str(p)]
        if config:
            cmd += ["--config", config]
        if kept:
            from followup_lint.private import open_private, private_dir

            try:
                private_dir(state_dir())
                log = os.fdopen(open_private(log_file()), "ab")
            except OSError as exc:
                raise GrammarUnavailable(f"cannot write {log_file()}: {exc.strerror or exc}") from None
        else:
            log = subprocess.DEVNULL
        tied = (not kept or die_with_parent) and _prepare_die_with_parent()
        try:
            proc = subprocess.Popen(
                cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, cwd=str(jars),
                start_new_session=kept, preexec_fn=_die_with_parent if tied else None,
            )
        except OSError as exc:
            raise GrammarUnavailable(f"cannot run {java}: {exc.strerror or exc}") from None
        finally:
            if kept:
                log.close()
        server = Server(proc.pid, p, str(jars), process=proc)
        if on_launch is not None:
            on_launch()
            on_launch = None
        try:
            if _wait_until_ready(server):
                return server
        except NotOurs as exc:
            stop_process(proc)
            if attempts == 1:
                raise
            last = str(exc)  # someone took the free port: another one, checked again
            continue
        if proc.poll() is None:
            stop_process(proc)
        last = f"exit code {proc.returncode}"
    where = f" (see {log_file()})" if kept else ""
    raise GrammarUnavailable(f"LanguageTool did not start ({last}){where}: check `java -version` is 17+, "
                             f"or {SETUP_FIX} again")


def _wait_until_ready(server: Server, timeout: float = START_TIMEOUT) -> bool:
    """Wait until ``server`` answers, asking only once its own process holds
    the port: a program that took the port first (another user can see
    ``--port N`` in /proc before the JVM binds it) gets no request at all;
    that raises :class:`NotOurs`. False if the process ended or the time ran
    out."""
    deadline = time.monotonic() + timeout
    delay = 0.05
    while time.monotonic() < deadline:
        if not server.alive():
            return False
        owner = server.owns_port()
        if owner in ("foreign", "unknown"):
            raise _not_ours(server)
        if owner == "ours" and server.answers(timeout=2.0):
            return True
        time.sleep(delay)
        delay = min(delay * 1.5, 0.25)
    return False


def stop_process(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def stop_pid(pid: int) -> None:
    if not _is_languagetool(pid):
        return
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if not _is_languagetool(pid) or _is_zombie(pid):
            return
        time.sleep(0.05)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def age(pid: int) -> float | None:
    """Seconds since process ``pid`` started (None: unknown)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _is_zombie(pid: int) -> bool:
    """True if ``pid`` is a zombie or gone."""
    return _proc_state(pid) in (None, "Z")


# -- the kept server ------------------------------------------------------------

def _recorded() -> Server | None:
    """The server the state file records (None: none; a corrupt file is
    removed)."""
    from followup_lint.private import private_file

    path = state_file()
    try:
        data = json.loads(private_file(path).read_text("utf-8"))
        server = Server(int(data["pid"]), int(data["port"]), str(data.get("jars", "")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        _remove(path)
        return None
    return server


def read_state(wait: float = 0.0) -> Server | None:
    """The kept server, if one is recorded, still running, provably ours (its
    process holds the port) and answering; a stale state file is removed.
    ``wait``: seconds to wait for one that is still starting (its JVM runs
    but does not listen yet)."""
    path = state_file()
    server = _recorded()
    if server is None:
        return None
    if not server.alive():
        _remove(path)
        return None
    owner = server.owns_port()
    if owner == "ours":
        return server if server.answers() else None
    if owner == "none" and wait > 0:
        try:
            return server if _wait_until_ready(server, wait) else None
        except NotOurs:
            return None
    return None  # starting, or a port held by another program: never used


@contextlib.contextmanager
def start_lock():
    """Held while a kept server is looked for and started: two starts at once
    (two `server start`, ten first checks) leave one server. An flock on
    ``<state dir>/languagetool-server.lock``, released by the kernel if the
    holder dies."""
    from followup_lint.private import private_dir

    directory = state_dir()
    try:
        private_dir(directory)
        fd = os.open(directory / "languagetool-server.lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError as exc:
        raise GrammarUnavailable(f"cannot use {directory}: {exc.strerror or exc}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def start_kept(jars: Path, port: int | None = None) -> tuple[Server, bool]:
    """The kept server, started if needed. Returns (server, started_now)."""
    with start_lock():
        running = read_state(wait=START_TIMEOUT)
        if running is not None:
            return running, False
        server = spawn(jars, kept=True, port=port)
        write_state(server)
    return server, True


def write_state(server: Server) -> None:
    """Record ``server`` as the one later runs reuse."""
    from followup_lint.private import private_dir, write_atomic

    path = state_file()
    private_dir(path.parent)
    write_atomic(path, json.dumps({"pid": server.pid, "port": server.port, "jars": server.jars}).encode())


def forget_state() -> None:
    _remove(state_file())


def stop_kept() -> Server | None:
    """Stop the kept server; returns what was stopped (None: nothing ran)."""
    with start_lock():
        path = state_file()
        server = _recorded()
        if server is None:
            return None
        was_running = server.alive()
        stop_pid(server.pid)
        _remove(path)
    return server if was_running else None


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
