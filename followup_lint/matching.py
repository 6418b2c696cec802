"""Phrase lists as spaCy Matchers, built once per pipeline.

A phrase-list entry is one line of a data file: a *pattern*, then optionally
TAB-separated columns (an example it matches, a suggestion...). A pattern is
words separated by spaces; each word becomes one or more spaCy tokens:

- ``word``      matches the lower-cased text (``hello`` matches "Hello");
- ``~word``     matches the lemma, so ``~hope`` matches hope/hopes/hoping/hoped
                and ``~be`` matches am/is/are/was/'m;
- ``a|b|c``     matches any of these lower-cased words (one token each); lemma
                and plain alternatives mix: ``~be|'m`` matches "is" and "'m";
- ``_``         any one word or none;
- ``word?``     the word is optional (also ``~word?`` and ``a|b?``).

Words are split with the pipeline's own tokenizer, so ``i'm`` stands for the
two tokens "i" "'m", exactly as in an analysed draft. Patterns are built with
``nlp.tokenizer`` only (no tagging), once per process and pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass

from followup_lint.data import phrases

_CURLY = {"'": "\u2019"}


@dataclass(frozen=True)
class Entry:
    pattern: str
    columns: tuple[str, ...]  # the TAB-separated columns after the pattern

    def column(self, i: int, default: str = "") -> str:
        return self.columns[i] if i < len(self.columns) and self.columns[i] else default


@dataclass(frozen=True)
class Match:
    start: int  # character offsets in doc.text
    end: int
    entry: Entry
    span: object  # the spaCy Span


def entries(name: str) -> tuple[Entry, ...]:
    out = []
    for line in phrases(name):
        parts = [p.strip() for p in line.split("\t")]
        out.append(Entry(parts[0], tuple(parts[1:])))
    return tuple(out)


def _variants(word: str) -> list[str]:
    out = [word]
    for a, b in _CURLY.items():
        if a in word:
            out.append(word.replace(a, b))
    return out


def token_patterns(nlp, pattern: str) -> list[list[dict]]:
    """The Matcher patterns (alternatives) for one entry's pattern text."""
    import itertools

    slots: list[list[list[dict]]] = []  # per word: alternatives, each a token list
    for word in pattern.split():
        optional = word.endswith("?") and len(word) > 1
        if optional:
            word = word[:-1]
        if word == "_":
            slots.append([[{"IS_PUNCT": False, "IS_SPACE": False, "OP": "?"}]])
            continue
        lemmas = [w[1:].lower() for w in word.split("|") if w.startswith("~")]
        lowers = [w.lower() for w in word.split("|") if not w.startswith("~")]
        alts: list[list[dict]] = []
        if lemmas:
            alts.append([{"LEMMA": lemmas[0] if len(lemmas) == 1 else {"IN": lemmas}}])
        if len(lowers) == 1 and not lemmas:
            pieces = [t.text.lower() for t in nlp.tokenizer(lowers[0])]
            alts.append([{"LOWER": p} if len(_variants(p)) == 1 else {"LOWER": {"IN": _variants(p)}}
                         for p in pieces])
        elif lowers:
            alts.append([{"LOWER": {"IN": [v for w in lowers for v in _variants(w)]}}])
        if optional:
            if any(len(a) != 1 for a in alts):
                raise ValueError(f"optional word {word!r} must be one token")
            alts = [[dict(a[0], OP="?")] for a in alts]
        slots.append(alts)
    if not slots:
        raise ValueError("empty pattern")
    # A line break inside a phrase is its own (space) token: let it through.
    gap = {"IS_SPACE": True, "OP": "*"}
    out = []
    for combo in itertools.product(*slots):
        toks: list[dict] = []
        for k, alt in enumerate(combo):
            if k:
                toks.append(dict(gap))
            toks.extend(alt)
        out.append(toks)
    return out


def anchor_words(pattern: list[dict], stop_words=frozenset()) -> frozenset[str]:
    """Words one of which every match of ``pattern`` contains (as a token's
    lower-cased text or lemma): the values of one required token, a rare
    one if there is one. Empty if no token is required."""
    best: frozenset[str] = frozenset()
    for tok in pattern:
        if "OP" in tok or not ({"LOWER", "LEMMA"} & tok.keys()):
            continue
        value = tok.get("LOWER", tok.get("LEMMA"))
        words = frozenset(value["IN"] if isinstance(value, dict) else [value])
        if not best or (best <= stop_words and not words <= stop_words):
            best = words
    return best


def required_words(pattern: list[dict]) -> tuple[frozenset[str], ...]:
    """For each token a match of ``pattern`` must have (no ``OP``), the
    lower-cased texts or lemmas it may be: a doc lacking any one of these
    sets cannot match."""
    out = []
    for tok in pattern:
        if "OP" in tok or not ({"LOWER", "LEMMA"} & tok.keys()):
            continue
        value = tok.get("LOWER", tok.get("LEMMA"))
        out.append(frozenset(value["IN"] if isinstance(value, dict) else [value]))
    return tuple(sorted(set(out), key=len))


class PhraseMatcher:
    """One phrase list's spaCy Matcher, and the words a doc must contain
    for any of its patterns to match: a doc without them is not searched.
    ``anchors`` (one word set per pattern, any of them) is the quick first
    gate; ``requires`` (every required token of a pattern, for one of the
    patterns) the exact one. ``anchors = None``: always searched."""

    def __init__(self, nlp, name: str, items: tuple[Entry, ...] | None = None):
        self.items = entries(name) if items is None else items
        self._nlp, self._name, self._matcher = nlp, name, None
        texts = tuple(e.pattern for e in self.items)
        made = _kept(nlp, name, texts) if items is None else None
        if made is None:
            made = self._make(nlp)
            if items is None:
                _keep(nlp, name, texts, made)
        self._patterns, self.anchors, self.requires = made

    def _make(self, nlp) -> tuple:
        """(each entry's token patterns, anchors, requires)."""
        from spacy.lang.en.stop_words import STOP_WORDS

        anchors: set[str] | None = set()
        requires: set[tuple[frozenset[str], ...]] = set()
        made = []
        for entry in self.items:
            patterns = token_patterns(nlp, entry.pattern)
            made.append(patterns)
            for pattern in patterns:
                words = anchor_words(pattern, frozenset(STOP_WORDS))
                if not words:
                    anchors = None  # a pattern of optional words only: always search
                elif anchors is not None:
                    anchors |= words
                requires.add(required_words(pattern))
        return made, frozenset(anchors) if anchors is not None else None, tuple(requires)

    @property
    def matcher(self):
        """The spaCy Matcher, built on first use (a doc that fails the gate
        never needs it)."""
        if self._matcher is None:
            from spacy.matcher import Matcher

            # token_patterns() makes only well-formed patterns: spaCy's pydantic
            # check of each one was about half of building the matchers
            matcher = Matcher(self._nlp.vocab, validate=False)
            for i, patterns in enumerate(self._patterns):
                matcher.add(f"{self._name}:{i}", patterns)
            self._matcher = matcher
        return self._matcher

    def may_match(self, doc) -> bool:
        if self.anchors is None:
            return True
        words = doc_words(doc)
        if self.anchors.isdisjoint(words):
            return False
        return any(all(not need.isdisjoint(words) for need in needs) for needs in self.requires)


_WORDS = "followup_lint.words"


def doc_words(doc) -> frozenset[str]:
    """Every token's lower-cased text and lemma (worked out once per doc)."""
    words = doc.user_data.get(_WORDS)
    if words is None:
        words = frozenset(w for t in doc for w in (t.lower_, t.lemma_))
        doc.user_data[_WORDS] = words
    return words


# -- the phrase lists' token patterns kept from one command to the next ------------

# In the command line (regexcache.COMMAND_LINE, set by followup_lint.launch),
# or with KEEP set: the token patterns, anchors and required words of each
# data file's list (about 0.04 s of tokenizing and combining in a new
# process) are read from a marshal file in the cache directory, keyed on
# spaCy's and the model's versions and this module's file, and per list on
# its patterns' text; save_kept() (called by launch) writes new ones.
KEEP = False
_KEPT: dict = {}


def _kept_file(nlp) -> str | None:
    import marshal
    import os
    import zlib

    try:
        import spacy

        from followup_lint.dirs import cache_dir

        st = os.stat(__file__)
        meta = nlp.meta
        key = f"{spacy.__version__}|{meta.get('lang')}|{meta.get('name')}|{meta.get('version')}|{st.st_size}|{st.st_mtime_ns}"
        return os.path.join(os.fspath(cache_dir()), f"phrases-{zlib.crc32(key.encode()):08x}-m{marshal.version}.marshal")
    except (OSError, ImportError, AttributeError, ValueError):
        return None


def _table(nlp) -> dict | None:
    from followup_lint import regexcache

    if not (KEEP or regexcache.COMMAND_LINE):
        return None
    key = id(nlp)
    state = _KEPT.get(key)
    if state is None or state[0] is not nlp:
        path = _kept_file(nlp)
        table = regexcache.read_table(path) if path is not None else {}
        state = _KEPT[key] = (nlp, path, table, set())
    return state[2] if state[1] is not None else None


def _kept(nlp, name: str, texts: tuple[str, ...]):
    table = _table(nlp)
    hit = table.get(name) if table is not None else None
    if isinstance(hit, tuple) and len(hit) == 2 and hit[0] == texts:
        return hit[1]
    return None


def _keep(nlp, name: str, texts: tuple[str, ...], made: tuple) -> None:
    table = _table(nlp)
    if table is not None:
        table[name] = (texts, made)
        _KEPT[id(nlp)][3].add(name)


def save_kept() -> None:
    """Write the kept patterns of each pipeline that made new ones."""
    from followup_lint import regexcache

    for _nlp, path, table, new in list(_KEPT.values()):
        if new and path is not None and regexcache.write_table(path, table):
            new.clear()


_CACHE: dict[tuple[int, str], tuple[object, PhraseMatcher]] = {}


def phrase_matcher(nlp, name: str, items: tuple[Entry, ...] | None = None) -> PhraseMatcher:
    """The :class:`PhraseMatcher` of data file ``name`` (or of ``items``, a
    user's list under a name of its own), built once per pipeline."""
    key = (id(nlp), name)
    hit = _CACHE.get(key)
    if hit is None or hit[0] is not nlp:
        hit = _CACHE[key] = (nlp, PhraseMatcher(nlp, name, items))
    return hit[1]


@dataclass(frozen=True)
class Overlay:
    """A user's entries for one phrase list (config ``extend-phrases`` or
    ``phrases``): ``name`` identifies the entries (a hash of them)."""

    name: str
    items: tuple[Entry, ...]
    replace: bool = False


OVERLAYS = "followup_lint.overlays"


def set_overlays(doc, overlays) -> None:
    """Make :func:`find` on ``doc`` use ``overlays`` ({list name: Overlay})."""
    if overlays:
        doc.user_data[OVERLAYS] = dict(overlays)


def find(doc, name: str, nlp=None) -> list[Match]:
    """Longest non-overlapping matches of the phrase list ``name`` in ``doc``,
    in text order (searched once per doc and list). A user's overlay for the
    list (:func:`set_overlays`) adds its entries, or replaces the list."""
    key = f"followup_lint.find:{name}"
    found = doc.user_data.get(key)
    if found is None:
        overlay = doc.user_data.get(OVERLAYS, {}).get(name)
        if overlay is None:
            found = tuple(_find(doc, name, nlp))
        else:
            base = [] if overlay.replace else _find(doc, name, nlp)
            found = tuple(longest(base + _find(doc, overlay.name, nlp, overlay.items)))
        doc.user_data[key] = found
    return list(found)


def longest(matches: list[Match]) -> list[Match]:
    """Longest non-overlapping matches, in text order (the earlier of two
    equally long ones)."""
    out: list[Match] = []
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if all(m.end <= o.start or o.end <= m.start for o in out):
            out.append(m)
    return sorted(out, key=lambda m: m.start)


def _find(doc, name: str, nlp=None, items: tuple[Entry, ...] | None = None) -> list[Match]:
    from spacy.util import filter_spans

    nlp = nlp or _nlp_of(doc)
    phrases_ = phrase_matcher(nlp, name, items)
    if not phrases_.may_match(doc):
        return []
    matcher, items = phrases_.matcher, phrases_.items
    by_span: dict[tuple[int, int], int] = {}
    spans = []
    for match_id, s, e in matcher(doc):
        label = doc.vocab.strings[match_id]
        idx = int(label.rsplit(":", 1)[1])
        # strip optional tokens that matched nothing useful at the edges
        while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space):
            e -= 1
        while s < e and doc[s].is_space:
            s += 1
        if e <= s:
            continue
        if (s, e) not in by_span or idx < by_span[(s, e)]:
            by_span[(s, e)] = idx
            spans.append(doc[s:e])
    out = []
    for span in sorted(filter_spans(spans), key=lambda sp: sp.start):
        entry = items[by_span[(span.start, span.end)]]
        out.append(Match(span.start_char, span.end_char, entry, span))
    return out


def _nlp_of(doc):
    """The pipeline that made ``doc`` (the one loaded by analysis)."""
    from followup_lint.analysis import _PIPELINES

    for nlp in _PIPELINES.values():
        if nlp.vocab is doc.vocab:
            return nlp
    raise LookupError("pass nlp= for a doc not made by followup_lint.analysis.load_pipeline")
