"""G, generic notes: unfilled template placeholders (G1xx), stock phrasing,
no specifics, a draft made of stock sentences (G2xx)."""

from __future__ import annotations

import re
from functools import lru_cache

from followup_lint import matching
from followup_lint.deferred import entities
from followup_lint.data import phrases
from followup_lint.parts import SUBJECT_TAGS, find_greeting
from followup_lint.registry import Option, rule

_KEYWORDS = (
    r"name|company|organi[sz]ation|position|role|job|title|date|day|insert|your|their|his|her"
    r"|interviewer|manager|recruiter|team|department|field|topic|skill|project|detail|industry|x"
)
PLACEHOLDER = re.compile(
    r"\{\{[^{}\n]{1,60}\}\}"  # {{first_name}}
    r"|\{[A-Za-z_][A-Za-z0-9_ .-]{0,40}\}"  # {first_name}
    r"|\[(?=[^\]\n]*(?:[A-Z]|\b(?:" + _KEYWORDS + r")\b))(?![0-9]+\])(?!sic\])[^\[\]\n]{1,60}\](?!\()"  # [Company Name]
    r"|<(?=[A-Z])[A-Za-z][A-Za-z _'.-]{0,40}>"  # <Name>
    r"|%[A-Z][A-Z0-9_]{1,30}%"  # %FIRST_NAME%
    r"|(?<![A-Za-z0-9])(?:XXX+|xxx+)(?![A-Za-z0-9])"  # XXX
    r"|(?<!_)_{3,}(?!_)"  # ____
    r"|(?i:\binsert\b[^.\n]{0,40}?\bhere\b)"  # INSERT NAME HERE
)


def find_placeholders(text: str, start: int = 0):
    return PLACEHOLDER.finditer(text, start)


@rule("G101", "unfilled-placeholder", "generic", "error")
def unfilled_placeholder(ctx):
    """A template placeholder was never filled in.

    What it does:
        Finds placeholders left from a template: `[Company Name]`,
        `{{first_name}}`, `<Name>`, `%NAME%`, `XXX`, `____` and
        `INSERT ... HERE`, in the subject, the body and the signature.

    Why is this bad?
        Nothing shows a copy-pasted note faster. The reader learns that the
        note was not written for them, and that it was not read before it was
        sent.

    Example:
        Thank you for the chance to interview for the [Position] role at
        [Company Name].

    Use instead:
        Thank you for the chance to interview for the data engineer role at
        Acme.
    """
    draft = ctx.draft
    subject = draft.header("subject")
    if subject is not None:
        text = draft.source[subject.start:subject.end]
        tags = SUBJECT_TAGS.match(text)  # "[PATCH] ...", "[EXTERNAL] ..." are tags
        for m in find_placeholders(text, tags.end() if tags else 0):
            yield ctx.finding(subject.start + m.start(), subject.start + m.end(),
                              f"unfilled placeholder {m.group(0)!r} in the subject", in_source=True)
    for m in find_placeholders(draft.text.text):
        yield ctx.finding(m.start(), m.end(),
                          f"unfilled placeholder {m.group(0)!r}: the reader will see you used a template")
    sig = draft.signature
    for m in find_placeholders(sig.text):
        s, e = sig.source_span(m.start(), m.end())
        yield ctx.finding(s, e, f"unfilled placeholder {m.group(0)!r} in the signature", in_source=True)


STOCK_PHRASES = "generic_stock_phrases"
STOCK_SENTENCES = "generic_stock_sentences"
_SPECIFIC_ENTS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
                  "LANGUAGE", "NORP", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL"}
_NORM = re.compile(r"[^a-z0-9 ]+")


@rule("G201", "stock-phrase", "generic", "info", data=["generic_stock_phrases.txt"])
def stock_phrase(ctx):
    """A stock follow-up phrase that could be in anyone's note.

    What it does:
        Finds the phrases every follow-up template uses: "I am writing to
        follow up", "thank you for taking the time", "my skills and
        experience", "please do not hesitate to", "I look forward to hearing
        from you", "I hope this email finds you well", "team player"... The
        list is `followup_lint/data/generic_stock_phrases.txt`; it is matched
        on lemmas, so "I'm writing to follow up" and "I hope this message
        finds you well" are found too. Nameless greetings ("Dear Hiring
        Manager") are reported by S102.

    Why is this bad?
        Interviewers read dozens of notes with the same lines. A stock phrase
        is skipped at best, and at worst tells the reader the note came from a
        template. The words spent on it could say something only you could
        say.

    Example:
        I am writing to follow up on my interview. I look forward to hearing
        from you.

    Use instead:
        Thank you again for Tuesday's interview for the analyst role. I can
        send the code sample we talked about by Friday.
    """
    for m in matching.find(ctx.doc, STOCK_PHRASES):
        better = m.entry.column(1, "Say it in your own words, with a detail from the interview.")
        yield ctx.finding(m.start, m.end, f"stock phrase \"{m.span.text}\": it is in every template, "
                          "so the reader skims it; say something only you could say", [better])


def _placeholder_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in find_placeholders(text)]


def _inside(spans, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def content_sentences(ctx) -> list:
    """Sentences of the sender's text after the greeting line."""
    text = ctx.draft.text.text
    g = find_greeting(text)
    after = g.end if g else 0
    return [sent for sent in ctx.doc.sents if any(t.is_alpha and t.idx >= after for t in sent)]


def _trimmed(ctx, sent) -> tuple[int, int]:
    """A sentence's span without the greeting line and surrounding space."""
    text = ctx.draft.text.text
    g = find_greeting(text)
    start = max(sent.start_char, g.end if g else 0)
    end = sent.end_char
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _specifics_in(doc, start: int, end: int, holes):
    """The specifics in ``[start, end)`` of ``doc``, one at a time: proper
    nouns and topics first, then named entities, which need spaCy's
    (deferred) NER, so a caller that stops at the first specific usually
    never runs it."""
    yield from _plain_specifics_in(doc, start, end, holes)
    yield from _entity_specifics_in(doc, start, end, holes)


def _plain_specifics_in(doc, start: int, end: int, holes):
    """Proper nouns and topics (noun phrases not headed by a generic noun)."""
    for s, e, text in _plain_specifics(doc):
        if start <= s and e <= end and not _inside(holes, s, e):
            yield text


_PLAIN = "followup_lint.generic.plain_specifics"


def _plain_specifics(doc) -> list[tuple[int, int, str]]:
    """Every proper noun (not opening a sentence) and topic of ``doc``, in
    that order, as (start, end, text); worked out once per doc."""
    found = doc.user_data.get(_PLAIN)
    if found is not None:
        return found
    generic_nouns = {p.split("\t")[0] for p in phrases("generic_nouns")}
    found = [(tok.idx, tok.idx + len(tok), tok.text) for sent in doc.sents for tok in sent[1:]
             if tok.pos_ == "PROPN" and tok.text[:1].isupper()]
    for chunk in doc.noun_chunks:
        root = chunk.root
        if not (root.pos_ == "PRON" or not root.is_alpha or root.lemma_.lower() in generic_nouns
                or root.lower_ in generic_nouns):
            found.append((chunk.start_char, chunk.end_char, chunk.text))
    doc.user_data[_PLAIN] = found
    return found


def _entity_specifics_in(doc, start: int, end: int, holes):
    """Named entities: people, organisations, places, dates, numbers..."""
    for ent in entities(doc):
        if (ent.label_ in _SPECIFIC_ENTS and start <= ent.start_char and ent.end_char <= end
                and not _inside(holes, ent.start_char, ent.end_char)):
            yield ent.text


def has_specifics(ctx) -> bool:
    """Whether the draft names anything specific (see :func:`specifics`)."""
    return next(iter(specifics(ctx)), None) is not None


def specifics(ctx):
    """The specific things the draft mentions, one at a time: the greeting's
    name, proper nouns, topics (noun phrases not headed by a generic noun),
    names, organisations, dates and numbers. Placeholders are not specifics."""
    text = ctx.draft.text.text
    holes = _placeholder_spans(text)
    g = find_greeting(text)
    if g and not g.is_nameless and not _inside(holes, g.name_start, g.name_end):
        yield g.name
    yield from _specifics_in(ctx.doc, g.end if g else 0, len(text), holes)


@rule("G202", "no-specifics", "generic", "warning",
      options={"min-words": Option(int, 15, "Drafts shorter than this are not checked.")},
      data=["generic_nouns.txt"])
def no_specifics(ctx):
    """The note mentions nothing specific to this interview.

    What it does:
        Looks for anything only this note could say: the interviewer's name,
        the company, the role, a date, a proper noun, or a topic you
        discussed. It uses spaCy's named entities and noun phrases; noun
        phrases headed by a generic word ("the opportunity", "your team",
        "my skills") and template placeholders do not count. A draft with
        none of them is flagged.

    Why is this bad?
        A note that would fit any interview at any company proves nothing:
        not that you listened, not that you care about this job. The
        interviewer cannot even tell which candidate you were.

    Example:
        Thank you for taking the time to speak with me. I enjoyed learning
        more about the position and the team, and I am very interested in
        the opportunity.

    Use instead:
        Thank you for taking the time to speak with me on Tuesday. I enjoyed
        hearing how your team moved the billing reports to Snowflake.
    """
    if ctx.metrics.words < ctx.options["min-words"] or has_specifics(ctx):
        return
    sents = content_sentences(ctx)
    if not sents:
        return
    start, end = _trimmed(ctx, sents[0])
    yield ctx.finding(start, end,
                      "nothing in this note is specific: no name, company, role, date or topic you "
                      "discussed, so it could have gone to anyone",
                      ["Add one detail from the interview, e.g. \"I enjoyed hearing how your team moved "
                       "billing to the new warehouse.\""])


def _normal(text: str) -> str:
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"n't\b", " not", text).replace("'m ", " am ").replace("'re ", " are ")
    return " ".join(_NORM.sub(" ", text).split())


@lru_cache(maxsize=1)
def _stock_sentences() -> tuple[str, ...]:
    return tuple(_normal(p.split("\t")[0]) for p in phrases(STOCK_SENTENCES))


def stock_score(sentence: str) -> float:
    """How close ``sentence`` is to a curated stock sentence, 0-100: the best
    of rapidfuzz's character-level token-sort ratio and its ratio over word
    sequences (one swapped word costs little), against the nearest one."""
    from rapidfuzz import fuzz, process

    text = _normal(sentence)
    if not text:
        return 0.0
    best = process.extractOne(text, _stock_sentences(), scorer=fuzz.token_sort_ratio)
    nearest = process.extractOne(text.split(), _stock_words(), scorer=fuzz.ratio)
    by_word = nearest[1] if nearest else 0.0
    return max(float(best[1]) if best else 0.0, float(by_word))


@lru_cache(maxsize=1)
def _stock_words() -> tuple[list[str], ...]:
    """Each stock sentence's words (for :func:`stock_score`'s word-sequence ratio)."""
    return tuple(s.split() for s in _stock_sentences())


def is_stock_sentence(sent, phrase_spans, threshold: float, holes=()) -> bool:
    """A sentence close to a stock sentence, or mostly made of stock phrases,
    or fairly close to one and naming nothing specific."""
    state = _stock_state(sent, phrase_spans, threshold, holes)
    if state is None:
        return next(_entity_specifics_in(sent.doc, sent.start_char, sent.end_char, holes), None) is None
    return state


def _stock_state(sent, phrase_spans, threshold: float, holes) -> bool | None:
    """:func:`is_stock_sentence` without named entities: None when only
    they can tell (fairly close to a stock sentence, no other specifics)."""
    score = stock_score(sent.text)
    if score >= threshold:
        return True
    words = [t for t in sent if t.is_alpha]
    covered = [t for t in words if any(s <= t.idx < e for s, e in phrase_spans)]
    if words and len(covered) >= 0.6 * len(words):
        return True
    if score < threshold - 15:
        return False
    if next(_plain_specifics_in(sent.doc, sent.start_char, sent.end_char, holes), None) is not None:
        return False
    return None


@rule("G203", "mostly-stock-sentences", "generic", "warning",
      options={"max-share": Option(float, 0.5, "Highest share of stock sentences allowed."),
               "min-sentences": Option(int, 2, "Drafts with fewer sentences are not scored."),
               "similarity": Option(float, 80.0, "rapidfuzz score (0-100) from which a sentence "
                                    "counts as a stock sentence.")},
      data=["generic_stock_sentences.txt"])
def mostly_stock_sentences(ctx):
    """Most of the note is stock sentences.

    What it does:
        Scores each sentence after the greeting against a curated set of
        stock follow-up sentences (`generic_stock_sentences.txt`) with
        rapidfuzz, so reworded variants still count (a looser score is enough
        when the sentence names nothing specific), and counts sentences that
        are mostly stock phrases (G201's list). Flags the draft when more than
        `max-share` (default half) of its sentences are stock, pointing at
        the first of them.

    Why is this bad?
        One stock line is harmless. A note made of them reads as a template
        with the name filled in, and the interviewer learns nothing new about
        you from it.

    Example:
        I hope this email finds you well. I wanted to thank you for taking
        the time to meet with me. I look forward to hearing from you.

    Use instead:
        Thank you for showing me the new analytics dashboard on Tuesday. The
        way your team tracks churn by cohort is something I'd love to work on.
    """
    sents = content_sentences(ctx)
    if len(sents) < ctx.options["min-sentences"]:
        return
    spans = [(m.start, m.end) for m in matching.find(ctx.doc, STOCK_PHRASES)]
    holes = _placeholder_spans(ctx.draft.text.text)
    states = [_stock_state(s, spans, ctx.options["similarity"], holes) for s in sents]
    if sum(state is not False for state in states) / len(sents) <= ctx.options["max-share"]:
        return  # not too many even if every undecided one were stock: no NER needed
    stock = [s for s, state in zip(sents, states)
             if state or (state is None and is_stock_sentence(s, spans, ctx.options["similarity"], holes))]
    share = len(stock) / len(sents)
    if share <= ctx.options["max-share"]:
        return
    start, end = _trimmed(ctx, stock[0])
    yield ctx.finding(start, end,
                      f"{len(stock)} of {len(sents)} sentences are stock phrasing ({share:.0%}): the note "
                      "reads like a template with a name filled in",
                      ["Replace most stock lines with details: what you discussed, what you would do, "
                       "one concrete next step."])


@rule("G301", "content-free-sentence", "generic", "info",
      options={"threshold": Option(float, 0.25, "flag a sentence whose generic score from the tone "
                                   "model is at least this (0-1)"),
               "detail-below": Option(float, 0.1, "a sentence that names a topic and scores under this "
                                      "carries a detail: the courtesy sentences beside it are left alone")})
def content_free_sentence(ctx):
    """A courtesy sentence that could go in any note, by the tone model.

    What it does:
        Scores each sentence of the sender's words (after the greeting) with
        the tone model's generic head (docs/tone-model.md): a linear model
        over words, word pairs and character n-grams, trained on email
        sentences written for this project by people who never saw these
        rules, stock ones and near-misses that carry a detail. A sentence at
        `threshold` or above is flagged with the words that carry it, and the
        JSON finding has its `score` (and `tone` "generic"). Sentences with a
        G201 stock phrase or a G101 placeholder in them are left to those
        rules. A courtesy sentence right beside one that carries a detail (it
        names a topic and scores under `detail-below`), in the same paragraph ("Thanks for the interview! Your point about the
        churn dashboard stuck with me."), is the usual frame of a specific
        note and is left alone; a run of courtesy sentences is not.

    Why is this bad?
        A sentence that could be pasted into any note to any company tells
        the reader nothing about you or the interview, and makes the rest of
        the note look like a template too.

    Example:
        I truly value the opportunity to be considered for this position.

    Use instead:
        Thank you again for walking me through the migration plan; I have
        sketched how I would stage the first two services.
    """
    from followup_lint.rules._judgement import model_findings, precise_spans

    text = ctx.draft.text.text
    precise = precise_spans(ctx, (STOCK_PHRASES,), ()) + _placeholder_spans(text)
    framing = _framing_detail(ctx, ctx.options["detail-below"], precise)
    yield from model_findings(
        ctx, "generic", ctx.options["threshold"], precise + framing,
        "reads as content-free: \"{words}\" (model score {score}): it could go in any note to any company, "
        "so the reader skims it",
        "Say something only you could say: a topic, a person or a question from the interview.")


def _framing_detail(ctx, detail_below: float, precise: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the sentences that sit right beside a sentence carrying a
    detail (a proper noun or a topic, a generic score under ``detail_below``,
    at least four words, no stock phrase or placeholder in it), in the same
    paragraph: G301 leaves them alone."""
    from followup_lint.rules._judgement import doc_text, model_sentences, sentence_bounds

    text = doc_text(ctx.doc)
    scored = [(sentence_bounds(sent), sc.categories.get("generic", 0.0), sum(t.is_alpha for t in sent))
              for sent, sc in model_sentences(ctx)]

    def detail(i: int) -> bool:
        (start, end), value, words = scored[i]
        return (value < detail_below and words >= 4 and not any(s < end and start < e for s, e in precise)
                and next(_plain_specifics_in(ctx.doc, start, end, ()), None) is not None)

    def same_paragraph(i: int, j: int) -> bool:
        return text.count("\n", scored[i][0][1], scored[j][0][0]) < 2

    out = []
    for i, (bounds, _, _) in enumerate(scored):
        before = i > 0 and detail(i - 1) and same_paragraph(i - 1, i)
        after = i + 1 < len(scored) and detail(i + 1) and same_paragraph(i, i + 1)
        if before or after:
            out.append(bounds)
    return out
