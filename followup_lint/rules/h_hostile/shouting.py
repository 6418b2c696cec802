"""H4xx, shouting: words in capitals, "!!!" and "???", in the body and the subject (H401)."""

from __future__ import annotations

import re
from functools import lru_cache

from followup_lint.data import phrases
from followup_lint.deferred import doc_text
from followup_lint.parts import SUBJECT_TAGS
from followup_lint.registry import Option, rule
from followup_lint.rules._judgement import lost_mark, quote


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


# ...and those that aim the raised voice at the reader: the reader and the
# writer together ("WHY HAVE YOU NOT ANSWERED MY EMAIL", "PLEASE ANSWER ME"),
# or exasperation. Capitals that address the reader alone are a notice's
# emphasis ("YOU MUST SET THE BUSINESS HOURS", "DO NOT RESPOND IF IT IS
# CORRECT"), not a raised voice in an exchange.
_READER = frozenset({"you", "your", "yours", "why", "answer", "respond", "reply", "anyone"})
_WRITER = frozenset({"i", "me", "my", "mine"})
_EXASPERATED = frozenset({"still", "seriously", "unacceptable", "ridiculous", "even", "again", "ever"})


def _at_reader(run) -> bool:
    doc = run[0].doc
    # "I" is too short to be a capitalised word: the one before the run counts
    low = {t.lower_ for t in doc[max(run[0].i - 1, 0):run[-1].i + 1]}
    return bool(low & _EXASPERATED) or bool(low & _READER and low & _WRITER)


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
        HAVE YOU NOT ANSWERED MY EMAIL": at least `min-words` words that
        speak of the reader and the writer together, such as "you" or
        "answer" with "I" or "my", or that are exasperated: "still",
        "seriously", "unacceptable", "even") and runs of `min-marks` or
        more "!" and "?" as warnings. Other shouted runs ("DO NOT CLICK THE
        LINK", a notice's "YOU MUST SET THE BUSINESS HOURS"), a single word
        of voice in capitals ("I am STILL waiting"), "!!", "??", marks after
        warm words with nothing negative in them ("Hope to see everyone
        there!!!": enthusiasm, by VADER's sentiment lexicon), "!!!" after
        words with nothing negative, exasperated ("still", "even") or urgent
        ("now", "immediately") in them and no word of voice in capitals just
        before ("See you later!!!": emphasis), and a note written in
        capitals throughout (more than 30% of its words) are a nudge (info).
        Two "!" after a negative judgement of the reader ("You are
        evil!!") are a warning. The words the marks end are their
        sentence's from its last ":" or line break on (a form's last field).
        A "???" standing for a word not known yet ("scallops and ???",
        after a conjunction or determiner) is not flagged.
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
    min_words = ctx.options["min-words"]
    min_marks = ctx.options["min-marks"]
    yield from _body_capitals(ctx, min_words)
    yield from _body_marks(ctx, min_marks)
    yield from _subject_shouting(ctx, min_marks)


def _capital_runs(words) -> list:
    """Runs of words in capitals (one gap token allowed between two)."""
    runs, i = [], 0
    while i < len(words):
        if not _capsword(words[i]):
            i += 1
            continue
        j = i
        while j + 1 < len(words) and _capsword(words[j + 1]) and words[j + 1].i - words[j].i <= 2:
            j += 1
        runs.append(words[i:j + 1])
        i = j + 1
    return runs


def _body_capitals(ctx, min_words: int):
    """Runs of capitals with a word of voice in them: a warning when long
    and aimed at the reader in a note not written in capitals throughout."""
    from followup_lint.finding import Severity

    doc = ctx.doc
    words = [t for t in doc if not t.is_space and not t.is_punct]
    alpha = [t for t in words if t.is_alpha and len(t.text) >= 2]
    # Capitals throughout (a caps-lock habit, a pasted notice) are a nudge:
    # shouting is capitals that stand out from the rest of the note.
    caps_note = bool(alpha) and sum(_capsword(t) for t in alpha) > 0.3 * len(alpha)
    for run in _capital_runs(words):
        if not any(_voice(t) for t in run):
            continue  # names, acronyms, codes
        at_reader = _at_reader(run)
        severity = Severity.WARNING if len(run) >= min_words and at_reader and not caps_note \
            else Severity.INFO
        start, end = run[0].idx, run[-1].idx + len(run[-1].text)
        what = "a sentence in capitals" if len(run) >= min_words else "capitals"
        yield ctx.finding(start, end,
                          f"\"{quote(doc_text(doc)[start:end])}\" in {what} reads as shouting: the "
                          "reader will feel yelled at",
                          [_calm(doc, run[0], doc_text(doc)[start:end])], severity=severity, fix="unsafe")


def _body_marks(ctx, min_marks: int):
    """Runs of "!" and "?": a warning from ``min_marks`` on, a nudge below."""
    from followup_lint.finding import Severity

    text = doc_text(ctx.doc)
    for m in _PUNCT_RUN.finditer(text):
        mark = m.group(0)
        if "!" not in mark and lost_mark(text, m.start(), whole_line=True):
            continue  # "a ???survivor??": characters the mail lost, not marks
        if "!" not in mark and _placeholder(ctx.doc, m.start()):
            continue  # "scallops and ???": a word not known yet, not a question
        calm = _warm(ctx.doc, m.start()) if "?" in mark else not _exasperated(ctx.doc, m.start())
        loud = len(mark) >= min_marks or ("?" not in mark and _at_reader_negative(ctx.doc, m.start()))
        severity = Severity.WARNING if loud and not calm else Severity.INFO
        yield ctx.finding(m.start(), m.end(),
                          f"\"{mark}\" reads as shouting or exasperation: the reader will feel "
                          "pressed", ["?" if "?" in mark else "."], severity=severity, fix="safe")


def _clause_before(doc, at: int) -> list:
    """The words before the marks at ``at``: their sentence, from its last
    ":" or line break on ("When: Wednesday Time: Drop by at 5:30
    Where: the Tavern  Hope to see everyone there!!!" is a form's fields,
    and only its last field is what the marks end)."""
    tok = doc.char_span(at, at + 1, alignment_mode="expand")
    if tok is None or not len(tok):
        return []
    sent = tok[0].sent
    if tok[0].i == sent.start and sent.start > 0:  # the marks were split off as a sentence of their own
        sent = doc[sent.start - 1].sent
    words: list = []
    for t in doc[sent.start:tok[0].i]:
        if t.text == ":" or "\n" in t.text:
            words = []
        elif not t.is_space:
            words.append(t)
    return words


def _valences(vader, words) -> list[float]:
    """VADER's valence of each word, by its form (its lemma would bring
    the weak negatives of ordinary verbs: "leave", "pay")."""
    return [vader.lexicon.get(t.lower_, 0.0) for t in words]


def _warm(doc, at: int) -> bool:
    """The words before the marks at ``at`` (in their clause) are warm
    and nothing in them is negative ("Hope to see everyone there!!!",
    "Thanks!!!"): enthusiasm, not exasperation. VADER's compound score is
    at least 0.3 and no word has a negative valence in its lexicon."""
    from followup_lint.rules.h_hostile._vader import _sentiment

    words = _clause_before(doc, at)
    vader = _sentiment()
    if not words or vader.polarity_scores(doc_text(doc)[words[0].idx:at])["compound"] < 0.3:
        return False
    return min(_valences(vader, words)) >= 0


# Urgency, beside _EXASPERATED: "Call me back now!!!" presses the reader.
_URGENT = frozenset({"now", "immediately", "asap", "urgent", "urgently"})


def _exasperated(doc, at: int) -> bool:
    """A run of "!" is exasperation when the words it ends (their clause)
    have something negative in them (a word of negative valence in
    VADER's lexicon: "you wasted my time!!!", "I'm bored!!!") or a word of
    exasperation or urgency ("I am STILL waiting!!!", "contact me
    immediately!!!"), or when they end a word of voice in capitals ("HOW
    DARE YOU!!!", "PLEASE !!!"). Without any of these it is emphasis ("See you later!!!",
    "Need your book list!!!"): a nudge, not a raised voice."""
    from followup_lint.rules.h_hostile._vader import _sentiment

    words = _clause_before(doc, at)
    if any(t.lower_ in _EXASPERATED | _URGENT for t in words):
        return True
    if words and _capsword(words[-1]) and _voice(words[-1]):
        return True  # "HOW DARE YOU!!!", "PLEASE !!!": the marks end a raised voice
    return bool(words) and min(_valences(_sentiment(), words)) < 0


def _at_reader_negative(doc, at: int) -> bool:
    """The "!" marks end a clause about the reader with something negative
    in it and nothing warmer ("You are evil!!": a word of negative valence
    in VADER's lexicon and a compound score of 0 or less): even two are a
    raised voice."""
    from followup_lint.rules.h_hostile._vader import _sentiment

    words = _clause_before(doc, at)
    if not any(t.lower_ in ("you", "your", "u", "ur") for t in words):
        return False
    vader = _sentiment()
    return min(_valences(vader, words)) < 0 and \
        vader.polarity_scores(doc_text(doc)[words[0].idx:at])["compound"] <= 0


def _placeholder(doc, at: int) -> bool:
    """The "?" run at ``at`` stands for a word not known yet ("pizza, and
    scallops and ???", "the ???"): the word before it is a conjunction or
    a determiner, which no question ends on."""
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    i = span[0].i - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i >= 0 and doc[i].pos_ in ("CCONJ", "DET") and doc[i].sent == span[0].sent


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
