"""Speed of the pre-send hooks, warm and in-process (issue 17's target:
`hook run` and `sendmail` at most 0.3 s a send with `server start --warm`).

    python bench/hooks.py [--repeat 10]

Starts LanguageTool and the warm linter in temporary state and runtime
folders, then times, as a user's mail program runs them, the whole
`followup-lint sendmail -- cat` and `followup-lint hook run FILE` commands on
one-page messages (200-260 words), a new message each send (LanguageTool has
not seen it), and once more the same 300-word message every time (its
paragraphs are answered from the paragraph store): `--repeat` times each
through the warm linter and in-process (FOLLOWUP_LINT_WARM=0), with grammar
on, after a first send that is not timed. Prints the
medians and whether every warm run was served by the daemon (`server status`
counts hook messages), then stops everything it started.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = str(Path(sys.executable).parent / "followup-lint")

PARAGRAPH = ("Thank you for meeting with me on Tuesday about the data engineer role at Acme. I enjoyed "
             "hearing how your team moved the billing reports from nightly batch jobs to a streaming "
             "pipeline, and how the analysts now get their numbers within minutes. ")
MESSAGE = ("From: Sam Lee <sam@example.com>\nTo: Dana Smith <dana@acme.com>\n"
           "Subject: Thank you - data engineer interview\n\nHi Dana,\n\n"
           + "\n\n".join(PARAGRAPH * 2 for _ in range(4))
           + "\n\nBest regards,\nSam Lee\n").encode()


def messages(count: int) -> list[bytes]:
    """``count`` different one-page messages (the Spark corpus's drafts of
    200 words or more, with mail headers): a send LanguageTool has not seen,
    as a user's next email is."""
    import random

    import spark_corpus

    rng = random.Random(17)
    out: list[bytes] = []
    i = 0
    while len(out) < count:
        i += 1
        name, content = spark_corpus.draft(rng, i)
        body = content.split("\n", 1)[-1].lstrip("\n")
        if name.endswith(".txt") and len(body.split()) >= 200:
            out.append(f"From: Sam Lee <sam@example.com>\nTo: Dana Smith <dana@acme.com>\n"
                       f"Subject: Thank you\n\n{body}".encode())
    return out


def timed(cmd: list[str], env: dict, stdin: bytes | None = None) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, input=stdin, env=env, capture_output=True)
    took = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode()}")
    return took


def served(env: dict) -> int:
    out = subprocess.run([CLI, "server", "status"], env=env, capture_output=True, text=True).stdout
    m = re.search(r"(\d+) hook messages served", out)
    return int(m.group(1)) if m else -1


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="followup-bench-hooks-"))
    env = {**os.environ, "FOLLOWUP_LINT_STATE_DIR": str(tmp / "state"), "FOLLOWUP_LINT_RUNTIME_DIR": str(tmp / "rt"),
           "FOLLOWUP_LINT_CACHE_DIR": str(tmp / "cache"), "FOLLOWUP_LINT_CONFIG_DIR": str(tmp / "config"),
           "FOLLOWUP_LINT_SAVE_DIR": str(tmp / "refused")}
    env.pop("FOLLOWUP_LINT_WARM", None)
    message = tmp / "message.eml"
    message.write_bytes(MESSAGE)
    print(f"one-page message: {len(MESSAGE.split())} words; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores")
    t0 = time.perf_counter()
    start = subprocess.run([CLI, "server", "start", "--warm"], env=env, capture_output=True, text=True)
    if start.returncode != 0:
        sys.exit(f"server start --warm failed: {start.stderr}")
    print(f"server start --warm: {time.perf_counter() - t0:.1f} s")
    try:
        cold_env = {**env, "FOLLOWUP_LINT_WARM": "0"}
        timed([CLI, "hook", "run", str(message)], env)  # the first send (not timed)
        fresh = iter(messages(4 * args.repeat))
        for name in ("sendmail", "hook run", "sendmail, same message", "hook run, same message"):
            def one(e: dict) -> float:
                raw = MESSAGE if "same" in name else next(fresh)
                if name.startswith("sendmail"):
                    return timed([CLI, "sendmail", "--", "cat"], e, raw)
                message.write_bytes(raw)
                return timed([CLI, "hook", "run", str(message)], e)

            before = served(env)
            warm = [one(env) for _ in range(args.repeat)]
            through = served(env) - before
            cold = [one(cold_env) for _ in range(max(3, args.repeat // 3))]
            print(f"{name:22} warm median {statistics.median(warm):.3f} s (min {min(warm):.3f}, "
                  f"max {max(warm):.3f}; {through}/{args.repeat} served by the warm linter)   "
                  f"in-process median {statistics.median(cold):.3f} s")
    finally:
        subprocess.run([CLI, "server", "stop"], env=env, capture_output=True)


if __name__ == "__main__":
    main()
