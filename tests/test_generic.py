"""Generic rules: stock phrases, no specifics, mostly stock sentences."""

from __future__ import annotations

import pytest

from conftest import found, lint_text, rule_list
from followup_lint import matching
from followup_lint.data import phrases

CLEAN = """Hi Dana,

Thank you for walking me through the new billing pipeline on Tuesday. I liked how your team \
replays failed invoices from Kafka; it is close to the retry queue I built at Lumen last year.

You asked how I would test the currency conversion step. I have a short notebook with the \
approach I described, and I can send it over by Friday.

Best,
Sam
"""


def test_clean_specific_note_has_no_warnings_from_these_families(linter):
    r = lint_text(linter, CLEAN, select=("G2", "S4", "W2"))
    assert [(f.code, f.excerpt) for f in r.findings] == []


@pytest.mark.parametrize("text, excerpt", [
    ("Hi Dana,\n\nI'm writing to follow up on Tuesday.", "I'm writing to follow up"),
    ("Hi Dana,\n\nI am writing to follow up on Tuesday.", "I am writing to follow up"),
    ("Hi Dana,\n\nHope this message finds you well.", "Hope this message finds you well"),
    ("Hi Dana,\n\nI hope this note finds you well.", "I hope this note finds you well"),
    ("Hi Dana,\n\nLooking forward to hearing back from you.", "Looking forward to hearing back from you"),
    ("Hi Dana,\n\nPlease don\u2019t hesitate to call.", "Please don\u2019t hesitate to"),
    ("Hi Dana,\n\nI wanted to thank you for taking the time to meet.", "thank you for taking the time"),
])
def test_stock_phrase_variants(linter, text, excerpt):
    assert found(linter, text, ("G201",)) == [("G201", 3, text.split("\n")[2].index(excerpt[:6]) + 1, excerpt)]


def test_stock_phrase_has_a_suggestion(linter):
    r = lint_text(linter, "Hi Dana,\n\nI look forward to hearing from you.", select=("G201",))
    assert r.findings[0].suggestions and "e.g." in r.findings[0].suggestions[0]
    assert r.findings[0].severity.label == "info"


def test_no_specifics_ignores_placeholders(linter):
    text = ("Dear [Name],\n\nThank you for taking the time to speak with me about the [Job Title] "
            "position at [Company Name]. I am very interested in the opportunity.")
    assert [c for c, *_ in found(linter, text, ("G202",))] == ["G202"]


def test_no_specifics_is_quiet_with_one_detail(linter):
    text = ("Hi,\n\nThank you for taking the time to speak with me. I enjoyed learning about the "
            "position and the team, especially the move to Kafka.")
    assert found(linter, text, ("G202",)) == []


def test_no_specifics_points_at_first_sentence_after_greeting(linter):
    text = "Hello,\nThank you for the interview. I am very interested in the role and the team."
    assert found(linter, text, ("G202",)) == [("G202", 2, 1, "Thank you for the interview.")]


def test_no_specifics_skips_short_drafts(linter):
    assert found(linter, "Hi,\n\nThanks for the chat.", ("G202",)) == []


def test_mostly_stock_uses_fuzzy_scores(linter):
    from followup_lint.rules.g_generic import stock_score

    assert stock_score("I hope this message finds you well!") >= 80
    assert stock_score("I just wanted to check in about the status of my application") >= 80
    assert stock_score("The retry queue at Lumen replays failed invoices from Kafka.") < 60


def test_mostly_stock_threshold_is_an_option(linter):
    from followup_lint.config import Settings
    from followup_lint.draft import parse_bytes

    text = ("Hi Dana,\n\nI hope you are doing well. Thanks again for the demo of the Kafka replay tool. "
            "The retry queue I built at Lumen did the same for refunds.")
    draft = parse_bytes(text.encode(), "d.txt")
    strict = Settings(select=("G203",), rule_options={"G203": {"max-share": 0.2}})
    assert [f.code for f in linter.lint_drafts([(draft, strict)])[0].findings] == ["G203"]
    assert found(linter, text, ("G203",)) == []


def _lines(name):
    return [line.split("\t") for line in phrases(name)]


@pytest.mark.parametrize("pattern, example, better", _lines(rule_list("G201")))
def test_each_stock_phrase_matches_its_example(linter, pattern, example, better):
    doc = linter.nlp(example)
    hits = [m.entry.pattern for m in matching.find(doc, rule_list("G201"))]
    assert pattern in hits, (pattern, example, hits)
    assert better.strip()


@pytest.mark.parametrize("sentence, variant", _lines(rule_list("G203")))
def test_each_stock_sentence_matches_its_variant(sentence, variant):
    from followup_lint.rules.g_generic import stock_score

    assert stock_score(variant) >= 80, (sentence, variant)


@pytest.mark.parametrize("noun, example", _lines(rule_list("G202")))
def test_each_generic_noun_heads_a_noun_phrase_in_its_example(linter, noun, example):
    doc = linter.nlp(example)
    assert noun in {c.root.lemma_.lower() for c in doc.noun_chunks} | {c.root.lower_ for c in doc.noun_chunks}


FAMILIES = {"G2": "generic", "S4": "structure", "W2": "writing"}


@pytest.mark.parametrize("prefix", sorted(FAMILIES))
def test_each_kind_of_bad_draft_gets_its_category(linter, prefix):
    from conftest import RULE_FIXTURES, lint

    bads = sorted(RULE_FIXTURES.glob(f"{prefix}*.bad.*"))
    assert bads
    for bad in bads:
        r = lint(linter, bad, select=(prefix,))
        assert r.findings, bad.name
        assert {f.category for f in r.findings} == {FAMILIES[prefix]}, bad.name
        assert all(f.suggestions for f in r.findings), bad.name
