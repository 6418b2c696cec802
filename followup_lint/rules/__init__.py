"""Rule families, one module each. Importing a module registers its rules."""

from __future__ import annotations

import importlib

MODULES = (
    "placeholders",
    "greeting",
    "signoff",
    "subject",
    "readability",
    "generic",
    "structure",
    "writing",
    "hostile",
    "presumptuous",
    "desperate",
    "languagetool",
)


def load_all() -> None:
    for name in MODULES:
        importlib.import_module(f"followup_lint.rules.{name}")
