"""Desperate claims (D201): ``pestering`` (following up again, counting
your own messages, implying the reader dropped yours)."""

from __future__ import annotations

from followup_lint.structural.clause import Claim, _first_person, _lower, _span, _subtree_ids, is_past
from followup_lint.structural.wordclasses import FOLLOWUP_VERBS, MESSAGE_NOUNS, WEEKDAYS


def _pestering(sent, cond):
    doc = sent.doc
    words = [_lower(t) for t in sent]
    for t in sent:
        low = _lower(t)
        # "following up again", "circling back again", "bumping this up again"
        if t.lemma_ in FOLLOWUP_VERBS and t.pos_ == "VERB" and any(
                c.lower_ in ("again",) for c in t.children) and not is_past(t) and not (
                    t.lemma_ == "bump" and any(c.lower_ == "into" for c in t.children)) and (
                    t.tag_ == "VBG" or any(c.dep_ == "nsubj" and c.lower_ == "i" for c in t.children)):
            if any(c.dep_ == "aux" and _lower(c) in ("will", "'ll") for c in t.children) and cond:
                continue
            ids = [t.i] + [c.i for c in t.children if c.dep_ in ("prt", "advmod") and c.lower_ in ("up", "in", "back",
                                                                                                "again")]
            yield Claim("pestering", *_span(doc, ids), "following up again")
        # "bumping this up", "bumping this to the top of your inbox"
        elif t.lemma_ == "bump" and t.pos_ == "VERB" and any(
                c.dep_ == "dobj" and c.lemma_ in ("this", "it", "thread", "email", "message", "note", "request",
                                                  "application") for c in t.children):
            ids = [t.i] + [c.i for c in t.children if c.dep_ in ("dobj", "prt")]
            yield Claim("pestering", *_span(doc, ids), "bumping your own message")
        # "following up on my follow-up"
        elif low in ("follow-up", "followup") and any(_lower(x) in ("following", "follow") for x in sent) and \
                any(c.lower_ == "my" for c in t.children):
            yield Claim("pestering", *_span(doc, [sent[0].i if not sent[0].is_space else t.i, t.i]),
                        "following up on your own follow-up")
        # "three voicemails and five emails"
        elif t.lemma_ in MESSAGE_NOUNS and t.tag_ == "NNS" and any(
                c.dep_ == "nummod" and _count(c) >= 3 for c in t.children) and _first_person(sent):
            num = [c for c in t.children if c.dep_ == "nummod"][0]
            yield Claim("pestering", *_span(doc, [num.i, t.i]), "counting your own messages")
        # "I'll keep checking in daily", "every day"
        elif low == "keep" and any(c.lemma_ in FOLLOWUP_VERBS | {"ask"} for c in t.children) and _first_person(sent):
            yield Claim("pestering", *_span(doc, _subtree_ids(t)), "promising more follow-ups")
        # "slipped through the cracks", "buried in your inbox"
        elif t.lemma_ in ("slip", "fall", "bury", "lose", "miss", "forget", "overlook") and any(
                _lower(x) in ("cracks", "inbox") for x in t.subtree):
            yield Claim("pestering", *_span(doc, _subtree_ids(t)), "implying the reader dropped your message")
        # "I also messaged you on LinkedIn and WhatsApp"
        elif t.lemma_ in FOLLOWUP_VERBS and t.pos_ == "VERB" and any(c.lower_ == "also" for c in t.children) and \
                any(c.lower_ == "you" for c in t.children) and any(c.lower_ == "on" and c.dep_ == "prep"
                                                                   for c in t.children):
            yield Claim("pestering", *_span(doc, _subtree_ids(t)), "writing to them everywhere")
        # "as I did on Monday, Tuesday and Wednesday"
        elif low in WEEKDAYS and sum(w in WEEKDAYS for w in words) >= 3 and any(
                x.lemma_ in FOLLOWUP_VERBS for x in sent) and "again" in words:
            days = [x.i for x in sent if _lower(x) in WEEKDAYS]
            if t.i == days[0]:
                yield Claim("pestering", *_span(doc, [days[0], days[-1]]), "following up day after day")
        # "in case anything has changed since this morning"
        elif low == "since" and t.i + 2 < sent.end and _lower(doc[t.i + 1]) in ("this", "yesterday", "an", "last") \
                and _lower(doc[min(t.i + 2, sent.end - 1)]) in ("morning", "afternoon", "hour", "night", "evening",
                                                                   "yesterday", ".", ",") and \
                any(x.lemma_ in ("change", "hear", "update", "news") for x in sent):
            yield Claim("pestering", *_span(doc, [t.i, min(t.i + 2, sent.end - 1)]), "asking again within hours")
    # the same short question twice in a row: "Any update? Any update at all?"
    return


_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
            "several": 3, "many": 3, "multiple": 3, "countless": 3, "numerous": 3, "dozen": 12}


def _count(tok) -> int:
    low = _lower(tok)
    if low.isdigit():
        return int(low)
    return _NUMBERS.get(low, 0)
