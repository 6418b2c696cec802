"""Desperate rules: exact codes and positions, list examples, and the
ordinary interest and questions that must stay clean."""

from __future__ import annotations

import pytest

from conftest import declared_lists, entries, example_findings, found as shared_found
from test_hostile import GREETING

# data list -> the rule that reads it, from the rules' own @rule(data=[...])
LISTS = declared_lists("D")


def found(linter, text, select=("D",)):
    return shared_found(linter, text, select)


@pytest.mark.parametrize("name,pattern,example",
                         [(n, p, e) for n in LISTS for p, e in entries(n)])
def test_each_entry_matches_its_example(linter, name, pattern, example):
    hits = example_findings(linter, LISTS[name], GREETING + example + "\n")
    assert hits, f"{name}: {pattern!r} does not match its example {example!r}"


@pytest.mark.parametrize("sentence,excerpt", [
    ("I really need this job.", "I really need this job"),
    ("Honestly I desperately need this position.", "I desperately need this position"),
    ("I'll do anything to work with you.", "I'll do anything"),
    ("I am begging you to reconsider.", "I am begging you"),
    ("I would happily take any salary.", "I would happily take any salary"),
    ("I have completely stopped applying elsewhere.", "I have completely stopped applying"),
])
def test_plea_variants(linter, sentence, excerpt):
    assert found(linter, GREETING + sentence + "\n") == [("D101", 3, sentence.index(excerpt) + 1, excerpt)]


@pytest.mark.parametrize("sentence", [
    "I am very interested in this role and the search work we discussed.",
    "I do not need an answer before Friday.",
    "I have other interviews, but this team is my first choice.",
])
def test_plain_interest_is_clean(linter, sentence):
    assert found(linter, GREETING + sentence + "\n") == []


def test_pestering_counts_and_volleys(linter):
    text = GREETING + "This is my third email this week.\nWhy no answer? When will you decide? Any update?\n"
    assert found(linter, text) == [
        ("D201", 3, 9, "my third email"),
        ("D201", 4, 1, "Why no answer? When will you decide? Any update?"),
    ]


def test_ordinary_questions_are_not_a_volley(linter):
    text = (GREETING + "Thank you for the interview. Which stack does the team use? How big is it? "
            "Is the role remote?\n")
    assert found(linter, text, ("D201",)) == []


def test_a_questionnaire_about_third_matters_is_not_a_volley(linter):
    # "status", "receive", "get" are words of demanding, but these ask about the inquiry, not the reply
    text = (GREETING + "Has there been a change in status to the SEC inquiry?\nWhich office is handling it?\n"
            "Will they receive an equity stake to help the company get out of its situation?\n")
    assert found(linter, text, ("D201",)) == []
    # near-miss: the same run about the reply and the writer's note stays a volley
    text = GREETING + "Has there been a change in status on my application? Is it still open? Did you get my portfolio?\n"
    assert found(linter, text, ("D201",)) == [
        ("D201", 3, 1, "Has there been a change in status on my application? Is it still open? Did you get my portfolio?")]


def test_question_marks_the_mail_put_for_lost_characters_are_not_a_volley(linter):
    # a bullet the encoding lost ("going:  ?" before each line), and "?" glued to a word ("I?m"):
    # not questions (rules._judgement.lost_mark, which H401 uses too)
    bullets = (GREETING + "Here are a few tips to get you going:  ?\nYou will log in with your ID, this will not "
               "change  ?\nWhen will you get your new address  ?\nYour desktop will look the same  ?\n"
               "Email will not change until Day 1.\n")
    assert found(linter, bullets, ("D201",)) == []
    glued = GREETING + "Why the delay?I wonder. When will you decide?It matters. Did you get my note?\n"
    assert found(linter, glued, ("D201",)) == []
    # near-miss: real questions with two spaces between them are still a volley
    spaced = GREETING + "Did you get my note?  When will you decide?  Why is it taking so long?\n"
    assert found(linter, spaced, ("D201",)) == [
        ("D201", 3, 1, "Did you get my note?  When will you decide?  Why is it taking so long?")]


def test_second_follow_up_is_fine(linter):
    assert found(linter, GREETING + "This is my second note about the analyst role.\n", ("D201",)) == []
