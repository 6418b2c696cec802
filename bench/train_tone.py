"""Train the tone model (followup_lint/tone/tone.npz) and measure it.

    make train                              # = python bench/train_tone.py --write
    python bench/train_tone.py              # train and print the metrics, write nothing
    python bench/train_tone.py --recipe olid   # a cross-source check (not shipped)

Training data (only sets whose terms allow a shipped model, see
docs/tone-model.md): GoEmotions train split (Apache-2.0), the email-intent
train split (Apache-2.0, as non-hostile email sentences), the sentences this
project wrote (bench/tone/seed.tsv) and the tune halves of the blind sets
(bench/blind/, the tune half of bench/quality.py blind_split). The fixed seed makes the run reproducible.

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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from followup_lint.tone.features import BITS, DIM, featurize  # noqa: E402
from followup_lint.tone.model import MODEL_FILE, TONES  # noqa: E402

SEED = 15
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
    from quality import BLIND, blind_split

    return [(r["category"], r["text"], r["label"] == "bad", r.get("tone", ""))
            for cat in BLIND for r in blind_split(cat, "tune")]


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

def matrix(texts: list[str]):
    from scipy.sparse import csr_matrix

    row, col, val = featurize(texts)
    return csr_matrix((val, (row, col)), shape=(len(texts), DIM))


def fit(x, y, w, c: float):
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, max_iter=2000, solver="liblinear", random_state=SEED)
    clf.fit(x, y, sample_weight=w)
    return clf.coef_[0].astype(np.float64), float(clf.intercept_[0])


def training_set(data: Path, recipe: str, seed_weight: float):
    """(texts, hostile labels, weights, tone labels or None)."""
    texts, ys, ws, tones = [], [], [], []

    def add(t, y, w, tone=None):
        texts.append(t)
        ys.append(y)
        ws.append(w)
        tones.append(tone)

    if recipe in ("shipped", "goemotions"):
        for t, y in zip(*goemotions(data, "train")):
            add(t, y, 1.0)
    if recipe == "shipped":
        for t in email_intent(data):
            add(t, 0, 1.0)
        for tone, t in seed():
            add(t, int(tone != "none"), seed_weight, None if tone == "none" else tone)
        for cat, t, bad, tone in blind_tune():
            hostile = cat == "hostile" and bad
            add(t, int(hostile), seed_weight, tone if hostile and tone in TONES else None)
    if recipe == "olid":
        for t, y in zip(*olid(data, "train")):
            add(t, y, 1.0)
    return texts, ys, ws, tones


def train(data: Path, recipe: str, c: float, seed_weight: float):
    texts, ys, ws, tones = training_set(data, recipe, seed_weight)
    x = matrix(texts)
    y = np.array(ys)
    w = np.array(ws)
    coefs, biases = [], []
    cf, b = fit(x, y, w, c)
    coefs.append(cf)
    biases.append(b)
    heads = ["hostile"]
    # Tone heads: which tone a hostile sentence carries, learnt from the
    # sentences written per tone (one against the other tones).
    labelled = [i for i, t in enumerate(tones) if t]
    if labelled:
        xt = x[labelled]
        for tone in TONES:
            yt = np.array([int(tones[i] == tone) for i in labelled])
            cf, b = fit(xt, yt, None, 10.0)
            coefs.append(cf)
            biases.append(b)
            heads.append(tone)
    weights = np.stack(coefs, axis=1).astype(np.float16)
    return weights, np.array(biases, dtype=np.float32), heads, len(texts)


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


def report(weights, bias, heads, data: Path, threshold: float) -> dict:
    res: dict = {}
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


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--recipe", choices=("shipped", "goemotions", "olid"), default="shipped")
    ap.add_argument("--c", type=float, default=4.0, help="inverse L2 strength of the hostile head")
    ap.add_argument("--seed-weight", type=float, default=20.0, help="weight of a project-written sentence")
    ap.add_argument("--threshold", type=float, default=0.5, help="flag level for the printed rates")
    ap.add_argument("--write", action="store_true", help=f"write {MODEL_FILE.relative_to(ROOT)}")
    ap.add_argument("--no-report", action="store_true")
    ap.add_argument("--report-only", action="store_true", help="measure the packaged model, train nothing")
    args = ap.parse_args(argv)
    data = data_dir()
    t0 = time.time()
    if args.report_only:
        with np.load(MODEL_FILE) as z:
            weights, bias, heads = z["weights"], z["bias"], [str(h) for h in z["heads"]]
        for k, v in report(weights, bias, heads, data, args.threshold).items():
            print(f"  {k}: " + (" / ".join(f"{x:.3f}" for x in v) if isinstance(v, tuple) else f"{v:.3f}"))
        return 0
    weights, bias, heads, n = train(data, args.recipe, args.c, args.seed_weight)
    print(f"trained {args.recipe}: {n} texts, heads {heads}, {time.time() - t0:.0f}s")
    if args.write:
        if args.recipe != "shipped":
            print("only the shipped recipe is written", file=sys.stderr)
            return 2
        meta = {"bits": BITS, "seed": SEED, "c": args.c, "seed_weight": args.seed_weight,
                "negative_emotions": list(NEGATIVE), "texts": n}
        np.savez(MODEL_FILE, weights=weights, bias=bias, heads=np.array(heads), meta=np.array(json.dumps(meta)))
        print(f"wrote {MODEL_FILE} ({MODEL_FILE.stat().st_size / 1e6:.1f} MB)")
    if not args.no_report:
        for k, v in report(weights, bias, heads, data, args.threshold).items():
            print(f"  {k}: " + (" / ".join(f"{x:.3f}" for x in v) if isinstance(v, tuple) else f"{v:.3f}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
