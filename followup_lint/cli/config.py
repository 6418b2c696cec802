"""``followup-lint words`` and ``followup-lint init``: fit the linter to its user."""

from __future__ import annotations

from pathlib import Path

import click

from followup_lint.cli._common import fail


@click.group()
def words():
    """Accepted words: the user dictionary every spelling check honours.

    \b
    The dictionary is words.txt in the user config folder (shown by
    `words path`; FOLLOWUP_LINT_CONFIG_DIR moves it), one word a line. A
    config file's `words = [...]` adds to it. A word in lower case is
    accepted in any capitalisation (dbt: dbt, Dbt, DBT); a word with
    capitals only exactly as written (PyTorch).

    \b
    Examples:
      followup-lint words add dbt kubectl
      followup-lint words list
      followup-lint words remove kubectl
    """


@words.command("add")
@click.argument("word", nargs=-1, required=True)
def words_add(word):
    """Accept WORD... (each one word, no spaces)."""
    from followup_lint.words import add, dictionary_path

    try:
        new = add(word)
    except (ValueError, OSError) as exc:
        fail(str(exc))
    for w in word:
        click.echo(f"{'added' if w in new else 'already there'}: {w}")
    if new:
        click.echo(f"({dictionary_path()})")


@words.command("remove")
@click.argument("word", nargs=-1, required=True)
def words_remove(word):
    """Stop accepting WORD... (exit 1 if one of them was not in the dictionary)."""
    from followup_lint.words import remove

    try:
        gone = remove(word)
    except OSError as exc:
        fail(str(exc))
    for w in word:
        click.echo(f"{'removed' if w in gone else 'not in the dictionary'}: {w}")
    raise SystemExit(0 if len(set(gone)) == len(set(word)) else 1)


@words.command("list")
def words_list():
    """Print the user dictionary's words, one a line."""
    from followup_lint.words import read_dictionary

    try:
        for w in read_dictionary():
            click.echo(w)
    except OSError as exc:
        fail(str(exc))


@words.command("path")
def words_path():
    """Print where the user dictionary is."""
    from followup_lint.words import dictionary_path

    click.echo(str(dictionary_path()))


@click.command("init")
@click.option("--pyproject", is_flag=True,
              help="Add a [tool.followup-lint] table to ./pyproject.toml instead of writing .followup-lint.toml.")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the config instead of writing a file.")
@click.option("--force", is_flag=True, help="Replace an existing .followup-lint.toml.")
def init(pyproject, to_stdout, force):
    """Write a commented .followup-lint.toml with every key at its default.

    Checking with the file it writes gives the same results as checking
    with no config; change what you need. See docs/configuration.md.
    """
    from followup_lint.initconfig import render

    text = render(pyproject=pyproject)
    if to_stdout:
        click.echo(text, nl=False)
        return
    if pyproject:
        import tomllib

        path = Path("pyproject.toml")
        current = path.read_text("utf-8") if path.exists() else ""
        try:
            if "followup-lint" in tomllib.loads(current).get("tool", {}):
                fail(f"{path}: already has a [tool.followup-lint] table")
        except tomllib.TOMLDecodeError as exc:
            fail(f"{path}: invalid TOML: {exc}")
        with path.open("a", encoding="utf-8") as fh:
            fh.write(("\n" if current and not current.endswith("\n\n") else "") + text)
        click.echo(f"added [tool.followup-lint] to {path}")
        return
    path = Path(".followup-lint.toml")
    if path.exists() and not force:
        fail(f"{path} exists: use --force to replace it")
    path.write_text(text, "utf-8")
    click.echo(f"wrote {path}")


COMMANDS = [words, init]
