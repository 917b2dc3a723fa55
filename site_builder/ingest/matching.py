"""Ingest: which registry outlet published the article, which registry events it covers. Pure.

Outlet evidence, strongest first: the URL's domain, an outlet's boilerplate seen in
the text, the WordPress footer ("appeared first on X"), the page's site name. A
name or domain not in outlets.yml becomes a proposal, never a silent new id.

An event is covered when the text uses its name or an alias, or when it falls in a
window around the article's date (up to ``WINDOW_DAYS`` before, a day after) and the
article names every person who took part and most of its other actors.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..models import Event, Outlet
from ..urls import slugify

WINDOW_DAYS = 31


def domain_of(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host or None


def _squeeze(text: str) -> str:
    return re.sub(r"[\W_]", "", text.lower())


@dataclass(frozen=True)
class OutletGuess:
    id: str | None  # a registry id, or None
    reason: str
    proposed: tuple[str, str, str | None] | None = None  # (id, name, domain)


def match_outlet(outlets: dict[str, Outlet], url: str | None, boilerplate_hits: list[str],
                 footer_name: str | None, site_name: str | None) -> OutletGuess:
    domain = domain_of(url)
    if domain:
        for outlet in outlets.values():
            if any(domain == d or domain.endswith("." + d) for d in outlet.domains):
                return OutletGuess(outlet.id, f"domain {domain}")
    if boilerplate_hits:
        return OutletGuess(boilerplate_hits[0], "its boilerplate in the text")
    for label, name in (("footer", footer_name), ("site name", site_name)):
        if not name:
            continue
        for outlet in outlets.values():
            if _squeeze(name) in {_squeeze(n) for n in (outlet.name, *outlet.names)}:
                return OutletGuess(outlet.id, f"{label} '{name}'")
    name = footer_name or site_name
    if not name and domain:
        name = domain.split(".")[0].capitalize() if domain.count(".") == 1 else domain
    if name:
        return OutletGuess(None, "not in outlets.yml", (slugify(name), name, domain))
    return OutletGuess(None, "no URL, site name or footer names the outlet")


def match_events(events: dict[str, Event], text: str, day: dt.date | None,
                 actor_ids: set[str], person_ids: set[str]) -> list[tuple[str, str]]:
    """(event id, reason) for each registry event the article covers."""
    out: list[tuple[str, str]] = []
    low = re.sub(r"\s+", " ", text.lower())
    for event in events.values():
        names = [event.name, *event.aliases]
        said = next((n for n in names if re.search(rf"(?<!\w){re.escape(n.lower())}(?!\w)", low)), None)
        first, last = event.first_day, event.last_day
        in_window = bool(day and first and last and
                         first <= day + dt.timedelta(days=1) and last >= day - dt.timedelta(days=WINDOW_DAYS))
        if said and (in_window or day is None or not first):
            out.append((event.id, f"names '{said}'"))
            continue
        if not in_window or not event.actors:
            continue
        people = [a for a in event.actors if a in person_ids]
        others = [a for a in event.actors if a not in person_ids]
        if people and all(a in actor_ids for a in people) and \
                sum(a in actor_ids for a in others) * 2 >= len(others):
            out.append((event.id, f"dated {first}..{last}, with {', '.join(people)}"))
    return out
