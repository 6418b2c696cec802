"""``--format github``: workflow commands that GitHub Actions shows as
annotations on the files (``::warning file=...,line=...::message``).

error findings are ``error``, warning findings ``warning``, info findings
``notice``; a draft that could not be read is an ``error`` on its file. An
mbox message is annotated on the mbox file, at its lines there. Paths under
the current directory are made relative to it, as Actions expects.
"""

from __future__ import annotations

import os

from followup_lint.finding import Severity

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


# other control characters have no escape in workflow commands: shown as text (\x1b), never obeyed by
# the log viewer; bytes of a file name that are not UTF-8 (lone surrogates) likewise
_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if c not in (0x0A, 0x0D)}
_CONTROL.update({0xDC00 + b: f"\\x{b:02x}" for b in range(0x80, 0x100)})


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").translate(_CONTROL)


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _relative(path: str) -> str:
    if os.path.isabs(path):
        rel = os.path.relpath(path)
        if not rel.startswith(".."):
            return rel
    return path


def render(report) -> str:
    results, files = report.results, report.files
    out = []
    for r in results:
        file, message = files.get(r.path, (r.path, None))
        file = _relative(file)
        if r.error:
            out.append(f"::error file={escape_property(file)},title=followup-lint::{escape_data(r.error)}")
            continue
        where = f" (message {message})" if message is not None else ""
        for f in r.findings:
            props = [f"file={escape_property(file)}", f"line={f.line}", f"endLine={f.end_line}"]
            if f.line == f.end_line:
                props += [f"col={f.column}", f"endColumn={f.end_column}"]
            else:
                props.append(f"col={f.column}")
            props.append(f"title={escape_property(f'{f.code} {f.rule}{where}')}")
            text = f.message
            if f.suggestions:
                text += "\n" + "\n".join(f"suggestion: {s}" for s in f.suggestions[:3])
            out.append(f"::{COMMAND[f.severity]} {','.join(props)}::{escape_data(text)}")
    return "\n".join(out)
