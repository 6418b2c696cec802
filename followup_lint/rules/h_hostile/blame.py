"""H2xx, blame and threats aimed at the reader (H201, H202)."""

from __future__ import annotations

from followup_lint.registry import rule
from followup_lint.rules._judgement import hits, layer_findings, phrase_findings
from followup_lint.rules.h_hostile._fault import faults
from followup_lint.rules.h_hostile._threats import threats


@rule("H201", "blame-or-accusation", "hostile", "error", data=["hostile_blame.txt"])
def blame_or_accusation(ctx):
    """Blame or an accusation aimed at the reader.

    What it does:
        Finds accusations in many word forms: "you obviously did not read",
        "you wasted my time", "you guys have totally wasted our time",
        "you misled me", "you ghosted me", "it is your fault". Negated
        statements ("you did not waste my time") are not flagged, nor is a
        match whose act has the writer as its subject ("Can you believe I
        made a mistake?": the reader is not the one who made it). Beyond
        the list, by the parse: a fault said to be on the reader's side
        ("The delay is entirely on your side"), the reader held
        responsible or called the reason for something bad, the reader
        told to thank themselves, and charges of bad faith: a statement
        called a lie, an excuse or misleading, work called "free labour",
        a decision put down to the writer's age, gender or another
        protected trait.

    Why is this bad?
        The reader hears an accusation and defends themselves; they do not
        reconsider. Even when the process was poor, blame turns a candidate
        they might call back into one they warn colleagues about.

    Example:
        You obviously did not read my portfolio, and you wasted my time.

    Use instead:
        I would be glad to walk you through my portfolio if it would help.
        Thank you for the time you spent on my application.
    """
    listed = [m for m in hits(ctx, "hostile_blame") if not _writers_act(m.span)]
    yield from phrase_findings(
        ctx, listed,
        "\"{phrase}\" accuses the reader: they will feel blamed and defend themselves instead of reconsidering",
        "Thank you for the time you spent on my application; I would welcome any feedback you can share.")
    yield from layer_findings(
        ctx, faults(ctx.doc), [(m.start, m.end) for m in listed],
        "\"{passage}\" lays the blame or bad faith on the reader: they will defend themselves instead "
        "of reconsidering",
        "Thank you for the time you spent on my application; I would welcome any feedback you can share.")


_WRITER = frozenset({"i", "we"})


def _writers_act(span) -> bool:
    """The act the match blames has the writer as its subject: "(Can) you
    believe I made a mistake" is the writer's own mistake. True when the
    match's last verb has "I" or "we" as its subject."""
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass")]
    return bool(verbs) and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _WRITER for c in verbs[-1].children)


def _own_regret(span) -> bool:
    """"I regret that this action is necessary": the writer's own regret,
    an apology, not a warning that the reader will regret something. True
    when a "regret" in the match has the writer as its subject."""
    return any(t.lemma_.lower() == "regret" and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _WRITER
                                                    for c in t.children) for t in span)


def _kept_posted(span) -> bool:
    """"I'll keep you posted on the dates": a promise of news, not a post.
    True when the match's "post" is the complement of "keep"."""
    return any(t.lower_ == "posted" and t.head.lemma_.lower() == "keep" for t in span)


@rule("H202", "threat", "hostile", "error", data=["hostile_threats.txt"])
def threat(ctx):
    """A threat: lawyers, public posts, regret.

    What it does:
        Finds threats and warnings: "you will regret this", "expect to hear
        from my lawyer", "I will post about this", "I am going to leave a
        review", "I will take this further". The writer's own regret ("I
        regret that this step is needed") is not a threat. Beyond the list,
        by the parse: the writer's coming act of telling, posting,
        reporting or escalating to the public or to an authority over the
        reader ("I'll be letting my network know exactly how you run
        interviews", "I'm copying your VP on this email"), or that
        audience's implied interest ("I'm sure your investors would love
        to know..."), in a sentence that is not plainly warm ("I'll tell
        everyone how welcoming the team was" is praise); and ultimatums, a
        demand joined by "or" to the writer walking away ("Match my number
        or I walk", "Reschedule one more time and I will take it as your
        final answer"), not a fallback plan ("Let me know by Friday, or I'll
        assume Monday works").

    Why is this bad?
        A threat ends the conversation and often starts another one with
        the company's legal or HR team. The reader will feel intimidated,
        and nobody hires or recommends a candidate who threatened them.

    Example:
        If I do not hear back by Friday, I will post about this on LinkedIn.

    Use instead:
        Could you let me know where things stand when you have a moment?
    """
    listed = [m for m in hits(ctx, "hostile_threats") if not _own_regret(m.span) and not _kept_posted(m.span)]
    yield from phrase_findings(
        ctx, listed,
        "\"{phrase}\" is a threat: the reader will feel intimidated, and the note may go straight to HR or legal",
        "Could you let me know where things stand when you have a moment?")
    yield from layer_findings(
        ctx, threats(ctx.doc), [(m.start, m.end) for m in listed],
        "\"{passage}\" reads as a threat: it takes the matter over the reader's head or to the public, "
        "and the note may go straight to HR or legal",
        "Could you let me know where things stand when you have a moment?")
