"""Warnings that keep an archive clean as it grows. ``briefings check`` only; pure, no file writes.

None of these stops a build, so they are warnings (``--strict`` makes them fail):

- registry entries that nothing uses: no briefing lists, quotes or links them, no event lists
  them, no used actor has them as its country (``briefings prune`` removes them);
- quotations whose words are not in the briefing's body (compared with whitespace, dashes and
  case folded, quote marks left out, and the body's Markdown escapes undone; an ellipsis or a
  [bracketed insertion] may stand for any words, and the end's punctuation may differ);
- actors whose names are near-duplicates: the same words in another order or with a function
  word more ("Ministry of Health", "Health Ministry"), or a token-sort ratio of at least
  ``NEAR_DUPLICATE`` (rapidfuzz);
- tracking parameters in a ``source_url`` (``utm_*``, ``ftag``, ``fbclid``...: :mod:`urls`).

Near-duplicates are looked for only between names that share a word used by at most
``BUCKET_MAX`` actor names, so the check stays linear in the registry's size.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rapidfuzz.fuzz import token_sort_ratio

from site_builder.body.parse import parse_of
from site_builder.core.index import link_targets
from site_builder.core.models import Archive, Registry
from site_builder.core.urls import tracking_params, without_tracking
from site_builder.errors import Diagnostic

#: Token-sort ratio (0-100) from which two actor names are reported as near-duplicates.
NEAR_DUPLICATE = 92
#: A word shared by more actor names than this ("ministry", "john") is too common to pair them by.
BUCKET_MAX = 40
#: Words that do not tell two names apart.
_FILLER = frozenset({"of", "the", "for", "and", "de", "la", "al", "el", "des", "du", "der", "von", "van"})


@dataclass(frozen=True)
class Unused:
    """Registry ids nothing uses, by registry."""

    actors: tuple[str, ...]
    events: tuple[str, ...]
    outlets: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.actors or self.events or self.outlets)


def unused(archive: Archive) -> Unused:
    """Entries no briefing, event, quote or ``[[link]]`` uses (a used actor's country counts as used)."""
    reg = archive.registry
    actors: set[str] = set()
    events: set[str] = set()
    outlets: set[str] = set()
    targets = link_targets(reg)
    by_kind: dict[str, set[str]] = {"actor": actors, "event": events, "outlet": outlets, "": set()}
    for b in archive.briefings:
        actors.update(b.actors)
        events.update(b.events)
        outlets.add(b.outlet)
        for q in b.quotes:
            actors.update(a for a in (getattr(q, "speaker", None), q.via) if a)
        if "[[" in b.body:
            for link in parse_of(b.body, b.parsed).wiki_links:
                kind, target = targets.get(link.target.lower(), ("", ""))
                by_kind[kind].add(target)
    for e in reg.events.values():
        if e.id in events:
            actors.update(e.actors)
    actors.update(reg.actors[a].country or "" for a in list(actors) if a in reg.actors)
    return Unused(tuple(sorted(set(reg.actors) - actors)), tuple(sorted(set(reg.events) - events)),
                  tuple(sorted(set(reg.outlets) - outlets)))


def unused_warnings(archive: Archive) -> list[Diagnostic]:
    reg = archive.registry
    found = unused(archive)
    records: list[tuple[str, Mapping[str, Any], tuple[str, ...]]] = [
        ("actor", reg.actors, found.actors), ("event", reg.events, found.events),
        ("outlet", reg.outlets, found.outlets)]
    return [Diagnostic(table[i].origin.path, table[i].origin.key_line(),
                       f"{kind} '{i}' is used by no briefing, event or quote",
                       "list it in a briefing, or remove it with 'briefings prune'",
                       severity="warning")
            for kind, table, ids in records for i in ids]


_QUOTE_MARKS = str.maketrans({"“": None, "”": None, "„": None, "«": None, "»": None, "‘": None, "’": None,
                              "‚": None, "`": None, "´": None, '"': None, "'": None,
                              "–": "-", "—": "-", "‐": "-", "‑": "-"})


def folded(text: str) -> str:
    """Text compared for quotations: Markdown escapes undone, quote marks and apostrophes left out
    (a curator may quote across them: Vey said Borovia "will not sign"), one kind of dash,
    whitespace collapsed, case folded."""
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    text = re.sub(r"\\(?=[^\w\s])", "", text)
    return " ".join(text.translate(_QUOTE_MARKS).casefold().split())


def _occurs(quote: str, body: str) -> bool:
    """Every piece of ``quote`` between ellipses and [editorial insertions] is in ``body``, in order."""
    at = 0
    for piece in re.split(r"…|\.\.\.|\[[^\]]*\]", quote):
        piece = piece.strip(" .,;:!?")
        if not piece:
            continue
        at = body.find(piece, at)
        if at < 0:
            return False
        at += len(piece)
    return True


def quotes_off_body(archive: Archive) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for b in archive.briefings:
        if not b.quotes:
            continue
        body = folded(b.body)
        for i, q in enumerate(b.quotes):
            if not _occurs(folded(q.text), body):
                out.append(Diagnostic(b.origin.path, b.origin.line("quotes", i, "text"),
                                      f"quote {i + 1} does not occur in the body: “{q.text[:60]}”",
                                      "copy the words exactly as the article has them, or remove the quote",
                                      severity="warning"))
    return out


def _words(name: str) -> list[str]:
    return [w for w in re.findall(r"[\w'’-]+", name.casefold()) if w not in _FILLER]


def near_duplicates(reg: Registry) -> list[Diagnostic]:
    actors = sorted(reg.actors.values(), key=lambda a: a.id)
    words = {a.id: _words(a.name) for a in actors}
    by_word: dict[str, list[str]] = defaultdict(list)
    for a in actors:
        for w in set(words[a.id]):
            by_word[w].append(a.id)
    pairs: set[tuple[str, str]] = set()
    for ids in by_word.values():
        if 1 < len(ids) <= BUCKET_MAX:
            pairs.update((x, y) for i, x in enumerate(ids) for y in ids[i + 1:])
    out: list[Diagnostic] = []
    for first, second in sorted(pairs):
        a, b = reg.actors[first], reg.actors[second]
        one, other = " ".join(words[first]), " ".join(words[second])
        if sorted(words[first]) != sorted(words[second]) and token_sort_ratio(one, other) < NEAR_DUPLICATE:
            continue
        out.append(Diagnostic(b.origin.path, b.origin.line("name"),
                              f"actor '{second}' ({b.name}) may be the same as '{first}' ({a.name})",
                              "if so, keep one: add the other's name to its aliases, use its id in the "
                              "briefings, then 'briefings prune' removes the one no briefing uses",
                              severity="warning"))
    return out


def tracking_in_urls(archive: Archive) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for b in archive.briefings:
        params = tracking_params(b.source_url)
        if params:
            out.append(Diagnostic(b.origin.path, b.origin.line("source_url"),
                                  f"source_url has tracking parameters: {', '.join(params)}",
                                  f"use {without_tracking(b.source_url)}", severity="warning"))
    return out


def hygiene(archive: Archive, loaded_whole: bool = True) -> list[Diagnostic]:
    """Every warning of this module; unused entries only when every file loaded (``loaded_whole``),
    since a briefing that failed to load would make the entries it names look unused."""
    unused_entries = unused_warnings(archive) if loaded_whole else []
    return [*unused_entries, *quotes_off_body(archive), *near_duplicates(archive.registry),
            *tracking_in_urls(archive)]

