"""Blame and accusation by structure (H201's second layer).

The phrase list holds the common accusations ("you wasted my time", "you
misled me"). Blame also comes as a verdict of fault on the reader's side
("The delay is entirely on your side", "I hold your recruiter personally
responsible for the stress", "You're the reason I'm still unemployed",
"you only have yourselves to thank"), or as a charge of bad faith ("That
was a lie", "your 'budget constraints' are an excuse", "basically free
labour", "you rejected me because of my age").

Found from the parse:

- *on the reader*: a fault (:data:`FAULT_NOUNS`, or "it"/"this" said
  "entirely"/"squarely") that "is on" the reader or their side;
- *held responsible*: the reader (or theirs) made "responsible" or "to
  blame" for something bad, or "the reason" for it;
- *thank yourselves*: the reader told to thank themselves or their own
  people for a loss;
- *bad faith*: a statement, offer or process called a lie, an excuse, a
  tactic, misleading, dishonest; work called "free labour"; a decision
  put down to the writer's age, gender or another protected trait.
"""

from __future__ import annotations

import re

from followup_lint.rules._judgement import once_per_doc, sentence_bounds
from followup_lint.rules.h_hostile._vader import _sentiment

FAULT_NOUNS = frozenset({"delay", "delays", "hold-up", "holdup", "mistake", "mistakes", "error", "errors", "problem",
                         "confusion", "mix-up", "mess", "failure", "fault", "blame"})
BAD_FAITH_NOUNS = frozenset({"lie", "lies", "excuse", "excuses", "tactic", "ploy", "stunt", "sham", "charade",
                             "pretext", "scam"})
BAD_FAITH_ADJECTIVES = frozenset({"misleading", "dishonest", "deceptive", "discriminatory", "disingenuous", "false",
                                  "fraudulent", "rigged"})
FREE_WORK = frozenset({"labor", "labour", "work", "consulting", "consultancy"})
PROTECTED = frozenset({"age", "gender", "race", "accent", "pregnancy", "religion", "disability", "ethnicity",
                       "nationality", "sexuality", "sex", "skin", "faith", "hijab"})
DECISION_VERBS = frozenset({"reject", "cut", "pass", "choose", "fill", "decide", "decline", "drop", "turn", "dismiss",
                            "screen", "eliminate", "overlook"})
_READER = frozenset({"you", "your", "yours", "yourself", "yourselves"})
_MODALS = frozenset({"would", "'d", "could", "might", "may"})
@once_per_doc("followup_lint.hostile.faults")
def faults(doc) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``doc`` that lay blame or bad
    faith on the reader (one per sentence), worked out once per doc."""
    out = []
    for sent in doc.sents:
        if any(check(sent) for check in (_on_reader, _held_responsible, _thank_yourselves, _bad_faith,
                                         _free_work, _protected_reason)):
            out.append(sentence_bounds(sent))
    return out


def _readerish(tok) -> bool:
    """``tok`` is the reader or theirs: "you", "your side", "your recruiter"."""
    return tok.lower_ in _READER or any(c.dep_ == "poss" and c.lower_ in _READER for c in tok.children)


def _sour(sent) -> bool:
    return _sentiment().polarity_scores(sent.text)["compound"] <= -0.2


def _on_reader(sent) -> bool:
    """"The delay is entirely on your side", "It's on you that we're a
    week behind", "The only hold-up here is your side"."""
    for cop in sent:
        if cop.lemma_ != "be":
            continue
        subj = [c for c in cop.children if c.dep_ == "nsubj"]
        if not subj:
            continue
        s = subj[0]
        words = set(re.findall(r"[\w-]+", "".join(t.text_with_ws for t in s.subtree).lower()))
        fault = bool(words & FAULT_NOUNS)  # "mix-up" is three tokens to the tokenizer
        stressed = any(c.lower_ in ("entirely", "squarely", "completely", "all", "totally") for c in cop.children)
        for c in cop.children:
            on = c.dep_ == "prep" and c.lower_ == "on" and any(_readerish(g) for g in c.children if g.dep_ == "pobj")
            side = c.dep_ == "attr" and c.lower_ in ("side", "end") and _readerish(c)
            if (on or side) and (fault or (stressed and s.lower_ in ("it", "this", "that"))):
                return True
    return False


def _held_responsible(sent) -> bool:
    """"I hold your recruiter personally responsible for the stress",
    "Your team is to blame", "You're the reason I'm still unemployed"."""
    for tok in sent:
        w = tok.lower_
        if w == "responsible" and tok.dep_ in ("oprd", "acomp", "xcomp", "amod"):
            holder = tok.head
            who = [c for c in holder.children if c.dep_ in ("dobj", "nsubj")]
            if any(_readerish(x) for x in who) and _sour(sent):
                return True
        if w == "blame" and tok.dep_ == "xcomp" and any(_readerish(c) for c in tok.head.children if c.dep_ == "nsubj"):
            return True
        if w == "reason" and tok.dep_ == "attr" and any(_readerish(c) for c in tok.head.children if c.dep_ == "nsubj") \
                and _sour(sent):
            return True
    return False


def _thank_yourselves(sent) -> bool:
    """"You only have yourselves to thank", "You can thank your own hiring
    manager for the fact that I'm no longer interested"."""
    for tok in sent:
        if tok.lemma_.lower() != "thank":
            continue
        subj = [c for c in tok.children if c.dep_ == "nsubj"] or [c for c in tok.head.children if c.dep_ == "nsubj"]
        if not subj or subj[0].lower_ != "you":
            continue
        if any(t.lower_ in ("yourselves", "yourself") for t in tok.head.subtree):
            return True
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        if objs and _readerish(objs[0]) and _sentiment().polarity_scores(
                " ".join(t.text for c in tok.children if c.dep_ == "prep" for t in c.subtree))["compound"] <= 0:
            return True
    return False


def _bad_faith(sent) -> bool:
    """"That was a lie", "your 'budget constraints' are an excuse",
    "The job description was misleading at best"."""
    for tok in sent:
        w = tok.lower_
        if tok.dep_ in ("attr", "acomp") and (w in BAD_FAITH_NOUNS or w in BAD_FAITH_ADJECTIVES):
            cop = tok.head
            if cop.lemma_ == "be" and not any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _MODALS)
                                              for c in cop.children):
                subj = [c for c in cop.children if c.dep_ in ("nsubj", "csubj")]
                if not subj or subj[0].lower_ in ("i", "we", "mine"):
                    continue
                if subj[0].lower_ == "it" and any(c.dep_ in ("xcomp", "ccomp") for c in cop.children):
                    continue  # "It would be a lie to say I wasn't disappointed"
                return True
    return False


def _free_work(sent) -> bool:
    """"basically free labour", "as free consulting work": the writer's
    effort called the reader's free gain."""
    for tok in sent:
        if tok.lower_ in FREE_WORK and any(c.dep_ == "amod" and c.lower_ == "free" for c in tok.children):
            if not any(c.lower_ in ("a", "some") for c in tok.children if c.dep_ == "det"):
                return True
    return False


def _protected_reason(sent) -> bool:
    """"You rejected me because of my age": a decision put down to a trait
    of the writer's."""
    for tok in sent:
        if tok.lower_ not in PROTECTED or not any(c.dep_ == "poss" and c.lower_ == "my" for c in tok.children):
            continue
        if not any(a.lower_ in ("because", "due", "over") for a in tok.ancestors) and not (
                tok.head.lower_ == "of" and tok.head.head.lower_ == "because"):
            continue
        if any(t.lemma_.lower() in DECISION_VERBS and _readers_decision(t) for t in sent):
            return True
    return False


def _readers_decision(verb) -> bool:
    """The decision is the reader's: "you rejected me", "I was rejected",
    "your team passed on me"; not the writer's own ("I decided to turn down
    the other offer")."""
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj:
        return False
    if subj[0].dep_ == "nsubjpass":
        return subj[0].lower_ in ("i", "me")
    return _readerish(subj[0]) or subj[0].lower_ in ("they", "panel", "team", "company", "recruiter")
