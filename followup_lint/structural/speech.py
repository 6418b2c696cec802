"""Reported speech (D303 and P301 leave it alone): a sentence that quotes
someone else's words, by the parse."""

from __future__ import annotations

from followup_lint.structural.clause import _lower

SAY_VERBS = frozenset({"say", "tell", "add", "state", "write", "explain", "ask", "note", "reply", "announce",
                       "declare", "insist", "tweet", "comment", "remark", "respond"})
_QUOTES = ("\"", "''", "``", "\u201c", "\u201d")
_SENDER = frozenset({"i", "we", "you"})


def reported_speech(sent) -> bool:
    """The sentence quotes someone else: its head is a verb of saying whose
    subject is a third party ("'...,' Mr. Lay said", "'...,' she told
    reporters"), the quoted words are its complement and set in quotation
    marks, and nothing else in it is the sender's ("My mentor said '...',
    and I am starting to believe her" is partly the writer's own)."""
    root = sent.root
    if root.lemma_ not in SAY_VERBS:
        return False
    subj = [c for c in root.children if c.dep_ == "nsubj"]
    if not subj or _lower(subj[0]) in _SENDER or subj[0].lemma_.lower() in _SENDER:
        return False
    if not any(c.dep_ == "ccomp" for c in root.children) or not any(t.text in _QUOTES for t in sent):
        return False
    return not any(c.dep_ in ("conj", "parataxis") for c in root.children)


def reported_spans(doc) -> list[tuple[int, int]]:
    """Character spans of the doc's sentences that report someone else's words."""
    return [(s.start_char, s.end_char) for s in doc.sents if reported_speech(s)]
