"""Presumptuous rules: exact codes and positions, list examples, and the
wishes, conditions and negations that must stay clean."""

from __future__ import annotations

import pytest

from conftest import declared_lists, entries, example_findings, found as shared_found, lint_text
from test_hostile import GREETING

# data list -> the rule that reads it, from the rules' own @rule(data=[...])
LISTS = declared_lists("P")


def found(linter, text, select=("P",)):
    return shared_found(linter, text, select)


@pytest.mark.parametrize("name,pattern,example",
                         [(n, p, e) for n in LISTS for p, e in entries(n)])
def test_each_entry_matches_its_example(linter, name, pattern, example):
    hits = example_findings(linter, LISTS[name], GREETING + example + "\n")
    assert hits, f"{name}: {pattern!r} does not match its example {example!r}"


@pytest.mark.parametrize("sentence,excerpt", [
    ("I am thrilled to be joining the team.", "I am thrilled to be joining"),
    ("I'm so excited to be joining Acme.", "I'm so excited to be joining"),
    ("What should I bring on my first day?", "my first day"),
    ("When I start, I want to fix the build.", "When I start"),
    ("Could you send me the onboarding forms?", "send me the onboarding"),
])
def test_assumes_the_offer_variants(linter, sentence, excerpt):
    assert found(linter, GREETING + sentence + "\n") == [("P101", 3, sentence.index(excerpt) + 1, excerpt)]


@pytest.mark.parametrize("sentence", [
    "I would be thrilled to join the team.",
    "If I am selected, I would love to hear what my first day would look like.",
    "I hope to start contributing soon if there is a fit.",
    "I am not joining another team before I hear from you.",
    "I enjoyed hearing about the first day of your new hires.",
])
def test_wishes_and_conditions_are_clean(linter, sentence):
    assert found(linter, GREETING + sentence + "\n") == []


def test_quit_before_offer_variants(linter):
    text = GREETING + "I've already quit my job. I resigned on Friday.\n"
    assert found(linter, text) == [
        ("P201", 3, 1, "I've already quit"),
        ("P201", 3, 27, "I resigned"),
    ]


@pytest.mark.parametrize("sentence", [
    "I have not resigned from my current role.",
    "If I resign, I would need two weeks to hand over.",
    "My manager quit last year, so I took over the team.",
])
def test_quit_negated_or_hypothetical_is_clean(linter, sentence):
    assert found(linter, GREETING + sentence + "\n", ("P201",)) == []


def test_messages_name_the_reader_and_suggest(linter):
    for f in lint_text(linter, GREETING + "I have quit my job. See you on Monday!\n", select=("P",)).findings:
        assert "reader" in f.message and f.suggestions


@pytest.mark.parametrize("text,held", [
    ("Signed contract attached! Should I bring my passport on my first day?", True),
    ("Contract signed and returned, and I am thrilled to start on the 12th.", True),
    ("Since my start date is confirmed for June 2, when will I get my badge?", True),
    ("Thanks for confirming my start. Could IT ship my laptop before my first day?", True),
    ("Per the offer letter, I will plan on the 14th as my start date.", True),
    ("Once the contract is signed, I will hand in my notice.", False),
    ("I will resign as soon as the contract is signed.", False),
    ("I have not signed the contract yet, but I plan to start on the 1st.", False),
    ("Please send the offer letter by Thursday so I can schedule my orientation.", False),
    ("A quick email confirming my start date is plenty.", False),
    ("I signed up for the newsletter and I can start Monday.", False),
])
def test_a_note_that_says_the_offer_is_settled_presumes_nothing(linter, text, held):
    from followup_lint.structural import offer_in_hand

    assert offer_in_hand(linter.nlp(text)) is held, text
