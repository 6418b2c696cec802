"""The greeting: there, and addressed to a person."""

from __future__ import annotations

from followup_lint.parts import find_greeting
from followup_lint.registry import rule


def _first_line(text: str) -> tuple[int, int]:
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    return start, (len(text) if end < 0 else end)


@rule("S101", "missing-greeting", "structure", "warning")
def missing_greeting(ctx):
    """The draft does not open with a greeting.

    What it does:
        Checks that the sender's text starts with a greeting such as
        "Dear Ms. Park," or "Hi Dana,".

    Why is this bad?
        A note that starts mid-thought reads like a text message or an
        automated reply. A greeting with the interviewer's name is the
        cheapest way to show the note is personal.

    Example:
        Thanks for the interview yesterday, I enjoyed it.

    Use instead:
        Hi Dana,

        Thanks for the interview yesterday, I enjoyed it.
    """
    text = ctx.draft.text.text
    if not text.strip() or find_greeting(text):
        return
    start, end = _first_line(text)
    yield ctx.finding(start, end, "no greeting: open with the interviewer's name, e.g. \"Hi Dana,\"",
                      ["Dear <interviewer's name>,"])


@rule("S102", "nameless-greeting", "structure", "warning", data=["generic_addressees.txt"])
def nameless_greeting(ctx):
    """The greeting names nobody.

    What it does:
        Flags greetings that do not name a person: "To whom it may concern",
        "Dear Sir/Madam", "Dear Hiring Manager", "Hi there", a bare "Hello,".

    Why is this bad?
        After an interview you know who you spoke to. A nameless greeting
        says the note could have gone to anyone, and often that it did.

    Example:
        To whom it may concern,

    Use instead:
        Dear Ms. Park,
    """
    g = find_greeting(ctx.draft.text.text)
    if g is None or not g.is_nameless:
        return
    yield ctx.finding(g.start, g.end, f"the greeting \"{ctx.draft.text.text[g.start:g.end].strip()}\" "
                      "names nobody: address the interviewer by name", ["Dear <interviewer's name>,"])
