"""A sentence too long for one LanguageTool request, sent in pieces.

LanguageTool's time on one sentence grows with the square of its length
(measured on this project's 2-core machine, a sentence of words with no
punctuation: 10,000 characters 1.0 s, 20,000 3.1-4.2 s, 50,000 17 s; a busy
machine took more than the 60 s request timeout). A draft with a sentence
longer than :data:`LONG` characters (pasted text without punctuation: a log,
a list, a dictated note) is therefore sent in pieces of at most
:data:`PIECE` characters, cut at white space inside that sentence only; a
text without such a sentence is one request, as before.

Where a sentence is cut, LanguageTool sees a sentence end and a sentence
start that are not there ("thanks" at a piece's start is not a capital
letter; the piece's last word has no full stop). A match that touches the
word before or the word after a cut is dropped, whatever its rule: a real
mistake in those two words is lost, one not near a cut is reported as
usual. A rule that compares two words across a cut does not see them
together. Our own W101 reports the sentence itself.

The cuts depend only on the sentence (counted from its start, and a
sentence never crosses a blank line), so a paragraph is cut at the same
places whichever text it is sent in: the paragraph cache
(:mod:`followup_lint.grammar.paragraphs`) keeps equal answers.
"""

from __future__ import annotations

import re
from typing import Callable

from followup_lint.grammar.paragraphs import Raw

LONG = 4_000  # characters: a longer sentence is cut
PIECE = 2_000  # characters: at most this much of it per request

# where a sentence ends, roughly as LanguageTool ends one: a full stop,
# question or exclamation mark (and closing quotes or brackets) before white
# space, or a blank line. Seeing an end LanguageTool would not see only
# makes a run shorter, so at worst a long sentence is not cut.
_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*\s+|\n[ \t]*\n\s*")
_SPACE = re.compile(r"\s+")

Send = Callable[[str, dict], list[Raw]]


def cuts(text: str) -> list[int]:
    """The offsets where ``text`` is cut (empty: sent whole)."""
    out: list[int] = []
    start = 0
    for m in [*_END.finditer(text), None]:
        end = m.start() if m is not None else len(text)
        if end - start > LONG:
            out.extend(_cut_sentence(text, start, end))
        if m is not None:
            start = m.end()
    return out


def _cut_sentence(text: str, start: int, end: int) -> list[int]:
    out = []
    pos = start
    while end - pos > PIECE:
        # the last white space in the next PIECE characters, the cut after it
        # (the white space stays with the piece before); none: a hard cut
        spaces = [s.end() for s in _SPACE.finditer(text, pos + 1, pos + PIECE)]
        cut = spaces[-1] if spaces else pos + PIECE
        out.append(cut)
        pos = cut
    return out


def send(one: Send, text: str, extra: dict) -> list[Raw]:
    """``one(text, extra)``, or, for a text with an over-long sentence, one
    request per piece, the matches moved back into ``text``'s offsets and
    those touching a cut's two words dropped."""
    at = cuts(text)
    if not at:
        return one(text, extra)
    bounds = [0, *at, len(text)]
    near = [_around(text, c) for c in at]
    out: list[Raw] = []
    for a, b in zip(bounds, bounds[1:]):
        for m in one(text[a:b], extra):
            m = m.moved(a)
            end = m.offset + max(m.error_length, 1)
            if not any(m.offset < hi and lo < end for lo, hi in near):
                out.append(m)
    return out


def _around(text: str, cut: int) -> tuple[int, int]:
    """From the start of the word before ``cut`` to the end of the word after it."""
    lo = cut
    while lo > 0 and text[lo - 1].isspace():
        lo -= 1
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    hi = cut
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    return lo, hi
