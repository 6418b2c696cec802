"""Output formats. Each format is a module here with ``render(report) -> str``,
registered by name in :data:`FORMATS`; ``check --format NAME`` picks one.

To add a format: write ``output/<module>.py`` with ``render(report: Report) ->
str`` and add ``"name": "<module>"`` to FORMATS (the CLI's ``--format``
choices come from it). Modules are imported only when their format is used.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

FORMATS = {"text": "textreport", "json": "jsonfmt", "sarif": "sarif", "github": "github", "html": "html"}


@dataclass(frozen=True)
class Report:
    """What a run of ``check`` produced, and how the reader asked to see it."""

    results: Sequence[Any]  # FileResult, in report order
    exit_code: int
    # a result's path -> (the file it is in, mbox message number or None)
    files: Mapping[str, tuple[str, int | None]] = field(default_factory=dict)
    tool: Mapping[str, Any] = field(default_factory=dict)  # extra "tool" fields (the model used)
    elapsed: float = 0.0
    cached: int = 0
    workers: int = 1
    color: bool = False  # text: ANSI colours
    statistics: bool = False  # text: one line per rule instead of each finding
    batch_summary: bool = False  # text: the batch summary after the findings
    file_lines: bool = False  # text: each file's line naming its kind (docs/kinds.md)
    show_hidden: bool = False  # text, json: also the findings the config's [[hide]] entries hide


def render(fmt: str, report: Report) -> str:
    """``report`` in format ``fmt`` (a key of FORMATS)."""
    return importlib.import_module(f"{__name__}.{FORMATS[fmt]}").render(report)
