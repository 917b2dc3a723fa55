"""What the review page shows of one briefing: mentions, quotes with their cues, proposed actors, and the
registry facts (role, country, ownership) of its actors and outlet. Pure.

An actor is *proposed* when its registry entry was appended by ingest (under a "proposed actors"
comment in actors.yml) or when no other briefing names it: those are the entries a pull request
adds. For each, the sentence it was first seen in and the registry entries whose names look
alike (rapidfuzz), so a duplicate is merged rather than kept.

Linear in the body: one pass of the mention automaton, one search per quote cue.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from site_builder.authoring.ingest.rejections import Honour, folded
from site_builder.body.mentions import Mention, find_mentions
from site_builder.core.models import Actor, Archive, Registry
from site_builder.errors import Diagnostic

#: Names at least this alike (0-100, word order ignored) are offered as near-duplicates.
ALIKE = 85
#: Most near-duplicates shown per proposed actor.
MAX_ALIKE = 4
_PROPOSED_BLOCK = re.compile(r"^# Added by briefings ingest .*\(proposed actors\)")
_TOP_KEY = re.compile(r"^(?:'([^']+)'|\"([^\"]+)\"|([^\s#'\"-][^:]*?))\s*:(?:\s|$)")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # an actor kind, or "cue"
    actor: str = ""


@dataclass
class ActorView:
    id: str
    name: str
    kind: str
    in_registry: bool
    proposed: bool
    evidence: str = ""
    alike: list[tuple[str, str]] = field(default_factory=list)  # (id, name)
    surfaces: list[tuple[str, str | None]] = field(default_factory=list)  # (words, longer words)
    role: str = ""
    country: str = ""
    wants: list[Diagnostic] = field(default_factory=list)  # what check --strict asks of its entry


@dataclass
class OutletView:
    """The briefing's outlet: the facts readers compare coverage by, and what check asks of it."""

    id: str
    name: str
    in_registry: bool
    country: str = ""
    ownership: str = ""
    wants: list[Diagnostic] = field(default_factory=list)


@dataclass
class QuoteView:
    index: int
    text: str
    speaker: str | None
    via: str | None
    how: str | None
    cue: str | None
    unattributed: str | None
    cue_found: bool = False


@dataclass
class BriefingView:
    path: str
    stem: str
    title: str
    summary: str
    author: str
    paragraphs: list[tuple[str, list[Span]]]  # each paragraph's text and its spans (paragraph offsets)
    actors: list[ActorView]
    quotes: list[QuoteView]
    diagnostics: list[Diagnostic]
    speakers: list[tuple[str, str]]  # (id, name) for the speaker menus
    outlet: OutletView | None = None


def proposed_block_ids(actors_yml: str) -> set[str]:
    """Ids appended by ``ingest --accept-new`` under its "proposed actors" comment."""
    ids: set[str] = set()
    inside = False
    for line in actors_yml.split("\n"):
        if line.startswith("#"):
            inside = bool(_PROPOSED_BLOCK.match(line))
        elif inside:
            key = _TOP_KEY.match(line)
            if key:
                ids.add(next(g for g in key.groups() if g))
    return ids


#: What ``check --strict`` asks of registry records, by (registry, id): see :func:`record_wants`.
Wants = dict[tuple[str, str], list[Diagnostic]]


def record_wants(registry: Registry, diagnostics: list[Diagnostic]) -> Wants:
    """Each actor's and outlet's diagnostics among ``diagnostics`` (those at the line of its id).

    ``completeness`` reports a missing role, country or ownership at the record's first line, so
    a card shows what ``check`` says of its entry, and stops saying it once the curator sets it.
    """
    at = {(d.path, d.line): d for d in diagnostics}
    out: Wants = {}
    tables: list[tuple[str, dict[str, Any]]] = [("actors", dict(registry.actors)),
                                                 ("outlets", dict(registry.outlets))]
    for name, records in tables:
        for record in records.values():
            found = at.get((record.origin.path, record.origin.key_line()))
            if found is not None:
                out[(name, record.id)] = [found]
    return out


def usage(archive: Archive) -> Counter[str]:
    """How many briefings name each actor id (in actors or quotes)."""
    counts: Counter[str] = Counter()
    for b in archive.briefings:
        counts.update({*b.actors, *(s for s, _ in b.said()), *(q.via for q in b.quotes if q.via)})
    return counts


def _sentence(text: str, start: int, end: int) -> str:
    dot = text.rfind(". ", 0, start)
    left = max(dot + 2 if dot != -1 else 0, text.rfind("\n", 0, start) + 1)
    rights = [r for r in (text.find(". ", end), text.find("\n", end)) if r != -1]
    right = min(rights) + 1 if rights else len(text)
    sentence = " ".join(text[left:right].split())
    return sentence if len(sentence) <= 300 else sentence[:297] + "…"


_WORD_AFTER = re.compile(r"[ \u00a0]+([A-Z][\w'’-]*)")
_WORD_BEFORE = re.compile(r"([A-Z][\w'’-]*)[ \u00a0]+$")


def longer_words(text: str, m: Mention) -> str | None:
    """The capitalised words around a mention ("Jean-Pierre Godbout" around "Jean-Pierre"), if any."""
    start, end = m.start, m.end
    for _ in range(3):
        after = _WORD_AFTER.match(text, end)
        if not after:
            break
        end = after.end()
    for _ in range(3):
        before = _WORD_BEFORE.search(text[max(0, start - 40):start])
        if not before or text[:start].rstrip().endswith((".", "!", "?")):
            break
        start -= len(before.group(0))
    longer = " ".join(text[start:end].split())
    return longer if longer != " ".join(m.surface.split()) else None


#: Kinds a proposal may be merged into: a person is only a person; a body, an organisation or a medium
#: (an outlet's owner is often listed as either); a state only a state.
_MERGEABLE = {"person": {"person"}, "organisation": {"organisation", "media"},
              "media": {"organisation", "media"}, "state": {"state"}}


def _qualifies(short: str, long: str) -> bool:
    """Whether ``long`` adds to ``short`` a capitalised word at its start or end: another body.

    "Colorado Supreme Court" and "Supreme Court of Peru" name other courts than "Supreme Court";
    "Aurelian National Assembly" (a word inside) and "Board of the Harbour" (small words) do not.
    """
    have = set(folded(short).split())
    words = long.split()
    extra = [i for i, w in enumerate(words) if folded(w) not in have]
    return any(words[i][:1].isupper() and i in (0, len(words) - 1) for i in extra)


def _alike(actor: Actor, registry: Registry, choices: dict[str, str]) -> list[tuple[str, str]]:
    """Registry actors of a kind ``actor`` may be, whose name or alias looks like its name; best first.

    Names are compared whole, word order ignored (``token_sort_ratio``). One name's words inside
    the other's (``token_set_ratio``) count too for a person ("Biden" in "Joe Biden"), and for a
    body unless the longer name is qualified by a word before or after (:func:`_qualifies`).
    """
    kinds = _MERGEABLE.get(actor.kind, {actor.kind})
    key = folded(actor.name)
    scores: dict[str, float] = {}
    for scorer in (fuzz.token_sort_ratio, fuzz.token_set_ratio):
        if scorer is fuzz.token_set_ratio and " " not in key:
            continue  # one word inside another's name is no sign of the same entity
        for _, score, choice in process.extract(key, choices, scorer=scorer, score_cutoff=ALIKE, limit=None):
            other, _, nth = choice.partition("\x00")
            found = registry.actors.get(other)
            if other == actor.id or found is None or found.kind not in kinds:
                continue
            if scorer is fuzz.token_set_ratio and actor.kind != "person":
                theirs = (found.name, *found.aliases)[int(nth)]
                if _qualifies(theirs, actor.name) or _qualifies(actor.name, theirs):
                    continue
            scores[other] = max(scores.get(other, 0.0), score)
    ranked = sorted(scores, key=lambda a: (-scores[a], a))
    return [(a, registry.actors[a].name) for a in ranked[:MAX_ALIKE]]


def briefing_view(display: str, stem: str, front: dict[str, Any], body: str, archive: Archive,
                  diagnostics: list[Diagnostic], block_ids: set[str],
                  wants: Wants | None = None) -> BriefingView:
    """The page's model of one briefing, from its raw front-matter and the loaded archive.

    ``wants``: what ``check --strict`` asks of the registry entries of its actors and outlet.
    """
    registry = archive.registry
    wants = wants or {}
    counts = usage(archive)
    listed = [a for a in front.get("actors") or [] if isinstance(a, str)]
    honour = Honour(registry.rejected, stem)
    mentions = honour.mentions(find_mentions(body, registry.actors), body)
    first: dict[str, Mention] = {}
    surfaces: dict[str, dict[tuple[str, str | None], None]] = {}
    for m in mentions:
        first.setdefault(m.actor_id, m)
        surfaces.setdefault(m.actor_id, {}).setdefault((" ".join(m.surface.split()), longer_words(body, m)))
    # rapidfuzz choices: "id NUL n" -> the n-th name of that actor, folded
    choices = {f"{a.id}\x00{i}": folded(n) for a in registry.actors.values()
               for i, n in enumerate((a.name, *a.aliases))}
    actors = []
    for actor_id in listed:
        actor = registry.actors.get(actor_id)
        proposed = actor is not None and (actor_id in block_ids or counts[actor_id] <= 1)
        view = ActorView(actor_id, actor.name if actor else actor_id, actor.kind if actor else "unknown",
                         actor is not None, proposed, surfaces=list(surfaces.get(actor_id, {})),
                         role=(actor.role or "") if actor else "",
                         country=(actor.country or "") if actor else "",
                         wants=wants.get(("actors", actor_id), []))
        if actor_id in first:
            view.evidence = _sentence(body, first[actor_id].start, first[actor_id].end)
        if proposed and actor is not None:
            view.alike = _alike(actor, registry, choices)
        actors.append(view)
    actors.sort(key=lambda a: not a.proposed)  # what needs a decision first; otherwise the briefing's order
    spans = [Span(m.start, m.end, registry.actors[m.actor_id].kind, m.actor_id) for m in mentions]
    quotes = []
    for i, q in enumerate(front.get("quotes") or []):
        if not isinstance(q, dict):
            continue
        text = str(q.get("text", ""))
        cue = q.get("cue") if isinstance(q.get("cue"), str) else None
        view_q = QuoteView(i, text, _str(q.get("speaker")), _str(q.get("via")), _str(q.get("how")), cue,
                           _str(q.get("unattributed")))
        if cue:
            at = _cue_at(body, cue, body.find(text[:60]) if text else -1)
            if at != -1:
                view_q.cue_found = True
                spans.append(Span(at, at + len(cue), "cue"))
        quotes.append(view_q)
    speakers = [(a.id, a.name) for a in actors]
    return BriefingView(display, stem, _str(front.get("title")) or "", _str(front.get("summary")) or "",
                        _str(front.get("author")) or "", _paragraphs(body, spans), actors, quotes,
                        diagnostics, speakers, _outlet(_str(front.get("outlet")), registry, wants))


def _outlet(outlet_id: str | None, registry: Registry, wants: Wants) -> OutletView | None:
    if not outlet_id:
        return None
    outlet = registry.outlets.get(outlet_id)
    if outlet is None:
        return OutletView(outlet_id, outlet_id, False)
    return OutletView(outlet_id, outlet.name, True, outlet.country or "", outlet.ownership or "",
                      wants.get(("outlets", outlet_id), []))


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _cue_at(body: str, cue: str, near: int) -> int:
    """The occurrence of ``cue`` nearest the quote (the first, when the quote is not found)."""
    best, at = -1, body.find(cue)
    while at != -1:
        if best == -1 or (near != -1 and abs(at - near) < abs(best - near)):
            best = at
        at = body.find(cue, at + 1)
    return best


def _paragraphs(body: str, spans: list[Span]) -> list[tuple[str, list[Span]]]:
    """The body's paragraphs (split at blank lines), each with the spans inside it, re-based."""
    out: list[tuple[str, list[Span]]] = []
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    i = 0
    for found in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", body):
        start, end = found.span()
        while i < len(ordered) and ordered[i].end <= start:
            i += 1
        inside = []
        j = i
        while j < len(ordered) and ordered[j].start < end:
            s = ordered[j]
            if s.start >= start and s.end <= end:
                inside.append(Span(s.start - start, s.end - start, s.kind, s.actor))
            j += 1
        if found.group(0).strip():
            out.append((found.group(0), inside))
    return out
