"""Claims recognised by the structure of a sentence, not by its wording.

The phrase lists (:mod:`followup_lint.matching`) are precise on the wording
they hold and blind one paraphrase away. The claims here are found from the
parse: who the subject is, which class of verb or noun heads the clause, its
tense, modality and negation, whether it sits in a condition or a question,
and what time it names. "I can start on the 1st", "Looking forward to
starting on November 16" and "During my first 30 days I'll..." are one claim
(*start*): a first-person subject, a verb of starting, a time, and no
condition, wish or past context.

Kinds of claim, by the family that reports them:

- presumptuous (P101): ``start``, ``onboarding``, ``familiarity``;
  (P201): ``resign``;
- desperate (D101): ``only-option``, ``any-terms``, ``begging``;
  (D201): ``pestering``; (D301): ``over-apology``; (D302):
  ``self-deprecation``.

Anchors (a first-person subject of a verb of a class, a noun of a class
owned by "my") are found by one spaCy ``DependencyMatcher`` built once per
pipeline; a doc with none of the anchor words is not searched at all. The
claims of a doc are worked out once and kept in ``doc.user_data``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from followup_lint.matching import doc_words

# -- word classes ----------------------------------------------------------------
# Classes of verbs and nouns, not phrases: each stands for every sentence
# built around it.

START_VERBS = frozenset({"start", "begin", "join", "commence", "onboard"})
RESIGN_VERBS = frozenset({"resign", "quit"})
HANDIN_VERBS = frozenset({"give", "hand", "put", "turn", "submit", "send", "email", "tender", "file"})
TELL_VERBS = frozenset({"tell", "inform", "notify", "warn"})
LEAVING_VERBS = frozenset({"leave", "quit", "resign", "move", "join", "go", "relocate", "switch"})
DECLINE_VERBS = frozenset({"decline", "turn", "reject", "cancel", "refuse", "drop", "withdraw"})
MOVE_VERBS = frozenset({"move", "relocate"})
NEED_VERBS = frozenset({"need"})
PLEAD_VERBS = frozenset({"beg", "implore", "plead", "beseech"})
APOLOGY_VERBS = frozenset({"apologize", "apologise"})
FOLLOWUP_VERBS = frozenset({"follow", "check", "circle", "bump", "nudge", "ping", "chase", "reach",
                            "write", "email", "message", "call", "resend", "forward", "text"})
TERMS_VERBS = frozenset({"take", "accept", "do", "work", "relocate", "move", "go", "settle", "consider"})
ANYWORDS = frozenset({"any", "anything", "anywhere", "whatever", "whichever", "anyplace"})

JOB_NOUNS = frozenset({"job", "role", "position", "post", "opportunity", "offer", "team", "company",
                       "firm", "work", "career", "organization", "organisation", "department", "you",
                       "practice", "agency", "group", "crew", "staff", "ward", "unit"})
PERIOD_NOUNS = frozenset({"day", "days", "week", "weeks", "month", "months", "shift", "quarter", "year",
                          "paycheck", "paycheque", "payslip", "salary", "assignment", "rotation", "sprint",
                          "date", "monday", "tuesday", "wednesday", "thursday", "friday"})
# Onboarding logistics: a few need no more than a first-person owner...
ONBOARD_STRONG = frozenset({"onboarding", "paperwork", "payroll", "deposit", "paycheck", "paycheque",
                            "payday", "payslip", "w-4", "i-9", "w4", "i9", "induction", "badge",
                            "new-starter", "new-hire", "keycard", "locker", "enrol", "enroll", "enrollment",
                            "enrolment"})
# ... the others also a request for me or an arrival ("set up before I arrive").
ONBOARD_WEAK = frozenset({"desk", "monitor", "laptop", "account", "login", "address", "parking", "park",
                          "rota", "roster", "headcount", "equipment", "workstation", "uniform", "plan",
                          "benefit", "form", "lanyard", "seat", "cubicle"})
REQUEST_VERBS = frozenset({"prefer", "like", "need", "want", "get", "have", "use", "receive", "send",
                           "share", "add", "set", "give", "fill", "complete", "sign", "bring", "order",
                           "provide", "sort", "arrange", "enrol", "enroll", "register"})
NOTICE_NOUNS = frozenset({"notice", "resignation"})
ALTERNATIVE_NOUNS = frozenset({"interview", "option", "offer", "choice", "prospect", "lead", "alternative",
                               "plan", "application", "opportunity", "job", "company", "place", "one",
                               "door"})
TERMS_NOUNS = frozenset({"role", "job", "position", "salary", "pay", "offer", "shift", "contract", "title",
                         "hours", "terms", "condition", "location", "type", "rate", "wage", "package",
                         "level", "thing", "task", "schedule", "hour", "city", "team", "post"})
PAY_NOUNS = frozenset({"benefit", "salary", "pay", "raise", "bonus", "vacation", "holiday", "holidays",
                       "pension", "wage", "money", "insurance", "relocation", "perk", "leave"})
CHEAP_WORDS = frozenset({"unpaid", "minimum", "half", "free", "nothing", "peanuts", "less", "lower",
                         "below", "pittance", "cut"})
MESSAGE_NOUNS = frozenset({"email", "e-mail", "message", "voicemail", "call", "text", "note", "follow-up",
                           "followup", "reminder", "dm", "inmail", "mail", "letter"})
# Things of the hiring process one is invited to: "see you on Monday at the
# panel interview" is a plan the reader made, not a start date.
PROCESS_NOUNS = frozenset({"interview", "call", "meeting", "panel", "chat", "conversation", "assessment",
                           "session", "visit", "tour", "presentation", "round", "lunch", "coffee", "dinner",
                           "event", "conference", "fair", "screen", "test", "exercise", "open", "day",
                           "workshop", "demo", "onsite", "trial"})
IMPOSITION = frozenset({"bother", "disturb", "trouble", "pester", "annoy", "bug", "intrude", "impose",
                        "pain", "nuisance", "burden", "chase", "nag", "annoying", "bothering", "pester"})
SELF_ABASE = frozenset({"terrible", "awful", "stupid", "dumb", "rude", "horrible", "hate", "upset",
                        "pathetic", "idiot", "silly", "annoying", "ashamed", "embarrassed", "guilty"})
INTENSIFIERS = frozenset({"so", "really", "deeply", "terribly", "truly", "very", "incredibly",
                          "sincerely", "extremely", "awfully", "profusely", "humbly", "most"})
HABITUAL = frozenset({"always", "usually", "often", "generally", "typically", "normally", "whenever",
                      "every", "tend", "sometimes", "never"})
# Feelings and states, not judgements of one's worth: "I'm not sure" is no
# self-deprecation.
NOT_TRAITS = frozenset({"sure", "certain", "aware", "available", "able", "free", "happy", "glad", "pleased",
                        "thrilled", "excited", "interested", "comfortable", "familiar", "ready", "keen",
                        "fond", "worried", "afraid", "clear", "late", "right", "ok", "okay", "fine",
                        "well", "alone", "done", "around", "satisfied", "convinced", "positive", "eager",
                        "willing", "opposed", "surprised", "entitled", "responsible", "allowed", "big",
                        "great", "best", "most", "only", "first", "good", "confident", "optimistic",
                        "hopeful", "proud", "lucky", "grateful", "thankful", "impressed", "safe", "secure",
                        "successful", "true", "honest", "kidding", "joking", "serious", "funny", "amused"})
SELF_NOUNS = frozenset({"cv", "resume", "résumé", "english", "experience", "skill", "skills", "answer",
                        "background", "portfolio", "interview", "application", "record", "degree", "grade",
                        "work", "performance", "writing", "qualification", "french", "german", "spanish",
                        "spelling", "grammar", "presentation", "code", "knowledge"})

MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
                    "sep", "sept", "oct", "nov", "dec"})
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
SOON = frozenset({"tomorrow", "today", "tonight", "asap", "immediately", "monday", "tuesday", "wednesday",
                  "thursday", "friday", "saturday", "sunday", "weekend"})
_ORDINAL = re.compile(r"^\d{1,2}(st|nd|rd|th)$")
_YEAR = re.compile(r"^(19|20)\d\d$")
_CLOCK = re.compile(r"^\d{1,2}([:.]\d\d)?(am|pm)?$")
RECENT = frozenset({"yesterday", "today", "tonight", "already", "just", "morning", "this"})
CONDITION_MARKS = frozenset({"if", "unless", "whether", "provided", "assuming", "should", "were"})
ARRIVAL_MARKS = frozenset({"once", "when", "after", "before", "as", "until", "till"})
WISH_WORDS = frozenset({"hope", "hoping", "hopefully", "wish", "chance", "possibility", "potentially",
                        "lucky", "fortunate", "selected", "chosen", "imagine", "suppose", "offered",
                        "successful", "decide", "hypothetically"})
HYPO_MODALS = frozenset({"would", "'d", "could", "might", "may", "should", "\u2019d"})
FIRST_PERSON = frozenset({"i", "me", "my", "myself", "mine"})
POLITE_IFS = (("if", "possible"), ("if", "you", "can"), ("if", "that"), ("if", "it"), ("if", "ok"),
              ("if", "okay"), ("if", "convenient"), ("if", "needed"), ("if", "not"))


@dataclass(frozen=True)
class Claim:
    """A passage whose structure makes one kind of claim."""

    kind: str
    start: int  # character offsets in doc.text
    end: int
    why: str  # a few words for the message: what makes it that kind


# -- the dependency matcher ------------------------------------------------------

_SUBJ_CLASSES = {
    "start": START_VERBS, "resign": RESIGN_VERBS, "handin": HANDIN_VERBS, "tell": TELL_VERBS,
    "decline": DECLINE_VERBS, "move": MOVE_VERBS, "need": NEED_VERBS,
}
_MY_CLASSES = {"period": PERIOD_NOUNS, "notice": NOTICE_NOUNS, "onboard": ONBOARD_STRONG | ONBOARD_WEAK,
               "self": SELF_NOUNS}


def _patterns() -> dict[str, list]:
    out: dict[str, list] = {}
    for name, verbs in _SUBJ_CLASSES.items():
        out[f"subj:{name}"] = [[
            {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": {"IN": sorted(verbs)}, "POS": {"IN": ["VERB", "AUX"]}}},
            {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "subj",
             "RIGHT_ATTRS": {"DEP": {"IN": ["nsubj", "nsubjpass"]}, "LOWER": "i"}},
        ]]
    for name, nouns in _MY_CLASSES.items():
        out[f"my:{name}"] = [[
            {"RIGHT_ID": "noun", "RIGHT_ATTRS": {"LOWER": {"IN": sorted(nouns)}}},
            {"LEFT_ID": "noun", "REL_OP": ">", "RIGHT_ID": "poss", "RIGHT_ATTRS": {"DEP": "poss", "LOWER": "my"}},
        ], [
            {"RIGHT_ID": "noun", "RIGHT_ATTRS": {"LEMMA": {"IN": sorted(nouns)}}},
            {"LEFT_ID": "noun", "REL_OP": ">", "RIGHT_ID": "poss", "RIGHT_ATTRS": {"DEP": "poss", "LOWER": "my"}},
        ]]
    return out


class _Matcher:
    def __init__(self, nlp):
        from spacy.matcher import DependencyMatcher

        self.matcher = DependencyMatcher(nlp.vocab)
        for label, patterns in _patterns().items():
            self.matcher.add(label, patterns)
        self.vocab = nlp.vocab


_MATCHERS: dict[int, tuple[object, _Matcher]] = {}


def _matcher(doc) -> _Matcher:
    key = id(doc.vocab)
    hit = _MATCHERS.get(key)
    if hit is None or hit[0] is not doc.vocab:
        hit = _MATCHERS[key] = (doc.vocab, _Matcher(doc))
    return hit[1]


def anchors(doc) -> list[tuple[str, object, object]]:
    """(class label, anchor token, first-person token) for every anchor."""
    m = _matcher(doc)
    out = []
    for match_id, toks in m.matcher(doc):
        label = doc.vocab.strings[match_id]
        out.append((label, doc[toks[0]], doc[toks[1]]))
    out.sort(key=lambda x: x[1].i)
    return out


# -- clause helpers --------------------------------------------------------------

def _lower(t) -> str:
    return t.lower_.replace("\u2019", "'")


def negated(tok) -> bool:
    """A negation on the token, or on the verb it is the complement of."""
    for t in (tok, tok.head if tok.dep_ in ("xcomp", "acomp", "attr") else tok):
        if any(c.dep_ == "neg" or c.lower_ in ("never", "not", "n't") for c in t.children):
            return True
    return False


def modal_hypothetical(tok) -> bool:
    """would/could/might/may/should on the verb or the verb it hangs from."""
    chain = [tok]
    t = tok
    while t.dep_ in ("xcomp", "ccomp", "acomp", "pcomp", "prep", "pobj", "conj", "dep") and t.head is not t:
        t = t.head
        chain.append(t)
        if len(chain) > 4:
            break
    for t in chain:
        if any(c.dep_ == "aux" and _lower(c) in HYPO_MODALS for c in t.children):
            return True
    return False


def is_past(tok) -> bool:
    """The verb reports the past: a past tense, or have + participle."""
    if tok.tag_ == "VBD":
        return True
    if tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children):
        return True
    if any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" and c.lemma_ in ("do", "be") for c in tok.children):
        return True
    return False


def _polite_if(sent, i: int) -> bool:
    words = [_lower(t) for t in sent.doc[i:i + 3]]
    return any(tuple(words[:len(p)]) == p for p in POLITE_IFS)


def conditional(sent) -> bool:
    """The sentence carries a condition or a wish ("if I am selected",
    "should you decide", "I hope to"); "if possible" does not count."""
    for t in sent:
        low = _lower(t)
        if low in ("if", "unless", "whether") and not _polite_if(sent, t.i):
            return True
        if low in WISH_WORDS:
            return True
        if low in ("should", "were", "had") and t.i + 1 < sent.end and sent.doc[t.i + 1].dep_ in ("nsubj",) \
                and t.i > sent.start and sent.doc[t.i - 1].is_punct:
            return True  # "..., should you decide to move ahead"
    return False


def question(sent) -> bool:
    """Ends with "?", or opens like one ("who should I send...", "could
    you...") even without the mark."""
    if sent.text.rstrip().endswith("?"):
        return True
    words = [t for t in sent if t.is_alpha]
    if len(words) < 2:
        return False
    first, second = words[0], words[1]
    if first.tag_ in ("WP", "WRB", "WDT") and (second.tag_ == "MD" or second.lemma_ in ("do", "be", "have")):
        return True
    return first.tag_ == "MD" and second.lower_ in ("i", "you", "we")


def time_tokens(tokens) -> list:
    """Tokens that name a time: dates, weekdays, ordinals, "tomorrow", "next
    week", "day one", a clock time."""
    out = []
    toks = list(tokens)
    for k, t in enumerate(toks):
        low = _lower(t)
        nxt = _lower(toks[k + 1]) if k + 1 < len(toks) else ""
        if low in MONTHS and (t.text[:1].isupper() or t.like_num) and not (low == "may" and t.tag_ == "MD"):
            out.append(t)
        elif low in SOON or _ORDINAL.match(low):
            out.append(t)
        elif low == "next" and nxt in ("week", "month", "monday", "tuesday", "wednesday", "thursday", "friday",
                                       "year", "quarter"):
            out.append(t)
        elif low == "day" and nxt in ("one", "1"):
            out.append(t)
        elif low in ("right", "straight") and nxt == "away":
            out.append(t)
        elif _CLOCK.match(low) and ":" in low:
            out.append(t)
    return out


def distant_past(sent) -> bool:
    """The sentence dates what it reports well in the past: "in January",
    "two years ago", "last spring", "since leaving", "in 2019"."""
    toks = list(sent)
    past_verb = any(t.tag_ == "VBD" or (t.tag_ == "VBN" and t.dep_ != "amod") for t in toks)
    for k, t in enumerate(toks):
        low = _lower(t)
        nxt = _lower(toks[k + 1]) if k + 1 < len(toks) else ""
        if low in ("ago", "previously", "formerly", "since") or _YEAR.match(low):
            return True
        if low == "last" and nxt in ("year", "spring", "summer", "autumn", "fall", "winter", "month",
                                     "decade", "semester", "term"):
            return True
        if past_verb and low in MONTHS and t.text[:1].isupper() and k and _lower(toks[k - 1]) in ("in", "since"):
            return True
        if low in ("previous", "former", "old", "prior") and t.head.lemma_ in JOB_NOUNS | {"employer", "boss",
                                                                                          "manager"}:
            return True
    return False


_OFFER_HELD = "followup_lint.structural.offer_held"


def offer_in_hand(doc) -> bool:
    """The draft says the offer was received, signed or accepted: the
    presumptuous family has nothing to presume any more."""
    held = doc.user_data.get(_OFFER_HELD)
    if held is None:
        held = doc.user_data[_OFFER_HELD] = _offer_in_hand(doc)
    return held


def _offer_in_hand(doc) -> bool:
    for t in doc:
        if t.lemma_ in ("offer", "contract") and t.pos_ == "NOUN":
            if any(c.lower_ in ("another", "other", "their", "his", "her") for c in t.children):
                continue
            head = t.head
            if head.lemma_ in ("accept", "sign", "receive", "get", "countersign") and is_past(head) \
                    and not negated(head):
                return True
            if head.dep_ == "prep" and head.head.lemma_ in ("thank", "thanks") and t.dep_ == "pobj":
                return True
        if t.lemma_ == "accept" and t.pos_ == "VERB" and is_past(t) and not negated(t) \
                and any(c.lower_ == "i" and c.dep_ == "nsubj" for c in t.children) \
                and not any(c.dep_ == "dobj" for c in t.children):
            return True
    return False


def _span(doc, ids) -> tuple[int, int]:
    lo, hi = doc[min(ids)], doc[max(ids)]
    return lo.idx, hi.idx + len(hi)


def _subtree_ids(tok) -> list[int]:
    return [t.i for t in tok.subtree]


def _clause_ids(tok, sent) -> list[int]:
    """The token's subtree, but not its subordinate or coordinated clauses."""
    out = [tok.i]
    stack = [c for c in tok.children]
    while stack:
        c = stack.pop()
        if c.dep_ in ("advcl", "conj", "ccomp", "relcl", "parataxis", "punct", "cc", "mark") and c.head is tok:
            continue
        if c.i < sent.start or c.i >= sent.end:
            continue
        out.append(c.i)
        stack.extend(c.children)
    return out


def _first_person(sent) -> bool:
    return any(_lower(t) in FIRST_PERSON for t in sent)


# -- claims ------------------------------------------------------------------------

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
                   "count", "move", "relocate", "am", "'m", "is", "are"} | MESSAGE_NOUNS | PAY_NOUNS)


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
    return bool(doc.text.strip()) and not ANCHOR_WORDS.isdisjoint(words)


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
        here = ([] if held else _presumptuous(sent, mine, cond, words)) + _desperate(sent, mine, cond, words)
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


# -- presumptuous ------------------------------------------------------------------

# Words a sentence needs for each search to be worth running (cheap gates).
_CONDITION_WORDS = frozenset({"if", "unless", "whether", "should", "were", "had"}) | WISH_WORDS
_GATES = {
    "see": frozenset({"see"}),
    "eager": frozenset({"wait", "look", "count", "looking"}),
    "familiar": frozenset({"new", "one", "take"}) | ARRIVAL_MARKS,
    "last": frozenset({"last"}),
    "alternative": frozenset({"no", "nothing", "nowhere", "noone", "depend", "ride", "hinge", "hang", "only",
                              "know"}),
    "terms": frozenset({"any", "even", "need", "forget", "skip", "waive", "drop", "forgo", "forego", "whatever",
                        "whichever", "half", "guarantees", "them"}),
    "beg": PLEAD_VERBS | {"please", "say", "pretty", "one", "another"},
    "pester": FOLLOWUP_VERBS | MESSAGE_NOUNS | {"again", "bump", "follow-up", "followup", "keep", "slip", "fall",
                                                "bury", "lose", "miss", "forget", "overlook", "also", "since"},
    "apology": frozenset({"sorry", "apologize", "apologise", "apologies", "apology", "forgive", "pardon", "feel"}),
    "self": frozenset({"i", "someone", "somebody", "people", "compared"}),
}


def _gate(words, name: str) -> bool:
    return not _GATES[name].isdisjoint(words)


def _presumptuous(sent, mine, cond, words) -> list[Claim]:
    doc = sent.doc
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
    if first_person:
        out += _onboarding(sent, mine, cond)
        if _gate(words, "familiar"):
            out += _familiarity(sent, cond)
        if _gate(words, "last"):
            out += _my_last_day(sent)
    return [c for c in out if c]


def _job_object_only(verb) -> bool:
    """The verb's object, if any, is the job, the team or the reader."""
    for c in verb.children:
        if c.dep_ == "dobj" and c.lemma_ not in JOB_NOUNS and c.lower_ not in ("you", "it", "us") \
                and c.pos_ != "PROPN":  # "join Acme"
            return False
    return True


def _habitual(sent) -> bool:
    return any(_lower(t) in HABITUAL for t in sent)


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
    if cond or modal_hypothetical(noun.head):
        return None
    first = [c for c in noun.children if c.lower_ in ("first", "official", "1st")]
    start_date = noun.lemma_ == "date" and any(c.lower_ == "start" for c in noun.children)
    if not first and not start_date:
        return None
    if noun.lemma_ in ("day", "week") and first and any(_lower(t) in PROCESS_NOUNS - {"day"} for t in sent):
        # "my first interview day" is the process, not the job
        pass
    ids = [poss.i, noun.i] + [c.i for c in noun.children if c.dep_ in ("amod", "nummod", "compound")]
    return Claim("start", *_span(doc, ids), "a first day, week or paycheck of a job not yet offered")


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


def _invited(sent) -> bool:
    """"as you suggested", "as agreed": the reader set the date."""
    words = [_lower(t) for t in sent]
    for k, w in enumerate(words[:-1]):
        if w == "as" and words[k + 1] in ("you", "agreed", "discussed", "planned", "arranged", "scheduled",
                                          "requested", "asked", "invited", "suggested", "mentioned"):
            return True
    return False


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
    strong_hit = [t for t in words if not negated(t.head) and _request_or_arrival(sent, t)]
    if cond and not strong_hit:
        return
    arrival = _arrival_tokens(sent)
    hits = list(strong_hit)
    for t in weak:
        owned = any(c.dep_ == "poss" and c.lower_ == "my" for c in t.children)
        v = t.head if t.dep_ in ("dobj", "nsubjpass") else None
        wanted = v is not None and v.lemma_ in REQUEST_VERBS and not negated(v) and not is_past(v) and (
            any(c.dep_ == "nsubj" and c.lower_ == "i" for c in v.children)
            or any(c.lower_ in ("me", "my") for c in v.subtree)
            or (question(sent) or v.dep_ == "ROOT" and not any(c.dep_ == "nsubj" for c in v.children)))
        for_me = any(_lower(x) == "me" and x.head.lower_ == "for" for x in sent)
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
    doc = sent.doc
    if any(t.tag_ == "VBD" for t in sent) and not question(sent):
        return False
    if question(sent) or any(_lower(t) in ("please", "kindly") for t in sent) or _arrival_tokens(sent):
        return True
    if any(t.lemma_ in ("like", "prefer", "need", "want", "love") and any(
            c.dep_ == "nsubj" and c.lower_ == "i" for c in t.children) for t in sent):
        return True
    return any(t.dep_ == "aux" and _lower(t) in ("will", "'ll", "shall") for t in sent) and any(
        t.tag_ == "VBN" and t.lemma_ in ("fill", "complete", "sign") for t in sent) or any(
        t.lemma_ in ("fill", "complete", "sign") and any(c.dep_ == "nsubj" and c.lower_ == "i" for c in t.children)
        for t in sent if t.tag_ in ("VBN", "VBP", "VB"))


def _arrival_tokens(sent) -> list:
    """"before I arrive", "once I'm in", "when I start", "once I'm set up",
    "once I'm on board": a first-person arrival in a subordinate clause."""
    out = []
    for t in sent:
        mark = [c for c in t.children if c.dep_ in ("mark", "advmod") and _lower(c) in ARRIVAL_MARKS]
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
    return out


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
        if not modal_hypothetical(main) and not (main.tag_ == "VBD"):
            yield Claim("familiarity", *_span(doc, [t.i for t in arrival]), "taking the job for granted")
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


def _resign_claim(sent, label, verb, subj):
    doc = sent.doc
    if negated(verb) or modal_hypothetical(verb) or conditional(sent) or question(sent):
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
        objs = [t for t in near if (t.lemma_ in NOTICE_NOUNS and (t.lemma_ == "resignation" or any(
            d.lower_ in ("my", "weeks", "week", "month", "months", "'") for d in t.subtree))) or (
            t.lemma_ == "letter" and any(c.lemma_ == "resignation" for c in t.children))]
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
        if not (other or reason) or not any(x.lower_ in ("you", "your", "yours") or x.lemma_ == "join"
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
                           "begin", "effective"):
        return None
    return Claim("resign", *_span(doc, [poss.i, noun.i, verb.i]), "resigning before an offer")


def _my_last_day(sent):
    """"My last day at Deloitte is the 30th"."""
    doc = sent.doc
    if conditional(sent) or question(sent) or distant_past(sent):
        return
    for t in sent:
        if t.lemma_ != "day" or not any(c.lower_ == "last" for c in t.children):
            continue
        if not any(c.lower_ == "my" and c.dep_ == "poss" for c in t.children):
            continue
        at = [c for c in t.children if c.dep_ == "prep" and c.lower_ in ("at", "with", "in")]
        head = t.head
        if not at and head.lemma_ != "be":
            continue
        ids = [x.i for x in t.subtree if x.i >= t.i - 2]
        yield Claim("resign", *_span(doc, ids), "leaving your job before an offer")


# -- desperate ---------------------------------------------------------------------

def _desperate(sent, mine, cond, words) -> list[Claim]:
    out: list[Claim] = []
    doc = sent.doc
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
                                       for x in sent.doc[ifs[0]:t.i] if x.head is not t)
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


def _apology_tokens(sent) -> list:
    """Apologies in the sentence, without sympathy ("sorry to hear") or
    regret for a third party's news ("I'm sorry the timing didn't work")."""
    doc = sent.doc
    out = []
    for t in sent:
        low = _lower(t)
        nxt = _lower(doc[t.i + 1]) if t.i + 1 < sent.end else ""
        nxt2 = _lower(doc[t.i + 2]) if t.i + 2 < sent.end else ""
        if low == "sorry":
            if nxt == "to" and nxt2 in ("hear", "see", "learn", "read"):
                continue
            if nxt in ("about", "that") or (nxt in ("the", "your", "for") and nxt2 in ("loss", "news")):
                continue
            if any(c.dep_ in ("ccomp",) and any(d.dep_ == "nsubj" and d.lower_ not in ("i",) for d in c.children)
                   for c in t.children):
                continue
            out.append(t)
        elif t.lemma_ in APOLOGY_VERBS or low in ("apologies", "apology"):
            out.append(t)
        elif low in ("forgive", "pardon") and nxt == "me":
            out.append(t)
        elif low in ("terrible", "awful", "bad", "guilty") and t.head.lemma_ == "feel" and any(
                c.lower_ == "i" for c in t.head.children):
            out.append(t)
    return out


def _over_apology(sent):
    """Grovelling: several apologies in one sentence, or one that is
    intensified and apologises for your own asking or being there."""
    doc = sent.doc
    apologies = _apology_tokens(sent)
    if not apologies:
        return
    strong = len(apologies) >= 2
    if not strong:
        a = apologies[0]
        intense = any(_lower(c) in INTENSIFIERS for c in list(a.children) + list(a.head.children)
                      if c.i < a.i + 2) or (a.i > sent.start and _lower(doc[a.i - 1]) in INTENSIFIERS)
        after = doc[a.i + 1:sent.end]
        imposing = any(x.lemma_ in IMPOSITION or _lower(x) in IMPOSITION for x in after) or (
            any(x.lemma_ == "take" for x in after) and any(x.lemma_ == "time" for x in after)) or (
            any(x.lemma_ == "inconvenience" for x in after) and any(x.lower_ == "my" for x in after))
        abasing = any(_lower(x) in SELF_ABASE or x.lemma_ in SELF_ABASE for x in sent)
        strong = (intense and (imposing or abasing)) or (abasing and imposing)
    if not strong:
        return
    end = sent.end - 1
    while end > sent.start and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    start = apologies[0].i
    while start > sent.start and _lower(doc[start - 1]) in INTENSIFIERS | {"i", "'m", "am", "really", "my"}:
        start -= 1
    yield Claim("over-apology", *_span(doc, [start, end]), "apologising over and over")


def _self_claim(sent, noun, verb):
    """"My CV is pathetic", "my English is terrible"."""
    doc = sent.doc
    if verb.lemma_ != "be" or noun.dep_ != "nsubj":
        return None
    for c in verb.children:
        if c.dep_ == "acomp" and _valence(c) <= -1.5 and not negated(verb):
            return Claim("self-deprecation", *_span(doc, [noun.i - 1 if noun.i > sent.start else noun.i, c.i]),
                         "running yourself down")
    return None


def _self_deprecation(sent):
    doc = sent.doc
    if question(sent):
        return
    for t in sent:
        low = _lower(t)
        subj_i = any(c.dep_ == "nsubj" and c.lower_ == "i" for c in t.children)
        # "I'm not as smart as the other candidates", "I am not so clever", "I'm terrible"
        if t.lemma_ == "be" and subj_i:
            for c in t.children:
                if c.dep_ not in ("acomp", "attr"):
                    continue
                word = _lower(c)
                if word in NOT_TRAITS and word != "good":
                    continue
                v = _valence(c)
                neg = negated(t)
                if (neg and v >= 1.0 and word not in NOT_TRAITS - {"good"}) or (
                        word in ("nobody", "nothing", "no-one") and not neg):
                    if word == "good" and not (neg and any(x.lower_ in ("anything", "enough") for x in c.subtree)):
                        continue
                    ids = [x.i for x in t.children if x.dep_ == "nsubj"] + [t.i] + _subtree_ids(c)
                    yield Claim("self-deprecation", *_span(doc, ids), "running yourself down")
                    break
        # "someone like me doesn't usually get jobs like this"
        elif low in ("someone", "somebody", "people") and any(
                c.lower_ == "like" and any(d.lower_ == "me" for d in c.children) for c in t.children) and \
                negated(t.head):
            yield Claim("self-deprecation", *_span(doc, _subtree_ids(t) + [t.head.i]), "running yourself down")
        # "compared to everyone else's", "as the other candidates"
        elif low == "compared" and any(_lower(x) in ("everyone", "everybody", "others", "candidates") for x in t.subtree):
            head = t.head
            if head.dep_ == "acomp" and _valence(head) <= -1.5:
                continue  # reported by _self_claim with its subject
            if any(_valence(x) <= -1.5 for x in sent):
                yield Claim("self-deprecation", *_span(doc, _subtree_ids(t)), "running yourself down")


_VADER = None


def _valence(tok) -> float:
    """VADER's valence of a word (its bundled lexicon, offline): how
    positive or negative a word is on its own, -4..4."""
    global _VADER
    if _VADER is None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        _VADER = SentimentIntensityAnalyzer().lexicon
    return float(_VADER.get(_lower(tok), _VADER.get(tok.lemma_.lower(), 0.0)))


# -- scheduling --------------------------------------------------------------------

SCHEDULE_WORDS = frozenset({"work", "suit", "confirm", "available", "availability", "schedule", "reschedule",
                            "book", "slot", "meet", "free", "time", "calendar", "invite", "invitation",
                            "appointment", "move", "arrange", "fit", "convenient"})
_HOUR = re.compile(r"^\d{1,2}([:.]\d\d)?\s*(am|pm|a\.m\.|p\.m\.)?$", re.I)


def schedules(doc) -> bool:
    """The note is about a time: it names a day or an hour ("Thursday at
    10", "the 14th", "3pm") and a verb or noun of scheduling ("works for
    me", "confirm", "available", "slot"). A short note of that kind is a
    complete reply, not a dashed-off one."""
    times = time_tokens(doc)
    hours = [t for t in doc if _HOUR.match(t.text) and t.i > 0 and doc[t.i - 1].lower_ in ("at", "from", "until",
                                                                                          "by", "after", "before")]
    hours += [t for t in doc if re.match(r"^\d{1,2}(am|pm)$", t.lower_)]
    if not times and not hours:
        return False
    return any(t.lemma_ in SCHEDULE_WORDS or t.lower_ in SCHEDULE_WORDS for t in doc)
