"""``followup-lint trust``: let a config file found by searching set every
key, including those that run code or send drafts elsewhere (docs/security.md)."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("trust")
@click.argument("config", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--remove", is_flag=True, help="Stop trusting CONFIG.")
@click.option("--list", "show", is_flag=True, help="Print the trusted config files, one a line.")
def trust_command(config, remove, show):
    """Trust a config file found by searching (.followup-lint.toml or
    pyproject.toml), like git's safe.directory.

    Without trust, a config file that belongs to another user or that others
    can write is ignored, and a config found by searching may not set
    languagetool-dir (jars Java runs), languagetool-url (where drafts are
    sent) or a model given as a path: those keys are ignored with a warning.
    Flags and --config FILE are always believed. The list is trusted.txt in
    the user config folder (FOLLOWUP_LINT_CONFIG_DIR).
    """
    from followup_lint import trust
    from followup_lint.cli._common import fail as _fail
    from followup_lint.errors import one_line

    if show:
        for path in sorted(trust.trusted_files()):
            click.echo(one_line(path))
        return
    if config is None:
        _fail("give the config file to trust (or --list)")
    if remove:
        if not trust.remove(config):
            _fail(f"{config} is not trusted")
        click.echo(f"no longer trusted: {one_line(str(config))}")
        return
    if not config.is_file():
        _fail(f"{config}: no such file")
    try:
        where = trust.add(config)
    except OSError as exc:
        _fail(f"cannot write the trust list: {exc.strerror or exc}")
    click.echo(f"trusted {one_line(str(config.resolve()))} (listed in {one_line(str(where))})")


COMMANDS = [trust_command]
