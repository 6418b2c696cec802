"""Presumptuous claims (P101) of a start the writer sets: ``start`` (a start
date you set yourself, a first day or week of a job not yet offered, plans
for day one, eagerness to start as if the job were yours)."""

from __future__ import annotations

from followup_lint.structural.clause import (
    Claim, _clause_ids, _habitual, _invited, _job_object_only, _lower, _span, _subtree_ids, generic_present,
    is_past, modal_hypothetical, negated, question, time_tokens,
)
from followup_lint.structural.wordclasses import ARRIVAL_MARKS, CONDITION_MARKS, JOB_NOUNS, PROCESS_NOUNS, START_VERBS


def _start_claim(sent, verb, subj, cond):
    doc = sent.doc
    if negated(verb) or modal_hypothetical(verb) or is_past(verb) or cond or question(sent):
        return None
    if any(c.dep_ in ("mark", "advmod") and _lower(c) in ARRIVAL_MARKS | CONDITION_MARKS for c in verb.children):
        return None  # a subordinate "when I start": _familiarity's arrival
    if not _job_object_only(verb) or _habitual(sent) or _for_an_event(verb):
        return None  # "I'll join you for dinner on Friday": an event
    if verb.tag_ in ("VBG",) and not any(c.dep_ == "aux" for c in verb.children):
        return None
    ids = _clause_ids(verb, sent)
    times = time_tokens(doc[i] for i in ids)
    joins_us = verb.lemma_ == "join" and any(c.dep_ == "dobj" for c in verb.children)
    if not times and not joins_us:
        return None
    return Claim("start", *_span(doc, [subj.i, verb.i] + [t.i for t in times] + (
        [c.i for c in verb.children if c.dep_ == "dobj"] if joins_us else [])), "a start date you set yourself")


def _move_claim(sent, verb, subj, cond):
    """"I'm moving to Leeds for the job on the 20th"."""
    doc = sent.doc
    if negated(verb) or modal_hypothetical(verb) or cond or question(sent):
        return None
    ids = _subtree_ids(verb)
    for_job = any(t.lower_ == "for" and any(c.lemma_ in JOB_NOUNS and c.dep_ == "pobj" and
                                            any(d.lower_ in ("the", "this", "your") for d in c.children)
                                            for c in t.children) for t in (doc[i] for i in ids))
    if not for_job:
        return None
    return Claim("start", *_span(doc, ids), "moving for a job not yet offered")


def _my_first_claim(sent, noun, poss, cond):
    doc = sent.doc
    if cond or modal_hypothetical(noun.head) and not _polite_plan(noun.head):
        return None
    v = noun.head
    while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
        v = v.head
    if v.tag_ == "VBD" and sent.root.tag_ == "VBD":
        return None  # "During my first week at Globex I shipped a fix": a story
    if generic_present(sent):
        return None  # "On any new unit, I make a habit of reviewing the grid before my first shift"
    first = [c for c in noun.children if c.lower_ in ("first", "official", "1st")]
    start_date = noun.lemma_ == "date" and any(c.lower_ == "start" for c in noun.children)
    if any(c.dep_ == "amod" and c.lower_ in ("earliest", "soonest") for c in noun.children):
        return None  # "my earliest start date": an availability window offered, not a date set
    if not first and not start_date:
        return None
    if noun.lemma_ in ("day", "week") and first and any(_lower(t) in PROCESS_NOUNS - {"day"} for t in sent):
        # "my first interview day" is the process, not the job
        pass
    ids = [poss.i, noun.i] + [c.i for c in noun.children if c.dep_ in ("amod", "nummod", "compound")]
    return Claim("start", *_span(doc, ids), "a first day, week or paycheck of a job not yet offered")


_WANTS = frozenset({"like", "love", "want", "prefer"})


def _polite_plan(tok) -> bool:
    """The "would" over ``tok`` is a plan said politely, not a condition:
    "I'd like to schedule one-to-ones during my first week", "I'd love to
    treat everyone on my first week" (a first-person "would like / love /
    want / prefer"), unlike "my first priority would be..." or "Would it
    help if I set up one-to-ones during my first week?"."""
    t = tok
    for _ in range(6):
        if t.lemma_ in _WANTS and t.pos_ == "VERB" and any(
                c.dep_ == "aux" and _lower(c) in ("would", "'d") for c in t.children):
            return any(c.dep_ == "nsubj" and _lower(c) == "i" for c in t.children) and not question(t.sent)
        if any(c.dep_ == "aux" and c.tag_ == "MD" for c in t.children) or t.head.i == t.i:
            return False
        t = t.head
    return False


def _see_you(sent):
    doc = sent.doc
    for t in sent:
        if t.lemma_ != "see" or question(sent):
            continue
        you = [c for c in t.children if c.dep_ == "dobj" and c.lower_ == "you"]
        if not you or negated(t) or modal_hypothetical(t) or t.tag_ == "VBG":
            continue
        # seeing "you all", "everyone", "the team" on a date is turning up for work;
        # "see you tomorrow" alone is any meeting
        crowd = [x for x in sent if _lower(x) in ("all", "everyone", "everybody", "guys", "team", "y'all")
                 and x.i > t.i]
        if not crowd:
            continue
        if any(_lower(x) in PROCESS_NOUNS for x in sent) or _invited(sent):
            continue
        times = time_tokens(x for x in sent if x.i >= t.i)
        if not times:
            continue
        yield Claim("start", *_span(doc, [t.i, you[0].i] + [x.i for x in times + crowd]),
                    "a first day you set yourself")


def _look_forward_start(sent, cond):
    """"Looking forward to starting on the 1st", "Can't wait to work with
    you all", "counting down the days until...": eagerness for a job as if
    it were settled."""
    if cond:
        return
    doc = sent.doc
    for t in sent:
        if t.lemma_ not in START_VERBS | {"work", "meet"} or t.dep_ not in ("pcomp", "xcomp", "pobj", "advcl"):
            continue
        if any(c.dep_ == "nsubj" for c in t.children):
            continue
        head = t.head if t.dep_ != "pcomp" else t.head.head
        eager = head.lemma_ in ("wait", "look") or any(x.lemma_ == "count" for x in sent)
        if not eager or modal_hypothetical(head):
            continue
        if head.lemma_ == "wait" and not negated(head):
            continue  # "wait to start" without "can't" is patience
        times = time_tokens(x for x in t.subtree)
        team = [x for x in t.subtree if _lower(x) in ("all", "everyone", "team", "guys", "everybody")]
        if t.lemma_ in ("work", "meet") and not (team and head.lemma_ == "wait"):
            continue
        if t.lemma_ in START_VERBS and not times and not (head.lemma_ == "wait" and _job_object_only(t)):
            continue
        if not _job_object_only(t) or _for_an_event(t):
            continue  # "Looking forward to joining you for dinner on Friday": an event, not the job
        ids = [head.i, t.i] + [x.i for x in times + team] + [c.i for c in head.children if c.dep_ in ("aux", "neg")]
        yield Claim("start", *_span(doc, ids), "eagerness to start as if the job were yours")


# A start the writer readies or plans themself: "I'm ready to start on the 18th", "I'll plan to start on
# the 1st", "Happy to start Monday week", "Let's plan on me starting the week after Thanksgiving".
_READY = frozenset({"ready", "available", "free", "set", "happy", "keen", "eager", "excited", "thrilled",
                    "raring", "good"})
_PLAN = frozenset({"plan", "intend", "aim", "expect", "go", "want", "schedule", "prepare", "look", "arrange"})
# An availability window offered, not a date set: "any time after the 20th", "as early as March".
_WINDOW = frozenset({"any", "anytime", "whenever", "earliest", "early", "flexible", "soon", "around", "sometime"})


def _on_a_task(verb) -> bool:
    """"start on the Q3 budget", "begin with the audit": a task, not the job
    ("start on the 18th" is a date)."""
    return any(c.dep_ == "prep" and c.lower_ in ("on", "with", "work") and any(
        d.dep_ == "pobj" and not time_tokens(d.subtree) and d.lemma_ not in JOB_NOUNS | {"us"} for d in c.children)
        for c in verb.children)


def _planned_start(sent, cond):
    """A verb of starting with no subject of its own, readied or planned by
    the writer with a time, and no condition, window, question, past or
    negation: the writer sets the start date. The controlling clause's
    subject is the writer ("I'm ready to", "I'll plan to"), "let's", "me"
    ("plan on me starting") or left out ("Happy to start Monday")."""
    if cond or question(sent) or _invited(sent) or _habitual(sent) or any(_lower(t) in _WINDOW for t in sent):
        return
    doc = sent.doc
    for v in sent:
        if v.lemma_ not in START_VERBS or v.pos_ != "VERB" or v.tag_ not in ("VB", "VBG") \
                or any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
            continue
        h = v.head
        if v.dep_ not in ("xcomp", "pcomp", "acl") or h.i == v.i:
            continue
        if h.pos_ == "ADP":
            h = h.head
        me = [c for c in h.subtree if _lower(c) == "me" and c.head.pos_ == "ADP" and c.i < v.i]
        if h.lemma_ in _READY and h.pos_ == "ADJ":
            owner = h.head if h.dep_ == "acomp" else h
        elif h.lemma_ in _PLAN and h.pos_ == "VERB":
            owner = h
        else:
            continue
        subj = [c for c in owner.children if c.dep_ in ("nsubj", "nsubjpass")]
        mine = any(_lower(c) == "i" for c in subj) or bool(me) or (
            not subj and (owner.i == sent.start or owner.head.lemma_ == "let"))
        if not mine or negated(v) or negated(h) or negated(owner) or modal_hypothetical(v) or is_past(owner):
            continue
        if not _job_object_only(v) or _on_a_task(v) or _for_an_event(v):
            continue
        times = time_tokens(v.subtree)
        if not times:
            continue
        ids = [owner.i, h.i, v.i] + [t.i for t in times] + [c.i for c in subj if _lower(c) == "i"]
        yield Claim("start", *_span(doc, ids), "a start date you set yourself")


_FIRST_PERIODS = frozenset({"day", "morning", "shift"})  # "the first week/quarter" is as often the calendar
_OTHERS = frozenset({"their", "they", "someone", "somebody", "people", "hires", "hire", "starters", "typical",
                     "typically", "usually", "staff", "employees"})


def _day_one(sent, cond):
    """The writer's plans for day one of the job: "I'm ready for day one",
    "I'll bring donuts on the first day", "I'll hit the ground running on
    day one": "day one" or "the first day/week" (not "of June", not someone
    else's, not "my", which is a claim of its own) in a clause whose subject
    is the writer, with no condition, wish, negation, question or past."""
    if cond or question(sent) or _habitual(sent) or any(_lower(t) in _OTHERS for t in sent):
        return
    doc = sent.doc
    for t in sent:
        nxt = doc[t.i + 1] if t.i + 1 < sent.end else None
        if t.lower_ == "day" and nxt is not None and _lower(nxt) in ("one", "1"):
            if any(c.dep_ == "prep" and c.lower_ == "of" for c in (*t.children, *nxt.children)):
                continue  # "day one of the trial"
            when = [t, nxt]
        elif t.lemma_ in _FIRST_PERIODS and any(c.lower_ == "first" and c.dep_ == "amod" for c in t.children) \
                and not any(c.dep_ == "poss" for c in t.children) \
                and not any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children):
            when = [t] + [c for c in t.children if c.lower_ == "first"]
        else:
            continue
        v = t.head
        while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
            v = v.head
        owner = v if any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children) else v.head
        subj = [c for c in owner.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not any(_lower(c) == "i" for c in subj) or negated(v) or negated(owner):
            continue
        if modal_hypothetical(v) or is_past(v) or is_past(owner):
            continue
        yield Claim("start", *_span(doc, [subj[0].i, v.i] + [x.i for x in when]), "plans for a first day you set yourself")


def _for_an_event(verb) -> bool:
    """"join you for dinner", "join the team for the Friday call": joining
    an event (a "for" with anything but the job as its object)."""
    return verb.lemma_ == "join" and any(c.dep_ == "prep" and _lower(c) == "for" and any(
        d.dep_ == "pobj" and d.lemma_ not in JOB_NOUNS for d in c.children) for c in verb.children)


_EAGER = frozenset({"thrilled", "excited", "confident", "delighted", "glad", "happy", "eager", "psyched"})
_JOINED = frozenset({"team", "company", "firm", "unit", "department", "group", "organisation", "organization",
                     "practice", "agency", "crew", "staff", "ward", "family", "school", "lab", "studio"})


def _joining(sent, cond):
    """Eagerness to join the reader's team as if it were settled: "Looking
    forward to joining the team", "I'm thrilled about joining Northwind",
    "I'm confident about joining your unit": "joining" with the team (the,
    your) or a named company as object, looked forward to or under a word of
    eagerness ("thrilled / excited / confident about"); not wished ("I'd be
    thrilled about joining"), hoped, conditional, asked, negated, nor an
    event ("joining you for dinner")."""
    if cond or question(sent):
        return
    doc = sent.doc
    for t in sent:
        if t.lemma_ != "join" or t.tag_ != "VBG" or t.dep_ != "pcomp" or _for_an_event(t):
            continue
        prep, owner = t.head, t.head.head
        if owner.lemma_ == "look" and any(_lower(c) == "forward" for c in owner.children):
            owner = next(c for c in owner.children if _lower(c) == "forward")  # "Looking forward to joining"
        looked = _lower(prep) == "to" and _lower(owner) == "forward" and owner.head.lemma_ == "look"
        eager = _lower(prep) == "about" and _lower(owner) in _EAGER
        if not (looked or eager):
            continue
        frame = owner.head if looked else owner
        if negated(frame) or modal_hypothetical(frame) or negated(t):
            continue
        objs = [c for c in t.children if c.dep_ == "dobj" and (c.pos_ == "PROPN" or c.lemma_ in _JOINED and any(
            _lower(d) in ("the", "your") for d in c.children))]
        if objs:
            yield Claim("start", *_span(doc, [frame.i, t.i, objs[0].i]), "eagerness to join as if the job were yours")
            return

