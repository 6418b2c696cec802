"""``python -m followup_lint.lsp``: the language server (same as ``followup-lint lsp``)."""

from followup_lint.lsp.server import main

main()
