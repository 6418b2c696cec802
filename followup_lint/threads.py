"""Threads in a batch: which drafts of a folder, Maildir or mbox belong to
one conversation, and what came before each.

Messages are joined by their ``Message-ID``, ``In-Reply-To`` and
``References`` headers (RFC 5322 section 3.6.4); a message that names none
joins the thread of another with the same subject once ``Re:``/``Fwd:``
prefixes are taken off. In a thread, messages are ordered by their
``Date:`` header (the batch order breaks ties and stands in for a missing
date). For each message :class:`Position` says which thread it is in,
where, and what came before it: the earlier messages, how many of the
sender's own messages in a row went unanswered just before it, and how
long ago the previous one went out.

Only header blocks are read here (the standard library's header parser,
no body, no spaCy), in the main process, before the drafts are analysed:
a worker gets each draft's :class:`Position` with its task. A draft
checked alone is a thread of one; its quoted history is read by the kind
checks instead (:mod:`followup_lint.timeline`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses

_IDS = re.compile(r"<[^<>\s]+>")
_PREFIX = re.compile(r"(?i)^\s*((re|fw|fwd|aw|sv|vs)\s*(\[\d+\])?\s*:\s*)+")
_TEXT_HEADER = re.compile(rb"(?i)^(subject|from|to|date|message-id|in-reply-to|references)[ \t]*:[ \t]*(.*?)\r?$")


@dataclass(frozen=True)
class Header:
    """What threading needs of one message."""

    index: int  # its place in the batch
    path: str
    message_id: str | None
    parents: tuple[str, ...]  # In-Reply-To first, then References newest first
    subject: str
    sender: str  # From address, lower case ("" when none)
    when: datetime | None
    people: frozenset[str] = frozenset()  # From, To and Cc addresses



@dataclass(frozen=True)
class Earlier:
    """One earlier message of the thread, as a check sees it."""

    path: str
    sender: str
    when: datetime | None
    mine: bool  # from the same address as the draft

    def to_dict(self) -> dict:
        return {"path": self.path, "date": self.when.isoformat() if self.when else None, "mine": self.mine}


@dataclass(frozen=True)
class Position:
    """A draft's place in its thread."""

    thread: str  # the thread's id: its first message's Message-ID, or "subject:..." / the path
    index: int  # 1-based place in the thread
    size: int  # messages of the thread in the batch
    earlier: tuple[Earlier, ...] = field(default_factory=tuple)

    @property
    def unanswered(self) -> tuple[Earlier, ...]:
        """The sender's own messages just before this one, with no message
        from anyone else in between (oldest first)."""
        run: list[Earlier] = []
        for e in reversed(self.earlier):
            if not e.mine:
                break
            run.append(e)
        return tuple(reversed(run))

    def fingerprint(self) -> str:
        """What of the position can change findings (for the result cache)."""
        return repr((self.thread, self.index, self.size,
                     tuple((e.path, e.sender, e.when, e.mine) for e in self.earlier)))

    def to_dict(self, moment: datetime | None = None) -> dict:
        last = self.earlier[-1] if self.earlier else None
        since = None
        if last is not None and last.when is not None and moment is not None:
            since = round((moment - last.when).total_seconds() / 86400, 2)
        return {"id": self.thread, "index": self.index, "messages": self.size,
                "previous": last.path if last else None,
                "unanswered": len(self.unanswered), "days_since_previous": since}


def alone(path: str, message_id: str | None = None) -> Position:
    return Position(message_id or path, 1, 1, ())


def read_header(raw: bytes, index: int, path: str) -> Header:
    """The threading headers of a message (an email, or a text draft that
    starts with header lines)."""
    head = _head(raw)
    fields: dict[str, str] = {}
    if head is not None:
        try:
            msg = BytesHeaderParser(policy=compat32).parsebytes(head)
            for name in ("message-id", "in-reply-to", "references", "subject", "from", "to", "cc", "date"):
                value = msg.get(name)
                if value is not None:
                    fields[name] = " ".join(str(value).split())
        except Exception:  # a header block the parser cannot read: a thread of one
            fields = {}
    message_id = next(iter(_IDS.findall(fields.get("message-id", ""))), None)
    parents = tuple(_IDS.findall(fields.get("in-reply-to", ""))) + \
        tuple(reversed(_IDS.findall(fields.get("references", ""))))
    senders = [a.lower() for _n, a in getaddresses([fields.get("from", "")]) if a]
    when = None
    if fields.get("date"):
        from followup_lint.timeline import parse_moment

        try:
            when = parse_moment(fields["date"])
        except ValueError:
            when = None
    people = frozenset(a.lower() for _n, a in getaddresses([fields.get(k, "") for k in ("from", "to", "cc")]) if a)
    return Header(index, path, message_id, tuple(dict.fromkeys(p for p in parents if p != message_id)),
                  _PREFIX.sub("", fields.get("subject", "")).strip().lower(), senders[0] if senders else "", when,
                  people)


def _head(raw: bytes) -> bytes | None:
    """The header block of ``raw``, or None when it has none."""
    first = raw[:200].lstrip(b"\xef\xbb\xbf")
    if not re.match(rb"[A-Za-z][A-Za-z0-9-]*[ \t]*:", first):
        return None
    m = re.search(rb"\r?\n\r?\n", raw[:65536])
    return raw[:m.start()] + b"\n" if m else raw[:65536]


def group(headers: list[Header]) -> dict[int, Position]:
    """Each message's Position, by its batch index."""
    parent = list(range(len(headers)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    by_id: dict[str, int] = {}
    for i, h in enumerate(headers):
        if h.message_id:
            by_id.setdefault(h.message_id, i)
    # messages that name the same (possibly absent) ancestor are one thread too
    by_ref: dict[str, int] = {}
    for i, h in enumerate(headers):
        for p in h.parents:
            if p in by_id:
                join(i, by_id[p])
            if p in by_ref:
                join(i, by_ref[p])
            else:
                by_ref[p] = i
        if h.message_id and h.message_id in by_ref:
            join(i, by_ref[h.message_id])
    # then the subject, between messages of the same correspondents (two shared
    # addresses: a candidate's notes to two companies are two threads)
    by_subject: dict[str, list[int]] = {}
    for i, h in enumerate(headers):
        if h.subject and h.people:
            by_subject.setdefault(h.subject, []).append(i)
    for i, h in enumerate(headers):
        if h.parents or not h.subject or not h.people or _is_referenced(h, by_ref):
            continue
        for j in by_subject.get(h.subject, ()):
            shared = headers[j].people & h.people
            if j != i and (len(shared) >= 2 or headers[j].people == h.people):
                join(i, j)
                break
    threads: dict[int, list[int]] = {}
    for i in range(len(headers)):
        threads.setdefault(root(i), []).append(i)
    out: dict[int, Position] = {}
    for members in threads.values():
        ordered = sorted(members, key=lambda i: (headers[i].when or datetime.max, i))
        first = headers[ordered[0]]
        tid = first.message_id or (f"subject:{first.subject}" if first.subject and len(members) > 1 else first.path)
        for n, i in enumerate(ordered):
            me = headers[i].sender
            earlier = tuple(Earlier(headers[j].path, headers[j].sender, headers[j].when,
                                    bool(me) and headers[j].sender == me) for j in ordered[:n])
            out[headers[i].index] = Position(tid, n + 1, len(members), earlier)
    return out


def _is_referenced(h: Header, by_ref: dict[str, int]) -> bool:
    return bool(h.message_id) and h.message_id in by_ref
