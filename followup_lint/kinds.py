"""What kind of note a draft is: thank-you, check-in, rejection reply, offer
reply, withdrawal, or other.

The kind is read the way a person reads it: the subject line, the sender's
own words and the message they quote (a quoted "we have decided to move
forward with other candidates" makes the reply a rejection reply, whatever
the sender wrote). Each cue is a regular expression with a weight, searched
in one *place* (``subject``, ``text``: the sender's words, ``quoted``: the
quoted or forwarded message); the kind with the highest sum wins, and the
spans of the cues that voted for it are its evidence, as positions in the
original file. No spaCy: this runs on every draft of a batch, and on the
earlier messages of a thread, in well under a millisecond.

A draft can state its kind: an ``X-Followup-Lint-Kind`` header, or the
``--kind`` flag (which wins over the header). The cues are data
(:data:`CUES`), tested in ``tests/test_kinds.py``; ``docs/kinds.md`` lists
what each kind is recognised by.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

KINDS = ("thank-you", "check-in", "rejection-reply", "offer-reply", "withdrawal", "other")
HEADER = "x-followup-lint-kind"
MIN_SCORE = 2.0  # less than this for every kind: "other"
# A follow-up after an interview talks about the job somewhere (subject, text or quote).
_JOB = re.compile(r"(?i)\b(interview\w*|position|role|application|applied|apply(ing)?|candida\w+|offer\w*|hiring|"
                  r"hire[ds]?|recruit\w*|jobs?|openings?|careers?|resume|r\u00e9sum\u00e9|cv|onboarding|salary|"
                  r"shortlist\w*|vacanc\w+|employment|employer)\b")
# On a tie the more specific act wins: a check-in often thanks, a thank-you rarely checks in.
_TIE = ("withdrawal", "offer-reply", "rejection-reply", "check-in", "thank-you")

# What a rejection says (quoted, it makes the reply a rejection reply).
REJECTION_NOTICE = (
    r"(unfortunately|regret(fully)? to (inform|let you know|say)|we (have )?decided to (move|go) (forward|ahead)"
    r" with (other|another|a different)|(move|moving|go|going) (forward|ahead) with (other|another|a different)"
    r" (candidates?|applicants?|direction)|(not|no longer) (be )?(moving|move) (forward|ahead) with your|"
    r"not (been )?selected|position has (been|now been) filled|(decided|chosen) not to (proceed|move forward|"
    r"offer)|pursue other candidates|will not be (moving|proceeding|offering)|we (won't|will not) be able to "
    r"offer|not (the right|a) (fit|match) (for|at) this time)")

# (kind, place, weight, pattern). Patterns are case-insensitive and searched
# in the place's text; "\b" edges are added around each. A cue counts once
# per place however often it matches (its first match is the evidence).
CUES: tuple[tuple[str, str, float, str], ...] = (
    # -- thank-you: thanks for the interview or the conversation itself
    ("thank-you", "subject", 3.0, r"(thank(s| you)|grateful|appreciat\w*)"),
    ("thank-you", "text", 3.0,
     r"(thank(s| you)|grateful|appreciate\w*)( (so|very) much)?( again)?,? (for|to you for) (taking (the )?time "
     r"to (meet|speak|talk|chat|interview|show)|(your|the) time (today|yesterday|this|on|with me|and insights?)|"
     r"meeting|speaking|talking|chatting|interviewing|the (interview|conversation|chat|call|"
     r"meeting|opportunity to (meet|speak|talk|interview))|(our|the|today's|yesterday's|this morning's|"
     r"friday's|monday's|tuesday's|wednesday's|thursday's) (\w+ )?(interview|conversation|chat|call|meeting|"
     r"discussion|visit|tour)|(having|hosting) me|showing me)"),
    # "Thank you for your time (and consideration)" closes applications and check-ins alike
    ("thank-you", "text", 1.0, r"(thank(s| you)|grateful)( (so|very) much)?( again)?,? for (taking|your|the) time"),
    ("thank-you", "text", 2.0,
     r"(i )?(really |truly |thoroughly )?(enjoyed|loved|appreciated) (meeting|speaking|talking|our|the|"
     r"learning|hearing|getting to)"),
    ("thank-you", "text", 2.0, r"(it was|was) (a pleasure|great|wonderful|lovely|nice) (to )?(meet|speak|talk|"
     r"chat|meeting|speaking|talking)"),
    ("thank-you", "text", 1.0, r"(after|since|during) (our|the|today's|yesterday's) (\w+ )?(interview|conversation"
     r"|call|meeting|chat|discussion)"),
    ("thank-you", "text", 1.0, r"(today|yesterday|this morning|this afternoon)"),
    ("thank-you", "quoted", 1.0, r"(your|the|an) (\w+ )?interview (is|has been) (scheduled|confirmed|set)|"
     r"(invite|invitation|invited) (you )?(to|for) (an|a|the) (\w+ )?(interview|conversation|call)|"
     r"look(ing)? forward to (meeting|speaking with|talking to) you"),
    # -- check-in: asking where things stand
    ("check-in", "subject", 3.0, r"(follow(ing)?[- ]?up|check(ing)?[- ]in|any (news|update|word|feedback)|status|"
     r"update on (my|the)|touching base|circling back)"),
    ("check-in", "text", 3.0,
     r"(follow(ing)? up|check(ing)? in|touch(ing)? base|circl(e|ing) back|any (news|updates?)|(an|any|quick|brief) "
     r"update|the status of|where (things|the process|you|we) (stand|are)|(heard|hear) (anything |something |any "
     r"news )?(back|from (you|them|the team))|(haven't|have not|hadn't) (yet )?heard|any (word|feedback|news) "
     r"(from|on)|next steps in the|updated timeline|still (reviewing|interviewing|deciding|in the process)|"
     r"bump(ing)? this|nudge)"),
    ("check-in", "text", 1.5, r"(timeline|decision|hiring process|selection process|where you are in)"),
    ("check-in", "text", 1.0, r"(still (very )?(interested|excited|keen)|remain (very )?(interested|excited|keen))"),
    ("check-in", "quoted", 1.5, r"(we('ll| will| expect to| hope to| plan to| aim to)|should|you('ll| will)) "
     r"(\w+ )?(decide|make (a|our) decision|be in touch|get back to you|let you know|have (an )?(update|news|"
     r"answer)|follow up|reach out)"),
    ("check-in", "quoted", 1.0, r"(still (reviewing|interviewing|finalizing)|(remaining|other) (candidates|"
     r"interviews)|wrapping up interviews)"),
    # -- rejection reply: the quoted message says no, the sender takes it
    ("rejection-reply", "quoted", 5.0, REJECTION_NOTICE),
    # the sender repeating the notice's words, or naming it
    ("rejection-reply", "text", 3.0,
     r"((we('ve| have)?|you('ve| have)?) (decided|chosen) to (move|go) (forward|ahead) with (other|another|a "
     r"different)|(your|the) rejection|(received|got|read) your (decision|news)|form (letter|email|rejection)|"
     r"(moved|moving|gone|going) (forward|ahead) with (other|another|a different|an internal) (candidates?|"
     r"applicants?|person))"),
    ("rejection-reply", "subject", 2.0, r"(your application|application (status|update)|regarding your candidacy)"),
    ("rejection-reply", "text", 3.0,
     r"(thank(s| you) for (letting me know|the (update|news|reply|response|quick response|heads up)|informing me|"
     r"(getting back|replying|responding|reaching out) to me|your (honesty|response|reply|transparency|"
     r"feedback)|the closure)|sorry (to hear|that it didn't)|(disappointed|disappointing|a disappointment|"
     r"bummed)|(wasn't|was not|am not|i'm not|not) (the one )?(selected|chosen|moving forward)|(your|the) "
     r"decision|didn't work out|did not work out|reconsider|(future|other) (openings|opportunities|roles|"
     r"positions)|keep me in mind|(keep|stay) in touch|(any|some) feedback)"),
    # -- offer reply: an offer was made (quoted or named), the sender answers it
    ("offer-reply", "quoted", 5.0, r"(pleased|happy|delighted|excited|thrilled) to (extend|offer you|make you an offer)"
     r"|(extend|extending|make|making) (you )?(an|a formal|a verbal|the) offer|offer (letter|of employment)|"
     r"your offer (package|details)|(starting|base) salary|compensation package|accept (the|this|our) offer"),
    ("offer-reply", "subject", 3.0, r"(offer|acceptance|accepting)"),
    ("offer-reply", "text", 3.0,
     r"((accept|accepting|decline|declining|consider|considering|review|reviewing|received|receiving|sign|signed|"
     r"signing) (your|the|this|their|an|a) (\w+ )?(kind |generous |formal |written |verbal |job )?offer|"
     r"(your|the|this) (\w+ )?offer (of|for|letter|package|details)|offer (letter|package)|(thank(s| you)( so "
     r"much| very much)? for|(truly |really )?(appreciate|grateful for)) (the|your|this) (\w+ )?offer|(decided|chosen) "
     r"(not to accept|to decline) (the|this|your) (\w+ )?(position|role|offer|job)|(happy|thrilled|delighted|pleased|glad|excited|"
     r"honou?red) to (formally )?accept|(start|starting) date|counter[- ]?offer|negotiat\w+|compensation|"
     r"(base )?salary|signing bonus|equity|relocation package|on board|come aboard|join(ing)? (the|your) team on)"),
    # -- withdrawal: the sender leaves the process. Saying so outright decides it.
    ("withdrawal", "subject", 3.0, r"(withdraw\w*|withdrawal)"),
    ("withdrawal", "text", 8.0,
     r"(withdraw(ing)? (my|myself|from)|withdrawal|(remove|take) (me|my (name|application|candidacy)) (from|out "
     r"of)|(cancel|retract|rescind) my (application|candidacy)|pull(ing)? (myself )?out (of|from)|(step|stepping|"
     r"bow|bowing) (back|out) (from|of) (the|this|consideration))"),
    ("withdrawal", "text", 4.0,
     r"(no longer (be )?(interested in|available for|pursuing|able to (continue|move forward|proceed))|"
     r"(decided|chosen) (not )?to (accept|pursue|continue|stay|remain) (another|a different|an? other|with my|in "
     r"my|my current|other)|(accepted|received) (an|another|a|other) (\w+ )?(offer|position|role|job)|"
     r"(accepted|taken|take) (a|an|another) (\w+ )?(position|role|job) (elsewhere|with|at))"),
)

# Cues for the kinds that are replies; the others are read from the sender's words.
_PLACE_FACTOR = {"subject": 1.0, "text": 1.0, "quoted": 1.0}


@dataclass(frozen=True)
class Evidence:
    """One cue that voted for the kind: where it is in the file."""

    place: str  # "subject", "text", "quoted" or "header" / "flag" (stated)
    start: int  # offsets in Draft.source
    end: int
    text: str

    def to_dict(self, draft) -> dict:
        line, col = draft.position(self.start)
        end_line, end_col = draft.position(self.end)
        return {"place": self.place, "line": line, "column": col, "end_line": end_line, "end_column": end_col,
                "excerpt": draft.excerpt(self.start, self.end)}


@dataclass(frozen=True)
class Kind:
    """The kind of a draft: its name, how sure, why; ``stated`` when a header
    or flag said it."""

    name: str
    confidence: float
    evidence: tuple[Evidence, ...] = ()
    stated: str | None = None  # "header" or "flag"
    scores: tuple[tuple[str, float], ...] = ()

    def to_dict(self, draft) -> dict:
        return {"name": self.name, "confidence": self.confidence,
                "evidence": [e.to_dict(draft) for e in self.evidence],
                "stated": self.stated}


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[str, str, float, re.Pattern, tuple[str, ...]], ...]:
    # a space in a cue matches any run of whitespace: drafts wrap lines anywhere
    return tuple((k, p, w, re.compile(r"(?i)(?<![\w'])" + _spaces(pat) + r"(?![\w])"), literals(pat))
                 for k, p, w, pat in CUES)


def literals(pattern: str) -> tuple[str, ...]:
    """The words of four letters or more written in a cue: a text that holds
    none of them cannot match it, so the (much slower) regular expression is
    not run. Every alternative of every cue has one (tests/test_kinds.py
    checks that skipping never loses a match)."""
    bare = re.sub(r"\\[a-zA-Z]|\[[^\]]*\]", " ", pattern.lower())
    return tuple(sorted(set(re.findall(r"[a-z]{4,}", bare))))


def _spaces(pattern: str) -> str:
    return pattern.replace(" ", r"\s+")


def parse_kind(value: str) -> str | None:
    """A kind name from a header or flag value ("Thank-You", "rejection reply"), or None."""
    v = "-".join(value.strip().lower().replace("_", " ").split())
    aliases = {"thankyou": "thank-you", "thanks": "thank-you", "checkin": "check-in", "follow-up": "check-in",
               "followup": "check-in", "rejection": "rejection-reply", "offer": "offer-reply",
               "decline": "offer-reply", "withdraw": "withdrawal"}
    v = aliases.get(v, v)
    return v if v in KINDS else None


def places(draft) -> dict[str, list]:
    """The draft's texts by place: [(text, MappedText or None, base offset)].

    ``quoted`` is every body line that is not the sender's words or signature
    (``>`` lines, the text after "On ... wrote:", forwarded messages)."""
    out: dict[str, list] = {"subject": [], "text": [], "quoted": []}
    subject = draft.header("subject")
    if subject is not None and subject.value:
        out["subject"].append((subject.value, None, subject.start))
    if draft.text.text:
        out["text"].append((draft.text.text, draft.text, 0))
    quoted = quoted_text(draft)
    if quoted is not None and quoted.text.strip():
        out["quoted"].append((quoted.text, quoted, 0))
    return out


def quoted_text(draft):
    """The quoted and forwarded parts of the body, as one MappedText (its
    lines with their ``>`` marks removed), or None."""
    from followup_lint.textmap import MappedText

    if not draft.excluded:
        return None
    body = draft.body
    spans = sorted(draft.excluded)
    pieces = []
    pos = 0
    text = body.text
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if end <= start:
            continue
        s, _e = body.source_span(start, end)
        if not any(a <= s < b for a, b in spans):
            continue
        m = re.match(r"[ \t]*(>[ \t]?)*", line)
        cut = m.end() if m else 0
        if end - (start + cut) > 0:
            pieces.append(body.slice(start + cut, end))
    return MappedText.join(pieces, "\n") if pieces else None


def classify(draft, stated: str | None = None) -> Kind:
    """The draft's kind; ``stated`` (the --kind flag) wins, then the
    X-Followup-Lint-Kind header, then the cues."""
    if stated:
        name = parse_kind(stated)
        if name:
            return Kind(name, 1.0, (), "flag")
    header = draft.header(HEADER)
    if header is not None and parse_kind(header.value):
        ev = Evidence("header", header.start, header.end, header.value)
        return Kind(parse_kind(header.value), 1.0, (ev,), "header")  # type: ignore[arg-type]
    return infer(draft)


def infer(draft) -> Kind:
    scores = {k: 0.0 for k in KINDS if k != "other"}
    evidence: dict[str, list[Evidence]] = {k: [] for k in scores}
    texts = places(draft)
    lowered = {place: [t.lower() for t, _m, _b in found] for place, found in texts.items()}
    for kind, place, weight, rx, words in _compiled():
        for (text, mapped, base), low in zip(texts[place], lowered[place]):
            if not any(w in low for w in words):
                continue
            m = rx.search(text)
            if m is None:
                continue
            if mapped is not None:
                s, e = mapped.source_span(m.start(), m.end())
            else:
                s, e = base + m.start(), base + m.end()
            scores[kind] += weight * _PLACE_FACTOR[place]
            evidence[kind].append(Evidence(place, s, e, m.group(0)))
            break
    _adjust(scores, texts)
    if not any(_JOB.search(t) for found in texts.values() for t, _m, _b in found):
        # Not about a job at all: a business note that is "disappointed", a
        # news item that says "unfortunately" or "withdraw" is no rejection
        # reply, withdrawal or offer reply (thanks and check-ins need no job
        # word: "Any update?" under "Re: Next steps" is one)
        for kind in ("rejection-reply", "withdrawal", "offer-reply"):
            if not any(e.place == "quoted" for e in evidence[kind]):
                scores[kind] = 0.0
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], _TIE.index(kv[0])))
    best, top = ranked[0]
    if top < MIN_SCORE:
        conf = round(1.0 - top / (MIN_SCORE * 2), 2)
        return Kind("other", conf, (), None, tuple(ranked))
    second = ranked[1][1]
    conf = round(min(0.99, 0.5 + 0.5 * (top - second) / top), 2)
    ev = tuple(sorted(evidence[best], key=lambda e: e.start))
    return Kind(best, conf, ev, None, tuple(ranked))


def _adjust(scores: dict[str, float], texts: dict[str, list]) -> None:
    """Interactions between kinds that single cues cannot say.

    * Declining an offer names the offer: with offer words in the sender's
      text or the quote, "accepted another position" is an offer decline,
      not a withdrawal.
    * A rejection quoted below outweighs the thanks and the feedback request
      the sender writes in reply to it (already by its weight); but a
      rejection the sender only *mentions* does not make a thank-you a
      rejection reply: the sender-text rejection cues are worth less when
      the interview thanks are there and nothing rejecting is quoted.
    """
    if scores["offer-reply"] >= 3 and scores["withdrawal"] >= 3:
        if _has_offer(texts):
            scores["withdrawal"] -= 2.0
        else:
            scores["offer-reply"] -= 2.0
    quoted_rejection = any(_rx(r"unfortunately|other candidates|not (been )?selected|regret").search(t)
                           for t, _m, _b in texts["quoted"])
    if not quoted_rejection and scores["thank-you"] >= 3 and scores["rejection-reply"] > 0:
        scores["rejection-reply"] -= 1.5


def _has_offer(texts) -> bool:
    rx = _rx(r"(your|the|this) (\w+ )?offer|offer (letter|of employment)|extend(ing)? (you )?an offer")
    return any(rx.search(t) for place in ("text", "quoted") for t, _m, _b in texts[place])


@lru_cache(maxsize=None)
def _rx(pattern: str) -> re.Pattern:
    return re.compile(r"(?i)\b(?:" + _spaces(pattern) + r")\b")
