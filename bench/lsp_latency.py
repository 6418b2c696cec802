"""Editor latency: how long after an edit the diagnostics arrive.

    python bench/lsp_latency.py [--edits 30] [--no-grammar-only] [--debounce-ms N]

Drives ``python -m followup_lint.lsp`` as an editor does (pygls's client over
stdio, the server in its own process): opens a 200-word draft, waits for its
diagnostics, edits a few times to warm up, then edits one paragraph at a
time (a different word each time, so nothing is served from a cache of that
exact text) and times each ``textDocument/didChange`` until the
``publishDiagnostics`` of that version arrive. Once without grammar, once
with LanguageTool (the kept server of ``followup-lint server start`` if it
runs, else one the language server starts; its start-up is reported as
"first diagnostics", not as an edit).

With grammar the server publishes an edit's diagnostics twice
(docs/editors.md): at once (everything but the edited paragraph's grammar),
then with LanguageTool's answer for that paragraph; both are timed. After
the timed edits, a few more wait for the third publish, the complete check
(LanguageTool's text-level rules over the whole text) the server makes when
the writer pauses (its ``idleMs``, 500 by default, is part of that time).

LanguageTool alone, as the baseline of the grammar publish: the same edited
paragraph sent as the server sends it (the text-level rules off), from this
process to a LanguageTool of its own (or the kept one), and the whole draft
in one request with every rule, each a median of the same number of
requests, a new word each time.

The edits are 0.2 s apart, longer than the server's debounce (its default
unless --debounce-ms), so the server checks each at once (it waits for the
debounce only between changes closer together than that).
Targets (issue 18): median 150 ms with grammar, 50 ms without.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

PARAGRAPHS = [
    "Thank you for taking the time to talk with me on Tuesday about the billing migration. I enjoyed "
    "hearing how the team moved the invoices service off the old queue without a single missed "
    "payment, and how you measured it.",
    "Your point about shipping small changes stayed with me. At Northwind I split a risky database "
    "move into {n} steps, each behind a flag, and we rolled two of them back without anyone noticing. "
    "I would bring the same habit to your platform work.",
    "I also put together a short note on how I would approach the reconciliation backlog you "
    "mentioned, with the three checks I would add first. I would be glad to send it over if it is "
    "useful for the next conversation with the team.",
    "Thanks again for a thoughtful interview. I am excited about the role and about working with "
    "the people I met on Tuesday, from the payments engineers to the product manager who walked me "
    "through the roadmap, and I look forward to the next step whenever it suits you.",
]
WORDS = ["four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen"]


def word(n: int) -> str:
    """The paragraph's number word of edit ``n``: a new one for every edit
    (four ... thirteen, then "four or 1", "five or 1", ...), so no edit's
    paragraph is ever served from a cache of that exact text."""
    return WORDS[n % len(WORDS)] + (f" or {n // len(WORDS)}" if n >= len(WORDS) else "")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` and its threads (Linux /proc)."""
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def draft(n: int) -> str:
    body = "\n\n".join(p.format(n=word(n)) for p in PARAGRAPHS)
    return f"Subject: Thank you for Tuesday\n\nHi Dana,\n\n{body}\n\nBest regards,\nSam Park\n"


class Client(LanguageClient):
    def __init__(self):
        super().__init__("bench", "1")
        self.arrived: dict[int, list[float]] = {}  # version -> when each of its publishes arrived
        self.counts: dict[int, int] = {}
        self.event = asyncio.Event()

        @self.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def publish(ls: Client, params: lsp.PublishDiagnosticsParams):
            ls.arrived.setdefault(params.version, []).append(time.perf_counter())
            ls.counts[params.version] = len(params.diagnostics)
            ls.event.set()

        @self.feature(lsp.WINDOW_SHOW_MESSAGE)
        def shown(ls: Client, params):
            print(f"  server says: {params.message}", file=sys.stderr)

        @self.feature(lsp.WINDOW_LOG_MESSAGE)
        def logged(ls: Client, params):
            print(f"  server log: {params.message}", file=sys.stderr)

    async def until(self, version: int, publishes: int = 1, timeout: float = 600) -> list[float]:
        """When the first ``publishes`` publishes of ``version`` arrived."""
        deadline = time.perf_counter() + timeout
        while len(self.arrived.get(version, ())) < publishes:
            self.event.clear()
            if len(self.arrived.get(version, ())) >= publishes:
                break
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"no diagnostics for version {version}")
            try:
                await asyncio.wait_for(self.event.wait(), left)
            except asyncio.TimeoutError:
                pass
        return self.arrived[version][:publishes]


async def run(grammar: bool, edits: int, debounce_ms: float | None, pauses: int = 5) -> dict:
    client = Client()
    await client.start_io(sys.executable, "-m", "followup_lint.lsp")
    folder = Path(tempfile.mkdtemp(prefix="followup-lint-lsp-bench-"))
    options: dict = {"grammar": grammar}
    if debounce_ms is not None:
        options["debounceMs"] = debounce_ms
    t0 = time.perf_counter()
    await client.initialize_async(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(), root_uri=folder.as_uri(), initialization_options=options))
    client.initialized(lsp.InitializedParams())
    path = folder / "draft.txt"
    text = draft(0)
    path.write_text(text, "utf-8")
    uri = path.as_uri()
    words = len(text.split())
    sent = time.perf_counter()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
        uri=uri, language_id="plaintext", version=1, text=text)))
    first = (await client.until(1))[0] - sent
    # the edited paragraph is the second one, line 6 (0-based): its number word changes
    line_no = next(i for i, ln in enumerate(text.split("\n")) if ln.startswith("Your point"))
    steps = 2 if grammar else 1  # publishes per edit
    times: list[list[float]] = [[] for _ in range(steps)]
    complete = []
    cpu = []
    pid = client._server.pid
    version = 1
    current = text
    for i in range(1, edits + 6 + (pauses if grammar else 0)):
        old = word(i - 1)
        new = word(i)
        line = current.split("\n")[line_no]
        col = line.index(f" {old} steps") + 1
        version += 1
        pause = grammar and i >= edits + 6  # the last edits wait for the complete check
        sent = time.perf_counter()
        cpu_before = cpu_seconds(pid)
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangePartial(
                range=lsp.Range(start=lsp.Position(line=line_no, character=col),
                                end=lsp.Position(line=line_no, character=col + len(old))),
                text=new)]))
        done = await client.until(version, steps + pause)
        current = current.replace(f" {old} steps", f" {new} steps", 1)
        if pause:
            complete.append(done[-1] - sent)
        elif i > 5:  # the first edits warm up
            for k in range(steps):
                times[k].append(done[k] - sent)
            cpu.append(cpu_seconds(pid) - cpu_before)
        await asyncio.sleep(0.2)  # a person pauses between edits; the next one is not queued behind
    await client.shutdown_async(None)
    client.exit(None)
    await asyncio.sleep(0.5)
    await client.stop()
    return {"grammar": grammar, "words": words, "first": first, "start": sent - t0, "times": times, "cpu": cpu,
            "complete": complete, "diagnostics": client.counts.get(version)}


def languagetool_alone(requests: int) -> dict:
    """LanguageTool by itself on the benchmark's edit: the edited paragraph
    as the server sends it (text-level rules off), and the whole draft in
    one request with every rule; wall time per request from this process."""
    import urllib.parse

    from followup_lint.grammar import Grammar
    from followup_lint.grammar import paragraphs as P
    from followup_lint.grammar.email import DISABLED_RULES, unwrap
    from followup_lint.grammar.server import LT_VERSION

    rules = P.text_level(LT_VERSION, "en-US") or frozenset()
    off = ",".join(sorted({*DISABLED_RULES, *rules}))
    with Grammar() as g:
        tool = g.client()
        endpoint = urllib.parse.urljoin(tool.url, "check")

        def send(text: str, extra: dict) -> float:
            params = {k: v for k, v in {**tool._create_params(text), **extra}.items() if v != ""}
            t = time.perf_counter()
            tool._query_server(endpoint, params, method="post")
            return time.perf_counter() - t

        def texts(n: int) -> tuple[str, str]:
            whole = unwrap(draft(n))
            return whole, next(c for _, c in P.split(whole) if c.startswith("Your point"))

        for n in range(30):  # LanguageTool's JIT warms up on other words, both kinds of request
            whole, paragraph = texts(1000 + n)
            send(whole, {})
            send(paragraph, {"disabledRules": off})
        only = {"enabledRules": ",".join(sorted(rules - set(DISABLED_RULES))), "enabledOnly": "true",
                "disabledRules": ""}  # as paragraphs.check asks: no disabled rules with enabledOnly
        paragraph, whole, text_level = [], [], []
        for n in range(requests):  # interleaved: LanguageTool's JIT and caches change as it runs
            paragraph.append(send(texts(2000 + n)[1], {"disabledRules": off}))
            whole.append(send(texts(3000 + n)[0], {}))
            text_level.append(send(texts(4000 + n)[0], only))
    return {"paragraph": paragraph, "whole": whole, "text_level": text_level, "words": len(texts(0)[1].split())}


def _ms(values: list[float]) -> str:
    ms = sorted(t * 1000 for t in values)
    return (f"median {statistics.median(ms):.1f} ms, p90 {ms[int(0.9 * (len(ms) - 1))]:.1f} ms, "
            f"min {ms[0]:.1f} ms, max {ms[-1]:.1f} ms")


def report(r: dict, target_ms: float) -> None:
    last = r["times"][-1]
    median = statistics.median(last) * 1000
    verdict = "met" if median <= target_ms else "NOT met"
    print(f"{'with grammar' if r['grammar'] else 'without grammar':<16} draft of {r['words']} words, "
          f"{len(last)} edits of one paragraph; first diagnostics after open {r['first']:.2f} s; "
          f"{r['diagnostics']} diagnostics; server CPU per edit: median {statistics.median(r['cpu']) * 1000:.0f} ms "
          f"(clock ticks of 10 ms)")
    if r["grammar"]:
        print(f"  first publish (no grammar for the edited paragraph): {_ms(r['times'][0])}")
        print(f"  with the edited paragraph's grammar: {_ms(last)} (target {target_ms:.0f} ms: {verdict})")
        if r["complete"]:
            print(f"  complete (text-level rules, after the server's idle wait): {_ms(r['complete'])}, "
                  f"{len(r['complete'])} edits")
    else:
        print(f"  diagnostics: {_ms(last)} (target {target_ms:.0f} ms: {verdict})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--edits", type=int, default=30)
    ap.add_argument("--no-grammar-only", action="store_true")
    ap.add_argument("--debounce-ms", type=float, default=None,
                    help="the server's debounce (default: its own default)")
    args = ap.parse_args()
    import os

    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    report(asyncio.run(run(False, args.edits, args.debounce_ms)), 50)
    if not args.no_grammar_only:
        report(asyncio.run(run(True, args.edits, args.debounce_ms)), 150)
        lt = languagetool_alone(args.edits)
        print(f"LanguageTool alone ({lt['words']}-word edited paragraph, text-level rules off, as the server "
              f"sends it): {_ms(lt['paragraph'])}")
        print(f"LanguageTool alone (the whole draft, one request, every rule): {_ms(lt['whole'])}")
        print(f"LanguageTool alone (the whole draft, text-level rules only: what the complete check adds): "
              f"{_ms(lt['text_level'])}")
        print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
