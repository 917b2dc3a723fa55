"""Find registry actors named in a text: a pure function from (text, actors) to spans.

Used by ``briefings ingest`` to list a briefing's actors and attribute quotes,
and meant to be reused to link actor mentions inside briefing bodies, which is
why it returns character spans rather than a set of ids.

Rules, all general (nothing here knows a particular actor):

* a name or alias matches whole words only ("Kim" never inside "Kimberly"),
  and a possessive ("Kim's", "Kim’s") still matches;
* names match case-insensitively, except short all-capital aliases ("US",
  "PRC", "UN"), which would otherwise match ordinary words ("us");
* overlapping matches keep the longest ("United States Air Force", not
  "United States");
* a person's bare family name or given name ("Kim", "Shoigu") resolves only if
  the same text names that person in full, and then to the nearest full mention
  before it when two people share the word.

Never reads files, never mutates the registry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from .models import Actor

#: Words that must never resolve to a person on their own, even as part of a name.
_NOT_SHORT_FORMS = frozenset({"de", "van", "von", "bin", "al", "el", "la", "le", "da", "di", "the"})


@dataclass(frozen=True, order=True)
class Mention:
    """One occurrence of an actor in a text: ``text[start:end]`` names ``actor_id``."""

    start: int
    end: int
    actor_id: str
    surface: str
    how: str  # "name", "alias" or "short" (a bare surname or given name)


def _is_acronym(alias: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", alias)
    return bool(letters) and letters.isupper() and len(letters) <= 5


def _pattern(term: str) -> str:
    escaped = re.escape(term)
    escaped = escaped.replace(r"\ ", r"\s+").replace(r"\-", r"[-\s]")
    # Apostrophes in names match either the straight or the curly form.
    escaped = re.sub("['’]", "['’]", escaped)
    return rf"(?<![\w]){escaped}(?![\w])"


@dataclass(frozen=True)
class _Compiled:
    insensitive: re.Pattern[str] | None
    sensitive: re.Pattern[str] | None
    terms: dict[str, tuple[str, str]]  # lowercase surface -> (actor id, how)
    exact: dict[str, tuple[str, str]]
    short: dict[str, list[str]]  # short form -> person ids
    normalised: dict[str, tuple[str, str]]  # terms keyed by _normal(term)


def _key(actors: Mapping[str, Actor]) -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    return tuple((a.id, a.name, a.kind, a.aliases) for a in actors.values())


@lru_cache(maxsize=256)
def _compile(key: tuple[tuple[str, str, str, tuple[str, ...]], ...]) -> _Compiled:
    terms: dict[str, tuple[str, str]] = {}
    exact: dict[str, tuple[str, str]] = {}
    short: dict[str, list[str]] = {}
    for actor_id, name, kind, aliases in key:
        for term, how in [(name, "name"), *((a, "alias") for a in aliases)]:
            if _is_acronym(term):
                exact.setdefault(term, (actor_id, how))
            else:
                terms.setdefault(term.lower(), (actor_id, how))
            words = term.replace("-", " ").split()
            if kind == "person" and len(words) > 1:
                for word in {words[0], words[-1]}:
                    if len(word) > 1 and word.lower() not in _NOT_SHORT_FORMS:
                        short.setdefault(word, [])
                        if actor_id not in short[word]:
                            short[word].append(actor_id)

    def alternation(items: list[str]) -> str:
        return "|".join(_pattern(t) for t in sorted(items, key=len, reverse=True))

    return _Compiled(
        re.compile(alternation(list(terms)), re.IGNORECASE) if terms else None,
        re.compile(alternation(list(exact))) if exact else None,
        terms, exact, short, {_normal(k): v for k, v in terms.items()},
    )


_SPACES = re.compile(r"\s+")
_NOT_LETTERS = re.compile(r"[\W_]")


def _normal(surface: str) -> str:
    return _SPACES.sub(" ", surface.replace("’", "'"))


@lru_cache(maxsize=1024)
def _short_forms(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for the bare names in play; a text names the same few people paragraph after paragraph."""
    return re.compile("|".join(_pattern(w) for w in words))


def find_mentions(text: str, actors: Mapping[str, Actor], named_elsewhere: Iterable[str] = ()) -> list[Mention]:
    """Every mention of a registry actor in ``text``, in text order, without overlaps.

    ``named_elsewhere``: ids of people named in full in the surrounding document (when
    ``text`` is one paragraph of it), so their bare surnames resolve here too.
    """
    compiled = _compile(_key(actors))
    lookup_i = compiled.normalised
    found: list[Mention] = []
    if compiled.insensitive:
        for m in compiled.insensitive.finditer(text):
            surface = _normal(m.group(0)).lower()
            hit = lookup_i.get(surface) or lookup_i.get(surface.replace("-", " "))
            if hit is None:  # hyphen/space variant: match by letters only
                letters = _NOT_LETTERS.sub("", surface)
                hit = next((v for k, v in lookup_i.items() if _NOT_LETTERS.sub("", k) == letters), None)
            if hit:
                found.append(Mention(m.start(), m.end(), hit[0], m.group(0), hit[1]))
    if compiled.sensitive:
        for m in compiled.sensitive.finditer(text):
            hit = compiled.exact.get(m.group(0))
            if hit:
                found.append(Mention(m.start(), m.end(), hit[0], m.group(0), hit[1]))
    full = _without_overlaps(found)
    named = {m.actor_id for m in full} | set(named_elsewhere)
    shorts: list[Mention] = []
    wanted = {w: [p for p in ids if p in named] for w, ids in compiled.short.items()}
    wanted = {w: ids for w, ids in wanted.items() if ids}
    if wanted:
        for m in _short_forms(tuple(sorted(wanted, key=lambda w: (-len(w), w)))).finditer(text):
            ids = wanted[m.group(0)]
            actor_id = ids[0] if len(ids) == 1 else _nearest(full, ids, m.start())
            shorts.append(Mention(m.start(), m.end(), actor_id, m.group(0), "short"))
    return _without_overlaps(full + shorts)


def _nearest(full: list[Mention], ids: list[str], position: int) -> str:
    before = [m for m in full if m.actor_id in ids and m.start < position]
    if before:
        return before[-1].actor_id
    after = [m for m in full if m.actor_id in ids]
    return after[0].actor_id if after else ids[0]


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions; full names beat short forms of equal length."""
    ranked = sorted(mentions, key=lambda m: (-(m.end - m.start), m.how == "short", m.start))
    kept: list[Mention] = []
    for m in ranked:
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return sorted(kept)


def mentioned_ids(mentions: list[Mention]) -> list[str]:
    """Actor ids in order of first mention, each once."""
    seen: dict[str, None] = {}
    for m in mentions:
        seen.setdefault(m.actor_id, None)
    return list(seen)
