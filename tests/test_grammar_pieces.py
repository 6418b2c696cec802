"""A sentence too long for one LanguageTool request is sent in pieces
(grammar/pieces.py): where it is cut, what is dropped, and that the rest
equals one request, on the real LanguageTool."""

from __future__ import annotations

import random

import pytest

from followup_lint.grammar import Grammar
from followup_lint.grammar import paragraphs as P
from followup_lint.grammar import pieces

WORDS = ("interview team project schedule offer role manager office plan design review code data "
         "meeting question answer week month client product launch budget report").split()


def run_on(n_chars: int, seed: int = 7) -> str:
    """Words with no punctuation, at least ``n_chars`` long, in a random
    order LanguageTool's sentence cache cannot help with, none repeated
    within four words (LanguageTool's repeated word and phrase rules)."""
    rnd = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < n_chars:
        w = rnd.choice([w for w in WORDS if w not in out[-4:]])  # no "team team", no "a b a b"
        out.append(w)
        size += len(w) + 1
    return " ".join(out)


def test_a_text_without_a_long_sentence_is_not_cut():
    many = "This is a short sentence about the interview. " * 2_000  # 92,000 characters, short sentences
    assert pieces.cuts(many) == []
    assert pieces.cuts(run_on(pieces.LONG - 10)) == []
    # a blank line ends a sentence: two long paragraphs, each under LONG
    assert pieces.cuts(run_on(pieces.LONG - 100) + "\n\n" + run_on(pieces.LONG - 100)) == []


def test_a_long_sentence_is_cut_at_word_starts_into_pieces_of_at_most_piece():
    head = "Hi Dana.\n\n"
    text = head + run_on(20_000) + ". Thanks again.\n"
    at = pieces.cuts(text)
    assert len(at) >= 20_000 // pieces.PIECE
    bounds = [len(head), *at]
    assert all(0 < b - a <= pieces.PIECE for a, b in zip(bounds, bounds[1:]))
    assert all(text[c - 1] == " " and text[c].isalpha() for c in at)
    assert at[-1] > len(text) - len(". Thanks again.\n") - pieces.PIECE
    # counted from the sentence's start: the same cuts wherever the paragraph stands
    moved = "Some other opening paragraph.\n\n" + text
    assert [c - len("Some other opening paragraph.\n\n") for c in pieces.cuts(moved)] == at


def test_a_word_longer_than_a_piece_is_cut_hard():
    text = "x" * (pieces.LONG + 1)
    assert pieces.cuts(text) == [pieces.PIECE, 2 * pieces.PIECE]


def _plain(matches) -> list[tuple]:
    return sorted((m.start, m.end, m.rule_id, m.code) for m in matches)


def test_pieces_find_what_one_request_finds_away_from_the_cuts(tmp_path):
    """A 9,000-character sentence with misspellings in it: checked in pieces
    (plain and through the paragraph cache, first sight and again) and as
    one request (pieces.LONG raised for the comparison). Every match of the
    one request that is not on a cut's two words is found at the same place;
    nothing else is found; no sentence-start or paragraph-end match appears
    at a cut."""
    words = run_on(9_000, seed=3).split(" ")
    for i in (40, 700, 1_100):
        words[i] = "recieve"
    text = "Hi Dana,\n\n" + " ".join(words) + "\n\nBest,\nSam\n"
    at = pieces.cuts(text)
    assert len(at) == 4
    near = [pieces._around(text, c) for c in at]
    store = P.ParagraphStore(tmp_path / "cache")
    cut, cached = Grammar(), Grammar(paragraphs=store)
    try:
        in_pieces = cut.check(text)
        first, again = cached.check(text), cached.check(text)
        long, pieces.LONG = pieces.LONG, 10**9
        try:
            whole = Grammar().check(text)
        finally:
            pieces.LONG = long
    finally:
        cut.close()
        cached.close()
        store.close()
    spelled = [m.start for m in in_pieces if m.rule_id.startswith("MORFOLOGIK")]
    starts = [i for i in range(len(text)) if text.startswith("recieve", i)]
    assert spelled == starts and len(starts) == 3
    away = [m for m in whole if not any(m.start < hi and lo < max(m.end, m.start + 1) for lo, hi in near)]
    assert _plain(in_pieces) == _plain(away)
    assert _plain(first) == _plain(again) == _plain(in_pieces)
    assert not {"UPPERCASE_SENTENCE_START", "PUNCTUATION_PARAGRAPH_END"} & {m.rule_id for m in in_pieces}


@pytest.mark.parametrize("n_chars", [50_000])
def test_a_50000_character_sentence_takes_seconds_not_minutes(n_chars):
    """The robustness case with text LanguageTool's sentence cache cannot
    help with: every piece is different. One request took 17 s here (more
    than the 60 s timeout on a busy machine); pieces are linear in length.
    The test asserts the answer, not the time: the benchmark measures."""
    text = "Hi Dana,\n\n" + run_on(n_chars, seed=11).replace("review", "reveiw", 1) + "\n\nBest,\nSam\n"
    grammar = Grammar()
    try:
        matches = grammar.check(text)
    finally:
        grammar.close()
    assert [(m.start, m.rule_id.startswith("MORFOLOGIK")) for m in matches] == [(text.index("reveiw"), True)]
