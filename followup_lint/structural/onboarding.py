"""Presumptuous claims (P101): ``onboarding`` (arrangements for a job not yet
offered: paperwork asked for or done unasked, a desk, an account, a place on
the rota)."""

from __future__ import annotations

from followup_lint.structural.arrival import _arrival_tokens
from followup_lint.structural.clause import Claim, _first_person, _invited, _lower, _span, is_past, negated, question
from followup_lint.structural.wordclasses import ONBOARD_STRONG, ONBOARD_WEAK, REQUEST_VERBS


def _onboarding(sent, mine, cond):
    doc = sent.doc
    if not _first_person(sent):
        return
    words = [t for t in sent if _lower(t) in ONBOARD_STRONG or t.lemma_ in ONBOARD_STRONG or (
        _lower(t) in ("starter", "hire") and t.i - 2 >= sent.start and _lower(sent.doc[t.i - 2]) == "new")]
    weak = [t for t in sent if (t.lemma_ in ONBOARD_WEAK or _lower(t) in ONBOARD_WEAK) and t.pos_ in ("NOUN", "PROPN")]
    if cond:
        return  # "If I'm selected, I'd love to hear how onboarding works"
    strong_hit = [t for t in words if not negated(t.head) and _request_or_arrival(sent, t)]
    arrival = _arrival_tokens(sent)
    hits = list(strong_hit)
    for t in weak:
        owned = any(c.dep_ == "poss" and c.lower_ == "my" for c in t.children)
        obj = t.head if t.dep_ == "conj" and t.head.dep_ in ("dobj", "nsubjpass") else t
        v = obj.head if obj.dep_ in ("dobj", "nsubjpass") else None
        wanted = v is not None and v.lemma_ in REQUEST_VERBS and not negated(v) and not is_past(v) \
            and not _thanked_for(v) and (
            any(c.dep_ == "nsubj" and c.lower_ == "i" for c in v.children)
            or any(c.lower_ in ("me", "my") for c in v.subtree)
            or (question(sent) or v.dep_ == "ROOT" and not any(c.dep_ == "nsubj" for c in v.children)))
        for_me = any(_lower(x) == "me" and x.head.lower_ == "for" for x in sent) or _my_purpose(sent)
        issued = wanted and question(sent) and v.dep_ == "ROOT" and any(  # "Which laptop will I get?"
            c.dep_ == "nsubj" and c.lower_ == "i" for c in v.children) and any(
            c.dep_ == "aux" and _lower(c) in ("will", "'ll") for c in v.children)
        if issued or (owned and (question(sent) or arrival or wanted)) or (wanted and (arrival or for_me or owned)) \
                or (arrival and (owned or wanted)) or (wanted and v is not None and any(
                    c.dep_ == "nsubj" and c.lower_ == "i" for c in v.children) and v.lemma_ in
                    ("prefer", "need", "want", "like") and t.lemma_ in ("desk", "monitor", "laptop", "seat",
                                                                       "office", "parking", "workstation",
                                                                       "cubicle", "phone")):
            hits.append(t)
    # "add me to the rota / the headcount"
    for t in sent:
        if t.lemma_ == "add" and any(c.lower_ == "me" and c.dep_ in ("dobj", "dative") for c in t.children):
            objs = [x for x in t.subtree if x.lemma_ in ONBOARD_WEAK | {"headcount", "team", "roster", "rota"}]
            if objs and not negated(t):
                hits.append(objs[0])
                hits.append(t)
    if not hits:
        return
    yield Claim("onboarding", *_span(doc, [t.i for t in hits] + [t.i for t in arrival]),
                "onboarding arrangements for a job not yet offered")


def _request_or_arrival(sent, tok) -> bool:
    """The sentence asks for something, plans it, or sets it around an
    arrival, rather than reporting: "Please send over the W-4", "What
    email will I be using once I'm set up?", "I'd like to enrol"."""
    if _done_unasked(sent):
        return True
    if any(t.tag_ == "VBD" for t in sent) and not question(sent):
        return False
    if question(sent) or _asking(sent) or any(_lower(t) in ("please", "kindly") for t in sent) or _arrival_tokens(sent):
        return True
    if any(t.lemma_ in ("like", "prefer", "need", "want", "love") and any(
            c.dep_ == "nsubj" and c.lower_ == "i" for c in t.children) for t in sent):
        return True
    return any(t.dep_ == "aux" and _lower(t) in ("will", "'ll", "shall") for t in sent) and any(
        t.tag_ == "VBN" and t.lemma_ in ("fill", "complete", "sign") for t in sent) or any(
        t.lemma_ in ("fill", "complete", "sign") and any(c.dep_ == "nsubj" and c.lower_ == "i" for c in t.children)
        for t in sent if t.tag_ in ("VBN", "VBP", "VB"))


_DOING = frozenset({"attach", "fill", "complete", "submit", "send", "sign", "upload", "return", "enrol", "enroll",
                    "register"})
_NEW_HIRE_PAPERS = frozenset({"w-4", "w4", "i-9", "i9", "new-starter", "new-hire", "onboarding", "orientation",
                              "enrollment", "enrolment", "starter", "hire"})
_ASKED = frozenset({"ask", "request", "send", "want", "need", "mention", "suggest", "give", "provide"})


def _done_unasked(sent) -> bool:
    """The writer has already done an onboarding step nobody asked for: "I've
    attached my bank details for payroll", "I went ahead and filled out the
    W-4" (not "the W-4 you asked for", not "as requested")."""
    if _invited(sent) or any(_lower(c) == "you" and c.dep_ == "nsubj" and c.head.lemma_ in _ASKED for c in sent):
        return False
    if not any(_lower(t) in _NEW_HIRE_PAPERS for t in sent) and not _pay_setup(sent):
        return False  # "I've sent my timesheet to payroll" is an employee's errand
    for t in sent:
        if _lower(t) in ("below", "attached", "enclosed"):
            head = t if t.dep_ == "ROOT" else t.head
            if any(c.dep_ in ("nsubj", "nsubjpass") and any(_lower(d) == "my" for d in c.children)
                   for c in head.children):
                return True  # "My bank details for payroll are below / are attached"
    for t in sent:
        if t.lemma_ not in _DOING or t.tag_ not in ("VBD", "VBN") or negated(t):
            continue
        subj = t if any(c.dep_ == "nsubj" for c in t.children) else (t.head if t.dep_ == "conj" else t)
        if any(c.dep_ == "nsubj" and c.lower_ == "i" for c in subj.children):
            return True
    return False


def _pay_setup(sent) -> bool:
    """The writer's own pay being set up: payroll with bank details, a
    voided check or a direct deposit ("I've attached a voided check so
    payroll can get my direct deposit set up"; not a timesheet)."""
    words = {_lower(t) for t in sent}
    return "payroll" in words and not words.isdisjoint({"bank", "deposit", "check", "cheque", "voided"}) or any(
        _lower(t) == "direct" and t.i + 1 < sent.end and _lower(sent.doc[t.i + 1]) == "deposit" for t in sent)


def _asking(sent) -> bool:
    """An indirect question: "Just checking when my onboarding session is
    scheduled", "let me know who my buddy will be"."""
    for t in sent:
        if t.tag_ in ("WRB", "WP", "WDT") or (_lower(t) in ("whether",) and t.dep_ == "mark"):
            h = t.head
            for _ in range(3):
                if h.lemma_ in ("check", "wonder", "ask", "know", "confirm", "clarify", "tell", "share"):
                    return True
                if h.head.i == h.i:
                    break
                h = h.head
    return False


def _my_purpose(sent) -> bool:
    """A purpose clause of the writer's own: "so I can get those signed"."""
    return any(_lower(t) == "so" and t.dep_ in ("mark", "advmod") and any(
        c.dep_ == "nsubj" and c.lower_ == "i" for c in t.head.children) for t in sent)


_THANKS = frozenset({"thank", "thanks", "grateful", "appreciate", "thankful"})


def _thanked_for(verb) -> bool:
    """The reader's deed the writer thanks them for ("Thank you for sorting
    out my visitor pass today"): done by the reader, not asked for."""
    return verb.tag_ == "VBG" and verb.dep_ == "pcomp" and _lower(verb.head) == "for" and (
        verb.head.head.lemma_ in _THANKS or _lower(verb.head.head) in _THANKS)

