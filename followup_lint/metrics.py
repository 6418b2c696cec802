"""Per-draft readability metrics (no spaCy needed to hold or read them)."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Metrics:
    words: int
    sentences: int
    questions: int
    flesch_reading_ease: float
    flesch_kincaid_grade: float
    longest_sentence: int

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict | None) -> "Metrics | None":
        if data is None:
            return None
        # metrics.kind and metrics.tone are FileResult.kind and FileResult.tone
        return cls(**{k: v for k, v in data.items() if k not in ("kind", "tone")})
