"""Structure beyond the core: names, companies, attachments, length, questions."""

from __future__ import annotations

import re

from followup_lint import matching
from followup_lint.deferred import entities
from followup_lint.data import phrases
from followup_lint.parts import find_greeting
from followup_lint.registry import Option, rule

_NAME_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "madam"}


def _name_words(name: str) -> list[str]:
    return [w.lower() for w in _NAME_WORD.findall(name) if w.lower().rstrip(".") not in _HONORIFICS]


def _same_name(a: str, b: str) -> bool:
    """Two name words that can be the same person's: equal, one a short form
    of the other ("Dan"/"Daniel", "Kate"/"Katherine"), or a near spelling."""
    from rapidfuzz import fuzz

    if a == b:
        return True
    if min(len(a), len(b)) >= 3 and (a.startswith(b[:3]) and b.startswith(a[:3])):
        return True
    return fuzz.ratio(a, b) >= 80


def _is_role_mailbox(name: str) -> bool:
    roles = {line.split("\t")[0] for line in phrases("structure_role_mailboxes")}
    return any(w in roles for w in re.findall(r"[a-z]+", name.lower()))


def _recipient_names(draft) -> list[str]:
    """Names of the people the message is addressed to (not role mailboxes
    such as "Acme Careers <careers@acme.com>")."""
    from email.utils import getaddresses

    names = []
    for header in ("to", "cc"):
        field = draft.header(header)
        if field is None:
            continue
        for name, addr in getaddresses([field.value]):
            local = addr.split("@", 1)[0]
            if _is_role_mailbox(name or re.sub(r"[._0-9-]+", " ", local)):
                continue
            if name:
                names.append(name)
            elif re.search(r"[._]", local):  # dana.smith@ looks like a name
                names.append(re.sub(r"[._0-9]+", " ", local))
    return [n for n in names if _name_words(n)]


@rule("S401", "greeting-name-mismatch", "structure", "warning", data=["structure_role_mailboxes.txt"])
def greeting_name_mismatch(ctx):
    """The greeting names someone the message is not addressed to.

    What it does:
        Compares the name in the greeting ("Hi Dana,") with the display names
        of the `To:` and `Cc:` headers (and `first.last@` addresses); role
        mailboxes ("Acme Careers", `jobs@`) are skipped. Short
        forms and near spellings count as the same name ("Dan" and "Daniel
        Park"); honorifics are ignored ("Dear Ms. Park"). Drafts without
        named recipients are not checked.

    Why is this bad?
        Greeting Dana in a mail to Priya is the surest sign of a copied note,
        and it is the one mistake the reader will certainly notice.

    Example:
        To: Priya Shah <priya@acme.com>

        Hi Dana,

    Use instead:
        To: Priya Shah <priya@acme.com>

        Hi Priya,
    """
    g = find_greeting(ctx.draft.text.text)
    if g is None or g.is_nameless:
        return
    recipients = _recipient_names(ctx.draft)
    greeted = _name_words(g.name)
    if not recipients or not greeted:
        return
    known = [w for n in recipients for w in _name_words(n)]
    if any(_same_name(a, b) for a in greeted for b in known):
        return
    first = recipients[0].split(",")[-1].split()[0] if "," in recipients[0] else recipients[0].split()[0]
    yield ctx.finding(g.name_start, g.name_end,
                      f"the greeting says \"{g.name}\" but the message goes to {', '.join(recipients)}: "
                      "a wrong name tells the reader the note was copied",
                      [f"{g.word} {first.title()},"])


# -- companies ------------------------------------------------------------------

_TARGET_NOUNS = {"position", "role", "job", "opportunity", "interview", "offer", "opening", "team",
                 "internship", "vacancy"}
_OWN_NOUNS = {"position", "role", "job", "internship"}  # "my role at X" is the sender's past
_LEGAL = {"inc", "llc", "ltd", "corp", "corporation", "co", "company", "group", "plc", "gmbh", "the",
          "limited", "incorporated", "technologies", "labs"}


def _propn_runs(doc):
    """Maximal runs of capitalised proper nouns (with & and . inside)."""
    i = 0
    toks = list(doc)
    while i < len(toks):
        t = toks[i]
        if t.pos_ == "PROPN" and t.text[:1].isupper():
            j = i + 1
            while j < len(toks) and (toks[j].pos_ == "PROPN" and toks[j].text[:1].isupper()
                                     or toks[j].text == "&" and j + 1 < len(toks)
                                     and toks[j + 1].pos_ == "PROPN"):
                j += 1
            yield doc[i:j]
            i = j
        else:
            i += 1


def _is_future_verb(tok) -> bool:
    return tok.lemma_ in ("work", "join") and any(c.lower_ == "to" for c in tok.children)


def _target_company(span) -> bool:
    """Is this proper noun the company the note is about? ("the analyst role
    at Acme", "join Acme", "the Acme team", "interview with Acme")."""
    last = span[-1]
    head = last.head
    if last.dep_ == "compound" and head.lemma_ == "team":
        # "the QA team", "the HR team": a two-letter acronym names a function
        return not (len(span) == 1 and len(last.text) <= 2 and last.text.isupper())
    if last.dep_ == "dobj" and head.lemma_ == "join":
        return True
    if last.dep_ == "pobj" and head.lower_ in ("at", "with", "for"):
        noun = head.head
        if noun.lemma_ in _TARGET_NOUNS:
            own = any(c.dep_ == "poss" and c.lower_ in ("my", "our") for c in noun.children)
            return not (own and noun.lemma_ in _OWN_NOUNS)
        return _is_future_verb(noun)
    return False


def company_key(name: str) -> str:
    words = [w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in _LEGAL]
    return "".join(words)


def _domain_label(address: str) -> str | None:
    domain = address.rsplit("@", 1)[-1].lower().strip(">. ")
    if not domain or "." not in domain:
        return None
    anonymous = {line.split("\t")[0] for line in phrases("structure_anonymous_domains")}
    if domain in anonymous or any(domain.endswith("." + d) for d in anonymous):
        return None
    labels = domain.split(".")
    while len(labels) > 1 and (len(labels[-1]) <= 3 or labels[-1] in ("info", "tech")):
        labels.pop()  # com, co.uk, com.au, io ...
    label = labels[-1]
    return label.replace("-", "") or None


def _company_matches(key: str, other: str) -> bool:
    from rapidfuzz import fuzz

    if not key or not other:
        return True
    return key in other or other in key or fuzz.ratio(key, other) >= 85


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in _LEGAL)


@rule("S402", "company-mismatch", "structure", "warning", data=["structure_anonymous_domains.txt"])
def company_mismatch(ctx):
    """The company named in the note is not the one it is sent to.

    What it does:
        Finds the company the note is about: a proper noun in "the role at
        Acme", "join Acme", "the Acme team", "my interview with Acme". Flags
        it when the recipient's address is at another company's domain (free
        mail and job-board domains say nothing and are skipped), or when the
        note names two different companies that way.

    Why is this bad?
        A note that thanks Globex for an interview at Acme was copied from
        another application and not re-read. Few mistakes cost more goodwill.

    Example:
        To: Dana Smith <dana@acme.com>

        Thank you for the interview for the analyst role at Globex.

    Use instead:
        To: Dana Smith <dana@acme.com>

        Thank you for the interview for the analyst role at Acme.
    """
    doc = ctx.doc
    named = [span for span in _propn_runs(doc) if _target_company(span)]
    if not named:
        return
    label = None
    to = ctx.draft.header("to")
    if to is not None:
        labels = [lb for lb in (_domain_label(a) for a in to.addresses()) if lb]
        label = labels[0] if len(set(labels)) == 1 else None
    keys = [company_key(span.text) for span in named]
    if label:
        clash = any(not (_company_matches(k, label) or _initials(span.text) == label)
                    for k, span in zip(keys, named))
    else:
        clash = any(not _company_matches(a, b) for i, a in enumerate(keys) for b in keys[i + 1:])
    if not clash:
        return  # nothing to report, whichever names turn out to be people's
    # a person's whole name is not a company (spaCy's NER, run only now)
    persons = [(e.start, e.end) for e in entities(doc) if e.label_ == "PERSON"]
    named = [span for span in named
             if not any(s <= span.start and span.end <= e and span.end - span.start == e - s for s, e in persons)]
    if not named:
        return
    first = named[0]
    for span in named:
        key = company_key(span.text)
        if label and not (_company_matches(key, label) or _initials(span.text) == label):
            yield ctx.finding(span.start_char, span.end_char,
                              f"the note is about \"{span.text}\" but goes to an address at {label}: "
                              "check you did not reuse a note from another application",
                              [f"the company you are writing to ({label})"])
        elif not label and span is not first and not _company_matches(key, company_key(first.text)):
            yield ctx.finding(span.start_char, span.end_char,
                              f"the note names \"{span.text}\" here but \"{first.text}\" earlier: "
                              "one of them is left over from another application",
                              [first.text])


# -- attachments ----------------------------------------------------------------

@rule("S403", "missing-attachment", "structure", "error", data=["structure_attachment_cues.txt"])
def missing_attachment(ctx):
    """The note announces an attachment but the message has none.

    What it does:
        In `.eml` messages, looks for "I have attached", "please find
        attached", "attaching", "enclosed", "the attachment"... (list:
        `structure_attachment_cues.txt`) and checks that the message carries
        an attachment. Plain-text and Markdown drafts say nothing about
        attachments, so they are not checked.

    Why is this bad?
        The reader has to write back to ask for the file, and the first
        thing they learn about your work is that something is missing.

    Example:
        Please find attached the sample report we discussed.
        (sent with no attachment)

    Use instead:
        Attach the file, or: "I will send the sample report by Friday."
    """
    d = ctx.draft
    if d.kind != "eml" or d.attachments:
        return
    for m in matching.find(ctx.doc, "structure_attachment_cues"):
        yield ctx.finding(m.start, m.end, f"\"{m.span.text}\" announces an attachment but the message "
                          "has none: attach the file before sending",
                          ["attach the file", "I will send it separately by <day>."])
        return


# -- length ---------------------------------------------------------------------

def _content_bounds(text: str) -> tuple[int, int]:
    g = find_greeting(text)
    start = g.end if g else 0
    while start < len(text) and text[start].isspace():
        start += 1
    end = len(text.rstrip())
    return start, max(start, end)


@rule("S404", "length-out-of-range", "structure", "info",
      options={"min-words": Option(int, 50, "Fewest words before the note counts as too short."),
               "max-words": Option(int, 125, "Most words before the note counts as too long.")})
def length_out_of_range(ctx):
    """The note is shorter or longer than notes that get answers.

    What it does:
        Counts the words of the sender's text and reports notes under
        `min-words` (default 50) or over `max-words` (default 125). When the
        note is too long, it points at the sentence where it passes the
        limit. A short note about a time (it names a day or an hour and
        says it works, confirms it or offers a slot) is a complete
        scheduling reply and is not reported as too short.

    Why is this bad?
        Boomerang's study of over 40 million emails found that messages of
        50 to 125 words got the most replies. A very short note looks
        dashed off; a long one is put off until later, and later often
        never comes.

    Example:
        Thanks for the interview!

    Use instead:
        Hi Dana,

        Thank you for walking me through the billing pipeline on Tuesday.
        Replaying failed invoices from Kafka is close to the retry queue I
        built at Lumen, and I would enjoy making it faster. If it helps, I
        can send the notebook with the currency tests we discussed by
        Friday.
    """
    from followup_lint.analysis import sentence_words

    words = ctx.metrics.words
    low, high = ctx.options["min-words"], ctx.options["max-words"]
    text = ctx.draft.text.text
    if words == 0:
        return
    if words < low:
        from followup_lint.structural import schedules

        if schedules(ctx.doc):
            return  # "Thursday at 10 works for me": a scheduling reply says what it must
        start, end = _content_bounds(text)
        if end > start:
            yield ctx.finding(start, end, f"{words} words: notes of {low}-{high} words get the most "
                              "replies; add one detail from the interview and a next step",
                              ["Add what you discussed and what you can send or do next."])
        return
    if words <= high:
        return
    count = 0
    for sent in ctx.doc.sents:
        count += sentence_words(sent)
        if count > high:
            start = sent.start_char
            end = sent.start_char + len(sent.text.rstrip())
            yield ctx.finding(start, end, f"{words} words: the note passes {high} words here; notes of "
                              f"{low}-{high} words get the most replies, so cut it down",
                              ["Keep the thanks, one detail and one next step; cut the rest."])
            return


@rule("S405", "too-many-questions", "structure", "warning",
      options={"max-questions": Option(int, 3, "Most questions a note may ask.")})
def too_many_questions(ctx):
    """The note asks more questions than the reader will answer.

    What it does:
        Counts the sentences ending in a question mark and flags the first
        one past `max-questions` (default 3).

    Why is this bad?
        In Boomerang's study of 40 million emails, messages asking one to
        three questions got the most replies; more than that and replies
        dropped. A list of questions also turns a thank-you into a chore.

    Example:
        When will you decide? Who else is in the running? What did the team
        think? Is the salary negotiable?

    Use instead:
        Is there anything else I can send before you decide?
    """
    limit = ctx.options["max-questions"]
    if ctx.metrics.questions <= limit:
        return
    from followup_lint.analysis import sentence_words

    seen = 0
    for sent in ctx.doc.sents:
        if sentence_words(sent) and sent.text.rstrip().endswith("?"):
            seen += 1
            if seen == limit + 1:
                end = sent.start_char + len(sent.text.rstrip())
                yield ctx.finding(sent.start_char, end,
                                  f"{ctx.metrics.questions} questions (more than {limit}): keep the one "
                                  "or two that matter most",
                                  ["Is there anything else I can send before you decide?"])
                return
