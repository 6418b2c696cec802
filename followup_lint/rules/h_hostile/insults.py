"""H1xx, insults: profanity, and insulting words aimed at someone (H101)."""

from __future__ import annotations

from followup_lint.deferred import entities
from followup_lint.registry import rule
from followup_lint.rules._judgement import hits, phrase_findings


# Someone the insult can be aimed at: the reader, the company, the hire.
_TARGETS = frozenset({
    "you", "your", "yours", "u", "ur", "they", "them", "their", "he", "she", "his", "her",
    "whoever", "team", "company", "recruiter", "interviewer", "manager", "process",
    "people", "decision", "questions", "question", "interview", "firm", "hr",
    "panel", "staff", "employer", "organization", "organisation", "department", "leadership",
    "everyone", "hire", "candidate",
})


_SELF = frozenset({"i", "me", "my", "myself", "mine"})
# Subjects that stand for the matter in hand ("That was a joke").
_MATTER = frozenset({"this", "that", "it", "everything", "which"})


def _self_directed(span) -> bool:
    """"I felt stupid", "my idiotic typo": self-deprecation, not an insult.
    True when the sentence speaks of the writer and of nobody else."""
    others = [t for t in span.sent if t.i < span.start or t.i >= span.end]
    return any(t.lower_ in _SELF for t in others) and not any(t.lower_ in _TARGETS for t in others)


_SEEM = frozenset({"sound", "feel", "look", "seem", "ask"})


def _aimed(span) -> bool:
    """The sentence aims the insulting word at someone: it names a target
    (you, your team, the process...), the word is what the sentence is
    ("What a joke.", "Pathetic."), or it is said of "this", "that" or "it"
    ("That was a clown show", "This is ridiculous": the matter in hand).
    Not a noun that names a thing ("the trash cans", "a garbage can"), and
    not a sentence about something else ("Some of it is ridiculous")."""
    word = span.root
    pred = word.head if word.dep_ == "compound" and word.head.pos_ in ("NOUN", "PROPN") else word
    if pred is not word and pred.dep_ not in ("attr", "acomp", "ROOT", "appos"):
        return False  # "trash cans", "garbage can": the thing itself
    others = [t for t in span.sent if t.i < span.start or t.i >= span.end]
    if any(t.lower_ in _TARGETS or t.lemma_.lower() in _TARGETS for t in others):
        return True
    root = span.sent.root
    if pred == root:
        return True
    if pred.head != root:
        return False
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    return not subjects or (pred.dep_ in ("attr", "acomp") and all(c.lower_ in _MATTER for c in subjects))


_QUOTES = "\"'\u201c\u201d\u2018\u2019`"


def _mentioned(span) -> bool:
    """The word is quoted, not used: "the word ``Moron'' under Enron's logo",
    "it's the equivalent of saying "CRAP!"", "my favorites are "dickhead"":
    a quotation mark right before it and right after it (past its own "!"
    or "?")."""
    text = span.doc.text
    before = text[:span.start_char].rstrip(" ")[-1:]
    after = text[span.end_char:].lstrip("!?.,")[:1]
    return bool(before) and before in _QUOTES and bool(after) and after in _QUOTES


def _self_deprecating(span) -> bool:
    """"Sorry if this is a stupid question", "at the risk of sounding stupid"."""
    head = span.root.head
    if span.root.dep_ == "amod" and head.lemma_ == "question" and head.tag_ == "NN":
        return True
    if head.lemma_ in _SEEM and head.pos_ in ("VERB", "AUX"):
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return not subjects or all(c.lower_ in _SELF for c in subjects)
    return False


@rule("H101", "insult-or-profanity", "hostile", "error",
      data=["hostile_profanity.txt", "hostile_insults.txt"])
def insult_or_profanity(ctx):
    """An insult or a swear word.

    What it does:
        Flags profanity anywhere in the sender's words, and insulting words
        ("idiot", "clueless", "a joke", "incompetent") when the sentence aims
        them at someone: the reader, their team, their company, the person
        they hired, or the insult is the whole sentence ("What a joke.").
        A word that names a thing ("the trash cans"), a sentence about
        nobody ("some of it is ridiculous") and a word in quotation marks,
        mentioned rather than used ("signs with the word "Moron" on them"),
        are left alone.

    Why is this bad?
        The reader stops reading at the insult. Whatever else the note says,
        it is now the angry email that gets forwarded around the office, and
        the door closes for every future opening there.

    Example:
        Your hiring manager is clearly clueless.

    Use instead:
        Thank you for letting me know. I enjoyed meeting the team and would
        welcome the chance to be considered for future roles.
    """
    sugg = "Thank you for letting me know. I enjoyed meeting the team and hope our paths cross again."
    yield from phrase_findings(
        ctx, (m for m in hits(ctx, "hostile_profanity")
              if not _mentioned(m.span) and not any(e.label_ == "PERSON" and e.start < m.span.end
                                                    and m.span.start < e.end
                                                    for e in entities(ctx.doc))),  # "Dick, can you..." is a name
        "profanity \"{phrase}\": the reader will feel sworn at and stop reading; nothing after it will count",
        sugg)
    yield from phrase_findings(
        ctx, (m for m in hits(ctx, "hostile_insults") if _aimed(m.span) and not (
            _self_directed(m.span) or _self_deprecating(m.span) or _mentioned(m.span))),
        "insult \"{phrase}\": the reader will feel attacked, and the note will be remembered for this word alone",
        sugg)
