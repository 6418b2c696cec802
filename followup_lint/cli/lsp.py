"""``followup-lint lsp``: the language server for editors (docs/editors.md)."""

from __future__ import annotations

import click


@click.command("lsp")
@click.option("--grammar/--no-grammar", "grammar", default=None,
              help="Check grammar and spelling with LanguageTool.  [default: the config's `grammar`]")
def lsp(grammar):
    """Run the language server for editors (LSP over standard input and
    output): diagnostics while you type, hover docs, quick fixes. Your
    editor starts it; see docs/editors.md for Neovim, Helix, Emacs, Zed,
    VS Code and mutt/neomutt."""
    from followup_lint.lsp.server import main as serve

    serve(grammar=grammar)


COMMANDS = [lsp]
