"""Stage 3, *link*: one pass over the archive builds every cross-reference.

The :class:`Index` answers the questions pages ask (which briefings mention an
actor, who is mentioned with whom, what is related to a briefing) from
dictionaries built once. Nothing here walks the whole archive per page, so
page generation stays linear in the number of briefings. Pure: no I/O.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import math
import types
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np

from site_builder.core.models import Archive, Briefing, Event, Quote, Registry
from site_builder.core.remembered import LastResult

K = TypeVar("K", bound=Hashable)

#: How many related briefings a page shows.
RELATED_LIMIT = 5
#: For very common actors, only this many briefings nearest in date are considered as related.
CANDIDATES_PER_ENTITY = 200
#: Relatedness halves for briefings this many days apart.
HALF_LIFE_DAYS = 365


def newest_first(briefing: Briefing) -> tuple[int, str]:
    """Sort key: newest date first, then by id, so ties are stable."""
    return (-briefing.date.toordinal(), briefing.id)


@dataclass
class CoMention:
    """Two actors named in the same briefings: how often, first and last time.

    ``weight`` counts each shared briefing as 1/(k-1) for a briefing naming k actors, so every
    briefing gives each of its actors a total weight of 1 however many names it lists: a live blog
    that names forty actors ties each pair of them only faintly.
    """

    count: int
    first: dt.date
    last: dt.date
    weight: float = 0.0


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
    outlets_by_actor: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    actors_by_outlet: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    events_newest: list[Event] = field(default_factory=list)  # undated events last
    by_month: dict[tuple[int, int], list[Briefing]] = field(default_factory=dict)
    events_by_month: dict[tuple[int, int], list[Event]] = field(default_factory=dict)
    pairs: dict[tuple[str, str], CoMention] = field(default_factory=dict)  # key: ids in sorted order
    related: dict[str, list[Briefing]] = field(default_factory=dict)
    related_events: dict[str, list[Event]] = field(default_factory=dict)
    event_casts: dict[str, frozenset[str]] = field(default_factory=dict)

    def actor_ranking(self) -> list[tuple[str, int]]:
        """Actors by number of briefings, most first (ties by id)."""
        return sorted(((a, len(bs)) for a, bs in self.by_actor.items()), key=lambda p: (-p[1], p[0]))


def _relatedness_inputs(briefings: list[Briefing]) -> list[tuple[str, int, tuple[str, ...], tuple[str, ...]]]:
    """Everything :func:`related_briefings` reads from the briefings: ids, dates, actors, events."""
    return [(b.id, b.date.toordinal(), b.actors, b.events) for b in briefings]


def build_index(archive: Archive, previous: Index | None = None) -> Index:
    """Link every published briefing to its actors, events and outlet.

    With the ``previous`` index of the same archive (``mkdocs serve`` after an
    edit), related briefings are reused when no briefing's id, date, actors or
    events changed, as after most edits to a title, summary, quote or body;
    they are the costliest part of linking.

    Co-mentions grow with the square of a briefing's actors. The schema caps
    those at :data:`~site_builder.core.schema.MAX_ACTORS_PER_BRIEFING`, so one briefing
    adds at most 1,225 pairs here and as many rows to ``co_mentions.csv``; the
    loader refuses a briefing over the cap, so none reaches this function.
    """
    published = sorted((b for b in archive.briefings if not b.draft), key=newest_first)
    if previous is not None:
        relinked = _relink(previous, archive.registry, published)
        if relinked is not None:
            return relinked
    index = Index(registry=archive.registry, briefings=published)
    by_actor: defaultdict[str, list[Briefing]] = defaultdict(list)
    by_event: defaultdict[str, list[Briefing]] = defaultdict(list)
    by_outlet: defaultdict[str, list[Briefing]] = defaultdict(list)
    by_year: defaultdict[int, list[Briefing]] = defaultdict(list)
    quotes: defaultdict[str, list[tuple[Briefing, Quote]]] = defaultdict(list)
    pairs: defaultdict[str, Counter[str]] = defaultdict(Counter)
    outlets_by_event: defaultdict[str, Counter[str]] = defaultdict(Counter)
    outlets_by_actor: defaultdict[str, Counter[str]] = defaultdict(Counter)
    by_month: defaultdict[tuple[int, int], list[Briefing]] = defaultdict(list)

    for b in published:  # newest first, so every list below is newest first too
        index.by_id[b.id] = b
        by_outlet[b.outlet].append(b)
        by_year[b.date.year].append(b)
        by_month[(b.date.year, b.date.month)].append(b)
        actors = sorted(set(b.actors))
        share = 1 / (len(actors) - 1) if len(actors) > 1 else 0.0
        for i, a in enumerate(actors):
            by_actor[a].append(b)
            outlets_by_actor[a][b.outlet] += 1
            for other in actors:
                if other != a:
                    pairs[a][other] += 1
            for other in actors[i + 1:]:
                pair = index.pairs.get((a, other))
                if pair is None:
                    index.pairs[(a, other)] = CoMention(1, b.date, b.date, share)
                else:  # newest first: this briefing is the earliest so far
                    pair.count += 1
                    pair.first = b.date
                    pair.weight += share
        for e in dict.fromkeys(b.events):
            by_event[e].append(b)
            outlets_by_event[e][b.outlet] += 1
        for q in b.quotes:
            if q.speaker is not None:  # an open speaker is the briefing's to show, no actor's
                quotes[q.speaker].append((b, q))

    index.by_actor, index.by_event, index.by_outlet = dict(by_actor), dict(by_event), dict(by_outlet)
    index.by_year, index.quotes_by_actor = dict(by_year), dict(quotes)
    index.co_mentions = {a: _ranked(c) for a, c in pairs.items()}
    index.outlets_by_event = {e: _ranked(c) for e, c in outlets_by_event.items()}
    index.outlets_by_actor = {a: _ranked(c) for a, c in outlets_by_actor.items()}
    actors_by_outlet: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for a, counts in outlets_by_actor.items():
        for o, n in counts.items():
            actors_by_outlet[o][a] = n
    index.actors_by_outlet = {o: _ranked(c) for o, c in actors_by_outlet.items()}
    index.by_month = dict(by_month)
    index.events_newest = sorted(archive.registry.events.values(),
                                 key=lambda e: (-(e.first_day.toordinal() if e.first_day else 0), e.id))
    events_by_actor: defaultdict[str, list[str]] = defaultdict(list)
    for event in index.events_newest:
        for a in dict.fromkeys(event.actors):
            events_by_actor[a].append(event.id)
    index.events_by_actor = dict(events_by_actor)
    events_by_month: defaultdict[tuple[int, int], list[Event]] = defaultdict(list)
    for event in reversed(index.events_newest):  # oldest first within a month
        if event.first_day:
            events_by_month[(event.first_day.year, event.first_day.month)].append(event)
    index.events_by_month = dict(events_by_month)
    if previous is not None and _relatedness_inputs(previous.briefings) == _relatedness_inputs(published):
        index.related = {k: [index.by_id[b.id] for b in v] for k, v in previous.related.items()}
    else:
        index.related = related_briefings(published, index.by_actor, index.by_event)
    index.event_casts = event_casts(index.events_newest, index.by_event)
    index.related_events = related_events(index.events_newest, index.event_casts)
    return index


def _links(briefing: Briefing) -> tuple[object, ...]:
    """Everything of a briefing that linking reads, besides the record it puts in lists."""
    return (briefing.id, briefing.date, briefing.outlet, briefing.actors, briefing.events,
            tuple(q.speaker for q in briefing.quotes))


def _relink(previous: Index, registry: Registry, published: list[Briefing]) -> Index | None:
    """The previous index with edited briefings swapped in, when no edit changed what links them.

    After an edit to a title, summary, quote's words or body, every count, pair, ranking and
    relation stays as it was; only the lists that hold an edited briefing get its new record. At
    10,000 briefings this takes a few milliseconds where linking anew takes half a second. None when
    the registry, the set of published briefings or any briefing's links changed.
    """
    if registry is not previous.registry or len(published) != len(previous.briefings):
        return None
    edited: dict[str, Briefing] = {}
    for new, old in zip(published, previous.briefings):
        if new is not old:
            if _links(new) != _links(old):
                return None
            edited[new.id] = new
    if not edited:
        return dataclasses.replace(previous)

    def swapped(briefings: list[Briefing]) -> list[Briefing]:
        return [edited.get(b.id, b) for b in briefings]

    def redo(lists: dict[K, list[Briefing]], keys: Iterable[K]) -> dict[K, list[Briefing]]:
        return {**lists, **{key: swapped(lists[key]) for key in keys if key in lists}}

    speakers = {q.speaker for b in edited.values() for q in b.quotes if q.speaker is not None}
    quotes = dict(previous.quotes_by_actor)
    for speaker in speakers:  # a briefing's quotes by one speaker sit together, in its order
        rebuilt: list[tuple[Briefing, Quote]] = []
        for b, q in quotes[speaker]:
            if b.id not in edited:
                rebuilt.append((b, q))
            elif not rebuilt or rebuilt[-1][0] is not edited[b.id]:
                rebuilt.extend((edited[b.id], new) for new in edited[b.id].quotes if new.speaker == speaker)
        quotes[speaker] = rebuilt
    return dataclasses.replace(
        previous, briefings=published, by_id={**previous.by_id, **edited},
        by_actor=redo(previous.by_actor, {a for b in edited.values() for a in b.actors}),
        by_event=redo(previous.by_event, {e for b in edited.values() for e in b.events}),
        by_outlet=redo(previous.by_outlet, {b.outlet for b in edited.values()}),
        by_year=redo(previous.by_year, {b.date.year for b in edited.values()}),
        by_month=redo(previous.by_month, {(b.date.year, b.date.month) for b in edited.values()}),
        quotes_by_actor=quotes,
        related={k: swapped(v) if any(b.id in edited for b in v) else v for k, v in previous.related.items()})


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    """Most first, ties by id: a stable order for pages and goldens."""
    return sorted(counts.items(), key=lambda p: (-p[1], p[0]))


def _days_apart(a: Event, b: Event) -> int:
    """Days between two events' first days; undated events count as far apart."""
    if a.first_day and b.first_day:
        return abs((a.first_day - b.first_day).days)
    return 10**6


#: Events this many days apart count half as related as events on the same day.
EVENT_HALF_LIFE_DAYS = 90
#: Events at most this many days apart may relate through an actor that most events share.
EVENT_NEAR_DAYS = 31


def event_casts(events: list[Event], by_event: dict[str, list[Briefing]]) -> dict[str, frozenset[str]]:
    """Who each event is about: its listed participants, and the actors its coverage keeps naming.

    An actor counts when at least two of the event's briefings, and at least a third of them,
    name it; so one article that names everyone (a live blog) does not make every name a participant.
    """
    casts: dict[str, frozenset[str]] = {}
    for event in events:
        briefings = by_event.get(event.id, [])
        named = Counter(a for b in briefings for a in set(b.actors))
        floor = max(2, math.ceil(len(briefings) / 3))
        casts[event.id] = frozenset(event.actors) | {a for a, n in named.items() if n >= floor}
    return casts


def related_events(events: list[Event], casts: dict[str, frozenset[str]] | None = None,
                   limit: int = RELATED_LIMIT) -> dict[str, list[Event]]:
    """Events about the same actors at about the same time, most related first.

    Each shared actor scores its rarity among events (sharing an actor that takes part in almost
    every event says little), and the sum halves at ``EVENT_HALF_LIFE_DAYS`` apart. Two events
    relate only through an actor found in at most half of the events, or, within
    ``EVENT_NEAR_DAYS`` of each other, through any shared actor. Undated events relate by
    distinctive actors alone. Events are a registry, not the archive, so comparing pairs that
    share an actor stays cheap.
    """
    cast = casts if casts is not None else {e.id: frozenset(e.actors) for e in events}
    by_actor: defaultdict[str, list[Event]] = defaultdict(list)
    for event in events:
        for a in sorted(cast.get(event.id, ())):
            by_actor[a].append(event)
    total = len(events) or 1
    rarity = {a: math.log(1 + total / len(es)) for a, es in by_actor.items()}
    distinctive = {a for a, es in by_actor.items() if len(es) * 2 <= total}
    out: dict[str, list[Event]] = {}
    for event in events:
        mine = cast.get(event.id, frozenset())
        candidates = {other.id: other for a in mine for other in by_actor[a] if other.id != event.id}
        scored = []
        for oid, other in candidates.items():
            shared = mine & cast[oid]
            days = _days_apart(event, other)
            if not (shared & distinctive or days <= EVENT_NEAR_DAYS):
                continue
            score = sum(rarity[a] for a in shared) / (1 + days / EVENT_HALF_LIFE_DAYS)
            scored.append((-round(score, 9), days, oid))
        out[event.id] = [candidates[oid] for _, _, oid in sorted(scored)[:limit]]
    return out


def related_briefings(briefings: list[Briefing], by_actor: dict[str, list[Briefing]],
                      by_event: dict[str, list[Briefing]]) -> dict[str, list[Briefing]]:
    """Briefings sharing actors or events, ranked by the rarity of what they share.

    Each shared actor or event scores its inverse document frequency (a shared
    actor that appears everywhere says little); the sum decays with the distance
    in time, halving at ``HALF_LIFE_DAYS``. A very common entity contributes only
    the ``CANDIDATES_PER_ENTITY`` briefings nearest in date, which keeps the
    computation linear in the archive size. Ties: nearer in time, then id.

    This is the costliest loop of the build (hundreds of candidates per briefing),
    so each briefing's candidates are summed and decayed as NumPy arrays of
    positions (at 50,000 briefings, 6 s against 21 s for the same sums in Python
    dictionaries). Each weight is added in the same order as a plain loop would add
    it, and the decayed weights are compared rounded to 9 decimals by Python's own
    ``round``, so float noise never decides an order. Only candidates within 1e-6 of
    the ``RELATED_LIMIT``-th best raw weight can be among the best after rounding,
    so only those are fully ranked.
    """
    total = len(briefings) or 1
    ids = [b.id for b in briefings]
    position = {oid: k for k, oid in enumerate(ids)}
    ordinals = [b.date.toordinal() for b in briefings]
    days = np.array(ordinals, dtype=np.int64)
    postings = {("a", k): v for k, v in by_actor.items()} | {("e", k): v for k, v in by_event.items()}
    weight = {k: math.log(1 + total / len(v)) for k, v in postings.items()}
    short = {k: np.array([position[b.id] for b in v], dtype=np.intp)
             for k, v in postings.items() if len(v) <= CANDIDATES_PER_ENTITY}
    # Long postings, oldest first, so the briefings nearest in date are a slice found by bisection.
    long: dict[tuple[str, str], tuple[list[tuple[int, str]], np.ndarray]] = {}
    for key, posting in postings.items():
        if len(posting) > CANDIDATES_PER_ENTITY:
            keyed = sorted((ordinals[position[b.id]], b.id) for b in posting)
            long[key] = (keyed, np.array([position[oid] for _, oid in keyed], dtype=np.intp))
    half = CANDIDATES_PER_ENTITY // 2
    related: dict[str, list[Briefing]] = {}
    for k, b in enumerate(briefings):
        found: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        for key in [("a", a) for a in sorted(set(b.actors))] + [("e", e) for e in sorted(set(b.events))]:
            if key in long:
                keyed, oldest_first = long[key]
                at = bisect.bisect_left(keyed, (ordinals[k], b.id))
                start = max(0, min(at - half, len(keyed) - CANDIDATES_PER_ENTITY))
                candidates = oldest_first[start:start + CANDIDATES_PER_ENTITY]
            elif key in short:
                candidates = short[key]
            else:
                continue
            found.append(candidates)
            weights.append(np.full(len(candidates), weight[key]))
        best = _best(k, found, weights, days, ids) if found else []
        related[b.id] = [briefings[j] for j in best]
    return related


def _best(k: int, found: list[np.ndarray], weights: list[np.ndarray], days: np.ndarray,
          names: list[str]) -> list[int]:
    """The positions of the ``RELATED_LIMIT`` best candidates for the briefing at position ``k``
    (``names``: the briefings' ids, which break the last ties)."""
    ids, where = np.unique(np.concatenate(found), return_inverse=True)
    sums = np.bincount(where, weights=np.concatenate(weights))  # in input order, as a loop would add
    others = ids != k
    ids, sums = ids[others], sums[others]
    if not len(ids):
        return []
    apart = np.abs(days[ids] - days[k])
    raw = sums / (1 + apart / HALF_LIFE_DAYS)
    cut = len(raw) - RELATED_LIMIT
    floor = (np.partition(raw, cut)[cut] if cut > 0 else raw.min()) - 1e-6
    finalists = sorted((-round(float(raw[j]), 9), int(apart[j]), names[ids[j]], int(ids[j]))
                       for j in np.flatnonzero(raw >= floor))
    return [j for _, _, _, j in finalists[:RELATED_LIMIT]]


def strongest_ties(index: Index, max_nodes: int, max_edges: int,
                   pairs: dict[tuple[str, str], CoMention] | None = None
                   ) -> tuple[list[tuple[str, float]], list[tuple[str, str, float]]]:
    """The most-connected actors and the strongest ties among them, for a readable network.

    Ties are weighed per briefing (:class:`CoMention`), so an actor's total is the number of
    briefings that name it beside someone else, and one article with many names cannot make its
    minor names hubs. Weights are compared rounded, so float noise never decides an order. Both
    lists are bounded, so the network page costs the same at 5,000 actors as at 50. ``pairs``
    defaults to the whole archive's.
    """
    pairs = index.pairs if pairs is None else pairs
    weight: defaultdict[str, float] = defaultdict(float)
    for (a, b), pair in pairs.items():
        weight[a] += pair.weight
        weight[b] += pair.weight
    nodes = sorted(((a, round(w, 6)) for a, w in weight.items()), key=lambda p: (-p[1], p[0]))[:max_nodes]
    keep = {a for a, _ in nodes}
    ties = sorted(((a, b, round(p.weight, 6)) for (a, b), p in pairs.items() if a in keep and b in keep),
                  key=lambda t: (-t[2], t[0], t[1]))[:max_edges]
    linked = {a for a, _, _ in ties} | {b for _, b, _ in ties}
    return [n for n in nodes if n[0] in linked], ties


def year_pairs(briefings: list[Briefing]) -> dict[tuple[str, str], CoMention]:
    """The co-mentions of some briefings only (a year's), counted as :func:`build_index` counts them."""
    pairs: dict[tuple[str, str], CoMention] = {}
    for b in briefings:
        actors = sorted(set(b.actors))
        share = 1 / (len(actors) - 1) if len(actors) > 1 else 0.0
        for i, a in enumerate(actors):
            for other in actors[i + 1:]:
                pair = pairs.get((a, other))
                if pair is None:
                    pairs[(a, other)] = CoMention(1, b.date, b.date, share)
                else:
                    pair.count += 1
                    pair.first = min(pair.first, b.date)
                    pair.last = max(pair.last, b.date)
                    pair.weight += share
    return pairs


def link_targets(registry: Registry) -> Mapping[str, tuple[str, str]]:
    """What ``[[target]]`` may name, lowercased: actor ids, names and aliases, event and outlet ids.

    Actor names win over aliases and ids of other kinds, so the table is the same
    whatever order the registries were written in. The check, the renderer and every rebuild while
    serving (which keeps the registry object while its files are unchanged) ask for the same one,
    made once and read only.
    """
    return _targets(registry)


def _link_table(registry: Registry) -> Mapping[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for kind, records in (("outlet", registry.outlets), ("event", registry.events)):
        for key in sorted(records):
            table[key] = (kind, key)
    actors = sorted(registry.actors.values(), key=lambda a: a.id)
    for actor in actors:
        for alias in actor.aliases:
            table.setdefault(alias.lower(), ("actor", actor.id))
    for actor in actors:
        table[actor.name.lower()] = ("actor", actor.id)
        table[actor.id] = ("actor", actor.id)
    return types.MappingProxyType(table)


_targets = LastResult(_link_table)
