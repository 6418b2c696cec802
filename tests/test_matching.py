"""The phrase-list matcher: pattern syntax, longest match, one build per pipeline."""

from __future__ import annotations

import pytest

from followup_lint import matching


@pytest.mark.parametrize("pattern, text, hit", [
    ("i ~write to follow up", "I am writing to follow up.", None),  # words are adjacent
    ("~write to follow up", "I am writing to follow up.", "writing to follow up"),
    ("i ~be|'m ~write to follow up", "I\u2019m writing to follow up.", "I\u2019m writing to follow up"),
    ("i ~be|'m ~write to follow up", "I was writing to follow up.", "I was writing to follow up"),
    ("sorry to ~bother you", "Sorry to bother you.", "Sorry to bother you"),
    ("please ~do not|n't hesitate", "Please don't hesitate.", "Please don't hesitate"),
    ("very? excited", "I am excited.", "excited"),
    ("very? excited", "I am very excited.", "very excited"),
    ("thank _ you", "Thank you.", "Thank you"),
    ("thank _ you", "Thank all of you.", None),
])
def test_pattern_syntax(linter, pattern, text, hit):
    from spacy.matcher import Matcher

    nlp = linter.nlp
    m = Matcher(nlp.vocab)
    m.add("x", matching.token_patterns(nlp, pattern))
    doc = nlp(text)
    spans = sorted((doc[s:e] for _, s, e in m(doc)), key=len, reverse=True)
    assert (spans[0].text if spans else None) == hit


def test_optional_words_must_be_one_token(linter):
    with pytest.raises(ValueError):
        matching.token_patterns(linter.nlp, "don't?")


def test_matcher_is_built_once_per_pipeline(linter):
    a = matching.matcher_for(linter.nlp, "generic_stock_phrases")
    b = matching.matcher_for(linter.nlp, "generic_stock_phrases")
    assert a[0] is b[0]


def test_find_returns_longest_non_overlapping_matches(linter):
    doc = linter.nlp("I look forward to hearing back from you. I hope this email finds you well.")
    hits = [(m.span.text, m.entry.pattern.split()[1]) for m in matching.find(doc, "generic_stock_phrases")]
    assert [h for h, _ in hits] == ["I look forward to hearing back from you", "I hope this email finds you well"]
