"""When a draft goes out, and what the dates in it and in its quote mean.

* The draft's **moment** is its ``Date:`` header, else now; ``--date`` sets
  it (tests, replays). Times are compared as wall-clock times of the draft
  (naive datetimes): the checks here count days, not minutes.
* A **quoted message** starts at its attribution line ("On Mon, Nov 3, 2026
  at 9:14 AM Dana <dana@acme.com> wrote:") or at the ``Date:``/``Sent:``
  line of a forwarded or original-message header block; its date is the
  moment its own expressions are resolved against.
* **Expressions** ("yesterday", "last Tuesday", "by Friday", "within two
  weeks", "the end of next week", "November 5") are found by a small
  pattern table here (:data:`_EXPRESSION`) and resolved with
  python-dateutil: ``dateutil.parser`` for written dates and
  ``dateutil.relativedelta`` for every relative step (weekdays, weeks,
  month ends). No calendar arithmetic is written here beyond choosing the
  relativedelta for a phrase. Why dateutil and not dateparser or spaCy's
  DATE entities: docs/kinds.md ("Dates"), measured by ``bench/dates.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

DAY_WORDS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "a couple of": 2, "a couple": 2, "a few": 3, "few": 3,
           "couple of": 2}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WD = r"(?:mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:r|rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)"
_WD_FULL = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
          r"|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?)")
_NUM = r"(?:\d{1,2}|a couple(?: of)?|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten)"
_UNIT = r"(?:business |working )?(?:days?|weeks?|months?)"

# One alternation, longest forms first; each named group says how to resolve.
_EXPRESSION = re.compile(
    r"(?i)(?<![\w'])(?:"
    rf"(?P<abs>(?:{_WD},?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?)"
    r"|\d{1,2}/\d{1,2}(?:/\d{2,4})?)"
    r"|(?P<part>(?:the\s+)?(?:(?:end|beginning|start|middle)\s+of|early|mid|late)[- ]?\s*(?:the\s+)?"
    r"(?P<part_which>this|next|the|last)\s+(?P<part_unit>week|month))"
    rf"|(?P<span>(?P<span_which>next|last|this|the\s+coming|the\s+past|the\s+following)\s+(?P<span_unit>week|month|{_WD_FULL}))"
    rf"|(?P<ago>(?P<ago_n>{_NUM})\s+(?P<ago_unit>{_UNIT})\s+ago)"
    rf"|(?P<ahead>(?:in|within|in\s+the\s+next|over\s+the\s+next)\s+(?P<ahead_n>{_NUM})\s+(?P<ahead_unit>{_UNIT})"
    r"(?!\s+(?:ago|from)))"
    rf"|(?P<from_now>(?P<from_n>{_NUM})\s+(?P<from_unit>{_UNIT})\s+from\s+(?:now|today))"
    r"|(?P<day>yesterday|today|tonight|tomorrow|this\s+(?:morning|afternoon|evening))"
    rf"|(?P<weekday>{_WD_FULL}(?:'s)?)"
    r")(?![\w])")
# Something every expression holds (a digit, a day, a month, a week...): a
# text without any is not searched with the (much slower) table above.
_HINT = re.compile(r"(?i)\d|day|night|week|month|morning|afternoon|evening|jan|feb|mar|apr|may|jun|jul|aug|sep|oct"
                   r"|nov|dec|mon|tue|wed|thu|fri|sat|sun")
# Words just before an expression that make it a deadline (an upper bound).
_DEADLINE_BEFORE = re.compile(r"(?i)\b(by|before|until|till|no later than)\s+(the\s+)?$")


@dataclass(frozen=True)
class Mention:
    """A date expression in a text: where, what it says, which day."""

    start: int  # offsets in the searched text
    end: int
    text: str
    when: datetime  # the day it names (a deadline's last day); midnight
    deadline: bool  # "by Friday", "within two weeks": the latest the thing is expected
    bare_weekday: bool = False  # "on Tuesday": which Tuesday depends on when it was written


@dataclass(frozen=True)
class Quoted:
    """A quoted message: its date, and where its text is in the quoted text."""

    when: datetime | None
    author: str  # the attribution's name/address, lower case ("" when unknown)
    start: int  # offsets in the quoted text (from the attribution/header line to the next)
    end: int


_RFC5322 = re.compile(r"(?i)^(?:[a-z]{3},\s*)?\d{1,2}\s+[a-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}")


def parse_moment(value: str) -> datetime:
    """A ``--date`` value or ``Date:`` header as a naive wall-clock datetime
    (ValueError with a readable message when it is not a date)."""
    from email.utils import parsedate_to_datetime

    value = value.strip()
    if _RFC5322.match(value):  # the header's own format: the standard library reads it exactly
        try:
            return parsedate_to_datetime(value).replace(tzinfo=None)
        except (TypeError, ValueError, IndexError):
            pass
    from dateutil import parser

    try:
        return parser.parse(value).replace(tzinfo=None)
    except (ValueError, OverflowError):
        raise ValueError(f"{value!r} is not a date (use e.g. 2026-11-03 or 2026-11-03T09:14)") from None


def moment(draft, override: datetime | None = None) -> tuple[datetime, str]:
    """The draft's moment and where it came from: "flag", "header" or "now"."""
    if override is not None:
        return override, "flag"
    header = draft.header("date")
    if header is not None and header.value.strip():
        try:
            return parse_moment(header.value), "header"
        except ValueError:
            pass
    return datetime.now().replace(microsecond=0), "now"


def _midnight(dt: datetime) -> datetime:
    return dt.replace(hour=0, minute=0, second=0, microsecond=0)


def _count(text: str) -> int:
    t = " ".join(text.lower().split())
    return int(t) if t.isdigit() else NUMBERS.get(t, 1)


def _shift(anchor: datetime, n: int, unit: str, sign: int) -> datetime:
    """``anchor`` moved ``n`` days, working days, weeks or months (``sign``: +1 ahead, -1 back)."""
    from dateutil.relativedelta import relativedelta

    unit = unit.lower()
    if "business" in unit or "working" in unit:
        from dateutil.rrule import DAILY, FR, MO, TH, TU, WE, rrule

        workdays = (MO, TU, WE, TH, FR)
        if sign > 0:
            return list(rrule(DAILY, byweekday=workdays, dtstart=anchor + timedelta(days=1), count=n))[-1]
        days = list(rrule(DAILY, byweekday=workdays, dtstart=anchor - timedelta(days=2 * n + 7),
                          until=anchor - timedelta(days=1)))
        return days[-n]
    if unit.startswith("day"):
        step = relativedelta(days=n)
    elif unit.startswith("week"):
        step = relativedelta(weeks=n)
    else:
        step = relativedelta(months=n)
    return anchor + step if sign > 0 else anchor - step


def _weekday(anchor: datetime, name: str, direction: int):
    """The named weekday nearest ``anchor`` in ``direction`` (+1 coming, -1
    past; the day itself is neither)."""
    from dateutil.relativedelta import relativedelta, weekday

    idx = next(i for i, w in enumerate(WEEKDAYS) if name.lower().startswith(w[:3]))
    if direction > 0:
        return anchor + relativedelta(days=1, weekday=weekday(idx)(+1))
    return anchor + relativedelta(days=-1, weekday=weekday(idx)(-1))


def _week_part(anchor: datetime, which: str, part: str, unit: str) -> datetime:
    from dateutil.relativedelta import FR, MO, TU, WE, relativedelta

    which = which.lower()
    if unit.lower() == "month":
        base = anchor + relativedelta(months={"next": 1, "last": -1}.get(which, 0))
        if part in ("end", "late"):
            return base + relativedelta(day=31)
        if part in ("middle", "mid"):
            return base + relativedelta(day=15)
        return base + relativedelta(day=7)
    offset = {"next": 1, "last": -1}.get(which, 0)
    monday = anchor + relativedelta(weekday=MO(-1), weeks=offset)
    day = {"end": FR, "late": FR, "middle": WE, "mid": WE}.get(part, TU)
    return monday + relativedelta(weekday=day(+1))


def find(text: str, anchor: datetime, prefer: int = 0) -> list[Mention]:
    """The date expressions in ``text`` resolved against ``anchor``.
    ``prefer``: +1 reads a bare weekday ("on Friday") as the coming one,
    -1 as the past one, 0 by its words (a deadline looks ahead, else back)."""
    out: list[Mention] = []
    if not _HINT.search(text):
        return out
    from dateutil import parser

    base = _midnight(anchor)
    for m in _EXPRESSION.finditer(text):
        before = text[max(0, m.start() - 24):m.start()]
        deadline = bool(_DEADLINE_BEFORE.search(before))
        g = m.lastgroup
        when: datetime | None = None
        try:
            if g == "abs":
                when = parser.parse(m.group("abs").replace("of ", ""), default=base)
                if not re.search(r"\d{4}", m.group("abs")) and when > base + timedelta(days=183):
                    when = when.replace(year=when.year - 1)
            elif g == "part":
                words = m.group("part").lower().replace("the ", "").replace("-", " ").split()
                part = words[0]
                when = _week_part(base, m.group("part_which"), part, m.group("part_unit"))
                deadline = deadline or part in ("end", "late")
            elif g == "span":
                which = " ".join(m.group("span_which").lower().split())
                unit = m.group("span_unit").lower()
                forward = which in ("next", "the coming", "the following")
                if unit in ("week", "month"):  # "next week": its last working day
                    when = _week_part(base, "next" if forward else "last" if which in ("last", "the past")
                                      else "this", "end", unit)
                else:
                    direction = 1 if forward or (which == "this" and prefer >= 0) else -1
                    when = _weekday(base, unit, direction)
            elif g == "ago":
                n = _count(m.group("ago_n"))
                when = _shift(base, n, m.group("ago_unit"), -1)
                deadline = False
            elif g == "ahead":
                n = _count(m.group("ahead_n"))
                when = _shift(base, n, m.group("ahead_unit"), +1)
                deadline = True
            elif g == "from_now":
                n = _count(m.group("from_n"))
                when = _shift(base, n, m.group("from_unit"), +1)
            elif g == "day":
                word = " ".join(m.group("day").lower().split())
                when = base + timedelta(days=DAY_WORDS.get(word, 0))
            elif g == "weekday":
                direction = prefer or (1 if deadline or _future_before(before) else -1)
                when = _weekday(base, m.group("weekday"), direction)
        except (ValueError, OverflowError, StopIteration, IndexError):
            when = None
        if when is not None:
            out.append(Mention(m.start(), m.end(), m.group(0), _midnight(when), deadline, g == "weekday"))
    return out


_FUTURE_WORDS = re.compile(r"(?i)\b(will|'ll|shall|going to|expect|plan|hope|next|coming|on or before)\b[^.]*$")


def _future_before(before: str) -> bool:
    return bool(_FUTURE_WORDS.search(before))


# -- quoted messages ------------------------------------------------------

_ATTRIBUTION = re.compile(r"(?im)^[ \t>]*on\b(?P<body>.{4,200}?)\bwrote:[ \t]*$")
_HEADER_DATE = re.compile(r"(?im)^[ \t>]*(?:date|sent)[ \t]*:[ \t]*(?P<value>.+?)[ \t]*$")
_HEADER_FROM = re.compile(r"(?im)^[ \t>]*from[ \t]*:[ \t]*(?P<value>.+?)[ \t]*$")
_DATE_PART = re.compile(
    rf"(?i)(?:{_WD},?\s+)?(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    r"|\d{1,2}/\d{1,2}/\d{2,4})(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)?")


def attribution_date(line_body: str) -> datetime | None:
    """The date of an attribution line's middle ("Mon, Nov 3, 2026 at 9:14 AM Dana <d@x> ")."""
    from dateutil import parser

    m = _DATE_PART.search(line_body)
    if not m:
        return None
    try:
        return parser.parse(m.group(0).replace(" at ", " "), fuzzy=True).replace(tzinfo=None)
    except (ValueError, OverflowError):
        return None


def quoted_messages(quoted: str) -> list[Quoted]:
    """The messages of a quoted text, newest first (as mail clients quote)."""
    marks: list[tuple[int, datetime | None, str]] = []
    for m in _ATTRIBUTION.finditer(quoted):
        body = m.group("body")
        marks.append((m.start(), attribution_date(body), _author(body)))
    for m in _HEADER_DATE.finditer(quoted):
        try:
            when = parse_moment(m.group("value"))
        except ValueError:
            when = None
        # the From: of the same header block (within a few lines above or below)
        block = quoted[max(0, m.start() - 300):m.end() + 300]
        f = _HEADER_FROM.search(block)
        marks.append((m.start(), when, f.group("value").lower() if f else ""))
    marks.sort(key=lambda t: t[0])
    # a header block's Date and an attribution line a few lines apart are one message
    merged: list[tuple[int, datetime | None, str]] = []
    for pos, when, author in marks:
        if merged and pos - merged[-1][0] < 200 and (merged[-1][1] is None or when is None):
            p, w, a = merged[-1]
            merged[-1] = (p, w or when, a or author)
            continue
        merged.append((pos, when, author))
    if not merged:
        return [Quoted(None, "", 0, len(quoted))]
    out = []
    if merged[0][0] > 0 and quoted[:merged[0][0]].strip():
        out.append(Quoted(None, "", 0, merged[0][0]))  # quoted text above the first attribution
    for i, (pos, when, author) in enumerate(merged):
        end = merged[i + 1][0] if i + 1 < len(merged) else len(quoted)
        out.append(Quoted(when, author, pos, end))
    return out


def _author(body: str) -> str:
    m = re.search(r"<([^>]+@[^>]+)>", body)
    if m:
        return m.group(1).lower()
    m = re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", body)
    return m.group(0).lower() if m else body.strip().lower()
