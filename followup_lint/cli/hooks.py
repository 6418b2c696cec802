"""``followup-lint sendmail`` and ``followup-lint hook``: lint before sending."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from followup_lint.cli._common import fail

POLICY_OPTIONS = [
    click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
                 help="Lowest severity that blocks the message, in every category.  [default: the hook "
                      "profile: hostile, presumptuous, desperate at warning, anything else at error; "
                      "[hook] in the config]"),
    click.option("--warn-only", is_flag=True, help="Print findings but never block."),
    click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
                 help="Config file to use instead of searching from the current directory."),
    click.option("--save-dir", type=click.Path(file_okay=False, path_type=Path), envvar="FOLLOWUP_LINT_SAVE_DIR",
                 help="Where refused messages are saved.  [default: the user data dir, …/followup-lint/refused]"),
    click.option("--on-error", type=click.Choice(["closed", "open"]), default="closed", show_default=True,
                 help="If the linter itself fails: closed keeps the message (saved, not sent), open sends it."),
]


def _policy(fn):
    for opt in reversed(POLICY_OPTIONS):
        fn = opt(fn)
    return fn


def _settings(config_path, fail_on, where: str = "."):
    """The config's settings with the hook profile's fail levels (or one
    level, ``--fail-on``, for every category)."""
    from followup_lint import grammar
    from followup_lint.config import ConfigError, ConfigResolver
    from followup_lint.finding import Severity
    from followup_lint.warm import client

    grammar.DAEMON = client  # a hook may start the background server (docs/hooks.md)
    try:
        settings = ConfigResolver(config_path, {}).for_path(where)
    except ConfigError as exc:
        fail(str(exc))
    return settings.for_hook(Severity.parse(fail_on) if fail_on else None)


def _say(text: str) -> None:
    click.echo(text, err=True)


def _run(raw: bytes, command, name: str, config_path, fail_on, warn_only: bool, **kw) -> int:
    """followup_lint.hooks.run with the message judged by the warm linter
    when one runs (``server start --warm``, or the background one), else
    in this process."""
    from followup_lint import hooks
    from followup_lint.warm import client

    settings = _settings(config_path, fail_on)
    judged = not hooks.skip_requested(raw) and not (command and hooks.missing_command(command))
    reply = client.assess_message(raw, name, config_path, fail_on, warn_only, assess=judged) if judged else None
    assessed = hooks.Assessment(*reply["assessment"]) if reply and reply.get("assessment") else None
    return hooks.run(raw, command, name, settings, warn_only=warn_only, lint=hooks.lint_message, say=_say,
                     assessed=assessed, **kw)


@click.command(context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False})
@_policy
@click.argument("command", nargs=-1, required=True, type=click.UNPROCESSED)
def sendmail(command, fail_on, warn_only, config_path, save_dir, on_error):
    """Lint the message on standard input, then pass it to the real sendmail.

    Use it wherever a mail program calls sendmail, with the real command
    after `--`:

    \b
      set sendmail = "followup-lint sendmail -- /usr/sbin/sendmail -oem -oi"   (mutt)
      git config sendemail.sendmailCmd "followup-lint sendmail -- /usr/sbin/sendmail"

    A message goes to COMMAND byte for byte, and the exit code is COMMAND's,
    unless a finding blocks it: by default hostile, presumptuous and desperate
    findings at warning and anything at error (an unfilled placeholder, a
    missing attachment); writing and structure warnings are shown but let it
    go. A refused message is saved (the path is printed), the exit code is 1
    (2 when it cannot be read as an email), and COMMAND never runs. A running
    warm linter (`server start --warm`) does the linting when there is one.
    Skip the check for one message with an `X-Followup-Lint: skip` header or
    FOLLOWUP_LINT=skip. See docs/hooks.md.
    """
    raw = sys.stdin.buffer.read()
    sys.exit(_run(raw, list(command), "<message>", config_path, fail_on, warn_only, save_dir=save_dir,
                  on_error=on_error, keep_copy=True))


@click.group()
def hook():
    """Install or run followup-lint as a pre-send hook."""


@hook.command("install")
@click.option("--git", "git", is_flag=True, required=True,
              help="Install git's sendemail-validate hook (the only kind so far).")
@click.option("--repo", type=click.Path(file_okay=False, path_type=Path), default=Path("."), show_default=True,
              help="The git repository.")
@click.option("--force", is_flag=True, help="Replace an existing hook that is not followup-lint's.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Written into the hook: lowest severity that stops git send-email.")
def hook_install(git, repo, force, fail_on):
    """Write .git/hooks/sendemail-validate, so `git send-email` lints each email."""
    from followup_lint.hooks import install_git_hook

    beside = Path(sys.executable).parent / "followup-lint"  # the same installation
    exe = str(beside) if beside.exists() else (shutil.which("followup-lint") or str(Path(sys.argv[0]).resolve()))
    extra = ["--fail-on", fail_on] if fail_on else []
    try:
        path = install_git_hook(repo, exe, extra, force)
    except (ValueError, FileExistsError, OSError) as exc:
        fail(str(exc))
    click.echo(f"installed {path}")


@hook.command("run")
@_policy
@click.argument("message", type=click.Path(dir_okay=False, path_type=Path, allow_dash=True))
def hook_run(message, fail_on, warn_only, config_path, save_dir, on_error):
    """Lint one message file the way a pre-send hook does (exit 1 blocks)."""
    try:
        raw = sys.stdin.buffer.read() if str(message) == "-" else message.read_bytes()
    except OSError as exc:
        fail(f"{message}: cannot read ({exc.strerror or exc})")
    sys.exit(_run(raw, None, str(message), config_path, fail_on, warn_only, save_dir=save_dir, on_error=on_error,
                  keep_copy=str(message) == "-"))


COMMANDS = [sendmail, hook]
