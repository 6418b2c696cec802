"""spaCy's NER runs only for drafts a rule asks for entities (followup_lint.deferred)."""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURES, ROOT
from followup_lint.analysis import load_pipeline
from followup_lint.deferred import entities, parse

TEXTS = [
    "Hi Dana,\n\nThank you for meeting me at Northwind Analytics on Tuesday with Marcus Okafor.\n",
    "I enjoyed our talk about the 3 migrations you ran in Berlin last year for $2 million.\n",
    "thank you for your time.\n",
    "",
]


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def test_parse_leaves_ner_out_until_entities_are_asked_for(nlp):
    docs = list(parse(nlp, TEXTS))
    assert [d.text for d in docs] == TEXTS
    assert all(d.ents == () for d in docs)  # not run yet
    assert [t.pos_ for t in docs[0]] == [t.pos_ for t in nlp(TEXTS[0])]  # the rest of the pipeline did run
    for doc, text in zip(docs, TEXTS):
        full = nlp(text)
        assert [(e.start_char, e.end_char, e.label_) for e in entities(doc)] == \
            [(e.start_char, e.end_char, e.label_) for e in full.ents]
        assert [t.ent_type_ for t in doc] == [t.ent_type_ for t in full]
    assert {e.label_ for e in entities(docs[0])} >= {"ORG", "PERSON", "DATE"}
    assert {e.label_ for e in entities(docs[1])} >= {"GPE", "MONEY", "DATE"}


def test_entities_runs_ner_once(nlp):
    doc = next(parse(nlp, [TEXTS[0]]))
    first = entities(doc)
    assert entities(doc) == first and first


def test_a_pipeline_without_ner_parses_and_has_no_entities():
    import spacy

    blank = spacy.blank("en")
    doc = next(parse(blank, ["Dana works at Acme."]))
    assert entities(doc) == ()


def test_rules_read_entities_only_through_deferred():
    """doc.ents or token.ent_type_ read directly would be empty after parse():
    a rule would silently lose its entities."""
    offenders = []
    for path in sorted((ROOT / "followup_lint").rglob("*.py")):
        if path.name == "deferred.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\.ents\b|\.ent_type|\.ent_iob", line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []


def test_findings_are_the_same_as_with_ner_for_every_draft(linter, monkeypatch):
    """Every fixture, linted with NER deferred and with NER run up front."""
    import followup_lint.deferred as deferred
    from conftest import lint

    paths = sorted(p for p in (FIXTURES / "rules").iterdir() if p.suffix != ".expected") + \
        sorted((FIXTURES / "drafts").iterdir())
    lazy = [lint(linter, p).findings for p in paths]
    monkeypatch.setattr(deferred, "LAZY_COMPONENTS", ())
    eager = [lint(linter, p).findings for p in paths]
    assert lazy == eager
    assert sum(map(len, lazy)) > 100
    assert any(f.code == "S402" for fs in lazy for f in fs)  # rules that read entities were in play
