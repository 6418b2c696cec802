"""Presumptuous passages: taking the offer for granted, or quitting the
current job before there is one."""

from __future__ import annotations

from followup_lint.registry import rule
from followup_lint.rules._judgement import hits, phrase_findings


@rule("P101", "assumes-the-offer", "presumptuous", "warning", data=["presumptuous_offer.txt"])
def assumes_the_offer(ctx):
    """Writes as if the job were already yours.

    What it does:
        Finds phrases that take the offer for granted: "I am thrilled to be
        joining the team", "when I start", "my first day", "my start date",
        "send over the onboarding paperwork", "see you on Monday". Wishes
        and conditions ("if I join", "I would love to join", "I hope to
        start") are not flagged, and neither are negations.

    Why is this bad?
        The decision is the reader's. Announcing it for them reads as
        arrogance, or as not having listened when they described the next
        steps, and it makes saying no easier, not harder.

    Example:
        I am thrilled to be joining the team. What should I bring on my
        first day?

    Use instead:
        I would be thrilled to join the team, and I am happy to answer
        anything else that would help your decision.
    """
    yield from phrase_findings(
        ctx, hits(ctx, "presumptuous_offer", allow_hypothetical=False),
        "\"{phrase}\" assumes the offer: the reader will feel their decision is being made for them",
        "I would be thrilled to join the team, and I am happy to answer anything else that would help your "
        "decision.")


@rule("P201", "quit-before-offer", "presumptuous", "error", data=["presumptuous_quit.txt"])
def quit_before_offer(ctx):
    """Reports quitting the current job before an offer.

    What it does:
        Finds reports of having quit or resigned, or handed in notice:
        "I have already quit my job", "I resigned yesterday", "I handed in
        my notice", "I told my boss I am leaving". Negated and hypothetical
        sentences ("I have not resigned", "if I resign") are not flagged.

    Why is this bad?
        It puts pressure on the reader, who will feel responsible for a
        decision you made for them, and it tells them your judgement runs
        ahead of the facts. It also weakens any salary negotiation: they
        know you have no job to stay in.

    Example:
        I have already handed in my notice so I can start right away.

    Use instead:
        I can be available to start within two weeks of an offer.
    """
    yield from phrase_findings(
        ctx, hits(ctx, "presumptuous_quit", allow_hypothetical=False),
        "\"{phrase}\" reports quitting before an offer: the reader will feel pressured, and doubt your judgement",
        "I can be available to start within two weeks of an offer.")
