"""VADER's sentiment analyser, shared by the tone model (H102) and sarcasm (H301)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _sentiment():
    """VADER's analyser (lexicon bundled in the package, offline)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()
