"""Threats by the structure of a sentence (H202's second layer).

A threat in a note to an employer is the writer's announced act of taking
the matter to someone with power over the reader, or to the public: "I'll
be letting my network know exactly how Brightline runs its interviews",
"I'm copying your VP of Engineering on this email", "My lawyer will be in
touch". Or it is the same audience's coming interest, implied: "I'm sure
your investors would love to know how long it takes you to fill a role",
"It would be a shame if other candidates learned how you handle
references".

Found from the parse, not from a phrase list:

- an *act*: a verb of telling, posting, reporting or escalating
  (:data:`ACT_VERBS`), with the writer (or the writer's lawyer, union,
  network) as its subject, in the future or intended ("will", "going to",
  "intend to", "plan to", "I'm copying"), not negated;
- an *audience*: a word for the public or a crowd (:data:`PUBLIC`), or for
  an authority over the reader (:data:`AUTHORITY`: their CEO, board,
  investors; a lawyer, a regulator, the press) among the act's objects;
- or the audience as the subject of a verb of coming to know
  (:data:`KNOW_VERBS`) under a modal ("would", "might") or "I'm sure";
- and a sentence that is not plainly warm (VADER compound under
  :data:`WARM`): "I'll tell everyone how welcoming the team was" is praise;
- or an ultimatum: a demand joined by "or" to the writer walking away
  ("Match my number or I walk").
"""

from __future__ import annotations

from followup_lint.rules._judgement import once_per_doc, sentence_bounds
from followup_lint.rules.h_hostile._vader import _sentiment

ACT_VERBS = frozenset({
    "tell", "share", "post", "mention", "report", "inform", "warn", "alert", "contact", "copy", "cc",
    "forward", "escalate", "publish", "write", "review", "expose", "raise", "complain", "file", "notify",
    "spread", "tweet", "blog", "name", "talk", "advise", "explain", "speak", "reach", "go", "take",
    "send", "let", "bring", "flag", "broadcast", "air", "sue", "invoice", "bill", "involve", "loop",
    "leave", "say", "comment",
})
# The acts that reach the public or a crowd ("tell everyone", "post it online"); "notify everyone
# when the call is set" is business as usual, so notifying and informing reach only an authority.
CROWD_VERBS = frozenset({"tell", "share", "post", "warn", "advise", "let", "spread", "mention", "talk", "say",
                         "write", "blog", "tweet", "publish", "broadcast", "leave", "put", "air", "expose"})
# Words that are the public only as adverbs ("post it online", "say so publicly"), not in a name
# ("the Online Team").
ADVERB_ONLY = frozenset({"online", "publicly"})
# Acts that are threats with the reader (or what is theirs) as the object, no audience needed:
# "I intend to report it", "I'll be invoicing you", "I will be reporting your recruiter".
CHARGE_VERBS = frozenset({"report", "sue", "invoice", "bill", "expose"})
# The writer's side: who may carry out the writer's act.
AGENTS = frozenset({"i", "we", "lawyer", "attorney", "solicitor", "union", "rep", "representative", "counsel"})
PUBLIC = frozenset({
    "everyone", "everybody", "people", "others", "public", "publicly", "online", "internet", "world",
    "community", "industry", "network", "friends", "contacts", "peers", "candidates", "applicants",
    "glassdoor", "linkedin", "reddit", "twitter", "facebook", "blind", "indeed", "press", "media",
    "reporter", "reporters", "journalist", "journalists", "news", "newspaper",
    "social", "forum", "meetup", "word", "company", "firm", "hires", "recruits", "clients", "customers",
    "bbb", "bureau",
})
AUTHORITY = frozenset({
    "lawyer", "lawyers", "attorney", "attorneys", "solicitor", "counsel", "union", "rep", "board",
    "directors", "investors", "shareholders", "ceo", "cfo", "cto", "coo", "founder", "founders",
    "president", "vp", "superiors", "superior", "regulator", "regulators", "inspectorate", "authorities",
    "tribunal", "court", "ombudsman", "eeoc", "commission", "legal", "head", "boss", "leadership",
    "executives", "management",
})
# An audience word that is an authority only when it is the reader's ("your boss"), not the writer's
# ("my boss", who is nobody's threat).
READERS_ONLY = frozenset({"head", "boss", "leadership", "executives", "management", "company", "firm"})
KNOW_VERBS = frozenset({"know", "learn", "hear", "find", "read", "see", "interest", "like", "love", "want",
                        "wonder", "care", "interested", "curious", "keen"})
# Words of the implied form that carry no warmth of their own ("would love to know").
_NOT_WARMTH = frozenset({"love", "like", "interest", "interested", "curious", "keen", "sure", "glad", "happy",
                         "understand", "trust", "want", "treat"})  # VADER's "treat" is the reward, not the verb
FUTURE_GOVERNORS = frozenset({"intend", "plan", "mean", "go", "make", "ensure", "decide", "prepare", "start",
                              "begin", "hesitate"})
WARM = 0.3
_MODALS = frozenset({"will", "'ll", "wo", "shall", "would", "'d", "might", "may", "could", "can"})


@once_per_doc("followup_lint.hostile.threats")
def threats(doc) -> list[tuple[int, int]]:
    """Character spans of the threats in ``doc`` (one per sentence at most),
    worked out once per doc (H202 reports them, H102 leaves them alone)."""
    out = []
    for sent in doc.sents:
        if not any(t.lower_ in PUBLIC or t.lower_ in AUTHORITY for t in sent):
            continue
        span = _act(sent) or _implied(sent)
        if span and _warmth(sent) < WARM:
            out.append(span)
    for sent in doc.sents:
        span = _charge(sent)
        if span and span not in out and _warmth(sent) < WARM:
            out.append(span)
        span = _ultimatum(sent)  # "or I'm accepting another offer" is no warmer for "accepting"
        if span and span not in out:
            out.append(span)
    return sorted(out)


def _warmth(sent) -> float:
    """VADER's compound score of the sentence without the words the implied
    form is made of ("would love to know" is not warm)."""
    text = " ".join(t.text for t in sent if t.lemma_.lower() not in _NOT_WARMTH and t.lower_ not in _NOT_WARMTH)
    return _sentiment().polarity_scores(text)["compound"]


def _charge(sent) -> tuple[int, int] | None:
    """"I intend to report it", "I'll be invoicing you for the assignment":
    a coming act against the reader that needs no audience."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in CHARGE_VERBS or _negated(verb):
            continue
        if any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in verb.children):
            continue  # "I'll report back"
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        if objs and _writers(verb) and _ahead(verb) and _readers(objs[0]):
            return sentence_bounds(sent)
    return None


# What the writer does if the demand is not met: walk away, withdraw, take the silence as a no.
_WALK = frozenset({"walk", "withdraw", "decline", "leave", "quit"})
_GONE = frozenset({"done", "off", "over", "gone", "out", "finished"})


def _ultimatum(sent) -> tuple[int, int] | None:
    """"Match my number or I walk", "Send the paperwork now or the deal is
    off", "Reschedule one more time and I will take it as your final
    answer", "Either it's in the contract or I walk": a demand (an
    imperative, or "either") joined by "or" (or "and", after "one more
    time"/"again") to the writer walking away."""
    root = sent.root
    # an imperative ("Reschedule one more time ...": the tagger may call a sentence's first verb a noun)
    first_verb = root.i == sent.start and root.tag_ in ("NN", "NNP") and root.text[:1].isupper()
    imperative = (root.tag_ == "VB" or first_verb) and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "det", "poss") for c in root.children)
    either = any(t.dep_ == "preconj" and t.lower_ == "either" for t in sent)
    if not (imperative or either):
        return None
    # the walking-away clause, coordinated with the demand (the parser may hang it on the demand's
    # last word: "by Friday or I walk")
    for conj in (t for t in sent if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and t.i > root.i):
        cc = [c.lower_ for c in conj.head.children if c.dep_ == "cc" and c.i < conj.i]
        again = any(t.lower_ in ("again", "more") for t in root.subtree if t.i < conj.i)
        if "or" in cc or ("and" in cc and again):
            if _walks(conj):
                return sentence_bounds(sent)
    return None


def _walks(verb) -> bool:
    """The clause is the writer walking away: "I walk", "I'm done", "the
    deal is off", "I'm accepting another offer", "I will take it as your
    final answer", "I'll go elsewhere"."""
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj or subj[0].lower_ not in ("i", "we", "deal", "offer", "this", "that", "it", "conversation"):
        return False
    lemma, kids = verb.lemma_.lower(), list(verb.children)
    if lemma in _WALK or verb.lower_ in _GONE:  # "or I'm done"
        return True
    if lemma == "be" and any(c.lower_ in _GONE for c in kids if c.dep_ in ("acomp", "advmod", "prep", "attr")):
        return True
    if lemma == "accept" and any(t.lower_ in ("another", "other", "elsewhere", "different") for t in verb.subtree):
        return True
    if lemma in ("go", "look", "move") and any(c.lower_ in ("elsewhere", "on") for c in kids):
        return True
    return lemma == "take" and any(t.lower_ == "answer" for t in verb.subtree)


def _readers(tok) -> bool:
    """The reader, their people or their doings: "you", "your recruiter", "it", "this"."""
    return (tok.lower_ in ("you", "it", "this", "that", "them", "him", "her")
            or _owner(tok) in ("your", "his", "her", "their"))


def _act(sent) -> tuple[int, int] | None:
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in ACT_VERBS:
            continue
        if _negated(verb) or not _writers(verb) or not _ahead(verb):
            continue
        if verb.lemma_.lower() == "report" and not any(c.dep_ == "dobj" for c in verb.children):
            continue  # "I will report to the VP": a reporting line
        crowd_ok = verb.lemma_.lower() in CROWD_VERBS
        kinds = {_audience(t, crowd_ok) for t in _objects(verb)} - {None}
        if "over" in kinds or (kinds and _grievance(sent, verb)):
            return sentence_bounds(sent)
    return None


_MATTER = frozenset({"this", "it", "that", "everything", "what", "how", "why", "experience", "story", "process",
                     "thread", "email", "emails", "correspondence", "conversation", "details", "account",
                     "write-up", "test", "treatment", "way", "exchange", "decision", "behaviour", "behavior",
                     "them", "screenshots", "records"})


def _grievance(sent, verb) -> bool:
    """What the act takes further is the matter at hand, not a neutral
    thing: the act's object is this matter ("this", "my experience", "how
    you ...", "why"), or the sentence is plainly sour. "I'll share my portfolio
    on LinkedIn" is news, not a threat."""
    if any(t.lower_ in _MATTER for c in verb.children if c.dep_ in ("dobj", "ccomp", "xcomp", "prep", "advmod")
           for t in c.subtree):
        return True
    return _warmth(sent) <= -0.1


def _implied(sent) -> tuple[int, int] | None:
    for verb in sent:
        if (verb.lemma_.lower() not in KNOW_VERBS and verb.lower_ not in KNOW_VERBS) or _negated(verb):
            continue
        if verb.dep_ == "acomp":  # "my lawyer will be interested to hear"
            verb = verb.head
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj and _audience(subj[0]) and (_modal(verb) or _assured(verb)) and _about_reader(verb, subj[0]):
            return sentence_bounds(sent)
    return None


def _about_reader(verb, subj) -> bool:
    """What the audience would learn is the reader's doing ("how long it
    takes you", "your unpaid trial shifts") or this matter ("hear about
    it"), anywhere in the sentence outside the audience's own words:
    "your CEO would love to hear how the pilot went" is news."""
    audience = {t.i for t in subj.subtree}
    return any(t.lower_ in ("you", "your", "yours", "this", "it") for t in verb.sent if t.i not in audience)


def _audience(tok, crowd: bool = True) -> str | None:
    """What ``tok`` (or a word of its phrase) names: ``"over"``, the
    reader's own superiors ("your CEO", "his superiors"); ``"outside"``,
    an outside authority ("the labour board", "an employment lawyer");
    ``"mine"``, the writer's own ("my lawyer", "my union rep");
    ``"crowd"`` (only when ``crowd``), the public: a crowd, a public site,
    a review; None for anyone else. Going over the reader's head is a
    threat as it stands; the others are when the matter is a grievance
    ("We will be filing with the bankruptcy court" is business)."""
    for t in _phrase(tok):
        w = t.lower_
        if t.pos_ not in ("NOUN", "PROPN", "PRON", "ADV", "ADJ") or (w == "board" and t.head.lower_ == "on"):
            continue
        if w in ADVERB_ONLY and t.pos_ != "ADV":
            continue
        owner = _owner(t)
        if w in AUTHORITY and (w not in READERS_ONLY or owner == "your"):
            if owner in ("your", "his", "her", "their"):
                return "over"
            if owner not in ("my", "our"):
                return "outside"
            if w in ("lawyer", "attorney", "solicitor", "union", "rep", "counsel"):
                return "mine"
            continue
        if not crowd:
            continue
        if w in ("review", "reviews") and t.head.lemma_.lower() in ("leave", "write", "post", "publish", "in"):
            return "crowd"  # "leave a review", "in my review"
        if w in PUBLIC and (owner not in ("my", "our") or w in ("network", "friends", "contacts", "peers",
                                                                 "followers")):
            return "crowd"
    return None


def _phrase(tok):
    """``tok``, the words that make it up ("board of directors", "head of
    HR", "design community", "your VP and your CEO"), not its possessor or
    relative clauses ("your CEO's assistant" is an assistant)."""
    yield tok
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "conj", "appos"):
            yield from _phrase(c)
        elif c.dep_ == "prep":
            yield from (g for g in c.children if g.dep_ == "pobj")


def _owner(tok) -> str | None:
    poss = [c.lower_ for c in tok.children if c.dep_ == "poss"]
    if poss:
        return poss[0]
    head = tok.head
    if tok.dep_ in ("compound", "amod") and head is not tok:
        return _owner(head)
    return None


def _objects(verb):
    """The act's objects and the phrases it reaches its audience through
    ("tell everyone", "post it online", "copy your VP on this", "take
    this to the press", "let my network know")."""
    for c in verb.children:
        if c.dep_ in ("dobj", "dative", "attr", "advmod", "npadvmod", "oprd", "ccomp", "xcomp"):
            yield c
        elif c.dep_ in ("prep", "agent") and (verb.lemma_.lower() != "go" or c.lower_ == "to"):
            yield from (g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ == "prt":
            yield from (g for g in c.children if g.dep_ == "pobj")
    if verb.lemma_.lower() == "let":
        for c in verb.children:
            if c.dep_ in ("ccomp", "xcomp"):
                yield from (g for g in c.children if g.dep_ == "nsubj")


def _writers(verb) -> bool:
    """The act's subject is the writer's side (inherited from a governing
    verb for "I intend to report ..."), or the act is the reader's to do,
    an imperative to take it higher ("Please forward this to your CEO")."""
    if verb.tag_ == "VB" and verb.dep_ == "ROOT" and verb.lemma_.lower() in ("forward", "send", "copy", "cc", "show") \
            and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in verb.children):
        return True
    v = verb
    for _ in range(3):
        subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return any(t.lower_ in AGENTS for t in subj[0].subtree)
        if v.dep_ in ("xcomp", "conj") and v.head is not v:
            v = v.head
        else:
            return False
    return False


def _ahead(verb) -> bool:
    """The act is still to come: a future or modal auxiliary, "going to",
    a governing "intend"/"plan"/"make sure", or a present progressive
    ("I'm copying your VP")."""
    v = verb
    for _ in range(3):
        auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in ("will", "'ll", "shall", "wo") for a in auxes):
            return True
        if v.tag_ == "VBG" and any(a.lemma_ == "be" for a in auxes) and v is verb:
            return True
        if v.dep_ == "xcomp" and v.head.lemma_.lower() in FUTURE_GOVERNORS:
            return True
        if v.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "before" for c in v.children):
            return True  # "I'll give you until Friday before I post about this"
        if v is verb and v.tag_ == "VB" and v.dep_ == "ROOT" and not any(c.dep_ == "nsubj" for c in v.children):
            return True  # the imperative of _writers
        if v.dep_ in ("xcomp", "conj", "ccomp") and v.head is not v:
            v = v.head
        else:
            return False
    return False


def _modal(verb) -> bool:
    v = verb
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in v.children):
            return True
        if v.dep_ in ("xcomp", "acomp") and v.head is not v:
            v = v.head
        else:
            return False
    return False


def _assured(verb) -> bool:
    """Under "I'm sure", "I bet", "it would be a shame if"."""
    head = verb.head
    while head is not head.head and verb.dep_ in ("ccomp", "advcl", "xcomp"):
        if head.lemma_.lower() in ("sure", "bet", "shame", "imagine", "suspect", "certain"):
            return True
        if any(c.lemma_.lower() in ("sure", "shame", "certain") for c in head.children
               if c.dep_ in ("acomp", "attr", "oprd", "ccomp", "advmod")):
            return True
        verb, head = head, head.head
    return False


def _negated(tok) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)
