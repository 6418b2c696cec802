"""MIME decoding that keeps track of where every character came from.

The standard library's :mod:`email` package parses the message (headers,
structure, attachment names); this module walks the same structure over the
raw bytes so that each decoded character of a body part knows the byte range
of the original file it was decoded from, through quoted-printable, base64,
charsets and HTML.
"""

from __future__ import annotations

import binascii
import codecs
import html.entities
import re
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from html.parser import HTMLParser

from followup_lint.textmap import LineIndex, MappedText

_HEADER_END = re.compile(rb"\r?\n\r?\n")
MAX_DEPTH = 20  # multiparts nested deeper than this are refused


class MimeError(ValueError):
    """A message whose structure cannot be followed (one line)."""


@dataclass(frozen=True)
class RawPart:
    """A leaf MIME entity and the byte range of its body in the file."""

    headers: EmailMessage
    body_start: int
    body_end: int

    @property
    def content_type(self) -> str:
        return self.headers.get_content_type()

    @property
    def charset(self) -> str:
        return self.headers.get_content_charset() or "us-ascii"

    @property
    def transfer_encoding(self) -> str:
        return str(self.headers.get("Content-Transfer-Encoding", "7bit")).strip().lower()

    @property
    def filename(self) -> str | None:
        return self.headers.get_filename()

    @property
    def is_attachment(self) -> bool:
        disposition = self.headers.get_content_disposition()
        return disposition == "attachment" or (
            self.filename is not None and disposition != "inline"
        ) or not self.content_type.startswith("text/")


def header_block_end(raw: bytes, start: int, end: int) -> tuple[int, int]:
    """Return (end of headers, start of body) for the entity at raw[start:end]."""
    if raw.startswith(b"\r\n", start):
        return start, start + 2
    if raw.startswith(b"\n", start):
        return start, start + 1
    m = _HEADER_END.search(raw, start, end)
    if not m:
        return end, end
    return m.start(), m.end()


def walk(raw: bytes, start: int = 0, end: int | None = None, depth: int = 0) -> list[RawPart]:
    """All leaf entities of the message in raw[start:end], in document order."""
    end = len(raw) if end is None else end
    hdr_end, body_start = header_block_end(raw, start, end)
    headers = BytesHeaderParser(policy=policy.default).parsebytes(raw[start:hdr_end] + b"\n\n")
    ctype = headers.get_content_type()
    if headers.get_content_maintype() == "multipart":
        # the parameter as written: policy.default would decode a boundary that happens to look like an
        # RFC 2047 encoded word ("=?utf-8?B?YQ==?=", legal) into something else ("a")
        boundary = BytesHeaderParser(policy=policy.compat32).parsebytes(raw[start:hdr_end] + b"\n\n").get_boundary()
        if not boundary:
            raise MimeError(f"malformed MIME: a {ctype} part has no boundary parameter")
        if depth >= MAX_DEPTH:
            raise MimeError(f"malformed MIME: multipart parts nested more than {MAX_DEPTH} deep")
        parts: list[RawPart] = []
        for s, e in _split_multipart(raw, body_start, end, boundary.encode("ascii", "replace")):
            parts.extend(walk(raw, s, e, depth + 1))
        return parts
    if ctype == "message/rfc822":
        # A forwarded message is an attachment, not the sender's words.
        return [RawPart(headers, body_start, end)]
    return [RawPart(headers, body_start, end)]


def _split_multipart(raw: bytes, start: int, end: int, boundary: bytes) -> list[tuple[int, int]]:
    delim = re.compile(rb"(?:^|\r?\n)--" + re.escape(boundary) + rb"(--)?[ \t]*(?:\r?\n|$)", re.M)
    spans = []
    prev_end = None
    for m in delim.finditer(raw, start, end):
        if prev_end is not None:
            spans.append((prev_end, m.start()))
        if m.group(1):  # closing delimiter
            prev_end = None
            break
        prev_end = m.end()
    if prev_end is not None:
        spans.append((prev_end, end))
    return spans


# -- transfer encodings ---------------------------------------------------

_HEX = frozenset(b"0123456789ABCDEFabcdef")


def decode_transfer(raw: bytes, start: int, end: int, encoding: str) -> tuple[bytes, list[int], list[int]]:
    """Decode a body; return the bytes and, per decoded byte, its raw span."""
    if encoding == "quoted-printable":
        return _decode_qp(raw, start, end)
    if encoding == "base64":
        return _decode_base64(raw, start, end)
    data = raw[start:end]
    return data, list(range(start, end)), list(range(start + 1, end + 1))


def _decode_qp(raw: bytes, start: int, end: int) -> tuple[bytes, list[int], list[int]]:
    out = bytearray()
    starts: list[int] = []
    ends: list[int] = []
    i = start
    while i < end:
        b = raw[i]
        if b == 0x3D:  # '='
            j = i + 1
            while j < end and raw[j] in b" \t":
                j += 1
            if j < end and raw[j] == 0x0A:
                i = j + 1
                continue
            if j + 1 < end and raw[j] == 0x0D and raw[j + 1] == 0x0A:
                i = j + 2
                continue
            if j >= end:
                break
            if i + 2 < end + 0 and raw[i + 1] in _HEX and raw[i + 2] in _HEX:
                out.append(int(raw[i + 1:i + 3], 16))
                starts.append(i)
                ends.append(i + 3)
                i += 3
                continue
        out.append(b)
        starts.append(i)
        ends.append(i + 1)
        i += 1
    return bytes(out), starts, ends


_B64 = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")


def _decode_base64(raw: bytes, start: int, end: int) -> tuple[bytes, list[int], list[int]]:
    chars = bytearray()
    where: list[int] = []
    for i in range(start, end):
        if raw[i] in _B64:
            chars.append(raw[i])
            where.append(i)
    out = bytearray()
    starts: list[int] = []
    ends: list[int] = []
    for q in range(0, len(chars) - len(chars) % 4, 4):
        quad = bytes(chars[q:q + 4])
        try:
            decoded = binascii.a2b_base64(quad)
        except binascii.Error:
            break
        for _ in decoded:
            starts.append(where[q])
            ends.append(where[q + 3] + 1)
        out.extend(decoded)
    return bytes(out), starts, ends


def decode_charset(data: bytes, starts: list[int], ends: list[int], charset: str) -> MappedText:
    """Bytes to characters; each character maps to the raw span of its bytes."""
    try:
        charset = codecs.lookup(charset).name
    except LookupError:
        charset = "utf-8"
    if charset == "ascii":
        charset = "utf-8"  # be lenient with mislabeled 8-bit text
    if charset == "utf-8":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            charset = "cp1252"  # declared utf-8, written in Latin-1/Windows-1252: as for text files
    decoder = codecs.getincrementaldecoder(charset)(errors="replace")
    text: list[str] = []
    cs: list[int] = []
    ce: list[int] = []
    seq_start = 0
    for i in range(len(data)):
        out = decoder.decode(data[i:i + 1])
        if out:
            for ch in out:
                text.append(ch)
                cs.append(starts[seq_start])
                ce.append(ends[i])
            seq_start = i + 1
    tail = decoder.decode(b"", final=True)
    for ch in tail:
        text.append(ch)
        cs.append(starts[seq_start] if seq_start < len(starts) else (ends[-1] if ends else 0))
        ce.append(ends[-1] if ends else 0)
    return drop_cr(MappedText("".join(text), tuple(cs), tuple(ce)))


def drop_cr(mt: MappedText) -> MappedText:
    """Remove the CR of every CRLF; the LF then covers both bytes."""
    if "\r" not in mt.text:
        return mt
    text: list[str] = []
    cs: list[int] = []
    ce: list[int] = []
    t = mt.text
    for i, ch in enumerate(t):
        if ch == "\r" and i + 1 < len(t) and t[i + 1] == "\n":
            continue
        if ch == "\n" and i and t[i - 1] == "\r":
            text.append(ch)
            cs.append(mt.starts[i - 1])
            ce.append(mt.ends[i])
            continue
        text.append(ch)
        cs.append(mt.starts[i])
        ce.append(mt.ends[i])
    return MappedText("".join(text), tuple(cs), tuple(ce))


# -- HTML -----------------------------------------------------------------

_BLOCK = frozenset(
    "address article aside blockquote br dd div dl dt footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td th thead tr ul".split()
)
_PARAGRAPH = frozenset("p div h1 h2 h3 h4 h5 h6 table ul ol blockquote pre hr".split())
_SKIP = frozenset("head style script title template".split())
_VOID = frozenset("br hr img meta link input area base col embed source track wbr".split())


class _HTMLText(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.lines = LineIndex(source).line_starts
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.skip_depth = 0
        self.quote_depth = 0

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.lines[line - 1] + col

    def _emit(self, ch: str, s: int, e: int) -> None:
        if self.skip_depth or self.quote_depth:
            return
        self.chars.append(ch)
        self.starts.append(s)
        self.ends.append(e)

    def _quote_start(self, tag: str, attrs: list) -> bool:
        classes = " ".join(v or "" for k, v in attrs if k == "class")
        return tag == "blockquote" or "gmail_quote" in classes or "moz-cite-prefix" in classes

    def handle_starttag(self, tag, attrs):
        pos = self._offset()
        if tag in _SKIP:
            self.skip_depth += 1
            return
        if self.quote_depth or (tag not in _VOID and self._quote_start(tag, attrs)):
            if tag not in _VOID:
                self.quote_depth += 1
            return
        if tag in _BLOCK:
            self._emit("\n", pos, pos)
            if tag in _PARAGRAPH:
                self._emit("\n", pos, pos)

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK:
            pos = self._offset()
            self._emit("\n", pos, pos)

    def handle_endtag(self, tag):
        pos = self._offset()
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if self.quote_depth:
            self.quote_depth -= 1
            return
        if tag in _PARAGRAPH:
            self._emit("\n", pos, pos)
            self._emit("\n", pos, pos)

    def handle_data(self, data):
        pos = self._offset()
        for i, ch in enumerate(data):
            self._emit(ch, pos + i, pos + i + 1)

    def _ref(self, text: str, prefix: str, name: str) -> None:
        pos = self._offset()
        length = len(prefix) + len(name)
        if self.source.startswith(";", pos + length):
            length += 1
        self._emit(text, pos, pos + length)

    def handle_entityref(self, name):
        text = html.entities.html5.get(name + ";") or html.entities.html5.get(name)
        if text is None:  # not an entity: the text as written, each character mapped to itself
            pos = self._offset()
            written = "&" + name + (";" if self.source.startswith(";", pos + 1 + len(name)) else "")
            for i, ch in enumerate(written):
                self._emit(ch, pos + i, pos + i + 1)
            return
        for ch in text:
            self._ref(ch, "&", name)

    def handle_charref(self, name):
        try:
            code = int(name[1:], 16) if name[:1] in "xX" else int(name)
            # as browsers do: NUL, surrogates and numbers past Unicode are U+FFFD
            text = "\ufffd" if code == 0 or 0xD800 <= code <= 0xDFFF else chr(code)
        except (ValueError, OverflowError):
            text = "\ufffd"
        self._ref(text, "&#", name)


def html_to_text(html_text: MappedText) -> MappedText:
    """Visible text of an HTML body, mapped into ``html_text``'s source."""
    parser = _HTMLText(html_text.text)
    parser.feed(html_text.text)
    parser.close()
    flat = _normalise_space(parser.chars, parser.starts, parser.ends)
    return flat.compose(html_text)


def _normalise_space(chars: list[str], starts: list[int], ends: list[int]) -> MappedText:
    """Collapse HTML whitespace: runs of spaces become one, at most one blank
    line between blocks, no spaces at line edges."""
    out: list[tuple[str, int, int]] = []
    for ch, s, e in zip(chars, starts, ends):
        if ch in " \t\r\f\u00a0" or (ch == "\n" and s != e):
            # source whitespace (an inserted newline has a zero-width span)
            if out and out[-1][0] not in " \n":
                out.append((" ", s, e))
            continue
        if ch == "\n":
            while out and out[-1][0] == " ":
                out.pop()
            if len(out) >= 2 and out[-1][0] == "\n" and out[-2][0] == "\n":
                continue
            if not out:
                continue
        out.append((ch, s, e))
    while out and out[-1][0] in " \n":
        out.pop()
    return MappedText("".join(c for c, _, _ in out), tuple(s for _, s, _ in out), tuple(e for _, _, e in out))
