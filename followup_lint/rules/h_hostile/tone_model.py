"""H1xx, the tone model: a sentence that reads as hostile as a whole (H102)."""

from __future__ import annotations

from followup_lint.registry import Option, rule
from followup_lint.rules._judgement import hits, quote
from followup_lint.rules.h_hostile._vader import _sentiment


def _sentence_bounds(sent) -> tuple[int, int]:
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    return start, end


# The phrase lists of the precise layer: a sentence one of them already
# flags gets no second finding from the model (one finding per span).
_PRECISE = ("hostile_profanity", "hostile_insults", "hostile_blame", "hostile_threats",
            "hostile_sarcasm", "hostile_passive_aggressive")

_WHY = {
    "insult": "the reader will feel attacked, and the note will be remembered for this line alone",
    "blame": "the reader will feel accused and defend themselves instead of reconsidering",
    "threat": "the reader will feel threatened, and the note may go straight to HR or legal",
    "sarcasm": "the reader will feel mocked, and remember you for it",
    "impatience": "the reader will feel pressed and put the note aside",
    "condescension": "the reader will feel talked down to, and stop reading charitably",
}
_INSTEAD = {
    "insult": "I was disappointed by the news, but thank you for your time and for considering me.",
    "blame": "Thank you for the time you spent on my application; I would welcome any feedback you can share.",
    "threat": "Thank you for letting me know. I would appreciate any feedback you can share.",
    "sarcasm": "Thank you for letting me know. I would welcome the chance to be considered for future roles.",
    "impatience": "I wanted to check in on the timeline when you have a moment.",
    "condescension": "I would be glad to share more detail on my experience if it would help.",
}


def sentence_tones(ctx) -> list:
    """(sentence, Score) for each sentence of the sender's words, scored
    once per draft whichever of H102/H501 asks first."""
    cached = ctx.doc.user_data.get("followup_lint.tone")
    if cached is None:
        from followup_lint.tone import load

        sents = [s for s in ctx.doc.sents if any(t.is_alpha for t in s)]
        cached = list(zip(sents, load().scores([s.text.strip() for s in sents])))
        ctx.doc.user_data["followup_lint.tone"] = cached
    return cached


def _precise_sentences(ctx) -> set[int]:
    """Start tokens of the sentences a phrase list of the hostile family
    already flags."""
    return {m.span.sent.start for name in _PRECISE for m in hits(ctx, name)}


def carrying_words(text: str) -> str:
    """The run of words of ``text`` that pushes its hostile score up most
    (at least three words, when the sentence has them)."""
    from followup_lint.tone import load
    from followup_lint.tone.features import word_spans

    weights = load().word_weights(text)
    spans = word_spans(text)
    if not weights or len(spans) != len(weights):
        return quote(text)
    best, best_at, run, run_at = float("-inf"), (0, 0), 0.0, 0
    for i, (_, w) in enumerate(weights):
        if run <= 0:
            run, run_at = w, i
        else:
            run += w
        if run > best:
            best, best_at = run, (run_at, i)
    lo, hi = best_at
    while hi - lo < 2 and (lo > 0 or hi < len(weights) - 1):
        left = weights[lo - 1][1] if lo > 0 else float("-inf")
        right = weights[hi + 1][1] if hi < len(weights) - 1 else float("-inf")
        if left >= right:
            lo -= 1
        else:
            hi += 1
    return quote(text[spans[lo][0]:spans[hi][1]])


@rule("H102", "offensive-sentence", "hostile", "warning",
      options={"threshold": Option(float, 0.7, "flag a sentence whose tone-model score is at "
                                   "least this (0-1)"),
               "max-sentiment": Option(float, 1.0, "...and, below 1, whose VADER compound "
                                       "sentiment is at most this (-1 to 1; 1: no limit)")})
def offensive_sentence(ctx):
    """A sentence that reads as hostile as a whole, by the tone model.

    What it does:
        Scores each sentence of the sender's words with the tone model
        (docs/tone-model.md): a linear model over words, word pairs and
        character n-grams, trained on public labelled text and on email
        sentences written for this project. A sentence whose score is at
        least `threshold` is flagged with the tone it carries (insult,
        blame, threat, sarcasm, impatience, condescension) and the words
        that carry it; the JSON finding has the score and the tone. Sentences
        a phrase list of H101, H201, H202, H301 or H302 already flags are
        left to that rule.

    Why is this bad?
        Hostility does not need a swear word or a stock phrase. A sentence
        that reads as contempt, blame or a veiled threat makes the reader
        defensive, and a defensive reader does not reconsider a decision or
        remember you for the next opening.

    Example:
        Your recruiter could not even spell my name right.

    Use instead:
        I was disappointed by the news, but I understand. Thank you for
        your time during the process.
    """
    from followup_lint.tone.model import READS_AS

    threshold = ctx.options["threshold"]
    max_sentiment = ctx.options["max-sentiment"]
    scored = [(s, sc) for s, sc in sentence_tones(ctx) if sc.hostile >= threshold]
    if not scored:
        return
    precise = _precise_sentences(ctx)
    for sent, sc in scored:
        if sent.start in precise:
            continue
        text = sent.text.strip()
        if max_sentiment < 1.0 and _sentiment().polarity_scores(text)["compound"] > max_sentiment:
            continue
        start, end = _sentence_bounds(sent)
        yield ctx.finding(start, end,
                          f"reads as {READS_AS[sc.tone]}: \"{carrying_words(text)}\" (tone score "
                          f"{sc.hostile:.2f}): {_WHY[sc.tone]}",
                          [_INSTEAD[sc.tone]], score=round(sc.hostile, 4), tone=sc.tone)
