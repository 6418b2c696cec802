"""The one table from LanguageTool's categories to followup-lint's codes.

Every LanguageTool match has a category id (``TYPOS``, ``GRAMMAR`` ...). Each
maps to exactly one ``L`` code; that code's rule gives the finding its name
and default severity (severities can be changed per code like any rule's,
with select/ignore and fail-on). docs/grammar.md shows this table.

Severities: what a hiring manager would notice as a mistake (spelling,
wrong word, grammar, capitals) is a ``warning`` and fails the check by
default; punctuation, typography and style advice is ``info``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    severity: str
    categories: tuple[str, ...]
    title: str


CODES = (
    Code("L101", "spelling", "warning", ("TYPOS",),
         "spelling mistakes and typos"),
    Code("L102", "confused-words", "warning", ("CONFUSED_WORDS", "FALSE_FRIENDS"),
         "a real word, but the wrong one (their/there, your/you're)"),
    Code("L201", "grammar", "warning",
         ("GRAMMAR", "MISC", "COLLOCATIONS", "NONSTANDARD_PHRASES", "SEMANTICS", "COMPOUNDING"),
         "grammar: agreement, verb forms, word order, wrong collocations"),
    Code("L202", "capitalization", "warning", ("CASING",),
         "capital letters: sentence starts, proper nouns"),
    Code("L301", "punctuation", "info", ("PUNCTUATION",),
         "punctuation: missing or extra commas, full stops"),
    Code("L302", "typography", "info", ("TYPOGRAPHY",),
         "typography: spaces, dashes, quotes"),
    Code("L401", "style-advice", "info",
         ("STYLE", "PLAIN_ENGLISH", "CREATIVE_WRITING", "WIKIPEDIA", "GENDER_NEUTRALITY",
          "MISUSED_TERMS_EU_PUBLICATIONS", "TEXT_ANALYSIS", "AMERICAN_ENGLISH_STYLE",
          "BRITISH_ENGLISH"),
         "style: wordy, vague or formulaic wording"),
    Code("L402", "redundancy", "info", ("REDUNDANCY",),
         "redundant words (\"past history\", \"free gift\")"),
    Code("L403", "repetition", "info", ("REPETITIONS", "REPETITIONS_STYLE"),
         "the same word or phrase over and over"),
)

BY_CODE = {c.code: c for c in CODES}
BY_CATEGORY = {cat: c.code for c in CODES for cat in c.categories}

# A category LanguageTool adds later lands by the match's issue type.
BY_ISSUE_TYPE = {"misspelling": "L101", "typographical": "L302", "style": "L401",
                 "register": "L401", "duplication": "L403", "whitespace": "L302"}
FALLBACK = "L201"


def code_for(category: str, issue_type: str = "") -> str:
    """Our code for a LanguageTool category id (and issue type, as fallback)."""
    return BY_CATEGORY.get(category) or BY_ISSUE_TYPE.get(issue_type) or FALLBACK
