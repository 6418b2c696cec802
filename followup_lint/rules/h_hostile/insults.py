"""H1xx, insults: profanity and insulting words aimed at someone (H101).
Swearing aimed at nobody is W207's (rules/_swearing.py decides which)."""

from __future__ import annotations

from followup_lint.registry import rule
from followup_lint.rules._judgement import hits, phrase_findings
from followup_lint.rules._swearing import MATTER, SELF, TARGETS, mentioned, self_directed, swearing


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
    if any(t.lower_ in TARGETS or t.lemma_.lower() in TARGETS for t in others):
        return True
    root = span.sent.root
    if pred == root:
        return True
    if pred.head != root:
        return False
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    return not subjects or (pred.dep_ in ("attr", "acomp") and all(c.lower_ in MATTER for c in subjects))


def _self_deprecating(span) -> bool:
    """"Sorry if this is a stupid question", "at the risk of sounding stupid"."""
    head = span.root.head
    if span.root.dep_ == "amod" and head.lemma_ == "question" and head.tag_ == "NN":
        return True
    if head.lemma_ in _SEEM and head.pos_ in ("VERB", "AUX"):
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return not subjects or all(c.lower_ in SELF for c in subjects)
    return False


@rule("H101", "insult-or-profanity", "hostile", "error",
      data=["hostile_profanity.txt", "hostile_profanity_at_someone.txt", "hostile_insults.txt"])
def insult_or_profanity(ctx):
    """An insult, or a swear word aimed at someone.

    What it does:
        Flags swearing aimed at someone, read from the parse: a word that
        calls a person something ("your recruiter is an asshole"), a swear
        word said of the reader, their team, their company, the process or
        the rejection ("your hiring process sucks", "this rejection is
        bullshit", "screw you"), of the matter in hand ("this is fucking
        ridiculous"), in an order or a question put to the reader ("just
        answer my damn email", "what the hell is taking so long?"), or as
        the whole sentence ("Bullshit."). Swearing aimed at nobody ("shitty
        movies", "I worked my ass off") is W207's. Flags insulting words
        ("idiot", "clueless", "a joke", "incompetent") when the sentence
        aims them at someone: the reader, their team, their company, the
        person they hired, or the insult is the whole sentence ("What a
        joke."). A word that names a thing ("the trash cans"), a sentence
        about nobody ("some of it is ridiculous") and a word in quotation
        marks, mentioned rather than used ("signs with the word "Moron" on
        them"), are left alone.

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
        ctx, (m for m, aimed in swearing(ctx) if aimed),
        "profanity \"{phrase}\": the reader will feel sworn at and stop reading; nothing after it will count",
        sugg)
    yield from phrase_findings(
        ctx, (m for m in hits(ctx, "hostile_insults") if _aimed(m.span) and not (
            self_directed(m.span) or _self_deprecating(m.span) or mentioned(m.span))),
        "insult \"{phrase}\": the reader will feel attacked, and the note will be remembered for this word alone",
        sugg)
