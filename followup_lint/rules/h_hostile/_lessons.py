"""Condescension by structure (H303): lessons the reader did not ask for.

A candidate who talks down to the interviewer gives them a lesson on their
own job: "You might want to look up what 'competitive salary' means",
"I'd suggest your interviewers work on basic listening skills", "Please
learn to use a scheduling tool; it isn't difficult", "Let me spell it out
slowly", "Please forward this to someone who actually understands
engineering".

Found from the parse:

- *advice on the reader's competence*: a verb of learning or improving
  (:data:`LEARN_VERBS`) whose doer is the reader ("you", "your team") under
  "might want to", "should", "could", "I'd suggest", "perhaps", or in the
  imperative ("Please learn to ...", "Next time, try ...");
- *minimising*: "it isn't (that) difficult", "it's not rocket science",
  next to words aimed at the reader;
- *talking slowly*: explaining or spelling out "slowly", "simply", "in
  simple terms";
- *someone better*: asking to be handed to "someone who (actually)
  understands" or "someone more senior / capable / qualified".
"""

from __future__ import annotations

from followup_lint.rules._judgement import once_per_doc, sentence_bounds

LEARN_VERBS = frozenset({"learn", "brush", "study", "practice", "practise", "train", "improve", "work", "revisit",
                         "rethink", "double-check", "understand", "figure", "catch", "mature", "grow", "look",
                         "read", "relearn", "educate", "familiarize", "familiarise", "consider"})
# What a lesson is about when the verb is a general one ("work on", "look up", "consider", "try").
LESSON_OBJECTS = frozenset({"skills", "skill", "manners", "basics", "listening", "etiquette", "professionalism",
                            "punctuality", "standards", "law", "difference", "communication", "courtesy",
                            "respect", "homework"})
_NEEDS_OBJECT = frozenset({"work", "look", "read", "consider", "revisit", "rethink", "improve", "catch", "train"})
_EASY = frozenset({"difficult", "hard", "complicated", "complex", "tricky"})
_SLOW = frozenset({"slowly", "simply", "simple", "slow"})
_BETTER = frozenset({"capable", "competent", "qualified", "senior", "experienced", "understands", "understand",
                     "actually", "professional"})
_READER = frozenset({"you", "your", "yours", "yourself", "yourselves"})
_SUGGEST = frozenset({"suggest", "recommend", "advise", "urge"})
@once_per_doc("followup_lint.hostile.lessons")
def lessons(doc) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``doc`` that talk down to the
    reader (one per sentence), worked out once per doc."""
    out = []
    sents = [s for s in doc.sents if any(t.is_alpha for t in s)]
    for i, sent in enumerate(sents):
        letters = [c for c in sent.text if c.isalpha()]
        if len(letters) > 12 and sum(c.isupper() for c in letters) > 0.7 * len(letters):
            continue  # a sentence in capitals is H401's (shouting), and mostly an advertisement
        near = sents[max(0, i - 1):i + 1]
        if any(_advice(t) for t in sent) or _slow(sent) or _someone_better(sent) or _how_hard(sent) or (
                _minimising(sent) and any(_aims_at_reader(s) for s in near)):
            out.append(sentence_bounds(sent))
    return out


def _advice(verb) -> bool:
    """A verb of learning or improving, the reader's to do, as advice."""
    lemma = verb.lemma_.lower()
    suggested = verb.dep_ == "dobj" and verb.head.lemma_.lower() in _SUGGEST  # "I'd suggest your panel work on"
    if (verb.pos_ != "VERB" and not suggested) or lemma not in LEARN_VERBS or _negated(verb):
        return False
    if _information(verb):
        return False
    phrasal = lemma in ("look", "brush", "read", "catch") and any(c.dep_ == "prt" and c.lower_ == "up"
                                                                  for c in verb.children)  # "look up", "brush up"
    if lemma in _NEEDS_OBJECT and not phrasal and not any(
            t.pos_ == "NOUN" and (t.lower_ in LESSON_OBJECTS or t.lemma_.lower() in LESSON_OBJECTS)
            for t in verb.subtree):
        return False
    if suggested:
        return any(c.dep_ in ("poss", "compound") and c.lower_ in _READER for c in verb.children)
    doer = _doer(verb)
    if doer == "reader":
        return _advised(verb)
    # "Totally understand the decision" is the writer's, with "I" left out; an imperative to read up
    # is a lesson only as the sentence's own verb ("Learn the basics"), not a purpose ("call them to
    # learn the procedures")
    return (doer == "imperative" and lemma != "understand" and verb.dep_ in ("ROOT", "conj")
            and not verb.text.isupper()  # "LEARN HOW TO ...": an advertisement, or H401's shouting
            and (_aimed(verb.sent) or any(t.lower_ in _MARKERS for t in verb.sent)))


def _information(verb) -> bool:
    """"Learn more at our webinar", "Please familiarize yourself with our
    safety tips", "Read our guide": an invitation to the writer's own
    material, which informs the reader rather than teaching them a lesson."""
    for c in verb.children:
        if c.lower_ == "more" and c.dep_ in ("dobj", "advmod", "npadvmod"):
            return True
        objs = [c] if c.dep_ == "dobj" else [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" else []
        if any(g.dep_ == "poss" and g.lower_ in ("our", "my") for o in objs for g in o.children):
            return True
    return False


def _doer(verb) -> str | None:
    """Whose act ``verb`` is: "reader" (you, your team), "imperative", or
    None (the writer, anyone else). Inherited through "want to", "try
    to", "suggest (that)"."""
    v = verb
    for _ in range(4):
        subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            words = {t.lower_ for t in subj[0].subtree}
            if subj[0].lower_ in ("i", "we"):
                return None
            return "reader" if words & _READER or subj[0].lower_ in ("interviewer", "interviewers", "panel", "team",
                                                                   "recruiter", "recruiters") else None
        if v.dep_ == "ROOT" and v.tag_ == "VB":
            return "imperative"
        if v.dep_ in ("xcomp", "ccomp", "conj", "advcl") and v.head.i != v.i:
            v = v.head
        else:
            return None
    return None


def _advised(verb) -> bool:
    """Under "might/may want to", "should", "could", "need to", "I'd
    suggest/recommend/advise", "perhaps/maybe"."""
    v = verb
    for _ in range(4):
        kids = list(v.children)
        if any(c.dep_ == "aux" and c.lower_ in ("should", "could", "might", "may", "must", "ought") for c in kids):
            return True
        if any(c.lower_ in ("perhaps", "maybe") for c in kids):
            return True
        if v.lemma_.lower() in ("want", "need") and any(c.dep_ == "aux" and c.lower_ in ("might", "may", "'ll", "will")
                                                        for c in kids):
            return True
        if v.lemma_.lower() in ("suggest", "recommend", "advise", "urge") and v.i != verb.i:
            return True
        if v.head.i == v.i:
            return False
        v = v.head
    return False


# Words that make an imperative a lesson to the reader rather than an advertisement ("Learn how to
# save!"): "please", "next time", "maybe".
_MARKERS = frozenset({"please", "next", "future", "maybe", "perhaps", "try", "kindly", "just"})


def _aimed(sent) -> bool:
    return any(t.lower_ in _READER for t in sent)


def _minimising(sent) -> bool:
    """"It isn't (that) difficult", "it's not rocket science": a dummy
    subject, a negated copula and a word of difficulty."""
    for tok in sent:
        if tok.lemma_.lower() in _EASY or (tok.lower_ == "science" and any(c.lower_ == "rocket" for c in tok.children)):
            cop = tok.head
            # "It shouldn't be that hard to find": a forecast that reassures, not a lesson
            if any(c.dep_ == "aux" and c.lower_ in _FORECAST for c in cop.children):
                continue
            if cop.lemma_ == "be" and _negated(cop) and any(
                    c.dep_ == "nsubj" and c.lower_ in ("it", "this", "that") for c in cop.children):
                return True
    return False


_FORECAST = frozenset({"should", "would", "will", "'ll", "shall", "might", "may", "wo"})


# What the reader was asked to do, in "how hard is it to ...?"
_ASKED = frozenset({"send", "reply", "respond", "answer", "call", "email", "write", "schedule", "book", "decide",
                    "give", "confirm", "update", "tell", "let", "return", "read", "pick", "ask", "get", "make"})


def _how_hard(sent) -> bool:
    """"Is it really that hard?", "How hard is it to send a one-line
    email?", "Is it too much to ask for a simple update?": a question that
    the reader's task is easy, with the intensifier that makes it
    rhetorical; a real question ("How hard is it to transfer teams
    later?") asks about something else."""
    if not sent.text.rstrip().endswith("?"):
        return False
    root = sent.root
    if root.lemma_ != "be" or not any(c.dep_ == "nsubj" and c.lower_ in ("it", "that", "this") for c in root.children):
        return False
    for c in root.children:
        if c.dep_ != "acomp" or c.lower_ not in _EASY | {"much"}:
            continue
        if not any(a.lower_ in ("that", "so", "how", "too", "really") for a in list(c.children) + list(root.children)
                   if a.dep_ == "advmod"):
            continue
        task = [x for x in root.children if x.dep_ == "xcomp"]
        return not task or task[0].lemma_.lower() in _ASKED
    return False


def _aims_at_reader(sent) -> bool:
    return any(t.lower_ in _READER for t in sent) or any(
        t.dep_ == "ROOT" and t.tag_ == "VB" and not any(c.dep_ == "nsubj" for c in t.children) for t in sent)


def _slow(sent) -> bool:
    """Explaining or spelling out slowly or simply: "Let me spell it out
    slowly", "I'll explain it more simply"."""
    for tok in sent:
        if tok.lemma_.lower() in ("explain", "spell", "repeat", "say", "put") and any(
                t.lower_ in _SLOW and t.i - tok.i <= 6 and _modifies(t, tok) for t in tok.subtree if t.i > tok.i):
            return True
    return False


def _modifies(word, verb) -> bool:
    """``word`` describes how ``verb`` is done: an adverb of it or in a
    phrase on it ("spell it out slowly", "explain it in simple terms"), not
    a word deep in a later clause ("Say what you will ..., it left them
    looking slow")."""
    t = word
    for _ in range(3):
        if t.dep_ not in ("advmod", "amod", "pobj", "prep", "acomp", "dobj"):
            return False
        t = t.head
        if t.i == verb.i:
            return True
    return False


def _someone_better(sent) -> bool:
    """"Forward this to someone who actually understands engineering",
    "Please have someone more senior handle my application"; not a
    question ("Maybe someone more senior would like to join the call?")."""
    if sent.text.rstrip().endswith("?"):
        return False
    for tok in sent:
        if tok.lower_ not in ("someone", "somebody", "anyone", "people", "person"):
            continue
        words = {t.lower_ for t in tok.subtree if t.i != tok.i}
        if words & _BETTER == {"actually"} and all(
                t.head.lemma_.lower() in ("do", "be", "live", "have") for t in tok.subtree if t.lower_ == "actually"):
            continue  # "check with the people who actually do": the ones concerned, not better ones
        if words & _BETTER and any(t.lower_ in ("more", "actually", "who") for t in tok.subtree):
            return True
    return False


def _negated(tok) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)
