"""A deterministic corpus of follow-up drafts for the Spark benchmark.

    python bench/spark_corpus.py OUT_DIR [--count 1000] [--seed 9]

writes OUT_DIR/draft-0001.txt ... (60 to 260 words each, with a Subject line)
and a few .eml messages. The same count and seed always give the same bytes.
Drafts are mixed on purpose: polite notes, hostile replies to a rejection,
presumptuous and desperate ones, unfilled templates, run-on walls of text, so
every rule family has work to do.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

FIRST = ["Dana", "Priya", "Marcus", "Elena", "Tom", "Aisha", "Kenji", "Laura", "Omar", "Sofia", "Ben", "Grace"]
LAST = ["Reyes", "Patel", "Okafor", "Novak", "Berg", "Haddad", "Sato", "Moreau", "Lindqvist", "Costa"]
COMPANIES = ["Northwind Analytics", "Bluefin Health", "Copperleaf Labs", "Harbor Freight Systems",
             "Maple Street Bank", "Quillstone Media", "Redwood Robotics", "Tidewater Energy"]
ROLES = ["data engineer", "product designer", "backend developer", "marketing analyst", "QA lead",
         "site reliability engineer", "account manager", "research scientist"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
TOPICS = ["the migration to the new warehouse", "the onboarding flow", "your on-call rotation",
          "the quarterly planning process", "the customer research program", "the test automation backlog"]

GOOD = [
    "Thank you for taking the time to meet with me on {day} about the {role} role.",
    "I enjoyed hearing how the team approaches {topic}.",
    "Our conversation about {topic} made me even more interested in joining {company}.",
    "In my current job I led a small project on a similar problem, and I would be glad to share what we learned.",
    "Please let me know if I can send anything else that would help.",
    "I appreciated the clear picture you gave of the first three months in the role.",
    "It was great to meet {other} as well, and I learned a lot from the whiteboard exercise.",
    "I look forward to hearing about the next steps when the timing works for you.",
    "One idea I kept thinking about afterwards was a simpler way to measure progress on {topic}.",
    "Thank you again for your time and for the thoughtful questions.",
]
HOSTILE = [
    "Thanks for nothing.",
    "You obviously did not read my resume before the call.",
    "Frankly, your process was a waste of my time.",
    "I find it hard to believe anyone competent designed that interview.",
    "Good luck finding someone who puts up with that.",
    "Per my last email, I am still waiting for an answer.",
    "Maybe next time you could try showing up on time.",
]
PRESUMPTUOUS = [
    "I am thrilled to be joining the team and have already told my manager I am leaving.",
    "When I start next month I would like a desk near the window.",
    "I assume the offer letter is on its way, so please send it to my personal address.",
    "I have already given notice at my current job.",
    "Let me know what my salary will be so I can plan the move.",
]
DESPERATE = [
    "I really, really need this job, please.",
    "I will do anything to get this position, even work for free at first.",
    "I have checked my inbox every hour since we spoke.",
    "Please, I am begging you to give me a chance.",
    "This is my fourth email this week, just following up again.",
]
TEMPLATE = [
    "Thank you for the opportunity to interview for the [Position] position at [Company Name].",
    "Dear [Hiring Manager Name], I wanted to follow up on our conversation.",
    "I believe my skills in [skill] make me a great fit for {company}.",
    "I look forward to hearing from you by <date>.",
]
WORDY = [
    "I wanted to reach out in order to basically just touch base regarding the fact that it is my belief that "
    "I could be a really very good fit for the position which in my opinion would allow me to make an impact "
    "and also to grow and learn and contribute in a lot of different ways that were discussed at the time.",
    "Mistakes were made in my last project, but it is felt by everyone that lessons were learned.",
    "i think i could maybe perhaps possibly be somewhat helpful to the the team.",
]
KINDS = [("good", 0.40), ("hostile", 0.14), ("presumptuous", 0.12), ("desperate", 0.12),
         ("template", 0.12), ("wordy", 0.10)]
POOLS = {"hostile": HOSTILE, "presumptuous": PRESUMPTUOUS, "desperate": DESPERATE, "template": TEMPLATE,
         "wordy": WORDY}


def _words(text: str) -> int:
    return len(text.split())


def draft(rng: random.Random, index: int) -> tuple[str, str]:
    """(file name, content) of draft ``index``."""
    kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
    first, last = rng.choice(FIRST), rng.choice(LAST)
    me = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    fill = {"day": rng.choice(DAYS), "role": rng.choice(ROLES), "company": rng.choice(COMPANIES),
            "topic": rng.choice(TOPICS), "other": rng.choice(FIRST)}
    target = rng.randint(72, 260)  # the loop below stops up to 12 words short
    subject = {"good": "Thank you - {role} interview", "hostile": "Re: Your application",
               "template": "Thank you for the [Position] interview"}.get(kind, "Following up on the {role} role")
    greeting = "Dear [Name]," if kind == "template" and rng.random() < 0.5 else f"Hi {first},"
    sign = rng.choice(["Best regards", "Kind regards", "Thanks", "Best"])
    subject = subject.format(**fill)
    budget = target - _words(f"Subject: {subject} {greeting} {sign}, {me}")
    paragraphs: list[list[str]] = [[]]
    body_words = 0
    pool = POOLS.get(kind)
    tries = 0
    while body_words < budget - 12 and tries < 200:
        tries += 1
        if pool is not None and rng.random() < 0.45:
            sentence = rng.choice(pool)
        else:
            sentence = rng.choice(GOOD)
        sentence = sentence.format(**fill)
        if body_words + _words(sentence) > budget:
            continue
        paragraphs[-1].append(sentence)
        body_words += _words(sentence)
        if len(paragraphs[-1]) >= rng.randint(2, 4):
            paragraphs.append([])
    body = "\n\n".join(" ".join(p) for p in paragraphs if p)
    text = f"{greeting}\n\n{body}\n\n{sign},\n{me}\n"
    if index % 25 == 0:  # a few whole messages
        name = f"draft-{index:04d}.eml"
        content = (f"From: {me} <{me.split()[0].lower()}@example.org>\n"
                   f"To: {first} {last} <{first.lower()}@example.com>\n"
                   f"Subject: {subject}\nMIME-Version: 1.0\n"
                   "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + text)
    else:
        name = f"draft-{index:04d}.txt"
        content = f"Subject: {subject}\n\n{text}"
    return name, content


def _draft_words(content: str) -> int:
    """Words of the Subject line and the text (MIME headers left out)."""
    head, _, text = content.partition("\n\n")
    subject = [line for line in head.splitlines() if line.startswith("Subject:")]
    return _words(" ".join(subject) + " " + text)


def generate(out: Path, count: int = 1000, seed: int = 9) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(1, count + 1):
        name, content = draft(rng, i)
        path = out / name
        path.write_text(content, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=9)
    args = ap.parse_args()
    paths = generate(args.out, args.count, args.seed)
    words = [_draft_words(p.read_text(encoding="utf-8")) for p in paths]
    print(f"{len(paths)} drafts in {args.out} ({min(words)}-{max(words)} words, {sum(words)} in all)")


if __name__ == "__main__":
    main()
