"""Helpers shared by the judgement families (hostile, presumptuous,
desperate): phrase-list hits with negation and hypothetical filters.

Phrase lists are data files read through :mod:`followup_lint.matching`,
whose Matchers are built once per pipeline.
"""

from __future__ import annotations

import functools
import re

from followup_lint.deferred import doc_text
from followup_lint.matching import Match, find

NEGATIONS = frozenset({"not", "n't", "never", "no", "nt", "nothing", "hardly"})

# Words that make the rest of the sentence a wish or a condition, not a claim:
# "If I am lucky enough to join, my first day..." presumes nothing.
HYPOTHETICAL = frozenset({
    "if", "hope", "hoping", "hopefully", "chance", "opportunity", "possibility",
    "potential", "potentially", "whether", "wish", "lucky", "fortunate", "selected",
    "chosen", "offered", "imagine", "unless", "suppose", "once",
})
# Modals make a statement hypothetical ("I would love to join"), but not a
# question ("What should I bring on my first day?").
MODALS = frozenset({"would", "'d", "could", "might", "may", "should"})


def _pattern_words(entry) -> set[str]:
    words: set[str] = set()
    for w in entry.pattern.split():
        for alt in w.rstrip("?").split("|"):
            words.add(alt.lstrip("~").lower())
    return words


def _wanted(tok, wanted: set[str]) -> bool:
    return tok.lower_ in wanted or tok.lemma_.lower() in wanted


def negated(m: Match) -> bool:
    """True if the matched span contains a negation the pattern did not ask
    for ("you did not waste my time"), or the word just before the match
    negates it ("not really professional")."""
    wanted = _pattern_words(m.entry)
    span = m.span
    for tok in span:
        if (tok.lower_ in NEGATIONS or tok.dep_ == "neg") and not _wanted(tok, wanted):
            return True
    if span.start > 0:
        prev = span.doc[span.start - 1]
        if (prev.lower_ in NEGATIONS or prev.dep_ == "neg") and not _wanted(prev, wanted):
            return True
    return False


def hypothetical(m: Match) -> bool:
    """True if a wish or condition opens the sentence before the match."""
    span = m.span
    sent = span.sent
    wanted = _pattern_words(m.entry)
    question = sent.text.rstrip().endswith("?")
    words = [t for t in span.doc[sent.start:span.end] if not _wanted(t, wanted) or t.i < span.start]
    return any(t.lower_ in HYPOTHETICAL or (t.lower_ in MODALS and not question) for t in words)


_GLUED_MARK = re.compile(r"\?[A-Za-z]")


def lost_mark(text: str, at: int, *, whole_line: bool = False) -> bool:
    """The "?" at ``at`` stands for a character the mail's encoding lost (a
    curly quote, a dash, an apostrophe, a bullet), not a question mark: its
    run of "?" is glued to the start of a word ("I?m", "don?t", "a
    ???survivor??": a real "?" is never followed by a letter), or it is a
    single "?" after a gap of two spaces or a tab, or alone at the start of
    a line ("tips to get you going:  ?", the bullet of the next line). With
    ``whole_line``, any "?" glued to a word's start on the line counts:
    that line's encoding lost characters (H401's runs)."""
    start, end = at, at
    while start > 0 and text[start - 1] == "?":
        start -= 1
    while end < len(text) and text[end] == "?":
        end += 1
    if text[end:end + 1].isalpha():
        return True
    line_start = text.rfind("\n", 0, start) + 1
    if end - start == 1 and (not text[line_start:start].strip() or text[:start].endswith(("  ", "\t"))):
        return True  # a lone "?" set apart: a lost bullet ("Did it go away   ???" is a real run)
    if not whole_line:
        return False
    line_end = text.find("\n", at)
    return bool(_GLUED_MARK.search(text, line_start, line_end if line_end != -1 else len(text)))


def hits(ctx, name: str, *, allow_hypothetical: bool = True) -> list[Match]:
    """Matches of phrase list ``name`` in the draft, without negated ones
    (and without hypothetical ones unless ``allow_hypothetical``)."""
    if not doc_text(ctx.doc).strip():
        return []
    out = []
    for m in find(ctx.doc, name):
        if negated(m):
            continue
        if not allow_hypothetical and hypothetical(m):
            continue
        out.append(m)
    return out


def phrase_findings(ctx, matches, message: str, default: str):
    """One finding per phrase-list match: ``message`` with ``{phrase}`` the
    matched words (shortened), and the entry's own suggestion or ``default``."""
    for m in matches:
        yield ctx.finding(m.start, m.end, message.format(phrase=quote(m.span.text)), [suggestion(m, default)])


def suggestion(m: Match, default: str) -> str:
    """The entry's own suggestion (third column) or the rule's default."""
    return m.entry.column(1, default)


def quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def claim_findings(ctx, matches, kinds, message: str, default: str):
    """Structural claims of ``kinds`` (:mod:`followup_lint.structural`) that
    no phrase-list match in ``matches`` already covers: one finding per
    passage. ``message`` takes ``{phrase}`` and ``{why}``."""
    from followup_lint.structural import claims_of

    taken = [(m.start, m.end) for m in matches]
    for c in claims_of(ctx.doc, *kinds):
        if any(s < c.end and c.start < e for s, e in taken):
            continue
        taken.append((c.start, c.end))
        yield ctx.finding(c.start, c.end, message.format(phrase=quote(doc_text(ctx.doc)[c.start:c.end]), why=c.why),
                          [default])


# -- the tone model's sentence layer (followup_lint.tone) ------------------------------

def model_sentences(ctx) -> list:
    """(sentence, Score) for each sentence of the sender's words, scored by
    the tone model once per draft, whichever of its rules asks first."""
    cached = ctx.doc.user_data.get("followup_lint.tone")
    if cached is None:
        from followup_lint.tone import load

        sents = [s for s in ctx.doc.sents if any(t.is_alpha for t in s)]
        cached = list(zip(sents, load().scores([s.text.strip() for s in sents])))
        ctx.doc.user_data["followup_lint.tone"] = cached
    return cached


def draft_tone(doc) -> dict | None:
    """The whole draft's tone (the JSON's ``metrics.tone``): for hostile and
    each of the model's categories the highest score of the draft's
    sentences (a draft reads as hostile as its most hostile sentence), and
    the tone of that most hostile sentence. Taken from the sentence scores
    a tone-model rule (H102, P301, D303, G301) already made: None when none
    of them ran, so it costs nothing extra."""
    scored = doc.user_data.get("followup_lint.tone")
    if scored is None:
        return None
    out: dict = {"sentences": len(scored)}
    if not scored:
        return dict(out, hostile=0.0, tone=None)
    for cat in scored[0][1].categories:
        out[cat] = round(max(sc.categories[cat] for _, sc in scored), 4)
    out["tone"] = max(scored, key=lambda p: p[1].hostile)[1].tone
    return out


def sentence_bounds(sent) -> tuple[int, int]:
    """A sentence's character span without surrounding space."""
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return start, sent.start_char + len(text.rstrip())


def leading_category(model, score, category: str, threshold: float) -> str | None:
    """The category a sentence reads as most, relative to each category's
    flag level (the model's own, ``threshold`` for ``category``), among
    those it reaches: one model finding per sentence."""
    best, best_ratio = None, 1.0
    for cat, value in score.categories.items():
        thr = threshold if cat == category else model.threshold(cat)
        if value >= thr and value / thr >= best_ratio:
            best, best_ratio = cat, value / thr
    return best


def model_findings(ctx, category: str, threshold: float, precise: list[tuple[int, int]],
                   message: str, suggestion: str, min_words: int = 4):
    """One finding per sentence of the sender's words that the model reads
    as ``category`` at ``threshold`` or above, unless a span of the family's
    precise layer (``precise``: phrase lists and structural claims) is in
    it, or it reads more as another category. ``message`` takes
    ``{words}`` (the words that carry it) and ``{score}``."""
    from followup_lint.tone import load

    model = load()
    for sent, sc in model_sentences(ctx):
        value = sc.categories.get(category)
        if value is None or value < threshold or leading_category(model, sc, category, threshold) != category:
            continue
        if sum(t.is_alpha for t in sent) < min_words:
            continue
        start, end = sentence_bounds(sent)
        if any(s < end and start < e for s, e in precise):
            continue
        text = doc_text(ctx.doc)[start:end]
        a, b = model.carrying_span(text, category)
        yield ctx.finding(start, end, message.format(words=quote(text[a:b]), score=f"{value:.2f}"),
                          [suggestion], score=round(value, 4), tone=category)


def precise_spans(ctx, lists: tuple[str, ...], kinds: tuple[str, ...]) -> list[tuple[int, int]]:
    """Spans the family's precise layer covers: matches of its phrase lists
    (negated or hypothetical ones too: a sentence the lists chose to leave
    alone is not the model's to flag) and its structural claims."""
    spans = [(m.start, m.end) for name in lists for m in find(ctx.doc, name)] if doc_text(ctx.doc).strip() else []
    if kinds:
        from followup_lint.structural import claims_of

        spans += [(c.start, c.end) for c in claims_of(ctx.doc, *kinds)]
    return spans


# -- the hostile family's parse layers (h_hostile/_fault, _threats, _irony, _lessons) ------------

def once_per_doc(key: str):
    """Decorate a parse layer ``fn(doc) -> spans`` so that it runs once per
    doc (the rule that reports it and H102, which leaves its sentences
    alone, both ask), kept in ``doc.user_data[key]``."""
    def wrap(fn):
        @functools.wraps(fn)
        def cached(doc):
            found = doc.user_data.get(key)
            if found is None:
                found = doc.user_data[key] = fn(doc)
            return found
        return cached
    return wrap


def layer_findings(ctx, spans, taken: list[tuple[int, int]], message: str, suggestion: str):
    """One finding per span of a parse layer that no phrase-list match in
    ``taken`` already covers. ``message`` takes ``{passage}``."""
    for start, end in spans:
        if any(s < end and start < e for s, e in taken):
            continue
        yield ctx.finding(start, end, message.format(passage=quote(doc_text(ctx.doc)[start:end])), [suggestion])
