"""Text that remembers where each of its characters came from.

A :class:`MappedText` is a string plus, for every character, the half-open span
``[start, end)`` it was produced from in a *source* coordinate system (usually
character offsets in the original file).  Decoding steps (quoted-printable,
base64, HTML, quote stripping) each build a new MappedText whose spans point
into the previous one; :meth:`MappedText.compose` chains them so that every
character of the analysed text points back into the original file.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Sequence


@dataclass(frozen=True)
class MappedText:
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __post_init__(self) -> None:
        if not (len(self.text) == len(self.starts) == len(self.ends)):
            raise ValueError("text and span arrays differ in length")

    # -- constructors -------------------------------------------------
    @classmethod
    def identity(cls, text: str, offset: int = 0) -> "MappedText":
        """Each character maps to itself, shifted by ``offset``."""
        starts = tuple(range(offset, offset + len(text)))
        ends = tuple(range(offset + 1, offset + len(text) + 1))
        return cls(text, starts, ends)

    @classmethod
    def empty(cls) -> "MappedText":
        return cls("", (), ())

    @classmethod
    def join(cls, parts: Sequence["MappedText"], sep: str = "\n") -> "MappedText":
        """Concatenate parts; each separator character maps to a zero-width
        point at the end of the part before it."""
        text: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for i, part in enumerate(parts):
            if i and sep:
                anchor = ends[-1] if ends else (part.starts[0] if part.starts else 0)
                text.append(sep)
                starts.extend([anchor] * len(sep))
                ends.extend([anchor] * len(sep))
            text.append(part.text)
            starts.extend(part.starts)
            ends.extend(part.ends)
        return cls("".join(text), tuple(starts), tuple(ends))

    # -- operations ---------------------------------------------------
    def slice(self, start: int, end: int) -> "MappedText":
        return MappedText(self.text[start:end], self.starts[start:end], self.ends[start:end])

    def compose(self, outer: "MappedText") -> "MappedText":
        """``self`` maps into ``outer.text``; return the same text mapped into
        ``outer``'s source coordinates."""
        starts = []
        ends = []
        n = len(outer.text)
        for s, e in zip(self.starts, self.ends):
            if e > s:
                starts.append(outer.starts[s] if s < n else outer.source_end())
                ends.append(outer.ends[e - 1] if e - 1 < n else outer.source_end())
            else:  # zero-width (inserted) character
                p = outer.starts[s] if s < n else outer.source_end()
                starts.append(p)
                ends.append(p)
        return MappedText(self.text, tuple(starts), tuple(ends))

    def source_end(self) -> int:
        return self.ends[-1] if self.ends else 0

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open span ``[start, end)`` of this text to the source."""
        if not self.text:
            return (0, 0)
        start = max(0, min(start, len(self.text) - 1))
        end = max(start, min(end, len(self.text)))
        if end == start:
            p = self.starts[start]
            return (p, p)
        return (self.starts[start], max(self.starts[start], self.ends[end - 1]))


class LineIndex:
    """Converts character offsets of a text to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self.line_starts.append(i + 1)

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r")
