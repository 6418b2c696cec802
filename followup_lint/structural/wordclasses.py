"""Word classes: verbs and nouns, not phrases; each stands for every
sentence built around it. Also the words that gate each search (cheap
per-sentence checks before a search runs)."""

from __future__ import annotations

import re


# -- word classes ----------------------------------------------------------------
# Classes of verbs and nouns, not phrases: each stands for every sentence
# built around it.

START_VERBS = frozenset({"start", "begin", "join", "commence", "onboard"})
RESIGN_VERBS = frozenset({"resign", "quit"})
HANDIN_VERBS = frozenset({"give", "hand", "put", "turn", "submit", "send", "email", "tender", "file"})
TELL_VERBS = frozenset({"tell", "inform", "notify", "warn"})
LEAVING_VERBS = frozenset({"leave", "quit", "resign", "move", "join", "go", "relocate", "switch"})
DECLINE_VERBS = frozenset({"decline", "turn", "reject", "cancel", "refuse", "drop", "withdraw"})
MOVE_VERBS = frozenset({"move", "relocate"})
NEED_VERBS = frozenset({"need"})
PLEAD_VERBS = frozenset({"beg", "implore", "plead", "beseech"})
APOLOGY_VERBS = frozenset({"apologize", "apologise"})
FOLLOWUP_VERBS = frozenset({"follow", "check", "circle", "bump", "nudge", "ping", "chase", "reach",
                            "write", "email", "message", "call", "resend", "forward", "text"})
TERMS_VERBS = frozenset({"take", "accept", "do", "work", "relocate", "move", "go", "settle", "consider"})
ANYWORDS = frozenset({"any", "anything", "anywhere", "whatever", "whichever", "anyplace"})

JOB_NOUNS = frozenset({"job", "role", "position", "post", "opportunity", "offer", "team", "company",
                       "firm", "work", "career", "organization", "organisation", "department", "you",
                       "practice", "agency", "group", "crew", "staff", "ward", "unit"})
PERIOD_NOUNS = frozenset({"day", "days", "week", "weeks", "month", "months", "shift", "quarter", "year",
                          "paycheck", "paycheque", "payslip", "salary", "assignment", "rotation", "sprint",
                          "date", "monday", "tuesday", "wednesday", "thursday", "friday"})
# Onboarding logistics: a few need no more than a first-person owner...
ONBOARD_STRONG = frozenset({"onboarding", "paperwork", "payroll", "deposit", "paycheck", "paycheque",
                            "payday", "payslip", "w-4", "i-9", "w4", "i9", "induction", "badge",
                            "new-starter", "new-hire", "keycard", "locker", "enrol", "enroll", "enrollment",
                            "enrolment", "orientation"})
# ... the others also a request for me or an arrival ("set up before I arrive").
ONBOARD_WEAK = frozenset({"desk", "monitor", "laptop", "account", "login", "address", "parking", "park",
                          "rota", "roster", "headcount", "equipment", "workstation", "uniform", "plan",
                          "benefit", "form", "lanyard", "seat", "cubicle", "handbook", "insurance", "pension",
                          "401k", "buddy", "pass"})
REQUEST_VERBS = frozenset({"prefer", "like", "need", "want", "get", "have", "use", "receive", "send",
                           "share", "add", "set", "give", "fill", "complete", "sign", "bring", "order",
                           "provide", "sort", "arrange", "enrol", "enroll", "register"})
NOTICE_NOUNS = frozenset({"notice", "resignation"})
ALTERNATIVE_NOUNS = frozenset({"interview", "option", "offer", "choice", "prospect", "lead", "alternative",
                               "plan", "application", "opportunity", "job", "company", "place", "one",
                               "door"})
TERMS_NOUNS = frozenset({"role", "job", "position", "salary", "pay", "offer", "shift", "contract", "title",
                         "hours", "terms", "condition", "location", "type", "rate", "wage", "package",
                         "level", "thing", "task", "schedule", "hour", "city", "team", "post"})
PAY_NOUNS = frozenset({"benefit", "salary", "pay", "raise", "bonus", "vacation", "holiday", "holidays",
                       "pension", "wage", "money", "insurance", "relocation", "perk", "leave"})
CHEAP_WORDS = frozenset({"unpaid", "minimum", "half", "free", "nothing", "peanuts", "less", "lower",
                         "below", "pittance", "cut"})
MESSAGE_NOUNS = frozenset({"email", "e-mail", "message", "voicemail", "call", "text", "note", "follow-up",
                           "followup", "reminder", "dm", "inmail", "mail", "letter"})
# Things of the hiring process one is invited to: "see you on Monday at the
# panel interview" is a plan the reader made, not a start date.
PROCESS_NOUNS = frozenset({"interview", "call", "meeting", "panel", "chat", "conversation", "assessment",
                           "session", "visit", "tour", "presentation", "round", "lunch", "coffee", "dinner",
                           "event", "conference", "fair", "screen", "test", "exercise", "open", "day",
                           "workshop", "demo", "onsite", "trial"})
IMPOSITION = frozenset({"bother", "disturb", "trouble", "pester", "annoy", "bug", "intrude", "impose",
                        "pain", "nuisance", "burden", "chase", "nag", "annoying", "bothering", "pester"})
SELF_ABASE = frozenset({"terrible", "awful", "stupid", "dumb", "rude", "horrible", "hate", "upset",
                        "pathetic", "idiot", "silly", "annoying", "ashamed", "embarrassed", "guilty"})
INTENSIFIERS = frozenset({"so", "really", "deeply", "terribly", "truly", "very", "incredibly",
                          "sincerely", "extremely", "awfully", "profusely", "humbly", "most"})
HABITUAL = frozenset({"always", "usually", "often", "generally", "typically", "normally", "whenever",
                      "every", "tend", "sometimes", "never"})
# Feelings and states, not judgements of one's worth: "I'm not sure" is no
# self-deprecation.
NOT_TRAITS = frozenset({"sure", "certain", "aware", "available", "able", "free", "happy", "glad", "pleased",
                        "thrilled", "excited", "interested", "comfortable", "familiar", "ready", "keen",
                        "fond", "worried", "afraid", "clear", "late", "right", "ok", "okay", "fine",
                        "well", "alone", "done", "around", "satisfied", "convinced", "positive", "eager",
                        "willing", "opposed", "surprised", "entitled", "responsible", "allowed", "big",
                        "great", "best", "most", "only", "first", "good", "confident", "optimistic",
                        "hopeful", "proud", "lucky", "grateful", "thankful", "impressed", "safe", "secure",
                        "successful", "true", "honest", "kidding", "joking", "serious", "funny", "amused"})
SELF_NOUNS = frozenset({"cv", "resume", "résumé", "english", "experience", "skill", "skills", "answer",
                        "background", "portfolio", "interview", "application", "record", "degree", "grade",
                        "work", "performance", "writing", "qualification", "french", "german", "spanish",
                        "spelling", "grammar", "presentation", "code", "knowledge"})

MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
                    "sep", "sept", "oct", "nov", "dec"})
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
SOON = frozenset({"tomorrow", "today", "tonight", "asap", "immediately", "monday", "tuesday", "wednesday",
                  "thursday", "friday", "saturday", "sunday", "weekend"})
_ORDINAL = re.compile(r"^\d{1,2}(st|nd|rd|th)$")
_YEAR = re.compile(r"^(19|20)\d\d$")
_CLOCK = re.compile(r"^\d{1,2}([:.]\d\d)?(am|pm)?$")
RECENT = frozenset({"yesterday", "today", "tonight", "already", "just", "morning", "this"})
CONDITION_MARKS = frozenset({"if", "unless", "whether", "provided", "assuming", "should", "were"})
ARRIVAL_MARKS = frozenset({"once", "when", "after", "before", "as", "until", "till"})
WISH_WORDS = frozenset({"hope", "hoping", "hopefully", "wish", "chance", "possibility", "potentially",
                        "lucky", "fortunate", "selected", "chosen", "imagine", "suppose", "offered",
                        "successful", "decide", "hypothetically"})
HYPO_MODALS = frozenset({"would", "'d", "could", "might", "may", "should", "\u2019d"})
FIRST_PERSON = frozenset({"i", "me", "my", "myself", "mine"})
POLITE_IFS = (("if", "possible"), ("if", "you", "can"), ("if", "that"), ("if", "it"), ("if", "ok"),
              ("if", "okay"), ("if", "convenient"), ("if", "needed"), ("if", "not"))


# What a plain business apology is for (D303's gate): a trouble caused to the
# reader's business, not the writer's asking or being there.
BUSINESS_TROUBLE = frozenset({"inconvenience", "delay", "confusion", "mix-up", "mixup", "error", "errors",
                              "oversight", "omission", "typo", "lateness", "glitch", "duplicate", "duplication",
                              "problem", "problems", "issue", "issues", "misunderstanding"})
# The writer's own business reasons for a late reply: "Sorry, I've been tied up all day".
WRITER_DELAY = frozenset({"busy", "swamped", "slammed", "travel", "traveling", "travelling", "sooner",
                          "earlier", "late", "slow", "delay", "delayed", "tie"})

# Words a sentence needs for each search to be worth running (cheap gates).
_CONDITION_WORDS = frozenset({"if", "unless", "whether", "should", "were", "had"}) | WISH_WORDS
_GATES = {
    "see": frozenset({"see"}),
    "eager": frozenset({"wait", "look", "count", "looking"}),
    "familiar": frozenset({"new", "newest", "incoming", "future", "one", "take"}) | ARRIVAL_MARKS,
    "last": frozenset({"last"}),
    "alternative": frozenset({"no", "nothing", "nowhere", "noone", "depend", "ride", "hinge", "hang", "only",
                              "know"}),
    "terms": frozenset({"any", "even", "need", "forget", "skip", "waive", "drop", "forgo", "forego", "whatever",
                        "whichever", "half", "guarantees", "them"}),
    "beg": PLEAD_VERBS | {"please", "say", "pretty", "one", "another"},
    "pester": FOLLOWUP_VERBS | MESSAGE_NOUNS | {"again", "bump", "follow-up", "followup", "keep", "slip", "fall",
                                                "bury", "lose", "miss", "forget", "overlook", "also", "since"},
    "apology": frozenset({"sorry", "apologize", "apologise", "apologies", "apology", "forgive", "pardon", "feel"}),
    "self": frozenset({"i", "someone", "somebody", "people", "compared"}),
}


def _gate(words, name: str) -> bool:
    return not _GATES[name].isdisjoint(words)
