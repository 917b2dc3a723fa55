"""The archive's data model: frozen records, no I/O, no validation logic.

Fields mirror :mod:`site_builder.core.schema`; :mod:`site_builder.core.load` builds these
records only from data that passed the schema, so here every value already has
its proper type.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from site_builder.core.yamlsource import LineMap

if TYPE_CHECKING:
    from site_builder.body.parse import ParsedBody


@dataclass(frozen=True)
class Origin:
    """Where a record came from, so later stages can point at the right line."""

    path: str
    lines: LineMap = field(default_factory=LineMap, compare=False, repr=False)

    def line(self, *keys: str | int) -> int:
        return self.lines.line(keys)

    def key_line(self, *keys: str | int) -> int:
        return self.lines.key_line(keys)


@dataclass(frozen=True)
class Quote:
    """A direct quotation; ``speaker`` is None while the text does not tie it to one actor."""

    speaker: str | None
    text: str
    via: str | None = None
    how: str | None = None  # how ingest tied the speaker, or "curator"
    cue: str | None = None  # the article's words that tie quotation and speaker
    unattributed: str | None = None  # why the speaker is open


@dataclass(frozen=True)
class Briefing:
    """One article, curated: front-matter plus Markdown body."""

    id: str  # the file stem, YYYY-MM-DD-slug; stable, used in URLs
    title: str
    date: dt.date
    outlet: str
    source_url: str
    actors: tuple[str, ...]
    summary: str
    body: str
    events: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    tags: tuple[str, ...] = ()
    author: str | None = None
    section: str | None = None
    draft: bool = False
    link_mentions: bool = True
    former_ids: tuple[str, ...] = ()
    origin: Origin = field(default_factory=lambda: Origin(""), compare=False, repr=False)
    body_line: int = field(default=0, compare=False)
    #: The body's one parse, made when the file is loaded; read by check and render.
    parsed: ParsedBody | None = field(default=None, compare=False, repr=False)

    @property
    def slug(self) -> str:
        return self.id[11:]

    def said(self) -> list[tuple[str, Quote]]:
        """(speaker, quote) for the quotes whose speaker is known: what statements pages repeat."""
        return [(q.speaker, q) for q in self.quotes if q.speaker is not None]


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    role: str | None = None
    wikidata: str | None = None
    description: str | None = None
    former_ids: tuple[str, ...] = ()
    origin: Origin = field(default_factory=lambda: Origin(""), compare=False, repr=False)


@dataclass(frozen=True)
class Event:
    id: str
    name: str
    date: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    place: str | None = None
    actors: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    description: str | None = None
    former_ids: tuple[str, ...] = ()
    origin: Origin = field(default_factory=lambda: Origin(""), compare=False, repr=False)

    @property
    def first_day(self) -> dt.date | None:
        return self.date or self.start

    @property
    def last_day(self) -> dt.date | None:
        return self.date or self.end


@dataclass(frozen=True)
class Outlet:
    id: str
    name: str
    domains: tuple[str, ...]
    country: str | None = None
    ownership: str | None = None
    affiliation: str | None = None
    description: str | None = None
    names: tuple[str, ...] = ()
    boilerplate: tuple[str, ...] = ()
    former_ids: tuple[str, ...] = ()
    origin: Origin = field(default_factory=lambda: Origin(""), compare=False, repr=False)


@dataclass(frozen=True)
class RejectedActor:
    """A name a curator said is not an actor: ingest never proposes it again."""

    id: str
    name: str
    briefing: str | None = None
    note: str | None = None
    origin: Origin = field(default_factory=lambda: Origin(""), compare=False, repr=False)


@dataclass(frozen=True)
class RejectedLink:
    """Words that must not be read as ``actor`` ("Jean-Pierre" in "Jean-Pierre Godbout")."""

    name: str
    actor: str
    within: str | None = None
    briefing: str | None = None
    note: str | None = None
    origin: Origin = field(default_factory=lambda: Origin(""), compare=False, repr=False)


@dataclass(frozen=True)
class Rejections:
    """``rejected.yml``: curators' decisions that ingest honours."""

    actors: dict[str, RejectedActor] = field(default_factory=dict)
    links: tuple[RejectedLink, ...] = ()


@dataclass(frozen=True)
class Registry:
    """The three curated registries, keyed by id, and the rejected proposals."""

    actors: dict[str, Actor]
    events: dict[str, Event]
    outlets: dict[str, Outlet]
    rejected: Rejections = field(default_factory=Rejections)


@dataclass(frozen=True)
class Archive:
    """Everything loaded from disk: briefings (in file order) and registries."""

    briefings: tuple[Briefing, ...]
    registry: Registry
