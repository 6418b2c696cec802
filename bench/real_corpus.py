"""A real-text corpus for the speed benchmark: Enron business emails.

    python bench/real_corpus.py OUT_DIR [--count 300]

Made at run time from ``../shared/eval-data/aeslc_enron/test.jsonl`` (AESLC,
CC BY-NC-SA 4.0: evaluation only, so the texts are not copied into the
repository). The synthetic corpus (bench/spark_corpus.py) repeats template
sentences, which LanguageTool's sentence cache and ours reuse; this one does
not:

* bodies of 80-250 words, in file order, skipping any body that repeats a
  sentence (4+ words, case and spacing ignored) of its own or of one already
  taken, and
  bodies that are mostly tables (fewer than half their lines end a sentence);
* AESLC keeps one sentence per line and drops blank lines, so paragraphs are
  put back deterministically: a blank line after every third sentence line;
* ``OUT_DIR/drafts/NNN.txt``: the drafts; ``OUT_DIR/edited/NNN.txt``: the same
  drafts with one paragraph edited (a sentence of its own appended to the
  middle paragraph: different in every draft, so no cache has seen it).

:func:`generate` returns (drafts, edited) as lists of paths.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent.parent / "shared" / "eval-data" / "aeslc_enron" / "test.jsonl"
if not SOURCE.exists():  # a worktree next to the main checkout: /work/<x>/<y>/bench
    SOURCE = Path("/work/shared/eval-data/aeslc_enron/test.jsonl")
MIN_WORDS, MAX_WORDS = 80, 250
PER_PARAGRAPH = 3
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
ITEMS = ("the revised schedule", "the draft contract", "the budget numbers", "the meeting notes",
         "the pipeline capacity report", "the invoice summary", "the staffing plan")


def _sentences(body: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n", body) if len(s.split()) >= 4]


def _key(sentence: str) -> str:
    return " ".join(sentence.lower().split())


def _paragraphs(body: str) -> list[str]:
    lines = [" ".join(line.split()) for line in body.split("\n") if line.strip()]
    return ["\n".join(lines[i:i + PER_PARAGRAPH]) for i in range(0, len(lines), PER_PARAGRAPH)]


def select(count: int, source: Path = SOURCE) -> list[dict]:
    """``count`` AESLC rows whose bodies share no sentence."""
    seen: set[str] = set()
    chosen = []
    for line in source.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        body = row["body"]
        words = len(body.split())
        lines = [x for x in body.split("\n") if x.strip()]
        if not MIN_WORDS <= words <= MAX_WORDS or len(lines) < 2 * PER_PARAGRAPH:
            continue
        if sum(x.rstrip().endswith((".", "?", "!", ":", ",")) for x in lines) * 2 < len(lines):
            continue
        sentences = [_key(s) for s in _sentences(body)]
        keys = set(sentences)
        if keys & seen or len(keys) < len(sentences):
            continue
        seen |= keys
        chosen.append(row)
        if len(chosen) == count:
            return chosen
    raise SystemExit(f"only {len(chosen)} bodies in {source} fit; asked for {count}")


def edit(paragraphs: list[str], n: int) -> list[str]:
    """The same paragraphs with one sentence, unique to draft ``n``, appended
    to the middle one."""
    out = list(paragraphs)
    mid = len(out) // 2
    out[mid] = (out[mid] + f"\nI will send {ITEMS[n % len(ITEMS)]} for item {n + 17} by "
                f"{WEEKDAYS[n % len(WEEKDAYS)]} at {n % 12 + 1} o'clock.")
    return out


def generate(out: Path, count: int = 300) -> tuple[list[Path], list[Path]]:
    drafts, edited = out / "drafts", out / "edited"
    drafts.mkdir(parents=True, exist_ok=True)
    edited.mkdir(parents=True, exist_ok=True)
    a, b = [], []
    for n, row in enumerate(select(count)):
        paragraphs = _paragraphs(row["body"])
        name = f"{n:03d}.txt"
        (drafts / name).write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        (edited / name).write_text("\n\n".join(edit(paragraphs, n)) + "\n", encoding="utf-8")
        a.append(drafts / name)
        b.append(edited / name)
    return a, b


def stats(paths: list[Path]) -> dict:
    texts = [p.read_text(encoding="utf-8") for p in paths]
    words = [len(t.split()) for t in texts]
    sentences = [_key(s) for t in texts for s in _sentences(t)]
    return {"drafts": len(paths), "words_min": min(words), "words_max": max(words), "words_total": sum(words),
            "sentences": len(sentences), "distinct_sentences": len(set(sentences))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=300)
    args = ap.parse_args()
    drafts, _edited = generate(args.out, args.count)
    print(json.dumps(stats(drafts)))


if __name__ == "__main__":
    main()
