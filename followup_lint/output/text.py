"""``--format text``: one line per finding, the source line, an underline."""

from __future__ import annotations

import re

from followup_lint.finding import Severity
from followup_lint.output.decoded import view

_SEVERITY_COLOUR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def findings(results, color: bool, per_file: bool = False, show_hidden: bool = False) -> str:
    """One block per finding (location, message, the source line underlined,
    suggestions), with ``per_file`` a line per file naming its kind (for a
    file with findings, or the only file), then the summary line; with
    ``show_hidden`` also the findings the config's ``[[hide]]`` entries hide,
    marked "hidden"."""
    out: list[str] = []

    def style(text: str, **kw) -> str:
        if not color:
            return text
        import click  # only for colour: a hook's report (no colour) does not load Click

        return click.style(text, **kw)

    for r in results:
        if r.error:
            continue
        lines = r.source.split("\n")
        items = [(f, False) for f in r.findings]
        if show_hidden:
            items = sorted(items + [(f, True) for f in r.hidden], key=lambda x: x[0].sort_key())
        decoded = view(r)  # an encoded email: show the lines the reader sees
        for f, hidden in items:
            loc = style(f"{shown_path(r.path)}:{f.line}:{f.column}:", bold=True)
            code = style(f.code, fg=_SEVERITY_COLOUR[f.severity], bold=True)
            label = f"{f.severity.label}, hidden" if hidden else f.severity.label
            out.append(f"{loc} {code} [{label}] {printable(f.message)}")
            idx = f.line - getattr(r, "first_line", 1)  # an mbox message's lines are the mbox file's
            at = decoded.line_of(decoded.index(r, f)) if decoded is not None else None
            if at is not None:
                number, line, column, length = at
                src = printable(line.rstrip("\r").expandtabs(1))
                shown_line, col, marks = _window(src, column, length)
                width = len(str(number))
                out.append(f"  {number} | {shown_line}")
                out.append(f"  {' ' * width} | {' ' * (col - 1)}{style('^' * marks, fg=_SEVERITY_COLOUR[f.severity])}")
            elif 0 <= idx < len(lines):
                src = printable(lines[idx].rstrip("\r").expandtabs(1))
                width = len(str(f.line))
                end = f.end_column if f.end_line == f.line else len(src) + 1
                shown, col, marks = _window(src, f.column, max(1, end - f.column))
                out.append(f"  {f.line} | {shown}")
                out.append(f"  {' ' * width} | {' ' * (col - 1)}{style('^' * marks, fg=_SEVERITY_COLOUR[f.severity])}")
            for s in f.suggestions[:3]:
                out.append(f"  {' ' * len(str(f.line))} = suggestion: {s}".replace("\n", " / "))
        if per_file and (r.findings or len(results) == 1):  # a batch lists its clean files in no line
            out.append(file_line(r))
    out.append(summary_line(results))
    hidden = sum(len(r.hidden) for r in results)
    if hidden and not show_hidden:
        out[-1] = out[-1][:-1] + f"; {hidden} hidden by the config (see them with --show-hidden)."
    return "\n".join(out)


def _window(src: str, column: int, marks: int, width: int = 100) -> tuple[str, int, int]:
    """Cut a long source line to about ``width`` characters around the
    underlined passage; returns the shown text, its column and mark count."""
    if len(src) <= width:
        return src, column, marks
    marks = min(marks, width - 10)
    start = max(0, column - 1 - 20)
    end = min(len(src), start + width)
    shown = src[start:end]
    col = column - start
    if start > 0:
        shown, col = "..." + shown, col + 3
    if end < len(src):
        shown += "..."
    return shown, col, marks


_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """The text with control and bidi-override characters shown as U+FFFD,
    one for one (so underlines stay aligned): a draft can never send escape
    sequences to the terminal or reorder what is shown."""
    return _UNSAFE.sub("\ufffd", text)


def file_line(r) -> str:
    """One file's summary: its kind (and why, when stated), its findings."""
    kind = getattr(r, "kind", None) or {}
    name = kind.get("name", "other")
    how = f"stated by {kind['stated']}" if kind.get("stated") else f"confidence {kind.get('confidence', 0):.2f}"
    n = len(r.findings)
    counted = f"{n} finding{'' if n == 1 else 's'}" if n else "no findings"
    return f"{shown_path(r.path)}: {name} ({how}), {counted}"


def shown_path(path: str) -> str:
    """A path as text output prints it: control characters and bytes that
    are not UTF-8 escaped (``\\x1b``, ``\\n``, ``\\xe9``), never ``::`` first."""
    from followup_lint.errors import one_line

    return one_line("./" + path if path.startswith("::") else path)


def summary_line(results) -> str:
    findings = [f for r in results for f in r.findings]
    files = len(results)
    errors = sum(1 for r in results if r.error)
    counts = {s: sum(1 for f in findings if f.severity == s) for s in Severity}
    plural = lambda n, w: f"{n} {w}{'' if n == 1 else 's'}"  # noqa: E731
    if findings:
        parts = [plural(counts[s], s.label) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[s]]
        line = f"{plural(len(findings), 'finding')} ({', '.join(parts)}) in {plural(files - errors, 'draft')}"
    else:
        line = f"No findings in {plural(files - errors, 'draft')}"
    if errors:
        line += f"; {plural(errors, 'file')} could not be read"
    return line + "."
