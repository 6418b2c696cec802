"""What knowing the kind, the moment and the thread costs per draft.

    .venv/bin/python bench/kinds_cost.py [--count 1000]

On the bench corpus (bench/corpus.py) plus the kind fixtures
(fixtures/kinds), drafts read and parsed by spaCy once up front, then
timed separately: grouping the batch into threads (header blocks only), the
kind and moment of each draft (situation.build), and the kind-aware rules
(H7, D4, P4, S5, S6: their dates are worked out here, on demand). Also the
import cost of the modules a cold run adds. Prints milliseconds per draft.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=1000)
    args = ap.parse_args()

    import corpus

    from followup_lint import threads
    from followup_lint.config import Settings
    from followup_lint.deferred import parse
    from followup_lint.draft import parse_bytes
    from followup_lint.engine import Context, Linter
    from followup_lint.rules import select_rules
    from followup_lint.situation import build

    with tempfile.TemporaryDirectory() as tmp:
        paths = corpus.write(Path(tmp), args.count)
        paths += sorted(p for p in (ROOT / "fixtures" / "kinds").glob("draft_*"))
        raws = [(str(p), p.read_bytes()) for p in paths]
    drafts = [parse_bytes(raw, path, kind="eml" if path.endswith(".eml") else None) for path, raw in raws]
    n = len(drafts)
    nlp = Linter().nlp
    docs = list(parse(nlp, (d.text.text for d in drafts)))
    rules = select_rules(("H7", "D4", "P4", "S5", "S6"), ())
    settings = Settings()

    t0 = time.perf_counter()
    positions = threads.group([threads.read_header(raw, i, path) for i, (path, raw) in enumerate(raws)])
    t_threads = time.perf_counter() - t0

    t0 = time.perf_counter()
    situations = [build(d, None, None, positions[i]) for i, d in enumerate(drafts)]
    t_kind = time.perf_counter() - t0

    # warm the rules' matchers (built once per process), then time them
    for r in rules:
        list(r.check(Context(drafts[0], docs[0], None, r, settings.options_for(r), None, situations[0])))
    situations = [build(d, None, None, positions[i]) for i, d in enumerate(drafts)]
    t0 = time.perf_counter()
    found = 0
    for d, doc, s in zip(drafts, docs, situations):
        for r in rules:
            found += len(list(r.check(Context(d, doc, None, r, settings.options_for(r), None, s))))
    t_rules = time.perf_counter() - t0

    kinds: dict[str, int] = {}
    for s in situations:
        kinds[s.kind.name] = kinds.get(s.kind.name, 0) + 1
    print(f"{n} drafts ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}); {found} kind findings")
    print(f"threads (headers, grouping)  {t_threads / n * 1000:6.3f} ms/draft")
    print(f"kind + moment                {t_kind / n * 1000:6.3f} ms/draft")
    print(f"kind rules (with the dates)  {t_rules / n * 1000:6.3f} ms/draft")
    print(f"total                        {(t_threads + t_kind + t_rules) / n * 1000:6.3f} ms/draft")
    code = ("import time; t=time.perf_counter(); import followup_lint.situation, followup_lint.timeline; "
            "import dateutil.parser, dateutil.relativedelta; print(time.perf_counter()-t)")
    cold = min(float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                    cwd=ROOT).stdout) for _ in range(3))
    print(f"import (situation, timeline, threads, dateutil) in a fresh interpreter: {cold * 1000:.0f} ms")


if __name__ == "__main__":
    main()
