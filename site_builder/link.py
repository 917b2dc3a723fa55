"""Stage 3, *link*: one pass over the archive builds every cross-reference.

The :class:`Index` answers the questions pages ask (which briefings mention an
actor, who is mentioned with whom, what is related to a briefing) from
dictionaries built once. Nothing here walks the whole archive per page, so
page generation stays linear in the number of briefings. Pure: no I/O.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .models import Archive, Briefing, Event, Quote, Registry

#: How many related briefings a page shows.
RELATED_LIMIT = 5
#: For very common actors, only this many briefings nearest in date are considered as related.
CANDIDATES_PER_ENTITY = 200


def newest_first(briefing: Briefing) -> tuple[int, str]:
    """Sort key: newest date first, then by id, so ties are stable."""
    return (-briefing.date.toordinal(), briefing.id)


@dataclass
class Index:
    """Cross-references between briefings, actors, events and outlets."""

    registry: Registry
    briefings: list[Briefing]  # published ones, newest first
    by_id: dict[str, Briefing] = field(default_factory=dict)
    by_actor: dict[str, list[Briefing]] = field(default_factory=dict)
    by_event: dict[str, list[Briefing]] = field(default_factory=dict)
    by_outlet: dict[str, list[Briefing]] = field(default_factory=dict)
    by_year: dict[int, list[Briefing]] = field(default_factory=dict)
    quotes_by_actor: dict[str, list[tuple[Briefing, Quote]]] = field(default_factory=dict)
    co_mentions: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    events_by_actor: dict[str, list[str]] = field(default_factory=dict)
    outlets_by_event: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    events_newest: list[Event] = field(default_factory=list)  # undated events last
    related: dict[str, list[Briefing]] = field(default_factory=dict)

    def actor_ranking(self) -> list[tuple[str, int]]:
        """Actors by number of briefings, most first (ties by id)."""
        return sorted(((a, len(bs)) for a, bs in self.by_actor.items()), key=lambda p: (-p[1], p[0]))


def build_index(archive: Archive) -> Index:
    """Link every published briefing to its actors, events and outlet."""
    published = sorted((b for b in archive.briefings if not b.draft), key=newest_first)
    index = Index(registry=archive.registry, briefings=published)
    by_actor: defaultdict[str, list[Briefing]] = defaultdict(list)
    by_event: defaultdict[str, list[Briefing]] = defaultdict(list)
    by_outlet: defaultdict[str, list[Briefing]] = defaultdict(list)
    by_year: defaultdict[int, list[Briefing]] = defaultdict(list)
    quotes: defaultdict[str, list[tuple[Briefing, Quote]]] = defaultdict(list)
    pairs: defaultdict[str, Counter[str]] = defaultdict(Counter)
    outlets_by_event: defaultdict[str, Counter[str]] = defaultdict(Counter)

    for b in published:  # newest first, so every list below is newest first too
        index.by_id[b.id] = b
        by_outlet[b.outlet].append(b)
        by_year[b.date.year].append(b)
        actors = sorted(set(b.actors))
        for a in actors:
            by_actor[a].append(b)
            for other in actors:
                if other != a:
                    pairs[a][other] += 1
        for e in dict.fromkeys(b.events):
            by_event[e].append(b)
            outlets_by_event[e][b.outlet] += 1
        for q in b.quotes:
            quotes[q.speaker].append((b, q))

    index.by_actor, index.by_event, index.by_outlet = dict(by_actor), dict(by_event), dict(by_outlet)
    index.by_year, index.quotes_by_actor = dict(by_year), dict(quotes)
    index.co_mentions = {a: sorted(c.items(), key=lambda p: (-p[1], p[0])) for a, c in pairs.items()}
    index.outlets_by_event = {e: sorted(c.items(), key=lambda p: (-p[1], p[0]))
                              for e, c in outlets_by_event.items()}
    index.events_newest = sorted(archive.registry.events.values(),
                                 key=lambda e: (-(e.first_day.toordinal() if e.first_day else 0), e.id))
    events_by_actor: defaultdict[str, list[str]] = defaultdict(list)
    for event in index.events_newest:
        for a in dict.fromkeys(event.actors):
            events_by_actor[a].append(event.id)
    index.events_by_actor = dict(events_by_actor)
    index.related = related_briefings(published, index.by_actor, index.by_event)
    return index


def related_briefings(briefings: list[Briefing], by_actor: dict[str, list[Briefing]],
                      by_event: dict[str, list[Briefing]]) -> dict[str, list[Briefing]]:
    """Briefings sharing actors or events, ranked by the rarity of what they share.

    Each shared actor or event scores its inverse document frequency (a shared
    actor that appears everywhere says little). Ties go to the nearer date. A
    very common entity contributes only the briefings nearest in date, which
    keeps the whole computation linear in the archive size.
    """
    total = len(briefings) or 1
    by_id = {b.id: b for b in briefings}
    postings = {("a", k): v for k, v in by_actor.items()} | {("e", k): v for k, v in by_event.items()}
    # Long postings, oldest first, so the briefings nearest in date can be found by bisection.
    by_date = {k: sorted(v, key=_chronological) for k, v in postings.items() if len(v) > CANDIDATES_PER_ENTITY}
    weight = {k: math.log(1 + total / len(v)) for k, v in postings.items()}
    related: dict[str, list[Briefing]] = {}
    for b in briefings:
        scores: defaultdict[str, float] = defaultdict(float)
        keys = [("a", a) for a in sorted(set(b.actors))] + [("e", e) for e in sorted(set(b.events))]
        for key in keys:
            candidates = _nearest(by_date[key], b) if key in by_date else postings.get(key, ())
            for other in candidates:
                if other.id != b.id:
                    scores[other.id] += weight[key]
        ranked = sorted(scores.items(), key=lambda p: (
            -round(p[1], 9), abs(by_id[p[0]].date.toordinal() - b.date.toordinal()), p[0]))
        related[b.id] = [by_id[oid] for oid, _ in ranked[:RELATED_LIMIT]]
    return related


def _chronological(briefing: Briefing) -> tuple[int, str]:
    return (briefing.date.toordinal(), briefing.id)


def _nearest(oldest_first: list[Briefing], b: Briefing) -> list[Briefing]:
    """The ``CANDIDATES_PER_ENTITY`` briefings of a long posting list nearest in date to ``b``."""
    half = CANDIDATES_PER_ENTITY // 2
    at = bisect.bisect_left(oldest_first, _chronological(b), key=_chronological)
    start = max(0, min(at - half, len(oldest_first) - CANDIDATES_PER_ENTITY))
    return oldest_first[start:start + CANDIDATES_PER_ENTITY]
