"""Presumptuous rules: exact codes and positions, list examples, and the
wishes, conditions and negations that must stay clean."""

from __future__ import annotations

import pytest

from conftest import declared_lists, entries, example_findings, found as shared_found, lint_text
from test_hostile import GREETING

# data list -> the rule that reads it, from the rules' own @rule(data=[...])
LISTS = declared_lists("P")


def found(linter, text, select=("P",)):
    return shared_found(linter, text, select)


@pytest.mark.parametrize("name,pattern,example",
                         [(n, p, e) for n in LISTS for p, e in entries(n)])
def test_each_entry_matches_its_example(linter, name, pattern, example):
    hits = example_findings(linter, LISTS[name], GREETING + example + "\n")
    assert hits, f"{name}: {pattern!r} does not match its example {example!r}"


@pytest.mark.parametrize("sentence,excerpt", [
    ("I am thrilled to be joining the team.", "I am thrilled to be joining"),
    ("I'm so excited to be joining Acme.", "I'm so excited to be joining"),
    ("What should I bring on my first day?", "my first day"),
    ("When I start, I want to fix the build.", "When I start"),
    ("Could you send me the onboarding forms?", "send me the onboarding"),
])
def test_assumes_the_offer_variants(linter, sentence, excerpt):
    assert found(linter, GREETING + sentence + "\n") == [("P101", 3, sentence.index(excerpt) + 1, excerpt)]


@pytest.mark.parametrize("sentence", [
    "I would be thrilled to join the team.",
    "If I am selected, I would love to hear what my first day would look like.",
    "I hope to start contributing soon if there is a fit.",
    "I am not joining another team before I hear from you.",
    "I enjoyed hearing about the first day of your new hires.",
])
def test_wishes_and_conditions_are_clean(linter, sentence):
    assert found(linter, GREETING + sentence + "\n", ("P101",)) == []


def test_quit_before_offer_variants(linter):
    text = GREETING + "I've already quit my job. I resigned on Friday.\n"
    assert found(linter, text) == [
        ("P201", 3, 1, "I've already quit"),
        ("P201", 3, 27, "I resigned"),
    ]


@pytest.mark.parametrize("sentence", [
    "I have not resigned from my current role.",
    "If I resign, I would need two weeks to hand over.",
    "My manager quit last year, so I took over the team.",
])
def test_quit_negated_or_hypothetical_is_clean(linter, sentence):
    assert found(linter, GREETING + sentence + "\n", ("P201",)) == []


def test_messages_name_the_reader_and_suggest(linter):
    for f in lint_text(linter, GREETING + "I have quit my job. See you on Monday!\n", select=("P",)).findings:
        assert "reader" in f.message and f.suggestions


@pytest.mark.parametrize("text,held", [
    ("Signed contract attached! Should I bring my passport on my first day?", True),
    ("Contract signed and returned, and I am thrilled to start on the 12th.", True),
    ("Since my start date is confirmed for June 2, when will I get my badge?", True),
    ("Thanks for confirming my start. Could IT ship my laptop before my first day?", True),
    ("Per the offer letter, I will plan on the 14th as my start date.", True),
    ("Once the contract is signed, I will hand in my notice.", False),
    ("I will resign as soon as the contract is signed.", False),
    ("I have not signed the contract yet, but I plan to start on the 1st.", False),
    ("Please send the offer letter by Thursday so I can schedule my orientation.", False),
    ("A quick email confirming my start date is plenty.", False),
    ("I signed up for the newsletter and I can start Monday.", False),
    ("Now that I've signed, who should I contact about direct deposit?", True),
    ("Now that everything's signed, what should I know before my first day?", True),
    ("Accepted and signed! When will my badge be ready?", True),
    ("After receiving the offer, I sent my W-4 to payroll.", True),
    ("I'll start on the 14th as agreed in the offer letter.", True),
    ("Once I've signed, I'll send the forms.", False),
    ("I'm delighted to accept the offer you extended on Friday.", True),
    ("Thanks for confirming the offer; could I get a Mac?", True),
    ("Following the verbal offer from Mark, I will wait for the written one.", True),
    ("Now that the offer is official, I have told my manager.", True),
    ("I'll be accepting your offer once it arrives.", False),
    # by the parse: "now that" read as the object, papers stated done, the papers quoted (issue 15)
    ("What's the best address to send my signed NDA and I-9 now that I've accepted?", True),
    ("Now the paperwork's done, could you let me know which laptop I'll be issued?", True),
    ("Once the paperwork is done, could you let me know which laptop I'll be issued?", False),
    ("Is the paperwork done yet?", False),
    ("I hope the paperwork is quick!", False),
    ("Very excited to confirm my start date of Monday 8 April, as agreed in the contract.", True),
    ("As we agreed, I'll keep my side business running; please note that in the contract.", False),
    ("The offer letter says the laptop ships to my home address; could you confirm it?", True),
    ("I look forward to receiving the offer letter this week.", False),
    ("Thrilled to accept! Could you let me know when my onboarding session will be scheduled?", True),
    ("I'd be thrilled to accept.", False),
    ("I'm excited to officially accept the position!", False),
    ("I'm happy to accept, and I'll take the extra week of PTO you mentioned.", False),
    ("I will be happy to accept once the offer arrives.", False),
    ("Am I happy to accept?", False),
    # session 12: "your" papers quoted, the letter arrived, "Having accepted", an acceptance controlled from
    # "I'm pleased", "now that I've signed:" with "that" read as the object
    ("Your contract mentions a laptop allowance; which model should I pick?", True),
    ("Your offer letter arrived this morning; where should I send my bank details?", True),
    ("When your offer letter arrives, I'll sign it straight away.", False),
    ("The offer letter hasn't arrived yet.", False),
    ("Having accepted the offer last week, I've told my manager.", True),
    ("I'm pleased to accept the Data Lead offer.", True),
    ("I would be pleased to accept the offer.", False),
    ("Quick question now that I've signed: where do I park?", True),
    ("Thank you for the offer letter. I'm really looking forward to joining the team.", True),
    ("Thank you for the offer letter template; I'll use it for the Houston deal.", False),
    # session 13: the reader has sent a new hire's material (the welcome pack, the first-day agenda)
    ("Thanks for sending the first-day agenda. I'll be at the front desk by 8:45.", True),
    ("Thanks for the welcome email! Could you send the onboarding pack?", True),
    ("Thank you for the new-starter pack; the forms will be back by Friday.", True),
    ("I've read the onboarding packet you sent and have one question.", True),
    ("Could you send the welcome pack before my first day?", False),
    ("Thanks for sending the interview agenda.", False),
    ("I haven't received the welcome pack you mentioned.", False),
])
def test_a_note_that_says_the_offer_is_settled_presumes_nothing(linter, text, held):
    from followup_lint.structural import offer_in_hand

    assert offer_in_hand(linter.nlp(text)) is held, text


# Issue 15 item 2: the same claims in other words, found from the parse (followup_lint.structural), with
# the past, conditions, windows and someone else's plans left clean.
@pytest.mark.parametrize("sentence,code,excerpt", [
    ("I'm ready to start on the 18th.", "P101", "I'm ready to start on the 18th"),
    ("I'll plan to begin on March 3, so tell me where to park.", "P101", "I'll plan to begin on March"),
    ("Happy to start Monday, I've cleared my week.", "P101", "Happy to start Monday"),
    ("I informed my supervisor that I'll be moving to your clinic next spring.", "P201",
     "informed my supervisor that I'll be moving"),
    ("My boss knows I'm leaving for your team.", "P201", "boss knows I'm leaving"),
    ("My four weeks' notice went in this morning.", "P201", "My four weeks' notice went"),
    ("I went ahead and filled out the W-4 and attached it.", "P101", "W-4"),
    ("Just checking when my orientation is scheduled.", "P101", "orientation"),
    ("Which laptop will I get once I'm set up?", "P101", "laptop will I get once I'm set up"),
    ("Once I'm your head of data, I'd like to retire the old dashboards.", "P101", "Once I'm your head"),
    ("When I head over to you in May, I'll bring my notes.", "P101", "When I head"),
    ("I'm looking forward to having you as my manager.", "P101", "you as my manager"),
    ("I'll bring pastries for everyone on day one.", "P101", "I'll bring pastries for everyone on day one"),
    # a plan said politely ("I'd like to") is still a plan for a first week of one's own
    ("I'd like to schedule one-to-ones with each of my direct reports during my first week.", "P101",
     "my first week"),
    ("What's the best address to send my signed NDA and I-9?", "P101", "I-9"),
    ("I resigned from my role on Friday to focus on this move.", "P201", "I resigned"),
    # an indirect question ("let me know if...", "wondering if...") is not a condition on the claim
    ("Just confirming I'll start on the 14th - let me know if anything changes.", "P101", "I'll start on the 14th"),
    ("Hi Jen, just wondering if we've locked in my start date yet?", "P101", "my start date"),
    # waiting for an offer nobody made, as if it were on its way
    ("I look forward to receiving the offer letter this week.", "P101", "I look forward to receiving the offer letter"),
    ("I'll wait for your offer letter, and I'll sign it the same day.", "P101", "I'll wait for your offer letter"),
    # the terms or the next round taken as settled
    ("I'll assume four days remote is fine, as we discussed.", "P101", "I'll assume"),
    ("Thanks for today! I assume the reference checks are just a formality at this point.", "P101", "I assume"),
    # session 12: notice given at a workplace (the writer's own clause, under someone else's "you'd want to
    # know"), a resignation accepted, "my last week" told, other interviews or offers turned down for this one
    ("I thought you'd like to hear that I gave notice at the bakery yesterday.", "P201", "I gave notice"),
    ("My supervisor accepted my resignation this morning.", "P201", "accepted my resignation"),
    ("I told my manager that this is my last week.", "P201", "my last week"),
    ("I've turned down two other interviews because this role is the one I want.", "P201",
     "I've turned down two other interviews"),
    ("I turned down two other offers, because I know this team is right for me.", "P201",
     "I turned down two other offers"),
    # onboarding (session 12): the writer's issue asked about in the future, the writer's pay set up unasked
    ("Which monitor will I get?", "P101", "monitor"),
    ("I've attached a voided cheque so payroll can set up my direct deposit.", "P101",
     "payroll can set up my direct deposit"),
    # a move made for the job (session 12): a home acted on, tied to the reader's workplace or the role
    ("We've signed a lease on a flat near your London office.", "P101",
     "We've signed a lease on a flat near your London office"),
    # gladness about working with the reader, said as settled (session 12)
    ("I'm excited to be part of your team.", "P101", "excited to be part of your team"),
    ("It'll be great to work alongside you next year.", "P101", "great to work alongside you"),
    # the reader's step expected as owed (session 12)
    ("I'll expect your answer by Monday.", "P101", "I'll expect"),
    ("I expect the bonus will be paid in full.", "P101", "I expect"),
    # the reader's verdict claimed as shared by "we both" (session 12)
    ("We both know I'm the best fit for this role.", "P101", "We both know"),
    ("I think we can both agree the search is over.", "P101", "we can both agree"),
    # "unless you tell me otherwise" sets a default and conditions nothing (session 12)
    ("I'll start on the 14th unless you tell me otherwise.", "P101", "I'll start on the 14th"),
    # glad the pay is settled, as if agreed (session 12)
    ("I'm glad we're agreed on 95k as my base salary.", "P101", "glad we're agreed on 95k as my base salary"),
    # eagerness to join the team as if settled (session 12)
    ("Looking forward to joining the team in the spring!", "P101", "Looking forward to joining the team"),
    ("I'm excited about joining Globex.", "P101", "excited about joining Globex"),
    # a next round nobody offered (session 12)
    ("I'll bring my portfolio to the final round.", "P101", "final round"),
    ("Please send the reading list for my second interview.", "P101", "second interview"),
])
def test_structure_covers_paraphrases(linter, sentence, code, excerpt):
    assert found(linter, GREETING + sentence + "\n", ("P101", "P201")) == [
        (code, 3, sentence.index(excerpt) + 1, excerpt)]


@pytest.mark.parametrize("sentence", [
    "I'm ready to start any time after the 20th.",
    "I hope I'll be ready to start on the 18th.",
    "I was ready to start on the 18th, but the project slipped.",
    "I'd love to have you as my manager.",
    "My boss knows I'm looking, so references are fine.",
    "I've been freelancing since leaving the agency last spring.",
    "Here's the W-4 you asked for, along with my deposit form.",
    "What happens on day one for new hires?",
    "I'll be out the first week of June.",
    "If I join, I'll bring pastries on day one.",
    "My new home address is below.",
    # an insider's business mail: a task, an office, a timesheet, a new role
    "I'm ready to start on the Q3 budget Monday.",
    "Once I'm set up in the new office, I'll send the files.",
    "When I head over to your office this afternoon, I'll bring the contracts.",
    "I told my manager I'll be moving to the Houston office next month.",
    "I've sent my timesheet to payroll.",
    "I'll be in London the first week.",
    # stories of a past job, and a wish
    "At my last job, I started a project on my first day.",
    "During my first week at Globex I shipped a fix.",
    "When I joined my current team, I set up the onboarding process.",
    "My last first day at a new company was chaotic.",
    "If I'm selected, I'd love to hear how onboarding works.",
    # near-misses of issue 15: a question, a condition, an availability window, the job before
    "Would it be helpful if I set up one-to-ones with the team during my first week?",
    "If I'm selected, I'd like to schedule one-to-ones during my first week.",
    "Thanks for asking about my earliest start date.",
    "As I mentioned, I resigned from my last role to care for a family member, and I'm fully available again now.",
    "I'll start on the 14th if I am selected, so let me know if that works.",
    "Let me know if I can start on the 14th, if I am selected.",
    "Thanks for the call; I look forward to receiving the written offer.",
    "If you decide to make an offer, I would look forward to reviewing it.",
    "I look forward to receiving your offer for the pipeline capacity.",
    "We are waiting for their offer on the Houston gas contract.",
    "I'm not waiting for the offer letter to plan my next steps.",
    "Assuming all goes well with references, I could start two weeks after an offer.",
    "I assume you'll let me know when the panel has decided.",
    "I assume that you are very familiar with the interview process.",
    "I don't assume the offer is coming.",
    "Do I assume the salary is fixed?",
    "I assumed the role was remote, but the ad says otherwise.",
    # session 12: a habit in the simple present, the reader's deed thanked for, a story in the past progressive
    "In every new team I join, I meet each person in my first week.",
    "On any new project, I usually review the budget before my first day on site.",
    "Thanks for arranging my parking pass today.",
    "When I started at my last firm, my first goal was learning the billing system.",
    # a later round wished for, arranged by the reader, of bids, in the past, someone else's, in general
    "I'd love to be considered for the next round.",
    "I'm looking forward to the final round you scheduled for Friday.",
    "Thanks for the invitation. I'll bring my portfolio to the final round.",
    "We are preparing for the next round of bids.",
    "I was nervous before my second interview at Acme.",
    "Your team said the final interview is on Monday.",
    "I'm in final rounds with two other firms.",
    "After the final round I realised the role was not for me.",
    "I'm available on Tuesday for the next interview.",
    "I can do the second interview by video.",
    "Losing out at the final round was hard.",
    "I'm following up on my second interview last week.",
    "My last week at Globex was a blur.",
    "I'm declining because the other offer pays more.",
    "I turned down the other offer for the pipeline capacity because the price was low.",
    "What monitor would I get if I joined?",
    "Could you let me know whether I'll have a fixed desk?",
    "Here is the voided check you asked for, for payroll.",
    "What laptop does the team use?",
    "If I get the role, we'll look for a flat near your office.",
    "I'd be excited to work with you.",
    "Congrats on the promotion! Excited to work with you.",
    "I expect to hear back soon.",
    "Looking forward to joining you for dinner on Friday.",
    "I'd be thrilled about joining the team.",
    "I'm glad the bonus details were in the letter.",
    "I'm happy to discuss the salary whenever suits you.",
    "I'd be glad if the salary were flexible.",
    "If all goes well, I'll start on the 14th unless you tell me otherwise.",
    "We both know the market is tough.",
    "We both agree I should take the lead on the audit.",
    "We don't both know that I'm the one.",
    "People often expect a raise when they move.",
    "I expected your call yesterday.",
    "If you decide, I'll expect the paperwork.",
    "I don't expect an answer this week.",
    "I expect you'll want references.",
    "I'm excited about the chance to work with you.",
    "Happy to help, as long as I'm part of the team.",
    "I'm glad we worked together on the audit last year.",
    "I'm happy to work with the data team on the Q3 numbers.",
    "We moved into a flat near your office in 2019.",
    "We're selling our house this spring anyway.",
    "I booked a hotel near your office for the interview.",
    "We have not sold our house for the role.",
    "My previous manager accepted my resignation last year, and we still talk.",
])
def test_structure_leaves_these_clean(linter, sentence):
    assert found(linter, GREETING + sentence + "\n", ("P101", "P201")) == []


@pytest.mark.parametrize("sentence,story", [
    ("I moved to Denver last spring for my partner's job, so I'm already local to your office.", True),
    ("We relocated to Leeds in 2021, so the commute is short.", True),
    ("I have already told my landlord that I am moving to Denver in March.", False),
    ("I moved to Denver last spring, and I'll start on the 1st.", False),
    ("I moved to Denver last spring, so I'm moving my books into the office Monday.", False),
    ("I quit my job last month, so I'm free now.", False),
    ("I'm moving to Denver for the job.", False),
])
def test_a_story_from_the_past_is_told_by_the_parse(linter, sentence, story):
    from followup_lint.structural.asides import past_story

    assert past_story(next(iter(linter.nlp(sentence).sents))) is story, sentence


def test_p301_leaves_a_dated_story_alone_and_keeps_the_plan(linter):
    story = "I moved to Denver last spring for my partner's job, so I'm already local to your office."
    plan = "I have already told my landlord that I am moving to Denver in March."
    assert found(linter, GREETING + story + "\n", ("P301",)) == []
    assert found(linter, GREETING + plan + "\n", ("P301",)) == [("P301", 3, 1, plan)]


@pytest.mark.parametrize("sentence,asked,cond", [
    ("Let me know if anything changes.", False, False),
    ("Let me know if anything changes.", True, True),
    ("Just wondering if we've locked in my start date.", False, False),
    ("I'll start on the 14th if I am selected.", False, True),
    ("Happy to adjust my start date if the team needs me earlier; just let me know.", False, True),
    ("Unless you tell me otherwise, I'll start on the 2nd.", False, True),
])
def test_an_indirect_question_is_no_condition_for_the_claims(linter, sentence, asked, cond):
    from followup_lint.structural import conditional

    assert conditional(next(iter(linter.nlp(sentence).sents)), asked=asked) is cond, sentence


def test_an_acceptance_clears_the_onboarding_question_and_its_absence_does_not(linter):
    ask = "Could you let me know when my onboarding session will be scheduled?"
    assert found(linter, GREETING + "Thrilled to accept! " + ask + "\n") == []
    assert found(linter, GREETING + ask + "\n", ("P101",)) == [("P101", 3, ask.index("onboarding") + 1, "onboarding")]


@pytest.mark.parametrize("text,kept", [
    ("Tuesday at 2 pm works well for me. I'll see you at the Market Street office.",
     ["Tuesday at 2 pm works well for me.", "I'll see you at the Market Street office."]),
    ("I'll see you at the final round next week.", []),
    ("Tuesday works for me. I'll see you all on my first day.", ["Tuesday works for me."]),
    ("I work Tuesdays, so I'll see you at the office.", []),
])
def test_a_meeting_the_reader_proposed_is_found_by_the_parse(linter, text, kept):
    from followup_lint.structural.asides import meeting_spans

    assert [text[a:b] for a, b in meeting_spans(linter.nlp(text))] == kept


def test_the_proposed_round_is_left_alone_and_the_assumed_one_kept(linter):
    # the assumed round is a structural claim since session 12 (a next round nobody offered), so P101's
    assumed = "I'll see you at the final round next week."
    assert found(linter, GREETING + assumed + "\n", ("P101", "P301")) == [
        ("P101", 3, assumed.index("final round") + 1, "final round")]
    assert found(linter, GREETING + "Tuesday at 2 pm works well for me. " + assumed + "\n", ("P101", "P301")) == []



@pytest.mark.parametrize("sentence,habit", [
    ("In every new team I join, I meet each person in my first week.", True),
    ("On any new project, I usually review the budget before my first day on site.", True),
    ("I make a habit of reading the handbook before my first shift.", True),
    ("I'll meet each person in my first week.", False),
    ("My manager has already started hiring my replacement, so I'm ready whenever you are.", False),
    ("I start on Monday in every sense.", False),
])
def test_a_habit_in_the_simple_present_is_found_by_the_parse(linter, sentence, habit):
    from followup_lint.structural import generic_present

    assert generic_present(next(iter(linter.nlp(sentence).sents))) is habit, sentence


def test_p301_leaves_a_habit_alone_and_keeps_the_plan(linter):
    habit = "In every new team I join, I set up one-on-ones with each report in my first two weeks."
    assert found(linter, GREETING + habit + "\n", ("P101", "P301")) == []



def test_with_the_offer_in_hand_a_term_assumed_beyond_it_is_still_flagged(linter):
    text = "Thanks for the offer letter; I'll assume the extra week of leave we discussed is included."
    assert found(linter, GREETING + text + "\n", ("P101",)) == [("P101", 3, text.index("I'll assume") + 1, "I'll assume")]


def test_with_the_offer_in_hand_a_term_set_in_place_of_the_offered_one_is_still_flagged(linter):
    setting = "Thrilled to accept! I'll be starting on the 20th rather than the 6th."
    asking = "Thrilled to accept! Could I start on the 20th rather than the 6th?"
    excerpt = "starting on the 20th rather than"
    assert found(linter, GREETING + setting + "\n", ("P101",)) == [("P101", 3, setting.index(excerpt) + 1, excerpt)]
    assert found(linter, GREETING + asking + "\n", ("P101",)) == []


@pytest.mark.parametrize("sentence,default", [
    ("I'll start on the 14th unless you tell me otherwise.", True),
    ("Unless someone says otherwise, I'll be in at 9.", True),
    ("I'll start on the 14th unless you'd like me to begin earlier.", False),
    ("If all goes well, I'll start on the 14th unless you tell me otherwise.", False),
])
def test_unless_otherwise_is_a_default_set_not_a_condition(linter, sentence, default):
    from followup_lint.structural.clause import default_set

    assert default_set(next(iter(linter.nlp(sentence).sents))) is default, sentence



# Session 13: the writer under the job's title ("As the new <role>", "your incoming <role>"), present or
# future; someone else under it, or a story from the past, stays clean.
@pytest.mark.parametrize("sentence,excerpt", [
    ("As the new Senior Designer, I'd love to get a head start on the brand refresh.", "the new Senior Designer"),
    ("As your incoming Head of Nursing, I'd like to sit in on next week's staff meeting.", "your incoming Head"),
    ("As your new marketing lead, I've put together a few ideas for Q3.", "your new marketing lead"),
])
def test_the_writer_under_the_jobs_title(linter, sentence, excerpt):
    codes = [(c, ex) for c, _line, _col, ex in found(linter, GREETING + sentence + "\n")]
    assert ("P101", excerpt) in codes, codes


@pytest.mark.parametrize("sentence", [
    "As the new manager, Priya will reach out to me next week.",
    "As the new hire at my last job, I learned the billing system in a week.",
    "If I join as your new marketing lead, I would start with the Q3 plan.",
])
def test_a_title_that_is_not_the_writers_now_is_clean(linter, sentence):
    assert found(linter, GREETING + sentence + "\n", ("P101",)) == []
