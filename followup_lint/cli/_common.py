"""Helpers every command shares: the one-line error and its exit code,
comma-separated list options, writing a report to stdout or a file."""

from __future__ import annotations

import sys

import click

EXIT_USAGE = 2

from followup_lint.errors import one_line  # noqa: F401  (cli._common.one_line: every command uses it)


def notice(message: str) -> None:
    """``followup-lint: MESSAGE`` on standard error, as one line."""
    click.echo(f"followup-lint: {one_line(message)}", err=True)


def fail(message: str) -> None:
    """A user mistake: one line on standard error, exit code 2."""
    click.echo(f"followup-lint: error: {one_line(message)}", err=True)
    sys.exit(EXIT_USAGE)


def split_list(values: tuple[str, ...]) -> tuple[str, ...] | None:
    """``--select A,B --select C`` -> ("A", "B", "C"); None when empty."""
    items = tuple(v.strip() for value in values for v in value.split(",") if v.strip())
    return items or None


def emit(text: str, output: str | None, color: bool = False) -> None:
    """Print ``text``, or write it to the file ``output`` (``-``: stdout)
    atomically and private (a report quotes drafts): the whole report or
    the old file, never half of one."""
    from followup_lint.output.jsonfmt import valid_text
    from followup_lint.private import write_atomic

    text = valid_text(text)  # a lone surrogate (a name or an .eml byte that is not UTF-8) as U+FFFD
    if output is None or output == "-":
        click.echo(text, color=color)
        return
    body = (click.unstyle(text) if not color else text) + "\n"
    try:
        write_atomic(output, body.encode("utf-8"))
    except OSError as exc:
        fail(f"--output {output}: cannot write ({exc.strerror or exc})")


def refuse_input_as_output(output: str | None, inputs) -> None:
    """-o must never replace a draft: refuse a path that is one of the
    inputs (the same file, by device and inode, whatever the spelling)."""
    import os

    if output in (None, "-"):
        return
    try:
        target = os.stat(output)
    except OSError:
        return  # a new file cannot be an input
    for path in inputs:
        if path == "-":
            continue
        try:
            info = os.stat(path)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) == (target.st_dev, target.st_ino):
            fail(f"--output {output} is one of the inputs ({path}); not overwriting it")
