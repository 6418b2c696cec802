"""Sentences P301 leaves alone, by the parse: an out-of-office notice of the
writer's own, a story dated well back, and the sentences that take a time
the reader offered (and meet the reader then)."""

from __future__ import annotations

from followup_lint.structural.clause import _lower, distant_past, generic_present, negated, takes_a_time
from followup_lint.structural.wordclasses import JOB_NOUNS, ONBOARD_STRONG, START_VERBS


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


def meeting_spans(doc) -> list[tuple[int, int]]:
    """In a note that takes a time offered, the sentences that take it and
    those that meet the reader then ("I'll see you at the Market Street
    office": "see" with "you" as its object, no team or crowd to join, no
    verb of starting or first day): arranging the meeting the reader
    proposed, not a decision taken for them. P301 leaves them alone; "I'll
    see you at the final round next week" in a note that takes no time
    stays the model's."""
    sents = list(doc.sents)
    taken = [s for s in sents if takes_a_time(s)]
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


def habit_spans(doc) -> list[tuple[int, int]]:
    """Character spans of the doc's sentences that tell a habit of the
    writer's in the simple present ("In every lead role I've held, I schedule
    one-on-ones with each report in my first two weeks"; clause.generic_present):
    how the writer works, not a decision taken for the reader."""
    return [(s.start_char, s.end_char) for s in doc.sents if generic_present(s)]

