"""Presumptuous claims (P101) about the offer and the next step, reported as
``start``: waiting for an offer nobody made ("I look forward to receiving the
offer letter"), taking the terms or the next round as settled ("I assume the
reference checks are just a formality"), a next round nobody offered ("I'll
prepare my slides for the final round")."""

from __future__ import annotations

from followup_lint.structural.clause import (
    Claim, _clause_ids, _controller, _invited, _lower, _span, is_past, modal_hypothetical, negated, question,
    takes_a_time,
)
from followup_lint.structural.wordclasses import HYPO_MODALS, JOB_NOUNS


# Waiting for the offer as if it were coming: "I look forward to receiving the offer letter this week",
# "I'll wait for your offer letter", "I'm still waiting on my employment contract".
_AWAIT = frozenset({"wait", "await", "expect", "watch", "look"})
_RECEIVE = frozenset({"receive", "get", "see", "review", "sign"})
_NOT_YOURS = frozenset({"written", "formal", "verbal", "other", "another", "revised", "their", "his", "her",
                        "its", "an", "a", "any", "counter"})


def _offer_noun(t):
    """The head noun of "the offer", "your offer letter", "the offer
    details", "my employment contract", or None."""
    if t.lemma_ == "offer" and t.pos_ == "NOUN":
        return t.head if t.dep_ == "compound" and t.head.pos_ == "NOUN" else t
    if t.lemma_ == "contract" and t.pos_ == "NOUN" and any(
            c.dep_ in ("compound", "amod") and _lower(c) in ("employment", "job") for c in t.children):
        return t
    return None


def _awaited_offer(sent, cond):
    """The writer waits for an offer nobody made, as if it were on its way:
    the offer (the, your, my: not "an offer", not "their", not the
    "written" or "formal" one that follows a verbal offer) is what a
    first-person verb of waiting or expecting is for, or what is received
    in "looking forward to receiving"; no condition, question, negation,
    wish or past."""
    if cond or question(sent):
        return
    doc = sent.doc
    for t in sent:
        noun = _offer_noun(t)
        if noun is None or noun.i != t.i and t.dep_ != "compound":
            continue
        mods = [c for c in noun.children if c.dep_ in ("det", "poss", "amod", "compound")]
        if not any(_lower(c) in ("the", "your", "my") for c in mods) or any(_lower(c) in _NOT_YOURS for c in mods):
            continue
        if any(c.dep_ == "prep" and any(d.dep_ == "pobj" and d.lemma_ not in JOB_NOUNS for d in c.children)
               for c in noun.children):
            continue  # "your offer for the pipeline capacity": business, not the job
        v = noun.head.head if noun.dep_ == "pobj" else noun.head if noun.dep_ == "dobj" else None
        if v is None or v.pos_ not in ("VERB", "AUX"):
            continue
        owner = v
        if v.lemma_ in _RECEIVE and v.dep_ == "pcomp" and _lower(v.head) == "to":
            owner = v.head.head
            if owner.lemma_ == "forward":
                owner = owner.head
        if owner.lemma_ not in _AWAIT or owner.lemma_ == "look" and not any(
                _lower(c) == "forward" for c in owner.subtree):
            continue
        subj = [c for c in owner.children if c.dep_ == "nsubj"]
        if not (any(_lower(c) == "i" for c in subj) or not subj and owner.i <= sent.start + 1):
            continue
        if negated(owner) or modal_hypothetical(owner) or is_past(owner) or negated(v):
            continue
        ids = [owner.i, v.i, noun.i] + [c.i for c in mods] + [c.i for c in subj if _lower(c) == "i"]
        yield Claim("start", *_span(doc, ids), "waiting for an offer not yet made")
        return


# What a candidate takes for granted in "I assume ...": the terms, the job, the next round.
_ASSUMED = frozenset({"salary", "pay", "bonus", "offer", "title", "package", "leave", "pto", "vacation", "remote",
                      "interview", "panel", "round", "reference", "references", "formality", "job", "role",
                      "raise", "equity", "wage", "relocation", "benefit", "stipend", "mine", "base"})


def _assumed(sent, cond):
    """The writer takes the terms or the next step as settled: "I'll assume
    four days remote is fine", "I assume the reference checks are just a
    formality", "I'll take it that the extra 5k I asked for is fine", "I'm
    assuming the salary will be at the top of the band": a first-person
    "assume" (or "take it that") in the present or future with a clause
    about the job, its terms or its rounds; not "assuming all goes well"
    (no subject: a condition), not negated, asked or in a condition."""
    if cond or question(sent):
        return
    doc = sent.doc
    for t in sent:
        if t.lemma_ == "assume" and t.pos_ == "VERB":
            pass
        elif not (t.lemma_ == "take" and any(c.dep_ == "dobj" and _lower(c) == "it" for c in t.children)):
            continue
        subj = [c for c in t.children if c.dep_ == "nsubj" and _lower(c) == "i"]
        if not subj or negated(t) or is_past(t) or modal_hypothetical(t):
            continue
        if t.tag_ == "VBG" and not any(c.dep_ == "aux" and c.lemma_ == "be" for c in t.children):
            continue
        said = [c for c in t.children if c.dep_ == "ccomp"]
        if not said or not any(_lower(doc[i]) in _ASSUMED or doc[i].lemma_ in _ASSUMED
                               for i in _clause_ids(said[0], sent)):
            continue  # the job, its terms or its rounds in the assumed clause itself
        if any(c.dep_ in ("nsubj", "nsubjpass") and _lower(c) in ("you", "he", "she", "they")
               for c in said[0].children):
            continue  # "I assume you'll let me know", "I assume that you are familiar with...": someone's step
        yield Claim("terms", *_span(doc, [subj[0].i, t.i]), "taking the terms or the next step as settled")
        return


# What the reader is to deliver, expected of them: "I'll expect your decision by Friday".
_DELIVERABLES = frozenset({"decision", "call", "answer", "reply", "response", "offer", "letter", "contract", "form",
                           "forms", "update", "confirmation", "allowance", "package", "news", "paperwork", "outcome"})


def _expected(sent, cond):
    """The writer expects the reader's step as owed: "I will expect your
    decision by the end of this week", "I'll expect a call from your
    recruiter tomorrow", "I expect to receive your decision by Friday", "I
    expect my relocation costs will be fully covered": a first-person
    "expect", not negated, past, wished, asked or conditional, with "will"
    and the reader's deliverable as its object, or in the present with a
    deliverable to receive or a clause about the terms (as in _assumed); not
    "I expect to hear back soon", not "People often expect a raise"."""
    if cond or question(sent):
        return
    doc = sent.doc
    for t in sent:
        if t.lemma_ != "expect" or t.pos_ != "VERB" or negated(t) or is_past(t) or modal_hypothetical(t):
            continue
        subj = [c for c in t.children if c.dep_ == "nsubj" and _lower(c) == "i"]
        if not subj or t.tag_ == "VBG" and not any(c.dep_ == "aux" and c.lemma_ == "be" for c in t.children):
            continue
        will = any(c.dep_ == "aux" and _lower(c) in ("will", "'ll") for c in t.children)
        objs = [c for c in t.children if c.dep_ == "dobj"] + [
            d for c in t.children if c.dep_ == "xcomp" and c.lemma_ in _RECEIVE for d in c.children if d.dep_ == "dobj"]
        owed = any(o.lemma_ in _DELIVERABLES for o in objs) and (will or any(c.dep_ == "xcomp" for c in t.children))
        said = [c for c in t.children if c.dep_ == "ccomp"]
        terms = bool(said) and any(_lower(doc[i]) in _ASSUMED or doc[i].lemma_ in _ASSUMED
                                   for i in _clause_ids(said[0], sent)) and not any(
            c.dep_ in ("nsubj", "nsubjpass") and _lower(c) in ("you", "he", "she", "they") for c in said[0].children)
        if owed or terms:
            yield Claim("terms", *_span(doc, [subj[0].i, t.i]), "expecting the reader's step as owed")
            return


def _rather_than(sent, cond):
    """The writer sets a term in place of the one offered: "I'll report to
    the London office rather than Manchester", "I will start on 78,000
    rather than 72,000", "I'll be using Head of Design in my signature
    rather than Design Lead": "rather than" or "instead of" in a statement
    (no question: "Would it be possible to be based in London rather than
    Manchester?" asks) whose verb has the writer as subject, with "will",
    "'ll" or a present progressive; no condition, negation or past. Read
    only with the offer in hand (claims._terms)."""
    if cond or question(sent):
        return
    doc = sent.doc
    for t in sent:
        low = _lower(t)
        nxt = _lower(doc[t.i + 1]) if t.i + 1 < sent.end else ""
        if not (low == "rather" and nxt == "than" or low == "instead" and nxt == "of"):
            continue
        v = t.head
        while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
            v = v.head
        owner = _controller(v)
        mine = any(c.dep_ == "nsubj" and _lower(c) == "i" for c in owner.children)
        aux = {_lower(c) for x in (v, owner) for c in x.children if c.dep_ == "aux"}
        ahead = bool(aux & {"will", "'ll", "'m", "am"})
        if not mine or not ahead or negated(v) or negated(owner) or is_past(owner):
            continue
        yield Claim("terms", *_span(doc, [owner.i, t.i, t.i + 1]), "setting the terms yourself")
        return


_PAY_TERMS = frozenset({"salary", "pay", "bonus", "title", "package", "pto", "vacation", "remote", "raise", "equity",
                        "wage", "relocation", "stipend", "base", "rate", "hourly"})
_GLAD = frozenset({"glad", "happy", "pleased", "great", "delighted", "thrilled", "relieved"})


def _glad_terms(sent, cond):
    """The writer is glad the pay or terms are settled, as if agreed: "I'm
    glad the salary will be the $145,000 I mentioned", "I'm glad we're
    aligned on 120,000 as my starting salary", "I'm glad the relocation
    stipend is sorted": a word of gladness with a finite clause of its own
    (not "happy to discuss compensation": an offer to talk) about the pay,
    title or leave, not wished, asked, negated or conditional."""
    if cond or question(sent):
        return
    doc = sent.doc
    for g in sent:
        if _lower(g) not in _GLAD or negated(g) or modal_hypothetical(g):
            continue
        said = [c for c in g.children if c.dep_ == "ccomp"] or [
            c for c in g.head.children if c.dep_ == "ccomp" and g.dep_ == "acomp" and c.i > g.i]
        if not said or is_past(said[0]) or any(c.dep_ == "aux" and _lower(c) in HYPO_MODALS for c in said[0].children):
            continue  # "I'm glad the equity details were in the offer": what the papers said
        if not any(x.lemma_ in _PAY_TERMS or _lower(x) in _PAY_TERMS for x in said[0].subtree):
            continue
        yield Claim("terms", *_span(doc, [g.i] + [x.i for x in said[0].subtree if x.lemma_ in _PAY_TERMS
                                                    or _lower(x) in _PAY_TERMS]), "taking the terms as agreed")
        return


_SHARED = frozenset({"know", "agree", "see", "feel", "realise", "realize", "understand"})
_DECIDED = frozenset({"search", "decision", "outcome", "choice", "hire"})


def _shared_verdict(sent, cond):
    """The reader's verdict claimed as already shared: "We both know I'm the
    right person for this job", "I think we can both agree the search is
    over": "we" with "both" (the writer and the reader; not "we all") as the
    subject of knowing or agreeing, in the present (or "can"), not negated,
    asked or conditional, and the clause known says what the writer is ("I'm
    the right person") or where the search is ("the search is over"): "We
    both know the market is tough", "we both agree I should take the lead"
    are no verdict."""
    if cond or question(sent):
        return
    doc = sent.doc
    for v in sent:
        if v.lemma_ not in _SHARED or v.pos_ != "VERB" or negated(v) or is_past(v) or modal_hypothetical(v):
            continue
        we = [c for c in v.children if c.dep_ == "nsubj" and _lower(c) == "we"]
        both = [x for x in (*v.children, *(c for w in we for c in w.children))
                if _lower(x) == "both" and x.dep_ in ("appos", "advmod", "det", "preconj", "nmod")]
        said = [c for c in v.children if c.dep_ in ("ccomp", "xcomp")]
        if not we or not both or not said:
            continue
        clauses = [said[0]] + [c for c in said[0].children if c.dep_ == "ccomp"]
        if not any(c.lemma_ == "be" and any(s.dep_ == "nsubj" and _lower(s) == "i" for s in c.children) and any(
                a.dep_ == "attr" and a.pos_ == "NOUN" for a in c.children) or any(
                s.dep_ == "nsubj" and s.lemma_ in _DECIDED for s in c.children) and any(
                _lower(a) in ("over", "made", "done", "settled") for a in c.children) for c in clauses):
            continue  # what the writer is ("I'm the right person") or the search ("the search is over")
        yield Claim("start", *_span(doc, [we[0].i, v.i] + [x.i for x in both]), "the reader's verdict taken as shared")
        return


# A later stage of the hiring process ("the next round", "my second interview", "the final-round panel")
# and who may have arranged it for the writer.
_ROUNDS = frozenset({"interview", "round", "stage", "panel", "onsite", "on-site", "assessment"})
_LATER = frozenset({"next", "second", "third", "final", "2nd", "3rd", "later"})
_ARRANGE = frozenset({"schedule", "arrange", "invite", "confirm", "book", "set", "mention", "describe", "say",
                      "tell", "propose", "suggest", "plan", "ask", "offer", "organise", "organize", "send"})
_ARRANGED = _ARRANGE | {"invitation", "reminder", "confirmation", "remind", "news", "update", "let"}
_THANKING = frozenset({"thank", "thanks", "appreciate", "grateful", "thankful"})
_CREDIT = "followup_lint.structural.reader_arranged"
# Verbs that look back on a round already held ("following up on my final-round interview").
_AFTER_IT = frozenset({"follow", "thank", "enjoy", "recap", "reflect", "debrief", "appreciate", "mention"})


def reader_arranged(doc) -> bool:
    """Someone on the reader's side arranged a step, somewhere in the note:
    thanks for an invitation, a schedule, a reminder or news ("Thanks for
    inviting me back", "Thank you for the invitation to the second
    interview"), or a subject other than the writer of a verb of arranging,
    inviting or saying ("the final round you scheduled", "your coordinator
    confirmed", "Sarah said the next step would be..."), or a time offered
    taken ("Tuesday at 2 pm works for me")."""
    found = doc.user_data.get(_CREDIT)
    if found is None:
        found = doc.user_data[_CREDIT] = any(_arranged(s) for s in doc.sents)
    return found


def _arranged(sent) -> bool:
    if takes_a_time(sent) or any(t.lemma_ in ("invite", "invitation") and t.pos_ == "NOUN" for t in sent):
        return True  # "Tuesday at 2 pm works for me", "I've received the invite for the final interview"
    if any(t.lemma_ in _THANKING or _lower(t) in _THANKING for t in sent) and any(
            t.lemma_ in _ARRANGED or _lower(t) in _ARRANGED for t in sent):
        return True
    return any(t.lemma_ in _ARRANGE and not negated(t) and any(
        c.dep_ in ("nsubj", "nsubjpass", "agent") and _lower(c) not in ("i", "we", "me") for c in t.children)
        for t in sent)


def _next_round(sent, cond):
    """The writer takes a later round as theirs: "I'll prepare my
    presentation for the final round", "I look forward to meeting the CEO in
    the next round", "Please send the details for my second interview",
    "I've put Thursday in my calendar for the second interview": a round,
    stage, panel or interview marked next, second or final (_later_round) is
    what the writer's own act ahead is for, at or in ("for", "at", "in",
    "to", "before"; not "after", "from"), the act ahead (_ahead) in a clause
    of the writer's own (a first-person or "my" subject, or none: "Looking
    forward to...", "Please send..."), not negated, wished, asked, able ("I
    can do the second interview on video") or conditional, and nobody on
    the reader's side arranged it anywhere in the note (reader_arranged)."""
    if cond or question(sent) or _invited(sent) or any(_lower(x) in ("another", "other", "elsewhere") for x in sent):
        return
    doc = sent.doc
    for t in sent:
        later = _later_round(t)
        if not later:
            continue
        noun = t.head if t.dep_ == "compound" else t
        if noun.dep_ != "pobj" or _lower(noun.head) not in ("for", "at", "in", "to", "before"):
            continue  # "After the final round I've realised...", "the signals from the final round"
        v = noun.head.head
        while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
            v = v.head  # "send the details for my second interview": the prep hangs from the object
        owner = _controller(v)
        subj = [c for c in owner.children if c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj")]
        if subj and not all(_lower(c) in ("i", "we") or any(
                d.dep_ == "poss" and _lower(d) == "my" for d in c.children) for c in subj):
            continue  # "Your team said the next round is Thursday"
        if not (_ahead(v) or _ahead(owner)) or negated(v) or negated(owner) or modal_hypothetical(v) \
                or v.lemma_ in _AFTER_IT or any(c.dep_ == "aux" and _lower(c) in ("can", "ca")
                                                for x in (v, owner) for c in x.children):
            continue  # "I'm available for the next round", "I'm following up on my final-round interview"
        if reader_arranged(doc):
            continue
        yield Claim("start", *_span(doc, [c.i for c in later] + [t.i]), "a next round not yet offered")
        return


def _later_round(t) -> list:
    """The words that mark ``t`` as a later round of this process ("the
    next round", "my second interview", "the final-round panel"), or none:
    not "a round of talks", not rounds in general ("the final stages",
    "final rounds elsewhere"), not "the final round you scheduled", nothing
    wished over it ("It would be a privilege to be considered for the next
    round")."""
    if t.lemma_ not in _ROUNDS or t.pos_ not in ("NOUN", "PROPN"):
        return []
    later = [c for c in t.children if c.dep_ in ("amod", "compound", "nummod") and _lower(c) in _LATER]
    if not later or any(c.dep_ in ("prep", "relcl") and (c.dep_ == "relcl" or _lower(c) == "of") for c in t.children):
        return []
    noun = t.head if t.dep_ == "compound" else t
    if noun.tag_ == "NNS" or not any(c.dep_ in ("det", "poss") and _lower(c) != "a" for c in noun.children):
        return []
    if any(c.dep_ == "relcl" for c in noun.children):
        return []
    if any(c.dep_ in ("aux", "auxpass") and (_lower(c) in HYPO_MODALS or any(
            d.dep_ == "aux" and _lower(d) in HYPO_MODALS for d in c.children))
           for a in (t, *t.ancestors) for c in a.children):
        return []
    return later


def _ahead(v) -> bool:
    """``v`` is an act of the writer's still ahead or under way: a future
    ("I'll prepare", "I will come"), a present progressive ("I'm keeping
    Tuesday open"), a present perfect of getting ready ("I've put Thursday
    in my calendar"), an imperative ("Please send", "See you"), or what the
    writer looks forward to ("I look forward to meeting", "Looking forward
    to meeting"); not a past, a participle or a gerund standing alone."""
    aux = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    if any(_lower(c) in ("will", "'ll", "shall", "wo") for c in aux):
        return True
    if v.tag_ == "VBG" and any(c.lemma_ == "be" and c.tag_ in ("VBP", "VBZ") for c in aux):
        return True
    if v.tag_ == "VBN" and any(c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ") for c in aux):
        return True
    if v.tag_ == "VB" and v.dep_ == "ROOT" and not any(c.dep_ in ("nsubj", "aux") for c in v.children):
        return True
    if v.dep_ == "pcomp" and _lower(v.head) == "to":
        h = v.head.head
        h = h.head if _lower(h) == "forward" else h
        return h.lemma_ == "look" and h.tag_ in ("VBP", "VBG") and any(_lower(c) == "forward" for c in h.children)
    return False
