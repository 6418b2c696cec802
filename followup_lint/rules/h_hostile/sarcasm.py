"""H3xx, sarcasm, passive aggression and condescension (H301, H302, H303)."""

from __future__ import annotations

from followup_lint.registry import rule
from followup_lint.rules._judgement import hits, layer_findings, phrase_findings
from followup_lint.rules.h_hostile._irony import ironies
from followup_lint.rules.h_hostile._lessons import lessons
from followup_lint.rules.h_hostile._vader import _sentiment


@rule("H301", "sarcasm", "hostile", "warning",
      data=["hostile_sarcasm.txt", "hostile_sarcasm_ambiguous.txt"])
def sarcasm(ctx):
    """Sarcasm, typically in a reply to a rejection.

    What it does:
        Finds sarcastic stock phrases: "thanks for nothing", "really
        professional.", "real classy", "I am sure whoever you picked is a
        real genius", "good luck with that", "your loss". Phrases that are
        sincere in a kind note ("Thanks a lot.", "whoever you picked",
        "oh well") count only next to a clearly negative sentence. Beyond
        the lists, by the parse: thanks or praise whose own object is a
        wrong done to the writer ("Congratulations on wasting three hours
        of my life", "What an honor to be rejected by form letter", "Thanks
        for finally remembering I exist"), or a one-word verdict of praise
        right after a complaint ("Impressive."). Thanks for the reader's
        courtesies stays sincere even when the news is bad ("Thank you for
        letting me know about the delay").

    Why is this bad?
        Sarcasm is contempt with a smile. The reader will feel mocked, and
        it undoes the one thing a reply to a rejection can achieve: being
        remembered well for the next opening.

    Example:
        Thanks for nothing. I am sure whoever you picked is a real genius.

    Use instead:
        Thank you for letting me know. I enjoyed learning about the team and
        would welcome the chance to be considered for future roles.
    """
    found = list(hits(ctx, "hostile_sarcasm"))
    found += [m for m in hits(ctx, "hostile_sarcasm_ambiguous") if _sour_context(ctx.doc, m.start)]
    yield from phrase_findings(
        ctx, sorted(found, key=lambda m: (m.start, m.end)),
        "\"{phrase}\" reads as sarcasm: the reader will feel mocked, and remember you for it",
        "Thank you for letting me know. I would welcome the chance to be considered for future roles.")
    yield from layer_findings(
        ctx, ironies(ctx.doc), [(m.start, m.end) for m in found],
        "\"{passage}\" reads as sarcasm: it thanks or praises the reader for a wrong, and the reader "
        "will feel mocked",
        "Thank you for letting me know. I would welcome the chance to be considered for future roles.")


def _sour_context(doc, offset: int, limit: float = -0.3) -> bool:
    """The sentence at ``offset``, or the one before or after it, reads as
    clearly negative (VADER compound at most ``limit``)."""
    sents = [s for s in doc.sents if s.text.strip()]
    for i, sent in enumerate(sents):
        if sent.start_char <= offset < sent.end_char:
            window = sents[max(0, i - 1):i + 2]
            return any(_sentiment().polarity_scores(s.text)["compound"] <= limit for s in window)
    return False


@rule("H302", "passive-aggressive", "hostile", "warning", data=["hostile_passive_aggressive.txt"])
def passive_aggressive(ctx):
    """Passive-aggressive phrasing.

    What it does:
        Finds phrases that scold while pretending to be polite: "as per my
        last email", "per my previous message", "not sure if you got my
        last three emails", "I would appreciate it if you could actually
        respond", "as I already said", "friendly reminder".

    Why is this bad?
        Everyone knows what these phrases mean. The reader will feel
        scolded for being slow, and a scolded reader answers last, if at
        all.

    Example:
        As per my last email, I would appreciate it if you could actually
        respond.

    Use instead:
        I wanted to check in on the timeline for the data engineer role.
        Is there anything else I can send you?
    """
    yield from phrase_findings(
        ctx, hits(ctx, "hostile_passive_aggressive"),
        "\"{phrase}\" is passive-aggressive: the reader will feel scolded for being slow",
        "I wanted to check in on the timeline. Is there anything else I can send you?")


@rule("H303", "condescension", "hostile", "warning")
def condescension(ctx):
    """Talking down to the reader: a lesson on their own job.

    What it does:
        Finds, by the parse, advice on the reader's competence ("You might
        want to look up what 'competitive salary' means", "I'd suggest your
        interviewers work on basic listening skills", "Please learn to use a
        scheduling tool"), minimising next to words aimed at the reader
        ("It isn't that difficult."), rhetorical questions that the reader's
        task is easy ("How hard is it to return a phone call?", "Is it too
        much to ask for a simple update?"), explaining "slowly" or "simply",
        and asking for "someone who actually understands" or "someone more
        senior". Advice the writer takes on ("If there is anything I should
        work on, I'd welcome your advice"), the writer's own plans ("I'll
        study the product docs") and a question ("Maybe someone more senior
        would like to join the call?") are left alone.

    Why is this bad?
        The reader hears that you think they are not good at their job.
        Even a fair point lands as contempt, and nobody argues for hiring a
        candidate who lectured them.

    Example:
        You might want to brush up on employment law before asking another
        candidate about their salary history.

    Use instead:
        I'd prefer not to share my salary history, but I'm happy to talk
        about my expectations for this role.
    """
    yield from layer_findings(
        ctx, lessons(ctx.doc), [],
        "\"{passage}\" talks down to the reader: it gives them a lesson on their own job, and lands as contempt",
        "Say what you need plainly, without advice on how they should do their job.")
