"""LanguageTool's answers kept per paragraph, on disk (issue 19).

A draft checked again after one paragraph changed (an edit in the editor, a
re-check of a folder, the warm path) asks LanguageTool only about what it has
not seen: each paragraph's matches are kept in the result cache's SQLite file
(table ``paragraphs``, private like the rest of it) under a key made of the
paragraph's text and everything that shapes LanguageTool's answer. Results
equal one request for the whole draft:

* **Sentences never cross a paragraph.** LanguageTool ends a sentence at a
  blank line, and almost all of its rules look at one sentence. A text is cut
  after each blank line (:func:`split`), and those rules' matches of a
  paragraph are the same wherever it stands (positions move by the
  paragraph's offset, nothing else).
* **Text-level rules look across paragraphs.** LanguageTool 6.6 has twelve
  English rules active by default that read the whole text (:data:`TEXT_LEVEL`: a repeated
  sentence opening, unpaired quotes, "e-mail" here and "email" there, ...).
  They are turned off in paragraph requests and asked for separately, over
  the whole text with only those rules on (``enabledOnly``), kept under the
  whole text's key. A paragraph edit therefore sends that paragraph with all
  rules, and the whole text with these (cheap rules; LanguageTool's own
  sentence cache has most of its analysis). The list is LanguageTool's own:
  ``tests/test_paragraph_cache.py`` asks the installed jars for every active
  ``TextLevelRule`` and fails when it differs.
* **Overlapping matches.** LanguageTool keeps only one of two overlapping
  matches, by rule priorities its API does not tell ("i" at a sentence start:
  I_LOWERCASE or UPPERCASE_SENTENCE_START). When a text-level match overlaps
  a paragraph's match, the text is sent once more with all rules and that
  answer is the result (kept under the whole text's key).
* **A text none of whose paragraphs is held is one request** with all rules
  (:func:`_first_sight`): its answer is the result, kept as the text's own,
  and cut into paragraphs for later texts: the matches of the text-level
  rules left out, each other match moved into its paragraph. A paragraph a
  text-level match touches is not kept (LanguageTool may have dropped one
  of its matches for the overlapping one), nor any paragraph when a match
  lies outside every paragraph or across two. Only a text with some
  paragraphs held is cut into the two requests above.
* **What the key holds**: the paragraph (or, for the text-level part, the
  whole text), the language, LanguageTool's version, jars and server
  settings file (``FOLLOWUP_LINT_LANGUAGETOOL_CONFIG``), the request's
  parameters (disabled rules, level, ...), this module's own lists, and the
  day (a few LanguageTool rules compare dates with today). The user's
  accepted words are not in it: they filter the matches after the cache
  (:func:`followup_lint.grammar.email.keep`), so adding or removing a word
  changes the findings at once without asking LanguageTool again.
* Only the local LanguageTool of this version (the jars ``make setup``
  installs) is cached this way; a configured ``languagetool-url`` (any
  version, any settings) gets one request per draft as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterable, NamedTuple

from followup_lint import dirs

FORMAT = "1"  # bump when a stored value's shape changes
MAX_ENTRIES = 200_000
TABLE = "paragraphs"

# LanguageTool's TextLevelRule ids active by default, per (version, language
# family): found by tests/test_paragraph_cache.py::test_text_level_rules_are_languagetool_s
# in the installed jars (org.languagetool.rules.TextLevelRule). en-US, en-GB,
# en-CA, en-AU, en-NZ and en-ZA have the same list.
TEXT_LEVEL: dict[tuple[str, str], frozenset[str]] = {
    ("6.6", "en"): frozenset({
        "ENGLISH_WORD_REPEAT_BEGINNING_RULE", "EN_REPEATEDWORDS", "EN_UNPAIRED_BRACKETS",
        "EN_UNPAIRED_QUOTES", "EN_WORD_COHERENCY", "PUNCTUATION_PARAGRAPH_END", "REP_PASSIVE_VOICE",
        "REP_THANK_YOU_FOR", "SENTENCE_WHITESPACE", "TOO_LONG_SENTENCE", "UPPERCASE_SENTENCE_START",
        "WHITESPACE_RULE",
    }),
}

# a paragraph ends after a blank line (two line breaks in a row, after
# followup_lint.grammar.email.unwrap; "\r\n\r\n" in a CRLF text) and the
# white space that follows it: where LanguageTool ends a paragraph too
# (StringTools.isParagraphEnd). A line of spaces between two paragraphs ends
# LanguageTool's sentence, not its paragraph, so it does not cut. The one
# splitter: the editor's parse (lsp/incremental.py) cuts here too (issue 13).
_BREAK = re.compile(r"(?:\n\n|\r\n\r\n)\s*")


class Raw(NamedTuple):
    """One LanguageTool match as kept: what grammar._classified reads."""

    offset: int
    error_length: int
    rule_id: str
    category: str
    rule_issue_type: str
    message: str
    replacements: tuple[str, ...]

    def moved(self, by: int) -> "Raw":
        return self._replace(offset=self.offset + by)


def split(text: str) -> list[tuple[int, str]]:
    """``text`` cut after each blank line: ``(offset, chunk)`` pairs whose
    chunks, joined, are ``text`` again."""
    out = []
    pos = 0
    for m in _BREAK.finditer(text):
        out.append((pos, text[pos:m.end()]))
        pos = m.end()
    if pos < len(text) or not out:
        out.append((pos, text[pos:]))
    return out


def text_level(version: str, language: str) -> frozenset[str] | None:
    """The text-level rules of this LanguageTool and language, or None when
    they are not known (then drafts are not cut into paragraphs)."""
    return TEXT_LEVEL.get((version, language.split("-")[0].lower()))


def raw_of(match: Any, limit: int) -> Raw:
    """A language-tool-python Match as kept (at most ``limit`` suggestions)."""
    return Raw(int(match.offset), int(match.error_length), str(match.rule_id),
               str(getattr(match, "category", "") or ""), str(getattr(match, "rule_issue_type", "") or ""),
               str(match.message), tuple(r for r in map(str, match.replacements) if r.strip())[:limit])


def _encode(matches: Iterable[Raw]) -> str:
    return json.dumps([list(m) for m in matches], ensure_ascii=True)


def _decode(value: str) -> list[Raw]:
    return [Raw(int(m[0]), int(m[1]), m[2], m[3], m[4], m[5], tuple(m[6])) for m in json.loads(value)]


class ParagraphStore:
    """The ``paragraphs`` table of the result cache. Any process of a run
    may use it (one SQLite connection per process, WAL); lookups and writes
    never raise: a store that fails is off for the run (``notice`` says why).
    Counters say what was sent (tests and the benchmark read them)."""

    def __init__(self, directory: Path | str | None = None, local_url: str | None = None):
        self.directory = Path(directory) if directory else dirs.cache_dir()
        self.path = self.directory / "results.sqlite3"
        # the URL of the run's own local LanguageTool (a batch hands it to
        # its workers as a languagetool-url): cached like the kept server
        self.local_url = local_url
        self.notice: str | None = None
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        self._lock = threading.Lock()
        self._used: set[str] = set()
        self.requests = 0  # requests sent to LanguageTool through this store
        self.sent_chars = 0  # characters sent (every request, text-level ones too)
        self.sent_paragraphs = 0  # paragraphs sent with all rules
        self.reused_paragraphs = 0  # paragraphs answered from the store

    def __getstate__(self) -> dict:  # to a spawned worker: no connection, no lock
        state = dict(self.__dict__)
        state.update(_db=None, _pid=0, _lock=None, _used=set())
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def _conn(self) -> sqlite3.Connection | None:
        if self.notice is not None:
            return None
        if self._db is not None and self._pid == os.getpid():
            return self._db
        from followup_lint.private import open_private, private_dir, private_file

        self._db = None  # a forked parent's connection is never used (nor closed) here
        try:
            private_dir(self.directory)
            os.close(open_private(self.path, os.O_RDONLY))
            for extra in ("-wal", "-shm"):
                private_file(f"{self.path}{extra}")
            db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")  # a cache: a power cut may lose the last entries
            db.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL, "
                       "used REAL NOT NULL)")
            db.commit()
        except (OSError, sqlite3.Error) as exc:
            self.notice = f"paragraph cache at {self.path} not used: {exc}"
            return None
        self._db, self._pid = db, os.getpid()
        return db

    def get_many(self, keys: list[str]) -> dict[str, list[Raw]]:
        with self._lock:
            db = self._conn()
            if db is None or not keys:
                return {}
            try:
                marks = ",".join("?" * len(keys))
                rows = db.execute(f"SELECT key, value FROM {TABLE} WHERE key IN ({marks})", keys).fetchall()
            except sqlite3.Error as exc:
                self._off(exc)
                return {}
        found = {}
        for key, value in rows:
            try:
                found[key] = _decode(value)
            except (ValueError, TypeError, IndexError):
                continue  # unreadable: asked again
        self._used.update(found)
        return found

    def put_many(self, entries: dict[str, list[Raw]]) -> None:
        with self._lock:
            db = self._conn()
            if db is None:
                return
            now = time.time()
            try:
                if entries:
                    db.executemany(f"INSERT OR REPLACE INTO {TABLE} (key, value, used) VALUES (?, ?, ?)",
                                   [(k, _encode(v), now) for k, v in entries.items()])
                if self._used:
                    db.executemany(f"UPDATE {TABLE} SET used = ? WHERE key = ?", [(now, k) for k in self._used])
                    self._used.clear()
                db.commit()
            except sqlite3.Error as exc:
                self._off(exc)

    def trim(self) -> None:
        """Forget the least recently used entries past MAX_ENTRIES."""
        with self._lock:
            db = self._conn()
            if db is None:
                return
            try:
                (count,) = db.execute(f"SELECT COUNT(*) FROM {TABLE}").fetchone()
                if count > MAX_ENTRIES:
                    db.execute(f"DELETE FROM {TABLE} WHERE key IN (SELECT key FROM {TABLE} ORDER BY used "
                               "LIMIT ?)", (count - MAX_ENTRIES,))
                    db.commit()
            except sqlite3.Error as exc:
                self._off(exc)

    def _off(self, exc: Exception) -> None:
        self.notice = f"paragraph cache at {self.path} not used: {exc}"
        self.close()

    def close(self) -> None:
        """Close this process's connection (it is opened again on next use)."""
        if self._db is not None and self._pid == os.getpid():
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None


def key_base(version: str, jars: Path, language: str, params: dict, limit: int) -> str:
    """What, besides the text, decides LanguageTool's answer (see the module doc)."""
    h = hashlib.sha256()
    stamps = []
    for jar in sorted(jars.glob(f"language*-{version}.jar")):
        try:
            st = jar.stat()
        except OSError:
            continue
        stamps.append(f"{jar.name}:{st.st_size}:{st.st_mtime_ns}")
    rules = sorted(text_level(version, language) or ())
    for part in (FORMAT, version, str(jars), ";".join(stamps), _server_settings(), language,
                 json.dumps({k: v for k, v in params.items() if k != "text"}, sort_keys=True),
                 ",".join(rules), str(limit), time.strftime("%Y-%m-%d")):
        h.update(part.encode("utf-8", "surrogateescape"))
        h.update(b"\0")
    return h.hexdigest()


def _server_settings() -> str:
    """The LanguageTool server's settings file as a local server is started
    with it (FOLLOWUP_LINT_LANGUAGETOOL_CONFIG may add an n-gram model)."""
    from followup_lint.grammar.server import ENV_CONFIG, SERVER_CONFIG

    name = os.environ.get(ENV_CONFIG, str(SERVER_CONFIG))
    if not name:
        return "defaults"
    try:
        return f"{name}:{hashlib.sha256(Path(name).read_bytes()).hexdigest()}"
    except OSError:
        return f"{name}:unreadable"


def _key(base: str, kind: str, text: str) -> str:
    h = hashlib.sha256(base.encode())
    h.update(kind.encode())
    h.update(text.encode("utf-8", "surrogateescape"))
    return h.hexdigest()


# send(text, extra_params) -> [Raw] in offsets of that text
Send = Callable[[str, dict], list[Raw]]


def check(text: str, store: ParagraphStore, base: str, rules: frozenset[str], disabled: Iterable[str],
          send: Send, text_level: bool = True) -> list[Raw]:
    """LanguageTool's matches for ``text`` as one request would give them,
    asking only for what ``store`` does not hold (see the module doc).
    ``rules``: the text-level rule ids; ``disabled``: rules never asked for.
    ``text_level=False``: the paragraphs' matches only, the text-level rules
    neither asked for nor returned (the editor between two keystrokes,
    followup_lint/lsp/incremental.py; it asks for the whole answer when
    the writer pauses)."""
    chunks = [(off, c) for off, c in split(text) if c.strip()]
    keys = {c: _key(base, "p", c) for _, c in chunks}
    whole, exact = _key(base, "t", text), _key(base, "f", text)
    found = store.get_many(list(dict.fromkeys([*keys.values(), *((whole, exact) if text_level else ())])))
    if exact in found:  # a text whose two halves overlap: its own full answer
        store.reused_paragraphs += len(chunks)
        store.put_many({})
        return found[exact]
    missing = list(dict.fromkeys(c for _, c in chunks if keys[c] not in found))
    if text_level and chunks and whole not in found and len(missing) == len(keys):
        return _first_sight(text, chunks, keys, exact, store, rules, send)
    fresh: dict[str, list[Raw]] = {}
    if missing:  # the paragraphs not seen, in one request, without the text-level rules
        joined = "".join(missing)
        spans, pos = [], 0
        for c in missing:
            spans.append((pos, c))
            pos += len(c)
        by_chunk = _cut(_sent(store, send, joined, {"disabledRules": ",".join(sorted({*disabled, *rules}))},
                              len(missing)), spans)
        if by_chunk is None:  # a sentence rule across paragraphs: ask for the whole text, keep nothing
            answer = _sent(store, send, text, {}, 0)
            return answer if text_level else [m for m in answer if m.rule_id not in rules]
        for c, matches in by_chunk.items():
            found[keys[c]] = fresh[keys[c]] = matches
    if not text_level:
        store.reused_paragraphs += sum(1 for _, c in chunks if keys[c] not in fresh)
        store.put_many(fresh)
        return sorted((m.moved(offset) for offset, c in chunks for m in found[keys[c]]),
                      key=lambda m: (m.offset, m.error_length, m.rule_id, m.message))
    if whole not in found:  # the text-level rules over the whole text
        only = ",".join(sorted(rules - set(disabled)))
        found[whole] = fresh[whole] = _sent(store, send, text, {"enabledRules": only, "enabledOnly": "true",
                                                                "disabledRules": ""}, 0)
    store.reused_paragraphs += sum(1 for _, c in chunks if keys[c] not in fresh)
    sentence = [m.moved(offset) for offset, c in chunks for m in found[keys[c]]]
    if _overlap(found[whole], sentence):
        # LanguageTool drops the lesser of two overlapping matches by rule
        # priorities it does not tell: for this text, its own answer
        found[exact] = fresh[exact] = _sent(store, send, text, {}, 0)
        store.put_many(fresh)
        return found[exact]
    store.put_many(fresh)
    out = [*found[whole], *sentence]
    out.sort(key=lambda m: (m.offset, m.error_length, m.rule_id, m.message))
    return out


def _first_sight(text: str, chunks: list[tuple[int, str]], keys: dict[str, str], exact: str,
                 store: ParagraphStore, rules: frozenset[str], send: Send) -> list[Raw]:
    """A text none of whose paragraphs is held: one request with all rules
    (its answer is the result), kept as the text's own answer and cut into
    paragraphs for later texts. A paragraph is kept only where no
    text-level match touches it (LanguageTool may have dropped one of its
    matches for an overlapping text-level one), when every other match lies
    inside one paragraph, and when a paragraph met twice got the same
    matches both times."""
    answer = _sent(store, send, text, {}, len(chunks))
    fresh: dict[str, list[Raw]] = {exact: answer}
    level = [m for m in answer if m.rule_id in rules]
    sentence = [m for m in answer if m.rule_id not in rules]
    spans = [(offset, c, [m.moved(-offset) for m in sentence if offset <= m.offset < offset + len(c)])
             for offset, c in chunks]
    if sum(len(inside) for _, _, inside in spans) == len(sentence):
        kept: dict[str, list[Raw]] = {}
        refused: set[str] = set()
        for offset, c, inside in spans:
            whole_chunk = [Raw(offset, len(c), "", "", "", "", ())]
            if _overlap(level, whole_chunk) or any(m.offset + m.error_length > len(c) for m in inside) \
                    or kept.setdefault(c, inside) != inside:
                refused.add(c)
        fresh.update((keys[c], matches) for c, matches in kept.items() if c not in refused)
    store.put_many(fresh)
    return answer


def _overlap(some: list[Raw], others: list[Raw]) -> bool:
    return any(a.offset < b.offset + max(b.error_length, 1) and b.offset < a.offset + max(a.error_length, 1)
               for a in some for b in others)


def _sent(store: ParagraphStore, send: Send, text: str, extra: dict, paragraphs: int) -> list[Raw]:
    store.requests += 1
    store.sent_chars += len(text)
    store.sent_paragraphs += paragraphs
    return send(text, extra)


def _cut(answer: list[Raw], chunks: list[tuple[int, str]]) -> dict[str, list[Raw]] | None:
    """The matches per chunk text, in the chunk's own offsets; None if one
    lies outside every chunk or crosses from one into the next."""
    out: dict[str, list[Raw]] = {c: [] for _, c in chunks}
    for m in answer:
        for offset, c in chunks:
            if offset <= m.offset < offset + len(c):
                if m.offset + m.error_length > offset + len(c):
                    return None
                out[c].append(m.moved(-offset))
                break
        else:
            return None
    return out
