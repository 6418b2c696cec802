"""What a warm client and the daemon say to each other, and where.

Requests (one JSON object a frame; every one carries ``protocol``):

* ``{"op": "ping"}``: the daemon's status (pid, checks and hook messages
  served, idle timeout, its LanguageTool's pid, the loaded pipelines).
* ``{"op": "stop"}``: the daemon ends after answering with its pid.
* ``{"op": "argv", "argv": [...], "prog": ..., "cwd": ..., "env": {...},
  "stdin": str | None, "stdout_tty": bool}``: run ``followup-lint check
  ARGV`` there, parsed by the same Click command (usage errors included),
  with that working directory, environment and standard input (bytes as
  latin-1, None for none). The reply is ``{"ok": true, "code", "stdout",
  "stderr"}``.
* ``{"op": "message", "raw": str, "name": ..., "config": str | None,
  "fail_on": str | None, "warn_only": bool, "assess": bool, "cwd", "env"}``:
  a hook's message (bytes as latin-1): its settings resolved as the hook
  command does (``{"ok": true, "config_error": str}`` when they cannot be)
  and, with ``assess``, the message linted and judged: ``{"ok": true,
  "assessment": [send, report, exit_code], "stderr": str}``
  (followup_lint.hooks.Assessment). The hook itself saves a refused copy
  and delivers.

A request that runs a check is acknowledged at once (``{"op":
"accepted"}``) and followed by ``{"op": "alive"}`` every :data:`HEARTBEAT`
seconds until the reply. ``{"ok": false}``: the daemon did not run it (an
older or newer protocol, or it failed): the client runs it itself.

Frames: a 4-byte big-endian length, then that many bytes of one object in
:mod:`marshal`'s format (dicts, lists, strings, numbers, booleans, None): the
interpreter has marshal built in, where the json module's import (re, enum
...) cost a forwarded check about 3 ms. Only this user can connect (the
socket is 0600 in a 0700 folder of theirs, checked on both sides), the same
trust as the compiled tables kept in the user's cache folder
(followup_lint.regexcache). A frame of an older (JSON) client does not
decode: the daemon drops it and that client checks in-process.
Only the standard library and :mod:`followup_lint.dirs` are imported here,
and pathlib only by the functions that return a Path: a forwarded check
(:func:`socket_file`, the frames) does without it.
"""

from __future__ import annotations

import marshal
import os
import stat
TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (the warm client)

from followup_lint import __version__, dirs

if TYPE_CHECKING:
    from pathlib import Path

PROTOCOL = 4  # 4: marshal frames; 3: one forwarding request ("argv", standard input included)
# Which installation a request comes from (its version and package folder): a
# daemon serves only clients of its own installation, so a checkout, a second
# virtual environment or an upgraded copy is never answered with another's code.
INSTALL = f"{__version__} {os.path.dirname(os.path.dirname(os.path.abspath(__file__)))}"
ENV_SWITCH = "FOLLOWUP_LINT_WARM"  # "0": never use the warm path
SOCKET_NAME = "warm.sock"
PID_NAME = "warm.pid"
LOG_NAME = "warm.log"
LOCK_NAME = "warm.lock"
MAX_MESSAGE = 256 * 1024 * 1024
# seconds a client waits for the daemon's next frame (the acknowledgement,
# then an "alive" frame every HEARTBEAT seconds while the check runs) before
# it gives up and checks in-process: a stopped (SIGSTOP) or wedged daemon
# costs this once, never a hang
ENV_TIMEOUT = "FOLLOWUP_LINT_WARM_TIMEOUT"
REPLY_TIMEOUT = 3.0
HEARTBEAT = 1.0


class WarmError(Exception):
    """The warm daemon cannot be used or started (one line)."""


# -- places -------------------------------------------------------------------

def runtime_dir() -> Path:
    """``$FOLLOWUP_LINT_RUNTIME_DIR``, else ``$XDG_RUNTIME_DIR/followup-lint``,
    else ``/tmp/followup-lint-<uid>``."""
    from pathlib import Path

    return Path(dirs.runtime_dir())


def socket_path() -> Path:
    return runtime_dir() / SOCKET_NAME


def socket_file() -> str:
    """:func:`socket_path` as a string, without importing pathlib."""
    return os.path.join(dirs.runtime_dir(), SOCKET_NAME)


def pid_path() -> Path:
    return runtime_dir() / PID_NAME


def pid_file() -> str:
    """:func:`pid_path` as a string, without importing pathlib."""
    return os.path.join(dirs.runtime_dir(), PID_NAME)


def private_socket_ok(path: Path | str) -> bool:
    """True if ``path`` is a socket of this user that nobody else can use
    (its directory is this user's and closed to others)."""
    try:
        info = os.lstat(path)
        parent = os.lstat(os.path.dirname(path) or ".")
    except OSError:
        return False
    return (stat.S_ISSOCK(info.st_mode) and info.st_uid == os.getuid() and parent.st_uid == os.getuid()
            and not stat.S_IMODE(parent.st_mode) & 0o077)


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


def switched_off_by_env() -> bool:
    return os.environ.get(ENV_SWITCH, "1") in ("0", "no", "false", "off")


def reply_timeout() -> float:
    try:
        return max(0.2, float(os.environ.get(ENV_TIMEOUT) or REPLY_TIMEOUT))
    except ValueError:
        return REPLY_TIMEOUT


# -- requests -----------------------------------------------------------------

def argv_request(args: list[str], prog: str, stdin: bytes | None, stdout_tty: bool) -> dict:
    return {"op": "argv", "protocol": PROTOCOL, "install": INSTALL, "argv": list(args), "prog": prog, "cwd": os.getcwd(),
            "env": dict(os.environ), "stdin": stdin.decode("latin-1") if stdin is not None else None,
            "stdout_tty": stdout_tty}


def message_request(raw: bytes, name: str, config: str | None, fail_on: str | None, warn_only: bool,
                    assess: bool = True) -> dict:
    return {"op": "message", "protocol": PROTOCOL, "install": INSTALL, "raw": raw.decode("latin-1"), "name": name,
            "config": config, "fail_on": fail_on, "warn_only": warn_only, "assess": assess, "cwd": os.getcwd(),
            "env": dict(os.environ)}


def request_stdin(request: dict) -> bytes:
    raw = request.get("stdin")
    return raw.encode("latin-1") if raw is not None else b""


# -- framing ------------------------------------------------------------------

def send(sock, obj) -> None:
    data = marshal.dumps(obj)
    sock.sendall(len(data).to_bytes(4, "big") + data)


def _recv_exact(sock, n: int) -> bytes:
    parts = []
    while n:
        chunk = sock.recv(min(n, 1 << 20))
        if not chunk:
            raise ConnectionError("connection closed")
        parts.append(chunk)
        n -= len(chunk)
    return b"".join(parts)


def recv(sock) -> dict:
    """The next frame's object: a dict, else ValueError (a frame of another
    protocol, or bad data)."""
    size = int.from_bytes(_recv_exact(sock, 4), "big")
    if size > MAX_MESSAGE:
        raise ConnectionError("message too large")
    try:
        obj = marshal.loads(_recv_exact(sock, size))
    except (EOFError, TypeError, ValueError) as exc:
        raise ValueError(f"not a frame of this protocol: {exc}") from None
    if not isinstance(obj, dict):
        raise ValueError("not a frame of this protocol")
    return obj
