"""Only the sender's words are judged: quotes, forwards and signatures out."""

from __future__ import annotations

import pytest

from followup_lint.draft import parse_bytes


def _split(text: str):
    d = parse_bytes(text.encode(), "x.txt")
    return d.text.text, d.signature.text


@pytest.mark.parametrize("text, sender, signature", [
    ("Hi Dana,\n\nThank you.\n\nBest regards,\nSam Lee\nEngineer\n\n"
     "On Mon, Jan 5, 2026 at 10:00 AM Dana Smith <dana@acme.com> wrote:\n> Hi Sam\n",
     "Hi Dana,\n\nThank you.", "Best regards,\nSam Lee\nEngineer"),
    ("Hi Dana,\n\nThank you.\n\nWarmly,\nSam\n\n-----Original Message-----\nFrom: Dana\nSent: Monday\n\nold text\n",
     "Hi Dana,\n\nThank you.", "Warmly,\nSam"),
    ("Hi Ana,\n\nsee below.\n\nCheers,\nSam\n\n---------- Forwarded message ---------\nFrom: X <x@y.com>\n\nbody\n",
     "Hi Ana,\n\nsee below.", "Cheers,\nSam"),
    ("Thank you for the talk\n> you said this\nmy answer\n\nBest,\nSam",
     "Thank you for the talk\nmy answer", "Best,\nSam"),
    ("Hi,\nI look forward to it.\n-- \nSam Lee\nphone\n", "Hi,\nI look forward to it.", "-- \nSam Lee\nphone"),
    ("Hi Dana, thanks for the call.", "Hi Dana, thanks for the call.", ""),
])
def test_quotes_and_signature_are_separated(text, sender, signature):
    assert _split(text) == (sender, signature)


def test_excluded_spans_cover_the_quote():
    text = "Hi Dana,\n\nThanks.\n\nBest,\nSam\n\nOn Mon, Jan 5 Dana <d@a.com> wrote:\n> you wasted my time\n"
    d = parse_bytes(text.encode(), "x.txt")
    quoted = [d.source[s:e] for s, e in d.excluded]
    assert "> you wasted my time" in quoted
    assert "wasted" not in d.text.text


def test_patch_email_diff_is_not_the_senders_words():
    text = ("From: Sam <s@x.com>\nSubject: [PATCH] fix\n\nHi Dana,\n\nHere is the fix we talked about.\n\nBest,\nSam\n---\n a.txt | 1 +\n 1 file changed\n\n"
            "diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1 +1,2 @@\n+you wasted my time\n")
    d = parse_bytes(text.encode(), "x.patch", kind="eml")
    assert d.text.text == "Hi Dana,\n\nHere is the fix we talked about."
    assert d.signature.text == "Best,\nSam"
