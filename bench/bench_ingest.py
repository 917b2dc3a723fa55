"""Benchmark ``briefings ingest``: synthetic text and HTML articles, articles per second for each.

    .venv/bin/python bench/bench_ingest.py [--count 200]
    .venv/bin/python bench/bench_ingest.py --scaling

Builds a throw-away project (a copy of briefings/registry/ and no briefings) in a
temporary folder, writes COUNT synthetic articles of each kind, ingests each folder
with the CLI in-process, and prints the rate. The articles are invented: made-up
people in made-up towns, dated, with a quotation, in the shapes of pasted text and
of a CMS page with JSON-LD.

``--scaling`` times actor and quote finding alone on articles of 25 to 200 kB made of
nothing but quotations or names: the time per megabyte must stay flat (linear).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import io
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOWNS = ["Harbourview", "Eastmere", "Northwick", "Lowfield", "Kestrel Bay", "Ashford Vale"]
GIVEN = ["Mira", "Tomas", "Aiko", "Dana", "Farid", "Lena", "Oskar", "Priya"]
FAMILY = ["Holt", "Varga", "Tanaka", "Ruiz", "Haddad", "Berg", "Lindqvist", "Rao"]
TOPICS = ["a new ferry line", "the water tariff", "a school merger", "the harbour dredging",
          "a wind farm permit", "the night-bus timetable"]
SYLLABLES = ["son", "berg", "ova", "ez", "ski", "lund", "ari", "dottir", "ino", "ek"]


def article(i: int) -> dict[str, str]:
    rng = random.Random(i)
    day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 600))
    town, topic = rng.choice(TOWNS), rng.choice(TOPICS)
    person = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
    title = f"Vote {i}: {town} council backs {topic}"
    paragraphs = [
        (f"The {town} council voted to back {topic} on {day:%B} {day.day}, {day.year}, after months of "
         f"debate between residents and the regional government in Tokyo."),
        (f"\u201cThis decision gives families in {town} the certainty they asked for over many years,\u201d "
         f"council chair {person} said after the vote."),
        (f"Opponents said the cost of {topic} had doubled since the plan was first proposed, and that "
         f"Japan's national budget would have to cover the difference."),
        f"{person.split()[-1]} said work would begin within a year. Article {i}.",
    ]
    return {"title": title, "date": day.isoformat(), "person": person, "paragraphs": "\n\n".join(paragraphs),
            "paragraph_list": "\x00".join(paragraphs)}


def text_article(i: int) -> str:
    a = article(i)
    return (f"News / Local\n\n{a['title']}\n\nCouncillors at the vote in {TOWNS[i % len(TOWNS)]}. "
            f"(Photo by Staff)\n\n{a['paragraphs']}\n\nSHARE THIS ARTICLE\n"
            f"The post {a['title']} appeared first on Press TV.\n")


def html_article(i: int) -> str:
    a = article(i)
    body = "".join(f"<p>{p}</p>" for p in a["paragraph_list"].split("\x00"))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{a["title"]} | Al Jazeera</title>
<meta property="og:title" content="{a["title"]}">
<meta property="og:site_name" content="Al Jazeera">
<link rel="canonical" href="https://www.aljazeera.com/news/{a["date"].replace("-", "/")}/article-{i}">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"{a["title"]}","datePublished":"{a["date"]}T08:00:00Z",
"author":{{"@type":"Person","name":"Staff Writer"}},\
"publisher":{{"@type":"Organization","name":"Al Jazeera"}}}}
</script></head><body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><h1>{a["title"]}</h1>{body}</article></main>
<footer><p>Follow us on social media</p><p>&copy; 2025 Al Jazeera Media Network</p></footer></body></html>"""


def make_project(target: Path) -> Path:
    (target / "briefings").mkdir(parents=True)
    shutil.copytree(REPO / "briefings" / "registry", target / "briefings" / "registry")
    return target


def write_folder(folder: Path, count: int, kind: str, start: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + count):
        if kind == "text":
            (folder / f"article-{i:04d}.txt").write_text(text_article(i), encoding="utf-8")
        else:
            (folder / f"article-{i:04d}.html").write_text(html_article(i), encoding="utf-8")
    return folder


def run(count: int) -> dict[str, float]:
    sys.path.insert(0, str(REPO))
    from site_builder.cli import main

    rates: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("text", "html"):
            project = make_project(Path(tmp) / f"project-{kind}")
            folder = write_folder(Path(tmp) / f"in-{kind}", count, kind)
            out, err = io.StringIO(), io.StringIO()
            start = time.perf_counter()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(["--root", str(project), "ingest", str(folder)])
            elapsed = time.perf_counter() - start
            written = len(list((project / "briefings").rglob("*.md")))
            if code != 0 or written != count:
                print(err.getvalue()[-2000:], file=sys.stderr)
                raise SystemExit(f"{kind}: exit {code}, {written}/{count} briefings written")
            rates[kind] = count / elapsed
            print(f"{kind}: {count} articles in {elapsed:.2f}s = {rates[kind]:.1f} articles/s")
    return rates


def scaling_text(size: int, kind: str) -> list[str]:
    """About ``size`` bytes of paragraphs dense in quotations or in names: the worst case for ingest."""
    rng = random.Random(size)
    paragraphs: list[str] = []
    total = 0

    def family() -> str:
        return rng.choice(FAMILY) + rng.choice(SYLLABLES) + rng.choice(SYLLABLES)

    while total < size:
        person = f"{rng.choice(GIVEN)} {family()}"
        if kind == "quotes":
            p = (
                f"\u201cThe {rng.choice(TOPICS)} will be ready by the spring of next year,\u201d "
                f"{person} said. "
                f"\u2018We will see what the board decides,\u2019 replied {person.split()[-1]}."
            )
        else:
            p = ", ".join(f"{rng.choice(GIVEN)} {family()} of the "
                          f"{rng.choice(TOWNS)} Harbour Board" for i in range(6)) + " met on Monday."
        paragraphs.append(p)
        total += len(p)
    return paragraphs


def scaling() -> None:
    """Time actor and quote finding on 25, 50, 100 and 200 kB: the time per kB must stay flat."""
    sys.path.insert(0, str(REPO))
    from site_builder.authoring.ingest import gazetteer
    from site_builder.authoring.ingest.actors import find_actors
    from site_builder.authoring.ingest.quotes import find_quotes

    gaz = gazetteer.load()
    find_actors(["Warm-up text about Tokyo."], {}, gaz)
    for kind in ("quotes", "names"):
        for size in (25_000, 50_000, 100_000, 200_000):
            paragraphs = scaling_text(size, kind)
            start = time.perf_counter()
            found = find_actors(paragraphs, {}, gaz)
            ids = [f.actor.id for f in found.findings]
            result = find_quotes(paragraphs, functools.partial(found.mentions_of, named_elsewhere=ids),
                                 {a.id: a.kind for a in found.actors.values()})
            elapsed = time.perf_counter() - start
            print(
                f"{kind:6} {size // 1000:4d} kB: {elapsed * 1000:7.0f} ms = {elapsed * 1e6 / size:5.2f} s/MB "
                f"({len(found.findings)} actors, {len(result.quotes)} quotes)"
            )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--scaling", action="store_true",
                        help="time actor and quote finding on growing worst-case articles instead")
    arguments = parser.parse_args()
    if arguments.scaling:
        scaling()
    else:
        run(arguments.count)
