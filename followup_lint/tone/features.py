"""Hashed n-gram features for the tone model, in plain Python and numpy.

The same function turns sentences into feature ids at training time (the
training script hands them to scikit-learn) and at run time (the model
multiplies them with its weights in numpy), so the two can never disagree.

A sentence becomes: its lower-cased words, its word pairs, and the
character 2- to 5-grams inside each word padded with a space on each side
("you" -> " y", "yo", "ou", "u ", " yo", ...). Each feature is hashed with
CRC-32 into ``DIM`` buckets. Values are 1 + log(count), and each sentence's
vector is scaled to unit length.
"""

from __future__ import annotations

import re
import zlib

BITS = 18
DIM = 1 << BITS
_MASK = DIM - 1

# Words, numbers, contractions; "!" and "?" count as words (impatience).
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[!?]")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})

_word_cache: dict = {}


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().translate(_QUOTES))


def hashed(s: str) -> int:
    return zlib.crc32(s.encode("utf-8")) & _MASK


def word_ids(word: str):
    """The word's own feature and its padded character 2-5-grams, as an
    int64 array (cached: the same words come back in every draft)."""
    ids = _word_cache.get(word)
    if ids is None:
        import numpy as np

        padded = f" {word} "
        n = len(padded)
        out = [hashed("w:" + word)]
        for k in range(2, 6):
            for i in range(n - k + 1):
                out.append(hashed(padded[i:i + k]))
        ids = np.array(out, dtype=np.int64)
        if len(_word_cache) < 200_000:
            _word_cache[word] = ids
    return ids


def pair_id(a: str, b: str) -> int:
    return hashed(f"b:{a} {b}")


def featurize(texts: list[str]):
    """Sparse rows for ``texts``: (row, column, value) numpy arrays, one
    entry per distinct feature of each text, each row of unit length (a
    text without words has no entries)."""
    import numpy as np

    parts = []
    lengths = []
    for text in texts:
        ws = words(text)
        chunk = [word_ids(w) for w in ws]
        if len(ws) > 1:
            chunk.append(np.array([pair_id(a, b) for a, b in zip(ws, ws[1:])], dtype=np.int64))
        n = sum(len(c) for c in chunk)
        parts.extend(chunk)
        lengths.append(n)
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float64)
    ids = np.concatenate(parts)
    rows = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    uniq, counts = np.unique(rows * DIM + ids, return_counts=True)
    row = uniq // DIM
    col = uniq % DIM
    val = 1.0 + np.log(counts)
    norm = np.sqrt(np.bincount(row, weights=val * val, minlength=len(texts)))
    return row, col, val / norm[row]


def word_spans(text: str) -> list[tuple[int, int]]:
    """Where each of :func:`words` is in ``text`` (start, end); empty when
    lower-casing changes the text's length (then offsets would not hold)."""
    low = text.lower().translate(_QUOTES)
    if len(low) != len(text):
        return []
    return [m.span() for m in _WORD.finditer(low)]
