"""Threads in a batch: Message-ID, In-Reply-To, References, then subject."""

from __future__ import annotations

from datetime import datetime

from followup_lint import threads


def eml(msgid, frm, to, date, subject, in_reply_to=None, references=None) -> bytes:
    lines = [f"From: {frm}", f"To: {to}", f"Date: {date}", f"Subject: {subject}"]
    if msgid:
        lines.append(f"Message-ID: {msgid}")
    if in_reply_to:
        lines.append(f"In-Reply-To: {in_reply_to}")
    if references:
        lines.append(f"References: {references}")
    return ("\n".join(lines) + "\n\nHello.\n").encode()


ME, HR, OTHER = "Sam <sam@example.com>", "Dana <dana@acme.com>", "Jo <jo@globex.com>"


def positions(messages):
    headers = [threads.read_header(raw, i, f"m{i}.eml") for i, raw in enumerate(messages)]
    return threads.group(headers)


def test_replies_join_by_ids_and_are_ordered_by_date():
    msgs = [
        eml("<c@x>", ME, HR, "Mon, 9 Nov 2026 09:00:00 +0000", "Re: Interview", "<b@x>", "<a@x> <b@x>"),
        eml("<a@x>", ME, HR, "Mon, 2 Nov 2026 09:00:00 +0000", "Interview"),
        eml("<b@x>", HR, ME, "Tue, 3 Nov 2026 09:00:00 +0000", "Re: Interview", "<a@x>"),
        eml("<z@x>", OTHER, ME, "Tue, 3 Nov 2026 09:00:00 +0000", "Lunch?"),
    ]
    pos = positions(msgs)
    assert {pos[i].thread for i in (0, 1, 2)} == {"<a@x>"}
    assert [pos[i].index for i in (1, 2, 0)] == [1, 2, 3]
    assert pos[3].thread == "<z@x>" and pos[3].size == 1
    assert [e.path for e in pos[0].earlier] == ["m1.eml", "m2.eml"]
    assert [e.mine for e in pos[0].earlier] == [True, False]
    assert pos[0].unanswered == ()  # the employer answered the last one


def test_unanswered_counts_the_senders_own_messages_since_the_last_reply():
    msgs = [
        eml("<a@x>", HR, ME, "Mon, 2 Nov 2026 09:00:00 +0000", "Next steps"),
        eml("<b@x>", ME, HR, "Tue, 10 Nov 2026 09:00:00 +0000", "Re: Next steps", "<a@x>", "<a@x>"),
        eml("<c@x>", ME, HR, "Thu, 12 Nov 2026 09:00:00 +0000", "Re: Next steps", "<b@x>", "<a@x> <b@x>"),
        # no In-Reply-To, but it names an ancestor in References
        eml("<d@x>", ME, HR, "Mon, 16 Nov 2026 09:00:00 +0000", "Re: Next steps", None, "<a@x>"),
    ]
    pos = positions(msgs)
    assert [e.path for e in pos[3].unanswered] == ["m1.eml", "m2.eml"]
    d = pos[3].to_dict(datetime(2026, 11, 16, 9, 0))
    assert d == {"id": "<a@x>", "index": 4, "messages": 4, "previous": "m2.eml", "unanswered": 2,
                 "days_since_previous": 4.0}


def test_messages_without_ids_join_by_subject_between_the_same_people_only():
    msgs = [
        eml(None, ME, HR, "Mon, 2 Nov 2026 09:00:00 +0000", "Thank you"),
        eml(None, ME, HR, "Mon, 9 Nov 2026 09:00:00 +0000", "RE: Thank you"),
        eml(None, ME, OTHER, "Mon, 9 Nov 2026 09:00:00 +0000", "Thank you"),  # another company
        b"Subject: Thank you\n\nA text draft with no addresses.\n",
    ]
    pos = positions(msgs)
    assert pos[0].thread == pos[1].thread == "subject:thank you"
    assert pos[2].size == 1 and pos[3].size == 1
    assert pos[3].thread == "m3.eml"


def test_unreadable_headers_make_a_thread_of_one():
    pos = positions([b"\x00\x01garbage", b"no headers at all\n"])
    assert [(p.thread, p.size) for p in pos.values()] == [("m0.eml", 1), ("m1.eml", 1)]
