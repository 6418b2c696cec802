"""Kind-aware structure: what a note of its kind must have, how long it may
run, and when it should go out (docs/kinds.md has the sources)."""

from __future__ import annotations

from followup_lint.registry import Option, rule
from followup_lint.rules._kinds import (
    THANKS, day, first_line, kind_of, note_finding, situation_if, start_of_day, where, word_count, words_after,
)

_NEEDS_THANKS = {"rejection-reply": "a reply to a rejection", "withdrawal": "a withdrawal",
                 "thank-you": "a thank-you note"}


@rule("S501", "kind-without-thanks", "structure", "warning")
def kind_without_thanks(ctx):
    """A thank-you note, a reply to a rejection or a withdrawal that never thanks.

    What it does:
        For a draft whose kind (docs/kinds.md) is `thank-you`,
        `rejection-reply` or `withdrawal`, checks that the sender's own words
        thank the reader somewhere ("thank you", "thanks", "grateful",
        "I appreciate"). Other kinds are not checked.

    Why is this bad?
        Thanks is the point of a thank-you note, and the one thing career
        advisers agree a reply to a rejection and a withdrawal must say: the
        reader gave you their time and will remember how you left. Without
        it the note reads as cold or resentful.

    Example:
        Hi Dana,

        Noted. Please keep my CV on file for future openings.

        Sam

    Use instead:
        Hi Dana,

        Thank you for letting me know, and for the time you and the team
        gave me. Please keep me in mind for future openings.

        Sam
    """
    kind = kind_of(ctx)
    if kind not in _NEEDS_THANKS or not ctx.draft.text.text.strip():
        return
    if THANKS.search(ctx.draft.text.text) or THANKS.search(ctx.draft.signature.text):
        return
    start, end = first_line(ctx)
    yield ctx.finding(start, end, f"{_NEEDS_THANKS[kind]} that never thanks the reader: they gave you their time, "
                      "and they will remember how you left it",
                      ["Thank you for letting me know, and for the time you and the team gave me."])


@rule("S502", "kind-runs-long", "structure", "info",
      options={"rejection-reply-max-words": Option(int, 150, "words a reply to a rejection may have"),
               "withdrawal-max-words": Option(int, 150, "words a withdrawal may have")})
def kind_runs_long(ctx):
    """A reply to a rejection or a withdrawal that runs long.

    What it does:
        Counts the sender's own words in a `rejection-reply` (more than
        `rejection-reply-max-words`, default 150) or a `withdrawal` (more
        than `withdrawal-max-words`, default 150) and points from the line
        where the limit is passed to the end of the note.

    Why is this bad?
        Both notes do one thing: thank, keep the door open, and stop. A long
        one reads as an argument, a plea or an explanation nobody asked for,
        and the reader skims past the one line that mattered.

    Example:
        A reply to a rejection of four paragraphs that goes back over each
        interview, explains what you meant to say, and lists your skills
        again.

    Use instead:
        Thank you for letting me know, and for your time. I enjoyed meeting
        the team and would welcome the chance to be considered for future
        roles.
    """
    kind = kind_of(ctx)
    if kind not in ("rejection-reply", "withdrawal"):
        return
    limit = ctx.options[f"{kind}-max-words"]
    text = ctx.draft.text.text
    cut = words_after(text, limit)
    if cut is None:
        return
    what = "a reply to a rejection" if kind == "rejection-reply" else "a withdrawal"
    yield ctx.finding(cut, len(text.rstrip()),
                      f"{word_count(text)} words is long for {what} (at most {limit}): thank them, keep the door "
                      "open and stop; the rest reads as an argument or a plea",
                      ["Cut to three or four sentences: thanks, one kind word about the team, the door left open."])


@rule("S503", "late-thank-you", "structure", "warning",
      options={"max-days": Option(int, 2, "days after the interview a thank-you may go out")})
def late_thank_you(ctx):
    """A thank-you note that goes out days after the interview.

    What it does:
        For a `thank-you` draft, finds the interview's date: one the sender
        gives ("yesterday's interview", "on Monday") resolved against the
        draft's moment, else one quoted from the invitation ("your interview
        is scheduled for Thursday, November 5") resolved against that
        message's date. The moment is the `Date:` header, else `--date`,
        else now. Flags the note when it goes out more than `max-days`
        (default 2) days after the interview.

    Why is this bad?
        A thank-you is read as a sign of interest while the decision is
        being made, usually within a day or two. Five days on, the panel may
        have decided, and a late note reads as an afterthought.

    Example:
        Date: Tue, 10 Nov 2026 09:00:00 -0500

        Thank you for the interview on Thursday, November 5.

    Use instead:
        Send it the same day or the next: a short note that names one thing
        from the conversation. If you are late, say so briefly and add
        something useful (a link, an answer you promised).
    """
    s = situation_if(ctx, "thank-you")
    interview = s.interview if s is not None else None
    if interview is None:
        return
    days = (start_of_day(s.moment) - interview.when).days
    limit = ctx.options["max-days"]
    if days <= limit:
        return
    yield note_finding(ctx, f"this thank-you goes out {days} days after the interview ({day(interview.when)}, "
                            f"\"{interview.text}\" at {where(ctx, interview.start)}): send it within {limit} days, "
                            "while they are still deciding",
                       "Send thank-you notes the same day or the next; when late, add something useful.")


@rule("S601", "check-in-before-stated-date", "structure", "warning")
def check_in_before_stated_date(ctx):
    """A check-in that goes out before the date the employer gave.

    What it does:
        For a `check-in` draft, finds the date the employer said news would
        come by, in the quoted message ("we expect to decide by the end of
        next week", "you'll hear from us within two weeks"), resolved
        against that message's date, or in the sender's own "you mentioned
        you would decide by Friday". Flags the check-in when its moment
        (the `Date:` header, `--date`, else now) is on or before that date.

    Why is this bad?
        Asking for news before the date they gave tells the reader you did
        not listen, or that you will be hard work. Recruiters advise waiting
        until the date has passed, then a day or two more.

    Example:
        Date: Wed, 4 Nov 2026 10:00:00 -0500

        Any update on the role?

        On Mon, Nov 2, 2026 at 4:10 PM Priya <priya@acme.com> wrote:
        > We'll decide by the end of next week.

    Use instead:
        Wait until the date has passed (here, Monday, Nov 16), then write
        a short note that restates your interest.
    """
    s = situation_if(ctx, "check-in")
    stated = s.stated_date if s is not None else None
    if stated is None:
        return
    today = start_of_day(s.moment)
    if today > stated.when:
        return
    yield note_finding(ctx, f"this check-in goes out on {day(today)}, before the date they gave: \"{stated.text}\" "
                            f"({day(stated.when)}, {where(ctx, stated.start)}); wait until it has passed",
                       f"Hold this until after {day(stated.when)}, then check in briefly.")


@rule("S602", "third-unanswered-check-in", "structure", "warning",
      options={"max-unanswered": Option(int, 1, "earlier unanswered messages a check-in may follow"),
               "within-days": Option(int, 7, "how far back the earlier messages are counted")})
def third_unanswered_check_in(ctx):
    """A check-in that follows unanswered ones within a week.

    What it does:
        For a `check-in` draft, counts the sender's own earlier messages
        that got no reply, sent within `within-days` days (default 7)
        before this one: in a batch, the earlier messages of the draft's
        thread (Message-ID, In-Reply-To, References, then subject); for a
        file alone, the messages it quotes from the sender's own address.
        Flags the draft when more than `max-unanswered` (default 1) went
        before it, so the third unanswered check-in in a week is flagged.

    Why is this bad?
        One follow-up is diligence; a third in a week, with no reply to the
        first two, is pestering. It makes a busy reader less likely to
        answer, and may end the application.

    Example:
        A "just circling back" sent two days after an unanswered "any
        update?", which came three days after an unanswered thank-you.

    Use instead:
        After two unanswered notes, wait a week or two more, or write to
        someone else in the process once; then let it go.
    """
    s = situation_if(ctx, "check-in")
    if s is None:
        return
    within = ctx.options["within-days"]
    earlier = s.unanswered_within(within)
    limit = ctx.options["max-unanswered"]
    if len(earlier) <= limit:
        return
    first = min(e.when for e in earlier)
    nth = {2: "third", 3: "fourth", 4: "fifth"}.get(len(earlier), f"{len(earlier) + 1}th")
    yield note_finding(ctx, f"this is the {nth} message in a row without a reply, all since {day(first)}: "
                            "another one now reads as pestering",
                       "Wait a week or two more, or write once to someone else in the process.")
