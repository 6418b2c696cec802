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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from followup_lint.config import ConfigResolver, Settings  # noqa: E402
from followup_lint.draft import InputError, parse_bytes  # noqa: E402
from followup_lint.engine import Linter  # noqa: E402
from followup_lint.finding import Severity  # noqa: E402

JUDGEMENT = ("hostile", "presumptuous", "desperate")
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


# -- main -----------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("test", "dev"), default="test",
                    help="test: the reported numbers; dev: dev/train splits for tuning")
    ap.add_argument("--data", type=Path, default=None, help="the eval-data folder")
    ap.add_argument("--olid-sample", type=int, default=2000,
                    help="with --split dev: a seeded sample of this many OLID training tweets (0: all)")
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--only", default="", help="comma-separated subset: hostile,enron,generic,writing")
    ap.add_argument("--grammar", action="store_true",
                    help="LanguageTool on (the L rules count as writing); needs `make setup`")
    ap.add_argument("--writing-severity", choices=("info", "warning", "error"), default="info",
                    help="lowest severity of a writing finding that counts as flagged for JFLEG "
                         "(JFLEG is tokenized, 'do n't .', which LanguageTool's info-level "
                         "typography rules flag in every sentence)")
    args = ap.parse_args(argv)
    data = args.data or default_data()
    if not data.is_dir():
        print(f"quality: no eval data at {data} (set FOLLOWUP_LINT_EVAL_DATA)", file=sys.stderr)
        return 2
    only = {x for x in args.only.split(",") if x}
    dev = args.split == "dev"
    runner = Runner(grammar=args.grammar)
    t0 = time.time()
    print(f"followup-lint quality, {args.split} splits, data {data}")
    print(f"(real pipeline: spaCy {runner.linter.nlp.meta.get('name')}-{runner.linter.nlp.meta.get('version')}, "
          f"all rules of the measured families, LanguageTool {'on' if args.grammar else 'off'}; "
          "flagged = a finding at warning or above)")
    print()
    hostile = ("hostile",)
    sel_h = ("H",)
    misses = []

    if not only or "hostile" in only:
        community = "stack-exchange" if dev else "wikipedia"
        impolite, polite = politeness(data, community)
        fi = [flagged(r, hostile) for r in runner.lint(impolite, sel_h)]
        fp = [flagged(r, hostile) for r in runner.lint(polite, sel_h)]
        ri, rp = rate(fi), rate(fp)
        ratio = ri[0] / rp[0] if rp[0] else float("inf")
        print(f"hostile  politeness ({community}): impolite quartile {fmt(ri)}, polite quartile {fmt(rp)}, "
              f"ratio {ratio:.1f}x  [target >= 4x]")
        if ratio < 4:
            misses.append("politeness ratio")

        texts, gold = olid(data, "train" if dev else "test", args.olid_sample, args.seed)
        pred = [flagged(r, hostile) for r in runner.lint(texts, sel_h)]
        tp = sum(p and g for p, g in zip(pred, gold))
        fpos = sum(p and not g for p, g in zip(pred, gold))
        precision = tp / (tp + fpos) if tp + fpos else 0.0
        recall = tp / sum(gold) if sum(gold) else 0.0
        off = rate([p for p, g in zip(pred, gold) if g])
        nott = rate([p for p, g in zip(pred, gold) if not g])
        which = f"train sample of {len(texts)} (seed {args.seed})" if dev else "test"
        print(f"hostile  OLID {which}: OFF flagged {fmt(off)}, NOT flagged {fmt(nott)}; "
              f"precision {precision:.3f} ({tp}/{tp + fpos}), recall {recall:.3f} ({tp}/{sum(gold)})  "
              "[target recall >= 0.6 at precision >= 0.7]")
        if recall < 0.6 or precision < 0.7:
            misses.append("OLID recall/precision")

    if not only or "enron" in only:
        split = "dev" if dev else "test"
        bodies = jsonl(data / "aeslc_enron" / f"{split}.jsonl", "body")
        results = runner.lint(bodies, ("H", "P", "D"))
        r = rate([flagged(x, JUDGEMENT) for x in results])
        per = {c: sum(flagged(x, (c,)) for x in results) for c in JUDGEMENT}
        print(f"false alarms  Enron AESLC {split}: {fmt(r)} with a hostile/presumptuous/desperate finding "
              f"(hostile {per['hostile']}, presumptuous {per['presumptuous']}, desperate {per['desperate']})  "
              "[target <= 3%]")
        codes: dict[str, int] = {}
        for x in results:
            for code in sorted({f.code for f in (x.findings if x else ()) if f.category in JUDGEMENT
                                and f.severity >= Severity.WARNING}):
                codes[code] = codes.get(code, 0) + 1
        if codes:
            print("              by rule: " + ", ".join(f"{c} {n}" for c, n in sorted(codes.items())))
        if r[0] > 0.03:
            misses.append("Enron false alarms")

    if not only or "generic" in only:
        tpl, kinds = templates(data)
        r = rate([flagged(x, ("generic",), Severity.INFO) for x in runner.lint(tpl, ("ALL",), kinds)])
        print(f"generic  public templates: {fmt(r)} flagged with a generic finding  [target: all]")
        if r[1] < r[2]:
            misses.append("templates generic")

    if not only or "writing" in only:
        split = "dev" if dev else "test"
        src = lines(data / "jfleg" / f"{split}.src")
        ref = lines(data / "jfleg" / f"{split}.ref0")
        level = Severity.parse(args.writing_severity)
        rs = rate([flagged(x, ("writing",), level) for x in runner.lint(src, ("ALL",))])
        rr = rate([flagged(x, ("writing",), level) for x in runner.lint(ref, ("ALL",))])
        ratio = rs[0] / rr[0] if rr[0] else float("inf")
        print(f"writing  JFLEG {split}: sources {fmt(rs)}, corrections (ref0) {fmt(rr)}, ratio {ratio:.1f}x  "
              "[target >= 3x]")
        if ratio < 3:
            misses.append("JFLEG ratio")

    print()
    print(f"targets missed: {', '.join(misses) if misses else 'none'}")
    print(f"({time.time() - t0:.0f}s)")
    runner.linter.close()  # stops a LanguageTool server this run started
    return 0


if __name__ == "__main__":
    sys.exit(main())
