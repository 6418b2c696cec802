"""Batch speed: a first and a second (cached) run over 1,000 drafts, and
drafts per second with one and two worker processes.

    python bench/batch.py [--count 1000] [--grammar] [--skip-jobs]

Runs the real command (``python -m followup_lint check``) as subprocesses
over a folder made by bench/corpus.py, with the cache in a fresh temporary
folder, and prints wall-clock times. Not a test: numbers depend on the
machine. The target is a second run over the unchanged folder at least 10x
faster than the first.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402


def check(folder: Path, cache: Path, *flags: str) -> tuple[float, int]:
    env = dict(os.environ, FOLLOWUP_LINT_CACHE_DIR=str(cache))
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "followup_lint", "check", "--quiet", "--format", "json",
                           *flags, str(folder)], capture_output=True, env=env, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        sys.exit(f"check failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    return elapsed, proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--grammar", action="store_true", help="with LanguageTool (default: --no-grammar)")
    ap.add_argument("--skip-jobs", action="store_true", help="skip the --jobs 1 / --jobs 2 comparison")
    args = ap.parse_args()
    grammar = [] if args.grammar else ["--no-grammar"]
    with tempfile.TemporaryDirectory(prefix="followup-bench-") as tmp:
        folder = Path(tmp) / "drafts"
        corpus.write(folder, args.count)
        cache = Path(tmp) / "cache"
        n = args.count
        label = "grammar on" if args.grammar else "grammar off"
        print(f"{n} drafts from bench/corpus.py, {label}, {os.cpu_count()} cores")
        first, _ = check(folder, cache, *grammar)
        print(f"first run (empty cache, all cores):  {first:7.2f} s  ({n / first:6.1f} drafts/s)")
        second, _ = check(folder, cache, *grammar)
        print(f"second run (unchanged, cached):      {second:7.2f} s  ({n / second:6.1f} drafts/s)")
        print(f"speed-up: {first / second:.1f}x (target: at least 10x)")
        if not args.skip_jobs:
            for jobs in (1, 2):
                t, _ = check(folder, cache, *grammar, "--no-cache", "--jobs", str(jobs))
                print(f"--no-cache --jobs {jobs}:                 {t:7.2f} s  ({n / t:6.1f} drafts/s)")


if __name__ == "__main__":
    main()
