"""Fixes findings carry (safe and unsafe edits) and applying them
(followup_lint.fixes): exact edits, one pass, a second pass changes nothing."""

from __future__ import annotations

import pytest

from conftest import RULE_FIXTURES, lint, lint_text
from followup_lint import fixes
from followup_lint.finding import Edit, Finding, Fix, Severity


def test_lowercase_i_has_a_safe_fix_at_its_position(linter):
    result = lint(linter, RULE_FIXTURES / "W205.bad.txt", select=("W205",))
    assert [(f.fix.applicability, f.fix.edits) for f in result.findings] == [
        ("safe", (Edit(3, 24, 3, 25, "I"),)),
        ("safe", (Edit(3, 52, 3, 53, "I"),)),
    ]


def test_repeated_word_fix_deletes_one_even_across_a_line_break(linter):
    path = RULE_FIXTURES / "W206.bad.txt"
    result = lint(linter, path, select=("W206",))
    applied = fixes.apply(path.read_text("utf-8"), result.findings)
    assert applied.text == path.read_text("utf-8").replace("to to", "to").replace("the\nthe", "the")
    assert len(applied.fixed) == 2 and applied.skipped == 0


def test_shouting_marks_safe_and_capitals_unsafe(linter):
    result = lint(linter, RULE_FIXTURES / "H401.bad.txt", select=("H401",))
    kinds = {f.excerpt: f.fix.applicability for f in result.findings}
    assert kinds == {"WHY HAVE YOU NOT ANSWERED MY EMAIL": "unsafe", "???": "safe", "STILL": "unsafe",
                     "!!": "safe"}
    text = (RULE_FIXTURES / "H401.bad.txt").read_text("utf-8")
    safe = fixes.apply(text, result.findings)
    assert "EMAIL?\n" in safe.text and "project.\n" in safe.text and "STILL" in safe.text
    unsafe = fixes.apply(text, result.findings, unsafe=True)
    assert "Why have you not answered my email?" in unsafe.text and "I am still waiting" in unsafe.text


def test_a_second_pass_finds_nothing_to_fix(linter):
    text = "Hi Dana,\n\ni enjoyed the the talk!!!\n\nBest,\nSam\n"
    first = lint_text(linter, text)
    fixed = fixes.apply(text, first.findings).text
    assert fixed == "Hi Dana,\n\nI enjoyed the talk.\n\nBest,\nSam\n"
    again = lint_text(linter, fixed)
    assert fixes.fixable(again.findings) == []


def test_languagetool_suggestion_is_an_unsafe_fix(linter):
    result = lint_text(linter, "Hi Dana,\n\nI learned alot about the team.\n\nBest,\nSam\n", select=("L101",))
    (f,) = result.findings
    assert f.fix.applicability == "unsafe" and f.fix.edits == (Edit(3, 11, 3, 15, "a lot"),)
    assert fixes.apply(result.source, result.findings).text == result.source  # not without unsafe


def test_no_fix_where_the_text_was_decoded():
    """An .eml body in quoted-printable: the excerpt is encoded text, so no
    edit is offered that would write decoded text into it."""
    from followup_lint.engine import Linter
    from followup_lint.draft import parse_bytes
    from followup_lint.config import Settings

    raw = (b"Subject: Thanks\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
           b"Content-Transfer-Encoding: quoted-printable\n\nHi Dana,\n\nI would love to =\nto join.\n\n"
           b"Best,\nSam\n")
    with Linter() as linter:
        result = linter.lint_drafts([(parse_bytes(raw, "m.eml"), Settings(select=("W206",), grammar=False))])[0]
    (f,) = result.findings
    assert f.fix is None


def test_overlapping_fixes_wait_for_the_next_pass():
    def finding(col, end, content):
        return Finding("W206", "repeated-word", "writing", Severity.WARNING, "m", 1, col, 1, end, "x",
                       fix=Fix("safe", "m", (Edit(1, col, 1, end, content),)))
    applied = fixes.apply("abcdef", [finding(1, 4, "X"), finding(3, 5, "Y"), finding(5, 6, "Z")])
    assert applied.text == "XdZf" and applied.skipped == 1


@pytest.mark.parametrize("path,refused", [
    ("draft.txt", False), ("notes/draft.md", False), ("reply.eml", True), ("Mail/box.mbox:3", True),
    ("-", True), ("draft.html", True),
])
def test_fix_refuses_what_it_cannot_rewrite_safely(path, refused):
    assert (fixes.refusal(path) is not None) == refused


def test_unified_diff_applies_with_patch(tmp_path):
    import shutil
    import subprocess

    before, after = "a\nb\nc\n", "a\nB\nc\n"
    (tmp_path / "d.txt").write_text(before)
    diff = fixes.unified_diff("d.txt", before, after)
    assert diff.startswith("--- a/d.txt\n+++ b/d.txt\n")
    if shutil.which("patch") is None:
        pytest.skip("patch is not installed")
    subprocess.run(["patch", "-p1", "-s"], input=diff.encode(), cwd=tmp_path, check=True)
    assert (tmp_path / "d.txt").read_text() == after


def test_write_atomic_keeps_mode_and_leaves_no_temp_file(tmp_path):
    p = tmp_path / "d.txt"
    p.write_text("old")
    p.chmod(0o640)
    fixes.write_atomic(str(p), "new\r\n")
    assert p.read_bytes() == b"new\r\n" and (p.stat().st_mode & 0o777) == 0o640
    assert [q.name for q in tmp_path.iterdir()] == ["d.txt"]
