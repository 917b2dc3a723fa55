"""Ingest: the curators' rejections (``registry/rejected.yml``), applied to what an article yields. Pure.

A curator who rejects a proposal in ``briefings review`` expects never to see it again. Two kinds
of decision are honoured here, after the actors are found and before quotes are attributed:

* a rejected actor (by id, or by a name that folds to its name) is never proposed again;
* a rejected link (these words are not that actor, optionally only within longer words or in one
  briefing) removes the matching mentions, so the actor is neither listed nor made a speaker
  on their strength.

Linear in the mentions: rules are looked up by (folded words, actor id); a ``within`` rule reads
only a window of the text around the mention.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from site_builder.authoring.ingest.actors import Finding
from site_builder.body.mentions import Mention, fold
from site_builder.core.models import Actor, RejectedLink, Rejections


def folded(name: str) -> str:
    """The form names are compared in: folded, dots dropped, single spaces."""
    return " ".join(fold(name).replace(".", "").split())


@dataclass
class Honour:
    """The rejections that apply to one briefing (``briefing_id``: its file name without ``.md``)."""

    rejected: Rejections
    briefing_id: str
    dropped: set[str] = field(default_factory=set)  # proposals not made, by id

    def __post_init__(self) -> None:
        self.names = {folded(r.name) for r in self.rejected.actors.values()}
        self.links: dict[tuple[str, str], list[RejectedLink]] = {}
        for link in self.rejected.links:
            if link.briefing is None or link.briefing == self.briefing_id:
                self.links.setdefault((folded(link.name), link.actor), []).append(link)

    def refuses(self, actor: Actor) -> bool:
        """Whether a proposal (not a registry actor) was rejected before, by id or by name."""
        return actor.id in self.rejected.actors or folded(actor.name) in self.names

    def unlinked(self, mention: Mention, text: str) -> bool:
        """Whether ``mention`` (a span of ``text``) is words a curator said are not its actor."""
        if mention.actor_id in self.dropped:
            return True
        rules = self.links.get((folded(mention.surface), mention.actor_id))
        if not rules:
            return False
        return any(rule.within is None or _within(text, mention, rule.within) for rule in rules)

    def mentions(self, mentions: Iterable[Mention], text: str) -> list[Mention]:
        """``mentions`` of ``text`` without the rejected ones."""
        return [m for m in mentions if not self.unlinked(m, text)]

    def findings(self, findings: list[Finding], mentions: list[Mention], text: str) -> tuple[list[Finding],
                                                                                                list[str]]:
        """The findings still standing, and a review line for each one dropped.

        A proposal rejected before is dropped; so is any actor whose every mention is a rejected link.
        """
        kept_mentions = self.mentions(mentions, text)
        still_named = {m.actor_id for m in kept_mentions}
        named = {m.actor_id for m in mentions}
        out: list[Finding] = []
        review: list[str] = []
        for f in findings:
            if f.source != "registry" and self.refuses(f.actor):
                self.dropped.add(f.actor.id)
                review.append(f"not proposed: {f.actor.id} '{f.actor.name}' was rejected "
                              "(registry/rejected.yml)")
            elif f.actor.id in named and f.actor.id not in still_named:
                self.dropped.add(f.actor.id)
                review.append(f"not listed: every mention of {f.actor.id} is a rejected link "
                              "(registry/rejected.yml)")
            else:
                out.append(f)
        return out, review


def _within(text: str, mention: Mention, within: str) -> bool:
    """Whether the words ``within`` occur in ``text`` around the mention and cover it.

    Only a window of the text is read (the mention with ``len(within)`` characters either side);
    :func:`fold` keeps positions, and the words may be split by spaces, dashes or dots.
    """
    words = folded(within).split()
    if not words:
        return False
    pattern = re.compile(r"[ .]+".join(re.escape(w) for w in words))
    lo = max(0, mention.start - len(within))
    window = fold(text[lo:mention.end + len(within)])
    start, end = mention.start - lo, mention.end - lo
    return any(m.start() <= start and end <= m.end() for m in pattern.finditer(window))
