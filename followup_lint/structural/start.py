"""Presumptuous claims (P101): ``start`` (a start date you set yourself),
``onboarding`` (arrangements for a job not yet offered), ``familiarity``
(speaking as if already on the team)."""

from __future__ import annotations

from followup_lint.structural.clause import (
    Claim, _clause_ids, _first_person, _habitual, _invited, _job_object_only, _lower, _span, _subtree_ids,
    distant_past, is_past, modal_hypothetical, negated, question, time_tokens,
)
from followup_lint.structural.wordclasses import (
    ARRIVAL_MARKS, CONDITION_MARKS, JOB_NOUNS, ONBOARD_STRONG, ONBOARD_WEAK, PROCESS_NOUNS, REQUEST_VERBS,
    START_VERBS,
)


def _start_claim(sent, verb, subj, cond):
    doc = sent.doc
    if negated(verb) or modal_hypothetical(verb) or is_past(verb) or cond or question(sent):
        return None
    if any(c.dep_ in ("mark", "advmod") and _lower(c) in ARRIVAL_MARKS | CONDITION_MARKS for c in verb.children):
        return None  # a subordinate "when I start": _familiarity's arrival
    if not _job_object_only(verb) or _habitual(sent):
        return None
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
        if not _job_object_only(t):
            continue
        ids = [head.i, t.i] + [x.i for x in times + team] + [c.i for c in head.children if c.dep_ in ("aux", "neg")]
        yield Claim("start", *_span(doc, ids), "eagerness to start as if the job were yours")


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
        wanted = v is not None and v.lemma_ in REQUEST_VERBS and not negated(v) and not is_past(v) and (
            any(c.dep_ == "nsubj" and c.lower_ == "i" for c in v.children)
            or any(c.lower_ in ("me", "my") for c in v.subtree)
            or (question(sent) or v.dep_ == "ROOT" and not any(c.dep_ == "nsubj" for c in v.children)))
        for_me = any(_lower(x) == "me" and x.head.lower_ == "for" for x in sent) or _my_purpose(sent)
        if (owned and (question(sent) or arrival or wanted)) or (wanted and (arrival or for_me or owned)) \
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
    if not any(_lower(t) in _NEW_HIRE_PAPERS for t in sent):
        return False  # "I've sent my timesheet to payroll" is an employee's errand
    for t in sent:
        if t.lemma_ not in _DOING or t.tag_ not in ("VBD", "VBN") or negated(t):
            continue
        subj = t if any(c.dep_ == "nsubj" for c in t.children) else (t.head if t.dep_ == "conj" else t)
        if any(c.dep_ == "nsubj" and c.lower_ == "i" for c in subj.children):
            return True
    return False


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


def _arrival_tokens(sent) -> list:
    """"before I arrive", "once I'm in", "when I start", "once I'm set up",
    "once I'm on board": a first-person arrival in a subordinate clause."""
    out = []
    for t in sent:
        mark = [c for c in t.children if c.dep_ in ("mark", "advmod") and _lower(c) in ARRIVAL_MARKS] or [
            t.head for _ in (1,) if t.dep_ in ("ccomp", "pcomp") and _lower(t.head) in ARRIVAL_MARKS]  # "once" as head
        if not mark or not any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "i" for c in t.children):
            continue
        if t.tag_ == "VBD" or negated(t):
            continue
        if t.lemma_ in START_VERBS | {"arrive", "settle", "onboard"}:
            if not _job_object_only(t) or any(c.dep_ == "prep" and c.lower_ in ("at", "in") for c in t.children):
                continue
            out += [mark[0], t]
        elif t.lemma_ in ("be", "get"):
            comp = [c for c in t.children if _lower(c) in ("in", "aboard", "onboard", "on", "set", "settled",
                                                          "started", "hired")]
            if comp and not any(c.dep_ == "pobj" and c.lemma_ not in JOB_NOUNS | {"board"} for x in comp
                                for c in x.children):
                out += [mark[0], t] + comp
            role = [c for c in t.children if c.dep_ == "attr" and any(
                d.dep_ == "poss" and _lower(d) == "your" for d in c.children)]
            if role and t.lemma_ == "be":
                out += [mark[0], t, role[0]]  # "once I'm your VP of Sales"
        elif t.lemma_ in ("set", "settle", "hire", "onboard") and t.tag_ == "VBN" and any(
                c.dep_ == "auxpass" for c in t.children) and not any(
                c.dep_ == "prep" and c.lower_ in ("at", "in", "into") for c in t.children):
            out += [mark[0], t] + [c for c in t.children if c.dep_ == "prt"]  # "once I'm set up", "settled in"
        elif t.lemma_ in ("head", "come", "move") and _over_to_you(t):
            out += [mark[0], t]  # "when I head over to you guys"
    return out


def _over_to_you(verb) -> bool:
    """"head / come / move over to you (guys, your team)": the writer's
    arrival in the reader's team, not a visit to their office."""
    prt = any(c.dep_ == "prt" and c.lower_ == "over" for c in verb.children)
    to_you = any(c.dep_ == "prep" and c.lower_ == "to" and any(
        _lower(d) in ("you", "yours") or d.dep_ == "pobj" and d.lemma_ in JOB_NOUNS and any(
            _lower(e) == "your" for e in d.children) for d in c.subtree) for c in verb.children)
    return to_you and (prt or verb.lemma_ == "move")


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


_AWAY_NOUNS = frozenset({"vacation", "leave", "holiday", "holidays", "pto", "break", "trip", "travel"})


def absence_notice(sent) -> bool:
    """An out-of-office notice of the writer's own ("I will be out of the
    office next week", "I'm on vacation for a week starting Friday"): a
    first-person subject of "be" with "out" or "away" or "on" a
    vacation or leave, and nothing in the sentence about the job: no job,
    start date or onboarding word, no verb of starting, joining or
    resigning with a subject of its own. P301 leaves it alone: it is about
    the writer's availability, not a decision taken for the reader."""
    for t in sent:
        if t.lemma_ != "be" or not any(c.dep_ == "nsubj" and _lower(c) in ("i", "we") for c in t.children):
            continue
        away = False
        for c in t.children:
            low = _lower(c)
            if low in ("out", "away") and c.dep_ in ("advmod", "prep", "prt", "acomp", "advcl"):
                away = True
            elif low == "on" and c.dep_ == "prep" and any(
                    d.dep_ == "pobj" and _lower(d) in _AWAY_NOUNS for d in c.children):
                away = True
        if not away:
            continue
        for x in sent:
            low = _lower(x)
            if low in JOB_NOUNS - {"you"} or low in ONBOARD_STRONG or low in ("date", "notice", "offer") \
                    or x.lemma_ in ("move", "relocate", "apartment", "flat", "house"):
                return False
            if x.lemma_ in START_VERBS | {"resign", "quit"} and (
                    x.pos_ == "NOUN" or any(c.dep_ in ("nsubj", "nsubjpass") for c in x.children)):
                return False
        return True
    return False


def absence_spans(doc) -> list[tuple[int, int]]:
    """Character spans of the doc's sentences that are absence notices."""
    return [(s.start_char, s.end_char) for s in doc.sents if absence_notice(s)]


_NEWS_OF_LEAVING = frozenset({"resign", "quit", "notice", "tell", "inform", "leave", "accept", "decline", "turn",
                              "sign", "book", "promise", "cancel"})


def past_story(sent) -> bool:
    """A story from the writer's past, dated well back ("I moved to Denver
    last spring for my partner's job, so I'm already local to your office"):
    a first-person verb in the simple past, a date like "last spring", "in 2021"
    or "two years ago" (distant_past), and nothing ahead: no modal or
    future ("will", "'ll", "going to"), no verb of resigning, telling,
    accepting or booking that could be the news of leaving ("I told my
    landlord in March I'll be moving" keeps its future and stays the
    model's). P301 leaves it alone: background, not a decision taken for
    the reader."""
    told = any(t.tag_ == "VBD" and any(c.dep_ == "nsubj" and _lower(c) in ("i", "we") for c in t.children)
               for t in sent)
    if not told or not distant_past(sent):
        return False
    for t in sent:
        if t.tag_ == "MD" or _lower(t) in ("will", "'ll", "gonna") or t.lemma_ in _NEWS_OF_LEAVING:
            return False
        if t.lemma_ in START_VERBS and t.tag_ != "VBD":
            return False  # "I found a flat last month, so starting Monday works"
        if t.lemma_ == "go" and t.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in t.children):
            return False  # "I'm going to move"
        if t.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" and c.tag_ in ("VBP", "VBZ")
                                   for c in t.children):
            return False  # "I'm moving in March": a plan in the present progressive
    return True


def past_story_spans(doc) -> list[tuple[int, int]]:
    """Character spans of the doc's sentences that are past stories."""
    return [(s.start_char, s.end_char) for s in doc.sents if past_story(s)]


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
        if not _job_object_only(v) or _on_a_task(v):
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


def _takes_a_time(sent) -> bool:
    """The sentence takes a time offered: a day or an hour that "works" or
    "suits" ("Tuesday at 2 pm works well for me", "Thursday at 10 suits
    me"), with no subject of the writer's own (not "I work Tuesdays")."""
    if not time_tokens(sent) or any(c.dep_ == "nsubj" and _lower(c) == "i" for c in sent):
        return False
    return any(_lower(t) in ("works", "work", "suits", "suit") for t in sent)


def meeting_spans(doc) -> list[tuple[int, int]]:
    """In a note that takes a time offered, the sentences that take it and
    those that meet the reader then ("I'll see you at the Market Street
    office": "see" with "you" as its object, no team or crowd to join, no
    verb of starting or first day): arranging the meeting the reader
    proposed, not a decision taken for them. P301 leaves them alone; "I'll
    see you at the final round next week" in a note that takes no time
    stays the model's."""
    sents = list(doc.sents)
    taken = [s for s in sents if _takes_a_time(s)]
    if not taken:
        return []
    out = [(s.start_char, s.end_char) for s in taken]
    for s in sents:
        if any(_lower(x) in ("all", "everyone", "everybody", "team", "first") or x.lemma_ in
               START_VERBS for x in s):
            continue
        if any(t.lemma_ == "see" and any(c.dep_ == "dobj" and _lower(c) == "you" for c in t.children)
               and not negated(t) for t in s):
            out.append((s.start_char, s.end_char))
    return out
