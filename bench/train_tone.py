"""Train the tone model (followup_lint/tone/tone.npz) and measure it.

    make train                              # = python bench/train_tone.py --write
    python bench/train_tone.py              # train and print the metrics, write nothing
    python bench/train_tone.py --recipe olid   # a cross-source check (not shipped)

Training data (only sets whose terms allow a shipped model, see
docs/tone-model.md): GoEmotions train split (Apache-2.0), the email-intent
train split (Apache-2.0, as ordinary email sentences), the sentences this
project wrote (bench/tone/seed.tsv), the tune halves of the blind sets
(bench/blind/, the tune half of bench/quality.py blind_split) and the blind
training sets written for this project by five writers who never saw the
code (bench/blind/train/a/ to e/; d and e train the hostile and tone heads
only, CATEGORY_SOURCES; o and p, session 12, the presumptuous head only,
ONLY_HEADS). The held-out halves, UCC,
AESLC and JFLEG are never trained on. The fixed seed makes the run
reproducible.

Heads: "hostile", one per tone (which tone a hostile sentence carries), and
one per judgement category ("presumptuous", "desperate", "generic"). Each
category's flag level is chosen here, on data the shipped model is not
scored on in-sample: the out-of-source scores of the blind rows (each writer's
rows scored by a model trained without them) and ordinary background sentences
no head is trained on (email-intent test, GoEmotions dev neutral; AESLC is
non-commercial and only reported), and written into the model file (meta
"thresholds").

scikit-learn is needed here only (`pip install -e '.[train]'`); the linter
scores with numpy (followup_lint/tone/model.py).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from followup_lint.tone.features import BITS, DIM, featurize  # noqa: E402
from followup_lint.tone.model import CATEGORIES, MODEL_FILE, TONES  # noqa: E402

SEED = 15
MODELS = Path(__file__).resolve().parent / ".models"
NEGATIVE = ("anger", "annoyance", "disgust", "disapproval")
HERE = Path(__file__).resolve().parent


sys.path.insert(0, str(HERE))


def data_dir() -> Path:
    from quality import default_data

    return default_data()


# -- sources ----------------------------------------------------------------------

def goemotions(data: Path, split: str, labels=NEGATIVE) -> tuple[list[str], list[int]]:
    texts, ys = [], []
    with open(data / "goemotions" / "goemotions.jsonl", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d["split"] == split:
                texts.append(d["text"])
                ys.append(int(any(lab in labels for lab in d["labels"])))
    return texts, ys


def email_intent(data: Path, split: str = "train") -> list[str]:
    with open(data / "email_intent" / f"{split}.tsv", encoding="utf-8") as fh:
        return [ln.split("\t", 1)[1].strip() for ln in fh if "\t" in ln]


# Which half of the project's clean business mail (bench/blind/background,
# bench/quality.py business_mail) the hostile head is trained on and sets its
# level with; None: none. Measured in session 12 with "train" (797 sentences,
# docs/tone-model.md): with writers a-e the level fell 0.788 -> 0.755 (a-e
# recall +2 points, AESLC dev +3 drafts), with g-j too AESLC dev still rose by
# 7; at an equal AESLC count neither ranked better, so the shipped model does
# not use it.
BUSINESS_HALF = None


def business_train() -> list[str]:
    """The train half of the clean business-mail sentences written for this
    project (bench/blind/background/, session 12; bench/quality.py
    business_mail): background for the hostile head (0) and, scored out of
    fold, part of the clean background that sets hostile's level. The check
    half is never trained on nor used for a level."""
    from quality import business_mail

    if not BUSINESS_HALF:
        return []
    held = held_out_texts()
    return [r["text"] for r in business_mail(BUSINESS_HALF) if _norm(r["text"]) not in held]


def seed() -> list[tuple[str, str]]:
    out = []
    for ln in (HERE / "tone" / "seed.tsv").read_text("utf-8").splitlines():
        if ln.strip() and not ln.startswith("#"):
            tone, text = ln.split("\t", 1)
            out.append((tone, text.strip()))
    return out


def blind_tune() -> list[tuple[str, str, bool, str]]:
    """(category, text, bad, tone) from the tune halves of the blind sets
    (bench/quality.py blind_split; the held-out halves are never read here)."""
    return [(r["category"], r["text"], r["label"] == "bad", r.get("tone", ""))
            for r in blind_rows(("tune",))]


SOURCES = ("tune", "a", "b", "c", "d", "e", "o", "p")
# The sources the presumptuous, desperate and generic heads are trained on
# and their levels chosen by. Writers d and e (hostile-heavy; e wrote hostile
# and presumptuous only) train the hostile head and the tone heads; with them
# in the category heads too the presumptuous level rose to 0.864 (the
# background cap) and the out-of-source presumptuous recall at it did not
# rise (exploration, session 11: writers a/b/c .408/.417/.392 -> .400/.350/.417).
CATEGORY_SOURCES = ("tune", "a", "b", "c", "o", "p")
# Writers o and p (session 12) wrote presumptuous rows only: they train the
# presumptuous head alone (the hostile, tone, desperate and generic heads are
# those without them, array for array).
ONLY_HEADS = {"o": ("presumptuous",), "p": ("presumptuous",)}


def blind_rows(sources=SOURCES, exclude=frozenset()) -> list[dict]:
    """Rows of the blind training data of ``sources``: "tune" (the tune
    halves of bench/blind/), "a", "b" and "c" (bench/blind/train/<a|b|c>/,
    each written by another writer). Each row gets ``category`` and ``source``."""
    from quality import BLIND, blind_split, blind_train

    held = held_out_texts()
    out = []
    for src in sources:
        for cat in BLIND:
            rows = blind_split(cat, "tune") if src == "tune" else blind_train(src, cat)
            out.extend(dict(r, source=src) for r in rows
                       if (src, r["id"]) not in exclude and _norm(r["text"]) not in held)
    return out


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


_held: set = set()


def held_out_texts() -> set:
    """The held-out halves' sentences, normalised, only so that a training
    row that happens to say the same thing word for word ("I look forward to
    hearing from you.") is left out (their texts are never printed)."""
    if not _held:
        from quality import BLIND, blind_split

        _held.update(_norm(r["text"]) for c in BLIND for r in blind_split(c, "held"))
    return _held


def tone_of(name: str) -> str | None:
    """The model's tone for a writer's sub-kind name ("threat-review" is a
    threat, "mockery" sarcasm); None when it is none of TONES."""
    name = name.lower()
    for tone, keys in (("insult", ("insult", "name-calling")), ("blame", ("blame", "accusation")),
                       ("threat", ("threat",)), ("sarcasm", ("sarcas", "mock")),
                       ("impatience", ("impatien", "pressure")), ("condescension", ("condescen",))):
        if any(k in name for k in keys):
            return tone
    return None


_OLID_NOISE = re.compile(r"@USER\b|\bURL\b")


def olid(data: Path, split: str) -> tuple[list[str], list[int]]:
    rows = []
    if split == "test":
        for ln in open(data / "olid" / "test_levela_labeled.jsonl", encoding="utf-8"):
            d = json.loads(ln)
            rows.append((d["tweet"], d["subtask_a"] == "OFF"))
    else:
        with open(data / "olid" / "olid-training-v1.0.tsv", encoding="utf-8") as fh:
            next(fh)
            for ln in fh:
                p = ln.rstrip("\n").split("\t")
                rows.append((p[1], p[2] == "OFF"))
    return [" ".join(_OLID_NOISE.sub(" ", t).split()) for t, _ in rows], [int(y) for _, y in rows]


def politeness(data: Path, community: str) -> tuple[list[str], list[int]]:
    cut = {"wikipedia": (0.515, -0.440), "stack-exchange": (0.421, -0.344)}[community]
    texts, ys = [], []
    with open(data / "stanford_politeness" / f"{community}.annotated.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            s = float(row["Normalized Score"])
            if s >= cut[0] or s <= cut[1]:
                texts.append(row["Request"])
                ys.append(int(s <= cut[1]))
    return texts, ys


def ucc(data: Path, split: str, label: str) -> tuple[list[str], list[int]]:
    texts, ys = [], []
    for ln in open(data / "ucc" / "ucc.jsonl", encoding="utf-8"):
        d = json.loads(ln)
        if d["split"] == split:
            texts.append(d["text"])
            ys.append(int(d["labels"][label]))
    return texts, ys


def enron(data: Path, split: str) -> list[str]:
    return [json.loads(ln)["body"] for ln in open(data / "aeslc_enron" / f"{split}.jsonl", encoding="utf-8")]


# -- features and training ------------------------------------------------------------

_rows_cache: dict = {}


def matrix(texts: list[str]):
    """The feature rows of ``texts`` (each text featurized once per run:
    the out-of-source folds share most of their texts)."""
    from scipy.sparse import csr_matrix, vstack

    new = [t for t in dict.fromkeys(texts) if t not in _rows_cache]
    if new:
        row, col, val = featurize(new)
        x = csr_matrix((val, (row, col)), shape=(len(new), DIM))
        for t, k in zip(new, range(len(new))):
            _rows_cache[t] = x[k]
    if not texts:
        return csr_matrix((0, DIM))
    return vstack([_rows_cache[t] for t in texts], format="csr")


def fit(x, y, w, c: float):
    from sklearn.linear_model import LogisticRegression

    if len(np.unique(y)) < 2:  # a source without this category: a head that never fires
        return np.zeros(x.shape[1]), -10.0
    clf = LogisticRegression(C=c, max_iter=2000, solver="liblinear", random_state=SEED)
    clf.fit(x, y, sample_weight=w)
    return clf.coef_[0].astype(np.float64), float(clf.intercept_[0])


HEADS_CAT = ("hostile",) + CATEGORIES
BACKGROUND = 8000   # GoEmotions comments that are background for presumptuous/desperate
EMAIL_WEIGHT = 5.0  # weight of an email-intent sentence (ordinary business email, every head 0)
# ...for the hostile head: ordinary business sentences in the future tense
# ("You must assume that this report will become public") are what its flag
# level is set by, so they weigh more there (chosen on the out-of-source
# blind rows and the email-intent test split: writers a/b/c recall at the
# chosen level 0.30/0.17/0.34 at weight 5, 0.42/0.20/0.40 at 40).
HOSTILE_EMAIL_WEIGHT = 40.0
# ...and a sentence of the project's clean business mail (bench/blind/background,
# train half; it trains the hostile head only)
BUSINESS_WEIGHT = 40.0


def hostile_weights(w, email):
    """The hostile head's sample weights: an email-intent sentence weighs
    HOSTILE_EMAIL_WEIGHT, a business-mail one BUSINESS_WEIGHT (its own
    weight, the larger)."""
    return np.where(email, np.maximum(w, HOSTILE_EMAIL_WEIGHT), w)
GENERIC_REDDIT = True  # the GoEmotions background sample is background for generic too


def training_set(data: Path, recipe: str, seed_weight: float, sources=SOURCES, exclude=frozenset()):
    """(texts, labels, weights, tone labels): ``labels[head]`` is 1/0 per
    text, or -1 where the text does not train that head."""
    texts, ws, tones, email = [], [], [], []
    labels: dict[str, list[int]] = {h: [] for h in HEADS_CAT}

    def add(t, y: dict, w, tone=None, is_email=False):
        texts.append(t)
        ws.append(w)
        tones.append(tone)
        email.append(is_email)
        for h in HEADS_CAT:
            labels[h].append(y.get(h, -1))

    if recipe in ("shipped", "goemotions"):
        rng = np.random.default_rng(SEED)
        ge = goemotions(data, "train")
        background = set(rng.choice(len(ge[0]), size=min(BACKGROUND, len(ge[0])), replace=False).tolist())
        for k, (t, y) in enumerate(zip(*ge)):
            # A fixed sample of Reddit comments is background for presumptuous
            # and desperate; not for generic (short thank-you comments are
            # what generic means).
            bg = 0 if k in background else -1
            add(t, {"hostile": y, "presumptuous": bg, "desperate": bg, "generic": bg if GENERIC_REDDIT else -1},
                1.0)
    if recipe == "shipped":
        for t in email_intent(data):
            add(t, dict.fromkeys(HEADS_CAT, 0), EMAIL_WEIGHT, is_email=True)
        # the train half of the project's clean business mail: hostile 0,
        # weighing as an email-intent sentence, scored out of fold with them
        for t in business_train():
            add(t, {"hostile": 0}, BUSINESS_WEIGHT, is_email=True)
        for tone, t in seed():
            add(t, {"hostile": int(tone != "none"), "presumptuous": 0, "desperate": 0, "generic": 0},
                seed_weight, None if tone == "none" else tone)
        for r in blind_rows(sources, exclude):
            cat, bad = r["category"], r["label"] == "bad"
            y = {h: int(h == cat and bad) for h in HEADS_CAT}
            if r["source"] not in CATEGORY_SOURCES:
                y = {"hostile": y["hostile"]}  # trains the hostile and tone heads only
            y = {h: y[h] for h in ONLY_HEADS.get(r["source"], y)}
            tone = tone_of(r.get("tone", "")) if cat == "hostile" and bad else None
            add(r["text"], y, seed_weight, tone)
    if recipe == "olid":
        for t, y in zip(*olid(data, "train")):
            add(t, {"hostile": y}, 1.0)
    return texts, {h: np.array(v) for h, v in labels.items()}, np.array(ws), tones, np.array(email, dtype=bool)


C_CAT = {"hostile": None, "presumptuous": 4.0, "desperate": 4.0, "generic": 4.0}


def train(data: Path, recipe: str, c: float, seed_weight: float, sources=SOURCES, exclude=frozenset(),
          log=print):
    texts, labels, w, tones, email = training_set(data, recipe, seed_weight, sources, exclude)
    x = matrix(texts)
    coefs, biases, heads = [], [], []

    def head(name, rows, y, weights, cc):
        t0 = time.time()
        cf, b = fit(x[rows], y[rows], None if weights is None else weights[rows], cc)
        coefs.append(cf)
        biases.append(b)
        heads.append(name)
        log(f"  head {name}: {len(rows)} texts, {int(y[rows].sum())} positive, {time.time() - t0:.0f}s")

    y = labels["hostile"]
    head("hostile", np.flatnonzero(y >= 0), y, hostile_weights(w, email), c)
    # Tone heads: which tone a hostile sentence carries, learnt from the
    # sentences written per tone (one against the other tones).
    labelled = np.array([i for i, t in enumerate(tones) if t])
    if len(labelled) and recipe == "shipped":
        for tone in TONES:
            yt = np.zeros(len(texts), dtype=int)
            yt[labelled] = [int(tones[i] == tone) for i in labelled]
            head(tone, labelled, yt, None, 10.0)
        for cat in CATEGORIES:
            y = labels[cat]
            head(cat, np.flatnonzero(y >= 0), y, w, C_CAT[cat])
    weights = np.stack(coefs, axis=1).astype(np.float16)
    return weights, np.array(biases, dtype=np.float32), heads, len(texts)


def score_rows(weights, bias, heads, rows: list[dict]) -> dict[str, np.ndarray]:
    """Each head's probability for each blind row (the row's text as one
    piece, as it was trained)."""
    raw = matrix([r["text"] for r in rows]) @ weights.astype(np.float64) + bias.astype(np.float64)
    return {h: 1 / (1 + np.exp(-raw[:, k])) for k, h in enumerate(heads)}


def out_of_source(data: Path, args, log=print) -> tuple[list[dict], dict[str, np.ndarray], dict]:
    """Scores of each writer's rows (a, b) by a model trained without them
    (on the tune halves and the other writer): the cross-source check, and
    what thresholds are chosen on (the tune halves split in two by id when
    they are the only source). Returns (rows, scores per head, the fold models {source: (w, b, heads)})."""
    avail = [src for src in SOURCES if src == "tune" or blind_rows((src,))]
    rows = blind_rows(avail)
    if avail == ["tune"]:
        folds = {"tune-0": [r for r in rows if zlib.crc32(r["id"].encode()) % 2 == 0],
                 "tune-1": [r for r in rows if zlib.crc32(r["id"].encode()) % 2 == 1]}
    else:
        folds = {src: [r for r in rows if r["source"] == src] for src in avail if src != "tune"}
    out_rows, scores, models = [], {h: [] for h in HEADS_CAT}, {}
    for name, held in folds.items():
        exclude = frozenset((r["source"], r["id"]) for r in held)
        wts, b, heads, n = train(data, "shipped", args.c, args.seed_weight, avail, exclude, log=lambda *_: None)
        log(f"fold without {name}: {n} texts")
        models[name] = (wts, b, heads)
        sc = score_rows(wts, b, heads, held)
        out_rows.extend(held)
        for h in HEADS_CAT:
            scores[h].append(sc[h])
    return out_rows, {h: np.concatenate(v) for h, v in scores.items()}, models


EMAIL_FOLDS = 4  # the email-intent train split scored out of fold, for hostile's background


def email_out_of_fold(data: Path, args, sources=SOURCES, log=print) -> np.ndarray:
    """The hostile head's score of each email-intent train sentence, each
    scored by a hostile head trained without its fold (EMAIL_FOLDS folds,
    fixed seed): with the email-intent test split, a clean business-mail
    background of 4,647 sentences the scores of which are not in-sample."""
    texts, labels, w, _, email = training_set(data, "shipped", args.seed_weight, sources)
    x = matrix(texts)
    y = labels["hostile"]
    weights = hostile_weights(w, email)
    eidx = np.flatnonzero(email)
    order = np.random.default_rng(SEED).permutation(len(eidx))
    out = np.zeros(len(eidx))
    for k in range(EMAIL_FOLDS):
        fold = order[k::EMAIL_FOLDS]
        keep = np.ones(len(texts), dtype=bool)
        keep[eidx[fold]] = False
        rows = np.flatnonzero((y >= 0) & keep)
        coef, b = fit(x[rows], y[rows], weights[rows], args.c)
        out[fold] = text_scores(coef[:, None].astype(np.float16), np.array([b], dtype=np.float32),
                                [texts[i] for i in eidx[fold]])
        log(f"email-intent train fold {k + 1}/{EMAIL_FOLDS} scored out of fold")
    return out


MAX_NEAR_MISS = 0.03   # near-misses flagged out of source, per category, at most
# Ordinary sentences flagged per head (hostile/presumptuous/desperate), at
# most: 0.5% of the background below. Not less: the GoEmotions "neutral" label
# is noisy (profanity and mockery labelled neutral are among its top scores),
# and a lower cap would set the level by a handful of mislabelled comments.
MAX_BACKGROUND = 0.005
# On clean ordinary email sentences (the email-intent test split, 991, and
# the train split scored out of fold, 3,656) the budget itself: 0.1%, four
# sentences of 4,647 (hostile, whose noisy-label background is left out).
# With the test split alone one sentence set the level, and moved it; a
# budget of 0.2% (level 0.60) flagged 40 AESLC dev emails by the head alone
# instead of 9 (exploration, session 11).
MAX_CLEAN_BACKGROUND = 0.001
# The lowest flag level per category: generic findings are info-level nudges,
# and its near-misses separate well at low scores.
MIN_LEVEL = {"generic": 0.25}


def background(data: Path) -> list[str]:
    """Ordinary text no head is trained on, whose terms allow shipping a model
    tuned with it: the email-intent test split (Apache-2.0) and the GoEmotions
    dev comments labelled only neutral (Apache-2.0). AESLC (Enron) is
    non-commercial: it is only reported, never used to choose a level."""
    texts = email_intent(data, "test")
    with open(data / "goemotions" / "goemotions.jsonl", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d["split"] == "dev" and d["labels"] == ["neutral"]:
                texts.append(d["text"])
    return texts


def offer_settled(texts: list[str]) -> set[str]:
    """The sentences whose note (bench/quality.py as_note) says the offer is
    signed or the start confirmed (followup_lint.structural.offer_in_hand):
    the presumptuous family, P301 included, has nothing to judge there."""
    from followup_lint.analysis import load_pipeline
    from followup_lint.structural import offer_in_hand
    from quality import as_note

    nlp = load_pipeline(None)
    return {t for t, doc in zip(texts, nlp.pipe(as_note(t) for t in texts)) if offer_in_hand(doc)}


MODEL_RULE = {"hostile": "H102", "presumptuous": "P301", "desperate": "D303"}


def precise_judged(category: str, texts: list[str]) -> set[str]:
    """The sentences (as a note, bench/quality.py as_note) that the
    category's precise layer flags (its phrase lists and structural claims:
    every rule of the family but the model's): the model rule leaves those
    sentences alone (one finding per span), so their scores do not set its
    level, like notes with the offer in hand."""
    from followup_lint.config import Settings
    from followup_lint.draft import parse_bytes
    from followup_lint.engine import Linter
    from followup_lint.rules import all_rules

    codes = tuple(r.code for r in all_rules() if r.category == category and r.code != MODEL_RULE[category])
    linter = Linter()
    try:
        settings = Settings(select=codes, grammar=False)
        items = [(parse_bytes(as_note_text(t).encode("utf-8"), f"n{i}.txt", kind="text"), settings)
                 for i, t in enumerate(texts)]
        results = linter.lint_drafts(items)
        return {t for t, res in zip(texts, results) if any(f.code in codes for f in res.findings)}
    finally:
        linter.close()


def as_note_text(text: str) -> str:
    from quality import as_note

    return as_note(text)


def choose_thresholds(data: Path, rows, scores, weights, bias, heads, log=print,
                      email_oof=None) -> dict[str, float]:
    """Per category: the lowest level at which at most MAX_NEAR_MISS of its
    near-misses (scored out of source) and, for hostile/presumptuous/
    desperate, at most MAX_BACKGROUND of the ordinary background sentences
    (scored by the model being shipped) are flagged; never below MIN_LEVEL
    (0.5 unless listed)."""
    bg = background(data)
    n_email = len(email_intent(data, "test"))
    settled = offer_settled([r["text"] for r in rows if r["category"] == "presumptuous" and r["label"] != "bad"])
    judged = {cat: precise_judged(cat, [r["text"] for r in rows if r["category"] == cat and r["label"] != "bad"])
              for cat in MODEL_RULE}
    out = {}
    for cat in HEADS_CAT:
        sources = SOURCES if cat == "hostile" else CATEGORY_SOURCES
        # near-misses the rule judges: P301 leaves a note that says the offer
        # is signed or the start confirmed alone (offer_in_hand), and each
        # model rule the sentences its family's precise layer flags
        good = np.array([s for r, s in zip(rows, scores[cat]) if r["category"] == cat and r["label"] != "bad"
                         and r["source"] in sources
                         and not (cat == "presumptuous" and r["text"] in settled)
                         and r["text"] not in judged.get(cat, ())])
        t = MIN_LEVEL.get(cat, 0.5)
        if len(good):
            t = max(t, float(np.quantile(good, 1 - MAX_NEAR_MISS, method="higher")) + 1e-6)
        if cat != "generic":
            k = heads.index(cat)
            # GoEmotions "neutral" holds swearing and insults (the hostile
            # head's own positives, mislabelled): hostile's background is the
            # email-intent test split alone, clean, so the strict budget holds.
            if cat == "hostile":
                bs, cap = text_scores(weights[:, [k]], bias[[k]], bg[:n_email]), MAX_CLEAN_BACKGROUND
                if email_oof is not None:
                    bs = np.concatenate([bs, email_oof])
            else:
                bs, cap = text_scores(weights[:, [k]], bias[[k]], bg), MAX_BACKGROUND
            t = max(t, float(np.quantile(bs, 1 - cap, method="higher")) + 1e-6)
        out[cat] = round(min(t, 0.99), 3)
        log(f"  threshold {cat}: {out[cat]}")
    return out


def cross_report(rows, scores, thresholds) -> dict:
    """Recall on bad rows / flag rate on near-misses per source and category,
    each row scored by the model trained without its source."""
    res = {}
    for src in sorted({r["source"] for r in rows}):
        for cat in HEADS_CAT:
            pick = [(r["label"] == "bad", s) for r, s in zip(rows, scores[cat])
                    if r["source"] == src and r["category"] == cat]
            if not pick:
                continue
            bad = [s >= thresholds[cat] for b, s in pick if b]
            good = [s >= thresholds[cat] for b, s in pick if not b]
            res[f"out-of-source {src} {cat}: bad / near-misses flagged"] = (
                float(np.mean(bad)) if bad else 0.0, float(np.mean(good)) if good else 0.0)
    return res


# -- measuring ----------------------------------------------------------------------

_SENT = re.compile(r"(?<=[.!?])\s+|\n+")


def split_sentences(text: str) -> list[str]:
    return [s for s in (p.strip() for p in _SENT.split(text)) if any(ch.isalpha() for ch in s)]


def text_scores(weights, bias, texts: list[str]) -> np.ndarray:
    """Hostile probability of each text: the highest of its sentences."""
    sents, owner = [], []
    for k, t in enumerate(texts):
        for s in split_sentences(t) or [t]:
            sents.append(s)
            owner.append(k)
    raw = matrix(sents) @ weights[:, 0].astype(np.float64) + bias[0]
    best = np.full(len(texts), -50.0)
    np.maximum.at(best, np.array(owner), raw)
    return 1 / (1 + np.exp(-best))


def auc(y, s) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, s))


def at_false_alarms(y, s, rate: float) -> tuple[float, float]:
    """(recall, threshold) at the highest threshold keeping negatives'
    flag rate at most ``rate``."""
    y = np.asarray(y)
    neg = np.sort(s[y == 0])[::-1]
    k = int(np.floor(rate * len(neg)))
    thr = neg[k] + 1e-9 if k < len(neg) else 0.0
    return float((s[y == 1] >= thr).mean()), float(thr)


def report(weights, bias, heads, data: Path, threshold: float, thresholds=None) -> dict:
    res: dict = {}
    for cat, thr in (thresholds or {}).items():
        if cat in heads:
            k = heads.index(cat)
            for split in ("dev", "test"):
                s = text_scores(weights[:, [k]], bias[[k]], enron(data, split))
                res[f"{cat} head at {thr}: enron {split} emails flagged"] = float((s >= thr).mean())
        if cat == "hostile":
            from quality import BUSINESS_WRITERS, business_mail

            k = heads.index(cat)
            for w in BUSINESS_WRITERS:
                check = [r["text"] for r in business_mail("check", (w,))]
                if check:
                    s = text_scores(weights[:, [k]], bias[[k]], check)
                    res[f"hostile head at {thr}: business mail {w}, check half, flagged"] = (
                        float((s >= thr).mean()))
    for split in ("dev", "test"):
        t, y = goemotions(data, split)
        s = text_scores(weights, bias, t)
        res[f"goemotions {split} AUC"] = auc(y, s)
    for split in ("train", "test"):
        t, y = olid(data, split)
        s = text_scores(weights, bias, t)
        y = np.array(y)
        p = s >= threshold
        tp = int((p & (y == 1)).sum())
        res[f"olid {split} AUC"] = auc(y, s)
        res[f"olid {split} P/R"] = (tp / max(1, p.sum()), tp / y.sum())
    for comm in ("stack-exchange", "wikipedia"):
        t, y = politeness(data, comm)
        s = text_scores(weights, bias, t)
        y = np.array(y)
        res[f"politeness {comm} AUC"] = auc(y, s)
        res[f"politeness {comm} impolite/polite flagged"] = (float((s[y == 1] >= threshold).mean()),
                                                            float((s[y == 0] >= threshold).mean()))
    for split in ("dev", "test"):
        s = text_scores(weights, bias, enron(data, split))
        res[f"enron {split} flagged"] = float((s >= threshold).mean())
    for split in ("dev", "test"):
        for label in ("hostile", "antagonize", "condescending", "sarcastic"):
            t, y = ucc(data, split, label)
            s = text_scores(weights, bias, t)
            res[f"ucc {split} {label} AUC"] = auc(y, s)
            res[f"ucc {split} {label} recall at 3% false alarms"] = at_false_alarms(y, s, 0.03)[0]
    # The tone heads against the one public set that names tones (UCC,
    # evaluation only): AUC of the head's score for its label.
    if len(heads) > 1:
        for split in ("dev", "test"):
            for head, label in (("sarcasm", "sarcastic"), ("condescension", "condescending"),
                                ("insult", "hostile"), ("blame", "antagonize")):
                t, y = ucc(data, split, label)
                k = heads.index(head)
                sc = text_scores(weights[:, [k]], bias[[k]], t)
                res[f"tone head {head}: UCC {split} {label} AUC"] = auc(y, sc)
    return res


def fmt(v) -> str:
    return " / ".join(f"{x:.3f}" for x in v) if isinstance(v, tuple) else f"{v:.3f}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--recipe", choices=("shipped", "goemotions", "olid"), default="shipped")
    ap.add_argument("--c", type=float, default=4.0, help="inverse L2 strength of the hostile head")
    ap.add_argument("--seed-weight", type=float, default=20.0, help="weight of a project-written sentence")
    ap.add_argument("--threshold", type=float, default=0.5, help="flag level for the printed hostile rates")
    ap.add_argument("--write", action="store_true", help=f"write {MODEL_FILE.relative_to(ROOT)}")
    ap.add_argument("--out", type=Path, default=None, help="write the model here instead (not shipped)")
    ap.add_argument("--sources", default=",".join(SOURCES),
                    help="blind training sources to use: tune,a,b (a cross-source model: tune,a)")
    ap.add_argument("--no-report", action="store_true")
    ap.add_argument("--report-only", action="store_true", help="measure the packaged model, train nothing")
    args = ap.parse_args(argv)
    data = data_dir()
    t0 = time.time()
    if args.report_only:
        with np.load(MODEL_FILE) as z:
            weights, bias, heads = z["weights"], z["bias"], [str(h) for h in z["heads"]]
            meta = json.loads(str(z["meta"]))
        for k, v in report(weights, bias, heads, data, args.threshold, meta.get("thresholds", {})).items():
            print(f"  {k}: {fmt(v)}")
        return 0
    sources = tuple(x for x in args.sources.split(",") if x)
    weights, bias, heads, n = train(data, args.recipe, args.c, args.seed_weight, sources)
    print(f"trained {args.recipe} on blind sources {sources}: {n} texts, heads {heads}, {time.time() - t0:.0f}s")
    meta = {"bits": BITS, "seed": SEED, "c": args.c, "seed_weight": args.seed_weight,
            "negative_emotions": list(NEGATIVE), "texts": n, "sources": list(sources),
            "category_sources": [x for x in sources if x in CATEGORY_SOURCES]}
    cross, folds = {}, {}
    if args.recipe == "shipped" and sources == SOURCES:
        rows, scores, folds = out_of_source(data, args)
        oof = email_out_of_fold(data, args, sources)
        meta["thresholds"] = choose_thresholds(data, rows, scores, weights, bias, heads, email_oof=oof)
        cross = cross_report(rows, scores, meta["thresholds"])
        print(f"out-of-source scoring and thresholds done, {time.time() - t0:.0f}s")
    if args.write or args.out:
        if args.write and (args.recipe != "shipped" or sources != SOURCES):
            print("only the shipped recipe on every source is written as the package's model", file=sys.stderr)
            return 2
        target = args.out or MODEL_FILE
        if "thresholds" not in meta and MODEL_FILE.is_file():
            # a cross-source model flags at the shipped model's levels
            with np.load(MODEL_FILE) as z:
                meta["thresholds"] = json.loads(str(z["meta"])).get("thresholds", {})
        np.savez(target, weights=weights, bias=bias, heads=np.array(heads), meta=np.array(json.dumps(meta)))
        print(f"wrote {target} ({Path(target).stat().st_size / 1e6:.1f} MB)")
        # The models trained without one writer's rows, for make quality's
        # cross-source rows (not shipped; bench/.models/ is not committed).
        for src, (fw, fb, fh) in folds.items():
            if src != "tune":
                MODELS.mkdir(exist_ok=True)
                fmeta = dict(meta, sources=[x for x in SOURCES if x != src])
                np.savez(MODELS / f"without-{src}.npz", weights=fw, bias=fb, heads=np.array(fh),
                         meta=np.array(json.dumps(fmeta)))
    for k, v in cross.items():
        print(f"  {k}: {fmt(v)}")
    if not args.no_report:
        for k, v in report(weights, bias, heads, data, args.threshold, meta.get("thresholds", {})).items():
            print(f"  {k}: {fmt(v)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
