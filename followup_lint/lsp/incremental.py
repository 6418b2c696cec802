"""Re-analyse only the paragraphs an edit changed.

The editor sends a new version of the draft on every pause in typing. Most of
a check's time is spaCy's parse and LanguageTool's answer, and both work
paragraph by paragraph anyway (a blank line always ends a sentence; the
grammar checker reads paragraphs on their own). So the server keeps, per
paragraph text:

* its spaCy doc (:class:`ParagraphParser`): a changed paragraph is parsed,
  the others are taken from memory and joined into one doc for the rules;
  spaCy's deferred NER also runs per paragraph, once;
* LanguageTool's matches (:class:`ParagraphGrammar`): only a changed
  paragraph is sent.

The rules then run over the whole draft (they are cheap next to parsing, and
many judge the note as a whole: greeting, sign-off, length). The result is
the same as ``followup-lint check`` gives (tests/test_lsp_incremental.py
compares them on every fixture), except that spaCy, which reads a few tokens
past a paragraph's edge, can split a borderline sentence differently when the
paragraph is parsed alone (3 fixtures: the KNOWN list of that test). With the local
LanguageTool the paragraphs' answers are the result cache's
(followup_lint.grammar.paragraphs: kept on disk, shared with ``check``,
text-level rules over the whole text, equal to one request); with a
configured ``languagetool-url`` they are kept in memory here, and a
LanguageTool rule that looks across paragraphs (a repeated sentence opening
in two paragraphs) is not applied across them.

Between two keystrokes the server does less (:meth:`IncrementalLinter.start`
with ``complete=False``, docs/editors.md): the text-level rules are not
asked for, their matches are the last answer's in the paragraphs the edit
left alone; the complete check follows when the writer pauses.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable

from followup_lint.config import Settings
from followup_lint.draft import Draft
from followup_lint.engine import check_house_style, rules_for, run_rules
from followup_lint.finding import FileResult
from followup_lint.grammar.paragraphs import split  # the one paragraph splitter (issue 13)

_PENDING = "followup_lint.pending"  # deferred.py's key: NER not run yet
_TEXT = "followup_lint.text"  # deferred.py's key: the doc's text, built once
_PARTS = "followup_lint.paragraph_docs"  # the paragraph docs a joined doc is made of
_FIND = "followup_lint.find:"  # matching.find's key of a list's matches in a doc

CACHE_SIZE = 1024  # paragraphs kept per cache


class _LRU:
    def __init__(self, size: int = CACHE_SIZE):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key):
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return self._items[key]
            self.misses += 1
            return None

    def put(self, key, value) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


class ParagraphParser:
    """spaCy docs per paragraph, joined into one doc per draft."""

    def __init__(self, nlp):
        self.nlp = nlp
        self.cache = _LRU()
        self.parsed = 0  # paragraphs parsed (not reused): for tests and the benchmark

    def parse(self, text: str):
        from spacy.tokens import Doc

        from followup_lint.deferred import parse

        chunks = [chunk for _, chunk in split(text)]
        docs: dict[str, Any] = {}
        todo = []
        for chunk in chunks:
            doc = self.cache.get(chunk)
            if doc is None:
                todo.append(chunk)
            else:
                docs[chunk] = doc
        for chunk, doc in zip(todo, parse(self.nlp, todo)):
            self.cache.put(chunk, doc)
            docs[chunk] = doc
            self.parsed += 1
        parts = [docs[c] for c in chunks]
        whole = Doc.from_docs(parts, ensure_whitespace=False, exclude=["user_data"])
        if any(_PENDING in p.user_data for p in parts):
            whole.user_data[_PENDING] = (_ParagraphEntities(parts),)
        whole.user_data[_PARTS] = tuple(parts)
        whole.user_data[_TEXT] = text  # deferred.doc_text's: the joined doc's text is the draft's
        return whole


def reuse_phrase_matches(whole, names, nlp) -> None:
    """The phrase lists ``names`` searched in each paragraph's own doc (kept
    with it, so an unchanged paragraph is never searched again) and handed
    to the joined doc as if searched there: what :func:`matching.find`
    would find in it, since a phrase never runs over a blank line.

    Not for a draft with the config's phrase overlays (they change what a
    list finds): those are searched in the joined doc as ``check`` does."""
    from dataclasses import replace

    from followup_lint.matching import find

    parts = whole.user_data.get(_PARTS)
    if not parts:
        return
    found: dict[str, list] = {name: [] for name in names}
    tokens = chars = 0
    for part in parts:
        for name in names:
            for m in find(part, name, nlp):
                span = whole[m.span.start + tokens:m.span.end + tokens]
                found[name].append(replace(m, start=m.start + chars, end=m.end + chars, span=span))
        tokens += len(part)
        chars += len(part.text)
    for name, matches in found.items():
        whole.user_data[_FIND + name] = tuple(matches)


class _ParagraphEntities:
    """The deferred NER of a joined doc: run (once) on each paragraph's own
    doc, the entities then copied into the joined doc."""

    def __init__(self, parts):
        self.parts = parts

    def __call__(self, whole) -> None:
        from followup_lint.deferred import entities, set_entities

        spans = []
        offset = 0
        for part in self.parts:
            for ent in entities(part):
                span = whole.char_span(ent.start_char + offset, ent.end_char + offset, label=ent.label_)
                if span is not None:
                    spans.append(span)
            offset += len(part.text)
        set_entities(whole, spans)


class ParagraphGrammar:
    """LanguageTool's matches per paragraph, reused while the paragraph is
    unchanged. The one place the server asks LanguageTool; ``check`` gives
    the matches for a whole text, in its offsets."""

    def __init__(self, grammar_factory: Callable[[], Any], store: Any = None):
        self._factory = grammar_factory
        self._grammar = None
        self.cache = _LRU()
        self.sent = 0  # paragraphs sent to LanguageTool
        # followup_lint.grammar.paragraphs.ParagraphStore (the result cache's
        # paragraphs, shared with `check`): used for the local LanguageTool
        self.store = store
        self._pool = None

    @property
    def grammar(self):
        if self._grammar is None:
            self._grammar = self._factory()
            if self.store is not None and getattr(self._grammar, "paragraphs", False) is None:
                self._grammar.paragraphs = self.store
        return self._grammar

    def submit(self, text: str, settings: Settings, text_level: bool = True):
        """:meth:`check` on this object's own thread (one request at a time):
        a Future of the matches."""
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(1, thread_name_prefix="followup-lint-lsp-grammar")
        return self._pool.submit(self.check, text, settings, text_level)

    def check(self, text: str, settings: Settings, text_level: bool = True) -> list:
        """Every paragraph's matches, shifted to offsets of ``text``; raises
        GrammarUnavailable like :meth:`Grammar.check`. ``text_level=False``:
        without LanguageTool's text-level rules where the local LanguageTool
        answers per paragraph (the caller adds them)."""
        from dataclasses import replace

        if self.store is not None and settings.languagetool_url is None:
            # the grammar layer sends only the paragraphs it has not seen
            # (and the text-level rules over the whole text): equal to one request
            before = self.store.sent_paragraphs
            found = self.grammar.check(text, settings.language, jars=settings.languagetool_dir,
                                       text_level=text_level)
            self.sent += self.store.sent_paragraphs - before
            return sorted(found, key=lambda m: (m.start, m.end, m.rule_id))
        key_base = (settings.language, settings.languagetool_url, settings.languagetool_dir)
        out = []
        pending = []
        for offset, chunk in split(text):
            if not chunk.strip():
                continue
            found = self.cache.get((key_base, chunk))
            if found is None:
                pending.append((offset, chunk, self.grammar.submit(chunk, settings.language,
                                                                    url=settings.languagetool_url,
                                                                    jars=settings.languagetool_dir)))
                self.sent += 1
            else:
                out.extend(replace(m, start=m.start + offset, end=m.end + offset) for m in found)
        for offset, chunk, future in pending:
            found = tuple(future.result())
            self.cache.put((key_base, chunk), found)
            out.extend(replace(m, start=m.start + offset, end=m.end + offset) for m in found)
        out.sort(key=lambda m: (m.start, m.end, m.rule_id))
        return out

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._grammar is not None:
            self._grammar.close()
            self._grammar = None
        if self.store is not None:
            self.store.close()


def searched_lists(doc) -> set[str]:
    """The package phrase lists :func:`matching.find` searched in ``doc``
    (not a user rule's own list, which is an overlay)."""
    from followup_lint.matching import OVERLAYS

    own = doc.user_data.get(OVERLAYS, {})
    return {key[len(_FIND):] for key in doc.user_data
            if isinstance(key, str) and key.startswith(_FIND) and key[len(_FIND):] not in own}


def carried(old_chunks: list[tuple[int, str]], matches, new_chunks: list[tuple[int, str]],
            only: frozenset[str] | None = None) -> list:
    """The grammar ``matches`` of a text cut into ``old_chunks`` that lie
    inside a paragraph the new text (cut into ``new_chunks``) still has (the
    n-th paragraph of that text to the n-th), moved to where it is now;
    ``only``: matches of these rule ids only."""
    from dataclasses import replace

    places: dict[str, list[int]] = {}
    for offset, chunk in new_chunks:
        places.setdefault(chunk, []).append(offset)
    seen: dict[str, int] = {}
    moves = []  # (start, end, by) of each old paragraph; by None: gone
    for offset, chunk in old_chunks:
        n = seen[chunk] = seen.get(chunk, -1) + 1
        now = places.get(chunk, ())
        moves.append((offset, offset + len(chunk), now[n] - offset if n < len(now) else None))
    out = []
    for m in matches:
        if only is not None and m.rule_id not in only:
            continue
        for start, end, by in moves:
            if start <= m.start < end:
                if by is not None and m.end <= end:
                    out.append(replace(m, start=m.start + by, end=m.end + by))
                break
    return out


def restructured(old_chunks: list[tuple[int, str]], new_chunks: list[tuple[int, str]]) -> bool:
    """More than an edit inside one paragraph: paragraphs added, removed, or
    more than one changed."""
    if len(old_chunks) != len(new_chunks):
        return True
    return sum(a[1] != b[1] for a, b in zip(old_chunks, new_chunks)) > 1


@dataclass
class Step:
    """A check between its fast part and LanguageTool's answer
    (:meth:`IncrementalLinter.start`, then :meth:`IncrementalLinter.finish`)."""

    draft: Draft
    settings: Settings
    rules: list
    doc: Any
    memo: dict  # the findings of the rules that do not read grammar (engine.run_rules)
    chunks: list[tuple[int, str]]  # the grammar text's paragraphs
    previous: tuple | None  # (chunks, matches) of this draft's last grammar answer
    complete: bool  # LanguageTool's text-level rules asked for over this text
    pending: Any = None  # Future of LanguageTool's matches; None: grammar not checked
    fast: FileResult | None = None  # without this text's new grammar matches


class IncrementalLinter:
    """What the server holds: the pipeline, the per-paragraph caches, and
    the LanguageTool connection (the kept server of ``followup-lint server
    start`` when it runs, else one started on the first grammar check and
    stopped when the editor closes the server).

    :meth:`lint` is the whole check (``check``'s findings). The server uses
    its two steps: :meth:`start` asks LanguageTool in the background, parses
    and runs the rules that do not read grammar, and (``early``) gives a
    fast result whose grammar findings are the last answer's, moved, for the
    paragraphs the edit left alone; :meth:`finish` adds LanguageTool's answer.
    With ``complete=False`` an edit inside one paragraph asks LanguageTool
    for that paragraph only, and the text-level rules' matches (a repeated
    sentence opening, unpaired quotes: :data:`paragraphs.TEXT_LEVEL`) are the
    last answer's in the other paragraphs; the server asks for the complete
    answer when the writer pauses or saves."""

    def __init__(self, nlp_loader: Callable[[], Any], grammar_factory: Callable[[], Any] | None = None):
        from followup_lint.grammar import Grammar
        from followup_lint.grammar.paragraphs import ParagraphStore

        self._nlp_loader = nlp_loader
        self._parser: ParagraphParser | None = None
        self.grammar = ParagraphGrammar(grammar_factory or Grammar, ParagraphStore())
        self.grammar_notice: str | None = None
        self._lock = threading.Lock()
        self._lists: set[str] = set()  # phrase lists the rules search (learnt from the checks)
        self._last: _LRU = _LRU(64)  # draft path -> (chunks, matches) of its last grammar answer

    @property
    def parser(self) -> ParagraphParser:
        if self._parser is None:
            self._parser = ParagraphParser(self._nlp_loader())
        return self._parser

    def lint(self, draft: Draft, settings: Settings) -> FileResult:
        """The whole check: ``check``'s findings."""
        return self.finish(self.start(draft, settings))

    def start(self, draft: Draft, settings: Settings, complete: bool = True, early: bool = False) -> Step:
        from followup_lint.grammar.email import keep, unwrap

        rules = rules_for(settings)  # the config's own X rules and per-file-ignores too
        wants = settings.grammar and any("grammar" in r.needs for r in rules)
        chunks = split(unwrap(draft.text.text)) if wants else []
        with self._lock:
            check_house_style(self.parser.nlp, settings)
            previous = self._last.get(draft.path) if wants else None
            # a configured languagetool-url is asked per paragraph here, text-level rules included
            complete = (complete or previous is None or settings.languagetool_url is not None
                        or restructured(previous[0], chunks))
            step = Step(draft, settings, rules, None, {}, chunks, previous, complete)
            if wants:  # LanguageTool works while spaCy parses
                step.pending = self.grammar.submit("".join(c for _, c in chunks), settings, text_level=complete)
            step.doc = doc = self.parser.parse(draft.text.text)
            if not settings.overlays:  # the lists the rules searched last time, paragraph by paragraph
                reuse_phrase_matches(doc, sorted(self._lists), self.parser.nlp)
            if early or not wants:
                now = None
                if wants and previous is not None:
                    now = tuple(keep(carried(previous[0], previous[1], chunks), draft, doc, settings.words))
                step.fast = run_rules(draft, doc, rules, settings, now, step.memo)
                self._lists |= searched_lists(doc)
            return step

    def finish(self, step: Step) -> FileResult:
        """``step``'s result with LanguageTool's answer (waits for it)."""
        from followup_lint.grammar import GrammarUnavailable
        from followup_lint.grammar.email import keep

        if step.pending is None:
            return step.fast
        try:
            found = step.pending.result()
            self.grammar_notice = None
        except GrammarUnavailable as exc:
            if step.settings.require_grammar:
                raise
            self.grammar_notice = str(exc)
            found = None
        with self._lock:
            grammar = None
            if found is not None:
                if not step.complete:
                    found = self._with_text_level(step, found)
                self._last.put(step.draft.path, (step.chunks, tuple(found)))
                grammar = tuple(keep(found, step.draft, step.doc, step.settings.words))
            result = run_rules(step.draft, step.doc, step.rules, step.settings, grammar, step.memo)
            self._lists |= searched_lists(step.doc)
            return result

    @staticmethod
    def _with_text_level(step: Step, found: list) -> list:
        """The paragraphs' fresh matches and the text-level rules' matches
        of the last answer in the paragraphs the edit left alone (those
        overlapping a fresh match dropped: LanguageTool keeps one of two)."""
        from followup_lint.grammar.paragraphs import text_level
        from followup_lint.grammar.server import LT_VERSION

        rules = text_level(LT_VERSION, step.settings.language) or frozenset()
        fresh = [m for m in found if m.rule_id not in rules]
        old = carried(step.previous[0], step.previous[1], step.chunks, only=rules)
        kept = [m for m in old if not any(m.start < f.end and f.start < m.end for f in fresh)]
        return sorted(fresh + kept, key=lambda m: (m.start, m.end, m.rule_id))

    def close(self) -> None:
        self.grammar.close()
