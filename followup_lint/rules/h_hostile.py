"""Hostile passages: insults, blame, threats, sarcasm, passive aggression,
shouting. Even after a rejection, the note that gets remembered well is the
one that thanks the interviewer and keeps it professional."""

from __future__ import annotations

import re
from functools import lru_cache

from followup_lint.deferred import entities
from followup_lint.data import phrases
from followup_lint.parts import SUBJECT_TAGS
from followup_lint.registry import Option, rule
from followup_lint.rules._judgement import hits, phrase_findings, quote
from followup_lint.rules._kinds import is_kind

# Someone the insult can be aimed at: the reader, the company, the hire.
_TARGETS = frozenset({
    "you", "your", "yours", "u", "ur", "they", "them", "their", "he", "she", "his", "her",
    "whoever", "team", "company", "recruiter", "interviewer", "manager", "process",
    "people", "decision", "questions", "question", "interview", "firm", "hr",
})


_SELF = frozenset({"i", "me", "my", "myself", "mine"})


def _self_directed(span) -> bool:
    """"I felt stupid", "my idiotic typo": self-deprecation, not an insult.
    True when the sentence speaks of the writer and of nobody else."""
    others = [t for t in span.sent if t.i < span.start or t.i >= span.end]
    return any(t.lower_ in _SELF for t in others) and not any(t.lower_ in _TARGETS for t in others)


_SEEM = frozenset({"sound", "feel", "look", "seem", "ask"})


def _self_deprecating(span) -> bool:
    """"Sorry if this is a stupid question", "at the risk of sounding stupid"."""
    head = span.root.head
    if span.root.dep_ == "amod" and head.lemma_ == "question" and head.tag_ == "NN":
        return True
    if head.lemma_ in _SEEM and head.pos_ in ("VERB", "AUX"):
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return not subjects or all(c.lower_ in _SELF for c in subjects)
    return False


@rule("H101", "insult-or-profanity", "hostile", "error",
      data=["hostile_profanity.txt", "hostile_insults.txt"])
def insult_or_profanity(ctx):
    """An insult or a swear word.

    What it does:
        Flags profanity anywhere in the sender's words, and insulting words
        ("idiot", "clueless", "a joke", "incompetent") when the sentence aims
        them at someone: the reader, their team, their company, the person
        they hired.

    Why is this bad?
        The reader stops reading at the insult. Whatever else the note says,
        it is now the angry email that gets forwarded around the office, and
        the door closes for every future opening there.

    Example:
        Your hiring manager is clearly clueless.

    Use instead:
        Thank you for letting me know. I enjoyed meeting the team and would
        welcome the chance to be considered for future roles.
    """
    sugg = "Thank you for letting me know. I enjoyed meeting the team and hope our paths cross again."
    yield from phrase_findings(
        ctx, (m for m in hits(ctx, "hostile_profanity")
              if not any(e.label_ == "PERSON" and e.start < m.span.end and m.span.start < e.end
                         for e in entities(ctx.doc))),  # "Dick, can you..." is a name
        "profanity \"{phrase}\": the reader will feel sworn at and stop reading; nothing after it will count",
        sugg)
    yield from phrase_findings(
        ctx, (m for m in hits(ctx, "hostile_insults") if not (_self_directed(m.span) or _self_deprecating(m.span))),
        "insult \"{phrase}\": the reader will feel attacked, and the note will be remembered for this word alone",
        sugg)


# -- the tone model ---------------------------------------------------------------

def _sentence_bounds(sent) -> tuple[int, int]:
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    return start, end


@lru_cache(maxsize=1)
def _sentiment():
    """VADER's analyser (lexicon bundled in the package, offline)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


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


# -- blame, threats, sarcasm, passive aggression ---------------------------------

@rule("H201", "blame-or-accusation", "hostile", "error", data=["hostile_blame.txt"])
def blame_or_accusation(ctx):
    """Blame or an accusation aimed at the reader.

    What it does:
        Finds accusations in many word forms: "you obviously did not read",
        "you wasted my time", "you guys have totally wasted our time",
        "you misled me", "you ghosted me", "it is your fault". Negated
        statements ("you did not waste my time") are not flagged.

    Why is this bad?
        The reader hears an accusation and defends themselves; they do not
        reconsider. Even when the process was poor, blame turns a candidate
        they might call back into one they warn colleagues about.

    Example:
        You obviously did not read my portfolio, and you wasted my time.

    Use instead:
        I would be glad to walk you through my portfolio if it would help.
        Thank you for the time you spent on my application.
    """
    yield from phrase_findings(
        ctx, hits(ctx, "hostile_blame"),
        "\"{phrase}\" accuses the reader: they will feel blamed and defend themselves instead of reconsidering",
        "Thank you for the time you spent on my application; I would welcome any feedback you can share.")


@rule("H202", "threat", "hostile", "error", data=["hostile_threats.txt"])
def threat(ctx):
    """A threat: lawyers, public posts, regret.

    What it does:
        Finds threats and warnings: "you will regret this", "expect to hear
        from my lawyer", "I will post about this", "I am going to leave a
        review", "I will take this further".

    Why is this bad?
        A threat ends the conversation and often starts another one with
        the company's legal or HR team. The reader will feel intimidated,
        and nobody hires or recommends a candidate who threatened them.

    Example:
        If I do not hear back by Friday, I will post about this on LinkedIn.

    Use instead:
        Could you let me know where things stand when you have a moment?
    """
    yield from phrase_findings(
        ctx, hits(ctx, "hostile_threats"),
        "\"{phrase}\" is a threat: the reader will feel intimidated, and the note may go straight to HR or legal",
        "Could you let me know where things stand when you have a moment?")


@rule("H301", "sarcasm", "hostile", "warning",
      data=["hostile_sarcasm.txt", "hostile_sarcasm_ambiguous.txt"])
def sarcasm(ctx):
    """Sarcasm, typically in a reply to a rejection.

    What it does:
        Finds sarcastic stock phrases: "thanks for nothing", "really
        professional.", "real classy", "I am sure whoever you picked is a
        real genius", "good luck with that", "your loss". Phrases that are
        sincere in a kind note ("Thanks a lot.", "whoever you picked",
        "oh well") count only next to a clearly negative sentence.

    Why is this bad?
        Sarcasm is contempt with a smile. The reader will feel mocked, and
        it undoes the one thing a reply to a rejection can achieve: being
        remembered well for the next opening.

    Example:
        Thanks for nothing. I am sure whoever you picked is a real genius.

    Use instead:
        Thank you for letting me know. I enjoyed learning about the team and
        would welcome the chance to be considered for future roles.
    """
    found = list(hits(ctx, "hostile_sarcasm"))
    found += [m for m in hits(ctx, "hostile_sarcasm_ambiguous") if _sour_context(ctx.doc, m.start)]
    yield from phrase_findings(
        ctx, sorted(found, key=lambda m: (m.start, m.end)),
        "\"{phrase}\" reads as sarcasm: the reader will feel mocked, and remember you for it",
        "Thank you for letting me know. I would welcome the chance to be considered for future roles.")


def _sour_context(doc, offset: int, limit: float = -0.3) -> bool:
    """The sentence at ``offset``, or the one before or after it, reads as
    clearly negative (VADER compound at most ``limit``)."""
    sents = [s for s in doc.sents if s.text.strip()]
    for i, sent in enumerate(sents):
        if sent.start_char <= offset < sent.end_char:
            window = sents[max(0, i - 1):i + 2]
            return any(_sentiment().polarity_scores(s.text)["compound"] <= limit for s in window)
    return False


@rule("H302", "passive-aggressive", "hostile", "warning", data=["hostile_passive_aggressive.txt"])
def passive_aggressive(ctx):
    """Passive-aggressive phrasing.

    What it does:
        Finds phrases that scold while pretending to be polite: "as per my
        last email", "per my previous message", "not sure if you got my
        last three emails", "I would appreciate it if you could actually
        respond", "as I already said", "friendly reminder".

    Why is this bad?
        Everyone knows what these phrases mean. The reader will feel
        scolded for being slow, and a scolded reader answers last, if at
        all.

    Example:
        As per my last email, I would appreciate it if you could actually
        respond.

    Use instead:
        I wanted to check in on the timeline for the data engineer role.
        Is there anything else I can send you?
    """
    yield from phrase_findings(
        ctx, hits(ctx, "hostile_passive_aggressive"),
        "\"{phrase}\" is passive-aggressive: the reader will feel scolded for being slow",
        "I wanted to check in on the timeline. Is there anything else I can send you?")


# -- shouting -----------------------------------------------------------------

_PUNCT_RUN = re.compile(r"[!?]*(?:!!|\?\?|\?!|!\?)[!?]*")
# Words that make capitals a raised voice rather than a heading or a name:
# addressing someone, demanding, insisting.
_VOICE = frozenset({
    "you", "your", "yours", "i", "me", "my", "we", "our", "please", "urgent", "immediately",
    "really", "still", "again", "respond", "reply", "answer", "call", "read", "unacceptable",
    "ridiculous", "never", "ever", "now", "today", "why", "what", "when", "do", "does", "did",
    "not", "no", "must", "need", "stop", "have", "has", "waiting", "wait", "anyone", "already",
    "seriously", "how", "can", "will", "won't", "don't", "didn't", "haven't", "is", "are",
})


@lru_cache(maxsize=1)
def _acronyms() -> frozenset[str]:
    return frozenset(p.split("\t")[0].strip().lower() for p in phrases("hostile_acronyms"))


def _capsword(tok) -> bool:
    t = tok.text
    return len(t) >= 2 and t.isalpha() and t.isupper() and t.lower() not in _acronyms()


# ...and those that aim the raised voice at the reader.
_AT_READER = frozenset({"you", "your", "yours", "why", "still", "answer", "respond", "reply",
                        "anyone", "seriously", "unacceptable", "ridiculous"})


def _calm(doc, first, text: str) -> str:
    """The shouted words in ordinary case ("I" stays upper-case)."""
    out = " ".join("I" if w == "I" else w.lower() for w in text.split())
    return out[:1].upper() + out[1:] if first.is_sent_start else out


def _voice(tok) -> bool:
    return tok.lower_ in _VOICE


@rule("H401", "shouting", "hostile", "warning",
      options={"min-words": Option(int, 3, "capitalised words in a row that make a shouted "
                                   "sentence (a warning); fewer are a nudge (info)"),
               "min-marks": Option(int, 3, "'!' and '?' in a row that are a warning; "
                                   "two are a nudge (info)")},
      data=["hostile_acronyms.txt"])
def shouting(ctx):
    """Shouting: words in capitals, "!!!" or "???".

    What it does:
        Flags a run of words in capitals that shouts at the reader ("WHY
        HAVE YOU NOT ANSWERED": at least `min-words` words, one of them
        aimed at the reader such as "you", "why", "still", "answer") and
        runs of `min-marks` or more "!" and "?" as warnings. Other shouted
        runs ("DO NOT CLICK THE LINK"), a single word of voice in capitals
        ("I am STILL waiting"), "!!", "??", and a note written in capitals
        throughout (more than 30% of its words) are a nudge (info).
        Headings, acronyms and names in capitals are not shouting: runs
        without a word of voice (a pronoun, "please", "not", "why"...)
        such as "SQL", "AWS", "NEW YORK" or "HEART OF GOLD CELEBRATION"
        are left alone, and so are "I", "OK", "HR", "IT", "US", "AM", "PM".
        In the subject line, which is read first, a word of four or more
        capitals that is not an acronym ("URGENT - Any update???") and a
        run of `min-marks` "?" or "!" are warnings too.

    Why is this bad?
        Capitals and stacked punctuation read as a raised voice. The reader
        will feel yelled at and put the note aside until they are calm,
        which is the opposite of what a follow-up wants.

    Example:
        WHY HAVE YOU NOT ANSWERED MY EMAIL???

    Use instead:
        I wanted to check in on the timeline when you have a moment.
    """
    from followup_lint.finding import Severity

    doc = ctx.doc
    min_words = ctx.options["min-words"]
    min_marks = ctx.options["min-marks"]
    words = [t for t in doc if not t.is_space and not t.is_punct]
    alpha = [t for t in words if t.is_alpha and len(t.text) >= 2]
    # Capitals throughout (a caps-lock habit, a pasted notice) are a nudge:
    # shouting is capitals that stand out from the rest of the note.
    caps_note = bool(alpha) and sum(_capsword(t) for t in alpha) > 0.3 * len(alpha)
    i = 0
    while i < len(words):
        if not _capsword(words[i]):
            i += 1
            continue
        j = i
        while j + 1 < len(words) and _capsword(words[j + 1]) and words[j + 1].i - words[j].i <= 2:
            j += 1
        run = words[i:j + 1]
        i = j + 1
        if not any(_voice(t) for t in run):
            continue  # names, acronyms, codes
        at_reader = any(t.lower_ in _AT_READER for t in run)
        severity = Severity.WARNING if len(run) >= min_words and at_reader and not caps_note \
            else Severity.INFO
        start, end = run[0].idx, run[-1].idx + len(run[-1].text)
        what = "a sentence in capitals" if len(run) >= min_words else "capitals"
        yield ctx.finding(start, end,
                          f"\"{quote(doc.text[start:end])}\" in {what} reads as shouting: the "
                          "reader will feel yelled at",
                          [_calm(doc, run[0], doc.text[start:end])], severity=severity, fix="unsafe")
    for m in _PUNCT_RUN.finditer(doc.text):
        mark = m.group(0)
        severity = Severity.WARNING if len(mark) >= min_marks else Severity.INFO
        yield ctx.finding(m.start(), m.end(),
                          f"\"{mark}\" reads as shouting or exasperation: the reader will feel "
                          "pressed", ["?" if "?" in mark else "."], severity=severity, fix="safe")
    yield from _subject_shouting(ctx, min_marks)


_SUBJECT_CAPS = re.compile(r"\b[A-Z]{4,}\b")


def _subject_shouting(ctx, min_marks: int):
    """The subject is the first thing read: a word in capitals there
    ("URGENT - Any update???") shouts, and so does a run of "?" or "!"."""
    subject = ctx.draft.header("subject")
    if subject is None:
        return
    text = ctx.draft.source[subject.start:subject.end]
    tags = SUBJECT_TAGS.match(text)  # "[PATCH]", "Re:": the mail program's, not shouting
    if tags:
        text = " " * tags.end() + text[tags.end():]  # blanked, so positions stay the same
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.7 * len(letters) and len(letters) > 12:
        return  # a subject in capitals throughout is a habit, left to the body's nudge
    for m in _SUBJECT_CAPS.finditer(text):
        if m.group(0).lower() in _acronyms():
            continue
        yield ctx.finding(subject.start + m.start(), subject.start + m.end(),
                          f"\"{m.group(0)}\" in capitals in the subject reads as shouting: the reader will "
                          "feel yelled at before opening the note", [m.group(0).capitalize()], in_source=True)
    for m in _PUNCT_RUN.finditer(text):
        if len(m.group(0)) >= min_marks:
            yield ctx.finding(subject.start + m.start(), subject.start + m.end(),
                              f"\"{m.group(0)}\" in the subject reads as exasperation: the reader will feel "
                              "pressed", ["?" if "?" in m.group(0) else "."], in_source=True)


# -- kind-aware (docs/kinds.md) --------------------------------------------------

@rule("H701", "argues-with-rejection", "hostile", "warning", data=["hostile_arguing.txt"])
def argues_with_rejection(ctx):
    """Disputes the decision in a reply to a rejection.

    What it does:
        In a draft whose kind is `rejection-reply` (docs/kinds.md), finds
        sentences that argue with the decision: "I was clearly the best
        candidate", "I strongly disagree with your decision", "you
        overlooked my experience", "this is unfair", "I aced every round".
        Negated ones ("I don't disagree") are not flagged; other kinds of
        note are not checked.

    Why is this bad?
        The decision is made, and nobody reverses a hire because the
        rejected candidate objects. Arguing tells the reader they were right
        to say no, and closes the door on the next opening.

    Example:
        I strongly disagree with your decision. I was clearly the best
        candidate you interviewed.

    Use instead:
        Thank you for letting me know. I enjoyed meeting the team and would
        welcome the chance to be considered for future roles.
    """
    if not is_kind(ctx, "rejection-reply"):
        return
    yield from phrase_findings(
        ctx, hits(ctx, "hostile_arguing"),
        "\"{phrase}\" argues with the decision: it will not change it, and it tells the reader they were right",
        "Thank you for letting me know. I would welcome the chance to be considered for future roles.")


@rule("H702", "demands-reasons", "hostile", "warning", data=["hostile_demands.txt"])
def demands_reasons(ctx):
    """Demands to know why, in a reply to a rejection.

    What it does:
        In a `rejection-reply` draft, finds demands for the reasons: "I
        deserve an explanation", "Why was I rejected?", "Tell me exactly
        why", "What was wrong with my application?". A polite request for
        feedback ("if you have a moment, I would welcome any feedback") is
        not flagged.

    Why is this bad?
        Many employers cannot give reasons, for legal or policy reasons; a
        demand puts the reader on the defensive and gets silence. An open
        request for feedback sometimes gets a useful answer.

    Example:
        I deserve an explanation. Why was I rejected after four rounds?

    Use instead:
        If you have a moment, I would welcome any feedback that could help
        me in future interviews.
    """
    if not is_kind(ctx, "rejection-reply"):
        return
    yield from phrase_findings(
        ctx, hits(ctx, "hostile_demands"),
        "\"{phrase}\" demands reasons: many employers cannot give them, and a demand gets silence",
        "If you have a moment, I would welcome any feedback that could help me in future interviews.")


@rule("H703", "burns-the-bridge", "hostile", "warning", data=["hostile_bridge.txt"])
def burns_the_bridge(ctx):
    """Contempt for the employer on the way out.

    What it does:
        In a reply to a rejection, an answer to an offer (a decline) or a
        withdrawal (kinds `rejection-reply`, `offer-reply`, `withdrawal`),
        finds parting shots: "I would never work for a company like yours",
        "looks like I dodged a bullet", "your offer was insulting", "your
        process is a mess", "I have far better options", "I will be leaving
        a review on Glassdoor".

    Why is this bad?
        Recruiters move between companies and hiring managers talk; the
        people you turn down or who turn you down are part of your network
        for years. A parting shot is what they will remember of you.

    Example:
        Frankly your offer was insulting, and I have far better options.

    Use instead:
        Thank you for the offer and for your time. I have decided to accept
        another role, and I hope our paths cross again.
    """
    if not is_kind(ctx, "rejection-reply", "offer-reply", "withdrawal"):
        return
    yield from phrase_findings(
        ctx, hits(ctx, "hostile_bridge"),
        "\"{phrase}\" burns the bridge: these people stay in your field, and this is what they will remember",
        "Thank you for your time; I hope our paths cross again.")
