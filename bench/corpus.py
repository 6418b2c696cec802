"""A deterministic folder of follow-up drafts for benchmarks.

    python bench/corpus.py OUT_DIR [--count 1000] [--seed 6]

Writes ``count`` drafts (mostly .txt, some .md and .eml) made from a few
sentence banks with a seeded random generator: the same arguments always
give byte-identical files. Some drafts carry the problems the rules look for
(placeholders, pleas, shouting, stock phrases, typos), most are ordinary.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

NAMES = ["Dana", "Priya", "Marco", "Aiko", "Tom", "Lena", "Omar", "Grace", "Jonas", "Sofia"]
SENDERS = ["Sam Park", "Alex Kim", "Jordan Lee", "Riley Chen", "Casey Diaz"]
COMPANIES = ["Acme", "Northwind", "Globex", "Initech", "Umbrella Health", "Blue Yonder"]
TOPICS = ["the billing migration", "your on-call rotation", "the design system", "the data pipeline",
          "the mobile release process", "customer onboarding", "the search ranking work"]
OPENERS = [
    "Thank you for taking the time to talk with me on {day} about {topic}.",
    "Thanks again for the interview on {day}; I enjoyed hearing about {topic}.",
    "I wanted to follow up on our conversation on {day} about {topic}.",
    "It was a pleasure to meet the team on {day} and learn about {topic}.",
]
MIDDLES = [
    "Your point about shipping small changes stayed with me, and it matches how I worked on {topic}.",
    "I put together a short note on how I would approach {topic} and would be glad to send it.",
    "The question about trade-offs made me think, and I wrote down a clearer answer afterwards.",
    "I am excited about the chance to help {company} grow the team that owns {topic}.",
    "Hearing how {company} reviews code made me even more interested in the role.",
]
PROBLEMS = [
    "I look forward to hearing from you at your earliest convenience.",
    "Please, I really need this job.",
    "Any update??? It has been a week.",
    "Hi [Name], I hope this finds you well.",
    "I have already told my manager that I am leaving.",
    "I recieve a lot of offers, but yours is the one I want.",
    "I'm sorry to bother you again, I apologize for the long email.",
    "Frankly, your process is a joke and a waste of everyone's time.",
]
CLOSINGS = ["Best regards,", "Kind regards,", "Thanks,", "Best,"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def draft(rng: random.Random) -> tuple[str, str]:
    name, sender, company = rng.choice(NAMES), rng.choice(SENDERS), rng.choice(COMPANIES)
    topic, day = rng.choice(TOPICS), rng.choice(DAYS)
    fill = {"topic": topic, "day": day, "company": company}
    sentences = [rng.choice(OPENERS).format(**fill)]
    sentences += [m.format(**fill) for m in rng.sample(MIDDLES, rng.randint(1, 3))]
    if rng.random() < 0.45:
        sentences.insert(rng.randint(1, len(sentences)), rng.choice(PROBLEMS))
    paragraphs = [" ".join(sentences[:2]), " ".join(sentences[2:])] if len(sentences) > 2 else [" ".join(sentences)]
    body = f"Hi {name},\n\n" + "\n\n".join(paragraphs) + f"\n\n{rng.choice(CLOSINGS)}\n{sender}\n"
    subject = rng.choice(["Thank you", "Following up", f"Thanks from {sender.split()[0]}", "Interview follow-up"])
    return subject, body


def write(out: Path, count: int = 1000, seed: int = 6) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(count):
        subject, body = draft(rng)
        folder = out / f"client{i % 20:02}"
        folder.mkdir(exist_ok=True)
        roll = rng.random()
        if roll < 0.1:
            path = folder / f"draft{i:04}.eml"
            text = (f"From: Sam Park <sam@example.com>\nTo: Hiring <jobs@{'example'}.com>\nSubject: {subject}\n"
                    f"MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{body}")
        elif roll < 0.2:
            path = folder / f"draft{i:04}.md"
            text = body
        else:
            path = folder / f"draft{i:04}.txt"
            text = f"Subject: {subject}\n\n{body}"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=6)
    args = ap.parse_args()
    paths = write(args.out, args.count, args.seed)
    print(f"{len(paths)} drafts in {args.out}")


if __name__ == "__main__":
    main()
