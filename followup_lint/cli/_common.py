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
    """Print ``text``, or write it to the file ``output`` (``-``: stdout)."""
    if output is None or output == "-":
        click.echo(text, color=color)
        return
    try:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(click.unstyle(text) if not color else text)
            fh.write("\n")
    except OSError as exc:
        fail(f"--output {output}: cannot write ({exc.strerror or exc})")
