"""H, hostile passages: insults and the tone model (H1xx), blame and threats
(H2xx), sarcasm and passive aggression (H3xx), shouting (H4xx), and the
kind-aware rules of a reply to a rejection or an offer (H7xx, ``kinds``).
Even after a rejection, the note that gets remembered well is the one that
thanks the interviewer and keeps it professional.

A family package: every module in it is loaded (followup_lint.rules); add a
module here for a new group of H rules. ``_vader`` is a shared helper.
"""

from __future__ import annotations

from followup_lint.rules.h_hostile.tone_model import carrying_words, sentence_tones

__all__ = ["carrying_words", "sentence_tones"]
