"""The tone model: a linear model over hashed word and character n-grams
that scores how hostile a sentence reads, and which tone it carries.

Trained offline by ``make train`` (bench/train_tone.py, scikit-learn at
training time only); at run time it is numpy and ``zlib`` (no scikit-learn).
The model file ``tone.npz`` sits next to this module; docs/tone-model.md is
its model card.
"""

from followup_lint.tone.model import CATEGORIES, TONES, Score, ToneModel, load

__all__ = ["CATEGORIES", "TONES", "Score", "ToneModel", "load"]
