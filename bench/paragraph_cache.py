"""LanguageTool's answers per paragraph (followup_lint/grammar/paragraphs.py) on real text.

    python bench/paragraph_cache.py [--count 300]

On the real-text corpus (bench/real_corpus.py: Enron bodies, and the same
drafts with one paragraph edited), against a freshly started LanguageTool:

* equality: the matches through the paragraph store equal one plain request
  for the whole text, for every draft and every edited draft (first seen and
  after the edit); the number of drafts that needed the extra full request
  (a text-level match overlapping a paragraph's);
* what is sent: requests and characters, first check and re-check of the
  edited drafts, against one request per draft;
* time of the re-check of the edited drafts: plain requests on a fresh
  server, and through the store on another fresh server (so neither gains from
  LanguageTool's own sentence cache of the first pass);
* the first check of the drafts, plain and through an empty store (one
  request per draft none of whose paragraphs is held), each on a fresh
  server: wall time and the JVM's CPU (user+sys from /proc) per draft.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _texts(paths):
    from followup_lint.draft import parse_bytes
    from followup_lint.grammar.email import unwrap

    return [unwrap(parse_bytes(p.read_bytes(), str(p)).text.text) for p in paths]


def _plain(matches):
    return sorted((m.start, m.end, m.rule_id, m.message, m.replacements) for m in matches)


def _fresh_server(state: Path):
    from followup_lint.grammar.server import forget_state, jar_dir, spawn, stop_process, write_state

    os.environ["FOLLOWUP_LINT_STATE_DIR"] = str(state)
    state.mkdir(parents=True, exist_ok=True)
    server = spawn(jar_dir(), kept=False)
    write_state(server)

    def stop():
        stop_process(server.process)
        forget_state()

    return server, stop


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=300)
    args = ap.parse_args()
    import real_corpus

    from followup_lint.grammar import Grammar
    from followup_lint.grammar.paragraphs import ParagraphStore

    work = Path(tempfile.mkdtemp(prefix="followup-lint-paragraph-bench-"))
    drafts, edited = real_corpus.generate(work / "corpus", args.count)
    first, second = _texts(drafts), _texts(edited)
    print(f"load average at start: {os.getloadavg()[0]:.1f}; {len(first)} drafts", flush=True)

    server, stop = _fresh_server(work / "state1")
    store = ParagraphStore(work / "cache")
    differ = []
    try:
        plain, cached = Grammar(), Grammar(paragraphs=store)
        for n, text in enumerate(first):
            if _plain(cached.check(text)) != _plain(plain.check(text)):
                differ.append(("first", n))
        one = (store.requests, store.sent_chars)
        for n, text in enumerate(second):
            if _plain(cached.check(text)) != _plain(plain.check(text)):
                differ.append(("edited", n))
        two = (store.requests - one[0], store.sent_chars - one[1])
        plain.close()
        cached.close()
    finally:
        stop()
    chars1, chars2 = sum(map(len, first)), sum(map(len, second))
    print(f"equality: {len(first) * 2 - len(differ)} of {len(first) * 2} texts equal one plain request"
          + (f"; differ: {differ[:10]}" if differ else ""))
    print(f"first check: {one[0]} requests, {one[1]:,} chars (plain: {len(first)} requests, {chars1:,} chars)")
    print(f"re-check of the edited drafts: {two[0]} requests, {two[1]:,} chars (plain: {len(second)} requests, "
          f"{chars2:,} chars)")

    # time: re-check of the edited drafts, each on a fresh server; the store
    # holds the first drafts' answers only (made on a server of its own)
    store.close()
    store = ParagraphStore(work / "cache2")
    server, stop = _fresh_server(work / "state2")
    try:
        g = Grammar(paragraphs=store)
        for text in first:
            g.check(text)
        g.close()
    finally:
        stop()
    for label, use in (("plain", False), ("paragraph store", True)):
        took, cpu = _timed(work / f"state-{label[:5]}", store if use else None, second)
        print(f"re-check of the edited drafts, {label}, fresh server, 1 thread: {took:.1f} s "
              f"({len(second) / took:.1f} drafts/s), LanguageTool CPU {cpu / len(second) * 1000:.0f} ms a draft; "
              f"load {os.getloadavg()[0]:.1f}", flush=True)
    store.close()
    for label, use in (("plain", False), ("empty paragraph store", True)):
        empty = ParagraphStore(work / f"cache-first-{label[:5]}") if use else None
        took, cpu = _timed(work / f"state-first-{label[:5]}", empty, first)
        print(f"first check of the drafts, {label}, fresh server, 1 thread: {took:.1f} s "
              f"({len(first) / took:.1f} drafts/s), LanguageTool CPU {cpu / len(first) * 1000:.0f} ms a draft; "
              f"load {os.getloadavg()[0]:.1f}", flush=True)
        if empty is not None:
            empty.close()
    return 1 if differ else 0


def _jvm_cpu(pid: int) -> float:
    """User + system CPU seconds of a process so far (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _timed(state: Path, store, texts) -> tuple[float, float]:
    """Wall time and the JVM's CPU time of checking ``texts`` on a fresh
    server (warmed on the fixtures' drafts first), through ``store``."""
    from followup_lint.grammar import Grammar

    server, stop = _fresh_server(state)
    try:
        g = Grammar(paragraphs=store)
        g.check("Warm up the server with a sentence or two. It is here.")
        for t in _texts(sorted((ROOT / "fixtures" / "drafts").glob("*.txt"))):
            Grammar().check(t)
        cpu, t0 = _jvm_cpu(server.pid), time.perf_counter()
        for text in texts:
            g.check(text)
        took, cpu = time.perf_counter() - t0, _jvm_cpu(server.pid) - cpu
        g.close()
    finally:
        stop()
    return took, cpu


if __name__ == "__main__":
    sys.exit(main())
