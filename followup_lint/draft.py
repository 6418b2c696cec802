"""A draft: what was read from a file, and which part of it is the sender's.

Every piece of text here is a :class:`MappedText` whose spans are character
offsets in :attr:`Draft.source`, the original file's text, so any finding on
the analysed text points at the right place of the file.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser
from email.utils import getaddresses

from followup_lint import mime
from followup_lint.errors import InputError
from followup_lint.textmap import LineIndex, MappedText

HEADER_NAMES = ("subject", "from", "to", "cc", "bcc", "date", "reply-to",
                "message-id", "in-reply-to", "references", "x-followup-lint-kind")
_TEXT_HEADER = re.compile(r"(?i)(subject|from|to|cc|bcc|date|reply-to|message-id|in-reply-to|references"
                          r"|x-followup-lint-kind)[ \t]*:[ \t]*(.*)")
_RFC822_HINT = re.compile(
    rb"(?im)^(mime-version|content-type|message-id|received|return-path|x-[a-z-]+)[ \t]*:"
)


MAX_TEXT_CHARS = 200_000  # readable text of one draft; more is refused (docs/robustness.md)




@dataclass(frozen=True)
class HeaderField:
    name: str
    value: str
    start: int  # span of the value in Draft.source
    end: int

    def display_names(self) -> list[str]:
        """Display names of the addresses in an address header."""
        names = []
        for name, _addr in getaddresses([self.value]):
            if name:
                names.append(name)
        return names

    def addresses(self) -> list[str]:
        return [addr for _name, addr in getaddresses([self.value]) if addr]


@dataclass(frozen=True)
class Draft:
    path: str
    source: str
    kind: str  # "text", "markdown" or "eml"
    headers: dict[str, HeaderField]
    body: MappedText  # the whole readable body
    text: MappedText  # the sender's own words: judged
    signature: MappedText  # sign-off and signature block: not judged
    excluded: tuple[tuple[int, int], ...] = ()  # quoted/forwarded spans in source
    attachments: tuple[str, ...] = ()
    lines: LineIndex = field(default=None, repr=False, compare=False)  # type: ignore[assignment]
    # its place in a batch's thread (followup_lint.threads.Position); None: checked alone
    thread: object = field(default=None, repr=False, compare=False)

    @property
    def has_headers(self) -> bool:
        return bool(self.headers)

    def header(self, name: str) -> HeaderField | None:
        return self.headers.get(name.lower())

    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(offset)

    def excerpt(self, start: int, end: int) -> str:
        text = self.source[start:end]
        if any("\udc80" <= ch <= "\udcff" for ch in text):
            text = text.encode("utf-8", "surrogateescape").decode("cp1252", "replace")
        return text


# -- reading (bytes -> Draft; the bytes come from followup_lint.sources) ------

_UNICODE_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                 (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _normalized(raw: bytes) -> bytes:
    """UTF-16/32 with a byte-order mark as UTF-8 (the same characters, so the
    same lines and columns); a file whose lines end in CR alone (classic Mac)
    with LF there instead (the same number of bytes, lines as editors count
    them)."""
    for bom, codec in _UNICODE_BOMS:
        if raw.startswith(bom):
            try:
                raw = raw.decode(codec).encode("utf-8")
            except UnicodeError:
                return raw  # not really UTF-16/32: judged as the bytes it is
            break
    if b"\r" in raw and b"\n" not in raw:
        raw = raw.replace(b"\r", b"\n")
    return raw


def parse_bytes(raw: bytes, path: str, kind: str | None = None) -> Draft:
    raw = _normalized(raw)
    if b"\x00" in raw[:8192]:
        raise InputError(f"{path}: looks like a binary file, not a draft")
    if not raw.strip():
        raise InputError(f"{path}: is empty, nothing to check")
    if kind is None:
        kind = "eml" if _looks_like_rfc822(raw) else "text"
    if kind == "eml":
        return _parse_eml(raw, path)
    return _parse_text(raw, path, kind)


def _looks_like_rfc822(raw: bytes) -> bool:
    head = raw[:4096]
    end = mime.header_block_end(head, 0, len(head))[0]
    block = head[:end]
    first = block.split(b"\n", 1)[0]
    if not re.match(rb"[A-Za-z][A-Za-z0-9-]*:", first):
        return False
    return bool(_RFC822_HINT.search(block))


def _decode_text_file(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _parse_text(raw: bytes, path: str, kind: str) -> Draft:
    source = _decode_text_file(raw)
    pos = 1 if source.startswith("\ufeff") else 0
    headers: dict[str, HeaderField] = {}
    # Optional header lines at the top: "Subject: ...", "To: ...".
    while True:
        nl = source.find("\n", pos)
        line_end = len(source) if nl < 0 else nl
        line = source[pos:line_end].rstrip("\r")
        m = _TEXT_HEADER.fullmatch(line)
        if not m:
            break
        name = m.group(1).lower()
        vstart = pos + m.start(2)
        value = m.group(2).rstrip()
        headers[name] = HeaderField(name, value, vstart, vstart + len(value))
        pos = len(source) if nl < 0 else nl + 1
    if headers:
        # one blank line may separate headers from the body
        m = re.match(r"[ \t]*\r?\n", source[pos:])
        if m:
            pos += m.end()
    body = MappedText.identity(source[pos:], pos)
    body = mime.drop_cr(body)
    return _finish(path, source, kind, headers, body, ())


def _parse_eml(raw: bytes, path: str) -> Draft:
    source = raw.decode("utf-8", errors="surrogateescape")
    byte_to_char = _byte_to_char(source, len(raw))
    try:
        msg = BytesParser(policy=policy.default).parsebytes(raw)
    except RecursionError:
        raise InputError(f"{path}: malformed MIME: multipart parts nested too deeply") from None
    except Exception as exc:  # the parser is lenient; this is a last resort
        raise InputError(f"{path}: not a readable email message ({_one_line(exc)})") from None

    headers = _eml_headers(msg, raw, byte_to_char)
    body_bytes, attachments = _eml_body(raw, path)
    if not body_bytes.text.strip():
        if attachments:
            raise InputError(f"{path}: no text to check, only attachments ({_one_line(', '.join(attachments))})")
        raise InputError(f"{path}: no text to check (the message body is empty)")
    # spans are byte offsets so far; make them character offsets of source
    body = MappedText(
        body_bytes.text,
        tuple(byte_to_char[s] for s in body_bytes.starts),
        tuple(byte_to_char[e] for e in body_bytes.ends),
    )
    return _finish(path, source, "eml", headers, body, tuple(attachments))


def _eml_headers(msg, raw: bytes, byte_to_char: list[int]) -> dict[str, HeaderField]:
    """The headers a rule reads, each with its value's span in the file."""
    hdr_end, _ = mime.header_block_end(raw, 0, len(raw))
    headers: dict[str, HeaderField] = {}
    for name in HEADER_NAMES:
        try:
            value = msg.get(name)
        except Exception:
            value = None
        if value is None:
            continue
        m = re.search(rb"(?im)^" + name.encode() + rb"[ \t]*:[ \t]*", raw[:hdr_end])
        if m:
            vstart = m.end()
            # the value runs to the end of the (possibly folded) header
            fm = re.compile(rb"[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*").match(raw, vstart, hdr_end)
            vend = fm.end() if fm else vstart
            start, end = byte_to_char[vstart], byte_to_char[vend]
        else:
            start = end = 0
        headers[name] = HeaderField(name, str(value), start, end)
    return headers


def _eml_body(raw: bytes, path: str) -> tuple[MappedText, list[str]]:
    """The text parts (plain, else HTML as text), joined, with byte spans;
    and the names of the attachments."""
    try:
        parts = mime.walk(raw)
    except mime.MimeError as exc:
        raise InputError(f"{path}: {exc}") from None
    attachments = []
    plain: list[MappedText] = []
    html: list[MappedText] = []
    for part in parts:
        if part.is_attachment:
            attachments.append(part.filename or part.content_type)
            continue
        data, starts, ends = mime.decode_transfer(raw, part.body_start, part.body_end, part.transfer_encoding)
        text = mime.decode_charset(data, starts, ends, part.charset)
        if part.content_type == "text/html":
            html.append(mime.html_to_text(text))
        elif part.content_type == "text/plain":
            plain.append(text)
    chosen = plain or html
    return (MappedText.join(chosen, "\n\n") if chosen else MappedText.empty()), attachments


def _byte_to_char(source: str, nbytes: int) -> list[int]:
    if source.isascii():
        return range(nbytes + 1)  # type: ignore[return-value]  (indexes like the list, in no memory)
    table = array("l")
    for i, ch in enumerate(source):
        table.extend([i] * len(ch.encode("utf-8", "surrogateescape")))
    table.append(len(source))
    return table  # type: ignore[return-value]


def _one_line(text) -> str:
    return " ".join(str(text).split())[:200]


def _finish(path, source, kind, headers, body, attachments) -> Draft:
    from followup_lint.sender import split_sender

    if len(body.text) > MAX_TEXT_CHARS:
        raise InputError(f"{path}: too long for an email draft ({len(body.text):,} characters of text; "
                         f"the limit is {MAX_TEXT_CHARS:,})")

    text, signature, excluded = split_sender(body)
    return Draft(
        path=path,
        source=source,
        kind=kind,
        headers=headers,
        body=body,
        text=text,
        signature=signature,
        excluded=tuple(excluded),
        attachments=attachments,
        lines=LineIndex(source),
    )


__all__ = ["Draft", "HeaderField", "InputError", "parse_bytes"]
