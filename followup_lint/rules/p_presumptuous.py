"""Presumptuous passages: taking the offer for granted, or quitting the
current job before there is one."""

from __future__ import annotations

import re

from followup_lint.registry import Option, rule
from followup_lint.rules._judgement import (claim_findings, hits, model_findings, phrase_findings,
                                             precise_spans)
from followup_lint.structural import distant_past, is_past, offer_in_hand
from followup_lint.rules._kinds import is_kind


@rule("P101", "assumes-the-offer", "presumptuous", "warning", data=["presumptuous_offer.txt"])
def assumes_the_offer(ctx):
    """Writes as if the job were already yours.

    What it does:
        Finds phrases that take the offer for granted: "I am thrilled to be joining the team", "when I
        start", "my first day", "my start date", "send over the onboarding paperwork", "see you on
        Monday". It also reads the parse for the same claims in any wording: a first-person subject, a
        verb of starting and a time ("I can start on the 1st", "Looking forward to starting on November
        16"), or readied or planned by you ("I'm ready to start on the 18th", "Happy to start Monday"),
        plans for day one ("I'll bring pastries on day one"), onboarding arrangements asked for yourself
        ("who should I send my direct deposit details to", "could IT have my accounts ready before I
        arrive?", "just checking when my orientation is scheduled", "Which laptop will I get?") or
        already done unasked ("I went ahead and filled out the W-4", "My bank details for payroll are
        below"), a first day, week or paycheck ("my first Monday"), waiting for the offer as if it were
        coming ("I'll wait for your offer letter"; not the written one after a verbal offer), terms or
        rounds taken as settled ("I assume the reference checks are just a formality", "I'll expect your
        decision by Friday", "We both know I'm the right person"), a next round
        nobody offered ("I'll bring my portfolio to the final round"; not one the reader arranged), a move
        made for it ("We've signed a lease on a flat near your London office"), and
        speaking as if already on the team ("as your new charge nurse", "It'll be great to work alongside
        you", not "I'd love the chance to work with you"; "once I'm on board", "once I'm
        your head of data", "having you as my manager"). A plan said politely is still a plan ("I'd like
        to schedule one-to-ones during my first week"), and "let me know if..." is no condition on it.
        Wishes and conditions ("if I join", "I would love to join", "I hope to start", "Would it help if
        I set up one-to-ones during my first week?"), an availability window ("any time after the 20th",
        "my earliest start date"), negations, the past, questions about the role in general, habits
        ("when I start a new project I always...", "In every new team I join, I meet each person in my
        first week"), dates and papers the reader set ("as you suggested", "the W-4 you asked for") and
        drafts that say the offer was signed or accepted ("now that I've signed", "now that I've
        accepted", "Thrilled to accept!", "now the paperwork's done", "as agreed in the contract", "the
        offer letter says...", "your offer letter arrived", or that the reader sent a new hire's material:
        "Thanks for the welcome email!", "Thanks for sending the first-day agenda") are not flagged, but for
        a term set in place of the offered one ("Thrilled to accept! I'll be starting on the 20th rather than the 6th").

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
    sugg = ("I would be thrilled to join the team, and I am happy to answer anything else that would help your "
            "decision.")
    if offer_in_hand(ctx.doc):  # the terms are still the reader's: "I accept; I'll report to London rather than..."
        yield from claim_findings(ctx, [], ("terms",), "\"{phrase}\" takes the terms for granted ({why}): the "
                                  "reader will feel their decision is being made for them", sugg)
        return
    found = [m for m in hits(ctx, "presumptuous_offer", allow_hypothetical=False) if not _invited_or_habit(m)]
    yield from phrase_findings(
        ctx, found, "\"{phrase}\" assumes the offer: the reader will feel their decision is being made for them",
        sugg)
    yield from claim_findings(
        ctx, found, ("start", "onboarding", "familiarity", "terms"),
        "\"{phrase}\" assumes the offer ({why}): the reader will feel their decision is being made for them", sugg)


def _invited_or_habit(m) -> bool:
    """A list match that the sentence shows to be something else: a date the
    reader set ("see you on Monday at the panel interview, as you
    suggested"), or a habit ("when I start a new project I always...", "On
    any new project, I review the budget before my first day")."""
    from followup_lint.structural import PROCESS_NOUNS, _habitual, _invited, _job_object_only, generic_present

    sent = m.span.sent
    if any(t.lemma_ == "see" for t in m.span) and (
            _invited(sent) or any(t.lower_ in PROCESS_NOUNS for t in sent)):
        return True
    if _told_in_the_past(m.span) or generic_present(sent):
        return True
    verbs = [t for t in m.span if t.pos_ == "VERB" and t.lemma_ in ("start", "join", "begin")]
    return any(not _job_object_only(v) for v in verbs) or (bool(verbs) and _habitual(sent))


def _told_in_the_past(span) -> bool:
    """The match is told in the simple past: "At my last job, I started a
    project on my first day", "When I joined my current team, ...", "During
    my first week at Globex I shipped a fix": a story, not a plan ("I've
    blocked out January 6th as my first day" is not simple past)."""
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX")]
    if not verbs:
        t = span.root
        while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
            t = t.head
        verbs = [t] if t.pos_ in ("VERB", "AUX") else []
    return bool(verbs) and all(v.tag_ == "VBD" for v in verbs) and is_past(span.sent.root)


@rule("P201", "quit-before-offer", "presumptuous", "error", data=["presumptuous_quit.txt"])
def quit_before_offer(ctx):
    """Reports quitting the current job before an offer.

    What it does:
        Finds reports of having quit or resigned, or handed in notice:
        "I have already quit my job", "I resigned yesterday", "I handed in
        my notice", "I told my boss I am leaving", and, from the parse, any
        sentence of that shape: a first-person subject of resigning, handing
        in notice, telling an employer one is leaving, or turning down
        something else for this job ("My two weeks' notice went in today",
        "I turned down the Accenture offer because I know I'm coming to
        you", "I've turned down two other interviews"; "I gave notice at the
        charity", "my manager accepted my resignation", "this is my last
        month"), and the move told to the current job or one's own people
        ("My boss knows I'm leaving for your team", "I informed my
        supervisor that I'll be moving to your clinic next spring"). Negated and hypothetical sentences ("I have not resigned",
        "if I resign", "I would need to give notice"), quitting well in the
        past or a job before the current one ("I resigned from Initech in
        January to finish my degree", "when I resigned two years ago", "I
        resigned from my last role to care for a family member") and drafts that say the offer was
        signed are not flagged.

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
    if offer_in_hand(ctx.doc):
        return
    found = [m for m in hits(ctx, "presumptuous_quit", allow_hypothetical=False) if not _background(m)]
    message = "\"{phrase}\" reports quitting before an offer: the reader will feel pressured, and doubt your judgement"
    sugg = "I can be available to start within two weeks of an offer."
    yield from phrase_findings(ctx, found, message, sugg)
    yield from claim_findings(ctx, found, ("resign",), message, sugg)


def _background(m) -> bool:
    """Quitting well in the past is background, not pressure: "I resigned
    from Initech in January to finish my degree", "When I resigned..."."""
    verbs = [t for t in m.span if t.pos_ in ("VERB", "AUX") and is_past(t)]
    if not verbs:
        return False
    sent = m.span.sent
    return distant_past(sent) or any(c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "after", "since")
                                     for v in verbs for c in v.children)


# A written offer in sight: attached, quoted as attached or signed, or the sender says they have it.
_WRITTEN = re.compile(r"(?i)\b(offer letter|written offer|offer in writing|signed (the )?offer|formal offer|"
                      r"contract)\b")


@rule("P401", "resigns-before-written-offer", "presumptuous", "error",
      data=["presumptuous_resign_plan.txt"])
def resigns_before_written_offer(ctx):
    """Announces a resignation in reply to an offer that is not in writing.

    What it does:
        In a draft whose kind is `offer-reply` (docs/kinds.md), finds plans
        to resign now: "I will resign tomorrow", "I'll hand in my notice
        first thing", "I'm telling my manager this afternoon", unless a
        written offer is in sight: an attachment named like an offer or a
        contract, or an "offer letter", "written offer" or "contract" in the
        sender's words or the quoted offer. Conditions ("once I have the
        offer letter I will resign") are not flagged. Having already quit
        is P201's.

    Why is this bad?
        A verbal offer can still change or fall through (budget, background
        checks, a reorganisation). Career advisers are unanimous: resign
        only after the written offer is signed. Announcing it also pressures
        the employer, who now feels responsible for your job.

    Example:
        Thank you for the offer! I'm thrilled to accept and I'll hand in my
        notice tomorrow.

    Use instead:
        Thank you for the offer! I'm thrilled to accept. Could you send the
        written offer? I will give notice as soon as it is signed.
    """
    if not is_kind(ctx, "offer-reply"):
        return
    from followup_lint.kinds import quoted_text

    quoted = quoted_text(ctx.draft)
    seen = [ctx.draft.text.text, quoted.text if quoted is not None else ""]
    if any(_WRITTEN.search(t) for t in seen) or any(_WRITTEN.search(a) or "offer" in a.lower()
                                                   for a in ctx.draft.attachments):
        return
    yield from phrase_findings(
        ctx, hits(ctx, "presumptuous_resign_plan", allow_hypothetical=False),
        "\"{phrase}\" announces resigning before the offer is in writing: a verbal offer can still fall through",
        "Could you send the written offer? I will give notice as soon as it is signed.")


@rule("P301", "presumptuous-sentence", "presumptuous", "warning",
      options={"threshold": Option(float, 0.835, "flag a sentence whose presumptuous score from the tone "
                                   "model is at least this (0-1)")})
def presumptuous_sentence(ctx):
    """A sentence that reads as presumptuous as a whole, by the tone model.

    What it does:
        Scores each sentence of the sender's words with the tone model's
        presumptuous head (docs/tone-model.md): a linear model over words,
        word pairs and character n-grams, trained on email sentences written
        for this project by people who never saw these rules. A sentence at
        `threshold` or above is flagged with the words that carry it, and the
        JSON finding has its `score` (and `tone` "presumptuous"). It adds
        what P101, P201 and P401 miss: sentences those rules' phrase lists or
        structural claims already cover, drafts that say the offer was signed
        or accepted, the writer's own out-of-office notices ("I will be out of
        the office next week", by the parse: "be" out/away/on vacation with
        a first-person subject, nothing about the job or starting), stories
        from the writer's past dated well back ("I moved to Denver last
        spring for my partner's job, so I'm already local", by the parse: a
        first-person verb in the simple past, a date like "last spring" or
        "in 2021", and no future, modal, plan or news of resigning beside
        it), a habit told in the simple present ("In every lead role, I
        schedule one-on-ones in my first two weeks": a quantified adjunct or
        "always", "usually" on a first-person present verb), a meeting the
        reader proposed ("Tuesday at 2 pm works well
        for me. I'll see you at the Market Street office": a time taken,
        and "see you" with no team to join and no first day), someone
        else's words quoted ("'...,' she told reporters", by the parse, as in
        D303) and sentences that read more as another category are left
        alone.

    Why is this bad?
        Taking the job, the salary or the next step for granted makes the
        decision for the reader. It reads as arrogance or as not having
        listened, and makes saying no easier.

    Example:
        I've already told my landlord I'll be moving to Denver in March.

    Use instead:
        If it works out, I would be glad to relocate to Denver; I am happy to
        talk about timing whenever it helps.
    """
    if offer_in_hand(ctx.doc):
        return
    precise = precise_spans(ctx, ("presumptuous_offer", "presumptuous_quit", "presumptuous_resign_plan"),
                            ("start", "onboarding", "familiarity", "terms", "resign"))
    from followup_lint.structural.asides import absence_spans, habit_spans, meeting_spans, past_story_spans
    from followup_lint.structural.speech import reported_spans

    precise += absence_spans(ctx.doc)  # "I will be out of the office next week": availability, not the job
    precise += past_story_spans(ctx.doc)  # "I moved to Denver last spring for my partner's job": background
    precise += habit_spans(ctx.doc)  # "In every lead role I've held, I schedule one-on-ones...": a habit
    precise += meeting_spans(ctx.doc)  # "Tuesday at 2 pm works well for me. I'll see you at the office."
    precise += reported_spans(ctx.doc)  # "'...,' Mr. Lay said": someone else's words
    yield from model_findings(
        ctx, "presumptuous", ctx.options["threshold"], precise,
        "reads as presumptuous: \"{words}\" (model score {score}): the reader will feel their decision is "
        "being made for them",
        "Say it as a hope or a condition: \"If I am selected, I would be glad to...\"")
