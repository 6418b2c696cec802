"""W, writing beyond grammar: readability (W1xx: sentence length, reading
grade), passive voice, hedging, apologies, walls of text, lower-case "i",
repeated words, swearing aimed at nobody (W2xx)."""

from __future__ import annotations

import re

from followup_lint import matching
from followup_lint.data import phrases
from followup_lint.deferred import doc_text
from followup_lint.registry import Option, rule
from followup_lint.rules._swearing import swearing


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


def _first_column(name: str) -> set[str]:
    return {line.split("\t")[0].lower() for line in phrases(name)}


@rule("W201", "passive-voice", "writing", "info", data=["writing_passive_ok.txt"])
def passive_voice(ctx):
    """A sentence in the passive voice hides who did what.

    What it does:
        Uses spaCy's dependency parse (`nsubjpass`/`auxpass`) to find passive
        reports of past actions: "my resume was sent", "mistakes were made",
        "it has been reviewed", at most one per sentence. Present states ("my
        resume is attached"), passives after a modal ("I can be reached") and
        participles that describe a feeling or a state ("I was impressed",
        "I am based in Porto", list: `writing_passive_ok.txt`) are not
        reported.

    Why is this bad?
        The passive is vaguer and longer, and in a follow-up it often hides
        the one thing the reader wants to know: who did it. "The report was
        sent" - by whom? "I sent the report" is shorter and clear.

    Example:
        The code sample was finished over the weekend.

    Use instead:
        I finished the code sample over the weekend.
    """
    ok = _first_column("writing_passive_ok")
    seen = set()
    for tok in ctx.doc:
        if tok.dep_ != "auxpass":
            continue
        verb = tok.head
        if verb.lemma_.lower() in ok or verb.lower_ in ok or verb.sent.start in seen:
            continue
        if any(c.tag_ == "MD" for c in verb.children):
            continue  # "I can be reached", "it will be reviewed": plain business usage
        if tok.tag_ != "VBD" and not any(c.lemma_ == "have" and c.dep_ == "aux" for c in verb.children):
            continue  # present states ("my resume is attached"); report past actions only
        seen.add(verb.sent.start)
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
        start_tok = min([tok] + [t for s in subjects for t in s.subtree], key=lambda t: t.i)
        if start_tok.i > tok.i:
            start_tok = tok
        start, end = start_tok.idx, verb.idx + len(verb.text)
        if end <= start:
            continue
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        who = "say who did it" if agent is None else "put the doer first"
        yield ctx.finding(start, end, f"passive voice \"{doc_text(ctx.doc)[start:end]}\": {who}; the active "
                          "voice is shorter and clearer",
                          ["Make the doer the subject, e.g. \"I sent the report\" rather than "
                           "\"the report was sent\"."])


@rule("W202", "hedging", "writing", "info", data=["writing_hedges.txt"])
def hedging(ctx):
    """A hedge weakens what you mean to say.

    What it does:
        Finds hedges that undercut the sentence they are in: "just" before a
        verb ("I just wanted to"), "I think maybe", "kind of", "I feel like",
        "I was wondering if", "I guess"... The list, matched on lemmas, is
        `writing_hedges.txt`.

    Why is this bad?
        Hedges make the writer sound unsure of their own work and make a
        request easier to ignore. A follow-up should be modest, but clear.

    Example:
        I just wanted to check in. I think maybe I could help with the
        migration.

    Use instead:
        I wanted to check in. I can help with the migration.
    """
    for m in matching.find(ctx.doc, "writing_hedges"):
        if _noun_kind_of(m.span):
            continue  # "exactly the kind of opportunity": a noun, not a hedge
        yield ctx.finding(m.start, m.end, f"hedge \"{m.span.text}\": it makes you sound unsure; say it "
                          "plainly", [m.entry.column(1, "Say it plainly.")])


def _noun_kind_of(span) -> bool:
    """"kind of" / "sort of" used as a noun with its determiner ("the kind
    of team", "what sort of role"), not as the hedging adverb."""
    doc = span.doc
    for t in span:
        if t.lower_ in ("kind", "sort"):
            prev = doc[t.i - 1] if t.i > 0 else None
            if any(c.dep_ in ("det", "amod", "poss") for c in t.children) or (
                    prev is not None and (prev.tag_ in ("DT", "WDT", "PDT", "JJ", "PRP$") or prev.lower_ in (
                        "exactly", "same", "what", "which", "this", "that", "the", "a", "any", "every"))):
                return True
    return False


@rule("W203", "over-apology", "writing", "warning", data=["writing_apologies.txt"])
def over_apology(ctx):
    """The note apologises for being sent.

    What it does:
        Finds apologies for writing at all: "sorry to bother you", "I hope
        I'm not bothering you", "I apologize for taking up your time", "I
        know you are very busy"... (list: `writing_apologies.txt`).

    Why is this bad?
        A follow-up is a normal part of hiring, not an imposition. Apologising
        for it lowers your standing and puts the reader in the position of
        reassuring you.

    Example:
        Sorry to bother you again, but is there any news?

    Use instead:
        Is there any news on the decision? Thanks again for your time.
    """
    for m in matching.find(ctx.doc, "writing_apologies"):
        yield ctx.finding(m.start, m.end, f"\"{m.span.text}\" apologises for writing: a follow-up is "
                          "normal, so thank instead of apologising",
                          [m.entry.column(1, "Thank instead of apologising.")])


# A paragraph ends at a blank line, or at a line break right after a full
# sentence (a ragged line end is a visual break; hard-wrapped lines are not).
_PARAGRAPH = re.compile(r"\S(?:[^\n]|(?<![.!?:;)\"\u201d])\n(?![ \t]*\n))*")
_WORD = re.compile(r"[A-Za-z0-9][\w'\u2019-]*")


@rule("W204", "wall-of-text", "writing", "warning",
      options={"max-words": Option(int, 100, "Most words in one paragraph."),
               "max-sentences": Option(int, 6, "Most sentences in one paragraph.")})
def wall_of_text(ctx):
    """A paragraph is too long to read at a glance.

    What it does:
        Splits the sender's text into paragraphs at blank lines (and at line
        breaks right after a full sentence, which the eye also sees as a
        break; hard-wrapped lines are joined) and flags those over `max-words` words (default 100) or `max-sentences`
        sentences (default 6).

    Why is this bad?
        On a phone a long paragraph is a wall of grey that the reader scrolls
        past. Short paragraphs, each with one point, get read.

    Example:
        A single paragraph of 150 words that thanks the interviewer, recaps
        the whole interview, lists five skills and asks three questions.

    Use instead:
        Three short paragraphs: the thanks with one detail, what you would
        bring, and one next step.
    """
    from followup_lint.parts import find_greeting

    text = ctx.draft.text.text
    g = find_greeting(text)
    skip = g.end if g else 0
    max_words, max_sents = ctx.options["max-words"], ctx.options["max-sentences"]
    starts = None  # the start of each sentence with a word, in order
    for m in _PARAGRAPH.finditer(text):
        start, end = m.start(), m.start() + len(m.group(0).rstrip())
        if start < skip:  # the greeting line is not part of the paragraph
            start = skip
            while start < end and text[start].isspace():
                start += 1
            if start >= end:
                continue
        words = len(_WORD.findall(text[start:end]))
        if starts is None:  # one pass over the sentences, not one per paragraph
            starts = [s.start_char for s in ctx.doc.sents if any(t.is_alpha for t in s)]
        sents = [c for c in starts if start <= c < end]
        if words > max_words or len(sents) > max_sents:
            yield ctx.finding(start, end, f"paragraph of {words} words and {len(sents)} sentences: "
                              "split it into short paragraphs with one point each",
                              ["Break it up: thanks and one detail; what you bring; one next step."])


@rule("W205", "lowercase-i", "writing", "warning", overrides=["L101"])
def lowercase_i(ctx):
    """The pronoun "I" is written in lower case.

    What it does:
        Flags "i" used as the pronoun ("i think", "i'm", "i've").

    Why is this bad?
        It reads as a text message, or as carelessness, in a note that is
        meant to show you take the job seriously.

    Example:
        i enjoyed the interview and i'm excited about the role.

    Use instead:
        I enjoyed the interview and I'm excited about the role.
    """
    for tok in ctx.doc:
        if tok.text == "i" and not tok.like_url and not tok.like_email:
            nxt = ctx.doc[tok.i + 1] if tok.i + 1 < len(ctx.doc) else None
            if nxt is not None and nxt.text in (".", ")") and not tok.whitespace_:
                continue  # "i." / "i)" list markers
            yield ctx.finding(tok.idx, tok.idx + 1, "lower-case \"i\": write \"I\"", ["I"], fix="safe")


@rule("W206", "repeated-word", "writing", "warning", data=["writing_repeat_ok.txt"],
      overrides=["L201"])
def repeated_word(ctx):
    """The same word twice in a row.

    What it does:
        Flags a word immediately repeated ("the the", "to to"), across line
        breaks too. Words that can rightly double ("had had", "that that")
        are listed in `writing_repeat_ok.txt`.

    Why is this bad?
        It is the typo the writer never sees and the reader always does; it
        tells them the note was not read before it was sent.

    Example:
        I would love to to join the the team.

    Use instead:
        I would love to join the team.
    """
    ok = _first_column("writing_repeat_ok")
    words = [t for t in ctx.doc if not t.is_space]
    for a, b in zip(words, words[1:]):
        if (a.is_alpha and a.lower_ == b.lower_ and a.lower_ not in ok
                and b.idx - (a.idx + len(a)) <= 2 and "\n\n" not in doc_text(ctx.doc)[a.idx:b.idx]):
            yield ctx.finding(a.idx, b.idx + len(b), f"\"{a.text}\" is repeated: delete one", [a.text],
                              fix="safe")


@rule("W207", "profanity", "writing", "warning")
def profanity(ctx):
    """A swear word aimed at nobody: the wrong register for an employer.

    What it does:
        Flags the swear words of H101's lists (`hostile_profanity.txt`,
        `hostile_profanity_at_someone.txt`) that the parse finds aimed at
        nobody: said of the weather, the traffic or the writer's own work,
        or part of an idiom ("shitty movies", "I worked my ass off", "not
        worth a damn", "the damn thing"). Swearing aimed at someone (the
        reader, their company, the process, a person called names) is H101's
        instead: each swear word gets one of the two.

    Why is this bad?
        It is not hostile, but a note to an employer should not swear: it
        reads as careless and over-familiar, and the reader remembers the
        word rather than the point.

    Example:
        I worked my ass off on the take-home task, and the damn thing runs in
        under a second.

    Use instead:
        I worked hard on the take-home task, and it runs in under a second.
    """
    for m, aimed in swearing(ctx):
        if not aimed:
            word = " ".join(m.span.text.split())
            yield ctx.finding(m.start, m.end, f"swearing \"{word}\": a note to an employer should not swear, "
                              "even at nobody; drop the word", [f"Drop \"{word}\" or say it plainly."])
