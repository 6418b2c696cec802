"""Date expressions: which library resolves follow-up dates best, and at what cost.

Compares, on the sentences below (each with the day it names, resolved
against a Wednesday, 2026-11-04 10:30):

* ``ours``: followup_lint.timeline (a pattern table finds the expression;
  python-dateutil's parser and relativedelta resolve it);
* ``dateparser``: ``dateparser.search.search_dates`` on the sentence;
* ``dateparser-on-spans``: ``dateparser.parse`` on the spans our table finds
  (its resolution alone);
* ``spacy+dateutil``: spaCy's DATE entities, each read by
  ``dateutil.parser.parse(fuzzy=True)``.

A case is right when the method names the gold day. Cost: each method's
import and first call in a fresh interpreter, then the mean per sentence.

    .venv/bin/python -m pip install dateparser    # not a dependency: only here
    .venv/bin/python bench/dates.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANCHOR = datetime(2026, 11, 4, 10, 30)

CASES = [
    ("Thanks again for meeting on Monday.", "2026-11-02"),
    ("We expect to decide by the end of next week.", "2026-11-13"),
    ("I will follow up by Friday.", "2026-11-06"),
    ("We will get back to you within two weeks.", "2026-11-18"),
    ("I interviewed yesterday afternoon.", "2026-11-03"),
    ("Your interview is scheduled for Thursday, November 5 at 2pm.", "2026-11-05"),
    ("I sent my portfolio two days ago.", "2026-11-02"),
    ("It was great to meet you last Tuesday.", "2026-11-03"),
    ("We'll be in touch early next week.", "2026-11-10"),
    ("Could we talk a week from today?", "2026-11-11"),
    ("You should hear from us in 3 business days.", "2026-11-09"),
    ("I applied 5 business days ago.", "2026-10-28"),
    ("Expect news by the end of the month.", "2026-11-30"),
    ("We met on 11/3.", "2026-11-03"),
    ("Thank you for this morning's conversation.", "2026-11-04"),
    ("We hope to make a decision next week.", "2026-11-13"),
    ("The panel is on November 12.", "2026-11-12"),
    ("We spoke on Nov 2, 2026.", "2026-11-02"),
    ("We will let you know by Monday.", "2026-11-09"),
    ("Thanks for chatting with me today.", "2026-11-04"),
    ("I'll reach out in a couple of weeks.", "2026-11-18"),
    ("We'll decide by the end of this week.", "2026-11-06"),
    ("I met the team a few days ago.", "2026-11-01"),
    ("The offer letter will follow tomorrow.", "2026-11-05"),
]


def ours(sentences):
    from followup_lint import timeline

    return [[m.when.date().isoformat() for m in timeline.find(s, ANCHOR)] for s in sentences]


def dateparser_search(sentences):
    from dateparser.search import search_dates

    out = []
    for s in sentences:
        found = search_dates(s, languages=["en"], settings={"RELATIVE_BASE": ANCHOR,
                                                           "PREFER_DATES_FROM": "future"}) or []
        out.append([d.date().isoformat() for _t, d in found])
    return out


def dateparser_on_spans(sentences):
    import dateparser

    from followup_lint import timeline

    out = []
    for s in sentences:
        days = []
        for m in timeline.find(s, ANCHOR):
            d = dateparser.parse(m.text, languages=["en"], settings={"RELATIVE_BASE": ANCHOR,
                                                                     "PREFER_DATES_FROM": "future"})
            if d is not None:
                days.append(d.date().isoformat())
        out.append(days)
    return out


def spacy_dateutil(sentences):
    import spacy
    from dateutil import parser

    from followup_lint.analysis import DEFAULT_MODELS

    nlp = None
    for name in DEFAULT_MODELS:
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    out = []
    for doc in nlp.pipe(sentences):
        days = []
        for ent in doc.ents:
            if ent.label_ != "DATE":
                continue
            try:
                days.append(parser.parse(ent.text, fuzzy=True, default=ANCHOR).date().isoformat())
            except (ValueError, OverflowError):
                pass
        out.append(days)
    return out


METHODS = {"ours": ours, "dateparser": dateparser_search, "dateparser-on-spans": dateparser_on_spans,
           "spacy+dateutil": spacy_dateutil}


def child(method: str) -> None:
    """Run one method in this fresh process and print its numbers as JSON."""
    sys.path.insert(0, str(ROOT))
    sentences = [s for s, _ in CASES]
    t0 = time.perf_counter()
    METHODS[method](sentences[:1])
    first = time.perf_counter() - t0
    t0 = time.perf_counter()
    rounds = 5
    for _ in range(rounds):
        got = METHODS[method](sentences)
    per = (time.perf_counter() - t0) / (rounds * len(sentences))
    right = [gold in days for days, (_s, gold) in zip(got, CASES)]
    print(json.dumps({"method": method, "right": sum(right), "cases": len(CASES), "first_s": first,
                      "per_ms": per * 1000, "missed": [s for (s, _g), ok in zip(CASES, right) if not ok]}))


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
        return
    print(f"{'method':22} {'right':>7} {'import+first call':>18} {'per sentence':>13}")
    for method in METHODS:
        proc = subprocess.run([sys.executable, __file__, "--child", method], capture_output=True, text=True)
        if proc.returncode != 0:
            print(f"{method:22} failed: {proc.stderr.strip().splitlines()[-1] if proc.stderr else '?'}")
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"{method:22} {r['right']:>3}/{r['cases']:<3} {r['first_s']:>16.3f} s {r['per_ms']:>10.2f} ms")
        for s in r["missed"]:
            print(f"{'':24}missed: {s}")


if __name__ == "__main__":
    main()
