"""Presumptuous claims (P101) of a move made for a job not yet offered,
reported as ``start``: a home found, sold or booked near the reader's
workplace or for the role ("We've put a deposit on a flat two streets from
your office", "We listed our house so we can be in Austin by September for
the role")."""

from __future__ import annotations

from followup_lint.structural.clause import Claim, _lower, _span, distant_past, modal_hypothetical, negated, question

# A home and what moving it takes.
HOUSING = frozenset({"house", "home", "apartment", "flat", "condo", "lease", "movers", "mover", "school",
                     "rental", "mortgage", "removals"})
# The reader's places: "near your office", "ten minutes from your clinic".
_WORKPLACES = frozenset({"office", "clinic", "headquarters", "hq", "campus", "site", "building", "hospital",
                         "plant", "store", "branch", "lab", "studio", "warehouse", "factory", "school"})
_NEAR = frozenset({"near", "from", "to", "by", "beside", "next", "close", "around"})


def _for_the_job(sent) -> list:
    """The tokens that tie the sentence to the reader's job: a place of the
    reader's ("near your Denver office", "two blocks from your office") or
    the role itself ("for the role", "for this job")."""
    out = []
    for t in sent:
        if t.lemma_ in _WORKPLACES and any(_lower(c) in ("your", "yours") for c in t.children) and (
                t.dep_ == "pobj" and (_lower(t.head) in _NEAR or _lower(t.head.head) in _NEAR)):
            out.append(t)
        elif t.lemma_ in ("role", "job", "position") and t.dep_ == "pobj" and _lower(t.head) == "for" and any(
                _lower(c) in ("the", "this", "your") for c in t.children):
            out.append(t)
    return out


def _moved_home(sent, cond):
    """The writer (or "we", "my wife and I") has acted on a home for the
    job: bought, sold, listed, leased, toured or booked (the verb's subtree
    holds a house, flat, lease, movers or school), in any tense but a
    condition, wish, negation, question or a story dated well back ("When I
    relocated for my last job, I booked movers only after signing"), and the
    sentence ties it to the reader's workplace or the role (_for_the_job)."""
    if cond or question(sent) or distant_past(sent):
        return
    doc = sent.doc
    tie = _for_the_job(sent)
    if not tie:
        return
    for v in sent:
        if v.pos_ != "VERB" or negated(v) or modal_hypothetical(v):
            continue
        subj = [c for c in v.children if c.dep_ == "nsubj"]
        if not subj and v.dep_ in ("xcomp", "conj"):
            subj = [c for c in v.head.children if c.dep_ == "nsubj"]
        if not any(_lower(c) in ("i", "we") or any(_lower(d) == "i" for d in c.subtree) for c in subj):
            continue
        homes = [x for x in v.subtree if (x.lemma_ in HOUSING or _lower(x) in HOUSING) and x.pos_ != "VERB"
                 and x.i not in {t.i for t in tie}]
        if homes:
            yield Claim("start", *_span(doc, [subj[0].i, v.i, homes[0].i] + [t.i for t in tie]),
                        "a move made for a job not yet offered")
            return
