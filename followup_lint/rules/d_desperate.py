"""Desperate passages: no other option, pleading, pestering."""

from __future__ import annotations

from followup_lint.registry import Option, rule
from followup_lint.rules._judgement import hits, phrase_findings


@rule("D101", "desperate-plea", "desperate", "warning", data=["desperate_plea.txt"])
def desperate_plea(ctx):
    """Pleading, or saying this job is the only option.

    What it does:
        Finds phrases that signal all your eggs are in one basket or that
        beg: "this job is my only option", "I have stopped applying
        anywhere else", "I really need this job", "I will do anything",
        "I am begging you", "I will take any salary".

    Why is this bad?
        Hiring is a judgement of fit, and pleading asks the reader to
        decide out of pity instead. They will feel uncomfortable and
        pressured; it also tells them you would accept any terms, which
        undercuts you in negotiation.

    Example:
        I really need this job. I will take any salary, I am begging you.

    Use instead:
        I am very interested in this role, especially the search work we
        discussed, and I am happy to answer any other questions.
    """
    yield from phrase_findings(
        ctx, hits(ctx, "desperate_plea"),
        "\"{phrase}\" sounds desperate: the reader will feel pressured to decide out of pity, and see no "
        "other options behind you",
        "I am very interested in this role and happy to answer any other questions.")


# Questions about the reply or the decision itself: these demand, the others ask.
_DEMAND = frozenset({"decide", "decision", "answer", "respond", "response", "reply", "hear", "update",
                     "status", "long", "news", "wait", "ignore", "read", "get", "receive", "back",
                     "still", "yet", "why", "anyone", "see"})


@rule("D201", "pestering", "desperate", "warning",
      options={"max-questions": Option(int, 2, "flag a run of more consecutive questions than this")},
      data=["desperate_pestering.txt"], overrides=["S405"])
def pestering(ctx):
    """Counting unanswered messages, or a volley of questions.

    What it does:
        Finds counts of your own follow-ups ("my fourth email since
        yesterday", "I have emailed you three times") and runs of
        consecutive questions (more than `max-questions` in a row) of which
        at least two demand the reply or the decision itself: "Why have you
        not answered? When will you decide? Did you even read it?".

    Why is this bad?
        The reader will feel hounded. Counting your messages tells them
        to feel guilty; a volley of questions asks for work, not for a
        reply. Both make your note the one left for last.

    Example:
        This is my fourth email since yesterday. When will you decide? Why
        is it taking so long? Did you get my portfolio?

    Use instead:
        I wanted to check in on the timeline for the role. Is there
        anything else I can send you?
    """
    sugg = "I wanted to check in on the timeline for the role. Is there anything else I can send you?"
    yield from phrase_findings(
        ctx, hits(ctx, "desperate_pestering"),
        "\"{phrase}\" counts your own messages: the reader will feel hounded and guilted", sugg)
    limit = ctx.options["max-questions"]
    run: list = []
    sents = [s for s in ctx.doc.sents if any(t.is_alpha for t in s)]
    for sent in sents + [None]:
        is_q = sent is not None and sent.text.rstrip().endswith("?") and \
            sum(t.is_alpha for t in sent) >= 2
        contiguous = run and sent is not None and "\n\n" not in ctx.doc.text[run[-1].end_char:sent.start_char]
        if is_q and (not run or contiguous):
            run.append(sent)
            continue
        demanding = sum(any(t.lemma_.lower() in _DEMAND for t in q) for q in run)
        if len(run) > limit and demanding >= 2:
            start = run[0].start_char + len(run[0].text) - len(run[0].text.lstrip())
            end = run[-1].start_char + len(run[-1].text.rstrip())
            yield ctx.finding(start, end,
                              f"{len(run)} questions in a row: the reader will feel interrogated "
                              "and put off answering any of them", [sugg])
        run = [sent] if is_q else []
