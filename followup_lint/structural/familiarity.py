"""Presumptuous claims (P101): ``familiarity`` (speaking as if already on
the team: "as your new charge nurse", "my new manager", an arrival the main
clause takes for granted, someone's work taken over)."""

from __future__ import annotations

from followup_lint.structural.arrival import _arrival_tokens
from followup_lint.structural.clause import (
    Claim, _first_person, _habitual, _lower, _span, _subtree_ids, is_past, modal_hypothetical, negated,
    question,
)


def _familiarity(sent, cond):
    doc = sent.doc
    if cond:
        return
    # "as your new charge nurse", "I'll be your new marketing lead"
    for t in sent:
        role = t.head
        me = role.dep_ == "pobj" and role.head.lower_ == "as" or role.dep_ == "attr" and any(
            c.dep_ == "nsubj" and c.lower_ == "i" for c in role.head.children)
        if t.lower_ == "new" and t.i > sent.start and doc[t.i - 1].lower_ == "your" and role.pos_ == "NOUN" \
                and me and _first_person(sent):
            ids = [t.i - 1, t.i, t.head.i] + [c.i for c in t.head.children if c.dep_ in ("compound", "amod")]
            yield Claim("familiarity", *_span(doc, ids), "speaking as if already on the team")
    # "once I'm in", "when I start": an arrival that the main clause takes for granted
    arrival = _arrival_tokens(sent)
    if arrival and not _habitual(sent) and not question(sent):
        main = arrival[1].head
        wish = modal_hypothetical(main) and not (main.lemma_ in ("like", "want") and any(
            c.dep_ == "nsubj" and c.lower_ == "i" for c in main.children))  # "I'd like to move the team off Jira"
        if not wish and not (main.tag_ == "VBD"):
            yield Claim("familiarity", *_span(doc, [t.i for t in arrival]), "taking the job for granted")
    # "my new manager", "it already feels like my new home", "having you as my manager"
    for t in sent:
        if t.pos_ != "NOUN" or t.lemma_ not in _INSIDER or not any(
                c.dep_ == "poss" and _lower(c) == "my" for c in t.children):
            continue
        if t.lemma_ == "home" and t.head.lower_ != "like":
            continue  # "my new home address" is a move; "it feels like my new home" is the team
        new = [c for c in t.children if _lower(c) in ("new", "future") and c.dep_ == "amod"]
        have = t.head.head if t.dep_ == "pobj" and t.head.lower_ == "as" else t
        you = [c.i for c in have.children if c.lower_ == "you"] if have.lemma_ in ("have", "be") else []
        if (new or you) and not modal_hypothetical(t.head) and not negated(t.head):
            yield Claim("familiarity", *_span(doc, [t.i] + [c.i for c in t.children] + you),
                        "speaking as if already on the team")
    # "one of the gang", "part of the family already"
    for t in sent:
        if t.lower_ == "one" and t.i + 2 < sent.end and doc[t.i + 1].lower_ == "of" and \
                doc[t.i + 2].lower_ == "the" and any(_lower(x) in ("feel", "already") for x in sent) \
                and _first_person(sent):
            end = t.i + 3
            yield Claim("familiarity", *_span(doc, [t.i, min(end, sent.end - 1)]), "speaking as if already on the team")
    # "I'll take over his reports": someone's work, claimed
    for t in sent:
        if t.lemma_ == "take" and any(c.lower_ == "over" for c in t.children) and \
                any(c.dep_ == "nsubj" and c.lower_ == "i" for c in t.children) and not is_past(t) \
                and not negated(t) and not modal_hypothetical(t):
            objs = [c for c in t.children if c.dep_ == "dobj" and any(
                d.dep_ == "poss" and d.lower_ in ("his", "her", "their") or d.tag_ == "POS" for d in c.subtree)]
            if objs:
                yield Claim("familiarity", *_span(doc, [t.i] + _subtree_ids(objs[0])),
                            "taking over someone's work in a job not yet offered")


# The people and places of a job one would have: "my new manager", "my new home" (in "feels like").
_INSIDER = frozenset({"manager", "boss", "colleague", "coworker", "teammate", "home", "supervisor", "mentor"})
