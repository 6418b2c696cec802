"""Tuning harness for the judgement rules: what a change catches and what it costs.

Two questions, asked on data that may be looked at (training writers, the
blind tune halves, dev/train splits; never a held-out half, writer f or a
test split):

    python bench/explore.py miss hostile --writers a,b,c --tune [--fold] [--show miss|fa|both] [--select H2]
        bad sentences flagged / near-misses flagged, per writer, and with
        --show the sentences missed or falsely flagged. --fold scores each
        writer with the tone model trained without it (bench/.models/,
        written by `make quality` or trained here), so the count is out of
        source like the cross-source rows of `make quality`.

    python bench/explore.py bg H303 [--sets aeslc,business,intent,polite,ucc] [--show]
        how often codes fire on clean background text: Enron AESLC dev,
        the business-mail train half, email-intent train, the Stanford
        Politeness polite quartile (Stack Exchange and Wikipedia) and UCC
        dev healthy comments. A code prefix ("H3") selects a family.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import quality as q  # noqa: E402
from followup_lint.finding import Severity  # noqa: E402


def _hits(result, prefixes: tuple[str, ...], categories: tuple[str, ...] | None, level: Severity) -> list:
    if result is None:
        return []
    return [f for f in result.findings if f.severity >= level and f.code.startswith(prefixes)
            and (categories is None or f.category in categories)]


def _clip(text: str, n: int = 200) -> str:
    return " ".join(text.split())[:n]


def miss(args, runner) -> int:
    cat = args.category
    level = Severity.INFO if cat == "generic" else Severity.WARNING
    prefixes = tuple(args.select.split(",")) if args.select else (cat[0].upper(),)
    sets: list[tuple[str, list[dict]]] = [(w, q.blind_train(w, cat)) for w in args.writers.split(",") if w]
    if args.tune:
        sets.append(("tune", q.blind_split(cat, "tune")))
    total_bad = total_good = hit_bad = hit_good = 0
    for name, rows in sets:
        if not rows:
            continue
        if args.fold:
            from followup_lint.tone import model as tone_model

            tone_model.use(str(q.fold_model(name, q.default_data())))
        try:
            results = runner.lint([q.as_note(r["text"]) for r in rows], prefixes)
        finally:
            if args.fold:
                tone_model.use(None)
        nb = ng = kb = kg = 0
        for r, res in zip(rows, results):
            found = _hits(res, prefixes, (cat,), level)
            bad = r["label"] == "bad"
            nb += bad
            ng += not bad
            kb += bad and bool(found)
            kg += (not bad) and bool(found)
            if bad and not found and args.show in ("miss", "both"):
                print(f"  MISSED [{name}] {_clip(r['text'])}")
            if found and not bad and args.show in ("fa", "both"):
                print(f"  FALSE  [{name}] {' '.join(sorted({f.code for f in found}))}: {_clip(r['text'])}")
        print(f"{name}: bad flagged {kb}/{nb}, near-misses flagged {kg}/{ng}")
        total_bad, total_good, hit_bad, hit_good = total_bad + nb, total_good + ng, hit_bad + kb, hit_good + kg
    print(f"all: bad flagged {hit_bad}/{total_bad}, near-misses flagged {hit_good}/{total_good}")
    return 0


def _background(name: str, data: Path) -> list[str]:
    if name == "aeslc":
        return q.jsonl(data / "aeslc_enron" / "dev.jsonl", "body")
    if name == "business":
        return [q.as_note(r["text"]) for r in q.business_mail("train")]
    if name == "intent":
        with open(data / "email_intent" / "train.tsv", encoding="utf-8") as fh:
            return [row[1] for row in csv.reader(fh, delimiter="\t") if len(row) > 1 and row[1].strip()]
    if name == "polite":
        return q.politeness(data, "stack-exchange")[1] + q.politeness(data, "wikipedia")[1]
    if name == "ucc":
        return [d["text"] for d in q.ucc(data, "dev")
                if d["labels"]["healthy"] and not any(d["labels"][lab] for lab in q.UCC_LABELS)]
    raise SystemExit(f"explore: unknown set {name!r}")


def bg(args, runner) -> int:
    prefixes = tuple(args.codes.split(","))
    data = q.default_data()
    for name in args.sets.split(","):
        texts = _background(name, data)
        results = runner.lint(texts, prefixes)
        fired = 0
        for text, res in zip(texts, results):
            found = _hits(res, prefixes, None, Severity.WARNING)
            if found:
                fired += 1
                if args.show:
                    for f in found:
                        print(f"  [{name}] {f.code} '{_clip(f.excerpt, 80)}': {_clip(text, 160)}")
        print(f"{name}: {fired}/{len(texts)} texts with a {'/'.join(prefixes)} finding at warning or above")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("miss", help="blind training writers and the tune half: recall and near-misses")
    m.add_argument("category", choices=q.BLIND)
    m.add_argument("--writers", default="a,b,c,d,e,g,h,i,j,o,p")
    m.add_argument("--tune", action="store_true", help="add the blind tune half")
    m.add_argument("--fold", action="store_true", help="score each writer with the model trained without it")
    m.add_argument("--show", choices=("miss", "fa", "both"), default=None)
    m.add_argument("--select", default="", help="code prefixes to run, e.g. H2,H3 (default: the category's)")
    b = sub.add_parser("bg", help="clean background text: how often codes fire")
    b.add_argument("codes", help="comma-separated codes or prefixes, e.g. H303 or H3,P")
    b.add_argument("--sets", default="aeslc,business,intent,polite,ucc")
    b.add_argument("--show", action="store_true")
    args = ap.parse_args(argv)
    runner = q.Runner()
    try:
        return miss(args, runner) if args.cmd == "miss" else bg(args, runner)
    finally:
        runner.linter.close()


if __name__ == "__main__":
    sys.exit(main())
