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
    # "as your new charge nurse", "As the new Senior Designer, I...", "As your incoming Head of Nursing",
    # "I'll be your new marketing lead": the writer under the title of the job
    for t in sent:
        role = t.head
        if _lower(t) not in _NEWCOMER or t.dep_ != "amod" or role.pos_ not in ("NOUN", "PROPN") \
                or not any(c.dep_ in ("det", "poss") and _lower(c) in ("your", "the") for c in role.children):
            continue
        if _titled_me(role) and _first_person(sent):
            ids = [c.i for c in role.children if c.dep_ in ("det", "poss", "compound", "amod")] + [role.i]
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


# The job's title, worn before it is given: "your new", "the incoming", "your future" <role>.
_NEWCOMER = frozenset({"new", "newest", "incoming", "future"})


def _titled_me(role) -> bool:
    """``role`` names the writer: "As <role>, I ..." (or "..., my first
    priority will be"), "I'll be <role>", in the present or the future:
    "As the new manager, Priya will call me" names someone else, and "As the
    new hire at my last job, I learned..." is a story."""
    if role.dep_ == "attr":
        verb = role.head
    elif role.dep_ == "pobj" and _lower(role.head) == "as":
        verb = role.head.head
    elif role.dep_ == "advcl" and any(c.dep_ == "mark" and _lower(c) == "as" for c in role.children):
        verb = role.head  # "As your new data lead, my first priority will be..." (parsed as a clause)
    else:
        return False
    if verb.tag_ == "VBD" or negated(verb):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and (_lower(c) == "i" or any(
        d.dep_ == "poss" and _lower(d) == "my" for d in c.children)) for c in verb.children)


# The people and places of a job one would have: "my new manager", "my new home" (in "feels like").
_INSIDER = frozenset({"manager", "boss", "colleague", "coworker", "teammate", "home", "supervisor", "mentor"})


# Glad of what is coming, said as settled: "It'll be great to...", "I'm going to love...", "Excited to...".
_GLADNESS = frozenset({"great", "love", "excited", "thrilled", "delighted", "glad", "happy", "wonderful",
                       "fantastic", "amazing", "psyched", "stoked", "pumped"})
# What makes it a hope instead: "the chance to work with you", "hope we get to", "someday".
_HOPING = frozenset({"chance", "opportunity", "possibility", "prospect", "hope", "hopefully", "someday",
                     "fingers", "wish", "potential", "potentially", "maybe", "perhaps"})
_GROUPS = frozenset({"team", "family", "crew", "group", "department", "squad", "unit", "ward", "cohort"})


def _together(sent, cond):
    """Gladness about working with the reader as if it were settled: "It'll
    be great to finally work alongside you", "I'm going to love working with
    you", "Really excited for us to work together", "Excited to be part of
    the Ferris family!": a verb of working with "you", "together",
    "alongside" or "under" someone, or "be part of the/your <team>", under a
    word of gladness that is no wish ("would", "could", "might"), no hope
    ("the chance to", "hope we get to", "someday"), no condition and no
    question ("I'd love the chance to work with you" is a hope)."""
    if cond or question(sent) or any(_lower(t) in _HOPING or t.lemma_ in _HOPING for t in sent):
        return
    glad = [t for t in sent if _lower(t) in _GLADNESS or t.lemma_ in _GLADNESS]
    if not glad or any(modal_hypothetical(g) or negated(g) for g in glad):
        return
    for t in sent:
        if t.lemma_ in ("work", "collaborate", "partner") and t.pos_ == "VERB" and t.tag_ in ("VB", "VBG"):
            mates = [c for c in t.children if _lower(c) in ("together", "alongside") or (
                c.dep_ == "prep" and _lower(c) in ("with", "alongside", "under") and any(
                    _lower(d) in ("you", "her", "him") or d.lemma_ in _GROUPS and any(
                        _lower(e) == "your" for e in d.children) for d in c.children))]  # not "with the data team"
        elif t.lower_ == "part" and t.head.lemma_ == "be" and t.dep_ == "attr":
            mates = [c for c in t.children if c.dep_ == "prep" and _lower(c) == "of" and any(
                d.lemma_ in _GROUPS and any(_lower(e) in ("the", "your") for e in d.children) for d in c.children)]
        else:
            continue
        if not mates or any(a.dep_ == "aux" and _lower(a) in ("would", "'d", "could", "might", "may")
                            for x in (t, *t.ancestors) for a in x.children):
            continue
        future = any(a.lemma_ == "go" and a.tag_ == "VBG" or any(
            c.dep_ == "aux" and _lower(c) in ("will", "'ll") for c in a.children) for a in (t, *t.ancestors))
        if t.lower_ != "part" and not future and not any(_lower(m) == "together" for m in mates):
            continue  # "Congratulations on your new role. Excited to work with you.": a colleague's welcome
        clause = t.head if t.lower_ == "part" else t
        if any(c.dep_ in ("mark", "advmod") and _lower(c) in ("as", "if", "once", "when", "until", "unless",
                                                               "while", "because", "since", "long", "after")
               for c in clause.children):
            continue  # "..., as long as I'm part of the team": a condition
        if not any(g.i in {x.i for x in t.ancestors} or g.head.i in {x.i for x in t.ancestors} or g.head.i == t.i
                   for g in glad):
            continue  # the gladness is about something else in the sentence
        ids = [t.i] + [x.i for m in mates for x in m.subtree] + [g.i for g in glad if g.i < t.i]
        yield Claim("familiarity", *_span(sent.doc, ids), "speaking as if already on the team")
        return
