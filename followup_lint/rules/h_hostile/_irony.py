"""Sarcasm by structure (H301's second layer): praise or thanks whose own
object is a wrong done to the writer.

"Congratulations on wasting three hours of my life", "What an honor to be
rejected by form letter", "Being rejected at 11pm on a Friday was a classy
touch", "Thanks so much for finally remembering I exist", or a one-word
verdict after a complaint ("You got my name wrong twice. Impressive.").
A sincere note thanks for one thing and is sad about another ("Thank you
for letting me know; I'm disappointed not to move forward"): the frame's
object is the reader's courtesy, and the sadness sits in a clause of its
own, so only the frame's own object is read.

Found from the parse:

- a *frame*: a word of thanks, congratulation or praise
  (:data:`FRAME_WORDS`);
- its *object*: what the thanks is for ("for ...", "on ..."), what is an
  honour ("to be ..."), or the subject of the praise ("Being rejected ...
  was a classy touch");
- the object reads as a wrong: VADER's compound of its words at most
  :data:`SOUR`, a word of neglect VADER does not know (:data:`NEGLECT`),
  or "finally" (thanks for something long overdue);
- or a sentence that is nothing but a verdict of praise
  (:data:`VERDICTS`) right after a sour sentence.
"""

from __future__ import annotations

from followup_lint.rules._judgement import once_per_doc, sentence_bounds
from followup_lint.rules.h_hostile._vader import _sentiment

FRAME_WORDS = frozenset({
    "thank", "thanks", "congratulation", "congratulations", "congrats", "honor", "honour", "privilege",
    "lovely", "classy", "impressive", "remarkable", "nice", "wonderful", "brilliant", "fantastic", "amazing",
    "achievement", "delight", "delightful", "pleasure", "valued", "appreciated", "special", "touching",
    "charming", "generous", "kind", "great",
})
# Words of neglect VADER has no score for ("ghosted", "forgot" scores 0).
NEGLECT = frozenset({"ghost", "ghosting", "ghosted", "forget", "forgot", "forgotten", "misspell", "misspelled",
                     "disappear", "vanish", "ignore", "ignoring", "ignored", "lose", "losing", "lost", "cancel",
                     "cancelled", "canceled", "wasting", "waste", "wasted"})
VERDICTS = frozenset({"impressive", "riveting", "original", "classy", "brilliant", "lovely", "charming", "stellar",
                      "fantastic", "wonderful", "amazing", "inspiring", "bravo", "smooth", "professional",
                      "outstanding", "superb", "magnificent", "impeccable"})
# The reader's courtesies: thanks for them is sincere even when the news is bad ("Thank you for letting
# me know about the delay", "Thanks for your candor about why the role wasn't a fit").
COURTESIES = frozenset({"let", "tell", "inform", "update", "updating", "feedback", "candor", "candour", "honesty",
                        "explain", "explanation", "share", "sharing", "note", "heads", "response", "reply", "news",
                        "transparency", "clarity", "time", "consideration", "opportunity", "insight", "advice",
                        "letting", "telling", "keeping", "reach", "reaching", "call", "message", "email", "answer",
                        "effort", "efforts", "help", "work", "support", "patience", "understanding", "attention",
                        "assistance"})
SOUR = -0.25
_INTENSIFIERS = frozenset({"really", "very", "truly", "just", "so", "how", "simply", "absolutely", "quite", "most",
                           "totally", "oh", "wow", "well"})


@once_per_doc("followup_lint.hostile.ironies")
def ironies(doc) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``doc`` that praise or thank
    for a wrong (one per sentence), worked out once per doc (H301 reports
    them, H102 leaves them alone)."""
    out = []
    sents = [s for s in doc.sents if any(t.is_alpha for t in s)]
    for i, sent in enumerate(sents):
        if _verdict(sent) and i > 0 and _sour(sents[i - 1]):
            out.append(sentence_bounds(sent))
            continue
        for frame in sent:
            if (frame.lemma_.lower() in FRAME_WORDS or frame.lower_ in FRAME_WORDS) and _frame_pos(frame):
                if any(_wrong(h) and not _courtesy(h) for h in _object(frame)):
                    out.append(sentence_bounds(sent))
                    break
    return out


_ADJECTIVAL = frozenset({"lovely", "classy", "impressive", "remarkable", "nice", "wonderful", "brilliant",
                         "fantastic", "amazing", "delightful", "valued", "appreciated", "special", "touching",
                         "charming", "generous", "kind", "great"})


def _frame_pos(frame) -> bool:
    """A praise word is a frame as an adjective ("a classy touch"), not as
    a noun ("what kind of idiot")."""
    return frame.pos_ == "ADJ" or frame.lower_ not in _ADJECTIVAL


def _verdict(sent) -> bool:
    """The sentence is a bare verdict of praise: "Impressive.", "Really
    classy.", "Riveting stuff."."""
    words = [t for t in sent if t.is_alpha]
    core = [t for t in words if t.lower_ not in _INTENSIFIERS]
    return 1 <= len(core) <= 2 and len(words) <= 4 and core[0].lower_ in VERDICTS


def _object(frame) -> list:
    """The heads of what the frame is about: what the thanks is for, what
    is an honour, what the praise is said of."""
    heads = []
    for c in frame.children:
        if c.dep_ == "prep" and c.lower_ in ("for", "on", "of"):
            heads += [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
        elif c.dep_ in ("xcomp", "acl") and frame.pos_ in ("NOUN", "ADJ"):
            heads.append(c)
    head = frame.head
    if not heads and frame.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "aux" and c.lower_ == "to"
                                                                  for c in head.children):
        heads.append(head)  # "What an honor to be rejected": the parser makes "honor" the subject
    if not heads and frame.dep_ in ("attr", "acomp", "dobj", "oprd") and head.lemma_ in ("be", "make", "feel"):
        # "Being rejected ... was a classy touch"; "Sending a rejection ... made me feel valued"
        verb = head if head.lemma_ != "feel" else head.head
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "csubj", "nsubjpass", "csubjpass")]
        if subj and subj[0].lower_ not in ("it", "this", "that", "i", "you", "we", "they", "he", "she"):
            heads.append(subj[0])
        for c in head.children:  # "It's remarkable how quickly you replied ..."; "What an honor to be rejected"
            if c.dep_ in ("ccomp", "xcomp") and frame.dep_ in ("acomp", "attr"):
                heads.append(c)
    return heads


def _courtesy(head) -> bool:
    """The frame is for one of the reader's courtesies or an act on the
    writer's behalf, and not an overdue one ("finally letting me know")."""
    if any(t.lower_ == "finally" for t in _core(head)):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "for" and any(g.lower_ in ("me", "my", "us", "our") for g in c.subtree)
           for c in head.children):
        return True  # done on the writer's behalf: "Thanks for fighting for my application"
    return head.lemma_.lower() in COURTESIES or head.lower_ in COURTESIES


def _core(tok) -> list:
    """``tok``'s subtree without adverbial and coordinated clauses."""
    out = [tok]
    for c in tok.children:
        if c.dep_ in ("advcl", "cc", "conj", "punct", "mark", "parataxis") and c.i > tok.i:
            continue
        out += _core(c)
    return out


def _wrong(head) -> bool:
    """The frame's object is itself a wrong: its head act or thing and the
    words that make it up ("wasting three hours", "the generic
    rejection", "losing my test results", "to be rejected"), not what it
    merely touches ("letting me know about the delay", "sticking with me
    through the mess"); or it is overdue ("finally")."""
    if any(t.lower_ == "finally" for t in _core(head)):
        return True
    act = [head] + [c for c in head.children if c.dep_ in ("dobj", "attr", "amod", "compound", "acomp", "advmod")]
    if head.dep_ == "xcomp" or head.tag_ == "VB":
        act += [g for c in head.children if c.dep_ in ("xcomp",) for g in [c]]
    if any(t.lower_ in NEGLECT or t.lemma_.lower() in NEGLECT for t in act):
        return True
    text = " ".join(t.text for t in sorted(act, key=lambda t: t.i))
    return _sentiment().polarity_scores(text)["compound"] <= SOUR


def _sour(sent) -> bool:
    words = [t for t in sent if t.is_alpha]
    return (_sentiment().polarity_scores(sent.text)["compound"] <= SOUR
            or any(t.lower_ in NEGLECT or t.lemma_.lower() in NEGLECT for t in words)
            or any(t.lower_ == "wrong" for t in words))
