"""Template placeholders left in the draft."""

from __future__ import annotations

import re

from followup_lint.registry import rule

_KEYWORDS = (
    r"name|company|organi[sz]ation|position|role|job|title|date|day|insert|your|their|his|her"
    r"|interviewer|manager|recruiter|team|department|field|topic|skill|project|detail|industry|x"
)
PLACEHOLDER = re.compile(
    r"\{\{[^{}\n]{1,60}\}\}"  # {{first_name}}
    r"|\{[A-Za-z_][A-Za-z0-9_ .-]{0,40}\}"  # {first_name}
    r"|\[(?=[^\]\n]*(?:[A-Z]|\b(?:" + _KEYWORDS + r")\b))(?![0-9]+\])(?!sic\])[^\[\]\n]{1,60}\](?!\()"  # [Company Name]
    r"|<(?=[A-Z])[A-Za-z][A-Za-z _'.-]{0,40}>"  # <Name>
    r"|%[A-Z][A-Z0-9_]{1,30}%"  # %FIRST_NAME%
    r"|(?<![A-Za-z0-9])(?:XXX+|xxx+)(?![A-Za-z0-9])"  # XXX
    r"|(?<!_)_{3,}(?!_)"  # ____
    r"|(?i:\binsert\b[^.\n]{0,40}?\bhere\b)"  # INSERT NAME HERE
)


SUBJECT_TAGS = re.compile(r"(?:\s*(?:re|fwd?|aw)\s*:|\s*\[[A-Z0-9][A-Z0-9 /._+-]*\])+")


def find_placeholders(text: str, start: int = 0):
    return PLACEHOLDER.finditer(text, start)


@rule("G101", "unfilled-placeholder", "generic", "error")
def unfilled_placeholder(ctx):
    """A template placeholder was never filled in.

    What it does:
        Finds placeholders left from a template: `[Company Name]`,
        `{{first_name}}`, `<Name>`, `%NAME%`, `XXX`, `____` and
        `INSERT ... HERE`, in the subject, the body and the signature.

    Why is this bad?
        Nothing shows a copy-pasted note faster. The reader learns that the
        note was not written for them, and that it was not read before it was
        sent.

    Example:
        Thank you for the chance to interview for the [Position] role at
        [Company Name].

    Use instead:
        Thank you for the chance to interview for the data engineer role at
        Acme.
    """
    draft = ctx.draft
    subject = draft.header("subject")
    if subject is not None:
        text = draft.source[subject.start:subject.end]
        tags = SUBJECT_TAGS.match(text)  # "[PATCH] ...", "[EXTERNAL] ..." are tags
        for m in find_placeholders(text, tags.end() if tags else 0):
            yield ctx.finding(subject.start + m.start(), subject.start + m.end(),
                              f"unfilled placeholder {m.group(0)!r} in the subject", in_source=True)
    for m in find_placeholders(draft.text.text):
        yield ctx.finding(m.start(), m.end(),
                          f"unfilled placeholder {m.group(0)!r}: the reader will see you used a template")
    sig = draft.signature
    for m in find_placeholders(sig.text):
        s, e = sig.source_span(m.start(), m.end())
        yield ctx.finding(s, e, f"unfilled placeholder {m.group(0)!r} in the signature", in_source=True)
