"""Loading the tone model and scoring sentences with it (numpy only)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from followup_lint.tone.features import DIM, featurize, pair_id, word_ids, words

MODEL_FILE = Path(__file__).with_name("tone.npz")

# The tones a hostile sentence is named by, in the model's head order after
# the first head ("hostile": how hostile the sentence reads at all).
TONES = ("insult", "blame", "threat", "sarcasm", "impatience", "condescension")

# The judgement categories the model scores besides "hostile" (one head
# each: does the sentence read as presumptuous, desperate, content-free?).
CATEGORIES = ("presumptuous", "desperate", "generic")

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
    # each of CATEGORIES (and "hostile") 0-1: how much it reads as that
    categories: dict[str, float] = field(default_factory=dict)


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
        probs = dict(zip(self.heads, (_sigmoid(float(x)) for x in raw)))
        tones = {h: probs[h] for h in self.heads if h in TONES}
        tone = max(tones, key=tones.get) if tones else "hostile"
        cats = {h: probs[h] for h in self.heads if h == "hostile" or h in CATEGORIES}
        return Score(hostile=probs[self.heads[0]], tone=tone, tones=tones, categories=cats)

    def threshold(self, category: str, default: float = 0.5) -> float:
        """The flag level chosen for ``category`` at training time (on
        out-of-source training data and AESLC dev; docs/tone-model.md)."""
        return float(self.meta.get("thresholds", {}).get(category, default))

    def word_weights(self, text: str, head: str = "hostile") -> list[tuple[str, float]]:
        """Each word of ``text`` with how much it pushes ``head``'s score
        (its own feature and character n-grams, half of each pair it is in),
        for quoting the words that carry the tone."""
        row, col, val = featurize([text])
        feats = dict(zip(col.tolist(), val.tolist()))
        head = self.weights[:, self.heads.index(head)]
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

    def carrying_span(self, text: str, head: str = "hostile", min_words: int = 3) -> tuple[int, int]:
        """Where in ``text`` the run of words is that pushes ``head``'s score
        up most (at least ``min_words`` words when the text has them), as
        (start, end) offsets; the whole text when offsets cannot be kept."""
        from followup_lint.tone.features import word_spans

        weights = self.word_weights(text, head)
        spans = word_spans(text)
        if not weights or len(spans) != len(weights):
            return 0, len(text)
        best, best_at, run, run_at = float("-inf"), (0, 0), 0.0, 0
        for i, (_, w) in enumerate(weights):
            if run <= 0:
                run, run_at = w, i
            else:
                run += w
            if run > best:
                best, best_at = run, (run_at, i)
        lo, hi = best_at
        while hi - lo < min_words - 1 and (lo > 0 or hi < len(weights) - 1):
            left = weights[lo - 1][1] if lo > 0 else float("-inf")
            right = weights[hi + 1][1] if hi < len(weights) - 1 else float("-inf")
            if left >= right:
                lo -= 1
            else:
                hi += 1
        return spans[lo][0], spans[hi][1]


_override: list[str] = []


def use(path: str | None) -> None:
    """Score with the model file at ``path`` from now on (None: the packaged
    one again). For measuring a model trained on part of the data
    (bench/quality.py cross-source checks); the linter never calls it."""
    _override[:] = [path] if path else []
    _load.cache_clear()


def load(path: str | None = None) -> ToneModel:
    """The packaged model, or the one :func:`use` named (read once)."""
    return _load(path or (_override[0] if _override else None))


@lru_cache(maxsize=2)
def _load(path: str | None = None) -> ToneModel:
    """Read a model file (the packaged one when ``path`` is None)."""
    import json

    import numpy as np

    with np.load(path or MODEL_FILE, allow_pickle=False) as z:
        weights = _mapped(path or MODEL_FILE, "weights.npy")
        if weights is None:
            weights = z["weights"]
        bias = z["bias"].astype(np.float64)
        heads = tuple(str(h) for h in z["heads"])
        meta = json.loads(str(z["meta"]))
    if weights.shape[0] != DIM:
        raise ValueError(f"tone model has {weights.shape[0]} features, expected {DIM}")
    return ToneModel(weights, bias, heads, meta)


def _mapped(path, member: str):
    """The array ``member`` of the .npz at ``path`` mapped from the file
    (read-only, no copy) when it is stored uncompressed in C order; else
    None (np.load reads it). Reading the 5 MB weights took 17-30 ms in
    every new process; a draft touches a few hundred of their rows."""
    import mmap
    import struct
    import zipfile

    import numpy as np

    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo(member)
        if info.compress_type != zipfile.ZIP_STORED:
            return None
        with open(path, "rb") as fh:
            fh.seek(info.header_offset)
            local = fh.read(30)
            if local[:4] != b"PK\x03\x04":
                return None
            name_len, extra_len = struct.unpack("<HH", local[26:30])
            start = info.header_offset + 30 + name_len + extra_len
            fh.seek(start)
            version = np.lib.format.read_magic(fh)
            if version == (1, 0):
                shape, fortran, dtype = np.lib.format.read_array_header_1_0(fh)
            elif version == (2, 0):
                shape, fortran, dtype = np.lib.format.read_array_header_2_0(fh)
            else:
                return None
            offset = fh.tell()
            count = int(np.prod(shape, dtype=np.int64))
            if fortran or dtype.hasobject or offset + count * dtype.itemsize > start + info.file_size:
                return None
            mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        return np.frombuffer(mapped, dtype=dtype, count=count, offset=offset).reshape(shape)
    except (OSError, KeyError, ValueError, struct.error, zipfile.BadZipFile):
        return None
