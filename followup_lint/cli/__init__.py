"""The ``followup-lint`` command: the Click group, and one module per command
group beside this file, found by name.

To add a command: write ``cli/<group>.py`` with Click commands (or a group)
and a list ``COMMANDS = [...]`` of them; it is picked up here. Modules whose
name starts with ``_`` are helpers (``_common``: ``fail``, ``one_line``,
``notice``, ``split_list``, ``emit``). Keep imports inside the command
functions: every command module is imported on every run.
"""

from __future__ import annotations

import importlib
import pkgutil

import click

from followup_lint import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="followup-lint")
def main() -> None:
    """Lint the emails you send after a job interview.

    followup-lint reads a draft (a thank-you note, an "any update?" follow-up,
    a reply to a rejection) and points at generic, hostile, presumptuous,
    desperate, badly structured or badly written passages, with line:column
    positions in the original file and a better line to use instead.

    \b
    Examples:
      followup-lint check draft.txt
      followup-lint check --format json note.eml
      followup-lint rules
      followup-lint rule G101

    Exit codes: 0 no findings at or above the fail level, 1 findings at or
    above it, 2 usage, config or input error.
    """


def _add_commands(group: click.Group) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            for command in importlib.import_module(f"{__name__}.{info.name}").COMMANDS:
                group.add_command(command)


_add_commands(main)
check = main.commands["check"]
