"""Structure rules: names, companies, attachments, length, questions."""

from __future__ import annotations

import pytest

from conftest import found, lint_text, rule_list
from followup_lint.data import phrases

EML = """To: {to}
From: Sam Lee <sam@example.com>
Subject: Thank you
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

{body}

Best,
Sam Lee
"""


@pytest.mark.parametrize("to, greeting, flagged", [
    ("Priya Shah <p@acme.com>", "Hi Dana,", True),
    ("Priya Shah <p@acme.com>", "Hi Priya,", False),
    ("Priya Shah <p@acme.com>", "Dear Ms. Shah,", False),
    ("Daniel Park <d@acme.com>", "Hi Dan,", False),
    ("Katherine Ortiz <k@acme.com>", "Hi Kathrine,", False),
    ("\"Shah, Priya\" <p@acme.com>", "Hello Priya,", False),
    ("priya.shah@acme.com", "Hi Dana,", True),
    ("priya.shah@acme.com", "Hi Priya,", False),
    ("careers@acme.com", "Hi Dana,", False),
    ("Priya Shah <hr@acme.com>", "Hi Dana,", True),
    ("Priya Shah <p@acme.com>", "Hi team,", False),
])
def test_greeting_name_against_recipients(linter, to, greeting, flagged):
    text = EML.format(to=to, body=f"{greeting}\n\nThank you for the interview on Tuesday.")
    codes = found(linter, text, ("S401",), name="m.eml")
    assert [c for c, *_ in codes] == (["S401"] if flagged else [])


def test_greeting_mismatch_position_and_suggestion(linter):
    text = "To: Priya Shah <p@acme.com>\n\nHi Dana,\n\nThank you for Tuesday."
    r = lint_text(linter, text, select=("S401",))
    f = r.findings[0]
    assert (f.line, f.column, f.excerpt) == (3, 4, "Dana")
    assert f.suggestions == ("Hi Priya,",)


def test_greeting_mismatch_needs_a_recipient(linter):
    assert found(linter, "Hi Dana,\n\nThank you for Tuesday.", ("S401",)) == []


@pytest.mark.parametrize("to, body, flagged", [
    ("d@acme.com", "Thank you for the interview for the analyst role at Globex.", ["Globex"]),
    ("d@acme.com", "Thank you for the interview for the analyst role at Acme.", []),
    ("d@mail.acme-corp.co.uk", "I would love to join Acme Corp.", []),
    ("d@ibm.com", "Thanks for the role at International Business Machines.", []),
    ("d@gmail.com", "Thanks for the role at Globex.", []),
    ("d@acme.com", "My role at Globex taught me a lot about billing.", []),
    ("d@acme.com", "I met the Initech team today.", ["Initech"]),
])
def test_company_against_recipient_domain(linter, to, body, flagged):
    text = f"To: Dana Smith <{to}>\n\nHi Dana,\n\n{body}"
    assert [e for *_, e in found(linter, text, ("S402",))] == flagged


def test_two_companies_without_a_domain(linter):
    text = ("Hi Dana,\n\nThank you for the interview for the analyst role at Acme. "
            "I would love to join Globex.")
    assert found(linter, text, ("S402",)) == [("S402", 3, text.split("\n")[2].index("Globex") + 1, "Globex")]


def test_attachment_announced_but_missing(linter):
    text = EML.format(to="Dana Smith <d@acme.com>",
                      body="Hi Dana,\n\nPlease find attached my code sample.")
    assert found(linter, text, ("S403",), name="m.eml") == [("S403", 9, 13, "attached")]
    r = lint_text(linter, text, name="m.eml", select=("S403",))
    assert r.findings[0].severity.label == "error"


@pytest.mark.parametrize("sentence", ["I'm attaching my portfolio.", "Enclosed is my portfolio.",
                                      "The attachment has my notes."])
def test_attachment_cue_variants(linter, sentence):
    text = EML.format(to="Dana Smith <d@acme.com>", body=f"Hi Dana,\n\n{sentence}")
    assert [c for c, *_ in found(linter, text, ("S403",), name="m.eml")] == ["S403"]


def test_plain_text_drafts_are_not_checked_for_attachments(linter):
    assert found(linter, "Hi Dana,\n\nI have attached my code sample.", ("S403",)) == []


def test_length_too_long_points_where_the_limit_is_passed(linter):
    body = " ".join(f"Sentence number {i} has exactly seven words." for i in range(20))
    text = f"Hi Dana,\n\n{body}"
    r = lint_text(linter, text, select=("S404",))
    assert [(f.code, f.column) for f in r.findings] == [("S404", body.index("Sentence number 17") + 1)]
    assert r.findings[0].excerpt == "Sentence number 17 has exactly seven words."
    assert r.findings[0].severity.label == "info"


def test_length_limits_are_options(linter):
    from followup_lint.config import Settings
    from followup_lint.draft import parse_bytes

    draft = parse_bytes(b"Hi Dana,\n\nThank you for Tuesday.\n\nBest,\nSam", "d.txt")
    loose = Settings(select=("S404",), rule_options={"S404": {"min-words": 3}})
    assert linter.lint_drafts([(draft, loose)])[0].findings == ()
    assert [f.excerpt for f in linter.lint_drafts([(draft, Settings(select=("S404",)))])[0].findings] \
        == ["Thank you for Tuesday."]


def test_too_many_questions(linter):
    text = "Hi Dana,\n\nWhen? Who? Why? How? Where?"
    assert found(linter, text, ("S405",)) == [("S405", 3, 17, "How?")]
    assert found(linter, "Hi Dana,\n\nWhen? Who? Why?", ("S405",)) == []


@pytest.mark.parametrize("line", phrases(rule_list("S402")))
def test_anonymous_domains_say_nothing(line):
    from followup_lint.rules.s_structure.content import _domain_label

    domain, address = line.split("\t")
    assert address.endswith("@" + domain) and _domain_label(address) is None


@pytest.mark.parametrize("line", phrases(rule_list("S403")))
def test_each_attachment_cue_matches_its_example(linter, line):
    from followup_lint import matching

    pattern, example = line.split("\t")
    doc = linter.nlp(example)
    assert pattern in [m.entry.pattern for m in matching.find(doc, rule_list("S403"))]


@pytest.mark.parametrize("to", ["Acme Careers <careers@acme.com>", "Talent Team <dana.x@acme.com>",
                                "recruiting.team@acme.com"])
def test_role_mailboxes_say_nothing_about_whom_to_greet(linter, to):
    text = f"To: {to}\n\nHi Dana,\n\nThank you for Tuesday."
    assert found(linter, text, ("S401",)) == []


@pytest.mark.parametrize("line", phrases(rule_list("S401")))
def test_each_role_mailbox_word_is_recognised(line):
    from email.utils import parseaddr

    from followup_lint.rules.s_structure.content import _is_role_mailbox

    word, example = line.split("\t")
    name, addr = parseaddr(example)
    assert word in example.lower() and _is_role_mailbox(name) and _is_role_mailbox(addr.split("@")[0])
