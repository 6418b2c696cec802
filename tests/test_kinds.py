"""The kind of a note: cues in the subject, the sender's words and the quote."""

from __future__ import annotations

import re

import pytest

from followup_lint import kinds
from followup_lint.draft import parse_bytes

REJECTION = b"""Subject: Re: Your application

Hi Dana,

Thank you for letting me know, and for your time. I would welcome the
chance to be considered for future roles.

Sam

On Mon, Nov 23, 2026 at 9:12 AM Dana Smith <dana@acme.com> wrote:
> Hi Sam, thank you for your time. Unfortunately, we have decided to move
> forward with another candidate.
"""

THANKS_AFTER_EARLIER_NO = b"""Subject: Great to meet you

Hi Priya,

Thank you for taking the time to meet with me this afternoon. Although I
was not selected for the analyst role last spring, I am glad I applied
again: the billing migration you described is exactly the work I enjoy.

Best regards,
Lee
"""


def draft(raw: bytes, name="d.txt"):
    return parse_bytes(raw, name)


def test_a_quoted_rejection_makes_a_rejection_reply_with_evidence_in_the_file():
    d = draft(REJECTION)
    k = kinds.classify(d)
    assert k.name == "rejection-reply" and k.stated is None and k.confidence >= 0.9
    places = {e.place for e in k.evidence}
    assert places == {"subject", "text", "quoted"}
    for e in k.evidence:
        assert d.source[e.start:e.end] == e.text  # a plain-text draft: source offsets are the text's
    quoted = [e for e in k.evidence if e.place == "quoted"][0]
    assert quoted.text == "Unfortunately"
    as_json = k.to_dict(d)
    assert as_json["name"] == "rejection-reply"
    assert as_json["evidence"][0] == {"place": "subject", "line": 1, "column": 14, "end_line": 1,
                                      "end_column": 30, "excerpt": "Your application"}


def test_a_thank_you_that_mentions_an_earlier_rejection_is_a_thank_you():
    assert kinds.classify(draft(THANKS_AFTER_EARLIER_NO)).name == "thank-you"


@pytest.mark.parametrize("text, expected", [
    (b"Subject: Checking in\n\nHi Jo,\n\nI wanted to follow up on the status of my application.\n\nSam\n", "check-in"),
    (b"Hi Jo,\n\nThank you so much for the offer! I am delighted to accept, and the start date works.\n\nSam\n",
     "offer-reply"),
    (b"Hi Jo,\n\nI have accepted another position and would like to withdraw my application.\n"
     b"Thank you for your time.\n\nSam\n", "withdrawal"),
    (b"Hi Jo,\n\nThank you for the generous offer. After a lot of thought I have accepted another position,\n"
     b"so I must decline.\n\nSam\n", "offer-reply"),
    (b"Hi Jo,\n\nAre we still on for lunch at noon?\n\nSam\n", "other"),
])
def test_kinds_from_the_senders_words(text, expected):
    assert kinds.classify(draft(text)).name == expected


def test_the_header_states_the_kind_and_the_flag_wins():
    raw = b"Subject: Hi\nX-Followup-Lint-Kind: Withdrawal\n\nThank you for meeting me yesterday.\n"
    d = draft(raw)
    k = kinds.classify(d)
    assert (k.name, k.stated, k.confidence) == ("withdrawal", "header", 1.0)
    assert d.source[k.evidence[0].start:k.evidence[0].end] == "Withdrawal"
    assert kinds.classify(d, "thank-you").name == "thank-you"
    assert kinds.classify(d, "thank-you").stated == "flag"


@pytest.mark.parametrize("value, expected", [("Thank-You", "thank-you"), ("rejection reply", "rejection-reply"),
                                             ("follow-up", "check-in"), ("nonsense", None)])
def test_kind_names_are_read_leniently(value, expected):
    assert kinds.parse_kind(value) == expected


def test_cues_are_valid_and_every_kind_has_some():
    assert {k for k, *_ in kinds.CUES} == set(kinds.KINDS) - {"other"}
    for kind, place, weight, pattern in kinds.CUES:
        assert place in ("subject", "text", "quoted") and weight > 0
        re.compile(pattern)
        assert not re.search(r"(?i)" + pattern, ""), f"{kind} cue matches the empty string: {pattern}"


def _accuracy(labels):
    from collections import Counter

    from followup_lint.sources import read_path

    rows = [ln.split("\t") for ln in labels.read_text("utf-8").splitlines() if ln.strip()]
    confusion: Counter = Counter()
    for name, gold, *_ in rows:
        confusion[(gold, kinds.classify(read_path(str(labels.parent / name))).name)] += 1
    right = sum(n for (g, p), n in confusion.items() if g == p)
    return right / len(rows), confusion, len(rows)


def test_kind_accuracy_on_the_blind_drafts_is_at_least_90_percent():
    """fixtures/kinds/: 60 drafts written by someone who had not seen the code."""
    from conftest import FIXTURES

    acc, confusion, n = _accuracy(FIXTURES / "kinds" / "labels.tsv")
    assert n == 60
    assert {g for g, _p in confusion} == set(kinds.KINDS)
    assert acc >= 0.9, sorted((g, p, c) for (g, p), c in confusion.items() if g != p)


def test_kind_accuracy_on_our_own_drafts():
    from conftest import FIXTURES

    acc, confusion, _n = _accuracy(FIXTURES / "kinds" / "own" / "labels.tsv")
    assert acc >= 0.9, sorted((g, p, c) for (g, p), c in confusion.items() if g != p)


def test_the_literal_prefilter_never_skips_a_cue_that_would_match():
    """A cue's regular expression only runs on texts that hold one of its
    literal words; on every fixture text (and the cues' own examples) a text
    without them must not match."""
    from conftest import FIXTURES

    from followup_lint.sources import read_path

    texts = []
    for path in sorted((FIXTURES / "kinds").rglob("*.*")) + sorted((FIXTURES / "rules").glob("*.txt")):
        if path.suffix in (".txt", ".eml"):
            d = read_path(str(path))
            for place in kinds.places(d).values():
                texts.extend(t for t, _m, _b in place)
    assert len(texts) > 150
    checked = 0
    for _kind, _place, _w, rx, words in kinds._compiled():
        assert words
        for text in texts:
            if rx.search(text):
                checked += 1
                assert any(w in text.lower() for w in words), (rx.pattern[:60], text[:80])
    assert checked > 100


def test_the_command_names_the_kind_and_takes_it_from_the_flag(tmp_path):
    import json

    from conftest import run_cli

    path = tmp_path / "draft.txt"
    path.write_bytes(REJECTION)
    proc = run_cli("check", "--no-grammar", "--no-cache", "--select", "S5", str(path))
    assert proc.returncode == 0, proc.stderr.decode()
    lines = proc.stdout.decode().splitlines()
    assert lines[-2] == f"{path}: rejection-reply (confidence 0.99), no findings"
    assert lines[-1] == "No findings in 1 draft."
    proc = run_cli("check", "--no-grammar", "--no-cache", "--format", "json", "--kind", "thank-you", str(path))
    kind = json.loads(proc.stdout)["files"][0]["metrics"]["kind"]
    assert (kind["name"], kind["stated"], kind["confidence"], kind["evidence"]) == ("thank-you", "flag", 1.0, [])
    proc = run_cli("check", "--kind", "apology", str(path))
    assert proc.returncode == 2 and b"'apology' is not one of" in proc.stderr


@pytest.mark.parametrize("name", ["01-thank-you-good.txt", "05-multipart-qp.eml", "06-html-only-latin1.eml"])
def test_no_kind_rule_fires_on_the_clean_sample_drafts(linter, name):
    from conftest import FIXTURES, lint

    result = lint(linter, FIXTURES / "drafts" / name, select=("H7", "D4", "P4", "S5", "S6"))
    assert result.error is None and result.kind["name"] == "thank-you"
    assert result.findings == ()
