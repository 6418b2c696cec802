"""Every claim of a doc, worked out once: the anchors, then each
sentence's presumptuous and desperate searches, one claim per passage."""

from __future__ import annotations

from followup_lint.deferred import doc_text
from followup_lint.matching import doc_words
from followup_lint.structural.anchors import anchors
from followup_lint.structural.apology import _over_apology, _self_claim, _self_deprecation
from followup_lint.structural.clause import Claim, _lower, conditional, default_set, offer_in_hand
from followup_lint.structural.familiarity import _GLADNESS, _familiarity, _together
from followup_lint.structural.onboarding import _onboarding
from followup_lint.structural.options import _any_terms, _begging, _need_claim, _no_alternative, _terms_claim
from followup_lint.structural.pestering import _pestering
from followup_lint.structural.relocation import HOUSING, _moved_home
from followup_lint.structural.resign import _KNOWING, _leaving_told, _my_last_day, _my_notice_claim, _resign_claim
from followup_lint.structural.start import (
    _day_one, _joining, _look_forward_start, _move_claim, _my_first_claim, _planned_start, _see_you, _start_claim,
)
from followup_lint.structural.terms import (
    _GLAD, _LATER, _ROUNDS, _assumed, _awaited_offer, _expected, _glad_terms, _next_round, _rather_than,
    _shared_verdict,
)
from followup_lint.structural.wordclasses import (
    ANYWORDS, APOLOGY_VERBS, DECLINE_VERBS, FIRST_PERSON, FOLLOWUP_VERBS, MESSAGE_NOUNS, MOVE_VERBS,
    NEED_VERBS, NOTICE_NOUNS, ONBOARD_STRONG, ONBOARD_WEAK, PAY_NOUNS, PERIOD_NOUNS, PLEAD_VERBS,
    RESIGN_VERBS, SELF_NOUNS, START_VERBS, TELL_VERBS, TERMS_VERBS, _CONDITION_WORDS, _gate,
)


_KEY = "followup_lint.structural.claims"
ANCHOR_WORDS = (START_VERBS | RESIGN_VERBS | NOTICE_NOUNS | PERIOD_NOUNS | ONBOARD_STRONG | ONBOARD_WEAK
                | NEED_VERBS | PLEAD_VERBS | APOLOGY_VERBS | FOLLOWUP_VERBS | ANYWORDS | SELF_NOUNS
                | TELL_VERBS | DECLINE_VERBS | MOVE_VERBS | TERMS_VERBS
                | {"see", "sorry", "apology", "apologies", "forgive", "please", "no", "nothing", "nowhere",
                   "only", "everything", "even", "new", "once", "when", "before", "after", "take", "one",
                   "again", "i", "my", "last", "wait", "forward", "pardon", "be", "depend", "like",
                   "slip", "cracks", "inbox", "bury", "keep", "also", "since", "follow-up", "followup",
                   "pretty", "say", "someone", "somebody", "compared", "half", "guarantees", "them",
                   "feel", "terrible", "awful", "bad", "guilty", "ride", "hinge", "know", "add", "new",
                   "count", "move", "relocate", "am", "'m", "is", "are"} | MESSAGE_NOUNS | PAY_NOUNS | HOUSING | _ROUNDS)


def claims(doc) -> tuple[Claim, ...]:
    """Every structural claim of ``doc``, in text order (worked out once)."""
    found = doc.user_data.get(_KEY)
    if found is None:
        found = doc.user_data[_KEY] = tuple(_claims(doc)) if _may_claim(doc) else ()
    return found


def claims_of(doc, *kinds: str) -> list[Claim]:
    return [c for c in claims(doc) if c.kind in kinds]


def _may_claim(doc) -> bool:
    words = doc_words(doc)
    return bool(doc_text(doc).strip()) and not ANCHOR_WORDS.isdisjoint(words)


def _claims(doc) -> list[Claim]:
    out: list[Claim] = []
    found = anchors(doc)
    held = offer_in_hand(doc)
    for sent in doc.sents:
        if not any(t.is_alpha for t in sent):
            continue
        mine = [a for a in found if sent.start <= a[1].i < sent.end]
        words = frozenset(w for t in sent for w in (_lower(t), t.lemma_))
        cond = not _CONDITION_WORDS.isdisjoint(words) and conditional(sent)
        # an indirect question ("let me know if anything changes") conditions no presumptuous claim
        pcond = cond and conditional(sent, asked=False) and not default_set(sent)
        # the terms are the writer's to presume even with the offer in hand ("I accept; I'll report to London
        # rather than Manchester")
        here = ([] if held else _presumptuous(sent, mine, pcond, words)) + _terms(sent, pcond, words, held) + \
            _desperate(sent, mine, cond, words)
        kinds: set[str] = set()
        for c in sorted(here, key=lambda c: c.start):  # one claim of a kind per sentence
            if c.kind not in kinds:
                kinds.add(c.kind)
                out.append(c)
    # one claim per passage: the first kind found for overlapping spans
    out.sort(key=lambda c: (c.start, -c.end))
    kept: list[Claim] = []
    for c in out:
        if kept and c.start < kept[-1].end and c.kind == kept[-1].kind:
            continue
        if any(k.start <= c.start and c.end <= k.end and k.kind == c.kind for k in kept):
            continue
        kept.append(c)
    return kept


def _presumptuous(sent, mine, cond, words) -> list[Claim]:
    out: list[Claim] = []
    for label, tok, subj in mine:
        if label == "subj:start":
            c = _start_claim(sent, tok, subj, cond)
        elif label in ("subj:resign", "subj:handin", "subj:tell", "subj:decline"):
            c = _resign_claim(sent, label, tok, subj)
        elif label == "subj:move":
            c = _move_claim(sent, tok, subj, cond)
        elif label == "my:period":
            c = _my_first_claim(sent, tok, subj, cond)
        elif label == "my:notice":
            c = _my_notice_claim(sent, tok, subj)
        else:
            c = None
        if c:
            out.append(c)
    first_person = not FIRST_PERSON.isdisjoint(words)
    if not cond and _gate(words, "see"):
        out += _see_you(sent)
    if _gate(words, "eager"):
        out += _look_forward_start(sent, cond)
    if not START_VERBS.isdisjoint(words):
        out += _planned_start(sent, cond)
        out += _joining(sent, cond)
    if "first" in words or "one" in words or "1" in words:
        out += _day_one(sent, cond)
    if not _KNOWING.isdisjoint(words):
        out += _leaving_told(sent, cond)
    if "offer" in words or "contract" in words:
        out += _awaited_offer(sent, cond)
    if "both" in words:
        out += _shared_verdict(sent, cond)
    if not _ROUNDS.isdisjoint(words) and not _LATER.isdisjoint(words):
        out += _next_round(sent, cond)
    if not _GLADNESS.isdisjoint(words) and ("part" in words or "work" in words or "together" in words
                                            or "collaborate" in words):
        out += _together(sent, cond)
    if not HOUSING.isdisjoint(words) and not {"your", "role", "job", "position"}.isdisjoint(words):
        out += _moved_home(sent, cond)
    if first_person:
        out += _onboarding(sent, mine, cond)
        if _gate(words, "familiar"):
            out += _familiarity(sent, cond)
        if _gate(words, "last"):
            out += _my_last_day(sent)
    return [c for c in out if c]


def _terms(sent, cond, words, held) -> list[Claim]:
    """Terms taken as settled or set by the writer: assumed ("I'll assume
    four days remote is fine"), expected as owed ("I'll expect your decision
    by Friday"), or, with the offer in hand, put in place of the offered one
    ("I accept; I'll report to London rather than Manchester": without an
    offer "rather than" is as often a business choice)."""
    out: list[Claim] = []
    if held:  # with the offer in hand, a term assumed beyond it or put in place of the offered one
        if "assume" in words or "take" in words:
            out += _assumed(sent, cond)
        if "rather" in words or "instead" in words:
            out += _rather_than(sent, cond)
        return out
    if "assume" in words or "take" in words:
        out += _assumed(sent, cond)
    if "expect" in words:
        out += _expected(sent, cond)
    if not _GLAD.isdisjoint(words):
        out += _glad_terms(sent, cond)
    return out


def _desperate(sent, mine, cond, words) -> list[Claim]:
    out: list[Claim] = []
    for label, tok, subj in mine:
        if label == "subj:need":
            c = _need_claim(sent, tok, subj)
            if c:
                out.append(c)
        elif label == "my:self":
            c = _self_claim(sent, tok, tok.head)
            if c:
                out.append(c)
    if not ANYWORDS.isdisjoint(words):  # "I'll take any shift", "I'll relocate anywhere"
        for t in sent:
            subj = [c for c in t.children if c.dep_ == "nsubj" and c.lower_ == "i"] if t.lemma_ in TERMS_VERBS else []
            c = _terms_claim(sent, t, subj[0], cond) if subj else None
            if c:
                out.append(c)
    if _gate(words, "alternative"):
        out += _no_alternative(sent)
    if _gate(words, "terms"):
        out += _any_terms(sent, cond)
    if _gate(words, "beg"):
        out += _begging(sent)
    if _gate(words, "pester"):
        out += _pestering(sent, cond)
    if _gate(words, "apology"):
        out += _over_apology(sent)
    if _gate(words, "self"):
        out += _self_deprecation(sent)
    return out
