"""Stage 2, *validate*: rules that span files. Pure; returns every Diagnostic.

Per-file structure was checked while loading. Here the loaded records are
checked against each other: every id a briefing or registry entry uses must
exist, nothing may be listed twice, and registry entries must make sense
together (an actor's country is a state, an event ends after it starts).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from site_builder.body.parse import ParsedBody, parse_of
from site_builder.core.index import link_targets
from site_builder.core.models import Actor, Archive, Briefing, Origin, Registry
from site_builder.core.safe_regex import pattern_problem
from site_builder.core.schema import OWNERSHIP_KINDS
from site_builder.core.suggest import did_you_mean
from site_builder.errors import Diagnostic

#: Ids no record may have or claim as a former id: ``index`` is each section's own page
#: (``actors/index.md``), ``sitemap`` the file beside each folder of feeds.
RESERVED_IDS = frozenset({"index", "sitemap"})


def _unknown(origin: Origin, path: tuple[str | int, ...], kind: str, value: str,
             known: Mapping[str, object], names: Mapping[str, str], registry_file: str) -> Diagnostic:
    hint = did_you_mean(value, known, names) or f"add it to {registry_file} or fix the id"
    return Diagnostic(origin.path, origin.line(*path), f"unknown {kind} '{value}'", hint)


def validate(archive: Archive, registry_dir: str = "briefings/registry",
             bodies: bool = True) -> list[Diagnostic]:
    """Every cross-file problem in ``archive``, in no particular order.

    ``bodies=False`` leaves out what needs a body's parse (its ``[[links]]``), for a build whose
    bodies are parsed where their pages are rendered: the renderer checks them on that parse
    (:func:`wiki_link_diagnostics`), so that no body is parsed twice.
    """
    reg = archive.registry
    actor_names = {k: a.name for k, a in reg.actors.items()}
    event_names = {k: e.name for k, e in reg.events.items()}
    outlet_names = {k: o.name for k, o in reg.outlets.items()}
    actors_file, events_file, outlets_file = (f"{registry_dir}/{n}.yml"
                                              for n in ("actors", "events", "outlets"))
    out: list[Diagnostic] = []
    targets = link_targets(reg)

    for actor in reg.actors.values():
        out.extend(_check_actor(actor, reg.actors, actors_file))
    for event in reg.events.values():
        o = event.origin
        for i, actor_id in enumerate(event.actors):
            if actor_id not in reg.actors:
                out.append(_unknown(o, ("actors", i), "actor", actor_id, reg.actors, actor_names,
                                    actors_file))
        if event.start and event.end and event.end < event.start:
            out.append(Diagnostic(o.path, o.line("end"), f"event '{event.id}' ends ({event.end}) before it "
                                  f"starts ({event.start})", "swap start and end"))

    for briefing in archive.briefings:
        o = briefing.origin
        if briefing.outlet and briefing.outlet not in reg.outlets:  # a missing one is a schema error
            out.append(_unknown(o, ("outlet",), "outlet", briefing.outlet, reg.outlets, outlet_names,
                                outlets_file))
        for i, actor_id in enumerate(briefing.actors):
            if actor_id not in reg.actors:
                out.append(_unknown(o, ("actors", i), "actor", actor_id, reg.actors, actor_names,
                                    actors_file))
        for i, event_id in enumerate(briefing.events):
            if event_id not in reg.events:
                out.append(_unknown(o, ("events", i), "event", event_id, reg.events, event_names,
                                    events_file))
        for i, quote in enumerate(briefing.quotes):
            for key in ("speaker", "via"):
                actor_id = getattr(quote, key)
                if actor_id is None:
                    continue
                if actor_id not in reg.actors:
                    out.append(_unknown(o, ("quotes", i, key), "actor", actor_id, reg.actors, actor_names,
                                        actors_file))
                elif actor_id not in briefing.actors:
                    out.append(Diagnostic(o.path, o.line("quotes", i, key),
                                          f"quoted {key} '{actor_id}' is not listed in actors",
                                          f"add {actor_id} to actors"))

        if bodies and "[[" in briefing.body:  # most bodies link nothing
            out.extend(wiki_link_diagnostics(briefing, parse_of(briefing.body, briefing.parsed), targets))

    for outlet in reg.outlets.values():
        for i, pattern in enumerate(outlet.boilerplate):
            problem = pattern_problem(pattern)
            if problem:
                out.append(Diagnostic(outlet.origin.path, outlet.origin.line("boilerplate", i),
                                      f"outlet '{outlet.id}': boilerplate pattern {pattern!r} is {problem}",
                                      "use RE2 syntax: no backreferences or lookaround; escape ( [ . * + ? "
                                      "with a backslash to match them literally"))

    out.extend(_rejections(reg, actor_names, actors_file))
    out.extend(_duplicates(archive.briefings))
    out.extend(_former_ids(archive))
    out.extend(_reserved_ids(archive))
    out.extend(_name_collisions(reg))
    return out


def _rejections(reg: Registry, names: Mapping[str, str], actors_file: str) -> list[Diagnostic]:
    """A link rejection names a known actor; a rejected actor is not also in the registry.

    A link kept to one briefing may name an id that is not (or no longer) in the registry: it is
    how a curator says a proposal is not an actor in that article, and the entry ingest appended
    for it is gone once no briefing uses it.
    """
    out: list[Diagnostic] = []
    for link in reg.rejected.links:
        if link.actor not in reg.actors and link.briefing is None:
            out.append(_unknown(link.origin, ("actor",), "actor", link.actor, reg.actors, names, actors_file))
    for rejected in reg.rejected.actors.values():
        if rejected.id in reg.actors:
            o = rejected.origin
            out.append(Diagnostic(o.path, o.line(), f"actor '{rejected.id}' is rejected, yet in "
                                  f"{actors_file}",
                                  "remove it from one of the two files", severity="warning"))
    return out


def _reserved_ids(archive: Archive) -> list[Diagnostic]:
    """No id or former id may take the path of a section index or a generated file."""
    out: list[Diagnostic] = []
    reg = archive.registry
    groups: list[tuple[str, Iterable[Any]]] = [
        ("actor", reg.actors.values()), ("event", reg.events.values()), ("outlet", reg.outlets.values()),
        ("briefing", archive.briefings)]
    for kind, records in groups:
        for record in records:
            if record.id in RESERVED_IDS:
                out.append(Diagnostic(record.origin.path, record.origin.key_line(),
                                      f"'{record.id}' is a reserved path and cannot be the id of an {kind}"
                                      if kind[0] in "aeo" else
                                      f"'{record.id}' is a reserved path and cannot be the id of a {kind}",
                                      "choose another id"))
            for i, old in enumerate(record.former_ids):
                if old in RESERVED_IDS:
                    out.append(Diagnostic(record.origin.path, record.origin.line("former_ids", i),
                                          f"former id '{old}' of {kind} '{record.id}' is a reserved path",
                                          "remove it from former_ids"))
    return out


class NameTable:
    """Who holds each id, name and alias, lowercased: the rule ``check`` applies and ingest obeys.

    ``[[target]]`` links and mention finding look names, aliases and ids up in one table; an
    actor's name or alias may not be another record's id, nor another actor's name or alias,
    or one entry would silently take over every link meant for another.
    """

    def __init__(self, reg: Registry) -> None:
        self.ids: dict[str, str] = {}
        for kind, records in (("outlet", reg.outlets), ("event", reg.events), ("actor", reg.actors)):
            for key in sorted(records):
                self.hold(kind, key)
        self.claimed: dict[str, str] = {}

    def hold(self, kind: str, key: str) -> None:
        """Record that a ``kind`` record has the id ``key``.

        An actor takes over the id of an outlet or event it shares (added last, it wins): each kind
        has its own pages, and ``[[key]]`` links to the actor (:func:`link_targets`). A news agency
        is often both an outlet and an actor (``associated-press``), so sharing is allowed.
        """
        self.ids[key] = f"{kind} '{key}'"

    def id_conflict(self, actor_id: str) -> str | None:
        """Who keeps ``actor_id`` from being a new actor's id (another actor's id, name or alias); else None.

        An outlet's or event's id is no conflict (see :meth:`hold`).
        """
        owner = self.ids.get(actor_id)
        if owner is not None and owner.startswith("actor "):
            return owner
        if actor_id in self.claimed:
            return f"a name or alias of actor '{self.claimed[actor_id]}'"
        return None

    def conflict(self, actor_id: str, value: str) -> tuple[str, str] | None:
        """("id", owner) or ("name", actor id) when ``value`` may not name ``actor_id``; else None."""
        key = value.strip().lower()
        owner = self.ids.get(key)
        if owner is not None and owner != f"actor '{actor_id}'":
            return "id", owner
        if key in self.claimed and self.claimed[key] != actor_id:
            return "name", self.claimed[key]
        return None

    def claim(self, actor_id: str, value: str) -> None:
        self.claimed.setdefault(value.strip().lower(), actor_id)


def new_actor_id_problem(reg: Registry, table: NameTable, actor_id: str) -> str | None:
    """Why ``actor_id`` cannot be given to a new (or renamed) actor under ``check``'s rules; None if it can.

    ``table`` holds every other actor's id, name and alias (:class:`NameTable`, as ``check`` fills
    it). These are the rules ``check`` applies to the registry: no reserved path
    (:func:`_reserved_ids`), no other actor's id or former id (:func:`_former_ids`), no other actor's
    name or alias (:func:`_name_collisions`). The id of an outlet or event may be shared.
    """
    if actor_id in RESERVED_IDS:
        return "a page of the site"
    conflict = table.id_conflict(actor_id)
    if conflict is not None:
        return conflict
    return next((f"actor '{a.id}' (a former id)" for a in sorted(reg.actors.values(), key=lambda a: a.id)
                 if actor_id in a.former_ids), None)


def _name_collisions(reg: Registry) -> list[Diagnostic]:
    """Every actor name or alias that :class:`NameTable` refuses, at its line."""
    out: list[Diagnostic] = []
    table = NameTable(reg)
    for actor in sorted(reg.actors.values(), key=lambda a: a.id):
        values: list[tuple[str, tuple[str | int, ...], str]] = [("name", ("name",), actor.name)]
        values += [("alias", ("aliases", i), alias) for i, alias in enumerate(actor.aliases)]
        for what, path, value in values:
            line = actor.origin.line(*path)
            conflict = table.conflict(actor.id, value)
            if conflict is None:
                table.claim(actor.id, value)
            elif conflict[0] == "id":
                key = value.strip().lower()
                out.append(Diagnostic(actor.origin.path, line,
                                      f"{what} '{value}' of actor '{actor.id}' is the id of {conflict[1]}",
                                      f"[[{key}]] would link to the wrong page; change the {what}"))
            else:
                out.append(Diagnostic(actor.origin.path, line, f"{what} '{value}' of actor '{actor.id}' is "
                                      f"already a name or alias of actor '{conflict[1]}'",
                                      f"keep it on one of them, or make the {what} more specific"))
    return out


def open_quotes(archive: Archive) -> list[Diagnostic]:
    """Warnings for quotes without a speaker, with the reason ingest gave. ``briefings check`` only.

    Ingest leaves a speaker open rather than guess; the quote is published without one, and
    a curator who can tell sets it (``how: curator``) or removes the quote. A quote left open
    with ``how: curator`` is not listed: a curator decided the speaker cannot be named.
    """
    out: list[Diagnostic] = []
    for briefing in archive.briefings:
        o = briefing.origin
        for i, quote in enumerate(briefing.quotes):
            if quote.speaker is None and quote.how != "curator":
                why = f" ({quote.unattributed})" if quote.unattributed else ""
                words = " ".join(quote.text.split()[:8])
                out.append(Diagnostic(o.path, o.line("quotes", i), f"quote {i + 1} has no speaker{why}: "
                                      f"“{words}…”", "set speaker: to one of the briefing's actors and "
                                      "how: curator, or write how: curator without a speaker to "
                                      "leave it open", severity="warning"))
    return out
#: Roles whose holders speak for no one state: officials of international bodies and journalists.
#: ``completeness`` asks them for a role but not for a country.
_STATELESS_ROLE = re.compile(
    r"\b(?:(?-i:UN|U\.N\.|NATO|EU|WHO|IAEA|ICC|ICJ|IMF|WTO|OSCE|ASEAN|UNICEF|UNHCR|UNRWA|OPEC|G7|G20)|"
    r"United Nations|European (?:Union|Commission|Council|Parliament)|World Bank|African Union|Red Cross|"
    r"Red Crescent|"
    r"Secretary-General|international|journalist|reporter|correspondent|editor|columnist|anchor|"
    r"presenter|photographer|commentator|analyst|writer|blogger|host)\b", re.IGNORECASE)


def completeness(registry: Registry) -> list[Diagnostic]:
    """Warnings for registry entries that lack the facts readers compare by. ``briefings check`` only.

    An outlet without country or ownership leaves "how outlets with different owners covered it"
    empty; a person without role or country is a bare name on every page (an official of an
    international body or a journalist needs no country: see ``_STATELESS_ROLE``). These are warnings
    (the archive still builds); ``briefings check --strict`` makes them fail.
    """
    out: list[Diagnostic] = []
    for outlet in registry.outlets.values():
        missing = [f for f in ("country", "ownership") if not getattr(outlet, f)]
        if missing:
            o = outlet.origin
            out.append(Diagnostic(o.path, o.key_line(), f"outlet '{outlet.id}' has no {' or '.join(missing)}",
                                  "add " + " and ".join(f"{f}:" for f in missing) +
                                  (f" (one of: {', '.join(OWNERSHIP_KINDS)})"
                                   if "ownership" in missing else ""),
                                  severity="warning"))
    for actor in registry.actors.values():
        if actor.kind != "person":
            continue
        missing = [f for f in ("role", "country") if not getattr(actor, f)]
        if "country" in missing and actor.role and _STATELESS_ROLE.search(actor.role):
            missing.remove("country")
        if missing:
            o = actor.origin
            out.append(Diagnostic(o.path, o.key_line(), f"person '{actor.id}' has no {' or '.join(missing)}",
                                  "add " + " and ".join(f"{f}:" for f in missing) +
                                  (" (a state actor's id)" if "country" in missing else ""),
                                  severity="warning"))
    return out


def wiki_link_diagnostics(briefing: Briefing, parsed: ParsedBody,
                          targets: Mapping[str, tuple[str, str]]) -> list[Diagnostic]:
    """Every ``[[target]]`` in the body's parse names a registry record (code excepted: the parse
    leaves it out); ``targets`` is :func:`~site_builder.core.index.link_targets` of the registry."""
    out: list[Diagnostic] = []
    for link in parsed.wiki_links:
        if link.target.lower() not in targets:
            hint = did_you_mean(link.target.lower(), targets) or "use an actor, event or outlet id"
            out.append(Diagnostic(briefing.origin.path, briefing.body_line + link.line,
                                  f"unknown link target '{link.target}' in {link.source}", hint))
    return out


def _former_ids(archive: Archive) -> list[Diagnostic]:
    """An old id redirects to exactly one record, and never hides a current one."""
    out: list[Diagnostic] = []
    reg = archive.registry
    groups: list[tuple[str, Mapping[str, Any]]] = [
        ("actor", reg.actors), ("event", reg.events), ("outlet", reg.outlets),
        ("briefing", {b.id: b for b in archive.briefings}),
    ]
    for kind, records in groups:
        claimed: dict[str, str] = {}
        for record in records.values():
            for i, old in enumerate(record.former_ids):
                line = record.origin.line("former_ids", i)
                if old in records:
                    out.append(Diagnostic(record.origin.path, line, f"former id '{old}' of {kind} "
                                          f"'{record.id}' is the id of another {kind}",
                                          "remove it from former_ids"))
                elif old in claimed:
                    out.append(Diagnostic(record.origin.path, line, f"former id '{old}' is also claimed by "
                                          f"{kind} '{claimed[old]}'", "keep it on one of them"))
                else:
                    claimed[old] = record.id
    return out


def _check_actor(actor: Actor, actors: Mapping[str, Actor], actors_file: str) -> list[Diagnostic]:
    problem = country_problem(actor.id, actor.country, actors, actors_file) if actor.country else None
    return [Diagnostic(actor.origin.path, actor.origin.line("country"), *problem)] if problem else []


def country_problem(actor_id: str, country: str, actors: Mapping[str, Actor],
                    actors_file: str = "actors.yml") -> tuple[str, str] | None:
    """(message, hint) when ``country`` cannot be the country of ``actor_id``, else None.

    ``check``'s rule, for an editor that sets one value too: the country is another actor, a state.
    """
    if country == actor_id:
        return f"actor '{actor_id}' names itself as its country", "leave 'country' out for a state"
    if country not in actors:
        hint = did_you_mean(country, actors, {k: a.name for k, a in actors.items()})
        return f"unknown country '{country}'", hint or f"add it to {actors_file} or fix the id"
    if actors[country].kind != "state":
        return (f"country '{country}' of actor '{actor_id}' is a {actors[country].kind}, not a state",
                "name a state actor")
    return None


def _duplicates(briefings: Iterable[Briefing]) -> list[Diagnostic]:
    """The same briefing id (slug and date) or the same article twice."""
    out: list[Diagnostic] = []
    by_id: dict[str, list[Briefing]] = defaultdict(list)
    by_url: dict[str, list[Briefing]] = defaultdict(list)
    for b in briefings:
        by_id[b.id].append(b)
        by_url[b.source_url.rstrip("/")].append(b)
    for group in by_id.values():
        first = group[0]
        for other in group[1:]:
            out.append(Diagnostic(other.origin.path, None,
                                  f"duplicate briefing slug '{other.id}', also used by {first.origin.path}",
                                  "give one of them a different slug"))
    for group in by_url.values():
        first = group[0]
        for other in group[1:]:
            out.append(Diagnostic(other.origin.path, other.origin.line("source_url"),
                                  f"the same source_url is already briefed in {first.origin.path}",
                                  "remove the duplicate or correct the URL"))
    return out
