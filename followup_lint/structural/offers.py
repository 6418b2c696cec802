"""Offers of help (D303 leaves them alone): the writer invites the reader
to turn to them for the reader's own need, by the parse."""

from __future__ import annotations

from followup_lint.structural.clause import _lower
from followup_lint.structural.wordclasses import NEED_VERBS, PLEAD_VERBS

# Verbs of getting in touch: the reader's side of an offer ("call me", "ask
# me", "let me know").
CONTACT_VERBS = frozenset({"ask", "call", "phone", "ring", "email", "e-mail", "contact", "reach", "write",
                           "text", "know", "tell"})
# What the reader may need: their questions, or the writer's help.
READER_NEEDS = frozenset({"question", "concern", "comment", "problem", "issue", "query"})
HELP_WORDS = frozenset({"help", "assist", "assistance", "support"})


# Verbs that lead to the contact: "let me know", "feel free to call", "don't hesitate to ask".
_LEADS = frozenset({"let", "feel", "hesitate"})


def _contact_verb(root):
    """The verb of getting in touch that heads the sentence: the root itself
    ("Please phone me"), the "know" of "let me know", or what "feel free"
    and "don't hesitate" lead to ("feel free to contact me")."""
    if root.lemma_ in CONTACT_VERBS:
        return root
    if root.lemma_ not in _LEADS:
        return None  # "Please call me..., this job means everything to me": the plea heads it
    for c in root.children:
        if c.dep_ in ("ccomp", "xcomp") and c.lemma_ in CONTACT_VERBS:
            return c
        if c.dep_ == "acomp":
            for d in c.children:
                if d.dep_ == "xcomp" and d.lemma_ in CONTACT_VERBS:
                    return d
    return None


def _to_writer(verb) -> bool:
    """The writer is whom the reader gets in touch with ("call me", "ask
    us", "let me know", "reach out to me")."""
    for c in list(verb.children) + [p for x in verb.children if x.dep_ == "prep" for p in x.children]:
        if c.dep_ in ("dobj", "dative", "pobj", "nsubj") and _lower(c) in ("me", "us"):
            return True
    return verb.lemma_ == "know" and verb.head.lemma_ == "let"


def _occasion(verb) -> bool:
    """The reader's need is what the contact is for: "with any questions",
    "if you have any questions", "if I can help", "if I can be of any
    help"."""
    for c in verb.children:
        if c.dep_ == "prep" and _lower(c) == "with" and any(
                p.dep_ == "pobj" and p.lemma_ in READER_NEEDS for p in c.children):
            return True
        if any(m.dep_ == "mark" and _lower(m) == "if" for m in c.children):
            subj = {_lower(d) for d in c.children if d.dep_ in ("nsubj", "expl")}
            words = list(c.subtree)
            if subj & {"you", "there"} and any(x.lemma_ in READER_NEEDS for x in words):
                return True
            if subj & {"i", "we"} and any(x.lemma_ in HELP_WORDS for x in words):
                return True
    return False


def _more_after(root, verb) -> bool:
    """A clause follows the offer ("..., this job means everything to
    me"): the sentence says more than the offer."""
    for node in {root, verb}:
        for c in node.children:
            if c.dep_ in ("conj", "parataxis", "ccomp", "advcl") and c.i > verb.i and c is not verb and not any(
                    m.dep_ == "mark" and _lower(m) == "if" for m in c.children):
                return True
    return False


def offer_of_help(sent) -> bool:
    """The sentence is an offer and nothing more: its head is a verb of
    getting in touch with the writer, for the reader's questions or the
    writer's help ("Please phone me with any questions", "Please, please
    ask me if you have any questions", "Let me know if I can help"), and no
    clause follows it. A plea to call back ("Please, please call me back")
    has no such occasion and is not one."""
    root = sent.root
    verb = _contact_verb(root)
    if verb is None or not _to_writer(verb) or _more_after(root, verb):
        return False
    if any(x.lemma_ in NEED_VERBS | PLEAD_VERBS for x in sent):
        return False
    return _occasion(verb) or _occasion(root)


def offer_spans(doc) -> list[tuple[int, int]]:
    """Character spans of the doc's sentences that are offers of help."""
    return [(s.start_char, s.end_char) for s in doc.sents if offer_of_help(s)]
