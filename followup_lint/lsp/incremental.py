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
paragraph is parsed alone (2 of 178 fixtures: one more W101). With the local
LanguageTool the paragraphs' answers are the result cache's
(followup_lint.grammar.paragraphs: kept on disk, shared with ``check``,
text-level rules over the whole text, equal to one request); with a
configured ``languagetool-url`` they are kept in memory here, and a
LanguageTool rule that looks across paragraphs (a repeated sentence opening
in two paragraphs) is not applied across them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
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

    @property
    def grammar(self):
        if self._grammar is None:
            self._grammar = self._factory()
            if self.store is not None and getattr(self._grammar, "paragraphs", False) is None:
                self._grammar.paragraphs = self.store
        return self._grammar

    def check(self, text: str, settings: Settings) -> list:
        """Every paragraph's matches, shifted to offsets of ``text``; raises
        GrammarUnavailable like :meth:`Grammar.check`."""
        from dataclasses import replace

        if self.store is not None and settings.languagetool_url is None:
            # the grammar layer sends only the paragraphs it has not seen
            # (and the text-level rules over the whole text): equal to one request
            before = self.store.sent_paragraphs
            found = self.grammar.check(text, settings.language, jars=settings.languagetool_dir)
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


class IncrementalLinter:
    """What the server holds: the pipeline, the per-paragraph caches, and
    the LanguageTool connection (the kept server of ``followup-lint server
    start`` when it runs, else one started on the first grammar check and
    stopped when the editor closes the server)."""

    def __init__(self, nlp_loader: Callable[[], Any], grammar_factory: Callable[[], Any] | None = None):
        from followup_lint.grammar import Grammar
        from followup_lint.grammar.paragraphs import ParagraphStore

        self._nlp_loader = nlp_loader
        self._parser: ParagraphParser | None = None
        self.grammar = ParagraphGrammar(grammar_factory or Grammar, ParagraphStore())
        self.grammar_notice: str | None = None
        self._lock = threading.Lock()
        self._lists: set[str] = set()  # phrase lists the rules search (learnt from the checks)

    @property
    def parser(self) -> ParagraphParser:
        if self._parser is None:
            self._parser = ParagraphParser(self._nlp_loader())
        return self._parser

    def lint(self, draft: Draft, settings: Settings) -> FileResult:
        from followup_lint.grammar import GrammarUnavailable
        from followup_lint.grammar.email import keep, unwrap

        rules = rules_for(settings)  # the config's own X rules and per-file-ignores too
        with self._lock:
            check_house_style(self.parser.nlp, settings)
            doc = self.parser.parse(draft.text.text)
            if not settings.overlays:  # the lists the rules searched last time, paragraph by paragraph
                reuse_phrase_matches(doc, sorted(self._lists), self.parser.nlp)
            grammar = None
            if settings.grammar and any("grammar" in r.needs for r in rules):
                try:
                    grammar = tuple(keep(self.grammar.check(unwrap(draft.text.text), settings), draft, doc,
                                         settings.words))
                    self.grammar_notice = None
                except GrammarUnavailable as exc:
                    if settings.require_grammar:
                        raise
                    self.grammar_notice = str(exc)
            result = run_rules(draft, doc, rules, settings, grammar)
            self._lists |= searched_lists(doc)
            return result

    def close(self) -> None:
        self.grammar.close()

