"""Presumptuous claims (P201): ``resign`` (resigning, handing in notice,
telling your employer or declining other offers before an offer)."""

from __future__ import annotations

from followup_lint.structural.clause import (
    Claim, _lower, _span, _subtree_ids, conditional, distant_past, is_past, modal_hypothetical, negated,
    question,
)
from followup_lint.structural.wordclasses import JOB_NOUNS, LEAVING_VERBS, NOTICE_NOUNS


def _resign_claim(sent, label, verb, subj):
    doc = sent.doc
    if negated(verb) or modal_hypothetical(verb) or conditional(sent) or question(sent):
        return None
    if is_past(verb) and distant_past(sent):
        return None  # "I resigned from Initech in January to finish my degree"
    if any(c.dep_ in ("mark", "advmod") and _lower(c) in ("when", "after", "since", "before") for c in verb.children) \
            and is_past(verb):
        return None  # "When I resigned from Deloitte, ..." is background
    if label == "subj:resign":
        ids = [subj.i, verb.i]
    elif label == "subj:handin":
        near = [c for c in verb.children if c.dep_ in ("dobj", "attr")] + [
            g for c in verb.children if c.dep_ in ("prep", "prt") and c.lower_ == "in" for g in c.children]
        objs = [t for t in near if (t.lemma_ in NOTICE_NOUNS and (t.lemma_ == "resignation" or any(
            d.lower_ in ("my", "weeks", "week", "month", "months", "'") for d in t.subtree))) or (
            t.lemma_ == "letter" and any(c.lemma_ == "resignation" for c in t.children))]
        if not objs:
            return None
        ids = [subj.i, verb.i, objs[0].i]
    elif label == "subj:tell":
        leaving = [t for t in verb.subtree if t.lemma_ in LEAVING_VERBS and t.dep_ in ("ccomp", "xcomp", "conj")
                   and t.i > verb.i and not negated(t) and not modal_hypothetical(t)
                   and not (t.lemma_ == "go" and any(c.lower_ == "to" for c in t.children))]
        if not leaving or any(c.lemma_ in ("application", "candidacy") for c in verb.subtree):
            return None
        if not _job_change(leaving[0]):
            return None  # "I told him I'm leaving at five" is the office, not the job
        ids = [subj.i, verb.i, leaving[0].i]
    else:  # decline
        objs = [c for c in verb.subtree if c.lemma_ in ("offer", "contract", "renewal", "interview", "application",
                                                        "opportunity", "position", "role", "job", "extension")]
        if not objs or any(o.lemma_ in ("application", "candidacy") and any(
                d.lower_ == "my" for d in o.children) for o in objs):
            return None
        other = any(x.lower_ in ("other", "another", "current") for o in objs for x in o.subtree)
        reason = any(c.dep_ in ("advcl",) or (c.dep_ == "prep" and c.lower_ in ("because", "since"))
                     for c in verb.children) or any(x.lower_ in ("because", "since", "as") and x.dep_ == "mark"
                                                    for x in sent)
        if verb.lemma_ == "turn" and not any(c.lower_ == "down" for c in verb.children):
            return None
        if not (other or reason) or not any(x.lower_ in ("you", "your", "yours") or x.lemma_ == "join"
                                            for x in sent if x.i > verb.i):
            return None  # turning something down for this job, not a business offer
        ids = [subj.i, verb.i] + _subtree_ids(objs[0])
    return Claim("resign", *_span(doc, ids), "resigning before an offer")


def _job_change(verb) -> bool:
    """The leaving is from a job or towards this one: "quit", "resign",
    "leave my job / the firm", "leaving to join you", "moving over to your
    firm"."""
    if verb.lemma_ in ("quit", "resign"):
        return True
    sub = list(verb.subtree)
    if any(x.lemma_ == "join" for x in sub):
        return True
    if verb.lemma_ == "leave" and any(c.dep_ == "dobj" and (c.lemma_ in JOB_NOUNS | {"employer", "agency"}
                                                            or c.pos_ == "PROPN") for c in verb.children):
        return True
    return any(x.lower_ in ("your", "you") for x in sub) and any(
        x.lemma_ in JOB_NOUNS | {"firm", "company"} or x.lower_ == "you" for x in sub)


def _my_notice_claim(sent, noun, poss):
    """"My two weeks' notice went in today"."""
    doc = sent.doc
    verb = noun.head
    if conditional(sent) or question(sent) or negated(verb) or modal_hypothetical(verb):
        return None
    if is_past(verb) and distant_past(sent):
        return None
    if verb.lemma_ not in ("go", "be", "hand", "submit", "send", "give", "take", "put", "start", "run", "end",
                           "begin", "effective"):
        return None
    return Claim("resign", *_span(doc, [poss.i, noun.i, verb.i]), "resigning before an offer")


def _my_last_day(sent):
    """"My last day at Deloitte is the 30th"."""
    doc = sent.doc
    if conditional(sent) or question(sent) or distant_past(sent):
        return
    for t in sent:
        if t.lemma_ != "day" or not any(c.lower_ == "last" for c in t.children):
            continue
        if not any(c.lower_ == "my" and c.dep_ == "poss" for c in t.children):
            continue
        at = [c for c in t.children if c.dep_ == "prep" and c.lower_ in ("at", "with", "in")]
        head = t.head
        if not at and head.lemma_ != "be":
            continue
        ids = [x.i for x in t.subtree if x.i >= t.i - 2]
        yield Claim("resign", *_span(doc, ids), "leaving your job before an offer")
