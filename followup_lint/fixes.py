"""Applying the edits findings carry (``check --fix``, ``--diff``, the editor).

A rule marks a fix *safe* (the meaning is kept: a lower-case "i", a word
typed twice, "!!!") or *unsafe* (a guess or a rewrite: LanguageTool's first
suggestion for a typo, a shouted sentence in ordinary case). ``--fix``
applies safe fixes; ``--unsafe-fixes`` adds the unsafe ones. Edits are in
line:column positions of the original file, like the findings.

Only plain-text and Markdown drafts are rewritten: in an ``.eml`` the text a
rule saw may be decoded (quoted-printable, base64, HTML), and a mailbox holds
other people's messages, so they are refused (:func:`refusal`).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from followup_lint.finding import Edit, Finding

FIXABLE_SUFFIXES = (".txt", ".md", ".markdown")


@dataclass(frozen=True)
class Applied:
    text: str  # the new text
    fixed: tuple[Finding, ...]  # the findings whose fixes were applied
    skipped: int  # fixable findings left out because their edits overlapped an applied one


def fixable(findings: Iterable[Finding], unsafe: bool = False) -> list[Finding]:
    return [f for f in findings
            if f.fix is not None and (f.fix.applicability == "safe" or unsafe)]


def _offsets(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def _offset(starts: list[int], text: str, line: int, column: int) -> int:
    if line < 1 or line > len(starts):
        raise ValueError(f"edit at line {line} is outside the text ({len(starts)} lines)")
    return min(starts[line - 1] + column - 1, len(text))


def edit_span(text: str, edit: Edit, starts: list[int] | None = None) -> tuple[int, int]:
    """``edit``'s character offsets ``[start, end)`` in ``text``."""
    starts = starts or _offsets(text)
    return _offset(starts, text, edit.line, edit.column), _offset(starts, text, edit.end_line, edit.end_column)


def apply(text: str, findings: Iterable[Finding], unsafe: bool = False) -> Applied:
    """``text`` with the fixes of ``findings`` applied (safe ones; unsafe too
    with ``unsafe=True``). A fix whose edits overlap one applied before it
    (in file order) is left for the next pass."""
    starts = _offsets(text)
    chosen: list[tuple[int, int, str]] = []
    fixed: list[Finding] = []
    skipped = 0
    for f in sorted(fixable(findings, unsafe), key=Finding.sort_key):
        spans = [(*edit_span(text, e, starts), e.content) for e in f.fix.edits]
        if any(s < ce and cs < e or (s == e == cs == ce) for s, e, _ in spans for cs, ce, _ in chosen):
            skipped += 1
            continue
        chosen.extend(spans)
        fixed.append(f)
    out = text
    for s, e, content in sorted(chosen, reverse=True):
        out = out[:s] + content + out[e:]
    return Applied(out, tuple(fixed), skipped)


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff (``--- a/PATH``, ``+++ b/PATH``) that ``patch -p1`` or
    ``git apply`` applies; empty when nothing changed."""
    if before == after:
        return ""
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 f"a/{path}", f"b/{path}")
    out = []
    for line in lines:
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def refusal(path: str) -> str | None:
    """Why ``path`` is not rewritten by ``--fix`` (one line), or None."""
    name = Path(path).name
    if path in ("-", "<stdin>"):
        return f"{path}: --fix does not rewrite standard input (use --diff to see the changes)"
    if ".mbox:" in path or path.endswith(".mbox") or ":" in name and name.rsplit(":", 1)[1].isdigit():
        return (f"{path}: --fix does not rewrite mailboxes (an mbox holds other messages; use --diff to see "
                "the changes)")
    parent = Path(path).parent
    if parent.name in ("cur", "new", "tmp") and (parent.parent / "cur").is_dir():
        return f"{path}: --fix does not rewrite Maildir messages (use --diff to see the changes)"
    if not name.lower().endswith(FIXABLE_SUFFIXES):
        return (f"{path}: --fix only rewrites .txt and .md drafts (an email's text may be encoded, so edits "
                "could corrupt it; use --diff to see the changes)")
    return None


def write_atomic(path: str, text: str) -> None:
    """Replace ``path``'s content with ``text``: a temporary file in the same
    folder, flushed to disk, then renamed over the original (its permission
    bits kept), so a crash leaves the old draft or the new one, never half."""
    from followup_lint.private import write_atomic as write

    mode = Path(path).stat().st_mode & 0o7777
    write(path, text.encode("utf-8", "surrogateescape"), mode=mode)

