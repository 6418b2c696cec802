"""Fit LanguageTool to follow-up email.

LanguageTool is made for prose in general. In a note to an interviewer some
of its matches are wrong:

* **Names are not spelling mistakes.** The interviewer's unusual surname in
  the greeting, the company, the product, the sender's own name: a match of
  a dictionary rule (``MORFOLOGIK_RULE_*``, issue type ``misspelling``) is
  dropped when it lies in

  - the name of the greeting ("Dear Ms. Okonkwo-Vanterpool,"),
  - a named entity spaCy found in the text (PERSON, ORG, GPE, PRODUCT,
    NORP, FAC, LOC, WORK_OF_ART),
  - a capitalised proper noun (spaCy tag NNP/NNPS) that does not start its
    sentence: "At Northwind I solved ..." (the small model misses many
    company names). The price: a typo in a capitalised word mid-sentence
    ("on Thrusday") is not reported; one at a sentence start still is;

  or when each of its words is

  - a word of a display name in the To/From/Cc/Bcc/Reply-To headers, of an
    address's domain (dana@quorvex.com: "quorvex"; webmail domains
    excluded), of the greeting's name, or of the signature block (which is
    itself never sent to LanguageTool);
  - an acronym or a product-style name: all capitals ("OATT", "SREs") or a
    capital inside the word ("eSource", "ClickAtHome", "VaR"). People write
    those on purpose.
* **Rules that misfire on thank-you notes** are turned off in the request
  (:data:`DISABLED_RULES`), or, where only one phrase misfires, matches inside
  that phrase are dropped (:data:`ALLOWED_PHRASES`).
* **Hard-wrapped lines are one paragraph.** Plain-text mail is often
  wrapped at 72-80 columns; LanguageTool takes a line break as the end of a
  paragraph and then misses sentences that run on (three sentences starting
  with "I" go unnoticed). :func:`unwrap` turns a single line break inside a
  paragraph into a space before the text is sent: one character for one, so
  offsets do not move. Blank lines, list items and lines ending in ":" keep
  their break.

Each entry says why. docs/grammar.md lists them.
"""

from __future__ import annotations

import re
from typing import Iterable

from followup_lint.deferred import entities
from followup_lint.parts import find_greeting

# LanguageTool rule ids never asked for, with the reason.
DISABLED_RULES = {
    "REP_THANK_YOU_FOR": "a thank-you note says \"thank you for\" more than once by design "
                         "(the interview, then the time); LanguageTool calls that repetitive",
}

# (rule id or "*", phrase): a match of that rule lying inside the phrase is
# dropped. Case-insensitive.
ALLOWED_PHRASES: tuple[tuple[str, str, str], ...] = (
    ("*", r"\bthanks?\s+a\s+lot\b",
     "\"Thanks a lot\" is an ordinary thank-you; LanguageTool rules about \"a lot\" "
     "(informal, vague quantity) have flagged it; LanguageTool 6.6 leaves it alone at "
     "the default level, the guard keeps it so for other versions and servers"),
)

NAME_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "PRODUCT", "NORP", "FAC", "LOC", "WORK_OF_ART"})
NAME_HEADERS = ("to", "from", "cc", "bcc", "reply-to")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_ACRONYM_OR_PRODUCT = re.compile(r"[A-Z]{2,}s?|[^\W\d_]+[A-Z][^\W\d_]*")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+\u2022\u2013>]|\d+[.)]|[a-z][.)])[ \t]")
# address domains that say nothing about the company
WEBMAIL = frozenset({"gmail", "googlemail", "outlook", "hotmail", "live", "yahoo", "icloud", "me", "mac",
                     "aol", "proton", "protonmail", "pm", "gmx", "mail", "fastmail", "hey", "zoho",
                     "yandex", "example", "com", "org", "net", "co", "io"})


def unwrap(text: str) -> str:
    """``text`` with each line break inside a paragraph made a space (same
    length, same offsets)."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    out = [lines[0]]
    for prev, line in zip(lines, lines[1:]):
        join = (prev.strip() and line.strip() and not prev.rstrip().endswith(":")
                and not _LIST_ITEM.match(line) and not _LIST_ITEM.match(prev))
        out.append((" " if join else "\n") + line)
    return "".join(out)


def name_words(draft) -> set[str]:
    """Words that are names: from address headers' display names and
    address domains (acme.com: "Acme"), the greeting's name and the
    signature block. Domain words are kept in lower case."""
    words: set[str] = set()
    domains: set[str] = set()
    for h in NAME_HEADERS:
        field = draft.header(h)
        if field is not None:
            for name in field.display_names():
                words.update(_WORD.findall(name))
            for addr in field.addresses():
                for label in addr.rpartition("@")[2].lower().split(".")[:-1]:
                    if label not in WEBMAIL and len(label) > 2:
                        domains.add(label)
    g = find_greeting(draft.text.text)
    if g is not None and g.name:
        words.update(_WORD.findall(g.name))
    words.update(_WORD.findall(draft.signature.text))
    return {w for w in words if w[:1].isupper()} | domains


def tagged_name_spans(draft, doc) -> list[tuple[int, int]]:
    """Spans of ``draft.text`` that are names, found without the NER: the
    greeting's name and capitalised proper nouns inside a sentence."""
    spans = []
    g = find_greeting(draft.text.text)
    if g is not None and g.name:
        spans.append((g.name_start, g.name_end))
    if doc is not None:
        spans.extend((t.idx, t.idx + len(t.text)) for t in doc
                     if t.tag_ in ("NNP", "NNPS") and t.text[:1].isupper() and not t.is_sent_start)
    return spans


def entity_name_spans(doc) -> list[tuple[int, int]]:
    """The names among spaCy's named entities (runs the deferred NER)."""
    if doc is None:
        return []
    return [(e.start_char, e.end_char) for e in entities(doc) if e.label_ in NAME_ENTITIES]


def is_spelling(m) -> bool:
    """A dictionary look-up failed (not a rule such as "i" -> "I" or
    "Me and ..." that LanguageTool files under TYPOS too)."""
    return m.issue_type == "misspelling" and (m.rule_id.startswith(("MORFOLOGIK_RULE", "HUNSPELL"))
                                               or "SPELL" in m.rule_id)


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def keep(matches, draft, doc, accepted: Iterable[str] = ()) -> list:
    """The matches that are real mistakes in an email (see module doc);
    ``accepted``: the user's accepted words (followup_lint.words), never
    spelling mistakes."""
    from followup_lint.words import Accepted

    text = draft.text.text
    user = Accepted(accepted)
    words = spans = entity_spans = None
    phrase_spans: dict[str, list[tuple[int, int]]] = {}
    out = []
    for m in matches:
        if m.rule_id in DISABLED_RULES:
            continue
        if is_spelling(m) and m.end > m.start:
            if words is None:
                words, spans = name_words(draft), tagged_name_spans(draft, doc)
            flagged = text[m.start:m.end]
            parts = _WORD.findall(flagged)
            if user and (flagged in user or (parts and all(p in user for p in parts))):
                continue
            if _overlaps(m.start, m.end, spans) or (parts and all(
                    p in words or p.lower() in words or _ACRONYM_OR_PRODUCT.fullmatch(p) for p in parts)):
                continue
            # the NER (a parse's cost again) only for a word nothing else calls a name
            if entity_spans is None:
                entity_spans = entity_name_spans(doc)
            if _overlaps(m.start, m.end, entity_spans):
                continue
        dropped = False
        for rule_id, pattern, _why in ALLOWED_PHRASES:
            if rule_id not in ("*", m.rule_id):
                continue
            if pattern not in phrase_spans:
                phrase_spans[pattern] = [x.span() for x in re.finditer(pattern, text, re.IGNORECASE)]
            if any(s <= m.start and m.end <= e for s, e in phrase_spans[pattern]):
                dropped = True
                break
        if not dropped:
            out.append(m)
    return out
