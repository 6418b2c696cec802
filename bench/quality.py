"""How well followup-lint judges text nobody on this project wrote.

Runs the real pipeline (draft parsing, the spaCy model, every selected rule;
LanguageTool off) over the public evaluation sets in ../shared/eval-data and
prints one line per metric. See docs/quality.md for the targets and results.

    python bench/quality.py               # test splits (the reported numbers)
    python bench/quality.py --split dev   # dev/train splits, for tuning

Nothing here is downloaded; the data folder is read-only input.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import sys
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from followup_lint.config import Settings  # noqa: E402
from followup_lint.draft import InputError, parse_bytes  # noqa: E402
from followup_lint.engine import Linter  # noqa: E402
from followup_lint.finding import Severity  # noqa: E402

JUDGEMENT = ("hostile", "presumptuous", "desperate")
PROFANITY = "W207"  # swearing aimed at nobody: writing, not hostile (H101 has the aimed)
# Stanford Politeness Corpus quartile cut-offs (the paper's, per community).
CUTOFFS = {"wikipedia": (0.515, -0.440), "stack-exchange": (0.421, -0.344)}
# OLID anonymised every mention and link; these tokens are not the author's words.
_OLID_NOISE = re.compile(r"@USER\b|\bURL\b")


def default_data() -> Path:
    env = os.environ.get("FOLLOWUP_LINT_EVAL_DATA")
    if env:
        return Path(env)
    for cand in (ROOT.parent / "shared" / "eval-data", Path("/work/shared/eval-data")):
        if cand.is_dir():
            return cand
    return ROOT.parent / "shared" / "eval-data"


class Runner:
    def __init__(self, grammar: bool = False) -> None:
        self.linter = Linter()
        self.grammar = grammar

    def lint(self, texts: list[str], select: tuple[str, ...], kinds: list[str] | None = None) -> list:
        """FileResults for ``texts`` (None where a text is not a readable
        draft, e.g. empty)."""
        settings = Settings(select=select, grammar=self.grammar)
        items, where = [], []
        for i, text in enumerate(texts):
            kind = kinds[i] if kinds else "text"
            try:
                draft = parse_bytes(text.encode("utf-8"), f"text-{i}.txt", kind=kind)
            except InputError:
                continue
            items.append((draft, settings))
            where.append(i)
        out: list = [None] * len(texts)
        for i, result in zip(where, self.linter.lint_drafts(items)):
            out[i] = result
        return out


def flagged(result, categories: tuple[str, ...], min_severity: Severity = Severity.WARNING) -> bool:
    if result is None:
        return False
    return any(f.category in categories and f.severity >= min_severity for f in result.findings)


def swore(result) -> bool:
    """A W207 finding (swearing aimed at nobody, writing) at warning or above."""
    return result is not None and any(f.code == PROFANITY and f.severity >= Severity.WARNING
                                      for f in result.findings)


def rate(flags: list[bool]) -> tuple[float, int, int]:
    n = len(flags)
    k = sum(flags)
    return (k / n if n else 0.0), k, n


def fmt(r: tuple[float, int, int]) -> str:
    return f"{r[0]:.3f} ({r[1]}/{r[2]})"


# -- the sets ---------------------------------------------------------------------

def politeness(data: Path, community: str) -> tuple[list[str], list[str]]:
    polite_cut, impolite_cut = CUTOFFS[community]
    polite, impolite = [], []
    with open(data / "stanford_politeness" / f"{community}.annotated.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            score = float(row["Normalized Score"])
            if score >= polite_cut:
                polite.append(row["Request"])
            elif score <= impolite_cut:
                impolite.append(row["Request"])
    return impolite, polite


def olid(data: Path, split: str, sample: int, seed: int) -> tuple[list[str], list[bool]]:
    rows: list[tuple[str, bool]] = []
    if split == "test":
        with open(data / "olid" / "test_levela_labeled.jsonl", encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                rows.append((d["tweet"], d["subtask_a"] == "OFF"))
    else:
        with open(data / "olid" / "olid-training-v1.0.tsv", encoding="utf-8") as fh:
            next(fh)
            for line in fh:
                parts = line.rstrip("\n").split("\t")
                rows.append((parts[1], parts[2] == "OFF"))
        if sample and len(rows) > sample:
            rows = random.Random(seed).sample(rows, sample)
    texts = [" ".join(_OLID_NOISE.sub(" ", t).split()) for t, _ in rows]
    return texts, [y for _, y in rows]


def jsonl(path: Path, key: str) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line)[key] for line in fh if line.strip()]


def templates(data: Path) -> tuple[list[str], list[str]]:
    """The templates as drafts: subject and body where the source has them,
    else the source's Markdown as it is."""
    texts, kinds = [], []
    with open(data / "followup_templates" / "templates.jsonl", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d.get("body"):
                subject = d.get("subject")
                texts.append((f"Subject: {subject}\n\n" if subject else "") + d["body"])
                kinds.append("text")
            else:
                texts.append(d["raw_markdown"])
                kinds.append("markdown")
    return texts, kinds


def lines(path: Path) -> list[str]:
    return [ln.strip() for ln in path.read_text("utf-8").splitlines()]


BLIND = ("hostile", "presumptuous", "desperate", "generic")
BLIND_DIR = ROOT / "bench" / "blind"
BLIND_SEED = 15
NEGATIVE_EMOTIONS = ("anger", "annoyance", "disgust", "disapproval")
UCC_LABELS = ("hostile", "antagonize", "condescending", "sarcastic")


def blind_split(category: str, half: str) -> list[dict]:
    """The ``half`` ("tune" or "held") of a blind set: each (label, tone)
    group shuffled with a fixed seed, its first half (rounded up) for
    tuning, the rest held out. Rows get a ``category`` key."""
    rows = [json.loads(ln) for ln in (BLIND_DIR / f"{category}.jsonl").read_text("utf-8").splitlines()
            if ln.strip()]
    groups: dict[tuple, list[dict]] = {}
    for r in rows:
        groups.setdefault((r["label"], r.get("tone", "")), []).append(dict(r, category=category))
    rng = random.Random(f"{BLIND_SEED}:{category}")
    out = []
    for key in sorted(groups):
        g = sorted(groups[key], key=lambda r: r["id"])
        rng.shuffle(g)
        cut = (len(g) + 1) // 2
        out.extend(g[:cut] if half == "tune" else g[cut:])
    return sorted(out, key=lambda r: r["id"])


FRESH_DIR = BLIND_DIR / "fresh"


def blind_fresh(category: str) -> list[dict]:
    """Writer f's set (session 11, bench/blind/fresh/<category>.jsonl): held
    out whole. Nothing is tuned or trained on it and its sentences are never
    printed; it is only counted, as a second held-out set beside the halves."""
    path = FRESH_DIR / f"{category}.jsonl"
    return [dict(json.loads(ln), category=category) for ln in path.read_text("utf-8").splitlines() if ln.strip()]


BUSINESS_DIR = BLIND_DIR / "background"
BUSINESS_WRITERS = ("k", "l", "m", "n")


def business_mail(half: str, writers=BUSINESS_WRITERS) -> list[dict]:
    """Clean ordinary business-mail sentences written for this project
    (session 12, bench/blind/background/<writer>.jsonl, label "good"): each
    writer's rows ordered by the CRC-32 of their id, the first half "train"
    (bench/train_tone.py trains the hostile head on it and sets hostile's
    level with its out-of-fold scores), the rest "check" (never trained on
    nor used for a level: only counted). Rows get a ``writer`` key."""
    out = []
    for w in writers:
        path = BUSINESS_DIR / f"{w}.jsonl"
        if not path.is_file():
            continue
        rows = [json.loads(ln) for ln in path.read_text("utf-8").splitlines() if ln.strip()]
        rows.sort(key=lambda r: (zlib.crc32(f"{w}/{r['id']}".encode()), r["id"]))
        cut = len(rows) // 2
        out.extend(dict(r, writer=w) for r in (rows[:cut] if half == "train" else rows[cut:]))
    return out


TRAIN_DIR = BLIND_DIR / "train"
TRAIN_SOURCES = ("a", "b", "c", "d", "e", "o", "p")


def blind_train(source: str, category: str) -> list[dict]:
    """The blind training set of writer ``source`` ("a", "b" or "c",
    bench/blind/train/<source>/<category>.jsonl; may be trained on and
    looked at). Rows get a ``category`` key; a missing file is no rows."""
    path = TRAIN_DIR / source / f"{category}.jsonl"
    if not path.is_file():
        return []
    out = []
    for ln in path.read_text("utf-8").splitlines():
        if ln.strip():
            r = json.loads(ln)
            if r.get("text") and r.get("label") in ("bad", "good"):
                out.append(dict(r, category=category))
    return out


def as_note(sentence: str) -> str:
    """A blind sentence as the body of a minimal note."""
    return f"Hi Dana,\n\n{sentence}\n\nBest,\nSam\n"


def goemotions(data: Path, split: str) -> tuple[list[str], list[bool]]:
    texts, gold = [], []
    with open(data / "goemotions" / "goemotions.jsonl", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d["split"] == split:
                texts.append(d["text"])
                gold.append(any(lab in NEGATIVE_EMOTIONS for lab in d["labels"]))
    return texts, gold


def ucc(data: Path, split: str) -> list[dict]:
    with open(data / "ucc" / "ucc.jsonl", encoding="utf-8") as fh:
        return [d for d in map(json.loads, fh) if d["split"] == split]


MODELS_DIR = ROOT / "bench" / ".models"


def fold_model(source: str, data: Path) -> Path:
    """The tone model trained without writer ``source``'s rows (all other
    blind training data and the public sets, as shipped): written by
    `make train` (bench/train_tone.py --write) to bench/.models/, trained
    here when missing (needs the train extra)."""
    path = MODELS_DIR / f"without-{source}.npz"
    if not path.is_file():
        import train_tone

        MODELS_DIR.mkdir(exist_ok=True)
        keep = tuple(s for s in train_tone.SOURCES if s != source)
        try:
            train_tone.main(["--sources", ",".join(keep), "--out", str(path), "--no-report"])
        except ImportError as exc:  # scikit-learn/scipy: the train extra
            print(f"quality: the cross-source rows need {path.name}, and training it needs the train extra "
                  f"({exc}): run `make train` (or `make quality`) first", file=sys.stderr)
            raise SystemExit(2) from None
    return path


def cross_source(runner, table, data: Path) -> None:
    """Train on the tune halves and one writer's set, test through the whole
    linter on the other writer's set (and the other way round), at the
    shipped thresholds: does the judgement carry over to a writer it never
    saw? The precise layers were never tuned on either writer's set."""
    from followup_lint.tone import model as tone_model

    sys.path.insert(0, str(ROOT / "bench"))
    for test in TRAIN_SOURCES:
        if not any(blind_train(test, c) for c in BLIND):
            continue
        trained = "+".join(["tune"] + [s for s in TRAIN_SOURCES if s != test])
        tone_model.use(str(fold_model(test, data)))
        try:
            for cat in BLIND:
                rows = blind_train(test, cat)
                if not rows:
                    continue  # writer e wrote hostile and presumptuous only
                gold = [r["label"] == "bad" for r in rows]
                level = Severity.INFO if cat == "generic" else Severity.WARNING
                res = runner.lint([as_note(r["text"]) for r in rows], (cat[0].upper(),))
                pred = [flagged(x, (cat,), level) for x in res]
                rec = rate([p for p, g in zip(pred, gold) if g])
                fa = rate([p for p, g in zip(pred, gold) if not g])
                table.add(f"cross-source {cat}: trained on {trained}, tested on writer {test}: bad flagged / "
                          "near-misses flagged", f"{pct(rec)} / {pct(fa)}", ">= 70% / <= 5%",
                          rec[0] >= 0.7 and fa[0] <= 0.05)
        finally:
            tone_model.use(None)


class Table:
    """The rows of the report, printed as one Markdown table at the end."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, metric: str, result: str, target: str = "", met: bool | None = None) -> None:
        self.rows.append((metric, result, target, "" if met is None else ("yes" if met else "**no**")))
        print(f"{metric}: {result}" + (f"  [target {target}: {'met' if met else 'NOT met'}]" if target else ""))

    def markdown(self) -> str:
        out = ["| metric | result | target | met |", "|---|---|---|---|"]
        out += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in self.rows]
        return "\n".join(out)


# -- main -----------------------------------------------------------------------------

def pr(pred: list[bool], gold: list[bool]) -> tuple[float, float, int, int, int]:
    tp = sum(p and g for p, g in zip(pred, gold))
    fpos = sum(p and not g for p, g in zip(pred, gold))
    pos = sum(gold)
    return (tp / (tp + fpos) if tp + fpos else 0.0), (tp / pos if pos else 0.0), tp, tp + fpos, pos


def pct(r: tuple[float, int, int]) -> str:
    return f"{100 * r[0]:.1f}% ({r[1]}/{r[2]})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("test", "dev"), default="test",
                    help="test: the reported numbers; dev: dev/train splits for tuning")
    ap.add_argument("--data", type=Path, default=None, help="the eval-data folder")
    ap.add_argument("--olid-sample", type=int, default=2000,
                    help="with --split dev: a seeded sample of this many OLID training tweets (0: all)")
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--only", default="",
                    help="comma-separated subset: blind,fresh,cross,hostile,goemotions,ucc,enron,business,generic,writing")
    ap.add_argument("--blind-half", choices=("tune", "held", "both"), default="both",
                    help="which half of the blind sets to report (tuning looks at 'tune' only)")
    ap.add_argument("--grammar", action="store_true",
                    help="LanguageTool on (the L rules count as writing); needs `make setup`")
    ap.add_argument("--writing-severity", choices=("info", "warning", "error"), default="info",
                    help="lowest severity of a writing finding that counts as flagged for JFLEG "
                         "(JFLEG is tokenized, 'do n't .', which LanguageTool's info-level "
                         "typography rules flag in every sentence)")
    ap.add_argument("--show", default="", help="print the texts of one set that were missed / "
                    "falsely flagged, e.g. blind-hostile-tune or enron (never use it on a held-out "
                    "or test split for tuning)")
    args = ap.parse_args(argv)
    data = args.data or default_data()
    if not data.is_dir():
        print(f"quality: no eval data at {data} (set FOLLOWUP_LINT_EVAL_DATA)", file=sys.stderr)
        return 2
    only = {x for x in args.only.split(",") if x}
    dev = args.split == "dev"
    runner = Runner(grammar=args.grammar)
    table = Table()
    t0 = time.time()
    print(f"followup-lint quality, {args.split} splits, data {data}")
    print(f"(real pipeline: spaCy {runner.linter.nlp.meta.get('name')}-{runner.linter.nlp.meta.get('version')}, "
          f"all rules of the measured families, LanguageTool {'on' if args.grammar else 'off'}; "
          "flagged = a finding at warning or above)")
    print()
    hostile = ("hostile",)
    sel_h = ("H",)

    def show(name: str, texts: list[str], pred: list[bool], gold: list[bool]) -> None:
        if args.show != name:
            return
        for t, p, g in zip(texts, pred, gold):
            if p != g:
                print(f"  {'MISSED' if g else 'FALSE '} {' '.join(t.split())[:200]}")

    def blind_rows(cat: str, rows: list[dict], metric: str) -> tuple[list[str], list[bool], list[bool]]:
        texts = [r["text"] for r in rows]
        gold = [r["label"] == "bad" for r in rows]
        level = Severity.INFO if cat == "generic" else Severity.WARNING  # G201 stock-phrase is info
        pred = [flagged(x, (cat,), level) for x in runner.lint([as_note(t) for t in texts], (cat[0].upper(),))]
        rec = rate([p for p, g in zip(pred, gold) if g])
        fa = rate([p for p, g in zip(pred, gold) if not g])
        table.add(f"{metric}: bad flagged / near-misses flagged",
                  f"{pct(rec)} / {pct(fa)}", ">= 70% / <= 5%", rec[0] >= 0.7 and fa[0] <= 0.05)
        return texts, pred, gold

    if not only or "blind" in only:
        halves = ("tune", "held") if args.blind_half == "both" else (args.blind_half,)
        for cat in BLIND:
            for half in halves:
                name = "held-out" if half == "held" else "tune"
                texts, pred, gold = blind_rows(cat, blind_split(cat, half), f"blind {cat}, {name} half")
                show(f"blind-{cat}-{half}", texts, pred, gold)

    if not only or "fresh" in only:
        for cat in BLIND:  # counted only: no --show for this set
            blind_rows(cat, blind_fresh(cat), f"fresh blind {cat} (writer f, held out whole)")

    if not only or "cross" in only:
        cross_source(runner, table, data)

    if not only or "hostile" in only:
        community = "stack-exchange" if dev else "wikipedia"
        impolite, polite = politeness(data, community)
        fi = [flagged(r, hostile) for r in runner.lint(impolite, sel_h)]
        fp = [flagged(r, hostile) for r in runner.lint(polite, sel_h)]
        ri, rp = rate(fi), rate(fp)
        table.add(f"hostile, Stanford Politeness ({community}): impolite / polite quartile flagged",
                  f"{pct(ri)} / {pct(rp)}", ">= 25% / <= 3%", ri[0] >= 0.25 and rp[0] <= 0.03)
        show("politeness", impolite + polite, fi + fp, [True] * len(fi) + [False] * len(fp))

        texts, gold = olid(data, "train" if dev else "test", args.olid_sample, args.seed)
        results = runner.lint(texts, sel_h + (PROFANITY,))
        pred = [flagged(r, hostile) for r in results]
        p, r, tp, npred, pos = pr(pred, gold)
        which = f"train sample of {len(texts)} (seed {args.seed})" if dev else "test"
        table.add(f"hostile, OLID {which}: OFF precision / recall",
                  f"{p:.3f} ({tp}/{npred}) / {r:.3f} ({tp}/{pos})", ">= 0.75 / >= 0.65",
                  p >= 0.75 and r >= 0.65)
        show("olid", texts, pred, gold)
        # OLID's OFF includes untargeted profanity by definition, which is W207's
        # (writing: swearing aimed at nobody), not hostile: the same tweets counted
        # flagged by either.
        both = [h or swore(x) for h, x in zip(pred, results)]
        p, r, tp, npred, pos = pr(both, gold)
        table.add(f"hostile + profanity register (W207), OLID {which}: OFF precision / recall",
                  f"{p:.3f} ({tp}/{npred}) / {r:.3f} ({tp}/{pos})", ">= 0.75 / >= 0.65",
                  p >= 0.75 and r >= 0.65)
        show("olid-w207", texts, both, gold)

    if not only or "goemotions" in only:
        split = "dev" if dev else "test"
        texts, gold = goemotions(data, split)
        pred = [flagged(r, hostile) for r in runner.lint(texts, sel_h)]
        p, r, tp, npred, pos = pr(pred, gold)
        rest = rate([p_ for p_, g in zip(pred, gold) if not g])
        table.add(f"hostile, GoEmotions {split}: the four negative emotions flagged / the rest flagged "
                  "(precision)", f"{pct((r, tp, pos))} / {pct(rest)} ({p:.3f})", "reported")
        show("goemotions", texts, pred, gold)

    if not only or "ucc" in only:
        split = "dev" if dev else "test"
        rows = ucc(data, split)
        results = runner.lint([d["text"] for d in rows], sel_h)
        pred = [flagged(x, hostile) for x in results]
        healthy = rate([p for p, d in zip(pred, rows) if d["labels"]["healthy"] and
                        not any(d["labels"][lab] for lab in UCC_LABELS)])
        parts = []
        for lab in UCC_LABELS:
            parts.append(f"{lab} {pct(rate([p for p, d in zip(pred, rows) if d['labels'][lab]]))}")
        table.add(f"hostile, UCC {split}: flagged per label, healthy false alarms",
                  "; ".join(parts) + f"; healthy {pct(healthy)}", "healthy <= 3%", healthy[0] <= 0.03)

    if not only or "enron" in only:
        split = "dev" if dev else "test"
        bodies = jsonl(data / "aeslc_enron" / f"{split}.jsonl", "body")
        results = runner.lint(bodies, ("H", "P", "D", PROFANITY))
        pred = [flagged(x, JUDGEMENT) for x in results]
        r = rate(pred)
        per = {c: sum(flagged(x, (c,)) for x in results) for c in JUDGEMENT}
        codes: dict[str, int] = {}
        for x in results:
            for code in sorted({f.code for f in (x.findings if x else ()) if f.category in JUDGEMENT
                                and f.severity >= Severity.WARNING}):
                codes[code] = codes.get(code, 0) + 1
        by_rule = ", ".join(f"{c} {n}" for c, n in sorted(codes.items()))
        table.add(f"false alarms, Enron AESLC {split}: a hostile/presumptuous/desperate finding",
                  f"{pct(r)}: hostile {per['hostile']}, presumptuous {per['presumptuous']}, "
                  f"desperate {per['desperate']} (by rule: {by_rule or 'none'})", "<= 2%", r[0] <= 0.02)
        show("enron", bodies, pred, [False] * len(bodies))
        swears = [swore(x) for x in results]
        alone = sum(w and not j for w, j in zip(swears, pred))
        table.add(f"Enron AESLC {split}: a W207 profanity finding (writing, swearing aimed at nobody; "
                  "not counted above)", f"{pct(rate(swears))}, {alone} of them with no finding counted above",
                  "reported")
        show("enron-w207", bodies, swears, [False] * len(bodies))

    if not only or "business" in only:
        # the check half only: the train half trains the hostile head and sets its level
        rows = business_mail("check")
        results = runner.lint([as_note(r["text"]) for r in rows], ("H", "P", "D"))
        pred = [flagged(x, JUDGEMENT) for x in results]
        r = rate(pred)
        per = ", ".join(f"{w} {sum(p for p, d in zip(pred, rows) if d['writer'] == w)}"
                        f"/{sum(d['writer'] == w for d in rows)}" for w in BUSINESS_WRITERS)
        codes = {}
        for x in results:
            for code in {f.code for f in x.findings if f.category in JUDGEMENT and f.severity >= Severity.WARNING}:
                codes[code] = codes.get(code, 0) + 1
        by_rule = ", ".join(f"{c} {n}" for c, n in sorted(codes.items()))
        table.add("false alarms, blind business mail (bench/blind/background, check half): a hostile/"
                  "presumptuous/desperate finding", f"{pct(r)}: {per} (by rule: {by_rule or 'none'})",
                  "<= 2%", r[0] <= 0.02)
        show("business", [r["text"] for r in rows], pred, [False] * len(rows))

    if not only or "generic" in only:
        tpl, kinds = templates(data)
        r = rate([flagged(x, ("generic",), Severity.INFO) for x in runner.lint(tpl, ("ALL",), kinds)])
        table.add("generic, public follow-up templates flagged (any generic finding)", f"{r[1]}/{r[2]}",
                  "all", r[1] == r[2])

    if not only or "writing" in only:
        split = "dev" if dev else "test"
        src = lines(data / "jfleg" / f"{split}.src")
        ref = lines(data / "jfleg" / f"{split}.ref0")
        level = Severity.parse(args.writing_severity)
        rs = rate([flagged(x, ("writing",), level) for x in runner.lint(src, ("ALL",))])
        rr = rate([flagged(x, ("writing",), level) for x in runner.lint(ref, ("ALL",))])
        ratio = rs[0] / rr[0] if rr[0] else float("inf")
        table.add(f"writing, JFLEG {split}: sources / corrections (ref0) flagged",
                  f"{pct(rs)} / {pct(rr)}: {ratio:.1f}x", ">= 3x", ratio >= 3)

    print()
    print(table.markdown())
    print()
    print(f"({time.time() - t0:.0f}s)")
    runner.linter.close()  # stops a LanguageTool server this run started
    return 0


if __name__ == "__main__":
    sys.exit(main())
