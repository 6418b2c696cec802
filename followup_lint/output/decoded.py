"""What a reader of an ``.eml`` sees, for the human outputs.

Positions in findings are positions in the original file, which for an
email is still encoded: quoted-printable ("Hi Zo=C3=AB,"), base64, HTML.
The text and HTML outputs show the decoded text instead, with each passage
underlined where it is in the decoded line (JSON, SARIF and GitHub keep the
file's positions). The draft is read again from the result's source (no
spaCy): the reader's mapping from every decoded character back to the file
(:class:`followup_lint.textmap.MappedText`) is turned around here.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

SHOWN_HEADERS = ("from", "to", "cc", "subject")


@dataclass(frozen=True)
class View:
    """The decoded text of an email, the file line each of its lines starts
    on, and each finding's ``(start, end)`` in it (None: not in it)."""

    text: str
    line_numbers: tuple[int, ...]
    spans: tuple[tuple[int, int] | None, ...]

    def index(self, result, finding) -> int:
        """The index of ``finding`` (a finding or a hidden one of ``result``) in :attr:`spans`."""
        for k, f in enumerate((*result.findings, *result.hidden)):
            if f is finding:
                return k
        raise ValueError("not a finding of this result")

    def line_of(self, k: int) -> tuple[int, str, int, int] | None:
        """Finding ``k``'s decoded line: (file line, text, column, marks)."""
        span = self.spans[k]
        if span is None:
            return None
        s, e = span
        starts = _line_starts(self.text)
        i = bisect.bisect_right(starts, s) - 1
        end_of_line = starts[i + 1] - 1 if i + 1 < len(starts) else len(self.text)
        line = self.text[starts[i]:end_of_line]
        return self.line_numbers[i], line, s - starts[i] + 1, max(1, min(e, end_of_line) - s)


def _line_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]


def view(result) -> View | None:
    """The decoded view of an email result, or None for a plain draft (or
    an email whose text reads the same as its file: nothing to decode)."""
    draft = _encoded_email(result)
    if draft is None:
        return None
    source = result.source
    file_lines = _line_starts(source)
    first = getattr(result, "first_line", 1)
    text, numbers, pieces, body_at = _lay_out(draft, source, file_lines, first)

    def offset(line: int, column: int) -> int:
        idx = line - first
        if idx < 0:
            return 0
        if idx >= len(file_lines):
            return len(source)
        return min(len(source), file_lines[idx] + column - 1)

    spans = tuple(_to_view(pieces, draft.body, body_at, offset(f.line, f.column), offset(f.end_line, f.end_column))
                  for f in (*result.findings, *result.hidden))
    while len(numbers) < text.count("\n") + 1:
        numbers.append(numbers[-1])
    return View(text, tuple(numbers), spans)


def _encoded_email(result):
    """The parsed draft of an email result whose text differs from its
    file's lines (encoded, or HTML), else None."""
    source = result.source
    if not source or not (result.findings or result.hidden):
        return None
    head = source[:200_000].lower()
    if "content-transfer-encoding" not in head and "text/html" not in head:
        return None  # nothing in it is encoded: the file's lines are what the reader sees
    from followup_lint.draft import InputError, parse_bytes

    try:
        raw = source.encode("utf-8", "surrogateescape")
        draft = parse_bytes(raw, result.path)
    except (InputError, UnicodeError, ValueError):
        return None
    if draft.kind != "eml":
        return None
    if _plain(draft.body, source):
        return None  # an email in plain ASCII: the file's lines are what the reader sees
    return draft


def _lay_out(draft, source: str, file_lines: list[int], first: int):
    """The view's text (shown headers, a blank line, the decoded body), the
    file line of each of its lines, where each header sits, and where the
    body starts in it."""
    body = draft.body
    parts: list[str] = []
    numbers: list[int] = []
    # (start in the view, source start, source end, per-character map or None)
    pieces: list[tuple[int, int, int, object]] = []
    for name in SHOWN_HEADERS:
        h = draft.header(name)
        if h is None:
            continue
        line = f"{name.title()}: {' '.join(h.value.split())}"
        at = sum(len(p) + 1 for p in parts)
        same = source[h.start:h.end] == h.value  # not encoded: offsets map one for one
        pieces.append((at + len(name) + 2, h.start, h.end, "same" if same else None))
        parts.append(line)
        numbers.append(bisect.bisect_right(file_lines, h.start) - 1 + first)
    if parts:
        parts.append("")
        numbers.append(numbers[-1])
    body_at = sum(len(p) + 1 for p in parts)
    text = "\n".join(parts) + ("\n" if parts else "") + body.text
    for j, (s, e) in enumerate(zip(body.starts, body.ends)):
        if j == 0 or body.text[j - 1] == "\n":
            numbers.append(bisect.bisect_right(file_lines, s) - 1 + first)
    if not body.text or body.text.endswith("\n"):
        numbers.append(numbers[-1] if numbers else first)
    return text, numbers, pieces, body_at


def _to_view(pieces, body, body_at: int, src_start: int, src_end: int) -> tuple[int, int] | None:
    """A passage of the file (source offsets) as offsets in the view."""
    for at, hs, he, how in pieces:
        if hs <= src_start < he or hs == src_start == he:
            if how == "same":
                return at + src_start - hs, at + min(src_end, he) - hs
            return at, at + (he - hs if he > hs else 0)
    i = bisect.bisect_right(body.ends, src_start)  # first character ending after the start
    if i >= len(body.text) or body.starts[i] > src_end:
        return None
    j = max(i, bisect.bisect_left(body.starts, src_end))  # first character starting at or after the end
    # base64 maps three characters to one group of four: a passage starts
    # at a word, not at the line break before it in the same group
    while i + 1 < j and body.text[i].isspace() and body.starts[i] == body.starts[i + 1]:
        i += 1
    while j - 1 > i and body.text[j - 1].isspace():
        j -= 1
    return body_at + i, body_at + j


def _plain(body, source: str) -> bool:
    """True when every decoded character is the file's own character."""
    return all(e - s == 1 and source[s] == ch for ch, s, e in zip(body.text, body.starts, body.ends))
