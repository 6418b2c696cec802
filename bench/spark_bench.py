"""Throughput of the Spark integration against the CLI batch, same drafts.

    .venv/bin/python bench/spark_bench.py [--count 1000] [--seed 9] [--grammar]

Makes the deterministic corpus of bench/spark_corpus.py in a temporary
folder, then lints all of it

* with the CLI batch: ``followup-lint check --format json --no-cache`` on the
  folder, with ``-j 1`` and ``-j 2`` (a new process each: startup included);
* with Spark: ``lint_dataframe`` over ``spark.read.format("binaryFile")`` of
  the same folder on a new ``local[1]`` and ``local[2]`` session (the time of
  the action, which includes every worker loading spaCy; the session start is
  printed apart).

and prints drafts per second for each, and checks that all four found the
same number of findings. Grammar is off unless ``--grammar`` (then the CLI
and every Spark worker use the kept LanguageTool server, or start one). The
machine's load average is printed too: other work on it slows every line.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from spark_corpus import generate  # noqa: E402


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}"


def run_cli(folder: Path, jobs: int, grammar: bool) -> tuple[float, int]:
    cmd = [sys.executable, "-m", "followup_lint", "check", "--format", "json", "--no-cache", "-q",
           "-j", str(jobs), "--grammar" if grammar else "--no-grammar", str(folder)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"CLI failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    doc = json.loads(proc.stdout)
    return elapsed, doc["summary"]["findings"]


def run_spark(folder: Path, cores: int, grammar: bool) -> tuple[float, float, int, int]:
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    from followup_lint.spark import lint_dataframe

    start = time.perf_counter()
    spark = (SparkSession.builder.master(f"local[{cores}]").appName(f"followup-lint-bench-{cores}")
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.driver.host", "127.0.0.1")
             .config("spark.driver.bindAddress", "127.0.0.1")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    started = time.perf_counter() - start
    try:
        df = spark.read.format("binaryFile").load(str(folder))
        partitions = df.rdd.getNumPartitions()
        start = time.perf_counter()
        out = lint_dataframe(df, text_col="content", path_col="path", grammar=grammar)
        row = out.agg(F.count("*").alias("drafts"), F.sum(F.size("findings")).alias("findings"),
                      F.count("error").alias("errors")).collect()[0]
        elapsed = time.perf_counter() - start
        if row["errors"]:
            raise SystemExit(f"{row['errors']} drafts could not be read")
        return started, elapsed, int(row["findings"]), partitions
    finally:
        spark.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--grammar", action="store_true", help="grammar on (LanguageTool)")
    args = ap.parse_args()

    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    with tempfile.TemporaryDirectory(prefix="followup-lint-bench-") as tmp:
        folder = Path(tmp) / "drafts"
        generate(folder, args.count, args.seed)
        n = args.count
        print(f"{n} drafts (bench/spark_corpus.py, seed {args.seed}), grammar {'on' if args.grammar else 'off'}, "
              f"{os.cpu_count()} cores")
        import followup_lint
        print(f"followup_lint {followup_lint.__version__} from {Path(followup_lint.__file__).parent}")
        counts = {}
        for jobs in (1, 2):
            before = load()
            elapsed, findings = run_cli(folder, jobs, args.grammar)
            counts[f"cli -j {jobs}"] = findings
            print(f"CLI batch -j {jobs}:  {elapsed:7.1f} s  {n / elapsed:6.1f} drafts/s  "
                  f"({findings} findings; {before})", flush=True)
        for cores in (1, 2):
            before = load()
            started, elapsed, findings, partitions = run_spark(folder, cores, args.grammar)
            counts[f"local[{cores}]"] = findings
            print(f"Spark local[{cores}]: {elapsed:7.1f} s  {n / elapsed:6.1f} drafts/s  "
                  f"({findings} findings, {partitions} partitions; session start {started:.1f} s; {before})",
                  flush=True)
        if len(set(counts.values())) != 1:
            raise SystemExit(f"the runs disagree on the number of findings: {counts}")
        print(f"all runs: {next(iter(counts.values()))} findings")


if __name__ == "__main__":
    main()
