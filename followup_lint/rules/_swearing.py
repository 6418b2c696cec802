"""Who a swear word or an insult is aimed at, read from the parse (H101, W207).

H101 (hostile) takes the swearing aimed at someone: the reader, their team,
their company, the process, the rejection, a person the writer calls names;
W207 (writing) takes the rest, swearing aimed at nobody (the weather, the
writer's own work, an idiom): a register problem, not hostility. Both read
H101's lists, so each swear word gets exactly one of the two findings.
"""

from __future__ import annotations

from followup_lint.deferred import entities
from followup_lint.rules._judgement import hits

# Someone a word can be aimed at: the reader, the company, the hire, a person.
TARGETS = frozenset({
    "you", "your", "yours", "u", "ur", "yourself", "yourselves", "they", "them", "their",
    "themselves", "he", "him", "himself", "she", "his", "her", "herself",
    "whoever", "team", "company", "recruiter", "interviewer", "manager", "process",
    "people", "decision", "questions", "question", "interview", "firm", "hr",
    "panel", "staff", "employer", "organization", "organisation", "department", "leadership",
    "everyone", "hire", "candidate", "rejection", "feedback",
})
SELF = frozenset({"i", "me", "my", "myself", "mine"})
# Subjects that stand for the matter in hand ("That was a joke").
MATTER = frozenset({"this", "that", "it", "everything", "which"})

_QUOTES = "\"'\u201c\u201d\u2018\u2019`"


def is_target(tok) -> bool:
    return tok.lower_ in TARGETS or tok.lemma_.lower() in TARGETS


def self_directed(span) -> bool:
    """"I felt stupid", "my idiotic typo": the sentence speaks of the writer
    and of nobody else."""
    others = [t for t in span.sent if t.i < span.start or t.i >= span.end]
    return any(t.lower_ in SELF for t in others) and not any(t.lower_ in TARGETS for t in others)


def mentioned(span) -> bool:
    """The word is quoted, not used: "the word ``Moron'' under Enron's logo",
    "it's the equivalent of saying "CRAP!"", "my favorites are "dickhead"":
    a quotation mark right before it and right after it (past its own "!"
    or "?")."""
    text = span.doc.text
    before = text[:span.start_char].rstrip(" ")[-1:]
    after = text[span.end_char:].lstrip("!?.,")[:1]
    return bool(before) and before in _QUOTES and bool(after) and after in _QUOTES


def said_of_self(span) -> bool:
    """"I'm such a dumbass": a name the writer calls themselves (the word is
    what the clause says of a subject that is the writer)."""
    word = span.root
    if word.dep_ not in _PREDICATE and word.dep_ != "appos":
        return False
    subjects = [c for c in word.head.children if c.dep_ in _SUBJECTS]
    return bool(subjects) and all(c.lower_ in SELF for c in subjects)


def _targets_in(tokens, skip=()) -> bool:
    return any(is_target(t) for t in tokens if t not in skip)


# How a word hangs inside its phrase ("a pain in the arse", "fucking ridiculous").
_INSIDE = frozenset({"amod", "advmod", "compound", "nmod", "npadvmod", "pobj", "prep", "det", "quantmod"})
_DESCRIBES = frozenset({"amod", "compound", "nmod", "nummod"})
_PREDICATE = frozenset({"attr", "acomp", "oprd"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
_WH = frozenset({"WP", "WRB", "WDT"})
_THIS = frozenset({"this", "that", "these", "those"})


def _verb(tok) -> bool:
    """A clause's verb (not a participle describing a noun: "hiring process")."""
    return tok.pos_ in ("VERB", "AUX") and tok.dep_ not in _DESCRIBES


def _imperative(verb, word) -> bool:
    """An order to the reader: a bare verb with no subject but the swear word
    itself ("Fcking answer me", parsed as its subject), no "to", no modal,
    the sentence's main verb (or joined to it), not a question."""
    if verb.tag_ != "VB" or verb.dep_ not in ("ROOT", "conj") or verb.sent.text.rstrip().endswith("?"):
        return False
    if any(c.dep_ in _SUBJECTS and word not in c.subtree for c in verb.children):
        return False
    if any(c.dep_ == "aux" for c in verb.children):
        return False
    return verb.dep_ == "ROOT" or _imperative(verb.head, word)


def _subjects(verb, word) -> list:
    """The subjects of ``verb`` other than the swear word; a relative
    pronoun stands for its noun ("values that are worth a damn": values)."""
    out = []
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]  # "This is fucking absurd": on "is"
    for c in [c for t in [verb, *auxes] for c in t.children]:
        if c.dep_ in _SUBJECTS and word not in c.subtree:
            out.append(verb.head if c.tag_ in _WH and verb.dep_ == "relcl" else c)
    return out


def _participle(word) -> bool:
    """"pissed", "fucked": a past participle (or an adjective made from one);
    said of its subject ("I am pissed", not "you have fucked")."""
    return word.tag_ == "VBN" or (word.tag_ == "JJ" and word.lower_.endswith("ed"))


def _predicate_aimed(verb, word) -> bool:
    """The swear word is what the clause says of its subject ("This rejection
    is bullshit", "Your process sucks", "This is fucking ridiculous") or the
    act it orders ("Piss off", "tell him to fuck off"): aimed at a target
    subject or object, at the matter in hand, or at the one given the order.
    A participle ("I am pissed that you never replied", "he's pissed about
    the tunes") is said of the one it happened to: aimed at whoever its
    complements name."""
    passive = word.dep_ == "acomp" or any(c.dep_ in ("auxpass", "nsubjpass") for c in word.children)
    if _participle(word) and passive and (word == verb or word.dep_ == "acomp"):
        return any(_targets_in(c.subtree) for t in (word, verb) for c in t.children
                   if c.dep_ in ("prep", "ccomp", "advcl", "agent", "xcomp") and c != word)
    subjects = _subjects(verb, word)
    if any(_targets_in([s] if s == verb.head else s.subtree) or s.lower_ in MATTER for s in subjects):
        return True
    if any(c.dep_ in ("dobj", "dative") and _targets_in(c.subtree) for c in verb.children):
        return True
    if subjects:
        return False
    if verb.dep_ == "xcomp":  # "I tell him to fuck off": the one told
        told = [c for c in verb.head.children if c.dep_ in ("dobj", "dative")] or _subjects(verb.head, word)
        return any(_targets_in(c.subtree) for c in told) or _imperative(verb.head, word)
    return _imperative(verb, word)


def _wh_question(span) -> bool:
    """"What the hell is taking so long?", "Why the fuck didn't you...":
    the swear word sharpens a question put to the reader (not "I don't
    know what the hell happened", a question reported)."""
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].lower_ == "the" and span[0].lower_ != "the":
        i -= 1
    if span[0].lower_ == "wtf" or (i >= 0 and doc[i].tag_ in _WH):
        first = next((t for t in span.sent if not t.is_space and not t.is_punct), None)
        # a question: its mark, or the wh-word opens the sentence ("What the hell are they doing.")
        return span.sent.text.rstrip().endswith("?") or (first is not None and first.i in (i, span.start))
    return False


def _describes_aimed(noun, word, names) -> bool:
    """A swear word describing ``noun``, judged by it: someone's ("your damn
    email"), a name it sharpens ("you fucking idiots"), what a clause says of
    a target ("You are a fucking clown"), or what an order is about ("Answer
    the goddamn question"); not a thing nobody owns ("the damn thing")."""
    while noun.dep_ in _DESCRIBES and noun.head.pos_ in ("NOUN", "PROPN") and noun.head != noun:
        noun = noun.head  # "a fucking little chinless Donny"
    if _targets_in(noun.subtree) or noun.i in names:
        return True
    verb = noun.head
    if not _verb(verb):
        return False
    if noun.dep_ in _PREDICATE and any(_targets_in(s.subtree) for s in _subjects(verb, word)):
        return True
    return noun.dep_ in ("dobj", "pobj") and _imperative(verb, word)


def swearing_aimed(span, names=frozenset()) -> bool:
    """Is the swear word in ``span`` aimed at someone? Read from the parse:
    a target in its own phrase ("your ass", "screw you", "your damn email",
    "a shitty hiring process"), the matter in hand ("this bullshit"), a
    question it sharpens, the whole sentence
    ("Bullshit."), what the clause says of a target or of the matter in hand,
    an order to the reader ("Just answer my damn email"). Not a word that
    describes a thing nobody owns ("the damn thing", "Shitty movies"), nor an
    idiom's noun ("shoot the shit", "worth a damn", "worked my ass off").
    ``names``: indices of the words that call someone a name or an insult."""
    word = span.root
    if (not _verb(word) and _targets_in(word.subtree)) or _targets_in(span) or _wh_question(span):
        return True
    if word.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in _THIS for c in word.children):
        return True  # "Damn this bullshit", "that crap": the matter in hand
    if any(c.lower_ == "it" and c.i == word.i + 1 for c in word.children):
        return False  # "Damn it, I missed that", "screw it": an exclamation, not an order
    x = word
    while x.dep_ in _INSIDE and not _verb(x.head) and x.head != x:
        if x.dep_ in _DESCRIBES and x.head.pos_ in ("NOUN", "PROPN"):
            return _describes_aimed(x.head, word, names)
        x = x.head
        if _targets_in(x.subtree):
            return True
    if x.dep_ == "ROOT" and not _verb(x):
        return True  # the swear word is the sentence: "Bullshit.", "Bloody hell, four weeks..."
    if x.dep_ in _PREDICATE and _verb(x.head):
        return _predicate_aimed(x.head, word)
    if _verb(x) and (x == word or x.dep_ == "ROOT"):
        return _predicate_aimed(x, word)
    verb = x.head
    while not _verb(verb) and verb.head != verb:
        verb = verb.head
    if not _verb(verb):
        return False  # an item of a verbless list: "booze, beach shit, etc."
    # an argument or an exclamation of a clause: aimed when the clause is
    # ("Damn, you never replied", "Just answer my damn email")
    return any(_targets_in(s.subtree) for s in _subjects(verb, word)) or _imperative(verb, word)


def _usable(ctx, name: str) -> list:
    """Swear words of list ``name`` that are used: not quoted, not a name
    ("Dick, can you..."; the entities are only looked for when there is a hit)."""
    used = [m for m in hits(ctx, name) if not mentioned(m.span)]
    if not used:
        return []
    people = [e for e in entities(ctx.doc) if e.label_ == "PERSON"]
    return [m for m in used if not any(e.start < m.span.end and m.span.start < e.end for e in people)]


def swearing(ctx) -> list[tuple[object, bool]]:
    """(match, aimed) for each swear word of H101's profanity lists in the
    sender's words, once per draft: words that call someone a name
    (``hostile_profanity_at_someone``) are aimed unless the writer calls
    themselves so; other swear words are aimed when the parse says so."""
    cached = ctx.doc.user_data.get("followup_lint.swearing")
    if cached is None:
        called = _usable(ctx, "hostile_profanity_at_someone")
        names = {t.i for m in called + hits(ctx, "hostile_insults") for t in m.span}
        cached = [(m, not said_of_self(m.span)) for m in called]
        cached += [(m, swearing_aimed(m.span, names)) for m in _usable(ctx, "hostile_profanity")]
        cached.sort(key=lambda p: p[0].start)
        ctx.doc.user_data["followup_lint.swearing"] = cached
    return cached
