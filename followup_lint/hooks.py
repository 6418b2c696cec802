"""Pre-send hooks: lint a whole RFC 822 message before it leaves.

* ``followup-lint sendmail -- REAL_SENDMAIL ARGS...`` sits where a mail
  program calls sendmail (mutt/neomutt's ``sendmail``, git's
  ``sendemail.sendmailCmd``). It reads the message on standard input and
  either hands it, byte for byte, to the real command (and exits with that
  command's exit code), or refuses: findings on standard error, a copy of the
  message saved for fixing and resending, a non-zero exit, and the real
  command never runs.
* ``followup-lint hook install --git`` writes git's ``sendemail-validate``
  hook, which lints each email ``git send-email`` is about to send.

The escape hatch for one message: an ``X-Followup-Lint: skip`` header, or
``FOLLOWUP_LINT=skip`` in the environment.
"""

from __future__ import annotations

import os
import re
import sys
from collections import namedtuple
from pathlib import Path

SKIP_HEADER = "X-Followup-Lint"
SKIP_ENV = "FOLLOWUP_LINT"
EXIT_REFUSED = 1
EXIT_INPUT = 2  # the message cannot be read as an email with text: kept, not sent
EXIT_CRASH = 75  # EX_TEMPFAIL: the linter failed; the message was kept, try again later
EXIT_NOT_SAVED = 75  # EX_TEMPFAIL: refused and no copy could be saved; the mail program keeps it
HOOK_MARK = "# installed by followup-lint"


# send: may it go; report: what to print on stderr ("" for nothing); saved:
# the refused copy; exit_code (a namedtuple: importing typing costs a hook
# send more than the rest of this module)
Verdict = namedtuple("Verdict", "send report saved exit_code", defaults=(None, 0))


def skip_requested(raw: bytes) -> bool:
    if os.environ.get(SKIP_ENV, "").strip().lower() == "skip":
        return True
    end = re.search(rb"\r?\n\r?\n", raw)
    head = raw[:end.start()] if end else raw
    return bool(re.search(rb"(?im)^" + SKIP_HEADER.encode() + rb"[ \t]*:[ \t]*skip[ \t]*\r?$", head))


def default_save_dir() -> Path:
    from followup_lint.dirs import save_dir

    return save_dir()


def save_copy(raw: bytes, directory: Path) -> Path:
    """Keep a refused message, exactly as it came in; never overwrite.
    The copy is written atomically into a private folder (temporary file,
    fsync, link into place) and read back: it is whole or it is not there.
    Raises OSError when no verified copy could be made."""
    import hashlib
    import time

    from followup_lint.private import private_dir, write_atomic

    private_dir(directory)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    digest = hashlib.sha256(raw).hexdigest()[:10]
    for n in range(1000):
        path = directory / (f"{stamp}-{digest}.eml" if n == 0 else f"{stamp}-{digest}-{n}.eml")
        try:
            return write_atomic(path, raw, exclusive=True, verify=True)
        except FileExistsError:
            continue
    raise OSError(f"{directory}: 1000 copies of this message already")


def _keep(raw: bytes, save_dir: Path | None, keep_copy: bool, name: str) -> tuple[Path | None, str | None]:
    """(the saved copy or None, None) or (None, why no copy could be made)."""
    if not keep_copy:
        return None, None
    directory = save_dir or default_save_dir()
    try:
        return save_copy(raw, directory), None
    except OSError as exc:
        if exc.strerror:
            return None, f"{directory}: {exc.strerror}"
        return None, str(exc)


def _unsaved(report: str, why: str) -> Verdict:
    """Refused, and no copy could be made: EX_TEMPFAIL, so the mail program
    keeps the message (mutt stays in the compose menu, git send-email stops)."""
    return Verdict(False, f"{report}\nfollowup-lint: not sent, and NO COPY COULD BE SAVED ({why}); "
                          f"exit {EXIT_NOT_SAVED} so your mail program keeps the message", None, EXIT_NOT_SAVED)


# What linting a message said, before anything is saved or sent (the warm
# linter sends one back as a list): send, report, exit_code
Assessment = namedtuple("Assessment", "send report exit_code", defaults=(0,))


def describe_policy(settings) -> str:
    """The fail levels in words: "warning for hostile, presumptuous and desperate; error otherwise"."""
    by_level: dict = {}
    for cat, level in sorted(settings.fail_on_category.items()):
        if level != settings.fail_on:
            by_level.setdefault(level, []).append(cat)
    parts = [f"{level.label} for {_and(cats)}" for level, cats in sorted(by_level.items())]
    if not parts:
        return f"at or above {settings.fail_on.label}"
    return "at or above " + "; ".join(parts) + f"; {settings.fail_on.label} otherwise"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def assess(raw: bytes, name: str, settings, *, warn_only: bool, lint=None) -> Assessment:
    """Lint a message (``lint``: a function of raw, name, settings giving a
    FileResult; in-process by default) and decide whether it may go."""
    from followup_lint.output import text

    result = (lint or lint_message)(raw, name, settings)
    if result.error:
        report = f"followup-lint: error: {result.error}"
        if warn_only:
            return Assessment(True, report)
        return Assessment(False, report + "\nfollowup-lint: not sent: the message could not be checked",
                          EXIT_INPUT)
    blocking = [f for f in result.findings if settings.blocks(f)]
    report = text.findings([result], color=False) if result.findings else ""
    if warn_only or not blocking:
        if result.findings and not warn_only:
            report += f"\nfollowup-lint: sent: nothing that blocks a send ({describe_policy(settings)})"
        return Assessment(True, report)
    return Assessment(False, report + f"\nfollowup-lint: not sent: {len(blocking)} finding(s) "
                      f"{describe_policy(settings)}", EXIT_REFUSED)


def judge(raw: bytes, name: str, settings, *, warn_only: bool, save_dir: Path | None,
          on_error: str = "closed", keep_copy: bool = True, lint=None, assessed: Assessment | None = None) -> Verdict:
    """Lint a message and decide whether it may be sent (``assessed``: the
    warm linter's assessment of it, made already). A refused message is
    saved (unless ``keep_copy`` is false: it is a file already)."""
    if skip_requested(raw):
        return Verdict(True, "")
    try:
        verdict = assessed if assessed is not None else assess(raw, name, settings, warn_only=warn_only, lint=lint)
    except Exception as exc:  # the linter itself failed: policy decides
        why = " ".join(str(exc).split()) or type(exc).__name__
        if on_error == "open":
            return Verdict(True, f"followup-lint: internal error ({why}); sending anyway (--on-error open)")
        report = f"followup-lint: internal error ({why}); not sent (--on-error closed)."
        saved, failed = _keep(raw, save_dir, keep_copy, name)
        if failed:
            return _unsaved(report, failed)
        where = f"The message is saved in {saved}" if saved else f"The message is still in {name}"
        return Verdict(False, f"{report} {where}", saved, EXIT_CRASH)
    if verdict.send:
        return Verdict(True, verdict.report)
    report = verdict.report
    saved, failed = _keep(raw, save_dir, keep_copy, name)
    if failed:
        return _unsaved(report, failed)
    where = f"The message is saved in {saved}" if saved else f"The message is still in {name}"
    report = (f"{verdict.report}. {where}\n"
              f"  fix it and send again, or skip the check once with an "
              f"'{SKIP_HEADER}: skip' header or {SKIP_ENV}=skip")
    return Verdict(False, report, saved, verdict.exit_code)


def lint_message(raw: bytes, name: str, settings, linter=None, server_running: bool = False):
    """The FileResult of a message (``linter``: an engine.Linter to use,
    e.g. the warm linter's kept one, else one made for this message;
    ``server_running``: the caller knows the kept LanguageTool runs)."""
    from followup_lint.draft import InputError, parse_bytes
    from followup_lint.engine import Linter
    from followup_lint.finding import FileResult

    try:
        draft = parse_bytes(raw, name, kind="eml")
    except InputError as exc:
        return FileResult(name, error=str(exc), fail_on=settings.fail_on,
                          fail_on_category=settings.fail_on_category)
    settings = settings if server_running else _grammar_for_hooks(settings)
    if linter is not None:
        return linter.lint_drafts([(draft, settings)])[0]
    with Linter(model=settings.model) as linter:
        return linter.lint_drafts([(draft, settings)])[0]


def _grammar_for_hooks(settings):
    """Hooks use the kept LanguageTool server when one runs (or the
    configured URL); when none runs they start the background one (the first
    send waits for it, later ones find it running). With the background start
    off (config, FOLLOWUP_LINT_BACKGROUND=0, CI) they do not wait for a JVM
    of their own, and say so in one line."""
    if not settings.grammar or settings.languagetool_url:
        return settings
    try:
        from followup_lint import grammar
        from followup_lint.grammar.server import read_state

        grammar.ON_DEMAND_DEFAULT = True  # (grammar.DAEMON is set by the hook commands: cli/hooks.py)
        running = read_state() is not None or grammar.background_idle(settings) is not None
    except Exception:
        running = False
    if running:
        return settings
    print("followup-lint: grammar checks skipped: no kept LanguageTool server and the background start is off; "
          "start one with `followup-lint server start`", file=sys.stderr)
    from dataclasses import replace

    return replace(settings, grammar=False)


def missing_command(command: list[str]) -> str | None:
    """Why ``command`` cannot run (checked before the message is judged), or None."""
    import shutil

    prog = command[0]
    if "/" in prog:
        if not os.path.exists(prog):
            return f"{prog}: command not found"
        if not os.access(prog, os.X_OK) or os.path.isdir(prog):
            return f"{prog}: permission denied"
        return None
    return None if shutil.which(prog) else f"{prog}: command not found"


def deliver(command: list[str], raw: bytes) -> int:
    """Run the real sendmail with the message on its standard input."""
    import subprocess

    try:
        proc = subprocess.run(command, input=raw)
    except FileNotFoundError:
        print(f"followup-lint: error: {command[0]}: command not found", file=sys.stderr)
        return 127
    except PermissionError:
        print(f"followup-lint: error: {command[0]}: permission denied", file=sys.stderr)
        return 126
    return proc.returncode


# -- git --------------------------------------------------------------------

def hook_script(executable: str, extra: list[str]) -> str:
    import shlex

    args = " ".join(shlex.quote(a) for a in extra)
    return (f"#!/bin/sh\n{HOOK_MARK}\n"
            f"# git send-email runs this with the file of each email it is about to send;\n"
            f"# a non-zero exit stops it. Skip once: FOLLOWUP_LINT=skip git send-email ...\n"
            f"exec {shlex.quote(executable)} hook run {args}{' ' if args else ''}\"$1\"\n")


def git_hooks_dir(repo: Path) -> Path:
    import subprocess

    out = subprocess.run(["git", "-C", str(repo), "rev-parse", "--git-path", "hooks"],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise ValueError(f"{repo}: not a git repository")
    hooks = Path(out.stdout.strip())
    return hooks if hooks.is_absolute() else (repo / hooks)


def install_git_hook(repo: Path, executable: str, extra: list[str], force: bool) -> Path:
    hooks = git_hooks_dir(repo)
    hooks.mkdir(parents=True, exist_ok=True)
    path = hooks / "sendemail-validate"
    script = hook_script(executable, extra)
    if path.exists():
        current = path.read_text("utf-8", "replace")
        if current != script and not force:
            raise FileExistsError(f"{path} exists and is not followup-lint's hook: use --force to replace it")
    path.write_text(script, "utf-8")
    path.chmod(0o755)
    return path


def run(raw: bytes, command: list[str] | None, name: str, settings, *, warn_only: bool, save_dir: Path | None,
        on_error: str, keep_copy: bool, lint, say, assessed: Assessment | None = None) -> int:
    """What ``sendmail`` (``command``: the real sendmail) and ``hook run``
    (``command`` None) do with a message read and its settings resolved:
    refuse it (saved) or pass it on; ``say`` prints a line on standard
    error. Returns the exit code. ``assessed``: the warm linter's
    assessment (:func:`assess` there), when it made one (``settings`` may
    then be None). The Click commands and the entry point's warm fast path
    (followup_lint.launch.hook_fast) both end here."""
    if command is not None:
        problem = missing_command(command)
        if problem:  # nothing could be sent anyway: say so, and keep the message
            saved, failed = _keep(raw, save_dir, True, "<message>")
            where = f"It is saved in {saved}" if saved else f"NO COPY COULD BE SAVED ({failed})"
            say(f"followup-lint: error: {problem}; the message was not checked or sent. {where}")
            return 127 if "not found" in problem else 126
    verdict = judge(raw, name, settings, warn_only=warn_only, save_dir=save_dir, on_error=on_error,
                    keep_copy=keep_copy, lint=lint, assessed=assessed)
    if verdict.report:
        say(verdict.report)
    if not verdict.send:
        return verdict.exit_code
    return 0 if command is None else deliver(command, raw)
