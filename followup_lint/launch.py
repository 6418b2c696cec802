"""The ``followup-lint`` command's entry point.

When a warm linter runs (``followup-lint server start --warm``, or the
background one the first check starts), a ``followup-lint check ...`` command
is handed to it before anything else is imported: its arguments, working
directory, environment and (for ``-`` or ``--files-from -``) standard input
go to the daemon (:mod:`followup_lint.warm.client`), which parses them with
the very same Click command and runs it; this process prints its output and
exits with its exit code. That saves importing Click, the command line and
spaCy. ``check --help``, every other command and a check with no daemon
answering go to :func:`followup_lint.cli.main` as usual.

``sendmail -- COMMAND`` and ``hook run FILE`` (no options) are handled here
too while a warm linter runs (:func:`hook_fast`): the hook's own steps
(followup_lint.hooks, the config) without Click and the command line, the
message linted by the daemon.
"""

from __future__ import annotations

import io
import os
import sys

from followup_lint.warm import client
from followup_lint.warm.protocol import private_socket_ok, socket_path

# options of `check` that take a value (the rest are flags): which argument
# is a path, and whether one of them is standard input, is read from these
# (tests/test_warm.py checks the list against the Click command)
VALUE_OPTIONS = frozenset({
    "--format", "--output", "-o", "--select", "--ignore", "--fail-on", "--config", "--model",
    "--languagetool-url", "--include", "--exclude", "--files-from", "--max-file-size", "--jobs", "-j",
    "--kind", "--date",
})


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["check"]:
        code = forward_check(args[1:])
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


# -- forwarding a check ------------------------------------------------------------

def reads_stdin(args: list[str]) -> bool | None:
    """Does ``check ARGS`` read standard input (a path ``-``, ``--files-from
    -``)? None when that cannot be told without Click (help asked for, or
    combined short options): then Click runs it here."""
    positional = False
    wants = False
    pending = None  # the option whose value comes next
    for a in args:
        if pending is not None:
            wants |= pending == "--files-from" and a == "-"
            pending = None
        elif positional or a == "-" or not a.startswith("-"):
            wants |= a == "-"
        elif a == "--":
            positional = True
        elif a in ("--help", "-h"):
            return None
        elif a.startswith("--"):
            name, eq, value = a.partition("=")
            if name in VALUE_OPTIONS and not eq:
                pending = name
            wants |= name == "--files-from" and eq == "=" and value == "-"
        elif a[:2] in ("-o", "-j"):
            if len(a) == 2:
                pending = a
        elif len(a) > 2:  # -qj2 and the like: Click's to read
            return None
    return wants


def forward_check(args: list[str]) -> int | None:
    """Have a running daemon run ``check ARGS``: its exit code, or None (no
    daemon, or not a case for it)."""
    if not client.enabled():
        return None
    stdin = reads_stdin(args)
    if stdin is None or not private_socket_ok(socket_path()):
        return None
    data = None
    if stdin:
        data = sys.stdin.buffer.read()
        # a check in this process (no daemon after all) must still find it
        sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding=sys.stdin.encoding or "utf-8")
    return client.forward_argv(args, program_name(), data)


# -- hooks through the warm linter, without Click ---------------------------------

def hook_fast(args: list[str]) -> int | None:
    """``sendmail -- COMMAND...`` and ``hook run FILE`` with no options of
    their own, while a warm linter runs: the same steps as the Click
    commands (followup_lint.cli.hooks), without importing Click and the
    command line (a send's time is mostly imports). None: not this case (an
    option, no daemon, FOLLOWUP_LINT_SAVE_DIR set): the Click command runs."""
    if not client.enabled() or os.environ.get("FOLLOWUP_LINT_SAVE_DIR"):
        return None
    if len(args) >= 3 and args[:2] == ["sendmail", "--"]:
        command, message = args[2:], None
    elif len(args) == 3 and args[:2] == ["hook", "run"] and not args[2].startswith("-"):
        command, message = None, args[2]
    else:
        return None
    if not private_socket_ok(socket_path()):
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
        result = client.lint_message(data, name, None)
        return result if result is not None else hooks.lint_message(data, name, s)

    def say(text: str) -> None:
        sys.stderr.write(text + "\n")
        sys.stderr.flush()

    return hooks.run(raw, command, message or "<message>", settings, warn_only=False, save_dir=None,
                     on_error="closed", keep_copy=command is not None, lint=lint, say=say)
