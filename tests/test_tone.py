"""The tone model (followup_lint.tone): its features, its file, its
scores, and that linting never imports scikit-learn."""

from __future__ import annotations

import json
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest

from followup_lint.tone import CATEGORIES, TONES, load
from followup_lint.tone.features import DIM, featurize, hashed, word_ids, word_spans, words
from followup_lint.tone.model import MODEL_FILE, READS_AS

ROOT = Path(__file__).resolve().parent.parent


def test_words_fold_case_quotes_and_keep_marks():
    assert words("You DIDN\u2019T read it?!") == ["you", "didn't", "read", "it", "?", "!"]
    assert word_spans("You didn't.") == [(0, 3), (4, 10)]


def test_features_are_crc32_buckets():
    assert hashed("w:you") == zlib.crc32(b"w:you") % DIM
    ids = word_ids("you").tolist()
    # the word itself, then " y" "yo" "ou" "u " (2), " yo" "you" "ou " (3), " you" "you " (4), " you " (5)
    assert len(ids) == 1 + 4 + 3 + 2 + 1
    assert ids[0] == hashed("w:you") and hashed(" you ") in ids


def test_featurize_gives_unit_rows_and_skips_empty_texts():
    row, col, val = featurize(["you you you", "", "thank you"])
    assert set(row.tolist()) == {0, 2}
    for r in (0, 2):
        assert np.isclose(np.sum(val[row == r] ** 2), 1.0)
    assert ((col >= 0) & (col < DIM)).all()


def test_model_file_is_small_and_names_its_heads():
    assert MODEL_FILE.stat().st_size <= 10 * 1024 * 1024
    model = load()
    assert model.heads == ("hostile",) + TONES + CATEGORIES
    assert model.weights.shape == (DIM, len(TONES) + len(CATEGORIES) + 1)
    assert set(READS_AS) == set(TONES)
    assert model.meta["seed"] == 15


def test_hostile_sentences_score_above_gracious_ones():
    model = load()
    hostile = ["You people are clueless and your process is a joke.",
               "I will make sure everyone knows how you treat candidates."]
    gracious = ["Thank you for your time and for considering me.",
                "I enjoyed meeting the team and learning about the roadmap."]
    hs = [s.hostile for s in model.scores(hostile)]
    gs = [s.hostile for s in model.scores(gracious)]
    assert min(hs) > 0.5 > max(gs), (hs, gs)
    assert all(0.0 <= s.hostile <= 1.0 and s.tone in TONES for s in model.scores(hostile + gracious))


def test_scores_do_not_depend_on_the_batch():
    model = load()
    texts = ["Your recruiter could not even spell my name right.", "Thanks again!", ""]
    one = [model.score(t).hostile for t in texts]
    many = [s.hostile for s in model.scores(texts)]
    assert np.allclose(one, many)


def test_linting_a_hostile_draft_never_imports_scikit_learn(tmp_path):
    draft = tmp_path / "reply.txt"
    draft.write_text("Hi Dana,\n\nYour recruiter could not even spell my name right.\n\nSam\n", "utf-8")
    code = (
        "import sys, json\n"
        "from followup_lint.config import Settings\n"
        "from followup_lint.sources import read_path\n"
        "from followup_lint.engine import Linter\n"
        "r = Linter().lint_drafts([(read_path(sys.argv[1]), Settings(select=('H',), grammar=False))])[0]\n"
        "print(json.dumps([[f.code for f in r.findings], sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy', 'profanity_check'))]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(draft)], capture_output=True, text=True, check=True)
    codes, heavy = json.loads(out.stdout.strip().splitlines()[-1])
    assert "H102" in codes
    assert heavy == []


def _seed():
    rows = []
    for ln in (ROOT / "bench" / "tone" / "seed.tsv").read_text("utf-8").splitlines():
        if ln.strip() and not ln.startswith("#"):
            tone, text = ln.split("\t")
            rows.append((tone, text))
    return rows


def test_seed_sentences_are_labelled_and_unique():
    rows = _seed()
    assert {t for t, _ in rows} == set(TONES) | {"none"}
    texts = [t.lower() for _, t in rows]
    assert len(texts) == len(set(texts))


def test_training_never_sees_a_held_out_blind_sentence_or_a_fixture_line():
    sys.path.insert(0, str(ROOT / "bench"))
    from quality import BLIND, blind_split

    held = {r["text"].strip().lower() for c in BLIND for r in blind_split(c, "held")}
    tune = {r["text"].strip().lower() for c in BLIND for r in blind_split(c, "tune")}
    assert held and tune and not held & tune
    seed = {t.strip().lower() for _, t in _seed()}
    assert not seed & held
    fixture_lines = {ln.strip().lower() for p in (ROOT / "fixtures" / "rules").glob("H*.txt")
                     for ln in p.read_text("utf-8").splitlines() if ln.strip()}
    assert not seed & fixture_lines


@pytest.mark.parametrize("category", ["hostile", "presumptuous", "desperate", "generic"])
def test_the_fresh_set_is_well_formed_and_no_training_row_says_its_words(category):
    """bench/blind/fresh (writer f, session 11) is held out whole: each file
    has the same keys, both labels, no repeated id or text, and training
    (every writer, the tune halves, the seed sentences) holds none of its
    sentences word for word (compared normalised; never printed)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import train_tone
    from quality import blind_fresh

    rows = blind_fresh(category)
    assert {tuple(sorted(r)) for r in rows} == {("category", "id", "label", "text", "tone")}
    labels = [r["label"] for r in rows]
    assert labels.count("bad") >= 55 and labels.count("good") >= 55 and len(labels) == len(rows)
    texts = [train_tone._norm(r["text"]) for r in rows]
    assert len(set(texts)) == len(texts) and len({r["id"] for r in rows}) == len(rows)
    trained = {train_tone._norm(r["text"]) for r in train_tone.blind_rows(
        ("tune",) + tuple(sorted(d.name for d in (ROOT / "bench" / "blind" / "train").iterdir() if d.is_dir())))}
    trained |= {train_tone._norm(t) for _, t in _seed()}
    overlap = len(trained & set(texts))  # a count: the fresh sentences are never printed
    assert trained and overlap == 0


@pytest.mark.parametrize("category", ["hostile", "presumptuous", "desperate", "generic"])
def test_blind_halves_are_fixed_and_stratified(category):
    sys.path.insert(0, str(ROOT / "bench"))
    from quality import blind_split

    tune, held = blind_split(category, "tune"), blind_split(category, "held")
    assert blind_split(category, "tune") == tune  # same seed, same half
    assert abs(len(tune) - len(held)) <= 8
    for label in ("bad", "good"):
        assert any(r["label"] == label for r in held) and any(r["label"] == label for r in tune)
