"""H1xx, the tone model: a sentence that reads as hostile as a whole (H102)."""

from __future__ import annotations

from followup_lint.registry import Option, rule
from followup_lint.rules._judgement import hits, leading_category, model_sentences, quote, sentence_bounds
from followup_lint.rules.h_hostile._fault import faults
from followup_lint.rules.h_hostile._irony import ironies
from followup_lint.rules.h_hostile._lessons import lessons
from followup_lint.rules.h_hostile._threats import threats
from followup_lint.rules.h_hostile._vader import _sentiment


# The phrase lists of the precise layer: a sentence one of them already
# flags gets no second finding from the model (one finding per span).
_PRECISE = ("hostile_profanity", "hostile_profanity_at_someone", "hostile_insults", "hostile_blame", "hostile_threats",
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
    """(sentence, Score) for each sentence of the sender's words (scored
    once per draft, shared with the P, D and G model rules)."""
    return model_sentences(ctx)


def _precise_sentences(ctx) -> set[int]:
    """Start tokens of the sentences a phrase list of the hostile family,
    or the parse layers of H201 (blame), H202 (threats), H301 (sarcasm)
    and H303 (condescension), already flag."""
    found = {m.span.sent.start for name in _PRECISE for m in hits(ctx, name)}
    for start, _ in threats(ctx.doc) + ironies(ctx.doc) + lessons(ctx.doc) + faults(ctx.doc):
        found.add(ctx.doc.char_span(start, start + 1, alignment_mode="expand").sent.start)
    return found


def carrying_words(text: str) -> str:
    """The run of words of ``text`` that pushes its hostile score up most
    (at least three words, when the sentence has them)."""
    from followup_lint.tone import load

    a, b = load().carrying_span(text, "hostile")
    return quote(text[a:b])


@rule("H102", "offensive-sentence", "hostile", "warning",
      options={"threshold": Option(float, 0.788, "flag a sentence whose tone-model score is at "
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
        left to that rule, and a sentence that reads more as presumptuous,
        desperate or generic is left to P301, D303 or G301 (one model finding
        per sentence). The default `threshold` is the level `make train`
        chose on out-of-source training sentences and AESLC dev.

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
    from followup_lint.tone import load
    from followup_lint.tone.model import READS_AS

    threshold = ctx.options["threshold"]
    max_sentiment = ctx.options["max-sentiment"]
    scored = [(s, sc) for s, sc in sentence_tones(ctx) if sc.hostile >= threshold]
    if not scored:
        return
    precise = _precise_sentences(ctx)
    for sent, sc in scored:
        if sent.start in precise or leading_category(load(), sc, "hostile", threshold) != "hostile":
            continue
        text = sent.text.strip()
        if max_sentiment < 1.0 and _sentiment().polarity_scores(text)["compound"] > max_sentiment:
            continue
        start, end = sentence_bounds(sent)
        yield ctx.finding(start, end,
                          f"reads as {READS_AS[sc.tone]}: \"{carrying_words(text)}\" (tone score "
                          f"{sc.hostile:.2f}): {_WHY[sc.tone]}",
                          [_INSTEAD[sc.tone]], score=round(sc.hostile, 4), tone=sc.tone)
