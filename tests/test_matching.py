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
    a = matching.phrase_matcher(linter.nlp, "generic_stock_phrases")
    b = matching.phrase_matcher(linter.nlp, "generic_stock_phrases")
    assert a is b and a.matcher is b.matcher


@pytest.mark.parametrize("pattern, anchors", [
    ("i ~be|'m ~write to follow up", {"write"}),  # the first required word that is not a stop word
    ("very? excited", {"excited"}),  # optional words are never anchors
    ("thank _ you", {"thank"}),
    ("in the meantime", {"meantime"}),
    ("to be honest", {"honest"}),
    ("i am", {"i"}),  # all stop words: the first required one
])
def test_anchor_words(linter, pattern, anchors):
    from spacy.lang.en.stop_words import STOP_WORDS

    found = [matching.anchor_words(p, frozenset(STOP_WORDS)) for p in matching.token_patterns(linter.nlp, pattern)]
    assert found == [anchors] * len(found)


def test_a_draft_without_a_lists_words_is_not_searched(linter):
    pm = matching.phrase_matcher(linter.nlp, "hostile_insults")
    calm = linter.nlp("Thank you for the interview on Tuesday.")
    assert not pm.may_match(calm) and matching.find(calm, "hostile_insults") == []
    rude = linter.nlp("Your recruiter is a clown.")
    assert pm.may_match(rude) and [m.span.text for m in matching.find(rude, "hostile_insults")] == ["clown"]


def test_a_draft_with_one_of_a_pattern_s_words_only_is_not_searched(linter):
    """The exact gate: every required word of some pattern, not just one."""
    items = (matching.Entry("as per my last email", ()),)
    pm = matching.PhraseMatcher(linter.nlp, "test:required", items)
    assert pm.requires and all(len(needs) == 5 for needs in pm.requires)
    partial = linter.nlp("My email is below, as you asked.")
    assert not pm.anchors.isdisjoint(matching.doc_words(partial)) and not pm.may_match(partial)
    whole = linter.nlp("As per my last email, the files are attached.")
    assert pm.may_match(whole)


def test_the_anchor_gate_never_hides_a_match(linter):
    """Every phrase list, on every fixture and on every list's examples: the
    matches with the gate are the matches of the matcher run on every doc."""
    from conftest import FIXTURES, ROOT

    names = sorted(p.stem for p in (ROOT / "followup_lint" / "data").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(FIXTURES.rglob("*"))
             if p.is_file() and p.suffix in (".txt", ".md", ".eml")]
    texts += [e.column(0) for name in names for e in matching.entries(name) if e.column(0)]
    docs = list(linter.nlp.pipe(texts))
    gated = {name: [[(m.start, m.end) for m in matching._find(d, name)] for d in docs] for name in names}
    searched = 0
    for name in names:
        pm = matching.phrase_matcher(linter.nlp, name)
        saved, pm.anchors = pm.anchors, None
        try:
            assert [[(m.start, m.end) for m in matching._find(d, name)] for d in docs] == gated[name], name
        finally:
            pm.anchors = saved
        searched += sum(map(len, gated[name]))
    assert searched > 300


def test_find_returns_longest_non_overlapping_matches(linter):
    doc = linter.nlp("I look forward to hearing back from you. I hope this email finds you well.")
    hits = [(m.span.text, m.entry.pattern.split()[1]) for m in matching.find(doc, "generic_stock_phrases")]
    assert [h for h, _ in hits] == ["I look forward to hearing back from you", "I hope this email finds you well"]


def test_kept_token_patterns_find_what_built_ones_find(linter, tmp_path, monkeypatch):
    """The command line's kept phrase-list patterns (matching.KEEP): read
    back in a new process (here: the in-process tables emptied), every list
    has the same patterns, anchors and required words and finds the same
    matches; a list whose patterns changed is made again."""
    from conftest import FIXTURES
    from followup_lint.draft import parse_bytes

    nlp = linter.nlp
    names = sorted(p.stem for p in (FIXTURES.parent / "followup_lint" / "data").glob("*.txt"))
    monkeypatch.setenv("FOLLOWUP_LINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(matching, "KEEP", True)
    monkeypatch.setattr(matching, "_KEPT", {})
    built = {}
    for name in names:
        try:
            built[name] = matching.PhraseMatcher(nlp, name)
        except (ValueError, KeyError):
            continue  # not a phrase list of patterns
    assert len(built) > 20
    matching.save_kept()
    assert list(tmp_path.glob("phrases-*.marshal"))
    monkeypatch.setattr(matching, "_KEPT", {})
    made = []
    real = matching.PhraseMatcher._make
    monkeypatch.setattr(matching.PhraseMatcher, "_make", lambda self, nlp: made.append(self._name) or real(self, nlp))
    texts = [parse_bytes(p.read_bytes(), str(p)).text.text for p in sorted((FIXTURES / "rules").glob("*.txt"))]
    docs = list(nlp.pipe(texts))
    found = 0
    for name, first in built.items():
        again = matching.PhraseMatcher(nlp, name)
        assert again._patterns == first._patterns and again.anchors == first.anchors, name
        assert set(again.requires) == set(first.requires), name
        for doc in docs:
            a = [(s, e) for _, s, e in first.matcher(doc)] if first.may_match(doc) else []
            b = [(s, e) for _, s, e in again.matcher(doc)] if again.may_match(doc) else []
            assert a == b, (name, doc.text[:60])
            found += len(a)
    assert found > 100 and made == []  # every list read back, none made again
    entry = matching.Entry("a phrase nobody wrote", ())
    monkeypatch.setattr(matching, "entries", lambda name: (*built[names[0]].items, entry))
    changed = matching.PhraseMatcher(nlp, names[0])
    assert len(changed._patterns) == len(built[names[0]].items) + 1 and made == [names[0]]
