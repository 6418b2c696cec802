"""The values every layer shares, created once and never changed: Severity,
a rule's Finding (with its Fix), a file's FileResult. Each has one
``to_dict``/``from_dict``, used by the JSON output, the cache, Spark and the
schema test. No dependencies."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Mapping

from followup_lint.metrics import Metrics

CATEGORIES = ("generic", "hostile", "presumptuous", "desperate", "structure", "writing")


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls[value.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (expected error, warning or info)") from None


APPLICABILITY = ("safe", "unsafe")


@dataclass(frozen=True)
class Edit:
    """Replace the original file's text between two positions (1-based,
    end exclusive, like a finding's) with ``content``."""

    line: int
    column: int
    end_line: int
    end_column: int
    content: str

    def to_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column, "content": self.content}


@dataclass(frozen=True)
class Fix:
    """Edits that resolve a finding. ``safe``: meaning is kept, applied by
    ``check --fix``; ``unsafe``: a guess or a rewrite, applied only with
    ``--unsafe-fixes`` (or by hand from the editor)."""

    applicability: str
    message: str
    edits: tuple[Edit, ...]

    def __post_init__(self) -> None:
        if self.applicability not in APPLICABILITY:
            raise ValueError(f"unknown fix applicability {self.applicability!r}")
        if not self.edits:
            raise ValueError("a fix needs at least one edit")

    def to_dict(self) -> dict:
        return {"applicability": self.applicability, "message": self.message,
                "edits": [e.to_dict() for e in self.edits]}

    @classmethod
    def from_dict(cls, data: dict | None) -> "Fix | None":
        if not data:
            return None
        return cls(data["applicability"], data["message"], tuple(Edit(**e) for e in data["edits"]))


@dataclass(frozen=True)
class Finding:
    """One problem at one place of the original file.

    Positions are 1-based; ``end_line``/``end_column`` are exclusive.
    ``excerpt`` is the original file's text between the two positions.
    """

    code: str
    rule: str
    category: str
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    excerpt: str
    suggestions: tuple[str, ...] = field(default_factory=tuple)
    origin: str = "followup-lint"
    fix: Fix | None = None
    # From the tone model (followup_lint.tone): its score 0-1 and the tone's
    # name ("sarcasm", ...); None for findings the model did not make.
    score: float | None = None
    tone: str | None = None

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown category {self.category!r}")

    def sort_key(self) -> tuple:
        return (self.line, self.column, self.code, self.end_line, self.end_column)

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.label,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "excerpt": self.excerpt,
            "suggestions": list(self.suggestions),
            "origin": self.origin,
            "fix": self.fix.to_dict() if self.fix is not None else None,
            "score": self.score,
            "tone": self.tone,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Finding":
        """The inverse of :meth:`to_dict` (the cache and the JSON reader use it)."""
        return cls(code=data["code"], rule=data["rule"], category=data["category"],
                   severity=Severity.parse(data["severity"]), message=data["message"],
                   line=data["line"], column=data["column"], end_line=data["end_line"],
                   end_column=data["end_column"], excerpt=data["excerpt"],
                   suggestions=tuple(data["suggestions"]), origin=data["origin"],
                   fix=Fix.from_dict(data.get("fix")), score=data.get("score"), tone=data.get("tone"))


@dataclass(frozen=True)
class FileResult:
    """What a file (or an mbox message) got: its metrics and findings, or
    the one-line reason it could not be read."""

    path: str
    metrics: Metrics | None = None
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    fail_on: Severity = Severity.WARNING
    source: str = field(default="", repr=False, compare=False)  # for showing lines
    # the file line where ``source`` starts (an mbox message: its line in the mbox)
    first_line: int = 1
    kind: dict | None = None  # metrics.kind of the JSON output (followup_lint.kinds)
    # metrics.tone: the tone model's whole-draft scores (rules/_judgement.draft_tone), when it ran
    tone: dict | None = None
    thread: dict | None = None  # the file's thread (followup_lint.threads.Position.to_dict)
    hidden: tuple[Finding, ...] = ()  # findings a [[hide]] entry of the config hides
    fail_on_category: Mapping[str, Severity] = field(default_factory=dict, compare=False)

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)

    def blocks(self, finding: Finding) -> bool:
        """Is ``finding`` at or above the fail level of its category?"""
        return finding.severity >= self.fail_on_category.get(finding.category, self.fail_on)

    def to_dict(self) -> dict:
        """This file's entry of the JSON output (docs/json-format.md)."""
        metrics = None
        if self.metrics is not None:
            metrics = {**self.metrics.to_dict(), "kind": self.kind, "tone": self.tone}
        return {
            "path": self.path,
            "metrics": metrics,
            "findings": [f.to_dict() for f in self.findings],
            "error": self.error,
            "thread": self.thread,
        }

    @classmethod
    def from_dict(cls, data: dict, fail_on: Severity = Severity.WARNING,
                  fail_on_category: Mapping[str, Severity] | None = None) -> "FileResult":
        """The inverse of :meth:`to_dict`; ``source``, ``first_line`` and
        ``hidden`` are read when present (the cache stores them)."""
        return cls(data["path"], Metrics.from_dict(data.get("metrics")),
                   tuple(Finding.from_dict(f) for f in data.get("findings", ())), data.get("error"),
                   fail_on=fail_on, source=data.get("source", ""), first_line=data.get("first_line", 1),
                   kind=(data.get("metrics") or {}).get("kind"), tone=(data.get("metrics") or {}).get("tone"),
                   thread=data.get("thread"),
                   hidden=tuple(Finding.from_dict(f) for f in data.get("hidden", ())),
                   fail_on_category=dict(fail_on_category or {}))
