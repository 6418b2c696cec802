"""Reading drafts: text, Markdown, .eml (charsets, QP, base64, HTML), stdin,
and the offset map from analysed text back to the original file."""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURES, file_text_at, run_cli
from followup_lint.draft import parse_bytes
from followup_lint.errors import InputError
from followup_lint.sources import read_path
from followup_lint.textmap import LineIndex, MappedText


def _word_map(draft) -> dict[str, str]:
    """analysed word -> the original file's text at its mapped span"""
    out = {}
    for m in re.finditer(r"\w+", draft.text.text):
        s, e = draft.text.source_span(m.start(), m.end())
        out.setdefault(m.group(0), draft.excerpt(s, e))
    return out


def test_plain_text_header_lines_become_headers():
    d = parse_bytes(b"Subject: Thanks\nTo: Dana Smith <dana@acme.com>\n\nHi Dana,\n\nThank you.\n\nBest,\nSam\n", "x.txt")
    assert d.kind == "text"
    assert d.header("subject").value == "Thanks"
    assert d.header("to").display_names() == ["Dana Smith"]
    assert d.source[d.header("to").start:d.header("to").end] == "Dana Smith <dana@acme.com>"
    assert d.text.text == "Hi Dana,\n\nThank you."
    assert d.signature.text == "Best,\nSam"


def test_plain_text_without_headers_is_all_body():
    d = parse_bytes(b"Hi Dana,\n\nSubject: the data platform was great.\n", "x.txt")
    assert d.headers == {}
    assert d.text.text.startswith("Hi Dana,")


def test_markdown_kind_from_suffix(tmp_path):
    p = tmp_path / "note.md"
    p.write_text("Hi **Dana**,\n\nThank you for the talk.\n\nBest,\nSam\n")
    d = read_path(str(p))
    assert d.kind == "markdown"
    assert "**Dana**" in d.text.text


def test_crlf_text_maps_exactly():
    raw = "Hi Dana,\r\n\r\nThank you for Tuesday.\r\n\r\nBest,\r\nSam\r\n".encode()
    d = parse_bytes(raw, "x.txt")
    assert "\r" not in d.text.text
    s, e = d.text.source_span(d.text.text.index("Tuesday"), d.text.text.index("Tuesday") + 7)
    assert d.position(s) == (3, 15) and d.source[s:e] == "Tuesday"


def test_utf8_bom_is_not_text():
    d = parse_bytes("\ufeffHi Dana,\n\nThanks.\n".encode("utf-8"), "x.txt")
    assert d.text.text.startswith("Hi Dana")
    assert d.position(d.text.source_span(0, 2)[0]) == (1, 2)


def test_cp1252_text_file_falls_back():
    d = parse_bytes("Hi Dana,\n\nI\u2019m grateful.\n".encode("cp1252"), "x.txt")
    assert "I\u2019m grateful." in d.text.text


def test_multipart_quoted_printable_utf8_positions():
    d = read_path(str(FIXTURES / "drafts" / "05-multipart-qp.eml"))
    assert d.kind == "eml"
    assert d.header("to").display_names() == ["Zoë Brandt"]
    assert d.attachments == ("dashboard-sketch.pdf",)
    assert d.text.text.startswith("Hi Zoë,\n\nThank you for the interview")
    words = _word_map(d)
    assert words["Zoë"] == "Zo=C3=AB"  # quoted-printable bytes in the file
    assert words["café"] == "caf=C3=A9"
    assert words["at"] == "a=\r\nt"  # a soft line break inside the word
    assert words["Tuesday"] == "Tuesday"
    s, _ = d.text.source_span(d.text.text.index("café"), d.text.text.index("café") + 4)
    assert d.position(s) == (17, 50)


def test_html_only_latin1_entities_and_quote():
    d = read_path(str(FIXTURES / "drafts" / "06-html-only-latin1.eml"))
    assert d.header("to").display_names() == ["José Muñoz"]
    assert d.text.text.startswith("Dear Mr. Muñoz,\n\nThank you for the interview")
    assert "Hello Sam" not in d.text.text  # gmail_quote / blockquote is excluded
    assert "José Muñoz wrote" not in d.text.text
    assert d.signature.text == "Best regards,\nSam Lee"
    words = _word_map(d)
    assert words["Muñoz"] == "Mu&ntilde;oz"
    assert words["São"] == "S=E3o"
    amp = d.text.text.index(" & ") + 1
    s, e = d.text.source_span(amp, amp + 1)
    assert d.source[s:e] == "&amp;"


def test_base64_cp1252_body():
    d = read_path(str(FIXTURES / "mail" / "base64-cp1252.eml"))
    assert d.text.text == "Hello,\n\nI\u2019m writing to follow up on my application. Any update?"
    assert "subject" not in d.headers
    # each decoded word points at the base64 characters that encode it
    s, e = d.text.source_span(0, 5)
    assert d.source[s:e] == "SGVsbG8s"


def test_8bit_latin1_and_forwarded_block():
    d = read_path(str(FIXTURES / "mail" / "latin1-8bit-forward.eml"))
    assert d.text.text == "Hi Ana,\n\nHere are my notes from the interview at Caf\u00e9 Brava."
    assert "wasted" not in d.text.text
    i = d.text.text.index("Café")
    s, e = d.text.source_span(i, i + 4)
    assert d.excerpt(s, e) == "Café"  # an 8-bit byte shown through its charset
    line, col = d.position(s)
    assert (line, col) == (10, 41)


def test_stdin_is_read(tmp_path):
    proc = run_cli("check", "--format", "json", "--select", "S101", "-",
                   input=b"Thanks for the interview.\n\nBest,\nSam\n")
    assert proc.returncode == 1, proc.stderr
    import json

    out = json.loads(proc.stdout)
    assert out["files"][0]["path"] == "<stdin>"
    assert [f["code"] for f in out["files"][0]["findings"]] == ["S101"]


@pytest.mark.parametrize("content, message", [
    (b"", "is empty"),
    (b"   \n\n", "is empty"),
    (b"\x00\x01\x02binary", "binary"),
])
def test_unreadable_content_is_an_input_error(content, message):
    with pytest.raises(InputError, match=message):
        parse_bytes(content, "x.txt")


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_path(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="is a directory"):
        read_path(str(tmp_path))


def test_mapped_text_join_and_compose():
    a = MappedText.identity("abc", 10)
    b = MappedText.identity("xy", 20)
    j = MappedText.join([a, b], "\n")
    assert j.text == "abc\nxy"
    assert j.source_span(0, 3) == (10, 13)
    assert j.source_span(4, 6) == (20, 22)
    assert j.source_span(3, 4) == (13, 13)  # the separator is zero-width
    inner = MappedText("b", (1,), (2,))
    assert inner.compose(a).source_span(0, 1) == (11, 12)


def test_line_index():
    li = LineIndex("ab\r\ncd\nef")
    assert li.position(0) == (1, 1)
    assert li.position(4) == (2, 1)
    assert li.position(8) == (3, 2)
    assert li.line_text(1) == "ab"
    assert file_text_at("ab\r\ncd\nef", 2, 1, 3, 2) == "cd\ne"
