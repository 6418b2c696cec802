"""The dependency matcher: anchors (a first-person subject of a verb of a
class, a noun of a class owned by "my"), built once per pipeline."""

from __future__ import annotations

from followup_lint.structural.wordclasses import (
    DECLINE_VERBS, HANDIN_VERBS, MOVE_VERBS, NEED_VERBS, NOTICE_NOUNS, ONBOARD_STRONG, ONBOARD_WEAK,
    PERIOD_NOUNS, RESIGN_VERBS, SELF_NOUNS, START_VERBS, TELL_VERBS,
)


_SUBJ_CLASSES = {
    "start": START_VERBS, "resign": RESIGN_VERBS, "handin": HANDIN_VERBS, "tell": TELL_VERBS,
    "decline": DECLINE_VERBS, "move": MOVE_VERBS, "need": NEED_VERBS,
}
_MY_CLASSES = {"period": PERIOD_NOUNS, "notice": NOTICE_NOUNS, "onboard": ONBOARD_STRONG | ONBOARD_WEAK,
               "self": SELF_NOUNS}


_MODIFIERS = ("poss", "amod", "compound", "nummod")


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
        ], [  # "my two weeks' notice", "my official start date" parsed with "my" on the modifier
            {"RIGHT_ID": "noun", "RIGHT_ATTRS": {"LOWER": {"IN": sorted(nouns)}}},
            {"LEFT_ID": "noun", "REL_OP": ">", "RIGHT_ID": "mod",
             "RIGHT_ATTRS": {"DEP": {"IN": list(_MODIFIERS)}}},
            {"LEFT_ID": "mod", "REL_OP": ">", "RIGHT_ID": "poss", "RIGHT_ATTRS": {"DEP": "poss", "LOWER": "my"}},
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


_VERBS = frozenset().union(*_SUBJ_CLASSES.values())
_NOUNS = frozenset().union(*_MY_CLASSES.values())


def _may_anchor(doc) -> bool:
    """Whether some "i" subject's head or "my" owner's head is of a class:
    what every pattern needs. Most drafts have none (34 of 300 real ones
    do), and the DependencyMatcher costs about 1.5 ms a draft."""
    for t in doc:
        lower = t.lower_
        if lower == "i" and t.dep_ in ("nsubj", "nsubjpass"):
            head = t.head
            if head.lemma_ in _VERBS and head.pos_ in ("VERB", "AUX"):
                return True
        elif lower == "my" and t.dep_ == "poss":
            head = t.head
            if head.lower_ in _NOUNS or head.lemma_ in _NOUNS:
                return True
            if head.dep_ in _MODIFIERS and head.head.lower_ in _NOUNS:
                return True
    return False


def anchors(doc) -> list[tuple[str, object, object]]:
    """(class label, anchor token, first-person token) for every anchor."""
    if not _may_anchor(doc):
        return []
    m = _matcher(doc)
    out = []
    for match_id, toks in m.matcher(doc):
        label = doc.vocab.strings[match_id]
        out.append((label, doc[toks[0]], doc[toks[-1]]))
    out.sort(key=lambda x: x[1].i)
    return out
