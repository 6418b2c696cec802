"""The subject line of a draft that has headers."""

from __future__ import annotations

from followup_lint.registry import rule


@rule("S301", "missing-subject", "structure", "warning")
def missing_subject(ctx):
    """The message has headers but no Subject.

    What it does:
        For `.eml` files and drafts that start with header lines (`To:`,
        `From:`...), checks that there is a `Subject:` header. Drafts with no
        headers at all are body text only and are not checked.

    Why is this bad?
        Mail with no subject is easy to miss and often lands in spam. The
        subject is the first thing the interviewer reads.

    Example:
        To: Dana Smith <dana@acme.com>

    Use instead:
        To: Dana Smith <dana@acme.com>
        Subject: Thank you - data engineer interview
    """
    d = ctx.draft
    if not d.has_headers or d.header("subject") is not None:
        return
    first = min(h.start for h in d.headers.values())
    line_start = d.source.rfind("\n", 0, first) + 1
    line_end = d.source.find("\n", first)
    line_end = len(d.source) if line_end < 0 else line_end
    if d.source[line_start:line_end].endswith("\r"):
        line_end -= 1
    yield ctx.finding(line_start, line_end, "no Subject header: add a short, specific subject",
                      ["Subject: Thank you - <role> interview"], in_source=True)


@rule("S302", "empty-subject", "structure", "error")
def empty_subject(ctx):
    """The Subject header is empty.

    What it does:
        Flags a `Subject:` header with nothing after it.

    Why is this bad?
        An empty subject looks like a mistake, is easy to overlook in a full
        inbox, and is a common spam signal.

    Example:
        Subject:

    Use instead:
        Subject: Thank you - data engineer interview
    """
    subject = ctx.draft.header("subject")
    if subject is None or subject.value.strip():
        return
    src = ctx.draft.source
    line_start = src.rfind("\n", 0, subject.start) + 1
    yield ctx.finding(line_start, subject.end, "the subject is empty: say what the note is about",
                      ["Subject: Thank you - <role> interview"], in_source=True)
