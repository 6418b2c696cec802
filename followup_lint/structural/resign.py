"""Presumptuous claims (P201): ``resign`` (resigning, handing in notice,
telling your employer or declining other offers before an offer)."""

from __future__ import annotations

from followup_lint.structural.clause import (
    Claim, _controller, _lower, _span, _subtree_ids, conditional, distant_past, is_past, modal_hypothetical, negated,
    question,
)
from followup_lint.structural.wordclasses import HYPO_MODALS, JOB_NOUNS, LEAVING_VERBS, NOTICE_NOUNS


def _resign_claim(sent, label, verb, subj):
    doc = sent.doc
    if negated(verb) or _writers_modal(verb) or conditional(sent) or question(sent):
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
        done = is_past(verb) or any(c.dep_ == "aux" and _lower(c) in ("will", "'ll") for c in verb.children)
        objs = [t for t in near if (t.lemma_ in NOTICE_NOUNS and (t.lemma_ == "resignation" or any(
            d.lower_ in ("my", "weeks", "week", "month", "months", "'") for d in t.subtree) or done and _notice_at(t)))
                or (t.lemma_ == "letter" and any(c.lemma_ == "resignation" for c in t.children))
                or done and _my_weeks(t)]  # "I gave notice at the charity", not "before I can give notice at..."
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
        said = [o for o in objs if o.head.i == verb.i and o.dep_ == "dobj"]  # what is turned down, not the reason
        mine = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and _lower(m) in ("because", "since", "as")
                                              for m in c.children)
                   and any(s.dep_ == "nsubj" and _lower(s) == "i" for s in c.children) for c in verb.children)
        hiring = any(x.lower_ == "other" for o in said for x in o.children) and (
            any(o.lemma_ == "interview" for o in said) or mine and any(o.lemma_ in ("offer", "opportunity")
                                                                      for o in said))
        # "I've turned down two other interviews", "... two other offers, because I know this is the place"
        if not (other or reason) or not hiring and not any(x.lower_ in ("you", "your", "yours") or x.lemma_ == "join"
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
                           "begin", "effective", "accept"):
        return None
    return Claim("resign", *_span(doc, [poss.i, noun.i, verb.i]), "resigning before an offer")


def _my_last_day(sent):
    """"My last day at Deloitte is the 30th"."""
    doc = sent.doc
    if conditional(sent) or question(sent) or distant_past(sent):
        return
    for t in sent:
        if t.lemma_ not in _LAST_PERIODS or not any(c.lower_ == "last" for c in t.children):
            continue
        if t.lemma_ != "day" and (t.head.tag_ == "VBD" or t.head.lemma_ != "be"):
            continue  # "this is my last month" (not "my last week there was chaotic")
        if not any(c.lower_ == "my" and c.dep_ == "poss" for c in t.children):
            continue
        at = [c for c in t.children if c.dep_ == "prep" and c.lower_ in ("at", "with", "in")]
        head = t.head
        if any(c.lower_ == "first" for c in t.children):
            continue  # "My last first day at a new company was chaotic": a story
        if not at and head.lemma_ != "be":
            continue
        ids = [x.i for x in t.subtree if x.i >= t.i - 2]
        yield Claim("resign", *_span(doc, ids), "leaving your job before an offer")


_LAST_PERIODS = frozenset({"day", "week", "month", "shift"})


def _notice_at(noun) -> bool:
    """Bare "notice" given at a workplace: "I gave notice at the charity on
    Friday" (not "notice of the meeting", not "notice to the counterparty")."""
    return not any(c.dep_ == "prep" and _lower(c) == "of" for c in noun.children) and any(
        c.dep_ == "prep" and _lower(c) == "at" for c in (*noun.children, *noun.head.children))


def _my_weeks(noun) -> bool:
    """"my two weeks", "my four weeks": the notice said as its length, the
    object of giving or handing in."""
    return noun.lemma_ in ("week", "month") and noun.head.lemma_ in ("give", "hand", "put") and any(
        c.dep_ == "poss" and _lower(c) == "my" for c in noun.children) and any(
        c.dep_ == "nummod" for c in noun.children)


def _writers_modal(verb) -> bool:
    """A wish or condition of the writer's on the verb: modal_hypothetical,
    except a modal of someone else's clause the verb is said in ("I thought
    you'd want to know that I gave notice")."""
    t = verb
    for _ in range(5):
        if any(c.dep_ == "aux" and _lower(c) in HYPO_MODALS for c in t.children):
            return True
        if t.dep_ not in ("xcomp", "ccomp", "acomp", "pcomp", "prep", "pobj", "conj", "dep") or t.head.i == t.i:
            return False
        if t.dep_ == "ccomp" and any(c.dep_ == "nsubj" and _lower(c) not in ("i", "we")
                                     for c in _controller(t.head).children):
            return False
        t = t.head
    return False


# Who is told about the move: the current job's people and the writer's own circle.
_TOLD = frozenset({"manager", "boss", "employer", "chair", "lead", "principal", "supervisor", "director", "team",
                   "client", "colleague", "family", "landlord", "network", "company", "department", "partner",
                   "kid", "wife", "husband", "recruiter", "everyone", "hr", "coworker", "friend", "parent",
                   "head", "staff", "office", "mate"})
_KNOWING = frozenset({"tell", "inform", "notify", "mention", "know", "announce", "say", "warn", "let", "explain",
                      "promise", "update", "confirm"})


def _leaving_told(sent, cond):
    """The writer's move, told to the current job or their own people:
    "I informed my department chair that I'll be moving to your university
    next fall", "My boss knows I'm moving to your team", "My manager's
    already been informed I'm leaving", "I mentioned to my team lead that
    I'm leaving in two weeks for this role". The leaving is a clause of its
    own with a first-person subject, not negated, wished or past, and goes
    to this job or has a time (or is told to someone at work)."""
    if cond or question(sent) or distant_past(sent):
        return
    doc = sent.doc
    for v in sent:
        if v.lemma_ not in LEAVING_VERBS | {"transfer", "head"} or v.dep_ not in ("ccomp", "conj") \
                or not any(c.dep_ == "nsubj" and _lower(c) in ("i", "we") for c in v.children):
            continue
        if negated(v) or _own_modal(v) or is_past(v):
            continue
        g = v.head
        while g.dep_ in ("ccomp", "conj") and g.lemma_ not in _KNOWING and g.head.i != g.i:
            g = g.head
        if g.lemma_ not in _KNOWING or negated(g) or _own_modal(g):
            continue
        told = [x for x in g.subtree if x.lemma_ in _TOLD and x.i < v.i and x.pos_ in ("NOUN", "PROPN")
                and (x.head.i == g.i or x.head.head.i == g.i)]
        if not told:
            continue
        sub = list(v.subtree)
        here = any(_lower(x) in ("your", "yours", "you") for x in sub) or any(
            x.lemma_ in JOB_NOUNS and any(d.lower_ in ("this", "the", "your") for d in x.children) for x in sub)
        # leaving in weeks or months, or just "leaving", told at work: the job ("leaving early today" is the office)
        weeks = any(x.lemma_ in ("week", "month", "notice") for x in sub)
        bare = not any(c.dep_ in ("prep", "advmod", "npadvmod", "dobj", "advcl") and _lower(c) != "already"
                       for c in v.children)
        at_work = any(x.lemma_ in ("manager", "boss", "employer", "supervisor", "chair", "principal", "lead",
                                   "director") for x in told)
        if not (_job_change(v) or here or at_work and v.lemma_ == "leave" and (weeks or bare)):
            continue
        yield Claim("resign", *_span(doc, [told[0].i, g.i, v.i]), "resigning before an offer")


def _own_modal(verb) -> bool:
    """would/could/might on the verb itself (not on a main clause it is the
    object of: "I've told my manager I'll be leaving, so I'd appreciate...")."""
    return any(c.dep_ == "aux" and _lower(c) in HYPO_MODALS for c in verb.children)
