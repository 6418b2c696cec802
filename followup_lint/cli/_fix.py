"""``check --fix`` and ``--diff``: fix, check the new text again, fix what
is fixable now, until nothing is left (ruff's way); then write the drafts
(atomically) or print the diff. The edits themselves: followup_lint.fixes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from followup_lint.fixes import apply, fixable, refusal, unified_diff, write_atomic

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
            linter = Linter(model=model)
        settings = resolver.for_path(file)
        kind = "markdown" if file.lower().endswith((".md", ".markdown")) else None

        def relint(text, settings=settings, kind=kind, file=file):
            try:
                draft = parse_bytes(text.encode("utf-8", "surrogateescape"), file, kind=kind)
            except InputError as exc:
                from followup_lint.finding import FileResult

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
