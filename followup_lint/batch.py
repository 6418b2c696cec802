"""Check many drafts: cache, worker processes, one LanguageTool, progress.

:func:`run` takes the :class:`~followup_lint.sources.Item` s of a batch (see
:mod:`followup_lint.sources`) and returns one
:class:`~followup_lint.finding.FileResult` per item, **in the items' order**
(sorted by path), whatever the number of workers.

* The main process reads each draft's bytes, resolves its settings and looks
  it up in the :mod:`~followup_lint.cache`; only the misses are analysed.
* Misses go to ``jobs`` worker processes in chunks. Each worker loads the
  spaCy pipeline once (in its initializer) and sends each chunk through
  ``nlp.pipe``. With one job, or few drafts, the main process does the work
  itself and no worker is started.
* When grammar checks are on, the main process starts (or finds) **one**
  LanguageTool server for the whole run and hands its URL to the workers; it
  is stopped when the run ends.
* A draft that cannot be read or parsed becomes a result with an error (one
  line, exit code 2 for it); the batch goes on. An unexpected failure inside
  a rule is reported the same way for that draft only.
"""

from __future__ import annotations

import math
import os
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from typing import Any, Callable

from followup_lint import sources
from followup_lint.sources import Item

CHUNK = 32  # drafts per worker task (nlp.pipe batches inside)
FIRST = 2  # drafts the main process checks before forking: enough to load everything
MIN_PER_WORKER = 24  # fewer misses than this per extra worker: not worth starting it
# What a long-lived process keeps from one run to the next (the warm daemon
# sets it: followup_lint.warm.daemon._Kept): ``cache(directory)``,
# ``store(directory)`` and ``grammar(directory)`` give the open result cache,
# paragraph store and LanguageTool connection, checked and made again when
# they are no longer valid; ``done(cache, grammar)`` after each run. None: a
# run opens and closes its own.
KEPT = None


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Task:
    index: int
    raw: bytes
    path: str
    kind: str | None
    first_line: int
    settings: Any
    position: Any = None  # followup_lint.threads.Position: the draft's place in its thread


@dataclass
class Report:
    """What a batch run returns."""

    results: list
    elapsed: float = 0.0
    cached: int = 0  # results served from the cache
    analysed: int = 0  # drafts analysed this run
    workers: int = 1  # processes that analysed drafts (1: the main process)
    model_name: str | None = None
    notices: list[str] = field(default_factory=list)
    uncacheable: set[int] = field(default_factory=set, repr=False)  # checked without the grammar they asked for
    grammar_said: bool = False  # "grammar checks skipped" was said: once per run, not once per worker

    def grammar_skipped(self, why: str | None) -> None:
        """A worker's (or the start's) reason grammar checks were skipped,
        kept only if none was said yet this run."""
        if why is not None and not self.grammar_said:
            from followup_lint.grammar.session import SKIPPED

            self.notices.append(SKIPPED + why)
            self.grammar_said = True


class ShiftedLines:
    """A draft's line index moved down to where its text starts in its file
    (an mbox message), so positions are positions in that file."""

    def __init__(self, inner, first_line: int):
        self.inner = inner
        self.first_line = first_line

    def position(self, offset: int) -> tuple[int, int]:
        line, col = self.inner.position(offset)
        return line + self.first_line - 1, col

    def line_text(self, line: int) -> str:
        return self.inner.line_text(line - self.first_line + 1)


# -- worker side -------------------------------------------------------------

_LINTER = None
_INIT_ERROR: BaseException | None = None


def _init_worker(model: str | None, paragraphs=None) -> None:
    global _LINTER, _INIT_ERROR
    # one thread of numeric code per worker: the workers are the parallelism
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    from followup_lint.analysis import ModelError
    from followup_lint.engine import Linter

    _LINTER = Linter(model=model, paragraphs=paragraphs)
    try:
        _LINTER.nlp  # load the pipeline now, once per worker
    except ModelError as exc:  # raised again with the first chunk, so the main process reports it
        _INIT_ERROR = exc


def _lint_chunk(tasks: list[Task]) -> tuple[list[tuple[int, Any, bool]], str | None, str | None]:
    """Lint one chunk in a worker: [(index, FileResult, cacheable)], the
    model's name, and why grammar checks were skipped (said by the main
    process, once per run)."""
    if _INIT_ERROR is not None:
        raise _INIT_ERROR
    assert _LINTER is not None
    _LINTER.grammar.announce = False
    return lint_tasks(_LINTER, tasks), _LINTER.model_name, _LINTER.grammar_notice


def lint_tasks(linter, tasks: list[Task]) -> list[tuple[int, Any, bool]]:
    from followup_lint.draft import InputError, parse_bytes
    from followup_lint.finding import FileResult

    out: list[tuple[int, Any, bool]] = []
    ready = []
    for t in tasks:
        try:
            draft = parse_bytes(t.raw, t.path, kind=t.kind)
        except InputError as exc:
            out.append((t.index, FileResult(t.path, error=str(exc), fail_on=t.settings.fail_on), False))
            continue
        except Exception as exc:  # a parser bug must not end the batch
            out.append((t.index, FileResult(t.path, error=_internal(t.path, exc), fail_on=t.settings.fail_on), False))
            continue
        if t.first_line != 1:
            draft = replace(draft, lines=ShiftedLines(draft.lines, t.first_line))
        if t.position is not None:
            draft = replace(draft, thread=t.position)
        ready.append((t, draft))
    if not ready:
        return out
    fatal = _fatal_types()
    try:
        results = linter.lint_drafts([(d, t.settings) for t, d in ready])
    except fatal:
        raise
    except Exception:
        results = []
        for t, d in ready:  # find the one draft that fails, keep the others
            try:
                results.extend(linter.lint_drafts([(d, t.settings)]))
            except fatal:
                raise
            except Exception as exc:
                results.append(FileResult(t.path, error=_internal(t.path, exc), fail_on=t.settings.fail_on))
    # results without grammar because LanguageTool failed are not kept: once
    # it has failed in this process (or, forked, in its parent), grammar-on
    # results made here are not cached
    grammar_failed = linter.grammar_notice is not None
    for (t, _d), r in zip(ready, results):
        cacheable = r.error is None and not (grammar_failed and t.settings.grammar)
        out.append((t.index, r, cacheable))
    return out


def _internal(path: str, exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:200]
    return f"{path}: internal error while checking ({type(exc).__name__}: {text}); please report it"


def _fatal_types() -> tuple[type[BaseException], ...]:
    from followup_lint.analysis import ModelError
    from followup_lint.config import ConfigError
    from followup_lint.grammar import GrammarUnavailable

    return (ModelError, ConfigError, GrammarUnavailable, KeyboardInterrupt)


# -- main side ---------------------------------------------------------------

def run(items: list[Item], resolver, *, jobs: int | None = None, use_cache: bool = True,
        progress: Callable[[int, int], None] | None = None, model: str | None = None,
        cache_directory=None, kept=None) -> Report:
    """Check ``items``; ``progress(done, total)`` is called as results come.
    ``kept``: objects kept across runs (see KEPT; default KEPT)."""
    from followup_lint.cache import Cache

    kept = kept if kept is not None else KEPT

    started = time.perf_counter()
    total = len(items)
    results: list[Any] = [None] * total
    report = Report(results)
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total)

    # 1. read, resolve settings, look up the cache
    pending = _read_all(items, resolver, results)
    positions = _threads(pending)  # each draft's place in its thread: part of its cache key
    cache = None
    if use_cache:
        cache = kept.cache(cache_directory) if kept is not None else Cache(cache_directory)
    if cache is not None:
        pending = _from_cache(cache, pending, results, report, positions)
    advance(total - len(pending))
    # 2. analyse the misses (LanguageTool's answers kept per paragraph in the same file)
    if pending:
        from followup_lint.grammar.paragraphs import ParagraphStore

        store = None
        if cache is not None:
            store = kept.store(cache.directory) if kept is not None else ParagraphStore(cache.directory)
        try:
            _analyse_misses(pending, cache, jobs, model, report, advance, positions, store, kept)
        finally:
            if store is not None:
                store.trim()
                if kept is None:
                    store.close()
    if kept is not None:
        kept.done(cache)
    elif cache is not None:
        cache.close()
    if report.model_name is None and report.cached:
        from followup_lint.cache import model_name

        report.model_name = model_name(model)
    report.elapsed = time.perf_counter() - started
    return report


def _read_all(items: list[Item], resolver, results: list) -> list[tuple[int, bytes, Item, Any, str | None]]:
    """Each item's bytes and settings (index, raw, item, settings, None);
    an item that cannot be read gets its FileResult in ``results`` here."""
    from followup_lint.errors import InputError
    from followup_lint.finding import FileResult

    pending: list[tuple[int, bytes, Item, Any, str | None]] = []
    for i, item in enumerate(items):
        settings = resolver.for_path(item.file if item.file != "-" else "-")
        if item.error:
            results[i] = FileResult(item.path, error=item.error, fail_on=settings.fail_on)
            continue
        try:
            if item.file == "-":
                raw = sys.stdin.buffer.read(settings.max_file_size + 1)
                if len(raw) > settings.max_file_size:
                    raise InputError(sources.too_large("<stdin>", None, settings.max_file_size))
            else:
                raw = item.read(settings.max_file_size)
        except InputError as exc:
            results[i] = FileResult(item.path, error=str(exc), fail_on=settings.fail_on)
            continue
        pending.append((i, raw, item, settings, None))
    return pending


def _from_cache(cache, pending: list, results: list, report: Report, positions: dict) -> list:
    """Results of unchanged drafts from the cache; the rest, with their keys."""
    from followup_lint.cache import decode, key_for

    keyed = [(i, raw, item, settings, key_for(raw, item.kind, item.first_line, settings,
                                              positions[i].fingerprint()))
             for i, raw, item, settings, _ in pending]
    stored = cache.get_many(k for *_, k in keyed)
    misses = []
    for entry in keyed:
        i, raw, item, settings, key = entry
        if key in stored:
            try:
                results[i] = decode(stored[key], _display(item), settings.fail_on, settings.fail_on_category)
                report.cached += 1
                continue
            except (ValueError, KeyError, TypeError):
                pass  # an unreadable entry: analyse again
        misses.append(entry)
    if cache.notice:
        report.notices.append(cache.notice)
    return misses


def _analyse_misses(pending: list, cache, jobs: int | None, model: str | None, report: Report,
                    advance: Callable[[int], None], positions: dict, store=None, kept=None) -> None:
    """Analyse the drafts the cache did not have; store what may be stored."""
    from followup_lint.cache import encode

    grammar, tasks = _grammar_for(pending, report, kept, store)
    if store is not None and grammar is not None and grammar.server is not None:
        store.local_url = grammar.server.url  # the run's server, handed to the workers as a URL
    tasks = [replace(t, position=positions[t.index]) for t in tasks]
    shared = grammar if kept is not None else None  # the kept connection, for checking in this process
    try:
        analysed = _analyse(tasks, jobs or default_jobs(), model, report, advance, store, shared)
    finally:
        if grammar is not None and kept is None:
            grammar.close()
        elif kept is not None:
            kept.ran(grammar)  # None (none used, or it failed): made again next run
    keys = {i: key for i, _raw, _item, _settings, key in pending}
    fresh = []
    for i, result, cacheable in analysed:
        report.results[i] = result
        report.analysed += 1
        if cacheable and keys.get(i) and i not in report.uncacheable:
            fresh.append((keys[i], encode(result)))
    if cache is not None:
        cache.put_many(fresh)
        if cache.notice and cache.notice not in report.notices:
            report.notices.append(cache.notice)


def _threads(pending) -> dict:
    """Each readable draft's place in its thread (followup_lint.threads),
    by batch index, from the header blocks alone."""
    from followup_lint import threads

    headers = [threads.read_header(raw, i, _display(item)) for i, raw, item, _s, _k in pending]
    return threads.group(headers)


def _display(item: Item) -> str:
    return "<stdin>" if item.file == "-" else item.path


def _grammar_for(pending, report: Report, kept=None, store=None):
    """Start (or find) the run's one LanguageTool server if a miss needs it,
    and make the tasks, each with that server's URL in its settings."""
    from followup_lint.rules import select_rules

    needs = [s.grammar and not s.languagetool_url
             and any("grammar" in r.needs for r in select_rules(s.select, s.ignore))
             for _i, _raw, _item, s, _key in pending]
    grammar = None
    url = None
    if any(needs):
        from followup_lint.grammar import Grammar, GrammarUnavailable, background_idle, start_background
        from followup_lint.grammar.server import read_state

        first = next(s for (_i, _r, _it, s, _k), n in zip(pending, needs) if n)
        jars = first.languagetool_dir
        idle = background_idle(first)
        grammar = kept.grammar(store) if kept is not None else Grammar()
        try:
            known = kept is not None and grammar.server is not None  # the kept server, checked by kept.grammar
            if idle is not None and not known and read_state() is None and start_background(idle, jars):
                # the background server starts: each linter finds it when it
                # answers (their requests wait on their own threads) and
                # analyses meanwhile; nothing to stop at the end of this run
                return None, [Task(i, raw, _display(item), item.kind, item.first_line, settings)
                              for i, raw, item, settings, _key in pending]
            url = grammar.local_url(jars)
        except GrammarUnavailable as exc:
            grammar.close()
            grammar = None
            if any(s.require_grammar for (_i, _r, _it, s, _k), n in zip(pending, needs) if n):
                raise
            report.grammar_skipped(str(exc))
    tasks = []
    for (i, raw, item, settings, _key), need in zip(pending, needs):
        if need:
            if url is not None:
                settings = replace(settings, languagetool_url=url)
            else:
                settings = replace(settings, grammar=False)
                report.uncacheable.add(i)
        tasks.append(Task(i, raw, _display(item), item.kind, item.first_line, settings))
    return grammar, tasks


def _analyse(tasks: list[Task], jobs: int, model: str | None, report: Report, advance, store=None, grammar=None):
    """``grammar``: a kept LanguageTool connection the main process checks
    with (not closed here); workers make their own."""
    workers = max(1, min(jobs, len(tasks) // MIN_PER_WORKER))
    report.workers = workers
    if workers == 1:
        # one process: up to CHUNK drafts' LanguageTool requests go out
        # together (lint_drafts sends a chunk's before parsing it), so the
        # server works through them while this process parses and checks;
        # quarter-size chunks left it idle between them (a re-check of 30
        # edited drafts: 3.4-3.7 -> 2.7-3.0 s, docs/performance.md)
        return _in_process([tasks[i:i + CHUNK] for i in range(0, len(tasks), CHUNK)], model, report, advance,
                           store, grammar)
    chunk = max(1, min(CHUNK, math.ceil(len(tasks) / (workers * 4))))
    chunks = [tasks[i:i + chunk] for i in range(0, len(tasks), chunk)]
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return _pool(chunks, workers, multiprocessing.get_context("spawn"), (model, store), model, report, advance,
                     store)
    # Load once, here: the main process checks the first few drafts (which
    # loads the pipeline and builds every rule's matchers), then forks the
    # workers, which inherit all of it instead of loading it again.
    global _LINTER
    from followup_lint.engine import Linter

    first, rest = tasks[:FIRST], tasks[FIRST:]
    chunks = [first] + _guided(rest, chunk, workers)
    linter = Linter(model=model, paragraphs=store)
    try:
        out = lint_tasks(linter, chunks[0])
        advance(len(chunks[0]))
        report.model_name = linter.model_name
        report.grammar_said = linter.grammar_notice is not None  # said on stderr already
        linter.close()  # no LanguageTool connection is shared with the children
        if store is not None:
            store.close()  # nor a SQLite one: each process opens its own
        _LINTER = linter
        out.extend(_pool(chunks[1:], workers, multiprocessing.get_context("fork"), None, model, report, advance,
                         store))
    finally:
        _LINTER = None
        linter.close()
    return out


def _guided(tasks: list, largest: int, workers: int) -> list[list]:
    """``tasks`` in chunks of at most ``largest`` that shrink towards the end
    (a quarter of what is left per worker, at least 4), so the workers
    finish together instead of one waiting for the other's last big chunk."""
    out, i = [], 0
    while i < len(tasks):
        size = max(4, min(largest, (len(tasks) - i) // (workers * 4)))
        out.append(tasks[i:i + size])
        i += size
    return out


def _pool(chunks: list[list[Task]], workers: int, ctx, initargs, model: str | None, report: Report, advance,
          store=None):
    """Check ``chunks`` in ``workers`` processes; ``initargs`` None: forked
    children that already hold the linter."""
    from concurrent.futures.process import BrokenProcessPool

    out: list[tuple[int, Any, bool]] = []
    left: dict = {}
    init = {} if initargs is None else {"initializer": _init_worker, "initargs": initargs}
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, **init) as pool:
            left = {pool.submit(_lint_chunk, c): c for c in chunks}
            try:
                while left:
                    finished, _ = wait(set(left), return_when=FIRST_COMPLETED)
                    for fut in finished:
                        part, name, why = fut.result()
                        report.grammar_skipped(why)
                        del left[fut]
                        out.extend(part)
                        report.model_name = report.model_name or name
                        advance(len(part))
            except BaseException:
                for fut in left:
                    fut.cancel()
                raise
    except BrokenProcessPool:
        # a worker died (killed, out of memory): finish here rather than fail
        report.notices.append("a worker process died; the remaining drafts were checked in the main process")
        report.workers = 1
        out.extend(_in_process(list(left.values()), model, report, advance, store))
    return out


def _in_process(chunks: list[list[Task]], model: str | None, report: Report, advance, store=None, grammar=None):
    from followup_lint.engine import Linter

    out: list[tuple[int, Any, bool]] = []
    with Linter(model=model, grammar=grammar, paragraphs=store) as linter:
        for c in chunks:
            out.extend(lint_tasks(linter, c))
            advance(len(c))
        report.model_name = report.model_name or linter.model_name
    return out
