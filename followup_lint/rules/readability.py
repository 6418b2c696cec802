"""Readability: sentence length and reading grade (textstat)."""

from __future__ import annotations

from followup_lint.registry import Option, rule


def _trimmed(sent) -> tuple[int, int]:
    text = sent.text
    return sent.start_char, sent.start_char + len(text.rstrip())


@rule("W101", "sentence-too-long", "writing", "warning",
      options={"max-words": Option(int, 35, "Longest sentence allowed, in words.")})
def sentence_too_long(ctx):
    """A sentence is longer than the reader can take in at once.

    What it does:
        Counts the words of each sentence of the sender's text and flags those
        above `max-words` (default 35).

    Why is this bad?
        Interviewers read follow-ups between meetings, often on a phone. A
        long sentence gets skimmed, and the point in its middle gets lost.

    Example:
        I wanted to say thank you for taking the time to meet with me on
        Tuesday to talk about the role and the team and the plans for the new
        platform, which I found really interesting because it is close to what
        I did at my last job where I also worked on data pipelines.

    Use instead:
        Thank you for meeting with me on Tuesday. The plans for the new
        platform were close to the data pipelines I built at my last job.
    """
    from followup_lint.analysis import sentence_words

    limit = ctx.options["max-words"]
    for sent in ctx.doc.sents:
        n = sentence_words(sent)
        if n > limit:
            start, end = _trimmed(sent)
            yield ctx.finding(start, end, f"sentence of {n} words (more than {limit}): split it in two")


@rule("W102", "reading-grade-too-high", "writing", "warning",
      options={"max-grade": Option(float, 12.0, "Highest Flesch-Kincaid grade allowed."),
               "min-words": Option(int, 40, "Drafts shorter than this are not graded.")})
def reading_grade_too_high(ctx):
    """The draft needs more schooling to read than a quick note should.

    What it does:
        Computes the Flesch-Kincaid grade of the sender's text with textstat
        and flags drafts above `max-grade` (default 12), pointing at the
        hardest sentence. Drafts under `min-words` words are not graded.

    Why is this bad?
        Dense, jargon-heavy prose reads as trying too hard. Plain words and
        short sentences are easier to answer.

    Example:
        I remain particularly enthusiastic regarding the organizational
        transformation initiatives we discussed, particularly considering my
        comprehensive experience facilitating cross-functional collaboration.

    Use instead:
        I am excited about the changes to the team we talked about. I have
        led projects across teams like that before.
    """
    from followup_lint.analysis import _textstat, sentence_words

    m = ctx.metrics
    limit = ctx.options["max-grade"]
    if m.words < ctx.options["min-words"] or m.flesch_kincaid_grade <= limit:
        return
    ts = _textstat()

    def grade(sent) -> float:
        words = sentence_words(sent)
        return 0.39 * words + 11.8 * ts.syllable_count(sent.text) / words - 15.59

    hardest = max((s for s in ctx.doc.sents if sentence_words(s)), key=grade)
    start, end = _trimmed(hardest)
    yield ctx.finding(start, end, f"reading grade {m.flesch_kincaid_grade} is above {limit:g}: "
                      "use shorter sentences and plainer words (hardest sentence here)")
