"""The parts of a note every rule family needs: greeting and sign-off."""

from __future__ import annotations

import re
from dataclasses import dataclass

from followup_lint.data import phrases
from followup_lint.sender import closing_by_shape, is_closing

# What a mail program or a list puts before a subject: "Re:", "Fwd:",
# "[PATCH v2 1/3]", "[EXTERNAL]". Not the sender's words: no rule judges them.
SUBJECT_TAGS = re.compile(r"(?:\s*(?i:re|fwd?|aw)\s*:|\s*\[[A-Z0-9](?:[A-Z0-9 /._+-]|(?<= )v\d+)*\])+")

_GREETING = re.compile(
    r"(?i)^[ \t]*(?P<word>dear|hi|hello|hey|hiya|greetings|good\s+(?:morning|afternoon|evening|day)"
    r"|to\s+whom\s+it\s+may\s+concern)\b(?P<rest>[^\n]*)"
)
_NAME_END = re.compile(r"[,:!\n]|\s[-\u2013\u2014]\s")
_HONORIFIC = re.compile(r"(?i)^(mr|mrs|ms|miss|mx|dr|prof|professor)\.?$")


@dataclass(frozen=True)
class Greeting:
    start: int  # span of the whole greeting in the analysed text
    end: int
    word: str
    name: str
    name_start: int
    name_end: int

    @property
    def is_nameless(self) -> bool:
        name = re.sub(r"\s+", " ", self.name.strip().lower().rstrip(".,!:"))
        if not name or name in phrases("generic_addressees"):
            return True
        words = name.split()
        return all(w in phrases("generic_addressees") or _HONORIFIC.match(w) for w in words)


def find_greeting(text: str) -> Greeting | None:
    """The greeting at the start of ``text`` ("Hi Dana," / "Dear Ms. Park:")."""
    lead = len(text) - len(text.lstrip())
    m = _GREETING.match(text, lead)
    if not m:
        return None
    word = re.sub(r"\s+", " ", m.group("word"))
    rest_start = m.start("rest")
    rest = m.group("rest")
    stop = _NAME_END.search(rest)
    if stop:
        name_part = rest[:stop.start()]
        end = rest_start + stop.start() + (1 if rest[stop.start()] in ",:!" else 0)
    else:
        if len(rest.split()) > 4:  # a sentence, not a greeting line
            name_part = ""
            end = m.end("word")
        else:
            name_part = rest
            end = m.end("rest")
    lstrip = len(name_part) - len(name_part.lstrip())
    name = name_part.strip()
    name_start = rest_start + lstrip
    if word.lower() == "to whom it may concern":
        name, name_start = "", m.end("word")
    if len(name.split()) > 5:  # "Hi, I wanted to ..." is not a name
        name, end = "", m.end("word")
    return Greeting(lead, end, word, name, name_start, name_start + len(name))


@dataclass(frozen=True)
class SignOff:
    closing: str
    closing_start: int  # span of the closing phrase in the signature text
    closing_end: int
    name: str  # first line after the closing ("" if none)
    name_start: int
    name_end: int


def find_signoff(signature: str) -> SignOff | None:
    """The closing line of a signature block and the name under it."""
    pos = 0
    lines = signature.split("\n")
    nonblank = [ln for ln in lines if ln.strip()]
    for i, line in enumerate(lines):
        if is_closing(line) or (i == 0 and len(nonblank) > 1 and closing_by_shape(line, nonblank[1])):
            lead = len(line) - len(line.lstrip())
            closing = line.strip()
            name, ns = "", pos + len(line)
            npos = pos + len(line) + 1
            for nxt in lines[i + 1:]:
                if nxt.strip():
                    name = nxt.strip()
                    ns = npos + len(nxt) - len(nxt.lstrip())
                    break
                npos += len(nxt) + 1
            return SignOff(closing, pos + lead, pos + lead + len(closing), name, ns, ns + len(name))
        pos += len(line) + 1
    return None




