"""Ingest: which of an article's actors matter most to it. Pure.

A briefing lists at most ``MAX_ACTORS_PER_BRIEFING`` actors (the schema's limit, which
``check`` enforces); a long article or a live blog names far more. The ones kept are the
most prominent: named in the headline or the lede first, then those quoted, then by how
often the article names them, then by who comes first. The rest go to the review list,
so a curator can swap one in, and the archive never fails ``check`` after ingest.

The same score picks an article's *prominent* actors, the few it is about: an event drafted
from several articles (``--new-event``) lists those most of its articles name prominently,
not every actor any of them mentions.

Linear in the mentions: one pass to count, one sort of the article's actors.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from site_builder.core.schema import MAX_ACTORS_PER_BRIEFING

#: An actor named at least this many times is prominent even outside headline, lede and quotes.
PROMINENT_MENTIONS = 3
#: ... provided it is among this many most-named actors of the article.
PROMINENT_TOP = 3


@dataclass(frozen=True)
class Score:
    """What makes an actor prominent in one article; compares greater when more prominent."""

    in_lede: bool  # named in the headline or the first paragraph
    quoted: bool  # speaks (or relays) a quotation
    mentions: int
    first: int  # position of first mention, negated so that earlier is greater

    def key(self) -> tuple[bool, bool, int, int]:
        return (self.in_lede, self.quoted, self.mentions, self.first)


def scores(ordered: Sequence[str], mentions: Iterable[str], lede_ids: Iterable[str],
           quoted_ids: Iterable[str]) -> dict[str, Score]:
    """A score for each id of ``ordered`` (the actors in order of first mention).

    ``mentions`` is the actor id of every mention in the article, ``lede_ids`` the actors the
    headline and first paragraph name, ``quoted_ids`` the speakers and relayers of its quotes.
    """
    counts = Counter(mentions)
    lede, quoted = set(lede_ids), set(quoted_ids)
    return {a: Score(a in lede, a in quoted, counts.get(a, 0), -i) for i, a in enumerate(ordered)}


def most_prominent(ordered: Sequence[str], score: dict[str, Score],
                   limit: int = MAX_ACTORS_PER_BRIEFING) -> tuple[list[str], list[str]]:
    """(kept, left out): at most ``limit`` actors, the most prominent, each list in article order."""
    if len(ordered) <= limit:
        return list(ordered), []
    ranked = sorted(ordered, key=lambda a: score[a].key(), reverse=True)
    keep = set(ranked[:limit])
    return [a for a in ordered if a in keep], [a for a in ordered if a not in keep]


def prominent(score: dict[str, Score]) -> frozenset[str]:
    """The few actors an article is about: in headline or lede, quoted, or among its most named."""
    busiest = sorted(score, key=lambda a: (score[a].mentions, score[a].first), reverse=True)[:PROMINENT_TOP]
    return frozenset(a for a, s in score.items()
                     if s.in_lede or s.quoted or (a in busiest and s.mentions >= PROMINENT_MENTIONS))
