"""Phrase lists shipped as plain-text data files beside the code."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def phrases(name: str) -> tuple[str, ...]:
    """Non-comment, non-blank lines of ``followup_lint/data/<name>.txt``."""
    text = resources.files("followup_lint").joinpath("data", f"{name}.txt").read_text("utf-8")
    return tuple(
        line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )
