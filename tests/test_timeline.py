"""Dates: the draft's moment, quoted attribution lines and header blocks,
and expressions in the text, resolved with python-dateutil."""

from __future__ import annotations

from datetime import datetime

import pytest

from followup_lint import timeline
from followup_lint.draft import parse_bytes

WED = datetime(2026, 11, 4, 10, 30)  # a Wednesday


@pytest.mark.parametrize("text, found, day, deadline", [
    ("Thanks again for meeting on Monday.", "Monday", "2026-11-02", False),
    ("We expect to decide by the end of next week.", "the end of next week", "2026-11-13", True),
    ("I will follow up by Friday.", "Friday", "2026-11-06", True),
    ("We will get back to you within two weeks.", "within two weeks", "2026-11-18", True),
    ("I interviewed yesterday afternoon.", "yesterday", "2026-11-03", False),
    ("It is scheduled for Thursday, November 5 at 2pm.", "Thursday, November 5", "2026-11-05", False),
    ("I wanted to check in two days ago.", "two days ago", "2026-11-02", False),
    ("It was great to meet you last Tuesday.", "last Tuesday", "2026-11-03", False),
    ("We'll be in touch early next week.", "early next week", "2026-11-10", False),
    ("Could we talk a week from today?", "a week from today", "2026-11-11", False),
    ("You should hear from us in 3 business days.", "in 3 business days", "2026-11-09", True),
    ("I applied 5 business days ago.", "5 business days ago", "2026-10-28", False),
    ("Expect news by the end of the month.", "the end of the month", "2026-11-30", True),
    ("We met on 11/3.", "11/3", "2026-11-03", False),
    ("We met on the 3rd of November.", "3rd of November", "2026-11-03", False),
    ("Decisions go out next week.", "next week", "2026-11-13", False),
])
def test_expressions_resolve_against_the_anchor(text, found, day, deadline):
    mentions = timeline.find(text, WED)
    assert [(m.text, m.when.date().isoformat(), m.deadline) for m in mentions] == [(found, day, deadline)]
    m = mentions[0]
    assert text[m.start:m.end] == found


def test_a_bare_weekday_looks_ahead_after_will_and_back_otherwise():
    assert timeline.find("We will decide on Friday.", WED)[0].when.date().isoformat() == "2026-11-06"
    assert timeline.find("We met on Friday.", WED)[0].when.date().isoformat() == "2026-10-30"


def test_words_that_are_not_dates_are_not_found():
    assert timeline.find("May I ask about the mayor's march on the sun deck?", WED) == []


@pytest.mark.parametrize("line, expected", [
    (" Mon, Nov 2, 2026 at 9:14 AM Dana Smith <dana@acme.com> ", datetime(2026, 11, 2, 9, 14)),
    (" 11/2/2026 9:14 AM, Dana Smith ", datetime(2026, 11, 2, 9, 14)),
    (" Nov 2, 2026, at 09:14, Dana Smith ", datetime(2026, 11, 2, 9, 14)),
    (" 2 Nov 2026 at 17:05, Dana <dana@acme.com> ", datetime(2026, 11, 2, 17, 5)),
    (" Monday, Dana wrote ", None),
])
def test_attribution_line_dates(line, expected):
    assert timeline.attribution_date(line) == expected


def test_quoted_messages_split_at_attributions_and_header_blocks():
    quoted = ("On Tue, Nov 3, 2026 at 8:00 AM Lee <lee@example.com> wrote:\n"
              "Any news?\n"
              "-----Original Message-----\n"
              "From: Dana Smith <dana@acme.com>\n"
              "Sent: Monday, November 2, 2026 4:10 PM\n"
              "We'll decide by Friday.\n")
    msgs = timeline.quoted_messages(quoted)
    assert [(m.when, m.author) for m in msgs] == [
        (datetime(2026, 11, 3, 8, 0), "lee@example.com"),
        (datetime(2026, 11, 2, 16, 10), "dana smith <dana@acme.com>"),
    ]
    assert "We'll decide" in quoted[msgs[1].start:msgs[1].end]
    assert "We'll decide" not in quoted[msgs[0].start:msgs[0].end]


def test_moment_is_the_flag_then_the_date_header_then_now():
    draft = parse_bytes(b"Subject: Hi\nDate: Tue, 3 Nov 2026 09:14:00 -0500\n\nHello there.\n", "d.txt")
    assert timeline.moment(draft) == (datetime(2026, 11, 3, 9, 14), "header")
    assert timeline.moment(draft, WED) == (WED, "flag")
    bare = parse_bytes(b"Hello there.\n", "d.txt")
    when, source = timeline.moment(bare)
    assert source == "now" and abs((datetime.now() - when).total_seconds()) < 60


def test_a_bad_date_is_a_readable_error():
    with pytest.raises(ValueError, match="'next blursday' is not a date"):
        timeline.parse_moment("next blursday")
