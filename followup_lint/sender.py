"""Which part of a body the sender wrote: no quoted replies, no signature.

mail-parser-reply finds where the latest reply ends and where its signature
starts; its output is whitespace-normalised, so it is aligned back onto the
original lines.  Then lines it leaves in but are not the sender's words
(inline ``>`` quotes, forwarded-message markers) are taken out, and a sign-off
line ("Warmly,") it did not know starts the signature.
"""

from __future__ import annotations

import re

from followup_lint.data import phrases
from followup_lint.textmap import MappedText

_FORWARD = re.compile(
    r"(?i)^\s*(-{2,}\s*forwarded message\s*-{2,}|begin forwarded message:|-{2,}\s*original message\s*-{2,}"
    r"|_{5,}\s*$|from:\s.*\bsent:\s)"
)
_WROTE = re.compile(r"(?i)^\s*on\b.{4,200}\bwrote:\s*$")
_SIG_DASHES = re.compile(r"^--\s*$")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, without its newline."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _closing_re() -> re.Pattern:
    alts = "|".join(re.escape(p) for p in sorted(phrases("closings"), key=len, reverse=True))
    return re.compile(rf"(?i)^\s*({alts})\s*[,.!]?\s*$")


_CLOSING = None


def is_closing(line: str) -> bool:
    global _CLOSING
    if _CLOSING is None:
        _CLOSING = _closing_re()
    return bool(_CLOSING.match(line))


# A closing line not in the list is still a closing by its shape: a short
# phrase ending in a comma ("Talk soon,", "Thanks in advance,") with a name
# on the next line and nothing after it but the signature.
_SHORT_CLOSING = re.compile(r"^\s*[A-Z][A-Za-z'\u2019 ]{1,30},\s*$")
_NAME_LINE = re.compile(r"^\s*[A-Z][\w.'\u2019-]*(\s+[A-Z][\w.'\u2019-]*){0,3}\s*$")


def closing_by_shape(line: str, next_line: str | None) -> bool:
    """``line`` is a sign-off by its shape: at most four words ending in a
    comma, and ``next_line`` (the next non-blank line) is a name."""
    return (next_line is not None and len(line.split()) <= 4 and bool(_SHORT_CLOSING.match(line))
            and bool(_NAME_LINE.match(next_line)))


def _squeeze(line: str) -> str:
    """A line with its whitespace runs made single spaces, and no edges."""
    return " ".join(line.split())


def _for_parser(lines: list[str]) -> str:
    """The body as mail-parser-reply gets it: each line squeezed, runs of
    blank lines made one. Its signature pattern backtracks over whitespace
    runs (quadratic time on a file of 100,000 blank lines); what it returns
    is aligned back by each line's non-blank, squeezed text, so nothing
    that matters is lost."""
    out: list[str] = []
    for line in lines:
        line = _squeeze(line)
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out)


def _parse_reply(text: str) -> tuple[list[str], list[str]] | None:
    try:
        from mailparser_reply import EmailReplyParser

        message = EmailReplyParser(languages=["en"]).read(text=text)
    except Exception:
        return None
    if not message.replies:
        return None
    first = message.replies[0]
    return first.body.split("\n"), (first.signatures or "").split("\n")


def _align(wanted: list[str], lines: list[str], cursor: int) -> list[int] | None:
    """Indices of ``lines`` matching each non-blank ``wanted`` line in order."""
    found = []
    for w in wanted:
        w = _squeeze(w)
        if not w:
            continue
        j = cursor
        while j < len(lines) and _squeeze(lines[j]) != w:
            j += 1
        if j == len(lines):
            return None
        found.append(j)
        cursor = j + 1
    return found


def split_sender(body: MappedText) -> tuple[MappedText, MappedText, list[tuple[int, int]]]:
    """Return (sender's text, signature block, excluded source spans)."""
    spans = _lines(body.text)
    lines = [body.text[s:e] for s, e in spans]
    end_line = len(lines)  # exclusive: lines from here on are not the sender's
    sig_line: int | None = None

    parsed = _parse_reply(_for_parser(lines))
    if parsed is not None:
        body_lines, sig_lines = parsed
        got_body = _align(body_lines, lines, 0)
        if got_body is not None:
            after = (got_body[-1] + 1) if got_body else 0
            got_sig = _align(sig_lines, lines, after) if any(s.strip() for s in sig_lines) else []
            if got_sig:
                sig_line = got_sig[0]
                end_line = got_sig[-1] + 1
            elif got_body:
                end_line = got_body[-1] + 1
    # forwarded or quoted history the parser left in, or the diff of a patch
    # email (git format-patch puts "---" before the diffstat): cut there
    last_diff = max((i for i, ln in enumerate(lines) if ln.startswith("diff --git ")), default=-1)
    for i in range(min(end_line, len(lines))):
        if _FORWARD.match(lines[i]) or _WROTE.match(lines[i]) or _patch_starts(lines, i, last_diff):
            end_line = i
            if sig_line is not None and sig_line >= i:
                sig_line = None
            break
    if sig_line is None:
        sig_line = _find_signoff(lines, end_line)

    keep = [i for i in range(min(end_line, sig_line if sig_line is not None else end_line))
            if not lines[i].lstrip().startswith(">")]
    excluded = []
    for i, (s, e) in enumerate(spans):
        if i >= end_line or (lines[i].lstrip().startswith(">") and i < end_line):
            if e > s:
                excluded.append(body.source_span(s, e))
    text = _runs(body, spans, keep)
    if sig_line is not None and sig_line < end_line:
        signature = body.slice(spans[sig_line][0], spans[end_line - 1][1])
    else:
        signature = MappedText.empty()
    return _strip(text), _strip(signature), excluded


def _patch_starts(lines: list[str], i: int, last_diff: int) -> bool:
    """Line ``i`` starts a patch: a diff, or the "---" before a diffstat
    (``last_diff``: the index of the last diff line, -1 if none; found
    once, so a file of many "---" lines takes linear time)."""
    if lines[i].startswith("diff --git "):
        return True
    return lines[i].rstrip() == "---" and last_diff > i


def _find_signoff(lines: list[str], end_line: int) -> int | None:
    nonblank = [i for i in range(end_line) if lines[i].strip()]
    for i in reversed(nonblank[-6:]):
        if is_closing(lines[i]) or _SIG_DASHES.match(lines[i]):
            return i
    for k in range(len(nonblank) - 2, max(0, len(nonblank) - 6), -1):  # never the first line (a greeting)
        i = nonblank[k]
        if closing_by_shape(lines[i], lines[nonblank[k + 1]]):
            return i
    return None


def _runs(body: MappedText, spans: list[tuple[int, int]], keep: list[int]) -> MappedText:
    """Slices of consecutive kept lines, joined by newlines."""
    parts = []
    run_start = None
    prev = None
    for i in keep:
        if run_start is None:
            run_start = prev = i
        elif i == prev + 1:
            prev = i
        else:
            parts.append(body.slice(spans[run_start][0], spans[prev][1]))
            run_start = prev = i
    if run_start is not None:
        parts.append(body.slice(spans[run_start][0], spans[prev][1]))
    return MappedText.join(parts, "\n")


def _strip(mt: MappedText) -> MappedText:
    text = mt.text
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    return mt.slice(start, max(start, end))
