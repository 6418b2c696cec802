"""The writer's arrival in the job, in a subordinate clause ("once I'm in",
"when I start", "before I arrive", "once I'm set up"): read by the
``onboarding`` and ``familiarity`` claims."""

from __future__ import annotations

from followup_lint.structural.clause import _job_object_only, _lower, negated
from followup_lint.structural.wordclasses import ARRIVAL_MARKS, JOB_NOUNS, START_VERBS


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
