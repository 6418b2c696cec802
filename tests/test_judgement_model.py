"""The tone model's judgement layer: the presumptuous, desperate and
generic heads behind P301, D303 and G301 (and hostile behind H102), their
flag levels, one finding per span, and the blind training data."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import found, lint_text
from followup_lint.rules import find_rule
from followup_lint.tone import CATEGORIES, TONES, load

ROOT = Path(__file__).resolve().parent.parent
MODEL_RULES = {"H102": "hostile", "P301": "presumptuous", "D303": "desperate", "G301": "generic"}


@pytest.fixture(scope="module")
def nlp():
    from followup_lint.analysis import load_pipeline

    return load_pipeline()


def note(body: str) -> str:
    return f"Hi Dana,\n\n{body}\n\nBest,\nSam\n"


def test_model_has_a_head_and_a_flag_level_per_category():
    model = load()
    assert model.heads == ("hostile",) + TONES + CATEGORIES
    thresholds = model.meta["thresholds"]
    assert set(thresholds) == {"hostile"} | set(CATEGORIES)
    assert all(0.25 <= t < 1.0 for t in thresholds.values())
    assert model.meta["sources"] == ["tune", "a", "b", "c", "d", "e", "o", "p"]
    # writers d and e train the hostile and tone heads only (bench/train_tone.py CATEGORY_SOURCES),
    # o and p the presumptuous head only (ONLY_HEADS)
    assert model.meta["category_sources"] == ["tune", "a", "b", "c", "o", "p"]


@pytest.mark.parametrize("code,category", sorted(MODEL_RULES.items()))
def test_rule_default_threshold_is_the_one_chosen_at_training(code, category):
    # make train chooses the level on out-of-source blind rows and AESLC dev;
    # the rule's documented default must be that level, not a stale one.
    assert find_rule(code).options["threshold"].default == load().threshold(category)


def test_scores_name_each_category():
    sc = load().score("I have already booked movers for my first week in your Denver office.")
    assert set(sc.categories) == {"hostile"} | set(CATEGORIES)
    assert sc.categories["presumptuous"] > sc.categories["generic"]
    assert sc.tone in TONES


def test_blind_training_rows_are_well_formed():
    sys.path.insert(0, str(ROOT / "bench"))
    from quality import BLIND, TRAIN_SOURCES, blind_train

    assert TRAIN_SOURCES == ("a", "b", "c", "d", "e", "o", "p")
    for src in TRAIN_SOURCES:
        assert blind_train(src, "hostile" if src not in ("o", "p") else "presumptuous"), src
        for cat in BLIND:
            rows = blind_train(src, cat)
            if src in ("d", "e", "o", "p") and not rows:
                continue  # writer e wrote hostile and presumptuous only, o and p presumptuous only
            assert len(rows) >= (200 if src in ("a", "b", "c") else 120), (src, cat)
            assert {r["label"] for r in rows} == {"bad", "good"}
            assert len({r["id"] for r in rows}) == len(rows)
            assert all(r["text"].strip() and r["tone"] for r in rows)


def test_training_leaves_out_any_row_equal_to_a_held_out_sentence():
    sys.path.insert(0, str(ROOT / "bench"))
    import train_tone

    held = train_tone.held_out_texts()
    rows = train_tone.blind_rows()
    assert held and rows
    assert not {train_tone._norm(r["text"]) for r in rows} & held


def test_a_grovelling_sentence_gets_one_finding_not_d301_and_w203(linter):
    text = note("I am so sorry to bother you again, I know it is rude of me to even ask.")
    both = found(linter, text, select=("D", "W203"))
    assert [c for c, *_ in both] == ["D301"]
    # W203 alone still sees the apology: it is D301 that takes the span
    assert [c for c, *_ in found(linter, text, select=("W203",))] == ["W203"]


def test_a_sentence_the_precise_layer_flags_gets_no_model_finding(linter):
    text = note("I am thrilled to be joining the team, and I have already told my landlord I am moving in March.")
    codes = [c for c, *_ in found(linter, text, select=("P",))]
    assert "P101" in codes and "P301" not in codes


def test_model_finding_names_the_category_words_and_score(linter):
    text = note("I have already told my landlord that I am moving to Denver in March.")
    r = lint_text(linter, text, select=("P301",))
    [f] = r.findings
    assert (f.code, f.line, f.column) == ("P301", 3, 1)
    assert f.excerpt == "I have already told my landlord that I am moving to Denver in March."
    assert f.message.startswith("reads as presumptuous: \"") and "(model score " in f.message
    assert f.tone == "presumptuous" and load().threshold("presumptuous") <= f.score <= 1


def test_one_model_finding_per_sentence_across_categories(linter):
    text = note("You have ignored three of my emails and I expect an answer from you by tomorrow morning.")
    r = lint_text(linter, text, select=("H102", "P301", "D303", "G301"))
    per_sentence = {}
    for f in r.findings:
        per_sentence.setdefault((f.line, f.column), []).append(f.code)
    assert all(len(v) == 1 for v in per_sentence.values()), per_sentence


def test_g301_leaves_a_courtesy_sentence_beside_a_detail_alone(linter):
    framed = note("Thanks for the interview! Your story about the first year of the nonprofit really stuck with me.")
    assert [c for c, *_ in found(linter, framed, select=("G301",))] == []
    # the same courtesy sentence beside another courtesy sentence, or alone in its paragraph, is flagged
    run = note("Thanks for the interview! Please let me know if there are any updates.")
    assert [(c, line, col) for c, line, col, *_ in found(linter, run, select=("G301",))][:1] == [("G301", 3, 1)]
    apart = note("Thanks for the interview!\n\nYour story about the first year of the nonprofit really stuck with me.")
    assert [(c, line, col) for c, line, col, *_ in found(linter, apart, select=("G301",))] == [("G301", 3, 1)]
    # a low score is not enough: the neighbour has to name a topic ("Thank you for the offer." names none)
    offer = note("Thank you for the offer. I am pleased to accept the position and look forward to starting.")
    assert [c for c, *_ in found(linter, offer, select=("G301",))] == ["G301"]


def test_whole_draft_tone_is_the_most_hostile_sentence(linter):
    from followup_lint.finding import FileResult

    text = note("Thank you for the call on Tuesday. Your recruiter could not even spell my name right.")
    r = lint_text(linter, text, select=("H102",))
    h102 = [f for f in r.findings if f.code == "H102"]
    assert len(h102) == 1
    tone = r.to_dict()["metrics"]["tone"]
    assert tone["hostile"] == h102[0].score and tone["tone"] == h102[0].tone
    assert tone["sentences"] >= 2 and set(tone) == {"sentences", "hostile", "tone"} | set(CATEGORIES)
    assert FileResult.from_dict(r.to_dict()).tone == tone
    # without a tone-model rule nothing is scored, and nothing is reported
    assert lint_text(linter, text, select=("W",)).to_dict()["metrics"]["tone"] is None


@pytest.mark.parametrize("sentence", [
    "Sorry for any inconvenience.", "We apologize for any inconvenience.",
    "Sorry, I've been tied up all day.",
    # a possible slip of the writer's own, in an "if" clause
    "Sorry if I rambled a bit too much.",
    "I did what I thought you wanted, so I'm sorry if it wasn't the right thing.",
    # offers of help: getting in touch with the writer for the reader's questions or the writer's help
    "Please phone me with any questions.",
    "Please, please, please ask me if you have ANY questions about how to do this.",
])
def test_business_apology_is_not_desperate(linter, sentence):
    # the tone model alone reads these as desperate (D303 fired on them in AESLC dev)
    assert "D303" not in [c for c, *_ in found(linter, note(sentence), select=("D",))]


@pytest.mark.parametrize("sentence", [
    "Again, please accept my apology.", "I'm so sorry for any inconvenience.",
    "I apologize for taking up so much of your time.", "Sorry if I rambled in the interview.",
    "I'm so sorry if I rambled.", "Sorry again if I rambled.", "Sorry if I seem desperate.",
    "I'm sorry if I seem desperate, but I really need this.", "Sorry if it sounds needy.",
])
def test_repeated_intensified_or_self_abasing_apology_is_not_business(nlp, sentence):
    from followup_lint.structural.apology import business_apology

    assert not any(business_apology(s) for s in nlp(sentence).sents)


def test_business_apology_gate_keeps_repeated_apology(linter):
    assert "D303" in [c for c, *_ in found(linter, note("Again, please accept my apology."), select=("D",))]


def test_own_slip_gate_keeps_an_apology_for_the_application_or_with_a_plea(linter):
    # the tone model reads each as desperate; the "if" clause is about the interview, or a plea follows
    for sentence in ("Sorry if I rambled in the interview.", "I'm sorry if I seem desperate, but I really need this."):
        assert found(linter, note(sentence), select=("D",)) == [("D303", 3, 1, sentence)]


def test_so_before_the_subject_is_therefore_not_an_intensifier(nlp):
    from followup_lint.structural.apology import _apology_tokens, _intensified

    [s] = nlp("I did what I thought you wanted, so I'm sorry if it wasn't the right thing.").sents
    assert not _intensified(s, _apology_tokens(s)[0])
    [s] = nlp("I'm so sorry if I rambled.").sents
    assert _intensified(s, _apology_tokens(s)[0])


@pytest.mark.parametrize("sentence,offer", [
    ("Please let me know if you have any questions.", True),
    ("Feel free to call me with any questions.", True),
    ("Please don't hesitate to contact me if you have any questions.", True),
    ("Please let me know if I can be of any help.", True),
    ("Please, please call me back.", False),
    ("Please call me back as soon as you can.", False),
    ("Please let me know if there is anything I can do to get this job.", False),
    ("Please call me if you have any questions, this job means everything to me.", False),
    ("Please phone me with any questions, I can't stop thinking about this role.", False),
    ("Please call me if you need me to beg.", False),
])
def test_offer_of_help_by_the_parse(nlp, sentence, offer):
    from followup_lint.structural.offers import offer_of_help

    assert any(offer_of_help(s) for s in nlp(sentence).sents) is offer


def test_offer_gate_keeps_a_plea_after_the_offer(linter):
    sentence = "Please call me with any news, this job means everything to me."
    assert found(linter, note(sentence), select=("D",)) == [("D303", 3, 1, sentence)]


@pytest.mark.parametrize("sentence,away", [
    ("I will be out of the office next week.", True),
    ("By the way - I'm on vacation for a week or so starting Friday.", True),
    ("I'll be on vacation until the 20th, so my start date will have to be after that.", False),
    ("I'm off to Denver next week to find an apartment near the office.", False),
    ("I'll be away the first week, so please set up my laptop before I join.", False),
])
def test_absence_notice_by_the_parse(nlp, sentence, away):
    from followup_lint.structural.asides import absence_notice

    assert any(absence_notice(s) for s in nlp(sentence).sents) is away


def test_out_of_office_notice_is_not_presumptuous(linter):
    assert "P301" not in [c for c, *_ in found(linter, note("I will be out of the office next week."), select=("P",))]


@pytest.mark.parametrize("writer,counts", [
    # trained on since session 11 (the hostile and tone heads; docs/tone-model.md)
    ("d", {"hostile": 320, "presumptuous": 200, "desperate": 200, "generic": 120}),  # session 6
    ("e", {"hostile": 300, "presumptuous": 199}),  # session 7; one row equal to a blind sentence left out
    # session 11, checked, not trained on (docs/tone-model.md); h: one row equal to one of g's left out
    ("g", {"hostile": 300}),
    ("h", {"hostile": 299}),
    # session 11 (02:40); j: one row equal to one of g's left out
    ("i", {"hostile": 300}),
    ("j", {"hostile": 299}),
    # session 12 (04:00), presumptuous only, 120 bad + 120 near-miss each; not trained on (the P head's
    # sources are the tone developer's call)
    ("o", {"presumptuous": 240}),
    ("p", {"presumptuous": 240}),
])
def test_writer_rows_are_well_formed_and_none_is_a_held_out_sentence(writer, counts):
    import json

    sys.path.insert(0, str(ROOT / "bench"))
    import train_tone
    from quality import BLIND, blind_train

    held = train_tone.held_out_texts()
    found_counts = {}
    for cat in counts:
        lines = (ROOT / "bench" / "blind" / "train" / writer / f"{cat}.jsonl").read_text("utf-8").splitlines()
        rows = [json.loads(ln) for ln in lines if ln.strip()]
        assert all(set(r) == {"id", "text", "label", "tone", "note_kind"} for r in rows), cat
        assert {r["label"] for r in rows} == {"bad", "good"}
        assert len({r["id"] for r in rows}) == len(rows) == len({r["text"] for r in rows})
        norms = {train_tone._norm(r["text"]) for r in rows}
        assert not norms & held
        assert not norms & {train_tone._norm(r["text"]) for r in train_tone.blind_rows(("tune",))}
        if writer in ("g", "h", "i", "j", "o", "p"):  # nor equal to an earlier writer's row (g before h, i, j, o, p)
            others = {train_tone._norm(r["text"]) for src in "abcdeghijo" if src < writer
                      for c in BLIND for r in blind_train(src, c)}
            assert not norms & others
        found_counts[cat] = len(rows)
    assert found_counts == counts


@pytest.mark.parametrize("writer,count", [
    # session 12: clean business mail (bench/blind/README.md); l, m, n: two one-liners equal to k's left out
    ("k", 400), ("l", 398), ("m", 398), ("n", 398),
])
def test_business_mail_rows_are_well_formed_and_none_is_another_sets_sentence(writer, count, monkeypatch):
    import json

    sys.path.insert(0, str(ROOT / "bench"))
    import train_tone
    from quality import BLIND, blind_fresh, blind_train, business_mail

    lines = (ROOT / "bench" / "blind" / "background" / f"{writer}.jsonl").read_text("utf-8").splitlines()
    rows = [json.loads(ln) for ln in lines if ln.strip()]
    assert all(set(r) == {"id", "text", "label", "tone", "note_kind"} for r in rows)
    assert {(r["label"], r["note_kind"]) for r in rows} == {("good", "business-mail")}
    assert len({r["id"] for r in rows}) == len(rows) == count
    norms = [train_tone._norm(r["text"]) for r in rows]
    assert len(set(norms)) == count
    assert not set(norms) & train_tone.held_out_texts()
    assert not set(norms) & {train_tone._norm(r["text"]) for c in BLIND for r in blind_fresh(c)}
    others = {train_tone._norm(r["text"]) for r in train_tone.blind_rows(("tune",))}
    others |= {train_tone._norm(r["text"]) for src in "abcdeghijop" for c in BLIND for r in blind_train(src, c)}
    others |= {train_tone._norm(r["text"]) for r in business_mail("train") + business_mail("check")
               if r["writer"] < writer}  # nor an earlier writer's (k, l, m, n)
    assert not set(norms) & others
    # a fixed half of each writer trains (and sets hostile's level); the other is only counted
    train, check = business_mail("train", (writer,)), business_mail("check", (writer,))
    assert (len(train), len(check)) == (count // 2, count - count // 2)
    assert {r["id"] for r in train} | {r["id"] for r in check} == {r["id"] for r in rows}
    assert not {r["id"] for r in train} & {r["id"] for r in check}
    # the shipped model is not trained on them (BUSINESS_HALF None); with "train" only that half is
    assert train_tone.business_train() == []
    monkeypatch.setattr(train_tone, "BUSINESS_HALF", "train")
    trained = set(train_tone.business_train())
    assert {r["text"] for r in train} <= trained and not {r["text"] for r in check} & trained


@pytest.mark.parametrize("sentence,reported", [
    ("''I know you're trying to drive the stock price down, and you've done a good job of it,'' Mr. Lay said.",
     True),
    ("\"We will need a new plan,\" she told reporters.", True),
    ("My mentor said \"you will never find a job\", and I am starting to believe her.", False),
    ("I said \"I really need this job\".", False),
    ("My recruiter said I would start on Monday.", False),
])
def test_reported_speech_by_the_parse(nlp, sentence, reported):
    from followup_lint.structural.speech import reported_speech

    assert any(reported_speech(s) for s in nlp(sentence).sents) is reported


def test_someone_elses_quoted_words_are_not_the_senders_neediness(linter):
    quoted = "''I know you're trying to drive the stock price down, and you've done a good job of it,'' Mr. Lay said."
    assert found(linter, note(quoted), select=("D", "P")) == []
    # the same words as the writer's own stay flagged
    own = "I know you're trying to drive the stock price down, and you've done a good job of it."
    assert [(c, ln, col) for c, ln, col, _ in found(linter, note(own), select=("D",))] == [("D303", 3, 1)]
