"""Helpers of the kind-aware rules (docs/kinds.md): which kind a draft is,
where a finding about the whole note goes, dates as people write them."""

from __future__ import annotations

import re
from datetime import datetime

from followup_lint.rules._judgement import hits, phrase_findings

_WORD = re.compile(r"[A-Za-z0-9][\w'\u2019-]*")
THANKS = re.compile(r"(?i)\b(thank\w*|thanks|grateful|gratitude|appreciate\w*|cheers)\b")


def kind_of(ctx) -> str:
    s = ctx.situation
    return s.kind.name if s is not None else "other"


def is_kind(ctx, *names: str) -> bool:
    return kind_of(ctx) in names


def situation_if(ctx, *names: str):
    """The draft's situation (followup_lint.situation) when the draft is of
    one of the kinds ``names``, else None."""
    return ctx.situation if is_kind(ctx, *names) else None


def kind_phrase_findings(ctx, kinds: tuple[str, ...], name: str, message: str, default: str):
    """The body of a kind-aware phrase rule: in a draft of one of ``kinds``,
    one finding per match of phrase list ``name`` (``phrase_findings``:
    ``message`` with ``{phrase}``, the entry's suggestion or ``default``);
    in any other kind of note, nothing."""
    if not is_kind(ctx, *kinds):
        return
    yield from phrase_findings(ctx, hits(ctx, name), message, default)


def note_finding(ctx, message: str, suggestion: str):
    """A finding about the whole note, at its ``anchor``."""
    start, end, in_source = anchor(ctx)
    return ctx.finding(start, end, message, [suggestion], in_source=in_source)


def start_of_day(when: datetime) -> datetime:
    return when.replace(hour=0, minute=0, second=0, microsecond=0)


def day(when: datetime) -> str:
    """"Tue, Nov 3" (the year too when it is not the draft's)."""
    return when.strftime("%a, %b %-d")


def where(ctx, offset: int) -> str:
    """"line N" of the original file for a source offset."""
    return f"line {ctx.draft.position(offset)[0]}"


def anchor(ctx) -> tuple[int, int, bool]:
    """Where a finding about the whole note goes: the kind's first evidence
    in the sender's words, else the subject, else the first line of the
    sender's text. Returns (start, end, in_source)."""
    s = ctx.situation
    if s is not None:
        for e in s.kind.evidence:
            if e.place == "text":
                return e.start, e.end, True
    subject = ctx.draft.header("subject")
    if subject is not None and subject.end > subject.start:
        return subject.start, subject.end, True
    return first_line(ctx) + (False,)


def first_line(ctx) -> tuple[int, int]:
    """The first non-blank line of the sender's text (offsets in the analysed text)."""
    text = ctx.draft.text.text
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            start = pos + len(line) - len(line.lstrip())
            return start, pos + len(line.rstrip())
        pos += len(line) + 1
    return 0, 0


def words_after(text: str, limit: int) -> int | None:
    """Offset of the start of the line holding word number ``limit + 1``,
    or None when there are no more than ``limit`` words."""
    for i, m in enumerate(_WORD.finditer(text)):
        if i == limit:
            return text.rfind("\n", 0, m.start()) + 1
    return None


def word_count(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))
