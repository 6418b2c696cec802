"""Presumptuous claims (P101) about the offer and the next step, reported as
``start``: waiting for an offer nobody made ("I look forward to receiving the
offer letter"), taking the terms or the next round as settled ("I assume the
reference checks are just a formality")."""

from __future__ import annotations

from followup_lint.structural.clause import (
    Claim, _clause_ids, _lower, _span, is_past, modal_hypothetical, negated, question,
)
from followup_lint.structural.wordclasses import JOB_NOUNS


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
        yield Claim("start", *_span(doc, [subj[0].i, t.i]), "taking the terms or the next step as settled")
        return
