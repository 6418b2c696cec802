"""Property-based tests (hypothesis): for any text and any email-ish bytes,
``check`` never raises, every finding lies inside the file, its excerpt is
the file's text at that position, and two runs give the same findings.

Bounded for CI: a fixed, derandomised set of examples per property.
``FOLLOWUP_LINT_FUZZ=2000 pytest tests/test_properties.py`` explores more
(random, different every run).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import file_text_at
from followup_lint.config import Settings
from followup_lint.draft import InputError, parse_bytes

_DEEP = int(os.environ.get("FOLLOWUP_LINT_FUZZ", "0"))


def bounded(n: int):
    return settings(max_examples=_DEEP or n, deadline=None, derandomize=not _DEEP, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large])


LINES = [
    "Hi Dana,", "Dear [Hiring Manager],", "Subject: Thank you", "To: Dana <dana@example.com>", "",
    "Thank you for the interview on Monday.", "I REALLY need this job!!!", "Any update???",
    "I have already quit my job.", "Best regards,", "Sam", "-- ", "> quoted reply line",
    "On Mon, 3 Mar 2025 at 10:00, Dana <dana@example.com> wrote:", "-----Original Message-----", "---",
    "diff --git a/x b/x", "Sent from my iPhone", "I look forward to hearing from you at your earliest convenience.",
    "\u05e9\u05dc\u05d5\u05dd \u202eevil\u202c", "emoji \U0001f469\u200d\U0001f4bb zero\u200bwidth", "\t  ",
    "<p>html &amp; text</p>", "word " * 40,
]
# any character but lone surrogates (which no file's text can hold)
CHARS = st.characters(blacklist_categories=("Cs",))
LINE = st.one_of(st.sampled_from(LINES), st.text(CHARS, max_size=60))
TEXT = st.one_of(st.text(CHARS, max_size=400), st.lists(LINE, max_size=25).map("\n".join),
                 st.lists(LINE, max_size=25).map("\r\n".join))

HEADERS = [
    b"From: Sam <sam@example.com>", b"To: Dana <dana@example.com>", b"Subject: Thank you", b"MIME-Version: 1.0",
    b"Content-Type: text/plain; charset=utf-8", b"Content-Type: text/plain; charset=iso-8859-1",
    b"Content-Type: text/plain; charset=no-such-charset", b"Content-Type: text/html; charset=utf-8",
    b'Content-Type: multipart/alternative; boundary="XX"', b'Content-Type: multipart/mixed; boundary="YY"',
    b"Content-Type: multipart/mixed", b"Content-Transfer-Encoding: quoted-printable",
    b"Content-Transfer-Encoding: base64", b"Content-Transfer-Encoding: 8bit",
    b"Content-Disposition: attachment; filename=cv.pdf", b"Subject: =?utf-8?q?caf=C3=A9?=",
]
BODY = [
    b"--XX", b"--XX--", b"--YY", b"--YY--", b"", b"Hi Dana,", b"Thank you for the [Position] interview.",
    b"caf=C3=A9 =\r", b"soft break =", b"=E9=", b"SGkgRGFuYSwKClRoYW5rIHlvdS4K", b"SGkgRG", b"<p>Hi &amp; bye",
    b"<script>alert(1)</script>", b"caf\xe9 \xff\xfe", b"Best,", b"Sam", b"> quoted", b"\xc3\xa9t\xc3\xa9",
]
EML = st.builds(
    lambda head, body, sep: sep.join(head) + sep + sep + sep.join(body),
    st.lists(st.one_of(st.sampled_from(HEADERS), st.binary(max_size=30)), min_size=1, max_size=8),
    st.lists(st.one_of(st.sampled_from(BODY), st.sampled_from(HEADERS), st.binary(max_size=30)), max_size=30),
    st.sampled_from([b"\n", b"\r\n"]),
)

NO_GRAMMAR = Settings(grammar=False)


def _allowed_refusal(exc: InputError, path: str) -> None:
    """Refusals are one line naming the file."""
    text = str(exc)
    assert text.startswith(f"{path}: ") and "\n" not in text and len(text) < 400, text


def _shown(text: str) -> str:
    """What Draft.excerpt shows for text holding undecodable bytes."""
    if any("\udc80" <= ch <= "\udcff" for ch in text):
        return text.encode("utf-8", "surrogateescape").decode("cp1252", "replace")
    return text


def check_invariants(linter, raw: bytes, name: str, kind: str | None):
    try:
        draft = parse_bytes(raw, name, kind=kind)
    except InputError as exc:
        _allowed_refusal(exc, name)
        return None
    first = linter.lint_drafts([(draft, NO_GRAMMAR)])[0]
    assert first.error is None
    lines = draft.source.split("\n")
    for f in first.findings:
        assert 1 <= f.line <= f.end_line <= len(lines), f
        assert 1 <= f.column <= len(lines[f.line - 1]) + 1, f
        assert 1 <= f.end_column <= len(lines[f.end_line - 1]) + 1, f
        assert f.line < f.end_line or f.column <= f.end_column, f
        assert _shown(file_text_at(draft.source, f.line, f.column, f.end_line, f.end_column)) == f.excerpt, f
    again = linter.lint_drafts([(parse_bytes(raw, name, kind=kind), NO_GRAMMAR)])[0]
    assert again.findings == first.findings
    return first


@bounded(120)
@given(text=TEXT)
def test_any_text_file(linter, text):
    raw = text.encode("utf-8")
    result = check_invariants(linter, raw, "draft.txt", None)
    if result is not None:
        # the file's own text, read back as the CLI tests read it
        own = raw.decode("utf-8")
        if "\n" not in own:  # lines that end in CR alone are lines (docs/robustness.md)
            own = own.replace("\r", "\n")
        for f in result.findings:
            assert file_text_at(own, f.line, f.column, f.end_line, f.end_column) == f.excerpt


@bounded(50)
@given(text=TEXT)
def test_any_markdown_file(linter, text):
    check_invariants(linter, text.encode("utf-8"), "draft.md", "markdown")


@bounded(150)
@given(raw=EML)
def test_any_email_ish_bytes(linter, raw):
    check_invariants(linter, raw, "draft.eml", "eml")


@bounded(60)
@given(raw=st.binary(max_size=600))
def test_any_bytes_at_all(linter, raw):
    check_invariants(linter, raw, "draft.txt", None)


@bounded(25)
@given(text=st.lists(LINE, min_size=3, max_size=15).map("\n".join))
def test_with_grammar_the_positions_still_hold(linter, text):
    """LanguageTool's offsets (in the unwrapped text) map back exactly."""
    try:
        draft = parse_bytes(text.encode("utf-8"), "g.txt")
    except InputError:
        return
    result = linter.lint_drafts([(draft, Settings())])[0]
    for f in result.findings:
        assert file_text_at(draft.source, f.line, f.column, f.end_line, f.end_column) == f.excerpt, f


def test_the_properties_can_fail(linter):
    """The checker itself rejects a wrong excerpt (so a pass means something)."""
    raw = b"Hi [Name],\n\nThanks.\n"
    result = check_invariants(linter, raw, "x.txt", None)
    f = next(f for f in result.findings if f.code == "G101")
    assert file_text_at(raw.decode(), f.line, f.column, f.end_line, f.end_column) == "[Name]"
    with pytest.raises(AssertionError):
        assert file_text_at(raw.decode(), f.line, f.column + 1, f.end_line, f.end_column) == f.excerpt
