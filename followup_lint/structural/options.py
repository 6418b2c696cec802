"""Desperate claims (D101): ``only-option`` (no other option, needing
this job), ``any-terms`` (taking any terms, giving up pay), ``begging``."""

from __future__ import annotations

from followup_lint.structural.clause import (
    Claim, _first_person, _lower, _span, _subtree_ids, conditional, is_past, modal_hypothetical, negated,
    question,
)
from followup_lint.structural.wordclasses import (
    ALTERNATIVE_NOUNS, ANYWORDS, CHEAP_WORDS, JOB_NOUNS, PAY_NOUNS, PLEAD_VERBS, TERMS_NOUNS,
)


def _need_claim(sent, verb, subj):
    doc = sent.doc
    if negated(verb) or modal_hypothetical(verb) or question(sent) or is_past(verb):
        return None
    objs = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_ in JOB_NOUNS - {"you", "team", "company", "work"}
            and any(d.lower_ in ("this", "the", "that", "a") for d in c.children)]
    if objs:
        return Claim("only-option", *_span(doc, [subj.i, verb.i] + _subtree_ids(objs[0])), "needing this job")
    you_to = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.lemma_ in (
        "change", "reconsider", "give", "hire", "pick", "choose", "consider", "take", "select", "rethink",
        "say", "keep") and any(d.lower_ == "you" and d.dep_ == "nsubj" for d in c.children)]
    if you_to:
        return Claim("begging", *_span(doc, [subj.i, verb.i] + _subtree_ids(you_to[0])), "begging")
    return None


def _no_alternative(sent):
    doc = sent.doc
    if conditional(sent) and not any(_lower(t) == "if" for t in sent):
        return
    for t in sent:
        low = _lower(t)
        # "no other interviews", "no other options"
        if t.lemma_ in ALTERNATIVE_NOUNS - {"one"} and any(c.lower_ == "no" for c in t.children) and any(
                c.lower_ in ("other", "else", "more", "backup") for c in t.children):
            yield Claim("only-option", *_span(doc, [c.i for c in t.children if c.dep_ in ("det", "amod")] + [t.i]),
                        "no other option")
        # "nothing else out there for me", "nowhere else to go"
        elif low in ("nothing", "nowhere", "noone") and any(c.lower_ == "else" for c in t.children) and \
                _first_person(sent):
            yield Claim("only-option", *_span(doc, _subtree_ids(t)), "no other option")
        # "everything depends on this one"
        elif t.lemma_ in ("depend", "ride", "hinge", "hang") and any(
                c.dep_ == "nsubj" and c.lower_ in ("everything", "all", "future", "life") for c in t.children):
            yield Claim("only-option", *_span(doc, _subtree_ids(t)), "everything riding on this job")
        # "you're the only one who called me back"
        elif low == "only" and t.head.lemma_ in ALTERNATIVE_NOUNS | {"one", "company", "person", "employer",
                                                                       "hope", "chance", "firm"}:
            rel = [c for c in t.head.children if c.dep_ == "relcl" and any(d.lower_ == "me" for d in c.subtree)]
            if rel:
                yield Claim("only-option", *_span(doc, [t.i] + _subtree_ids(rel[0])), "no other option")
        # "If I don't get this, I don't know how I'll pay rent"
        elif low == "know" and negated(t) and any(c.dep_ == "nsubj" and c.lower_ == "i" for c in t.children):
            comp = [c for c in t.children if c.dep_ in ("ccomp", "xcomp") and any(
                d.lower_ in ("how", "what") for d in c.subtree)]
            ifs = [x.i for x in sent if _lower(x) in ("if", "without") and x.i < t.i]
            losing = bool(ifs) and any(x.dep_ == "neg" or _lower(x) == "without"
                                       for x in sent.doc[ifs[0]:t.i] if x.head.i != t.i)
            if comp and losing and any(c.dep_ == "nsubj" and c.lower_ == "i" for d in comp[0].subtree
                                       for c in d.children):
                yield Claim("only-option", *_span(doc, [t.i] + _subtree_ids(comp[0])), "no way out without this job")


def _terms_claim(sent, verb, subj, cond):
    """"I'll take any shift", "I'll relocate anywhere"."""
    doc = sent.doc
    if negated(verb) or question(sent):
        return None
    anys = [x for x in verb.children if _lower(x) in ("anywhere", "anything", "whatever") or (
        x.dep_ in ("dobj", "pobj", "prep") and any(_lower(d) in ANYWORDS for d in x.subtree)
        and any(d.lemma_ in TERMS_NOUNS for d in x.subtree))]
    if not anys:
        return None
    if verb.lemma_ == "do" and _lower(anys[0]) in ("anything", "whatever"):
        return None  # D101's list has "I will do anything"; "do whatever you need" is help
    return Claim("any-terms", *_span(doc, [subj.i, verb.i] + _subtree_ids(anys[0])), "taking any terms")


def _any_terms(sent, cond):
    doc = sent.doc
    for t in sent:
        low = _lower(t)
        # "any role at all would be fine"
        if low == "any" and t.head.lemma_ in TERMS_NOUNS and t.head.dep_ in ("nsubj", "nsubjpass"):
            pred = t.head.head
            if any(_lower(c) in ("fine", "ok", "okay", "great", "enough", "good", "acceptable", "perfect")
                   for c in pred.children):
                yield Claim("any-terms", *_span(doc, _subtree_ids(t.head) + [pred.i] + [
                    c.i for c in pred.children if c.dep_ == "acomp"]), "taking any terms")
        # "even an unpaid internship", "even minimum wage", "even half"
        elif low == "even" and t.i + 1 < sent.end:
            rest = [x for x in doc[t.i + 1:min(sent.end, t.i + 5)]]
            if any(_lower(x) in CHEAP_WORDS for x in rest) or any(_lower(x) == "below" for x in rest):
                end = next((x.i for x in rest if _lower(x) in CHEAP_WORDS | {"below"}), t.i)
                head = doc[end]
                ids = [t.i, end] + ([head.head.i] if head.head.i > end and head.head.i < sent.end else [])
                yield Claim("any-terms", *_span(doc, ids), "taking any terms")
        # "I don't need the benefits", "forget the salary"
        elif t.lemma_ in PAY_NOUNS and t.dep_ == "dobj" and (
                (t.head.lemma_ == "need" and negated(t.head) and any(c.lower_ == "i" for c in t.head.children))
                or t.head.lemma_ in ("forget", "skip", "waive", "drop", "forgo", "forego")):
            yield Claim("any-terms", *_span(doc, [t.head.i] + _subtree_ids(t)), "giving up pay or benefits")
        elif low == "them" and t.head.lemma_ == "need" and negated(t.head) and any(
                x.lemma_ in PAY_NOUNS for x in sent):
            yield Claim("any-terms", *_span(doc, [x.i for x in sent if x.lemma_ in PAY_NOUNS][:1] + [t.i]),
                        "giving up pay or benefits")
        # "pay me whatever you think", "half of what we discussed"
        elif low in ("whatever", "whichever") and t.head.lemma_ in ("pay", "offer", "give") and any(
                c.lower_ == "me" for c in t.head.children):
            yield Claim("any-terms", *_span(doc, _subtree_ids(t.head) if t.head.i >= t.i else [t.i]),
                        "taking any terms")
        elif low == "half" and t.i + 2 < sent.end and doc[t.i + 1].lower_ == "of" and doc[t.i + 2].lower_ == "what" \
                and t.head.lemma_ in ("accept", "take", "settle", "work") and any(
                    c.lower_ == "i" for c in t.head.children):
            yield Claim("any-terms", *_span(doc, _subtree_ids(t)), "taking any terms")
        elif low == "guarantees" and t.i > sent.start and doc[t.i - 1].lower_ == "no" and any(
                x.lemma_ in ("accept", "take") for x in sent):
            yield Claim("any-terms", *_span(doc, [t.i - 1, t.i]), "taking any terms")


def _begging(sent):
    doc = sent.doc
    words = [_lower(t) for t in sent]
    for t in sent:
        low = _lower(t)
        if t.lemma_ in PLEAD_VERBS and t.pos_ == "VERB" and not negated(t) and (
                any(c.dep_ == "nsubj" and c.lower_ == "i" for c in t.children)
                or any(c.lower_ == "you" for c in t.children) and not any(c.dep_ == "nsubj" for c in t.children)):
            ids = [t.i] + [c.i for c in t.children if c.dep_ in ("dobj", "nsubj") or c.lower_ == "with"]
            yield Claim("begging", *_span(doc, ids), "begging")
        elif low == "please" and not question(sent) and t.head.pos_ in ("VERB", "AUX") and negated(t.head) and any(
                x.lemma_ in ("job", "role", "position", "offer", "else", "me", "up", "no") for x in t.head.subtree) \
                and t.head.lemma_ in (
                "give", "say", "hire", "choose", "pick", "reject", "pass", "go", "let", "turn", "offer", "forget",
                "close", "decide", "fill", "make", "select"):
            yield Claim("begging", *_span(doc, [t.i] + _subtree_ids(t.head)), "begging")
        elif low == "say" and negated(t) and any(c.lower_ == "no" for c in t.children) and not any(
                c.dep_ == "nsubj" for c in t.children):
            yield Claim("begging", *_span(doc, [x.i for x in t.subtree]), "begging")
        elif low == "pretty" and t.i + 1 < sent.end and doc[t.i + 1].lower_ == "please":
            yield Claim("begging", *_span(doc, [t.i, t.i + 1]), "begging")
        elif low in ("one", "another") and t.i + 1 < sent.end and (
                low == "another" or doc[t.i + 1].lower_ == "more") and "just" in words and (
                "please" in words or any(w in ("beg", "begging", "pleading") for w in words)):
            k = t.i + (2 if low == "one" else 1)
            if k < sent.end and doc[k].lemma_ in ("chance", "interview", "shot", "try", "go", "opportunity", "look",
                                                  "call", "round", "test"):
                yield Claim("begging", *_span(doc, [t.i, k]), "begging")
