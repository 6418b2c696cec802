"""The sign-off: a closing line and the sender's name under it."""

from __future__ import annotations

from followup_lint.parts import find_signoff
from followup_lint.registry import rule


@rule("S201", "missing-sign-off", "structure", "warning", data=["closings.txt"])
def missing_sign_off(ctx):
    """The draft ends without a closing line.

    What it does:
        Checks that the draft ends with a sign-off such as "Best regards,",
        "Thank you," or "Warmly," before the sender's name.

    Why is this bad?
        A note that just stops reads as abrupt or unfinished. A closing line
        ends it on a courteous note and frames the name under it.

    Example:
        I look forward to the next steps.

    Use instead:
        I look forward to the next steps.

        Best regards,
        Sam Lee
    """
    d = ctx.draft
    if find_signoff(d.signature.text) is not None or not d.text.text.strip():
        return
    text = d.text.text.rstrip()
    start = text.rfind("\n") + 1
    start += len(text[start:]) - len(text[start:].lstrip())
    yield ctx.finding(start, len(text), "no sign-off: end with a closing line and your name",
                      ["Best regards,\n<your name>"])


@rule("S202", "missing-sender-name", "structure", "warning")
def missing_sender_name(ctx):
    """The sign-off is not followed by the sender's name.

    What it does:
        Checks that a name follows the closing line ("Best regards," then
        "Sam Lee").

    Why is this bad?
        The interviewer met several candidates. A note signed with no name
        makes them look you up in the From line, if they bother.

    Example:
        Best regards,

    Use instead:
        Best regards,
        Sam Lee
    """
    sig = ctx.draft.signature
    s = find_signoff(sig.text)
    if s is None or s.name:
        return
    start, end = sig.source_span(s.closing_start, s.closing_end)
    yield ctx.finding(start, end, f"no name after \"{s.closing}\": sign with your full name",
                      [f"{s.closing}\n<your name>"], in_source=True)
