"""Find registry actors named in a text: a pure function from (text, actors) to spans.

Used by ``briefings ingest`` to list a briefing's actors and attribute quotes, and
by the renderer to link actor mentions inside briefing bodies, which is why it
returns character spans rather than a set of ids.

Rules, all general (nothing here knows a particular actor):

* a name or alias matches whole words only ("Kim" never inside "Kimberly"),
  and a possessive ("Kim's", "Kim’s") still matches;
* names match ignoring case, accents, the apostrophe's form and hyphen-or-space
  ("Kim Jong-un" = "Kim Jong Un", "Guterres" = "Guterres"), but never as a word with no capital
  letter when the name has one ("turkey" is not Turkey, "china" not China); except short
  all-capital aliases ("US", "PRC", "UN"), which match only as written, with or
  without dots ("U.S."), since they would otherwise match ordinary words ("us");
* overlapping matches keep the leftmost, then the longest ("United States Air
  Force", not "United States");
* a person's bare family name or given name ("Kim", "Shoigu") resolves only if
  the same text names that person in full, and then to the nearest full mention
  before it when two people share the word.

Linear in the text: every name and alias goes into one Aho–Corasick automaton,
built once per registry and cached; the text is folded once, character for
character, so spans found in the folded copy are spans of the original.

Never reads files, never mutates the registry.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from site_builder.core.models import Actor

#: Words that must never resolve to a person on their own, even as part of a name.
_NOT_SHORT_FORMS = frozenset({"de", "van", "von", "bin", "al", "el", "la", "le", "da", "di", "the", "jr",
                              "sr", "ii", "iii", "mr", "ms", "mrs", "dr"})


@dataclass(frozen=True, order=True)
class Mention:
    """One occurrence of an actor in a text: ``text[start:end]`` names ``actor_id``."""

    start: int
    end: int
    actor_id: str
    surface: str
    how: str  # "name", "alias" or "short" (a bare surname or given name)


# --------------------------------------------------------------------------- folding

_APOSTROPHES = "'’‘`´ʼ"
_DASHES = "-‐‑‒–—"


def _fold_char(c: str) -> str:
    """One character to its matching form, always one character long (spans stay aligned)."""
    if c in _APOSTROPHES:
        return "'"
    if c in _DASHES or c.isspace():
        return " "
    base = unicodedata.normalize("NFD", c)[0]
    low = base.lower()
    return low if len(low) == 1 else c


#: Latin, Greek and Cyrillic letters and general punctuation, folded once at import; other characters
#: (no case, no accents to strip) stay as they are.
_FOLD_TABLE = {i: _fold_char(chr(i)) for r in (range(0x0530), range(0x1E00, 0x2070), range(0x3000, 0x3001))
               for i in r if _fold_char(chr(i)) != chr(i)}


def fold(text: str) -> str:
    """``text`` folded for matching: same length, lowercase, no accents, one apostrophe, dashes as spaces."""
    return text.translate(_FOLD_TABLE)


def _is_acronym(alias: str) -> bool:
    """Short forms that must match as written: "US", "U.N.", and mixed-case ones like "LeT" ("let")."""
    letters = "".join(c for c in alias if c.isalpha())
    if not letters or " " in alias.strip():
        return False
    return (letters.isupper() and len(letters) <= 5) or \
        (len(letters) <= 5 and any(c.isupper() for c in letters[1:]))


def _undotted(term: str) -> str:
    return term.replace(".", "")


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


# --------------------------------------------------------------------------- compiling


class Matcher:
    """Every name and alias of a set of actors in one Aho–Corasick automaton, built once and reused."""

    def __init__(self, actors: Mapping[str, Actor]) -> None:
        # folded term -> list of (actor id, how, exact surface or "" when any case matches, whether the
        # name has a capital letter)
        table: dict[str, list[tuple[str, str, str, bool]]] = {}
        short: dict[str, list[str]] = {}

        def add(term: str, actor_id: str, how: str) -> None:
            term = " ".join(term.split())
            if sum(c.isalnum() for c in term) < 2:
                return  # "X" alone would match every letter X in a text
            exact = ""
            if _is_acronym(term):
                exact = _undotted(term)
                forms = {term, exact}
            else:
                forms = {term}
            cased = any(c.isupper() for c in term)
            for form in forms:
                entries = table.setdefault(fold(form), [])
                if not any(e[0] == actor_id and e[2] == exact for e in entries):
                    entries.append((actor_id, how, exact, cased))

        for actor in actors.values():
            for term, how in [(actor.name, "name"), *((a, "alias") for a in actor.aliases)]:
                add(term, actor.id, how)
                words = fold(term).split()
                if actor.kind == "person" and len(words) > 1:
                    for word in (words[0], words[-1]):
                        word = word.strip(".,")
                        if len(word) > 1 and word not in _NOT_SHORT_FORMS:
                            ids = short.setdefault(word, [])
                            if actor.id not in ids:
                                ids.append(actor.id)
        for word in short:  # a short form is also a term, so the automaton finds it in one pass
            table.setdefault(word, [])
        self.short = {w: tuple(ids) for w, ids in short.items()}
        self.automaton: ahocorasick.Automaton | None = None
        if table:
            self.automaton = ahocorasick.Automaton()
            for term, entries in table.items():
                self.automaton.add_word(term, (term, tuple(entries)))
            self.automaton.make_automaton()

    def find(self, text: str, named_elsewhere: Iterable[str] = ()) -> list[Mention]:
        """Every mention in ``text``, in text order, without overlaps (see :func:`find_mentions`)."""
        if self.automaton is None or not text:
            return []
        folded = fold(text)
        full: list[Mention] = []
        shorts: list[tuple[int, int, str]] = []
        n = len(text)
        for last, (term, entries) in self.automaton.iter(folded):
            start, end = last - len(term) + 1, last + 1
            if (start > 0 and _word_char(folded[start - 1])) or (end < n and _word_char(folded[end])):
                continue
            surface = text[start:end]
            lower = not any(c.isupper() for c in surface)
            for actor_id, how, exact, cased in entries:
                if exact and _undotted(surface) != exact:
                    continue
                if cased and lower:
                    continue  # "turkey", "china", "brussels sprouts": a common noun, not the name
                full.append(Mention(start, end, actor_id, surface, how))
                break
            else:
                if term in self.short and surface[:1].isupper():
                    shorts.append((start, end, term))
        kept = without_overlaps(full)
        named = {m.actor_id for m in kept} | set(named_elsewhere)
        if shorts:
            by_actor: dict[str, list[int]] = {}
            for m in kept:
                by_actor.setdefault(m.actor_id, []).append(m.start)
            extra: list[Mention] = []
            for start, end, term in shorts:
                ids = [p for p in self.short[term] if p in named]
                if not ids:
                    continue
                actor_id = ids[0] if len(ids) == 1 else _nearest(by_actor, ids, start)
                extra.append(Mention(start, end, actor_id, text[start:end], "short"))
            if extra:
                kept = without_overlaps(kept + extra)
        return kept


def _key(actors: Mapping[str, Actor]) -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    return tuple((a.id, a.name, a.kind, a.aliases) for a in actors.values())


@lru_cache(maxsize=256)
def _matcher(key: tuple[tuple[str, str, str, tuple[str, ...]], ...]) -> Matcher:
    return Matcher({actor_id: Actor(actor_id, name, kind, aliases) for actor_id, name, kind, aliases in key})


# --------------------------------------------------------------------------- matching


def find_mentions(text: str, actors: Mapping[str, Actor],
                  named_elsewhere: Iterable[str] = ()) -> list[Mention]:
    """Every mention of a registry actor in ``text``, in text order, without overlaps.

    ``named_elsewhere``: ids of people named in full in the surrounding document (when
    ``text`` is one paragraph of it), so their bare surnames resolve here too. The matcher
    for ``actors`` is built once and cached.
    """
    return _matcher(_key(actors)).find(text, named_elsewhere)


def _nearest(by_actor: Mapping[str, list[int]], ids: list[str], position: int) -> str:
    """Of ``ids``, the person named in full last before ``position`` (else first after it)."""
    best: tuple[int, str] | None = None
    for actor_id in ids:
        starts = by_actor.get(actor_id, [])
        i = bisect_left(starts, position)
        if i and (best is None or starts[i - 1] > best[0]):
            best = (starts[i - 1], actor_id)
    if best:
        return best[1]
    after = [(by_actor[a][0], a) for a in ids if by_actor.get(a)]
    return min(after)[1] if after else ids[0]


def without_overlaps(mentions: list[Mention], rank: Mapping[str, int] | None = None) -> list[Mention]:
    """Leftmost, then longest; full names beat short forms of equal span. O(n log n).

    ``rank`` (actor id -> number, lower first) breaks ties between equal spans of different actors.
    """
    ranks = rank or {}
    ranked = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start), m.how == "short",
                                             ranks.get(m.actor_id, 0)))
    kept: list[Mention] = []
    end = -1
    for m in ranked:
        if m.start >= end:
            kept.append(m)
            end = m.end
    return kept


def mentioned_ids(mentions: list[Mention]) -> list[str]:
    """Actor ids in order of first mention, each once."""
    seen: dict[str, None] = {}
    for m in mentions:
        seen.setdefault(m.actor_id, None)
    return list(seen)
