"""H7xx, kind-aware hostile rules (docs/kinds.md): arguing with a rejection,
demanding reasons, burning the bridge on the way out."""

from __future__ import annotations

from followup_lint.registry import rule
from followup_lint.rules._kinds import kind_phrase_findings


@rule("H701", "argues-with-rejection", "hostile", "warning", data=["hostile_arguing.txt"])
def argues_with_rejection(ctx):
    """Disputes the decision in a reply to a rejection.

    What it does:
        In a draft whose kind is `rejection-reply` (docs/kinds.md), finds
        sentences that argue with the decision: "I was clearly the best
        candidate", "I strongly disagree with your decision", "you
        overlooked my experience", "this is unfair", "I aced every round".
        Negated ones ("I don't disagree") are not flagged; other kinds of
        note are not checked.

    Why is this bad?
        The decision is made, and nobody reverses a hire because the
        rejected candidate objects. Arguing tells the reader they were right
        to say no, and closes the door on the next opening.

    Example:
        I strongly disagree with your decision. I was clearly the best
        candidate you interviewed.

    Use instead:
        Thank you for letting me know. I enjoyed meeting the team and would
        welcome the chance to be considered for future roles.
    """
    yield from kind_phrase_findings(
        ctx, ("rejection-reply",), "hostile_arguing",
        "\"{phrase}\" argues with the decision: it will not change it, and it tells the reader they were right",
        "Thank you for letting me know. I would welcome the chance to be considered for future roles.")


@rule("H702", "demands-reasons", "hostile", "warning", data=["hostile_demands.txt"])
def demands_reasons(ctx):
    """Demands to know why, in a reply to a rejection.

    What it does:
        In a `rejection-reply` draft, finds demands for the reasons: "I
        deserve an explanation", "Why was I rejected?", "Tell me exactly
        why", "What was wrong with my application?". A polite request for
        feedback ("if you have a moment, I would welcome any feedback") is
        not flagged.

    Why is this bad?
        Many employers cannot give reasons, for legal or policy reasons; a
        demand puts the reader on the defensive and gets silence. An open
        request for feedback sometimes gets a useful answer.

    Example:
        I deserve an explanation. Why was I rejected after four rounds?

    Use instead:
        If you have a moment, I would welcome any feedback that could help
        me in future interviews.
    """
    yield from kind_phrase_findings(
        ctx, ("rejection-reply",), "hostile_demands",
        "\"{phrase}\" demands reasons: many employers cannot give them, and a demand gets silence",
        "If you have a moment, I would welcome any feedback that could help me in future interviews.")


@rule("H703", "burns-the-bridge", "hostile", "warning", data=["hostile_bridge.txt"])
def burns_the_bridge(ctx):
    """Contempt for the employer on the way out.

    What it does:
        In a reply to a rejection, an answer to an offer (a decline) or a
        withdrawal (kinds `rejection-reply`, `offer-reply`, `withdrawal`),
        finds parting shots: "I would never work for a company like yours",
        "looks like I dodged a bullet", "your offer was insulting", "your
        process is a mess", "I have far better options", "I will be leaving
        a review on Glassdoor".

    Why is this bad?
        Recruiters move between companies and hiring managers talk; the
        people you turn down or who turn you down are part of your network
        for years. A parting shot is what they will remember of you.

    Example:
        Frankly your offer was insulting, and I have far better options.

    Use instead:
        Thank you for the offer and for your time. I have decided to accept
        another role, and I hope our paths cross again.
    """
    yield from kind_phrase_findings(
        ctx, ("rejection-reply", "offer-reply", "withdrawal"), "hostile_bridge",
        "\"{phrase}\" burns the bridge: these people stay in your field, and this is what they will remember",
        "Thank you for your time; I hope our paths cross again.")
