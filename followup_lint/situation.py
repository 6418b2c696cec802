"""What a kind-aware check knows about a draft besides its words: its kind,
its moment, the messages it quotes, its place in a thread, and what follows
from them (when the interview was, the date the employer gave, how many of
the sender's check-ins went unanswered).

Made once per draft by the engine (:func:`build`); the dates are worked out
only when a check asks (each is a cached property), so a draft whose kind
has no timing check pays for none of it. No spaCy here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property

from followup_lint import kinds as kinds_mod
from followup_lint import threads, timeline

# Sentences about the interview itself (its date) and about the decision
# (the date the employer gave).
_INTERVIEW = re.compile(r"(?i)\b(interview\w*|met|meet(ing)?|spoke|speak(ing)?|talk(ed|ing)?|conversation|chat"
                        r"(ted|ting)?|call|visit(ed)?|on-?site|panel)\b")
_DECISION = re.compile(r"(?i)\b(decid\w*|decision\w*|get back to you|hear (back|from)|update|let you know|"
                       r"be in touch|follow up|reach out|respond|news|next steps|final(ize|ise|izing|ising)\b|"
                       r"wrap(ping)? up|come back to you|answer)\b")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")
_YOU_SAID = re.compile(r"(?i)\byou\b[^.!?]{0,30}\b(said|mentioned|told me|expected|hoped|planned|would)\b")


@dataclass(frozen=True)
class Dated:
    """A date a check found, and where it came from (offsets in Draft.source)."""

    when: datetime
    start: int
    end: int
    text: str
    place: str  # "text" (the sender's words), "quoted" or "thread"


class Situation:
    def __init__(self, draft, kind, moment: datetime, moment_source: str, position: threads.Position):
        self.draft = draft
        self.kind = kind
        self.moment = moment
        self.moment_source = moment_source  # "flag", "header" or "now"
        self.position = position

    # -- the quoted history ---------------------------------------------------
    @cached_property
    def quoted(self):
        """The quoted part of the body as a MappedText, or None."""
        return kinds_mod.quoted_text(self.draft)

    @cached_property
    def quoted_messages(self) -> list[timeline.Quoted]:
        if self.quoted is None:
            return []
        return timeline.quoted_messages(self.quoted.text)

    def _quoted_mentions(self, prefer: int, sentence_filter: re.Pattern) -> list[Dated]:
        out: list[Dated] = []
        q = self.quoted
        if q is None:
            return out
        for msg in self.quoted_messages:
            anchor = msg.when or self.moment
            chunk = q.text[msg.start:msg.end]
            for sent in _SENTENCE.finditer(chunk):
                if not sentence_filter.search(sent.group(0)):
                    continue
                if timeline._ATTRIBUTION.match(sent.group(0)) or timeline._HEADER_DATE.match(sent.group(0)):
                    continue
                for m in timeline.find(sent.group(0), anchor, prefer):
                    a = msg.start + sent.start() + m.start
                    s, e = q.source_span(a, a + len(m.text))
                    out.append(Dated(m.when, s, e, m.text, "quoted"))
        return out

    def _text_mentions(self, prefer: int, sentence_filter: re.Pattern, extra: re.Pattern | None = None):
        out: list[Dated] = []
        t = self.draft.text
        for sent in _SENTENCE.finditer(t.text):
            text = sent.group(0)
            if not sentence_filter.search(text) or (extra is not None and not extra.search(text)):
                continue
            for m in timeline.find(text, self.moment, prefer):
                if m.bare_weekday and self.moment_source == "now":
                    continue  # "on Tuesday" in an undated draft: which Tuesday is anyone's guess
                s, e = t.source_span(sent.start() + m.start, sent.start() + m.end)
                out.append(Dated(m.when, s, e, m.text, "text"))
        return out

    # -- what the checks ask ---------------------------------------------------
    @cached_property
    def interview(self) -> Dated | None:
        """When the interview was: a date the sender gives ("yesterday's
        interview", "on Monday"), else one from the quoted invitation
        ("your interview is scheduled for Thursday, November 5"); the latest
        that is not after the draft's moment."""
        today = self.moment.replace(hour=0, minute=0, second=0, microsecond=0)
        for found in (self._text_mentions(-1, _INTERVIEW), self._quoted_mentions(+1, _INTERVIEW)):
            past = [d for d in found if d.when <= today]
            if past:
                return max(past, key=lambda d: d.when)
        return None

    @cached_property
    def stated_date(self) -> Dated | None:
        """The date the employer said the decision or news would come by,
        from the quoted messages (or the sender's "you mentioned you would
        decide by Friday"): the latest one given."""
        found = self._quoted_mentions(+1, _DECISION)
        found += self._text_mentions(+1, _DECISION, _YOU_SAID)
        if not found:
            return None
        return max(found, key=lambda d: d.when)

    @cached_property
    def unanswered(self) -> list[Dated]:
        """The sender's own earlier messages that got no reply, newest last:
        from the thread in a batch, else from the quoted history (messages
        quoted from the sender's own address, one after another)."""
        earlier = self.position.unanswered
        if earlier:
            return [Dated(e.when or self.moment, 0, 0, e.path, "thread") for e in earlier]
        me = self._sender()
        if not me or self.quoted is None:
            return []
        out = []
        for msg in self.quoted_messages:
            if msg.when is None and not msg.author:
                continue
            if me not in msg.author:
                break
            s, e = self.quoted.source_span(msg.start, min(msg.end, msg.start + 1))
            out.append(Dated(msg.when or self.moment, s, e, msg.author, "quoted"))
        return list(reversed(out))

    def unanswered_within(self, days: int) -> list[Dated]:
        since = self.moment - timedelta(days=days)
        return [d for d in self.unanswered if d.when >= since]

    def _sender(self) -> str:
        h = self.draft.header("from")
        if h is None:
            return ""
        addrs = h.addresses()
        return addrs[0].lower() if addrs else ""

    def metrics(self) -> dict:
        """``metrics.kind`` of the JSON output."""
        return self.kind.to_dict(self.draft)

    def thread(self) -> dict:
        """``thread`` of the JSON output."""
        return self.position.to_dict(self.moment)


def build(draft, kind: str | None = None, date: datetime | None = None,
          position: threads.Position | None = None) -> Situation:
    k = kinds_mod.classify(draft, kind)
    when, source = timeline.moment(draft, date)
    if position is None:
        mid = draft.header("message-id")
        position = threads.alone(draft.path, mid.value.strip() if mid is not None and mid.value.strip() else None)
    return Situation(draft, k, when, source, position)
