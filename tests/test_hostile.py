"""Hostile rules: exact codes and positions on variants, the phrase lists'
own examples, and gracious drafts that stay clean."""

from __future__ import annotations

import pytest

from conftest import declared_lists, entries, example_findings, found as shared_found, lint_text, rule_list
from followup_lint.finding import Severity

# data list -> the rule that reads it, from the rules' own @rule(data=[...])
LISTS = declared_lists("H")


def found(linter, text, select=("H",)):
    return shared_found(linter, text, select)


GREETING = "Hi Dana,\n\n"


@pytest.mark.parametrize("name,pattern,example",
                         [(n, p, e) for n in LISTS for p, e in entries(n)])
def test_each_entry_matches_its_example(linter, name, pattern, example):
    hits = example_findings(linter, LISTS[name], GREETING + example + "\n")
    assert hits, f"{name}: {pattern!r} does not match its example {example!r}"
    assert all(f.excerpt.replace("\n", " ") in example or f.excerpt in example for f in hits)


def test_acronyms_list_entries_are_not_shouting(linter):
    for word, example in entries(rule_list("H401")):
        assert word.upper() in example, word
        assert found(linter, GREETING + example + "\n", ("H401",)) == [], example


@pytest.mark.parametrize("sentence,excerpt", [
    ("You wasted my time.", "You wasted my time"),
    ("You have wasted our time.", "You have wasted our time"),
    ("You guys totally wasted my time.", "You guys totally wasted my time"),
    ("Honestly you obviously did not read my resume.", "you obviously did not read"),
    ("You misled me about the role.", "You misled me"),
    ("You didn't even bother to reply.", "You didn't even bother to"),
])
def test_blame_variants(linter, sentence, excerpt):
    col = sentence.index(excerpt) + 1
    assert found(linter, GREETING + sentence + "\n") == [("H201", 3, col, excerpt)]


@pytest.mark.parametrize("sentence", [
    "You did not waste my time at all.",
    "You never wasted a minute of my time.",
    "Thank you for the time you took to read my portfolio.",
])
def test_blame_negated_or_grateful_is_clean(linter, sentence):
    assert found(linter, GREETING + sentence + "\n", ("H201",)) == []


@pytest.mark.parametrize("sentence", [
    "The mix-up with the dates is entirely on your side.",
    "Your recruiter is to blame for this whole mess.",
    "Your hiring freeze was a convenient excuse.",
    "The second take-home was free consulting work.",
    "I was rejected because of my accent.",
])
def test_blame_by_structure(linter, sentence):
    assert found(linter, GREETING + sentence + "\n") == [("H201", 3, 1, sentence)]


@pytest.mark.parametrize("sentence", [
    "The decision is entirely on your side, so take the time you need.",
    "The delay was on my side; sorry about that.",
    "You will be responsible for the Q3 roadmap, as I understand it.",
    "It would be a lie to say I wasn't disappointed.",
    "I did some free work for a local charity last year.",
    "I decided to turn down the other offer because of my age and the commute.",
    "Lunch is on you next time!",
])
def test_near_misses_of_blame_stay_clean(linter, sentence):
    assert found(linter, GREETING + sentence + "\n", ("H201",)) == []


def test_threat_variants(linter):
    text = GREETING + "You will regret this. I am going to post about this on Glassdoor.\n"
    assert found(linter, text, ("H202",)) == [
        ("H202", 3, 10, "regret this"),
        ("H202", 3, 23, "I am going to post about"),
    ]


@pytest.mark.parametrize("sentence", [
    # over the reader's head, as it stands
    "Since nobody has answered in a month, I'm forwarding this thread to your CEO.",
    # to a crowd, about the matter
    "I'll be telling my whole network how you treat candidates.",
    # the audience's coming interest, implied
    "I'm sure your board would love to hear how long this search has taken you.",
    # a charge against the reader, no audience needed
    "I intend to report you for asking about my religion.",
])
def test_threats_by_structure(linter, sentence):
    """H202's parse layer: the whole sentence, one finding (H102 leaves it alone)."""
    assert found(linter, GREETING + sentence + "\n") == [("H202", 3, 1, sentence)]


@pytest.mark.parametrize("sentence", [
    "I'll share my portfolio on LinkedIn tonight.",  # news, not the matter
    "I'll forward the signed forms to your HR team.",  # no authority over the reader
    "I will report to the VP of Engineering, as I understand it.",  # a reporting line
    "I will report back on the reference checks by Friday.",
    "I'll copy your CEO's assistant on the scheduling email as she asked.",  # an assistant
    "I'll tell my network how welcoming your team was.",  # praise
    "I'm sure your CEO would love to hear how the pilot went.",  # nothing of the reader's
    "We will be filing with the bankruptcy court this week.",  # outside authority, no grievance
    "My lawyer will review the contract before I sign.",
    "I will notify everyone when the call is set.",
])
def test_near_misses_of_threats_stay_clean(linter, sentence):
    assert found(linter, GREETING + sentence + "\n", ("H202",)) == []


def test_ultimatums_are_threats(linter):
    text = GREETING + "Improve the offer by Friday or I walk.\n"
    assert found(linter, text) == [("H202", 3, 1, "Improve the offer by Friday or I walk.")]
    for sentence in ("Call me or I'll call you tomorrow.", "Let me know by Friday, or I'll assume Monday works.",
                     "Either Tuesday or Wednesday works for me."):
        assert found(linter, GREETING + sentence + "\n", ("H202",)) == [], sentence


def test_the_writers_own_regret_is_not_a_threat(linter):
    # an apology for a step taken, not a warning to the reader
    assert found(linter, GREETING + "I regret that this action is necessary this year.\n", ("H202",)) == []
    assert found(linter, GREETING + "We regret that this delayed your start.\n", ("H202",)) == []
    # near-miss: the reader's regret is still a threat
    assert found(linter, GREETING + "You will regret that this process was so careless.\n", ("H202",)) == [
        ("H202", 3, 10, "regret that this")]


def test_taking_it_somewhere_is_a_threat_only_toward_a_hostile_audience(linter):
    # ordinary work: moving a thread on, promising news
    for sentence in ("Thanks, I will take it to the next level.", "Taking it to the team now, thanks.",
                     "I'll keep you posted on the dates."):
        assert found(linter, GREETING + sentence + "\n", ("H202",)) == [], sentence
    # near-misses: the same verbs toward an authority, and a post about this
    assert found(linter, GREETING + "I will take this to the labor board.\n", ("H202",)) == [
        ("H202", 3, 8, "take this to the labor board")]
    assert found(linter, GREETING + "I will take this to HR if I do not hear back.\n", ("H202",)) == [
        ("H202", 3, 8, "take this to HR")]
    assert found(linter, GREETING + "I will post about this on LinkedIn.\n", ("H202",)) == [
        ("H202", 3, 1, "I will post about")]


@pytest.mark.parametrize("sentence,column,excerpt", [
    # thanks or praise whose own object is a wrong
    ("Congratulations on losing my paperwork for the third time.", 1, None),
    ("What an honor to be ignored for a month.", 1, None),
    ("Thanks for finally answering my email.", 1, None),  # overdue
    # a bare verdict of praise after a complaint
    ("You misspelled my name in both emails. Impressive.", 40, "Impressive."),
])
def test_sarcasm_by_structure(linter, sentence, column, excerpt):
    assert found(linter, GREETING + sentence + "\n") == [("H301", 3, column, excerpt or sentence)]


@pytest.mark.parametrize("sentence", [
    "Thank you for letting me know, even though it's disappointing news.",  # a courtesy, bad news aside
    "Thanks for the update on the delay.",
    "It was an honor to be considered, even though I wasn't selected.",
    "Thanks for sticking with me through the scheduling mess.",  # the mess is not what the thanks is for
    "Thanks for fighting for my application with the committee.",  # on the writer's behalf
    "Your team shipped the migration in a week. Impressive.",  # praise after good news
    "It was a pleasure to meet you, despite the terrible traffic.",
])
def test_near_misses_of_sarcasm_stay_clean(linter, sentence):
    assert found(linter, GREETING + sentence + "\n", ("H301",)) == []


@pytest.mark.parametrize("sentence", [
    "Your recruiters may want to learn the difference between a phone screen and an interrogation.",
    "I'd suggest your panel work on basic listening skills.",
    "Next time, please learn the basics of the role before the call.",
    "Let me explain this slowly, since the last email did not land.",
    "Please have someone more senior handle my file from now on.",
])
def test_condescension_by_structure(linter, sentence):
    assert found(linter, GREETING + sentence + "\n") == [("H303", 3, 1, sentence)]


def test_rhetorical_how_hard_questions(linter):
    assert found(linter, GREETING + "How hard is it to return a phone call?\n") == [
        ("H303", 3, 1, "How hard is it to return a phone call?")]
    assert found(linter, GREETING + "How hard is it to transfer between teams later?\n", ("H303",)) == []


def test_minimising_counts_next_to_words_aimed_at_the_reader(linter):
    text = GREETING + "Please check the time zone on the invite. It isn't that hard.\n"
    assert found(linter, text, ("H303",)) == [("H303", 3, 43, "It isn't that hard.")]
    assert found(linter, GREETING + "The commute isn't that hard, so I'm happy to come in.\n", ("H303",)) == []


@pytest.mark.parametrize("sentence", [
    "You might want to check the attachment; I may have sent the wrong version.",
    "You may want to loop in your payroll team about the start date.",
    "Totally understand the decision.",
    "Please let me know if I should brush up on anything before the technical round.",
    "If there is anything I should work on, I'd welcome your advice.",
    "I'll study the product docs before our next call.",
    "Could you forward this to someone who knows the benefits details?",
    "Maybe someone more senior on your side would like to join the call?",
    "Let me explain more clearly what I meant in my last email.",
    "Perhaps we could revisit the start date once the offer is final.",
    "Please learn more about my research on the website I shared.",
    "Please familiarize yourself with my portfolio notes before the call, if helpful.",
    "Please send over the slots. It shouldn't be that hard to find one that works.",
    "Say what you will about the snow, the drive in was worth it even if the traffic was slow.",
    "If you don't have the figures, you might want to check with the people who actually do.",
])
def test_near_misses_of_condescension_stay_clean(linter, sentence):
    assert found(linter, GREETING + sentence + "\n", ("H303",)) == []


def test_sarcasm_and_passive_aggression(linter):
    text = GREETING + "Thanks for nothing.\nPer my previous message, the code is attached.\n"
    assert found(linter, text) == [
        ("H301", 3, 1, "Thanks for nothing"),
        ("H302", 4, 1, "Per my previous message"),
    ]


def test_insult_needs_a_target(linter):
    assert found(linter, GREETING + "Your recruiter is an idiot.\n", ("H101",)) == [
        ("H101", 3, 22, "idiot")]
    assert found(linter, GREETING + "I felt stupid about my typo.\n", ("H101",)) == []
    assert found(linter, GREETING + "Sorry if this is a stupid question, but when do you decide?\n",
                 ("H101",)) == []


@pytest.mark.parametrize("sentence,code,excerpt", [
    # aimed at someone, or at the employer's things: hostile
    ("Your hiring process sucks.", "H101", "sucks"),
    ("This rejection is bullshit.", "H101", "bullshit"),
    ("This is fucking absurd.", "H101", "fucking"),
    ("Just answer my damn email.", "H101", "damn"),
    ("What the hell is taking so long?", "H101", "the hell"),
    ("What the hell are they doing with my application.", "H101", "the hell"),
    ("I am pissed that you never replied.", "H101", "pissed"),
    ("I told him to fuck off.", "H101", "fuck"),
    ("Those bastards never called back.", "H101", "bastards"),
    ("What a shitty hiring process.", "H101", "shitty"),
    ("Bullshit.", "H101", "Bullshit"),
    # aimed at nobody: the writing rule W207 (register), not hostility
    ("That was a shitty week.", "W207", "shitty"),
    ("The flight was fine. Shitty movies though.", "W207", "Shitty"),
    ("I worked my ass off on the take-home task.", "W207", "ass"),
    ("I must have lost the damn thing at the airport.", "W207", "damn"),
    ("I'll call you tonight to shoot the shit.", "W207", "shit"),
    ("None of these values are worth a damn.", "W207", "damn"),
    ("I'm really pissed.", "W207", "pissed"),
    ("He is still pissed about the traffic.", "W207", "pissed"),
    ("I'm such a dumbass.", "W207", "dumbass"),
    ("Damn it, I missed the train.", "W207", "Damn"),
    ("I don't know what the hell happened to the train.", "W207", "the hell"),
])
def test_profanity_is_hostile_when_aimed_at_someone_else_a_register_warning(linter, sentence, code, excerpt):
    # one finding per swear word: H101 or W207, never both
    col = sentence.index(excerpt) + 1
    assert found(linter, GREETING + sentence + "\n", ("H101", "W207")) == [(code, 3, col, excerpt)]


def test_shouting_severities(linter):
    text = GREETING + ("Thank you again for the interview on Tuesday with the platform team. "
                       "PLEASE ANSWER MY EMAIL. I am STILL waiting!!! We use SQL on AWS. OK?\n")
    r = lint_text(linter, text, select=("H401",))
    got = [(f.excerpt, f.severity) for f in r.findings]
    assert got == [
        ("PLEASE ANSWER MY EMAIL", Severity.WARNING),
        ("STILL", Severity.INFO),
        ("!!!", Severity.WARNING),
    ]


def test_a_note_in_capitals_throughout_gets_nudges_only(linter):
    r = lint_text(linter, GREETING + "THANK YOU FOR THE INTERVIEW. I AM STILL VERY INTERESTED.\n",
                  select=("H401",))
    assert r.findings and all(f.severity == Severity.INFO for f in r.findings)


def test_headings_and_names_in_capitals_are_not_shouting(linter):
    assert found(linter, GREETING + "I loved the NEW YORK office and the DATA PLATFORM team.\n",
                 ("H401",)) == []


def test_offensive_sentence_model(linter):
    text = GREETING + "I enjoyed the interview.\nYour recruiter could not even spell my name right.\n"
    r = lint_text(linter, text, select=("H102",))
    assert [(f.code, f.line, f.column, f.excerpt) for f in r.findings] == [
        ("H102", 4, 1, "Your recruiter could not even spell my name right.")]
    f = r.findings[0]
    assert f.tone in ("insult", "blame", "condescension") and 0.5 <= f.score <= 1
    assert f.message.startswith("reads as ") and "recruiter" in f.message
    clean = GREETING + "We discussed how to kill a stuck process and shut down the old cluster.\n"
    assert found(linter, clean, ("H102",)) == []


def test_offensive_sentence_leaves_a_listed_phrase_to_its_rule(linter):
    # "pathetic" and "losers" are H101's: one finding per span, not two
    text = GREETING + "People like you are pathetic losers who ruin lives.\n"
    assert found(linter, text, ("H102",)) == []
    assert {c for c, *_ in found(linter, text)} == {"H101"}


def test_findings_say_what_the_reader_feels_and_suggest(linter):
    text = GREETING + "You wasted my time. Thanks for nothing. You will regret this.\n"
    for f in lint_text(linter, text, select=("H",)).findings:
        assert "reader" in f.message and f.suggestions, f


GRACIOUS = [
    # a specific thank-you note
    "Subject: Thank you - data engineer interview\n\nHi Dana,\n\n"
    "Thank you for taking me through the ingestion pipeline on Tuesday. Your point about\n"
    "late-arriving events stuck with me, and I sketched how I would backfill them with\n"
    "the Airflow setup we discussed. I am happy to share it if useful.\n\nBest,\nSam Lee\n",
    # a gracious reply to a rejection
    "Hi Dana,\n\nThank you for letting me know, and for the time you and Priya spent with me.\n"
    "I was disappointed, but I learned a lot from the system design round. If a data role\n"
    "opens up next year, I would love to be considered.\n\nAll the best,\nSam\n",
    # a polite check-in
    "Hi Dana,\n\nI wanted to check in on the timeline for the analyst role we discussed on\n"
    "March 3. Is there anything else I can send you?\n\nThanks,\nSam\n",
]


@pytest.mark.parametrize("text", GRACIOUS)
def test_gracious_drafts_have_no_judgement_warnings(linter, text):
    r = lint_text(linter, text, select=("H", "P", "D"))
    assert [(f.code, f.excerpt) for f in r.findings if f.severity >= Severity.WARNING] == []


def test_quoted_reply_is_not_judged(linter):
    text = ("Hi Dana,\n\nThank you for letting me know. I enjoyed meeting the team.\n\nBest,\nSam\n\n"
            "On Mon, Mar 3, 2025 at 9:00 AM Dana Park <dana@example.com> wrote:\n"
            "> You wasted my time and your process is bullshit.\n")
    assert found(linter, text) == []


@pytest.mark.parametrize("text", [
    "Thank you for letting me know. I am sure whoever you picked will do great, and I wish the team well.",
    "The notes from Tuesday were really helpful. Thanks a lot.",
    "Oh well, I will keep an eye on your careers page and hope to meet again.",
])
def test_phrases_sincere_in_a_kind_note_are_not_sarcasm(linter, text):
    assert found(linter, GREETING + text + "\n\nBest,\nSam Lee\n", ("H301",)) == []


def test_ambiguous_phrase_next_to_a_sour_sentence_is_sarcasm(linter):
    text = GREETING + "Thanks a lot. This was the worst interview process I have ever seen.\n"
    assert found(linter, text, ("H301",)) == [("H301", 3, 1, "Thanks a lot")]


def test_subject_tags_are_not_shouting(linter):
    """"[PATCH]" and "Re:" are put there by git and mail programs, not the
    sender: H401 leaves them alone and still hears the sender's capitals."""
    body = "\n\nHi Dana,\n\nThank you for the interview.\n\nBest,\nSam\n"
    assert shared_found(linter, "Subject: [PATCH] Thank you Dana" + body, ["H401"]) == []
    assert shared_found(linter, "Subject: Re: [PATCH v2 1/3] URGENT question" + body, ["H401"]) == [
        ("H401", 1, 29, "URGENT")]


def test_shouting_is_aimed_at_the_reader_not_a_notice_or_enthusiasm(linter):
    pre = GREETING + "Thank you again for the interview on Tuesday with the platform team and the engineers. "

    def severities(line):
        return [(f.excerpt, f.severity) for f in lint_text(linter, pre + line + "\n", select=("H401",)).findings]

    # the reader and the writer together, or exasperation: a raised voice
    assert severities("I NEED AN ANSWER FROM YOU TODAY.") == [("NEED AN ANSWER FROM YOU TODAY", Severity.WARNING)]
    assert severities("ARE YOU EVEN READING THIS?") == [("ARE YOU EVEN READING THIS", Severity.WARNING)]
    # a notice's emphasis, addressed to the reader alone: a nudge
    assert severities("DO NOT RESPOND if the dates are correct.") == [("DO NOT RESPOND", Severity.INFO)]
    assert severities("YOU MUST SET THE BUSINESS HOURS FIRST.") == [
        ("YOU MUST SET THE BUSINESS HOURS FIRST", Severity.INFO)]
    # marks after warm words with nothing negative in them are enthusiasm
    assert severities("Hope to see everyone there!!!") == [("!!!", Severity.INFO)]
    assert severities("Any update???") == [("???", Severity.WARNING)]
    assert severities("Thanks for nothing, you wasted my time!!!") == [("!!!", Severity.WARNING)]


def test_blame_whose_act_is_the_writers_own_is_not_an_accusation(linter):
    # "you _? _? ~make a mistake" spans "you believe I made a mistake": the writer made it
    assert found(linter, GREETING + "I entered the deal twice (Can you believe I made a mistake?).\n",
                 ("H201",)) == []
    assert found(linter, GREETING + "I think you made a mistake.\n", ("H201",)) == [
        ("H201", 3, 9, "you made a mistake")]
    assert found(linter, GREETING + "You made me waste my time.\n", ("H201",)) == [
        ("H201", 3, 1, "You made me waste my time")]


def test_exclamation_marks_without_exasperation_are_emphasis(linter):
    def marks(line):
        r = lint_text(linter, GREETING + line + "\n", select=("H401",))
        return [(f.code, f.line, f.column, f.excerpt, f.severity) for f in r.findings]

    # "!!!" with nothing negative, exasperated or urgent before it: a nudge
    assert marks("See you later!!!") == [("H401", 3, 14, "!!!", Severity.INFO)]
    assert marks("Need your book list from amazon.com!!!!") == [("H401", 3, 36, "!!!!", Severity.INFO)]
    # only the form's last field is what the marks end ("Drop" is negative in VADER's lexicon)
    assert marks("When: Friday Time: Drop by at 5:30 Where: the Tavern Hope to see everyone there!!!") == [
        ("H401", 3, 80, "!!!", Severity.INFO)]
    # near-misses that stay warnings: a negative word, exasperation, urgency, a raised voice
    assert marks("I'm bored of waiting!!!") == [("H401", 3, 21, "!!!", Severity.WARNING)]
    assert marks("I am still waiting!!!") == [("H401", 3, 19, "!!!", Severity.WARNING)]
    assert marks("Call me back now!!!") == [("H401", 3, 17, "!!!", Severity.WARNING)]
    assert [f[2:] for f in marks("HOW DARE YOU!!!")][-1] == (13, "!!!", Severity.WARNING)
    # two marks after a negative judgement of the reader are a raised voice too; warm ones are not
    assert marks("You are evil!!") == [("H401", 3, 13, "!!", Severity.WARNING)]
    assert marks("It was great meeting you too!!") == [("H401", 3, 29, "!!", Severity.INFO)]


def test_question_marks_for_a_word_not_known_yet_are_not_a_question(linter):
    assert found(linter, GREETING + "We will bring pizza, and for dinner scallops and ???.\n", ("H401",)) == []
    r = lint_text(linter, GREETING + "What are you waiting for???\n", select=("H401",))
    assert [(f.code, f.line, f.column, f.excerpt, f.severity) for f in r.findings] == [
        ("H401", 3, 25, "???", Severity.WARNING)]


def test_an_insult_word_that_names_a_thing_is_not_aimed_at_anyone(linter):
    assert found(linter, GREETING + "The trash cans are by the lift.\n", ("H101",)) == []
    assert found(linter, GREETING + "Some of it is ridiculous, but most of it can be fixed.\n", ("H101",)) == []
    assert found(linter, GREETING + "The interviewers were idiots.\n", ("H101",)) == [("H101", 3, 23, "idiots")]
    assert found(linter, GREETING + "What a joke.\n", ("H101",)) == [("H101", 3, 8, "joke")]


def test_a_quoted_word_is_mentioned_not_used(linter):
    # H101: a swear word or insult in quotation marks is talked about, not said to anyone
    assert found(linter, GREETING + 'Some carried signs with the word "Moron" on them.\n', ("H101",)) == []
    assert found(linter, GREETING + "It was the equivalent of saying \u201ccrap!\u201d in a meeting.\n",
                 ("H101",)) == []
    assert found(linter, GREETING + "Your process is crap.\n", ("H101",)) == [("H101", 3, 17, "crap")]
    assert found(linter, GREETING + 'Your "process" is a joke.\n', ("H101",)) == [("H101", 3, 21, "joke")]


def test_question_marks_the_mail_put_for_lost_characters_are_not_shouting(linter):
    # "???survivor??": an encoding that lost curly quotes; a real "?" is never glued to a word's start
    r = lint_text(linter, GREETING + "I knew I was a ???survivor?? of the cuts.\n", select=("H401",))
    assert [f for f in r.findings if f.severity >= Severity.WARNING] == []
    r = lint_text(linter, GREETING + "Any update on my application???\n", select=("H401",))
    assert [(f.excerpt, f.severity) for f in r.findings] == [("???", Severity.WARNING)]
