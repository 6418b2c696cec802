"""Desperate claims (D301, D302): ``over-apology`` and ``self-deprecation``
(with VADER's word valence)."""

from __future__ import annotations

from followup_lint.structural.clause import Claim, _lower, _span, _subtree_ids, negated, question
from followup_lint.structural.wordclasses import (
    APOLOGY_VERBS, BUSINESS_TROUBLE, IMPOSITION, INTENSIFIERS, JOB_NOUNS, NEED_VERBS, NOT_TRAITS, PLEAD_VERBS,
    PROCESS_NOUNS, SELF_ABASE, WRITER_DELAY,
)


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


def _imposes(tokens, words) -> bool:
    """The apology is for the writer's own asking or being there: one of
    ``words`` (IMPOSITION), or "take ... time", among ``tokens``."""
    return any(x.lemma_ in words or _lower(x) in words for x in tokens) or (
        any(x.lemma_ == "take" for x in tokens) and any(x.lemma_ == "time" for x in tokens))


def _intensified(sent, a) -> bool:
    """"So sorry", "I'm really sorry", "I deeply apologize"; not the "so"
    of "..., so I'm sorry" (therefore: before the apology's subject)."""
    doc = sent.doc
    subj = min((c.i for c in a.head.children if c.dep_ == "nsubj"), default=-1)
    return any(_lower(c) in INTENSIFIERS for c in list(a.children) + list(a.head.children)
               if c.i < a.i + 2 and not (c.head.i == a.head.i != a.i and c.i < subj)) or (
        a.i > sent.start and _lower(doc[a.i - 1]) in INTENSIFIERS)


def business_apology(sent) -> bool:
    """One plain apology for a business trouble ("Sorry for any
    inconvenience", "We apologize for the confusion") or for the writer's
    own late business reply ("Sorry, I've been tied up all day"), by the
    parse: what the apology is *for* (its "for" object, or a clause beside
    it with the writer as subject), not a phrase list. Repeated ("again"),
    intensified, self-abasing apologies, or ones for the writer's asking or
    taking up time, are not business apologies (D301/D303 keep them).
    So is one for a possible slip of the writer's own (:func:`_own_slip`:
    "Sorry if I rambled a bit too much")."""
    apologies = _apology_tokens(sent)
    if len(apologies) != 1:
        return False
    a = apologies[0]
    if _intensified(sent, a) or any(_lower(x) in ("again", "once") for x in sent):
        return False
    if any(_lower(x) in SELF_ABASE or x.lemma_ in SELF_ABASE for x in sent):
        return False
    after = [x for x in sent if x.i > a.i]
    if _imposes(after, IMPOSITION - {"trouble"}):
        return False
    if _own_slip(sent, a):
        return True
    # the "for" object: "sorry for any inconvenience", "apologies for the delay"
    heads = {a.i, a.head.i}
    for x in after:
        if x.dep_ == "pobj" and x.head.lower_ == "for" and x.head.head.i in heads | {a.i + 1}:
            if _lower(x) in BUSINESS_TROUBLE or x.lemma_ in BUSINESS_TROUBLE:
                return True
            if x.lemma_ in ("trouble", "reply", "response", "answer") and any(
                    _lower(d) in ("any", "late", "slow", "delayed", "belated") for d in x.children):
                return True
    # the writer's own delay beside it: "Sorry, I've been tied up", "sorry I didn't reply sooner"
    for x in after:
        if _lower(x) in WRITER_DELAY or x.lemma_ in WRITER_DELAY:
            if x.lemma_ == "tie" and not any(_lower(c) == "up" for c in x.children):
                continue
            verb = x if x.pos_ in ("VERB", "AUX") else x.head
            if any(c.dep_ in ("nsubj", "nsubjpass") and _lower(c) in ("i", "we") for c in verb.children) \
                    or _lower(x) in ("delay", "sooner", "earlier"):
                return True
    return False


# Verbs that describe the writer rather than tell what they did: "sorry if I
# seem desperate" is neediness, "sorry if I rambled" a slip.
_APPEAR = frozenset({"seem", "sound", "appear", "look", "come"})
_BEING = _APPEAR | {"be", "feel", "become", "get"}


def _own_slip(sent, a) -> bool:
    """The apology ``a`` is for a possible slip of the writer's own, in an
    "if" clause and nothing after it: "Sorry if I rambled a bit too much",
    "I'm sorry if it wasn't the right thing". The clause tells what the
    writer did (a first-person subject with a verb of doing, not of being:
    "sorry if I seem desperate" describes the writer), or judges a thing
    ("it", "that", "my note"); it names nothing of the hiring ("sorry if my
    answers in the interview were weak" is about the application), and no
    clause of needing or begging follows ("..., but I really need this")."""
    doc = sent.doc
    heads = [a, a.head] if a.head.i != a.i else [a]
    clause = next((c for h in heads for c in h.children if c.dep_ == "advcl" and c.i > a.i
                   and any(m.dep_ == "mark" and _lower(m) == "if" for m in c.children)), None)
    if clause is None:
        return False
    if any(c.dep_ in ("conj", "ccomp", "parataxis", "advcl") and c.i > clause.i for h in heads for c in h.children):
        return False
    if any(x.lemma_ in NEED_VERBS | PLEAD_VERBS or _lower(x) == "but" for x in doc[a.i:sent.end]):
        return False
    words = list(clause.subtree)
    if any(x.lemma_ in JOB_NOUNS | PROCESS_NOUNS | {"application", "candidacy", "answer"} for x in words):
        return False
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or _lower(subj) == "you":
        return False
    if _lower(subj) in ("i", "we"):
        return clause.lemma_ not in _BEING
    return clause.lemma_ not in _APPEAR  # "sorry if it sounds needy": how the note reads, not a slip


def business_apology_spans(doc) -> list[tuple[int, int]]:
    """Character spans of the doc's sentences that are business apologies."""
    return [(s.start_char, s.end_char) for s in doc.sents if business_apology(s)]


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
        intense = _intensified(sent, a)
        after = doc[a.i + 1:sent.end]
        imposing = _imposes(after, IMPOSITION) or (
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
