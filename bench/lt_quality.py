"""How well followup-lint's grammar checks (LanguageTool through the L rules)
do on LanguageTool's own English rule examples, and how fast they are.

    .venv/bin/python bench/lt_quality.py [--data FILE] [--write] [--limit N]

Data: ../shared/eval-data/languagetool_en/examples_2018.jsonl (public, see its
README): sentences labelled ``incorrect`` (with the ``marker_span`` of the
mistake) or ``correct``. The 2018 rules file is older than LanguageTool 6.6,
so rules renamed or dropped since then lower the numbers; they are reported
as they come out.

Each sentence goes through the whole pipeline a user gets (draft parsing,
spaCy, one LanguageTool request, the email filters of
followup_lint.grammar.email), selecting only the L rules.

* flagged: share of ``incorrect`` sentences with an L finding overlapping
  the marker span (also: with any L finding at all);
* clean: share of ``correct`` sentences with no L finding at all.

The same is measured on LanguageTool's raw answer (no email filters) to
show what the filters cost. Timing: JVM start to the first answer
(/v2/languages), the first check, and per-draft grammar time with a warm
server, the median over fixtures/drafts/* and fixtures/rules/*.

With --write the numbers replace the "## Grammar (LanguageTool)" section of
docs/quality.md (other sections are left as they are).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "eval-data" / "languagetool_en" / "examples_2018.jsonl"
QUALITY = ROOT / "docs" / "quality.md"
SECTION = "## Grammar (LanguageTool)"


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1]:  # an empty marker: a finding that touches it
        return b[0] <= a[0] <= b[1]
    return a[0] < b[1] and b[0] < a[1]


def finding_spans(result, draft) -> list[tuple[int, int]]:
    starts = draft.lines.line_starts
    return [(starts[f.line - 1] + f.column - 1, starts[f.end_line - 1] + f.end_column - 1)
            for f in result.findings]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=0, help="only the first N examples (quick look)")
    ap.add_argument("--write", action="store_true", help="update docs/quality.md")
    ap.add_argument("--timing-only", action="store_true", help="only the speed numbers")
    args = ap.parse_args()

    from followup_lint.config import Settings
    from followup_lint.draft import parse_bytes
    from followup_lint.errors import InputError
    from followup_lint.sources import read_path
    from followup_lint.engine import Linter
    from followup_lint.grammar import Grammar
    from followup_lint.grammar.email import unwrap
    from followup_lint.grammar.server import answers, jar_dir, spawn

    rows = [json.loads(line) for line in args.data.read_text("utf-8").splitlines() if line.strip()]
    if args.limit:
        rows = rows[:args.limit]

    # -- JVM start to first answer (a server of our own, stopped at the end)
    t0 = time.perf_counter()
    server = spawn(jar_dir(), kept=False)
    t_up = time.perf_counter() - t0
    assert answers(server.port)
    grammar = Grammar()
    grammar.server = server
    grammar._owned = server  # close() stops it
    t1 = time.perf_counter()
    grammar.check("Thank you for the interview, I enjoyed it.")
    t_first = time.perf_counter() - t1
    try:
        # -- warm per-draft grammar time over the fixtures
        paths = sorted((ROOT / "fixtures" / "drafts").glob("*")) + sorted((ROOT / "fixtures" / "rules").glob("*"))
        drafts = []
        for p in paths:
            if p.suffix in (".txt", ".md", ".eml"):
                try:
                    drafts.append(read_path(str(p)))
                except InputError:
                    pass
        for d in drafts:  # warm-up pass
            grammar.check(unwrap(d.text.text))
        times = []
        for d in drafts:
            t = time.perf_counter()
            grammar.check(unwrap(d.text.text))
            times.append(time.perf_counter() - t)
        t_median = statistics.median(times)
        if args.timing_only:
            print(f"JVM start to first answer {t_up:.1f} s; first check {t_first:.1f} s; warm per-draft "
                  f"median over {len(drafts)} drafts {1000 * t_median:.0f} ms "
                  f"(min {1000 * min(times):.0f}, max {1000 * max(times):.0f})")
            return 0

        # -- quality
        settings = Settings(select=("L",))
        linter = Linter(grammar=grammar)
        items, kept_rows = [], []
        for r in rows:
            try:
                items.append((parse_bytes(r["text"].encode("utf-8"), "example.txt", kind="text"), settings))
                kept_rows.append(r)
            except InputError:
                continue
        results = linter.lint_drafts(items)
        counts = Counter()
        missed_by_category = Counter()
        for r, (draft, _s), result in zip(kept_rows, items, results):
            spans = finding_spans(result, draft)
            raw = [(m.start, m.end) for m in grammar.check(r["text"])]
            marker = tuple(r["marker_span"]) if r.get("marker_span") else None
            if r["label"] == "incorrect":
                counts["incorrect"] += 1
                at = marker is not None and any(overlaps(marker, s) for s in spans)
                counts["flagged_at_marker"] += at
                counts["flagged_anywhere"] += bool(spans)
                counts["raw_flagged_at_marker"] += marker is not None and any(overlaps(marker, s) for s in raw)
                group = "off" if r.get("default") == "off" else "on"
                counts[f"incorrect_{group}"] += 1
                counts[f"flagged_{group}"] += at
                if not at:
                    missed_by_category[r["category_id"]] += 1
            else:
                counts["correct"] += 1
                counts["clean"] += not spans
                counts["raw_clean"] += not raw
    finally:
        grammar.close()

    inc, cor = counts["incorrect"], counts["correct"]
    pct = lambda a, b: f"{100.0 * a / b:.1f}%" if b else "n/a"  # noqa: E731
    numbers = {
        "flagged": pct(counts["flagged_at_marker"], inc),
        "clean": pct(counts["clean"], cor),
    }
    lines = [
        SECTION,
        "",
        f"Measured by `bench/lt_quality.py` on `{shown(args.data)}`"
        f" ({len(kept_rows)} examples: {inc} incorrect, {cor} correct), LanguageTool 6.6, en-US, default level,"
        " through the whole pipeline (L rules only, email filters on).",
        "",
        "| measure | followup-lint | LanguageTool raw |",
        "|---|---|---|",
        f"| `incorrect` flagged at the marker span | **{numbers['flagged']}** ({counts['flagged_at_marker']}/{inc})"
        f" | {pct(counts['raw_flagged_at_marker'], inc)} ({counts['raw_flagged_at_marker']}/{inc}) |",
        f"| `incorrect`, rule on by default: flagged at the marker | {pct(counts['flagged_on'], counts['incorrect_on'])}"
        f" ({counts['flagged_on']}/{counts['incorrect_on']}) | |",
        f"| `incorrect`, rule off by default (`\"default\": \"off\"`): flagged at the marker |"
        f" {pct(counts['flagged_off'], counts['incorrect_off'])} ({counts['flagged_off']}/{counts['incorrect_off']}) | |",
        f"| `incorrect` with any L finding | {pct(counts['flagged_anywhere'], inc)} ({counts['flagged_anywhere']}/{inc}) | |",
        f"| `correct` left clean (no L finding) | **{numbers['clean']}** ({counts['clean']}/{cor})"
        f" | {pct(counts['raw_clean'], cor)} ({counts['raw_clean']}/{cor}) |",
        "",
        "Misses by the example's 2018 category: "
        + ", ".join(f"{k} {v}" for k, v in missed_by_category.most_common()) + ".",
        "Most misses are examples of rules that are off by default (the whole",
        "MISUSED_TERMS_EU_PUBLICATIONS and PLAIN_ENGLISH categories, opt-in rules elsewhere): followup-lint",
        "runs LanguageTool's default rule set. The rest are rules changed or removed since the 2018 rules",
        "file, and rules that need LanguageTool's n-gram data, which the local server does not have.",
        "",
        "Speed: see [grammar.md](grammar.md#measured).",
        "",
    ]
    print("\n".join(lines))
    print(f"(speed this run: JVM start to first answer {t_up:.1f} s; first check {t_first:.1f} s;"
          f" warm per-draft grammar time, median over {len(drafts)} fixture drafts, {1000 * t_median:.0f} ms)")
    if args.write:
        write_section("\n".join(lines))
    return 0


def shown(path: Path) -> str:
    path = path.resolve()
    return f"../{path.relative_to(ROOT.parent)}" if path.is_relative_to(ROOT.parent) else str(path)


def write_section(body: str) -> None:
    """Replace (or append) our section of docs/quality.md, re-reading the file
    right before writing so others' sections are kept."""
    QUALITY.parent.mkdir(parents=True, exist_ok=True)
    text = QUALITY.read_text("utf-8") if QUALITY.exists() else "# Quality\n\n"
    lines = text.splitlines(keepends=True)
    start = next((i for i, ln in enumerate(lines) if ln.rstrip() == SECTION), None)
    if start is None:
        new = text.rstrip("\n") + "\n\n" + body.rstrip("\n") + "\n"
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        new = "".join(lines[:start]) + body.rstrip("\n") + "\n" + ("\n" + "".join(lines[end:]) if end < len(lines) else "")
    QUALITY.write_text(new, "utf-8")


if __name__ == "__main__":
    sys.exit(main())
