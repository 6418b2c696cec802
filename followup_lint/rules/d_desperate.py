"""Desperate passages: no other option, pleading, pestering."""

from __future__ import annotations

from followup_lint.deferred import doc_text
from followup_lint.registry import Option, rule
from followup_lint.rules._judgement import (claim_findings, hits, lost_mark, model_findings,
                                             phrase_findings, precise_spans)
from followup_lint.rules._kinds import kind_phrase_findings


@rule("D101", "desperate-plea", "desperate", "warning", data=["desperate_plea.txt"])
def desperate_plea(ctx):
    """Pleading, or saying this job is the only option.

    What it does:
        Finds phrases that signal all your eggs are in one basket or that
        beg: "this job is my only option", "I have stopped applying
        anywhere else", "I really need this job", "I will do anything",
        "I am begging you", "I will take any salary". From the parse it also
        finds the same claims in other words: needing this job ("I really,
        really need this role"), no alternative ("I have no other
        interviews lined up", "you're the only one who called me back"),
        any terms ("I'll take any shift", "even an unpaid internship",
        "forget the benefits, I don't need them") and begging ("please
        don't give the job to someone else", "I'm pleading with you").

    Why is this bad?
        Hiring is a judgement of fit, and pleading asks the reader to
        decide out of pity instead. They will feel uncomfortable and
        pressured; it also tells them you would accept any terms, which
        undercuts you in negotiation.

    Example:
        I really need this job. I will take any salary, I am begging you.

    Use instead:
        I am very interested in this role, especially the search work we
        discussed, and I am happy to answer any other questions.
    """
    found = hits(ctx, "desperate_plea")
    sugg = "I am very interested in this role and happy to answer any other questions."
    yield from phrase_findings(
        ctx, found, "\"{phrase}\" sounds desperate: the reader will feel pressured to decide out of pity, and see "
        "no other options behind you", sugg)
    yield from claim_findings(
        ctx, found, ("only-option", "any-terms", "begging"),
        "\"{phrase}\" sounds desperate ({why}): the reader will feel pressured to decide out of pity", sugg)


# Questions about the reply or the decision itself: these demand, the others ask.
_DEMAND = frozenset({"decide", "decision", "answer", "respond", "response", "reply", "hear", "update",
                     "status", "long", "news", "wait", "ignore", "read", "get", "receive", "back",
                     "still", "yet", "why", "anyone", "see"})


@rule("D201", "pestering", "desperate", "warning",
      options={"max-questions": Option(int, 2, "flag a run of more consecutive questions than this")},
      data=["desperate_pestering.txt"], overrides=["S405"])
def pestering(ctx):
    """Counting unanswered messages, or a volley of questions.

    What it does:
        Finds counts of your own follow-ups ("my fourth email since
        yesterday", "I have emailed you three times") and runs of
        consecutive questions (more than `max-questions` in a row) of which
        at least two demand the reply or the decision itself: "Why have you
        not answered? When will you decide? Did you even read it?" (a word
        of demanding in a question between the reader and the writer, or in
        a short one: "Any update?"; a questionnaire about third matters,
        "Has there been a change in status to the SEC inquiry?", is not). From the
        parse: following up again ("Just circling back again", "checking in
        again today"), bumping your own message, promising more ("I'll keep
        checking in daily"), counting messages ("three voicemails and five
        emails") and implying the reader dropped it ("slipped through the
        cracks"). A "?" the mail put for a lost character is not a question:
        one glued to a word ("I?m", "don?t") or a lone one set apart ("get
        you going:  ?", a bullet the encoding lost).

    Why is this bad?
        The reader will feel hounded. Counting your messages tells them
        to feel guilty; a volley of questions asks for work, not for a
        reply. Both make your note the one left for last.

    Example:
        This is my fourth email since yesterday. When will you decide? Why
        is it taking so long? Did you get my portfolio?

    Use instead:
        I wanted to check in on the timeline for the role. Is there
        anything else I can send you?
    """
    sugg = "I wanted to check in on the timeline for the role. Is there anything else I can send you?"
    found = hits(ctx, "desperate_pestering")
    yield from phrase_findings(
        ctx, found, "\"{phrase}\" counts your own messages: the reader will feel hounded and guilted", sugg)
    yield from claim_findings(ctx, found, ("pestering",),
                              "\"{phrase}\" reads as pestering ({why}): the reader will feel hounded", sugg)
    limit = ctx.options["max-questions"]
    run: list = []
    sents = [s for s in ctx.doc.sents if any(t.is_alpha for t in s)]
    for sent in sents + [None]:
        is_q = sent is not None and _question(sent)
        contiguous = run and sent is not None and "\n\n" not in doc_text(ctx.doc)[run[-1].end_char:sent.start_char]
        if is_q and (not run or contiguous):
            run.append(sent)
            continue
        demanding = sum(_demands(q) for q in run)
        if len(run) > limit and demanding >= 2:
            start = run[0].start_char + len(run[0].text) - len(run[0].text.lstrip())
            end = run[-1].start_char + len(run[-1].text.rstrip())
            yield ctx.finding(start, end,
                              f"{len(run)} questions in a row: the reader will feel interrogated "
                              "and put off answering any of them", [sugg])
        run = [sent] if is_q else []


_PARTIES = frozenset({"you", "your", "yours", "u", "ur", "i", "me", "my", "mine"})


def _demands(q) -> bool:
    """The question asks for the reply or the decision: a word of
    demanding (``_DEMAND``) in a question between the reader and the
    writer ("Did you get my portfolio?", "When will you decide?") or in a
    short one ("Any update?", "Why?"). "Has there been a change in status
    to the SEC inquiry?" asks about a third matter, not the reply."""
    if not any(t.lemma_.lower() in _DEMAND for t in q):
        return False
    return any(t.lower_ in _PARTIES for t in q) or sum(t.is_alpha for t in q) <= 4


def _question(sent) -> bool:
    """The sentence ends in a question mark that is one: not a "?" the
    mail put for a lost character ("I?m", a lost bullet: rules._judgement.lost_mark)."""
    text = sent.text.rstrip()
    if not text.endswith("?") or sum(t.is_alpha for t in sent) < 2:
        return False
    return not lost_mark(doc_text(sent.doc), sent.start_char + len(text) - 1)


@rule("D301", "grovelling", "desperate", "warning", overrides=["W203"])
def grovelling(ctx):
    """Apologising over and over for writing, asking or being there.

    What it does:
        Finds sentences that grovel: two or more apologies in one sentence
        ("Sorry, sorry, I really apologise..."), or one apology that is
        intensified and is for your own asking or presence ("I'm so sorry
        to bother you"), or that runs yourself down ("sorry for being
        annoying, I'll understand if you hate me"). It reads the parse, so
        any wording of that shape is found. Sympathy ("I'm sorry to hear
        about the hiring freeze") and one plain apology for a concrete
        slip ("Apologies for the typo") are not flagged; a single apology
        for writing at all is W203's, and a W203 finding inside a grovelling
        sentence is not reported again (one finding per span).

    Why is this bad?
        Grovelling puts the reader in charge of your feelings: they have to
        reassure you before they can answer. It reads as desperation, and
        it makes you look smaller than the candidate they met.

    Example:
        I'm so sorry to bother you again, I know it's rude of me to even ask.

    Use instead:
        Is there any news on the decision? Thank you for your time.
    """
    yield from claim_findings(
        ctx, (), ("over-apology",),
        "\"{phrase}\" grovels ({why}): the reader has to reassure you before they can answer",
        "Is there any news on the decision? Thank you for your time.")


@rule("D302", "self-deprecation", "desperate", "warning")
def self_deprecation(ctx):
    """Running yourself down.

    What it does:
        Finds sentences where you judge yourself harshly: yourself or your
        CV, English, experience... as the subject and a strongly negative
        word as what you are ("my CV is pathetic", "my English is
        terrible"), a positive one negated ("I'm not as smart as the other
        candidates", "I'm not good at anything"), "I'm nobody special",
        "someone like me doesn't get jobs like this". Strength comes from
        VADER's word valences (bundled, offline), so the words need not be
        listed. Feelings and states ("I'm not sure", "I was a bit
        nervous") and honest limits with no verdict ("my experience in
        logistics is limited") are not flagged.

    Why is this bad?
        The reader takes you at your word. Telling them you are worse than
        the other candidates asks for pity or reassurance, and hands them
        a reason to say no.

    Example:
        I know my CV is pathetic compared to everyone else's.

    Use instead:
        My experience in logistics is limited, but I have spent the last
        month studying your platform.
    """
    yield from claim_findings(
        ctx, (), ("self-deprecation",),
        "\"{phrase}\" runs yourself down: the reader takes you at your word and gets a reason to say no",
        "Name what you are doing about it, e.g. \"My SQL is still growing; I have been working through "
        "your public datasets.\"")


@rule("D401", "asks-to-reconsider", "desperate", "warning", data=["desperate_reconsider.txt"])
def asks_to_reconsider(ctx):
    """Asks for a rejection to be undone.

    What it does:
        In a draft whose kind is `rejection-reply` (docs/kinds.md), finds
        requests to reverse the decision: "please reconsider", "give me
        another chance", "is there anything I can do to change your mind",
        "put me back in consideration", "let me prove myself". Asking to be
        considered for *future* roles is not flagged.

    Why is this bad?
        The decision has been made, usually with others; asking to undo it
        puts the reader in an awkward spot and reads as desperation. Keeping
        the door open for the next role is what works.

    Example:
        Is there anything I can do to change your mind? Please give me
        another chance.

    Use instead:
        I understand, and I would welcome the chance to be considered for
        future roles on the team.
    """
    yield from kind_phrase_findings(
        ctx, ("rejection-reply",), "desperate_reconsider",
        "\"{phrase}\" asks them to undo the decision: it puts the reader in an awkward spot and reads as desperate",
        "I understand, and I would welcome the chance to be considered for future roles.")


@rule("D303", "desperate-sentence", "desperate", "warning",
      options={"threshold": Option(float, 0.5, "flag a sentence whose desperate score from the tone "
                                   "model is at least this (0-1)")})
def desperate_sentence(ctx):
    """A sentence that reads as desperate as a whole, by the tone model.

    What it does:
        Scores each sentence of the sender's words with the tone model's
        desperate head (docs/tone-model.md): a linear model over words, word
        pairs and character n-grams, trained on email sentences written for
        this project by people who never saw these rules. A sentence at
        `threshold` or above is flagged with the words that carry it, and the
        JSON finding has its `score` (and `tone` "desperate"). It adds what
        D101, D201, D301, D302 and D401 miss: sentences those rules' phrase
        lists or structural claims already cover, sentences with a W203
        over-apology in them, plain business apologies ("Sorry for any
        inconvenience", "Sorry, I've been tied up all day": one apology, not
        intensified or repeated, for a business trouble or the writer's own
        delay, by the parse), apologies for a possible slip of the writer's
        own ("Sorry if I rambled a bit too much": an "if" clause of what the
        writer did, nothing of the hiring in it and no plea after it),
        offers of help ("Please phone me with any questions", "Let me know
        if I can help": a verb of getting in touch with the writer, for the
        reader's questions or the writer's help, and nothing more),
        someone else's words quoted ("'...,' Mr. Lay said": a verb of saying
        with a third-party subject and a quoted complement, nothing of the
        sender's beside it) and sentences that read more as another category
        are left alone.

    Why is this bad?
        Neediness asks the reader to decide out of pity or guilt. It makes
        them uncomfortable, and it tells them you would accept any terms.

    Example:
        My savings run out next month, so your answer means everything to me.

    Use instead:
        I am very interested in the role and happy to answer anything else
        that would help your decision.
    """
    precise = precise_spans(ctx, ("desperate_plea", "desperate_pestering", "desperate_reconsider",
                                  "writing_apologies"),
                            ("only-option", "any-terms", "begging", "pestering", "over-apology",
                             "self-deprecation"))
    from followup_lint.structural.apology import business_apology_spans
    from followup_lint.structural.offers import offer_spans
    from followup_lint.structural.speech import reported_spans

    precise += business_apology_spans(ctx.doc)  # "Sorry for any inconvenience": not neediness
    precise += offer_spans(ctx.doc)  # "Please phone me with any questions": an offer, not a plea
    precise += reported_spans(ctx.doc)  # "'...,' Mr. Lay said": someone else's words
    yield from model_findings(
        ctx, "desperate", ctx.options["threshold"], precise,
        "reads as desperate: \"{words}\" (model score {score}): the reader will feel pressured to decide "
        "out of pity",
        "I am very interested in this role and happy to answer any other questions.")
