"""The ``followup-lint`` command's entry point, and the warm path's client.

When a warm linter runs (``followup-lint server start --warm``), a
``followup-lint check ...`` command is handed to it before anything else is
imported: the daemon parses the arguments with the very same Click command
and runs it, and this process replays its output and exit code. That saves
importing Click and :mod:`followup_lint.cli` (about a third of a warm check's
time). Every other command, a check that reads standard input or asks for
``--help``, and a check with no daemon answering go to
:func:`followup_lint.cli.main` as usual (which still forwards a parsed
check to the daemon when one answers; see :mod:`followup_lint.warm`).

This module imports only the standard library's ``os``, ``sys``, ``socket``,
``stat``, ``struct`` and ``json``; :mod:`followup_lint.warm` builds on it.
``sendmail -- COMMAND`` and ``hook run FILE`` (no options) are handled here
too while a warm linter runs (:func:`hook_fast`): the hook's own steps
(followup_lint.hooks, the config) without Click and the command line.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import struct
import sys

from followup_lint import dirs

ENV_SWITCH = "FOLLOWUP_LINT_WARM"  # "0": never use the warm path
SOCKET_NAME = "warm.sock"
PROTOCOL = 2  # 2: the daemon acknowledges a check at once and sends "alive" frames while it runs
MAX_MESSAGE = 256 * 1024 * 1024
# seconds a client waits for the daemon's next frame (the acknowledgement,
# then an "alive" frame every HEARTBEAT seconds while the check runs) before
# it gives up and checks in-process: a stopped (SIGSTOP) or wedged daemon
# costs this once, never a hang
ENV_TIMEOUT = "FOLLOWUP_LINT_WARM_TIMEOUT"
REPLY_TIMEOUT = 3.0
HEARTBEAT = 1.0
GAVE_UP = False  # a daemon went silent in this process: not asked again


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["check"] and forwardable(args[1:]):
        code = forward_argv(args[1:], program_name())
        if code is not None:
            sys.exit(code)
    code = hook_fast(args)
    if code is not None:
        if "spacy" in sys.modules and sys.getprofile() is None and sys.gettrace() is None:
            _exit_now(code)  # linted in this process after all (the daemon went away)
        sys.exit(code)
    from followup_lint.cli import main as cli_main

    try:
        cli_main()
    except SystemExit as exc:
        if (isinstance(exc.code, (int, type(None))) and "spacy" in sys.modules
                and sys.getprofile() is None and sys.gettrace() is None):  # a profiler or coverage reports at exit
            _exit_now(exc.code or 0)
        raise


def _exit_now(code: int) -> None:
    """End the process without tearing down the interpreter: freeing the
    spaCy pipeline's objects one by one at exit takes about 0.15 s, a tenth
    of a cold check. Everything is finished by then (output written, the
    cache committed and closed, LanguageTool and worker processes stopped by
    the check itself); only the standard streams still need flushing."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more to say
            pass
    os._exit(code)


def program_name() -> str:
    """The name Click would give this program in messages: the script's
    name, or ``python -m followup_lint`` (Click's own rule)."""
    path = sys.argv[0]
    package = getattr(sys.modules.get("__main__"), "__package__", None)
    if not package:
        return os.path.basename(path)
    name = os.path.splitext(os.path.basename(path))[0]
    module = package if name == "__main__" else f"{package}.{name}"
    return f"python -m {module.lstrip('.')}"


# -- places -------------------------------------------------------------------

def runtime_dir() -> str:
    """Where the warm linter's socket lives (a path string)."""
    return dirs.runtime_dir()


def private_socket_ok(path: str) -> bool:
    """True if ``path`` is a socket of this user that nobody else can use."""
    try:
        info = os.lstat(path)
        parent = os.lstat(os.path.dirname(path) or ".")
    except OSError:
        return False
    return (stat.S_ISSOCK(info.st_mode) and info.st_uid == os.getuid() and parent.st_uid == os.getuid()
            and not stat.S_IMODE(parent.st_mode) & 0o077)


def switched_off() -> bool:
    return GAVE_UP or os.environ.get(ENV_SWITCH, "1") in ("0", "no", "false", "off")


# -- framing ------------------------------------------------------------------

def send(sock: socket.socket, obj) -> None:
    data = json.dumps(obj, ensure_ascii=False).encode("utf-8")
    sock.sendall(struct.pack(">I", len(data)) + data)


def _recv_exact(sock: socket.socket, n: int) -> bytes:
    parts = []
    while n:
        chunk = sock.recv(min(n, 1 << 20))
        if not chunk:
            raise ConnectionError("connection closed")
        parts.append(chunk)
        n -= len(chunk)
    return b"".join(parts)


def recv(sock: socket.socket):
    (size,) = struct.unpack(">I", _recv_exact(sock, 4))
    if size > MAX_MESSAGE:
        raise ConnectionError("message too large")
    return json.loads(_recv_exact(sock, size).decode("utf-8"))


# -- the client -----------------------------------------------------------------

def forwardable(args: list[str]) -> bool:
    """Can the daemon run ``check ARGS`` with no more than the arguments,
    the working directory and the environment? Not when it reads standard
    input (``-``, ``--files-from -``) or prints help (the terminal's width)."""
    if switched_off():
        return False
    for a in args:
        if a in ("-", "--help", "-h") or a.endswith("=-"):
            return False
    return True


def isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def exchange(request: dict, connect_timeout: float = 2.0) -> dict | None:
    """Send ``request`` to the daemon and return its reply, or None if no
    daemon answers (nothing has been printed then)."""
    path = os.path.join(runtime_dir(), SOCKET_NAME)
    if not private_socket_ok(path):
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(connect_timeout)
        sock.connect(path)
    except OSError:
        sock.close()
        return None
    return ask(sock, request)


def reply_timeout() -> float:
    try:
        return max(0.2, float(os.environ.get(ENV_TIMEOUT) or REPLY_TIMEOUT))
    except ValueError:
        return REPLY_TIMEOUT


def ask(sock: socket.socket, request: dict) -> dict | None:
    """Send ``request`` on a connected socket, close it, and return the
    reply (None if the connection failed on the way, or the daemon went
    silent: no frame for :func:`reply_timeout` seconds). A big batch takes
    as long as it takes: the daemon says it is alive every second."""
    limit = reply_timeout()
    try:
        sock.settimeout(limit)
        send(sock, request)
        while True:
            reply = recv(sock)
            if reply.get("op") not in ("accepted", "alive"):
                return reply
    except socket.timeout:
        global GAVE_UP
        GAVE_UP = True
        sys.stderr.write(f"followup-lint: the warm linter did not answer within {limit:g} s (stopped or busy?); "
                         "checking in this process\n")
        return None
    except (OSError, ValueError, ConnectionError):
        return None
    finally:
        sock.close()


def replay(reply: dict | None) -> int | None:
    """Print a daemon's answer as if this process had run the check, and
    return its exit code; None if it did not run it."""
    if not reply or not reply.get("ok"):
        return None
    if reply.get("stderr"):
        sys.stderr.write(reply["stderr"])
        sys.stderr.flush()
    if reply.get("stdout"):
        sys.stdout.write(reply["stdout"])
        sys.stdout.flush()
    return int(reply["code"])


# -- hooks through the warm linter, without Click ---------------------------------

def hook_fast(args: list[str]) -> int | None:
    """``sendmail -- COMMAND...`` and ``hook run FILE`` with no options of
    their own, while a warm linter runs: the same steps as the Click
    commands (followup_lint.cli.hooks), without importing Click and the
    command line (a send's time is mostly imports). None: not this case (an
    option, no daemon, FOLLOWUP_LINT_SAVE_DIR set): the Click command runs."""
    if switched_off() or os.environ.get("FOLLOWUP_LINT_SAVE_DIR"):
        return None
    if len(args) >= 3 and args[:2] == ["sendmail", "--"]:
        command, message = args[2:], None
    elif len(args) == 3 and args[:2] == ["hook", "run"] and not args[2].startswith("-"):
        command, message = None, args[2]
    else:
        return None
    if not private_socket_ok(os.path.join(runtime_dir(), SOCKET_NAME)):
        return None
    from followup_lint import hooks
    from followup_lint.config import ConfigError, ConfigResolver
    from followup_lint.errors import one_line

    def fail(text: str) -> int:
        sys.stderr.write(f"followup-lint: error: {one_line(text)}\n")
        return 2

    if message is None:
        raw = sys.stdin.buffer.read()
    else:
        try:
            with open(message, "rb") as f:
                raw = f.read()
        except OSError as exc:
            return fail(f"{message}: cannot read ({exc.strerror or exc})")
    try:
        settings = ConfigResolver(None, {}).for_path(".").for_hook(None)
    except ConfigError as exc:
        return fail(str(exc))
    return _hook_verdict(hooks, raw, command, message, settings)


def _hook_verdict(hooks, raw: bytes, command: list[str] | None, message: str | None, settings) -> int:
    """The rest of ``sendmail`` / ``hook run`` (followup_lint.hooks.run, as
    the Click commands), the message linted by the warm linter (in this
    process if it does not answer)."""
    def lint(data: bytes, name: str, s):
        result = lint_message(data, name, None)
        return result if result is not None else hooks.lint_message(data, name, s)

    def say(text: str) -> None:
        sys.stderr.write(text + "\n")
        sys.stderr.flush()

    return hooks.run(raw, command, message or "<message>", settings, warn_only=False, save_dir=None,
                     on_error="closed", keep_copy=command is not None, lint=lint, say=say)


def lint_message(raw: bytes, name: str, config: str | None):
    """Have the running warm linter lint a hook's message: its FileResult,
    or None when no daemon answers (then lint in-process). What the daemon
    printed on standard error (a grammar notice) is printed here."""
    if switched_off():
        return None
    reply = exchange({"op": "message", "protocol": PROTOCOL, "raw": raw.decode("latin-1"), "name": name,
                      "config": str(config) if config else None, "cwd": os.getcwd(), "env": dict(os.environ)})
    if not reply or not reply.get("ok"):
        return None
    from dataclasses import replace

    from followup_lint.finding import FileResult, Severity

    if reply.get("stderr"):
        sys.stderr.write(reply["stderr"])
    data = json.loads(reply["result"])
    # the hook applies its own fail levels
    result = FileResult.from_dict({"path": name, "error": None, **data}, fail_on=Severity.WARNING)
    return replace(result, error=reply["error"]) if reply.get("error") else result


def forward_argv(args: list[str], prog: str = "followup-lint") -> int | None:
    """Have the daemon run ``followup-lint check ARGS``; its exit code, or
    None when no daemon answers (then check in-process)."""
    return replay(exchange({
        "op": "argv", "protocol": PROTOCOL, "argv": list(args), "prog": prog, "cwd": os.getcwd(),
        "env": dict(os.environ), "stdin": None, "stdout_tty": isatty(sys.stdout),
    }))
