"""Seeded synthetic archive generator for benchmarks and scale tests.

``python bench/generate.py N OUT`` writes a complete project into OUT: N briefings of
600-900 words under briefings/, registries with N/20+50 actors (mentioned with a
Zipf distribution, as real news is), N/50+20 events and 40 outlets, docs/ copied
from the repository, and the repository's mkdocs.yml. The same N and seed always
give the same files, so build times can be compared across changes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ran",
    "tes",
    "vor",
    "bel",
    "du",
    "shan",
    "ko",
    "rin",
    "ta",
    "mer",
    "vel",
    "an",
    "sol",
    "gri",
    "pa",
    "zen",
    "ul",
    "dor",
    "ne",
    "fi",
    "hal",
]
VERBS = [
    "met",
    "criticised",
    "praised",
    "warned",
    "visited",
    "called",
    "accused",
    "welcomed",
    "urged",
    "thanked",
]
TOPICS = [
    "trade",
    "sanctions",
    "border security",
    "energy supplies",
    "fisheries",
    "shipping lanes",
    "tariffs",
    "military drills",
    "food aid",
    "rail links",
    "port access",
    "a missile test",
    "a summit",
    "cyber attacks",
]
FILLER = [
    "Officials said the talks covered {topic} and regional stability.",
    "The statement did not mention {topic}, which analysts said was notable.",
    "Observers noted that {topic} had dominated the previous round of meetings.",
    "According to the readout, both sides agreed to continue discussions on {topic}.",
    "The ministry described the exchange as frank and constructive.",
    "Diplomats in the capital expect further meetings before the end of the year.",
    "Critics of the government questioned whether the agreement would hold.",
    "State media carried a lengthy account of the meeting on its front page.",
    "Markets reacted calmly to the announcement on {topic}.",
    "A spokesperson declined to give further details about {topic}.",
]
KINDS = ["person"] * 6 + ["state"] * 2 + ["organisation"] * 2 + ["media"]
OWNERSHIP = ["state-owned", "state-funded", "public-service", "private", "non-profit", "party-owned"]


def _name(rng: random.Random, parts: int) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
                    for _ in range(parts))


def _slug(text: str) -> str:
    return "-".join("".join(c for c in word.lower() if c.isalnum()) for word in text.split())


def _zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return [1 / (rank ** s) for rank in range(1, n + 1)]


def generate(n: int, out: Path, seed: int = 42) -> None:
    rng = random.Random(seed)
    n_actors, n_events, n_outlets = n // 20 + 50, n // 50 + 20, 40
    out.mkdir(parents=True, exist_ok=True)
    registry = out / "briefings" / "registry"
    registry.mkdir(parents=True, exist_ok=True)

    actors: list[tuple[str, str, str]] = []  # id, name, kind
    seen: set[str] = set()
    while len(actors) < n_actors:
        kind = "state" if len(actors) < 10 else rng.choice(KINDS)
        name = _name(rng, 2 if kind == "person" else 1) + ("" if kind in ("person", "state") else " Council"
                                                           if kind == "organisation" else " News Agency")
        actor_id = _slug(name)
        if actor_id not in seen:
            seen.add(actor_id)
            actors.append((actor_id, name, kind))
    states = [a for a in actors if a[2] == "state"]
    with open(registry / "actors.yml", "w", encoding="utf-8") as f:
        f.write("# Synthetic actors\n")
        for actor_id, name, kind in actors:
            f.write(f"{actor_id}:\n  name: {name}\n  kind: {kind}\n")
            if kind != "state":
                f.write(f"  country: {rng.choice(states)[0]}\n")
            if kind == "person":
                f.write(f"  role: Minister of {rng.choice(TOPICS).title()}\n")

    start = dt.date(2015, 1, 1)
    span_days = 365 * 10
    events: list[tuple[str, dt.date]] = []
    with open(registry / "events.yml", "w", encoding="utf-8") as f:
        f.write("# Synthetic events\n")
        for i in range(n_events):
            day = start + dt.timedelta(days=rng.randrange(span_days))
            name = f"{_name(rng, 1)} talks on {rng.choice(TOPICS)}"
            event_id = f"{_slug(name)}-{i}"
            events.append((event_id, day))
            members = rng.sample(actors[:60], 3)
            f.write(f"{event_id}:\n  name: {name}\n  date: {day.isoformat()}\n  place: {_name(rng, 1)}\n"
                    f"  actors: [{', '.join(m[0] for m in members)}]\n")

    outlets = []
    with open(registry / "outlets.yml", "w", encoding="utf-8") as f:
        f.write("# Synthetic outlets\n")
        for i in range(n_outlets):
            name = f"The {_name(rng, 1)} {rng.choice(['Times', 'Post', 'Herald', 'Daily', 'Observer'])}"
            outlet_id = f"{_slug(name)}-{i}"
            outlets.append(outlet_id)
            f.write(f"{outlet_id}:\n  name: {name}\n  domains: [{outlet_id}.example]\n"
                    f"  country: {_name(rng, 1)}\n  ownership: {rng.choice(OWNERSHIP)}\n")

    weights = _zipf_weights(len(actors))
    for i in range(n):
        day = start + dt.timedelta(days=rng.randrange(span_days))
        cast = list(dict.fromkeys(rng.choices(actors, weights=weights, k=rng.randint(3, 8))))
        people = [a for a in cast if a[2] == "person"] or cast
        topic = rng.choice(TOPICS)
        a, b = cast[0], cast[-1]
        title = f"{a[1]} {rng.choice(VERBS)} {b[1]} over {topic}"
        slug = f"{_slug(title)[:60].strip('-')}-{i}"
        briefing_events = [e for e, d in rng.sample(events, 2) if rng.random() < 0.3]
        quotes = [(p[0], f"We will not compromise on {rng.choice(TOPICS)}, and we expect respect in return.")
                  for p in people[:2]]
        paragraphs = []
        words = 0
        target = rng.randint(600, 900)
        while words < target:
            actor = rng.choice(cast)
            sentences = [f"{actor[1]} {rng.choice(VERBS)} {rng.choice(cast)[1]} on {rng.choice(TOPICS)}."]
            sentences += [
                rng.choice(FILLER).format(topic=rng.choice(TOPICS)) for _ in range(rng.randint(2, 4))
            ]
            paragraph = " ".join(sentences)
            words += len(paragraph.split())
            paragraphs.append(paragraph)
        folder = out / "briefings" / f"{day.year:04d}" / f"{day.month:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        lines = ["---", f"title: {title}", f"date: {day.isoformat()}", f"outlet: {rng.choice(outlets)}",
                 f"source_url: https://news.example/{day.isoformat()}/{slug}", "actors:"]
        lines += [f"  - {c[0]}" for c in cast]
        if briefing_events:
            lines += ["events:"] + [f"  - {e}" for e in briefing_events]
        lines += [f"summary: {a[1]} {rng.choice(VERBS)} {b[1]} over {topic}, officials said."]
        lines += ["quotes:"] + [f"  - speaker: {s}\n    text: {t}" for s, t in quotes]
        lines += [f"tags: [{_slug(topic)}]", "---", "", "\n\n".join(paragraphs), ""]
        (folder / f"{day.isoformat()}-{slug}.md").write_text("\n".join(lines), encoding="utf-8")

    if (out / "docs").exists():
        shutil.rmtree(out / "docs")
    shutil.copytree(REPO / "docs", out / "docs")
    shutil.copy(REPO / "mkdocs.yml", out / "mkdocs.yml")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of briefings")
    parser.add_argument("out", type=Path, help="project folder to write (created)")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty")
    generate(args.n, args.out, args.seed)
    print(f"wrote {args.n} briefings into {args.out}")


if __name__ == "__main__":
    main()
