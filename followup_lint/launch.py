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
from followup_lint.warm.protocol import private_socket_ok, socket_file

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
    from followup_lint import regexcache

    regexcache.install()  # patterns compiled by an earlier command are made from their kept code
    regexcache.COMMAND_LINE = True  # and the phrase lists' token patterns (followup_lint.matching.KEEP)
    from followup_lint.cli import main as cli_main

    try:
        cli_main()
    except SystemExit as exc:
        regexcache.save()
        if "followup_lint.matching" in sys.modules:
            sys.modules["followup_lint.matching"].save_kept()
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
    if stdin is None or not private_socket_ok(socket_file()):
        return None
    data = None
    if stdin:
        data = sys.stdin.buffer.read()
        # a check in this process (no daemon after all) must still find it
        sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding=sys.stdin.encoding or "utf-8")
    return client.forward_argv(args, program_name(), data)


# -- hooks through the warm linter, without Click ---------------------------------

# the hook commands' options (followup_lint.cli.hooks.POLICY_OPTIONS): the
# choices of each one with a value (None: any path), and the flag
HOOK_OPTIONS = {"--fail-on": ("error", "warning", "info"), "--on-error": ("closed", "open"), "--config": None,
                "--save-dir": None}
HOOK_FLAG = "--warn-only"
ENV_SAVE_DIR = "FOLLOWUP_LINT_SAVE_DIR"


def hook_args(args: list[str]) -> tuple[list[str] | None, str | None, dict] | None:
    """(command, message, options) of ``sendmail [OPTIONS] -- COMMAND...``
    or ``hook run [OPTIONS] FILE``; None when Click must read them (help, a
    value it would refuse, another form)."""
    if args[:1] == ["sendmail"]:
        if "--" not in args:
            return None
        cut = args.index("--")
        words, command = args[1:cut], args[cut + 1:]
        if not command:
            return None
    elif args[:2] == ["hook", "run"]:
        words, command = args[2:], None
    else:
        return None
    options: dict = {}
    rest: list[str] = []
    it = iter(words)
    for a in it:
        name, eq, value = a.partition("=")
        if a == HOOK_FLAG:
            options["warn_only"] = True
        elif name in HOOK_OPTIONS and name[2:].replace("-", "_") not in options:
            value = value if eq else next(it, None)
            choices = HOOK_OPTIONS[name]
            if value is None or (choices is not None and value not in choices) or (choices is None and not value):
                return None
            options[name[2:].replace("-", "_")] = value
        elif a == "-" or not a.startswith("-"):
            rest.append(a)
        else:
            return None
    if command is None:
        if len(rest) != 1:
            return None
        return None, rest[0], options
    return (command, None, options) if not rest else None


def hook_fast(args: list[str]) -> int | None:
    """``sendmail [OPTIONS] -- COMMAND...`` and ``hook run [OPTIONS] FILE``
    while a warm linter runs: the same steps as the Click commands
    (followup_lint.cli.hooks), without importing Click, the command line or
    the config: the daemon resolves the settings, lints and judges the
    message (one request); this process saves a refused copy and delivers.
    None: not this case (no daemon, options Click must read): the Click
    command runs."""
    if not client.enabled():
        return None
    parsed = hook_args(args)
    if parsed is None or not private_socket_ok(socket_file()):
        return None
    command, message, options = parsed
    from pathlib import Path

    config = options.get("config")
    save_dir = options.get("save_dir") or os.environ.get(ENV_SAVE_DIR) or None
    if ((config and os.path.isdir(config)) or (save_dir and os.path.exists(save_dir) and not os.path.isdir(save_dir))
            or (message is not None and message != "-" and os.path.isdir(message))):
        return None  # Click's usage error
    if message is None or message == "-":
        raw = sys.stdin.buffer.read()
    else:
        message = os.fspath(Path(message))  # as Click's path type gives it
        try:
            with open(message, "rb") as f:
                raw = f.read()
        except OSError as exc:
            return _fail(f"{message}: cannot read ({exc.strerror or exc})")
    from followup_lint import hooks

    name = message or "<message>"
    warn_only = options.get("warn_only", False)
    judged = not hooks.skip_requested(raw) and not (command and hooks.missing_command(command))
    reply = client.assess_message(raw, name, Path(config) if config else None, options.get("fail_on"), warn_only,
                                  assess=judged)
    if reply is None:
        return _hook_in_process(hooks, raw, command, message, options, save_dir)
    if reply.get("config_error"):
        return _fail(reply["config_error"])
    assessed = hooks.Assessment(*reply["assessment"]) if reply.get("assessment") else None
    return hooks.run(raw, command, name, None, warn_only=warn_only, save_dir=Path(save_dir) if save_dir else None,
                     on_error=options.get("on_error", "closed"), keep_copy=message in (None, "-"),
                     lint=_lint_here, say=_say, assessed=assessed)


def _fail(text: str) -> int:
    from followup_lint.errors import one_line

    sys.stderr.write(f"followup-lint: error: {one_line(text)}\n")
    return 2


def _say(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def _lint_here(raw: bytes, name: str, settings):
    from followup_lint import grammar, hooks

    grammar.DAEMON = client  # a hook may start the background server (docs/hooks.md)
    return hooks.lint_message(raw, name, settings)


def _hook_in_process(hooks, raw: bytes, command: list[str] | None, message: str | None, options: dict,
                     save_dir: str | None) -> int:
    """The daemon went away after all: the same steps in this process."""
    from pathlib import Path

    from followup_lint.config import ConfigError, ConfigResolver
    from followup_lint.finding import Severity

    config, fail_on = options.get("config"), options.get("fail_on")
    try:
        settings = ConfigResolver(Path(config) if config else None, {}).for_path(".").for_hook(
            Severity.parse(fail_on) if fail_on else None)
    except ConfigError as exc:
        return _fail(str(exc))
    return hooks.run(raw, command, message or "<message>", settings, warn_only=options.get("warn_only", False),
                     save_dir=Path(save_dir) if save_dir else None, on_error=options.get("on_error", "closed"),
                     keep_copy=message in (None, "-"), lint=_lint_here, say=_say)
