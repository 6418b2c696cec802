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


MAX_PASSES = 10  # ruff's way: fix, check again, fix what is now fixable; a bound against ping-pong


@dataclass(frozen=True)
class Outcome:
    path: str  # the result's path
    file: str  # the file it is in
    before: str
    after: str
    fixed: int  # findings fixed over all passes
    result: object  # the FileResult of ``after``
    refused: str | None = None  # why --fix leaves the file alone


def fix_text(text: str, result, relint, unsafe: bool = False) -> tuple[str, int, object]:
    """``text`` with its fixes applied until none is left (or MAX_PASSES):
    ``(new text, findings fixed, FileResult of the new text)``. ``relint``
    checks a text and returns its FileResult."""
    fixed = 0
    for _ in range(MAX_PASSES):
        applied = apply(text, result.findings, unsafe)
        if not applied.fixed or applied.text == text:
            break
        text = applied.text
        fixed += len(applied.fixed)
        result = relint(text)
        if result.error:
            break
    return text, fixed, result


def plan(results, files: dict, resolver, unsafe: bool = False, model: str | None = None) -> list[Outcome]:
    """What ``--fix``/``--diff`` do to each checked draft. ``files`` maps a
    result's path to (the file it is in, mbox message number or None)."""
    from followup_lint.draft import InputError, parse_bytes
    from followup_lint.engine import Linter

    out = []
    linter = None
    for r in results:
        if r.error or not fixable(r.findings, unsafe):
            continue
        file, message = files.get(r.path, (r.path, None))
        refused = refusal(r.path if message is None else f"{file}:{message}")
        if refused is None:
            try:
                on_disk = Path(file).read_bytes().decode("utf-8")
            except (OSError, UnicodeDecodeError):
                on_disk = None
            if on_disk != r.source:
                refused = f"{file}: --fix leaves it alone: it is not UTF-8 text, or it changed while being checked"
        if linter is None:
            linter = Linter(resolver, model=model)
        settings = resolver.for_path(file)
        kind = "markdown" if file.lower().endswith((".md", ".markdown")) else None

        def relint(text, settings=settings, kind=kind, file=file):
            try:
                draft = parse_bytes(text.encode("utf-8", "surrogateescape"), file, kind=kind)
            except InputError as exc:
                from followup_lint.engine import FileResult

                return FileResult(file, error=str(exc))
            return linter.lint_drafts([(draft, settings)])[0]

        after, fixed, final = fix_text(r.source, r, relint, unsafe)
        out.append(Outcome(r.path, file, r.source, after, fixed, final, refused))
    if linter is not None:
        linter.close()
    return out


def run(results, files: dict, resolver, *, fix: bool, diff: bool, unsafe: bool, model: str | None,
        out, err) -> tuple[list, int | None]:
    """``check --fix`` / ``--diff`` after the drafts were checked: returns
    the results to report (a fixed draft's are those of its new text) and,
    for ``--diff``, the exit code (1 if anything would change, else 0; the
    diff is printed with ``out``, nothing is written). ``err`` prints one
    line to standard error."""
    outcomes = plan(results, files, resolver, unsafe, model)
    if diff:
        changed = 0
        for o in outcomes:
            text = unified_diff(o.file, o.before, o.after)
            if text:
                out(text.rstrip("\n"))
                changed += 1
        err(f"{changed} file(s) would be changed" + ("" if changed else ": nothing to fix"))
        return results, 1 if changed else 0
    by_path = {}
    fixed = files_fixed = 0
    for o in outcomes:
        if o.refused:
            err(o.refused)
            continue
        if o.after == o.before:
            continue
        try:
            write_atomic(o.file, o.after)
        except OSError as exc:
            err(f"{o.file}: --fix cannot write it ({exc.strerror or exc})")
            continue
        by_path[o.path] = o.result
        fixed += o.fixed
        files_fixed += 1
    final = [by_path.get(r.path, r) for r in results]
    left = 0 if unsafe else sum(1 for r in final for f in r.findings
                                if f.fix is not None and f.fix.applicability == "unsafe")
    note = f"; {left} more with --unsafe-fixes" if left else ""
    err(f"fixed {fixed} finding(s) in {files_fixed} file(s){note}")
    return final, None
