"""Stage 4, *generate pages*: decide which pages exist, in a stable order.

A :class:`PageSpec` names a page (its source URI, kind, title and the record
it shows) without rendering it; :mod:`site_builder.core.render` turns specs into
page sources. Keeping the two apart lets the MkDocs plugin, ``export-docs``
and tests share one list of pages. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from site_builder.core import urls
from site_builder.core.index import Index


@dataclass(frozen=True)
class PageSpec:
    """A page to generate: ``kind`` picks the template, ``key`` the record it shows."""

    src_uri: str
    kind: str
    title: str  # plain text; escaped when rendered
    key: str | int | None = None


def plan_pages(index: Index) -> list[PageSpec]:
    """Every generated page, sorted by source URI (deterministic output)."""
    reg = index.registry
    specs = [
        PageSpec(urls.HOME, "home", "Home"),
        PageSpec(urls.ACTORS_INDEX, "actors", "Actors"),
        PageSpec(urls.EVENTS_INDEX, "events", "Events"),
        PageSpec(urls.OUTLETS_INDEX, "outlets", "Outlets"),
        PageSpec(urls.TIMELINE_INDEX, "timeline", "Timeline"),
    ]
    specs += [PageSpec(urls.briefing(b.id), "briefing", b.title, b.id) for b in index.briefings]
    specs += [PageSpec(urls.actor(a.id), "actor", a.name, a.id) for a in reg.actors.values()]
    specs += [PageSpec(urls.event(e.id), "event", e.name, e.id) for e in reg.events.values()]
    specs += [PageSpec(urls.outlet(o.id), "outlet", o.name, o.id) for o in reg.outlets.values()]
    specs += [PageSpec(urls.year(y), "year", str(y), y) for y in index.by_year]
    specs += [
        PageSpec(urls.month(y, m), "month", month_title(y, m), f"{y:04d}-{m:02d}") for y, m in index.by_month
    ]
    specs.append(PageSpec(urls.NETWORK, "network", "Network"))
    specs.append(PageSpec(urls.COMPARE, "compare", "Outlets compared"))
    specs.append(PageSpec(urls.SEARCH, "search", "Search"))
    return sorted(specs, key=lambda s: s.src_uri)


def month_title(year: int, month: int) -> str:
    return f"{dt.date(year, month, 1):%B} {year}"
