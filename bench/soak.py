"""Soak: lint a folder of many drafts and print what it cost.

    python bench/soak.py [--count 10000] [--jobs N] [--grammar] [--keep DIR]

Generates ``count`` drafts with bench/corpus.py (deterministic), then runs
the batch in this process through the same path as ``followup-lint check``
(sources.expand, batch.run, a fresh cache directory) and prints:

* wall time and drafts per second,
* peak RSS of this process and of the largest worker process,
* open file descriptors of this process before and after the run (a leak
  shows as a difference), and the most seen while it ran,
* whether every input file has the same SHA-256 after the run.

Load numbers are printed, never asserted: `make soak` is not a test.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def digests(root: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--grammar", action="store_true", help="also check grammar (LanguageTool)")
    ap.add_argument("--keep", type=Path, default=None, help="generate the drafts here and keep them")
    args = ap.parse_args()

    import corpus
    from followup_lint import batch, sources
    from followup_lint.config import ConfigResolver

    with tempfile.TemporaryDirectory(prefix="followup-lint-soak-") as tmp:
        drafts = args.keep or Path(tmp) / "drafts"
        corpus.write(drafts, args.count)
        before = digests(drafts)
        fds_before = open_fds()
        peak_fds = fds_before
        running = True

        def watch() -> None:
            nonlocal peak_fds
            while running:
                peak_fds = max(peak_fds, open_fds())
                time.sleep(0.2)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        started = time.perf_counter()
        expansion = sources.expand([str(drafts)])
        resolver = ConfigResolver(None, {"grammar": args.grammar})
        report = batch.run(list(expansion.items), resolver, jobs=args.jobs, use_cache=True,
                           cache_directory=Path(tmp) / "cache")
        elapsed = time.perf_counter() - started
        running = False
        watcher.join()
        fds_after = open_fds()
        after = digests(drafts)

    results = report.results
    errors = sum(1 for r in results if r.error)
    findings = sum(len(r.findings) for r in results)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"drafts:              {len(results)} ({errors} errors, {findings} findings, grammar "
          f"{'on' if args.grammar else 'off'})")
    print(f"workers:             {report.workers}")
    print(f"wall time:           {elapsed:.1f} s ({len(results) / elapsed:.1f} drafts/s)")
    print(f"peak RSS (main):     {own:.0f} MB")
    print(f"peak RSS (worker):   {workers:.0f} MB (largest child process; 0 when no worker was started)")
    print(f"open fds:            {fds_before} before, {fds_after} after, {peak_fds} at most during the run")
    print(f"inputs unchanged:    {'yes' if before == after else 'NO'} ({len(before)} files hashed)")
    if before != after or fds_after > fds_before or len(results) != args.count:
        sys.exit(1)


if __name__ == "__main__":
    main()
