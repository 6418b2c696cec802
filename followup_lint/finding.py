"""The result of a rule: a Finding, created once and never changed."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

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
        }
