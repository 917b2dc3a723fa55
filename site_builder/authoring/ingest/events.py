"""Ingest: which articles of a batch report the same story, and the event a curator asks for. Pure.

An event is something a curator decides exists: ingest never makes one per
headline. It matches articles to registry events (``matching.match_events``);
across a batch it groups the articles that tell the same story (dates close
together and the same actors, or the same headline words) so the review list
can show them side by side; and when the curator passes ``--new-event NAME`` it
drafts that one event from the articles it covers.

Grouping compares each article only with those dated within ``GROUP_DAYS`` of
it, so a batch costs time in proportion to its size times the articles per few
days, never all pairs of a large batch.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from site_builder.authoring.ingest.names import FUNCTION_WORDS
from site_builder.core.urls import slugify

#: Articles further apart than this many days never tell the same story.
GROUP_DAYS = 3
#: Shared actors (Jaccard) that make two close articles one story.
SAME_ACTORS = 0.5
#: Shared headline words (Jaccard) that, with one shared actor, make two close articles one story.
SAME_WORDS = 0.3


@dataclass(frozen=True)
class Story:
    """What grouping needs of one ingested article."""

    source: str  # how the batch names it (file, URL)
    day: dt.date
    actors: frozenset[str]  # registry actor ids
    words: frozenset[str]  # content words of the headline
    events: tuple[str, ...] = ()
    prominent: frozenset[str] | None = None  # the actors it is about (headline, lede, quotes); None: all


def headline_words(title: str) -> frozenset[str]:
    """Content words of a headline: lowercase, no function words or short words."""
    words = re.findall(r"[^\W\d_][\w'-]*", title.lower().replace("’", "'"))
    return frozenset(w.removesuffix("'s") for w in words if len(w) > 3 and w not in FUNCTION_WORDS)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def same_story(a: Story, b: Story) -> bool:
    if abs((a.day - b.day).days) > GROUP_DAYS:
        return False
    if set(a.events) & set(b.events):
        return True
    shared = a.actors & b.actors
    return _jaccard(a.actors, b.actors) >= SAME_ACTORS and len(shared) >= 2 or \
        (bool(shared) and _jaccard(a.words, b.words) >= SAME_WORDS)


def group_stories(stories: Sequence[Story]) -> list[list[int]]:
    """Groups (indexes into ``stories``) of two or more articles that tell the same story, in date order."""
    order = sorted(range(len(stories)), key=lambda i: (stories[i].day, i))
    parent = list(range(len(stories)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for pos, i in enumerate(order):
        for j in order[pos + 1:]:
            if (stories[j].day - stories[i].day).days > GROUP_DAYS:
                break
            if same_story(stories[i], stories[j]):
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in order:
        groups.setdefault(root(i), []).append(i)
    return [g for g in groups.values() if len(g) > 1]


def new_event(name: str, stories: Sequence[Story]) -> tuple[str, dict[str, Any]]:
    """The event a curator asked for, drafted from the articles that report it: (id, registry fields).

    Its days span the articles' dates; its actors are the registry actors at least half of
    the articles name prominently (in headline or lede, quoted, or among the most named: see
    ``prominence``), so a vote in one council does not list every state one article mentions.
    """
    days = sorted(s.day for s in stories)
    counts = Counter(a for s in stories
                     for a in (s.actors if s.prominent is None else s.prominent & s.actors))
    need = max(1, (len(stories) + 1) // 2)
    actors = sorted(a for a, n in counts.items() if n >= need)
    fields: dict[str, Any] = {"name": name}
    if days and days[0] == days[-1]:
        fields["date"] = days[0]
    elif days:
        fields["start"], fields["end"] = days[0], days[-1]
    fields["actors"] = actors
    return slugify(name, 8), fields
