"""When a note goes out: real .eml threads, a Maildir and an mbox, built here
and checked by the real command (docs/kinds.md)."""

from __future__ import annotations

import email.message
import json
import mailbox

from conftest import run_cli

SAM = "Sam Park <sam@example.com>"
DANA = "Dana Lee <dana@acme.example>"


def mail(frm, to, date, subject, body, msgid=None, in_reply_to=None, references=None):
    m = email.message.EmailMessage()
    m["From"], m["To"], m["Date"], m["Subject"] = frm, to, date, subject
    if msgid:
        m["Message-ID"] = msgid
    if in_reply_to:
        m["In-Reply-To"] = in_reply_to
    if references:
        m["References"] = references
    m.set_content(body)
    return m


def check(*paths, extra=()):
    proc = run_cli("check", "--format", "json", "--no-grammar", "--no-cache", "--select", "S5,S6", *extra,
                   *map(str, paths))
    assert proc.returncode in (0, 1), proc.stderr.decode()
    return {f["path"]: f for f in json.loads(proc.stdout)["files"]}


def codes(entry):
    return [f["code"] for f in entry["findings"]]


DECIDE = ("Hi Sam,\n\nThank you for coming in today, it was great to meet you. We will decide by the end "
          "of next week and let you know either way.\n\nDana\n")
CHECK_IN = "Hi Dana,\n\nI wanted to check in on the analyst role. Is there any update?\n\nBest regards,\nSam\n"


def check_in_replying(date: str):
    """Sam's check-in on ``date``, replying to (and quoting) Dana's "we will
    decide by the end of next week" of Mon, Nov 2, 2026."""
    quoted = "\n".join("> " + line if line else ">" for line in DECIDE.splitlines())
    body = CHECK_IN + "\nOn Mon, Nov 2, 2026 at 4:10 PM Dana Lee <dana@acme.example> wrote:\n" + quoted + "\n"
    return mail(SAM, DANA, date, "Re: Next steps", body, "<c1@example.com>", "<d1@acme.example>",
                "<d1@acme.example>")


def test_a_check_in_before_the_stated_date_is_flagged_and_one_after_it_is_not(tmp_path):
    early = tmp_path / "early.eml"
    early.write_bytes(check_in_replying("Wed, 4 Nov 2026 10:00:00 -0500").as_bytes())
    late = tmp_path / "late.eml"
    late.write_bytes(check_in_replying("Mon, 16 Nov 2026 10:00:00 -0500").as_bytes())
    found = check(early, late)
    e, l = found[str(early)], found[str(late)]
    assert e["metrics"]["kind"]["name"] == l["metrics"]["kind"]["name"] == "check-in"
    assert codes(e) == ["S601"] and codes(l) == []
    f = e["findings"][0]
    assert (f["line"], f["excerpt"]) == (early.read_bytes().decode().split("\n").index(
        "I wanted to check in on the analyst role. Is there any update?") + 1, "check in")
    assert "Fri, Nov 13" in f["message"] and "Wed, Nov 4" in f["message"]


def test_date_flag_replays_a_draft_at_another_moment(tmp_path):
    early = tmp_path / "early.eml"
    early.write_bytes(check_in_replying("Wed, 4 Nov 2026 10:00:00 -0500").as_bytes())
    assert codes(check(early, extra=("--date", "2026-11-17"))[str(early)]) == []
    assert codes(check(early, extra=("--date", "2026-11-12T09:00"))[str(early)]) == ["S601"]
    proc = run_cli("check", "--date", "someday", str(early))
    assert proc.returncode == 2
    assert b"--date: 'someday' is not a date" in proc.stderr


def test_a_thank_you_five_days_after_the_quoted_interview_date_is_flagged(tmp_path):
    invitation = ("Hi Sam,\n\nYour interview is scheduled for Thursday, November 5 at 2pm with Priya and Tom.\n\n"
                  "Dana\n")
    quoted = "\n".join("> " + line if line else ">" for line in invitation.splitlines())
    body = ("Hi Dana,\n\nThank you for having me in to meet Priya and Tom. I enjoyed the whiteboard session on "
            "the billing pipeline.\n\nBest regards,\nSam\n\n"
            "On Mon, Nov 2, 2026 at 9:00 AM Dana Lee <dana@acme.example> wrote:\n" + quoted + "\n")
    late = tmp_path / "late.eml"
    late.write_bytes(mail(SAM, DANA, "Tue, 10 Nov 2026 09:00:00 -0500", "Re: Interview", body).as_bytes())
    prompt = tmp_path / "prompt.eml"
    prompt.write_bytes(mail(SAM, DANA, "Fri, 6 Nov 2026 09:00:00 -0500", "Re: Interview", body).as_bytes())
    found = check(late, prompt)
    assert found[str(late)]["metrics"]["kind"]["name"] == "thank-you"
    assert codes(found[str(late)]) == ["S503"] and codes(found[str(prompt)]) == []
    assert "5 days after the interview (Thu, Nov 5" in found[str(late)]["findings"][0]["message"]


def _nudges():
    """Dana's reply, then three of Sam's check-ins in a week with no answer."""
    return [
        mail(DANA, SAM, "Mon, 2 Nov 2026 16:10:00 -0500", "Next steps", "Hi Sam,\n\nThanks for today. More soon.\n\nDana\n",
             "<d1@acme.example>"),
        mail(SAM, DANA, "Mon, 9 Nov 2026 09:00:00 -0500", "Re: Next steps", CHECK_IN, "<s1@example.com>",
             "<d1@acme.example>", "<d1@acme.example>"),
        mail(SAM, DANA, "Wed, 11 Nov 2026 09:00:00 -0500", "Re: Next steps",
             CHECK_IN.replace("I wanted to check in", "I am following up"), "<s2@example.com>", "<s1@example.com>",
             "<d1@acme.example> <s1@example.com>"),
        mail(SAM, DANA, "Fri, 13 Nov 2026 09:00:00 -0500", "Re: Next steps",
             CHECK_IN.replace("I wanted to check in", "I am circling back"), "<s3@example.com>", "<s2@example.com>",
             "<d1@acme.example> <s1@example.com> <s2@example.com>"),
    ]


def test_a_third_unanswered_check_in_in_a_week_is_flagged_in_a_maildir(tmp_path):
    box = mailbox.Maildir(str(tmp_path / "Sent"), create=True)
    keys = [box.add(m) for m in reversed(_nudges())]  # stored out of order: dates decide
    box.close()
    found = check(tmp_path / "Sent")
    by_id = {}
    for key in keys:
        path = next(p for p in found if key in p)
        by_id[mailbox.Maildir(str(tmp_path / "Sent"), create=False)[key]["Message-ID"]] = found[path]
    third, second = by_id["<s3@example.com>"], by_id["<s2@example.com>"]
    assert codes(third) == ["S602"] and codes(second) == [] and codes(by_id["<s1@example.com>"]) == []
    assert "third message in a row without a reply, all since Mon, Nov 9" in third["findings"][0]["message"]
    assert third["thread"]["id"] == "<d1@acme.example>"
    assert (third["thread"]["index"], third["thread"]["messages"], third["thread"]["unanswered"]) == (4, 4, 2)
    assert third["thread"]["days_since_previous"] == 2.0
    assert by_id["<d1@acme.example>"]["thread"]["previous"] is None


def test_a_third_unanswered_check_in_in_a_week_is_flagged_in_an_mbox(tmp_path):
    path = tmp_path / "sent.mbox"
    box = mailbox.mbox(str(path))
    for m in _nudges():
        box.add(m)
    box.close()
    found = check(path)
    assert [codes(found[f"{path}:{n}"]) for n in (1, 2, 3, 4)] == [[], [], [], ["S602"]]
    line = found[f"{path}:4"]["findings"][0]["line"]
    assert path.read_text().split("\n")[line - 1] == "I am circling back on the analyst role. Is there any update?"
    assert {found[f"{path}:{n}"]["thread"]["id"] for n in (1, 2, 3, 4)} == {"<d1@acme.example>"}


def test_a_check_in_after_a_reply_is_not_the_third(tmp_path):
    msgs = _nudges()
    msgs.insert(3, mail(DANA, SAM, "Thu, 12 Nov 2026 09:00:00 -0500", "Re: Next steps",
                        "Hi Sam,\n\nStill waiting on one panel member.\n\nDana\n", "<d2@acme.example>",
                        "<s2@example.com>", "<d1@acme.example> <s1@example.com> <s2@example.com>"))
    path = tmp_path / "sent.mbox"
    box = mailbox.mbox(str(path))
    for m in msgs:
        box.add(m)
    box.close()
    found = check(path)
    assert all(codes(found[f"{path}:{n}"]) == [] for n in range(1, 6))
    assert found[f"{path}:5"]["thread"]["unanswered"] == 0
