"""Grammar and spelling: LanguageTool's matches, one code per category.

The linter sends the sender's own words of each draft to a local
LanguageTool once (see followup_lint.grammar) and hands the classified
matches to these rules in ``ctx.grammar``; each rule reports those of its
code. The category table is followup_lint.grammar.categories.CODES.
"""

from __future__ import annotations

from followup_lint.grammar.categories import BY_CODE
from followup_lint.registry import rule


def _rule(code: str):
    c = BY_CODE[code]
    return rule(code, c.name, "writing", c.severity, needs=("doc", "grammar"), origin="languagetool")


def _report(ctx):
    for m in ctx.grammar or ():
        if m.code == ctx.rule.code:
            yield ctx.finding(m.start, m.end, m.message, m.replacements, origin=f"languagetool:{m.rule_id}",
                              fix="unsafe")


@_rule("L101")
def spelling(ctx):
    """A word LanguageTool does not know: a typo or a misspelling.

    What it does:
        Reports LanguageTool's TYPOS matches: words missing from its
        dictionary ("alot", "recieve"), and the lower-case pronoun "i". Names
        are left alone: the greeting's name, names in the To/From/Cc headers,
        the signature, and people, companies, places and products spaCy
        recognises.

    Why is this bad?
        A typo in a two-paragraph note is the first thing a hiring manager
        notices; it reads as haste, or as a lack of care about this job.

    Example:
        I learned alot about the team.

    Use instead:
        I learned a lot about the team.
    """
    yield from _report(ctx)


@_rule("L102")
def confused_words(ctx):
    """A real word, but the wrong one: their/there, your/you're.

    What it does:
        Reports LanguageTool's CONFUSED_WORDS (and FALSE_FRIENDS) matches:
        words that exist, so a spell checker passes them, but do not fit the
        sentence.

    Why is this bad?
        "I admire you're company" says you did not reread the note. These
        slips survive spell checkers, so the reader sees them.

    Example:
        I admire you're company and their is a lot I could learn.

    Use instead:
        I admire your company and there is a lot I could learn.
    """
    yield from _report(ctx)


@_rule("L201")
def grammar(ctx):
    """A grammar mistake: agreement, verb form, wrong word combination.

    What it does:
        Reports LanguageTool's GRAMMAR matches, and those of MISC (a word
        typed twice), COLLOCATIONS, NONSTANDARD_PHRASES, SEMANTICS
        (impossible dates) and COMPOUNDING.

    Why is this bad?
        A grammar slip in a note about your own qualities undercuts them,
        especially for a role that involves writing.

    Example:
        I has enjoyed the the conversation.

    Use instead:
        I have enjoyed the conversation.
    """
    yield from _report(ctx)


@_rule("L202")
def capitalization(ctx):
    """Capital letters: a sentence starting in lower case, a proper noun.

    What it does:
        Reports LanguageTool's CASING matches.

    Why is this bad?
        Lower-case sentence starts make a note look like a chat message
        typed in a hurry.

    Example:
        Thank you for your time. it was great to meet the team.

    Use instead:
        Thank you for your time. It was great to meet the team.
    """
    yield from _report(ctx)


@_rule("L301")
def punctuation(ctx):
    """Punctuation: a missing or extra comma, a doubled full stop.

    What it does:
        Reports LanguageTool's PUNCTUATION matches, such as the comma that
        sets off a name addressed directly.

    Why is this bad?
        Small, but visible; and a missing comma can change who is meant.

    Example:
        Thank you Dana for your time.

    Use instead:
        Thank you, Dana, for your time.
    """
    yield from _report(ctx)


@_rule("L302")
def typography(ctx):
    """Typography: stray spaces, wrong dashes or quotes.

    What it does:
        Reports LanguageTool's TYPOGRAPHY matches: a space before a comma,
        two spaces between words, a hyphen where a dash belongs.

    Why is this bad?
        Mostly invisible, but a space before a comma looks careless.

    Example:
        Thank you , I enjoyed it.

    Use instead:
        Thank you, I enjoyed it.
    """
    yield from _report(ctx)


@_rule("L401")
def style_advice(ctx):
    """Style: wordy, vague or formulaic wording LanguageTool would change.

    What it does:
        Reports LanguageTool's STYLE matches and those of PLAIN_ENGLISH and
        related style categories: "really interesting" where one word
        would do, wordy phrases with a plainer form.

    Why is this bad?
        A follow-up is read in seconds; every padded phrase costs
        attention the content should have.

    Example:
        It was really interesting to hear about the roadmap.

    Use instead:
        It was fascinating to hear about the roadmap.
    """
    yield from _report(ctx)


@_rule("L402")
def redundancy(ctx):
    """Redundant words: saying the same thing twice in one phrase.

    What it does:
        Reports LanguageTool's REDUNDANCY matches ("past experience",
        "end result", "ATM machine").

    Why is this bad?
        Redundant words pad the note and suggest the writer did not
        reread it.

    Example:
        My past experience in billing systems fits the role.

    Use instead:
        My experience in billing systems fits the role.
    """
    yield from _report(ctx)


@_rule("L403")
def repetition(ctx):
    """The same word or opening, over and over.

    What it does:
        Reports LanguageTool's REPETITIONS matches: several sentences in a
        row starting with the same word, a word repeated close by. (Saying
        "thank you for" twice is not reported: that is what a thank-you note
        does.)

    Why is this bad?
        "I enjoyed ... I learned ... I am ..." reads like a list, and about
        you rather than about them.

    Example:
        I enjoyed the talk. I learned a lot. I am excited about the role.

    Use instead:
        I enjoyed the talk and learned a lot. The role excites me.
    """
    yield from _report(ctx)
