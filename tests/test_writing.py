"""Writing rules: passive voice, hedges, apologies, walls of text, "i",
repeated words, swearing aimed at nobody."""

from __future__ import annotations

import pytest

from conftest import found, rule_list
from followup_lint import matching
from followup_lint.data import phrases


def body(text):
    return f"Hi Dana,\n\n{text}\n\nBest,\nSam"


@pytest.mark.parametrize("sentence, excerpt", [
    ("Mistakes were made in the test.", "Mistakes were made"),
    ("My resume has been reviewed twice.", "My resume has been reviewed"),
    ("The report was sent by me on Friday.", "The report was sent"),
])
def test_passive_voice(linter, sentence, excerpt):
    assert found(linter, body(sentence), ("W201",)) == [("W201", 3, 1, excerpt)]


@pytest.mark.parametrize("sentence", ["I was impressed by the team.", "I am based in Porto.",
                                      "I can be reached at this address.", "I sent the report."])
def test_not_reported_as_passive(linter, sentence):
    assert found(linter, body(sentence), ("W201",)) == []


@pytest.mark.parametrize("sentence, excerpt", [
    ("I just wanted to say thanks.", "just wanted"),
    ("Just checking in on the decision.", "Just checking"),
    ("I think maybe I could help.", "I think maybe"),
    ("I sort of led the project.", "sort of"),
    ("I was wondering whether you had news.", "wondering whether"),
])
def test_hedging_variants(linter, sentence, excerpt):
    col = sentence.index(excerpt) + 1
    assert found(linter, body(sentence), ("W202",)) == [("W202", 3, col, excerpt)]


def test_just_alone_is_not_a_hedge(linter):
    assert found(linter, body("The offer arrived just as I landed."), ("W202",)) == []


@pytest.mark.parametrize("sentence, excerpt", [
    ("Sorry to bother you, but is there news?", "Sorry to bother you"),
    ("I apologize for taking up your time.", "I apologize for taking up your time"),
    ("I\u2019m sorry to trouble you again.", "sorry to trouble you"),
])
def test_over_apology_variants(linter, sentence, excerpt):
    col = sentence.index(excerpt) + 1
    assert found(linter, body(sentence), ("W203",)) == [("W203", 3, col, excerpt)]


def test_apology_for_a_real_mistake_is_fine(linter):
    assert found(linter, body("Sorry for the typo in my last note: the call is on Friday."), ("W203",)) == []


def test_wall_of_text_by_sentences_and_option(linter):
    text = body(" ".join(["We met on Tuesday."] * 7))
    assert [c for c, *_ in found(linter, text, ("W204",))] == ["W204"]
    assert found(linter, body(" ".join(["We met on Tuesday."] * 6)), ("W204",)) == []
    from followup_lint.config import Settings
    from followup_lint.draft import parse_bytes

    draft = parse_bytes(text.encode(), "d.txt")
    loose = Settings(select=("W204",), rule_options={"W204": {"max-sentences": 10}})
    assert linter.lint_drafts([(draft, loose)])[0].findings == ()


def test_lines_ending_in_full_sentences_are_separate_paragraphs(linter):
    text = body("\n".join(["We met on Tuesday and talked about the billing pipeline at length."] * 12))
    assert found(linter, text, ("W204",)) == []


def test_hard_wrapped_paragraph_is_one_paragraph(linter):
    long = "We met on Tuesday and talked about the billing pipeline " * 12
    wrapped = "\n".join(long[i:i + 70] for i in range(0, len(long), 70))
    assert [c for c, *_ in found(linter, body(wrapped), ("W204",))] == ["W204"]


def test_lowercase_i(linter):
    assert found(linter, body("i think i'm ready, i.e. ready."), ("W205",)) == [
        ("W205", 3, 1, "i"), ("W205", 3, 9, "i")]


def test_lowercase_i_list_marker_is_fine(linter):
    assert found(linter, body("Two points:\ni) the pipeline\nii) the team"), ("W205",)) == []


def test_repeated_words(linter):
    assert found(linter, body("I would love to to join. I had had enough. Ha ha."), ("W206",)) == [
        ("W206", 3, 14, "to to")]


def test_repeated_word_needs_adjacent_words(linter):
    assert found(linter, body("It was the\n\nthe end."), ("W206",)) == []
    assert found(linter, body("No, no, it was fine."), ("W206",)) == []


def _rows(name):
    return [line.split("\t") for line in phrases(name)]


@pytest.mark.parametrize("name", [rule_list("W202"), rule_list("W203")])
def test_each_phrase_matches_its_example(linter, name):
    for pattern, example, better in _rows(name):
        doc = linter.nlp(example)
        assert pattern in [m.entry.pattern for m in matching.find(doc, name)], (pattern, example)
        assert better.strip()


@pytest.mark.parametrize("lemma, example", _rows(rule_list("W201")))
def test_each_state_participle_is_not_reported(linter, lemma, example):
    doc = linter.nlp(example)
    assert any(t.lemma_.lower() == lemma or t.lower_.startswith(lemma[:3]) for t in doc)
    assert found(linter, body(example), ("W201",)) == []


@pytest.mark.parametrize("word, example", _rows(rule_list("W206")))
def test_each_allowed_double_is_not_reported(linter, word, example):
    assert f"{word} {word}" in example.lower()
    assert found(linter, body(example), ("W206",)) == []


def test_present_state_passive_is_not_reported(linter):
    assert found(linter, body("My resume is attached for reference."), ("W201",)) == []


def test_swearing_at_nobody_is_a_register_warning(linter):
    from conftest import lint_text

    text = body("The traffic was shitty, but the damn thing finally runs.")
    r = lint_text(linter, text, select=("W207",))
    assert [(f.code, f.line, f.column, f.excerpt) for f in r.findings] == [
        ("W207", 3, 17, "shitty"), ("W207", 3, 33, "damn")]
    f = r.findings[0]
    assert f.category == "writing" and f.severity.name == "WARNING"
    assert "should not swear" in f.message and f.suggestions == ('Drop "shitty" or say it plainly.',)
    # aimed at the reader it is H101's, and W207 leaves it
    assert found(linter, body("Your process is shitty."), ("W207",)) == []
