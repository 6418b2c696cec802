"""Claims recognised by the structure of a sentence, not by its wording.

The phrase lists (:mod:`followup_lint.matching`) are precise on the wording
they hold and blind one paraphrase away. The claims here are found from the
parse: who the subject is, which class of verb or noun heads the clause, its
tense, modality and negation, whether it sits in a condition or a question,
and what time it names. "I can start on the 1st", "Looking forward to
starting on November 16" and "During my first 30 days I'll..." are one claim
(*start*): a first-person subject, a verb of starting, a time, and no
condition, wish or past context.

Kinds of claim, by the family that reports them:

- presumptuous (P101): ``start``, ``onboarding``, ``familiarity``, ``terms``
  (assumed, expected as owed, or set in place of the offered one: the only
  kind read with the offer in hand);
  (P201): ``resign``;
- desperate (D101): ``only-option``, ``any-terms``, ``begging``;
  (D201): ``pestering``; (D301): ``over-apology``; (D302):
  ``self-deprecation``.

Anchors (a first-person subject of a verb of a class, a noun of a class
owned by "my") are found by one spaCy ``DependencyMatcher`` built once per
pipeline; a doc with none of the anchor words is not searched at all. The
claims of a doc are worked out once and kept in ``doc.user_data``.

The package, in the order a claim is found:

- ``wordclasses``: the classes of verbs and nouns, and the words that gate
  each search;
- ``anchors``: the dependency matcher (built once per pipeline);
- ``clause``: ``Claim`` and the context checks every kind uses (negation,
  modality, tense, condition, question, times, an offer already in hand);
- ``arrival``: the writer's arrival in a subordinate clause ("once I'm
  in"), read by onboarding and familiarity;
- ``claims``: ``claims(doc)`` / ``claims_of(doc, *kinds)``, one pass per doc;
- one module per claim: ``start`` (a start date, a first day, day-one plans,
  eagerness to start), ``onboarding``, ``familiarity``, ``terms`` (an offer
  awaited, terms assumed or expected, a next round, a shared verdict), ``relocation``
  (a home acted on for the job; start), ``resign``, ``options``
  (only-option, any-terms, begging), ``pestering``, ``apology``
  (over-apology, self-deprecation);
- ``asides``: what P301 leaves alone (an absence notice, a past story, a
  time taken); ``speech`` and ``offers``: reported speech and offers of help;
- ``schedule``: whether a note is about a time (S4xx's short replies).

The names below are what the rules use; import them from here.
"""

from __future__ import annotations

from followup_lint.structural.claims import ANCHOR_WORDS, claims, claims_of
from followup_lint.structural.clause import (
    Claim, _habitual, _invited, _job_object_only, conditional, distant_past, generic_present, is_past,
    modal_hypothetical, negated, offer_in_hand, question, time_tokens,
)
from followup_lint.structural.schedule import schedules
from followup_lint.structural.wordclasses import PROCESS_NOUNS

__all__ = [
    "ANCHOR_WORDS", "Claim", "PROCESS_NOUNS", "claims", "claims_of", "conditional", "distant_past",
    "generic_present", "is_past", "modal_hypothetical", "negated", "offer_in_hand", "question", "schedules",
    "time_tokens", "_habitual", "_invited", "_job_object_only",
]
