"""Loading the tone model and scoring sentences with it (numpy only)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from followup_lint.tone.features import DIM, featurize, pair_id, word_ids, words

MODEL_FILE = Path(__file__).with_name("tone.npz")

# The tones a hostile sentence is named by, in the model's head order after
# the first head ("hostile": how hostile the sentence reads at all).
TONES = ("insult", "blame", "threat", "sarcasm", "impatience", "condescension")

# How a finding names each tone: "reads as mocking: '...'".
READS_AS = {
    "insult": "insulting", "blame": "blaming", "threat": "threatening",
    "sarcasm": "mocking", "impatience": "impatient", "condescension": "condescending",
}


@dataclass(frozen=True)
class Score:
    """The model's verdict on one piece of text."""

    hostile: float            # 0-1: how hostile it reads
    tone: str                 # the most likely of TONES
    tones: dict[str, float]   # each tone's score 0-1


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x > -60 else 0.0


class ToneModel:
    def __init__(self, weights, bias, heads: tuple[str, ...], meta: dict) -> None:
        self.weights = weights   # (DIM, len(heads)) float16
        self.bias = bias         # (len(heads),) float32
        self.heads = heads
        self.meta = meta

    def raw(self, texts: list[str]):
        """Each text's score before the sigmoid, one column per head."""
        import numpy as np

        row, col, val = featurize(texts)
        out = np.tile(self.bias, (len(texts), 1))
        if len(col):
            contrib = self.weights[col].astype(np.float64) * val[:, None]
            starts = np.flatnonzero(np.r_[True, row[1:] != row[:-1]])
            out[row[starts]] += np.add.reduceat(contrib, starts, axis=0)
        return out

    def score(self, text: str) -> Score:
        return self.scores([text])[0]

    def scores(self, texts: list[str]) -> list[Score]:
        if not texts:
            return []
        return [self._verdict(r) for r in self.raw(texts)]

    def _verdict(self, raw) -> Score:
        probs = [_sigmoid(float(x)) for x in raw]
        tones = dict(zip(self.heads[1:], probs[1:]))
        tone = max(tones, key=tones.get) if tones else "hostile"
        return Score(hostile=probs[0], tone=tone, tones=tones)

    def word_weights(self, text: str) -> list[tuple[str, float]]:
        """Each word of ``text`` with how much it pushes the hostile score
        (its own feature and character n-grams, half of each pair it is in),
        for quoting the words that carry the tone."""
        row, col, val = featurize([text])
        feats = dict(zip(col.tolist(), val.tolist()))
        head = self.weights[:, 0]
        ws = words(text)
        out = []
        for i, w in enumerate(ws):
            s = sum(float(head[j]) * feats.get(j, 0.0) for j in set(word_ids(w).tolist()))
            for a, b in ((i - 1, i), (i, i + 1)):
                if a >= 0 and b < len(ws):
                    j = pair_id(ws[a], ws[b])
                    s += 0.5 * float(head[j]) * feats.get(j, 0.0)
            out.append((w, s))
        return out


@lru_cache(maxsize=1)
def load(path: str | None = None) -> ToneModel:
    """The packaged model (read once; about a millisecond)."""
    import json

    import numpy as np

    with np.load(path or MODEL_FILE, allow_pickle=False) as z:
        weights = z["weights"]
        bias = z["bias"].astype(np.float64)
        heads = tuple(str(h) for h in z["heads"])
        meta = json.loads(str(z["meta"]))
    if weights.shape[0] != DIM:
        raise ValueError(f"tone model has {weights.shape[0]} features, expected {DIM}")
    return ToneModel(weights, bias, heads, meta)
