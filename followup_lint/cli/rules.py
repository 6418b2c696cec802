"""``followup-lint rules`` and ``followup-lint rule CODE``: the rules and their docs."""

from __future__ import annotations

import click

from followup_lint.cli._common import fail


@click.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="markdown prints the full documentation of every rule (docs/rules.md).")
def list_rules(fmt):
    """List every rule: code, name, category, default severity, summary."""
    from followup_lint.rules import all_rules

    rules = all_rules()
    if fmt == "markdown":
        from followup_lint.output.rulesdoc import render_markdown

        click.echo(render_markdown(rules), nl=False)
        return
    if fmt == "json":
        import json

        click.echo(json.dumps([{"code": r.code, "name": r.name, "category": r.category,
                                "severity": r.severity.label, "summary": r.summary,
                                "options": {k: o.default for k, o in r.options.items()},
                                "data": list(r.data)} for r in rules],
                              indent=2))
        return
    for r in rules:
        click.echo(f"{r.code:<6} {r.name:<28} {r.category:<13} {r.severity.label:<8} {r.summary}")


@click.command("rule")
@click.argument("code")
def show_rule(code):
    """Show the documentation of one rule (by code or name)."""
    from followup_lint.rules import find_rule

    r = find_rule(code)
    if r is None:
        fail(f"no rule {code!r} (see `followup-lint rules`)")
    click.echo(f"{r.code} {r.name}  [{r.category}, {r.severity.label}]\n")
    click.echo(r.summary + "\n")
    for title, body in r.sections().items():
        click.echo(f"{title}\n{'-' * len(title)}")
        click.echo(body + "\n")
    if r.options:
        click.echo("Options\n-------")
        for name, opt in r.options.items():
            click.echo(f"{name} = {opt.default!r}  {opt.help}")
        click.echo()
    _echo_where(r)


def _echo_where(r) -> None:
    """Where the rule lives: code, data files, fixtures, docs."""
    from followup_lint.registry import shown

    src, line = r.source()
    click.echo(f"Files\n-----\ncode      {shown(src)}:{line}")
    for path in r.data_paths():
        click.echo(f"data      {shown(path)}")
    for path in r.fixture_paths():
        click.echo(f"fixture   {shown(path)}")
    for path in r.test_paths():
        click.echo(f"test      {shown(path)}")
    if r.fixture_paths():
        click.echo("test      tests/test_rule_fixtures.py -k " + r.code + "  (its fixtures, exact positions)")
    click.echo(f"docs      docs/rules.md#{r.code.lower()}-{r.name}")


COMMANDS = [list_rules, show_rule]
