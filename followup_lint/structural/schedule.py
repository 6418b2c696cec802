"""Whether a note is about a time ("Thursday at 10 works for me"): a
short note of that kind is a complete reply."""

from __future__ import annotations

import re

from followup_lint.structural.clause import time_tokens


SCHEDULE_WORDS = frozenset({"work", "suit", "confirm", "available", "availability", "schedule", "reschedule",
                            "book", "slot", "meet", "free", "time", "calendar", "invite", "invitation",
                            "appointment", "move", "arrange", "fit", "convenient"})
_HOUR = re.compile(r"^\d{1,2}([:.]\d\d)?\s*(am|pm|a\.m\.|p\.m\.)?$", re.I)


def schedules(doc) -> bool:
    """The note is about a time: it names a day or an hour ("Thursday at
    10", "the 14th", "3pm") and a verb or noun of scheduling ("works for
    me", "confirm", "available", "slot"). A short note of that kind is a
    complete reply, not a dashed-off one."""
    times = time_tokens(doc)
    hours = [t for t in doc if _HOUR.match(t.text) and t.i > 0 and doc[t.i - 1].lower_ in ("at", "from", "until",
                                                                                          "by", "after", "before")]
    hours += [t for t in doc if re.match(r"^\d{1,2}(am|pm)$", t.lower_)]
    if not times and not hours:
        return False
    return any(t.lemma_ in SCHEDULE_WORDS or t.lower_ in SCHEDULE_WORDS for t in doc)
