"""Ingest: a draft that ``briefings check`` accepts, whatever the article names. Pure.

Two of check's rules can be broken by what an article brings: a briefing lists at most
``MAX_ACTORS_PER_BRIEFING`` actors, and no actor's name or alias may be another record's id
or another actor's name or alias (:class:`site_builder.core.validate.NameTable`, the rule
check itself applies). Here proposals lose the aliases that would collide (or are left out
when their name or id would), and a briefing keeps only its most prominent actors
(:mod:`prominence`); everything left out becomes a review line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from site_builder.authoring.ingest import prominence as P
from site_builder.authoring.ingest.actors import Finding
from site_builder.authoring.ingest.actors import Result as ActorsFound
from site_builder.core.models import Registry
from site_builder.core.schema import MAX_ACTORS_PER_BRIEFING
from site_builder.core.validate import NameTable


@dataclass
class Fitted:
    proposals: list[Finding]  # what may be added to actors.yml, aliases pruned
    refused: set[str] = field(default_factory=set)  # proposed ids that cannot be added at all
    review: list[str] = field(default_factory=list)


def _table(reg: Registry, proposed: Sequence[str], new_outlets: Sequence[str] = ()) -> NameTable:
    table = NameTable(reg)
    for oid in new_outlets:  # outlets the same article adds
        table.ids.setdefault(oid, f"outlet '{oid}'")
    for pid in proposed:
        table.ids.setdefault(pid, f"actor '{pid}'")
    for actor in sorted(reg.actors.values(), key=lambda a: a.id):
        for value in (actor.name, *actor.aliases):
            if table.conflict(actor.id, value) is None:
                table.claim(actor.id, value)
    return table


def free_outlet_id(pid: str, domain_id: str | None, reg: Registry) -> str:
    """An id for a new outlet that ``check`` accepts beside every actor's name and alias.

    "guardian" would be taken over by the actor The Guardian's alias "Guardian": the outlet then
    takes its domain's name ("theguardian"), or the id with "-outlet" after it.
    """
    table = _table(reg, [])

    def free(candidate: str) -> bool:
        if candidate in table.claimed or candidate in reg.actors or candidate in reg.events:
            return False  # an actor's name or alias, or another record's id
        return candidate == pid or candidate not in reg.outlets

    candidates = [c for c in (pid, domain_id, f"{pid}-outlet") if c]
    return next((c for c in candidates if free(c)), candidates[-1])


def fit_proposals(proposals: Sequence[Finding], reg: Registry, new_outlets: Sequence[str] = ()) -> Fitted:
    """Proposals whose every name, alias and id ``check`` will accept beside ``reg``, the outlets
    the same article adds, and each other."""
    table = _table(reg, [f.actor.id for f in proposals], new_outlets)
    fitted = Fitted([])
    for finding in proposals:
        actor = finding.actor
        held = table.claimed.get(actor.id)
        clash = table.conflict(actor.id, actor.name)
        if clash is None and held is not None and held != actor.id:
            clash = ("name", held)
        if clash is not None:
            fitted.refused.add(actor.id)
            fitted.review.append(f"not proposed: {actor.id} '{actor.name}' would clash with {_owner(clash)}; "
                                 "if it is the same, add the name as an alias there")
            continue
        table.claim(actor.id, actor.name)
        aliases = []
        for alias in actor.aliases:
            clash = table.conflict(actor.id, alias)
            if clash is None:
                table.claim(actor.id, alias)
                aliases.append(alias)
            else:
                fitted.review.append(f"alias '{alias}' of {actor.id} left out: it is already {_owner(clash)}")
        if len(aliases) != len(actor.aliases):
            finding = replace(finding, actor=replace(actor, aliases=tuple(aliases)))
        fitted.proposals.append(finding)
    return fitted


def _owner(clash: tuple[str, str]) -> str:
    what, owner = clash
    return f"the id of {owner}" if what == "id" else f"a name or alias of actor '{owner}'"


@dataclass
class Capped:
    actor_ids: list[str]  # at most MAX_ACTORS_PER_BRIEFING, in article order
    quotes: list[dict[str, Any]]  # those whose speaker and relayer are still listed
    prominent: frozenset[str]  # the few actors the article is about
    review: list[str] = field(default_factory=list)


def cap_actors(actor_ids: Sequence[str], found: ActorsFound, title: str, paragraphs: Sequence[str],
               quotes: Sequence[dict[str, Any]], limit: int = MAX_ACTORS_PER_BRIEFING) -> Capped:
    """The briefing's actors cut to the ``limit`` most prominent; the rest named for review."""
    named = [f.actor.id for f in found.findings]
    lede = f"{title}\n\n{paragraphs[0] if paragraphs else ''}"
    lede_ids = [m.actor_id for m in found.mentions_of(lede, named)]
    quoted = [str(q[k]) for q in quotes for k in ("speaker", "via") if q.get(k)]
    score = P.scores(actor_ids, (m.actor_id for m in found.mentions), lede_ids, quoted)
    kept, left_out = P.most_prominent(actor_ids, score, limit)
    capped = Capped(kept, list(quotes), P.prominent({a: score[a] for a in kept}))
    if left_out:
        listed = set(kept)
        capped.quotes = [q for q in quotes if all(q.get(k) in listed for k in ("speaker", "via") if q.get(k))]
        capped.review.append(f"{len(left_out)} less prominent actor(s) left out (a briefing lists at most "
                             f"{limit}; not added to the registry): {', '.join(left_out)}")
        if len(capped.quotes) < len(quotes):
            capped.review.append(f"{len(quotes) - len(capped.quotes)} quote(s) by actors left out dropped")
    return capped
