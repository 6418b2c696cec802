"""The language server for editors (``followup-lint lsp``; docs/editors.md)."""
