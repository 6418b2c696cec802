"""Clause helpers every claim kind uses: the claim itself, negation,
modality, tense, condition, question, the times a clause names, and
whether the draft already holds the offer."""

from __future__ import annotations

from dataclasses import dataclass

from followup_lint.structural.wordclasses import (
    FIRST_PERSON, HABITUAL, HYPO_MODALS, JOB_NOUNS, MONTHS, ONBOARD_STRONG, POLITE_IFS, SOON, WISH_WORDS, _CLOCK,
    _ORDINAL, _YEAR,
)


@dataclass(frozen=True)
class Claim:
    """A passage whose structure makes one kind of claim."""

    kind: str
    start: int  # character offsets in doc.text
    end: int
    why: str  # a few words for the message: what makes it that kind



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
    while t.dep_ in ("xcomp", "ccomp", "acomp", "pcomp", "prep", "pobj", "conj", "dep") and t.head.i != t.i:
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
    if tok.tag_ == "VBN" and any(c.dep_ == "aux" and (c.lemma_ == "have" or _lower(c) == "having")
                                 for c in tok.children):
        return True  # "I've accepted", "Having accepted your offer" (sentence-initial "Having" keeps its lemma)
    if any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" and c.lemma_ in ("do", "be") for c in tok.children):
        return True
    return False


def _polite_if(sent, i: int) -> bool:
    words = [_lower(t) for t in sent.doc[i:i + 3]]
    return any(tuple(words[:len(p)]) == p for p in POLITE_IFS)


# Verbs whose "if"/"whether" clause is what is asked, not a condition: "let me know if anything changes",
# "just wondering if we've locked in my start date".
_ASKING_IF = frozenset({"know", "wonder", "ask", "check", "tell", "confirm", "see"})


def asked_if(tok) -> bool:
    """``tok`` ("if"/"whether") opens an indirect question: its clause is
    the object of a verb of asking or knowing ("let me know if anything
    changes", "just wondering if we've locked in my start date"), not a
    condition on the rest of the sentence."""
    clause = tok.head
    return tok.dep_ == "mark" and clause.dep_ in ("ccomp", "advcl", "xcomp") and clause.head.lemma_ in _ASKING_IF


def conditional(sent, asked: bool = True) -> bool:
    """The sentence carries a condition or a wish ("if I am selected",
    "should you decide", "I hope to"); "if possible" does not count, nor,
    with ``asked=False``, an indirect question ("let me know if...")."""
    for t in sent:
        low = _lower(t)
        if low in ("if", "unless", "whether") and not _polite_if(sent, t.i):
            if not asked and low != "unless" and asked_if(t):
                continue
            return True
        if low in WISH_WORDS:
            return True
        if low in ("should", "were", "had") and t.i + 1 < sent.end and sent.doc[t.i + 1].dep_ in ("nsubj",) \
                and t.i > sent.start and sent.doc[t.i - 1].is_punct:
            return True  # "..., should you decide to move ahead"
    return False


def default_set(sent) -> bool:
    """The sentence's only condition is "unless ... otherwise" ("I'll start
    on the 2nd unless you tell me otherwise", "... unless someone tells me
    otherwise"): the writer sets the default and leaves the reader to object,
    which conditions nothing ("unless you'd like me to come at a different
    time" defers, and stays a condition)."""
    marks = [t for t in sent if _lower(t) == "unless" and t.dep_ == "mark"]
    if len(marks) != 1:
        return False
    clause = {x.i for x in marks[0].head.subtree}
    if not any(_lower(sent.doc[i]) == "otherwise" for i in clause):
        return False
    rest = [t for t in sent if t.i not in clause]
    return not any(_lower(t) in ("if", "unless", "whether") or _lower(t) in WISH_WORDS for t in rest)


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


def takes_a_time(sent) -> bool:
    """The sentence takes a time offered: a day or an hour that "works" or
    "suits" ("Tuesday at 2 pm works well for me", "Thursday at 10 suits
    me"), with no subject of the writer's own (not "I work Tuesdays")."""
    if not time_tokens(sent) or any(c.dep_ == "nsubj" and _lower(c) == "i" for c in sent):
        return False
    return any(_lower(t) in ("works", "work", "suits", "suit") for t in sent)


def distant_past(sent) -> bool:
    """The sentence dates what it reports well in the past: "in January",
    "two years ago", "last spring", "since leaving", "in 2019"."""
    toks = list(sent)
    past_verb = any(t.tag_ == "VBD" or (t.tag_ == "VBN" and t.dep_ != "amod") for t in toks)
    for k, t in enumerate(toks):
        low = _lower(t)
        nxt = _lower(toks[k + 1]) if k + 1 < len(toks) else ""
        if low == "since" and t.dep_ == "mark" and not is_past(t.head):
            continue  # "since I'm going with you" gives a reason, not a date
        if low in ("ago", "previously", "formerly", "since") or _YEAR.match(low):
            return True
        if low == "last" and nxt in ("year", "spring", "summer", "autumn", "fall", "winter", "month",
                                     "decade", "semester", "term") and not any(
                c.dep_ == "poss" for c in t.head.children):  # "this is my last month" is no date
            return True
        if past_verb and low in MONTHS and t.text[:1].isupper() and k and _lower(toks[k - 1]) in ("in", "since"):
            return True
        if low in ("previous", "former", "old", "prior") and t.head.lemma_ in JOB_NOUNS | {"employer", "boss",
                                                                                          "manager"}:
            return True
        if low == "last" and t.dep_ == "amod" and t.head.lemma_ in JOB_NOUNS | {"employer"} and any(
                _lower(c) == "my" and c.dep_ == "poss" for c in t.head.children):
            return True  # "I resigned from my last role": the job before, not the current one
    return False


_OFFER_HELD = "followup_lint.structural.offer_held"


def offer_in_hand(doc) -> bool:
    """The draft says the offer was received, signed or accepted: the
    presumptuous family has nothing to presume any more."""
    held = doc.user_data.get(_OFFER_HELD)
    if held is None:
        held = doc.user_data[_OFFER_HELD] = _offer_in_hand(doc)
    return held


_SETTLED = frozenset({"offer", "contract", "paperwork", "agreement"})
_UNSETTLED = frozenset({"once", "when", "after", "until", "before", "if", "unless", "whether", "as", "soon"})


def _settled(t) -> bool:
    """The sentence says, without a condition, that the offer is signed or
    the start confirmed: "Signed contract attached!", "Contract signed and
    returned", "All signed!", "Since my start date is confirmed", "Thanks
    for confirming my start", "Per the offer letter, ...". A "once"/"if"/
    "when" clause ("once the contract is signed") settles nothing."""
    if t.lemma_ not in ("sign", "countersign", "confirm", "offer", "accept", "receive") or negated(t):
        return False
    done = is_past(t) or t.tag_ == "VBG" and t.dep_ == "pcomp" and t.head.lower_ in ("after", "since")
    a = t
    while True:  # inside a "once ..."/"if ..." clause: a condition, nothing settled
        if any(_unsettling(c, a, done) for c in a.children):
            return False
        if a.head.i == a.i:
            break
        a = a.head
    if t.lemma_ in ("accept", "receive"):
        # "After receiving the offer, ...", "After accepting last week, ..."
        objs = [c for c in t.children if c.dep_ in ("dobj", "obj")]
        return done and t.tag_ == "VBG" and (not objs and t.lemma_ == "accept" or any(
            o.lemma_ in _SETTLED for o in objs))
    if t.lemma_ in ("sign", "countersign") and t.tag_ in ("VBN", "VBD", "JJ"):
        if any(w.lemma_ in _SETTLED for w in (t.head, *t.children)):
            return True
        if any(c.dep_ == "nsubjpass" and _lower(c) in ("everything", "all", "it", "papers") for c in t.children):
            return True  # "Now that everything's signed"
        if any(c.dep_ == "nsubj" and _lower(c) in ("i", "we") for c in t.children) and done \
                and not any(c.dep_ in ("dobj", "obj", "prt", "prep") and not _now_that(c) for c in t.children):
            return True  # "Now that I've signed, ...", "... after I signed"
        return (t.dep_ == "ROOT" or t.dep_ == "conj" and t.head.dep_ == "ROOT" and _lower(t.head).startswith("accept")) \
            and not any(c.dep_ in ("dobj", "obj", "prt", "prep") for c in t.children)
    if t.lemma_ == "confirm" and (t.tag_ in ("VBN", "VBD") or (
            t.tag_ == "VBG" and t.head.lower_ == "for" and t.head.head.lemma_ in ("thank", "thanks"))):
        said = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
        return any(w.lemma_ in ("start", "date", "day", "offer") for w in said)
    if t.lemma_ == "offer" and t.dep_ == "compound" and t.head.lemma_ == "letter":
        # "per the offer letter", "as stated in my offer letter": it is in hand
        letter = t.head
        return letter.dep_ == "pobj" and letter.head.lower_ in ("per", "in") \
            and any(c.lower_ in ("the", "my") for c in letter.children)
    return False


# What the offer says and the sender quotes: "as agreed in the offer letter" settles, "as soon as" does not.
_AS_SETTLED = frozenset({"agree", "state", "discuss", "confirm", "outline", "mention", "say", "write", "set"})


def _unsettling(c, clause, done: bool) -> bool:
    """``c`` (a child of ``clause``) makes it a condition: "once", "if",
    "until"...; "when"/"after"/"since" only for what has not happened yet;
    "as" unless the clause quotes what was agreed."""
    low = _lower(c)
    if c.dep_ not in ("mark", "advmod") or low not in _UNSETTLED:
        return False
    if low in ("when", "after") and done:
        return False
    return not (low == "as" and clause.lemma_ in _AS_SETTLED)


def _offer_made(t) -> bool:
    """The reader's offer is there: "I'm delighted to accept the offer you
    extended", "the offer letter you sent", "following the verbal offer",
    "now that the offer is official" (not "an offer", not wished or
    conditional)."""
    noun = t.head if t.dep_ == "compound" and t.head.lemma_ == "letter" else t
    if not any(c.lower_ in ("the", "your") for c in noun.children) or conditional(t.sent):
        return False
    head = noun.head
    if any(c.dep_ == "relcl" and any(d.dep_ == "nsubj" and d.lower_ == "you" for d in c.children)
           and c.lemma_ in ("send", "extend", "make", "give") for c in noun.children):
        return True  # "the offer you extended"
    later = any(c.dep_ == "aux" and _lower(c) in ("will", "'ll", "shall") for c in head.children) or any(
        c.dep_ == "advcl" and any(_unsettling(d, c, False) for d in c.children) for c in head.children)
    if head.lemma_ == "accept" and noun.dep_ == "dobj" and not negated(head) and not modal_hypothetical(head) \
            and not later and any(c.dep_ == "nsubj" and c.lower_ == "i" for c in _controller(head).children):
        return True  # "I'm delighted to accept the offer", "I'm pleased to accept the Design Lead offer"
    if noun.dep_ == "pobj" and head.lower_ in ("following", "after"):
        return True  # "Following the verbal offer from Mark"
    if noun.dep_ == "nsubj" and head.lemma_ in ("arrive", "come") and is_past(head) and not negated(head):
        return True  # "Your offer letter arrived on Monday", "after your offer came through in writing"
    return noun.dep_ == "nsubj" and head.lemma_ == "be" and any(
        c.dep_ == "acomp" and c.lower_ in ("official", "final", "confirmed", "signed") for c in head.children)


def _controller(verb):
    """The clause that controls an infinitive: "accept" in "I'm pleased to
    accept" is controlled by "'m", whose subject is the writer's."""
    t = verb
    for _ in range(3):
        if t.dep_ not in ("xcomp", "acomp") or t.head.i == t.i:
            break
        t = t.head
    return t


def _offer_in_hand(doc) -> bool:
    for t in doc:
        if _settled(t):
            return True
        if t.lemma_ in ("offer", "contract") and t.pos_ == "NOUN":
            if any(c.lower_ in ("another", "other", "their", "his", "her") for c in t.children):
                continue
            head = t.head
            if head.lemma_ in ("accept", "sign", "receive", "get", "countersign") and is_past(head) \
                    and not negated(head):
                return True
            if _offer_made(t):
                return True
            n = head if t.dep_ == "compound" and head.lemma_ == "letter" else t  # "Thank you for the offer letter"
            if n.dep_ == "pobj" and n.head.dep_ == "prep" and n.head.head.lemma_ in ("thank", "thanks"):
                return True
        if t.lemma_ == "accept" and t.pos_ == "VERB" and is_past(t) and not negated(t) \
                and any(c.lower_ == "i" and c.dep_ == "nsubj" for c in t.children) \
                and not any(c.dep_ == "dobj" and not _now_that(c) for c in t.children):
            return True
        if t.lemma_ in _SETTLED and t.dep_ in ("nsubj", "nsubjpass") and _done(t.head):
            return True
        if _accepting_now(t):
            return True
        if _per_terms(t):
            return True
        if _onboarding_received(t):
            return True
    return False


# What marks a noun as a new hire's material: "the welcome pack", "the onboarding packet", "the
# new-starter pack", "the first-day agenda", "the paperwork".
_NEW_HIRE_MARKS = ONBOARD_STRONG | {"welcome", "starter"}
_SENDING = frozenset({"send", "share", "forward", "email", "mail", "post"})


def _new_hire_material(n) -> bool:
    if n.pos_ not in ("NOUN", "PROPN"):
        return False
    if _lower(n) in ONBOARD_STRONG and _lower(n) not in ("deposit", "payday", "paycheck", "paycheque"):
        return True
    for c in n.children:
        if c.dep_ in ("compound", "amod") and _lower(c) in _NEW_HIRE_MARKS:
            return True
        if c.dep_ == "compound" and c.lemma_ == "day" and any(
                d.dep_ == "amod" and _lower(d) == "first" for d in c.children):
            return True  # "the first-day agenda"
    return False


def _onboarding_received(t) -> bool:
    """The reader has already sent the writer a new hire's material, and
    the writer says so: "Thanks for the welcome email!", "Thanks for sending
    the first-day agenda", "I've read the onboarding pack you sent". Only
    an employer that has hired someone sends these, so the offer is in
    hand (asking for them, "Could you send the welcome pack?", is not
    having them)."""
    if not _new_hire_material(t) or negated(t.head):
        return False
    head = t.head
    if t.dep_ == "pobj" and _lower(head) == "for" and (head.head.lemma_ in ("thank", "thanks")
                                                         or _lower(head.head) in ("thanks", "thank")):
        return True  # "Thanks for the welcome packet"
    if t.dep_ in ("dobj", "obj") and head.lemma_ in _SENDING:
        if head.tag_ == "VBG" and head.dep_ == "pcomp" and _lower(head.head) == "for" and (
                head.head.head.lemma_ in ("thank", "thanks") or _lower(head.head.head) in ("thanks", "thank")):
            return True  # "Thanks for sending the new-starter pack"
        if is_past(head) and any(c.dep_ == "nsubj" and _lower(c) == "you" for c in head.children):
            return True  # "You sent the onboarding packet on Friday"
    return any(c.dep_ == "relcl" and c.lemma_ in _SENDING and is_past(c) and any(
        d.dep_ == "nsubj" and _lower(d) == "you" for d in c.children) for c in t.children)


_GLAD = frozenset({"thrilled", "delighted", "happy", "pleased", "glad", "excited", "honoured", "honored"})


def _accepting_now(t) -> bool:
    """"Thrilled to accept!": the writer accepts, with nothing named and
    nothing added, so there is something to accept (not "I'd be thrilled
    to accept", not "I'm happy to accept, and I'll take the extra week", not
    "I'll accept once it arrives", not "accept the position", which may
    accept what was never offered)."""
    if t.lemma_ != "accept" or t.pos_ != "VERB" or t.dep_ != "xcomp" or t.tag_ != "VB" or negated(t):
        return False
    glad = t.head
    if _lower(glad) not in _GLAD or modal_hypothetical(t) or question(t.sent):
        return False
    if any(c.dep_ in ("dobj", "obj", "prep", "advcl", "conj") for c in t.children):
        return False
    if any(not x.is_punct for x in t.doc[t.i + 1:t.sent.end]):
        return False  # "I'm happy to accept, and I'll take the extra week...": terms assumed with it
    return not any(c.dep_ == "aux" and _lower(c) in ("will", "'ll", "shall") for c in glad.head.children)


def _now_that(tok) -> bool:
    """The "that" of "now that I've accepted", which the parser may take for
    the verb's object."""
    return _lower(tok) == "that" and tok.i > 0 and _lower(tok.doc[tok.i - 1]) == "now"


_DONE = frozenset({"done", "complete", "completed", "finalized", "finalised", "finished", "sorted", "official",
                   "final", "through"})


def _done(head) -> bool:
    """"the paperwork's done", "the contract is finalised", "now that the
    agreement is complete": the papers are settled, stated and not in a
    condition ("once the paperwork is done" settles nothing)."""
    word = head if _lower(head) in _DONE else next((c for c in head.children if c.dep_ == "acomp"
                                                    and _lower(c) in _DONE), None)
    if word is None or negated(head) or modal_hypothetical(head) or head.dep_ == "ROOT" and question(head.sent):
        return False
    if any(c.dep_ == "aux" and _lower(c) in ("will", "'ll", "shall") for c in head.children):
        return False
    a = head
    while True:
        if any(_unsettling(c, a, False) for c in a.children):
            return False
        if a.head.i == a.i:
            return True
        a = a.head


_SAYING = frozenset({"say", "state", "mention", "list", "show", "include", "specify", "confirm"})


def _per_terms(t) -> bool:
    """The sender reads from the papers they hold: "as agreed in the
    contract", "as stated in my contract", "The offer letter says the laptop
    ships to my home address" (the writer's or the, not "an"; "please note
    that in the contract" is a request, not a quotation)."""
    noun = t.head if t.lemma_ == "offer" and t.dep_ == "compound" and t.head.lemma_ == "letter" else t
    if noun is t and t.lemma_ not in ("contract", "agreement"):
        return False
    if not any(_lower(c) in ("the", "my", "your") for c in noun.children):
        return False
    head = noun.head
    if noun.dep_ == "nsubj" and head.lemma_ in _SAYING and not negated(head) and head.tag_ in ("VBZ", "VBD"):
        return True
    if noun.dep_ == "pobj" and _lower(head) in ("in", "per"):
        verb = head.head
        return _lower(head) == "per" or verb.lemma_ in _AS_SETTLED and any(
            c.dep_ == "mark" and _lower(c) == "as" for c in verb.children)
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
        if c.dep_ in ("advcl", "conj", "ccomp", "relcl", "parataxis", "punct", "cc", "mark") and c.head.i == tok.i:
            continue
        if c.i < sent.start or c.i >= sent.end:
            continue
        out.append(c.i)
        stack.extend(c.children)
    return out


def _first_person(sent) -> bool:
    return any(_lower(t) in FIRST_PERSON for t in sent)


def _job_object_only(verb) -> bool:
    """The verb's object, if any, is the job, the team or the reader."""
    for c in verb.children:
        if c.dep_ == "dobj" and c.lemma_ not in JOB_NOUNS and c.lower_ not in ("you", "it", "us") \
                and c.pos_ != "PROPN":  # "join Acme"
            return False
    return True


def _habitual(sent) -> bool:
    return any(_lower(t) in HABITUAL for t in sent)


_FREQUENT = frozenset({"always", "usually", "often", "generally", "typically", "normally", "routinely"})


def generic_present(sent) -> bool:
    """A habit told in the simple present with the writer as subject: "On
    any new unit, I make a habit of reviewing the grid before my first
    shift", "In every lead role I've held, I schedule one-on-ones in my
    first two weeks": the main verb in the simple present with no auxiliary
    and either an adverb of frequency on it ("always", "usually"), a
    quantified adjunct of it ("any", "every", "each" + noun), or "a habit"
    as its object ("whenever you are" elsewhere in the sentence is no habit)."""
    root = sent.root
    if root.tag_ not in ("VBP", "VBZ") or any(c.dep_ in ("aux", "auxpass") for c in root.children):
        return False
    if not any(c.dep_ == "nsubj" and _lower(c) in ("i", "we") for c in root.children):
        return False
    if any(c.dep_ == "advmod" and _lower(c) in _FREQUENT or c.dep_ == "dobj" and c.lemma_ == "habit"
           for c in root.children):
        return True
    if any(_lower(t) not in ("first", "1st") for t in time_tokens(sent)):
        return False  # "I start on Monday in every sense": a date set, told in the present
    return any(_lower(t) in ("any", "every", "each") and t.dep_ == "det" and t.head.dep_ == "pobj"
               and t.head.head.head.i == root.i for t in sent)


def _invited(sent) -> bool:
    """"as you suggested", "as agreed": the reader set the date."""
    words = [_lower(t) for t in sent]
    for k, w in enumerate(words[:-1]):
        if w == "as" and words[k + 1] in ("you", "agreed", "discussed", "planned", "arranged", "scheduled",
                                          "requested", "asked", "invited", "suggested", "mentioned"):
            return True
    return False
