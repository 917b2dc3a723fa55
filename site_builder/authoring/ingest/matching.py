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

from site_builder.authoring.ingest import outlet_table
from site_builder.core.models import Event, Outlet
from site_builder.core.urls import slugify

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
    known: Outlet | None = None  # the starter table's row for a proposal, with its facts


def match_outlet(outlets: dict[str, Outlet], url: str | None, boilerplate_hits: list[str],
                 footer_name: str | None, site_name: str | None) -> OutletGuess:
    """The registry outlet that published the article, else a proposal for a new one.

    A proposal takes its id, name and facts from the starter table when the domain or
    name is there; otherwise the footer or site name, or failing those the domain's
    registrable name, so that every page with a URL gets an outlet to review.
    """
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
    # With a domain, only the domain identifies a table row: names such as "The Citizen" or
    # "The Star" belong to several papers.
    known = outlet_table.by_domain(domain) if domain else \
        outlet_table.by_name(footer_name) or outlet_table.by_name(site_name)
    if known is not None:
        if known.id in outlets:  # the registry has it under the same id, with other domains or names
            return OutletGuess(known.id, f"the starter outlet table ({domain or known.name})")
        return OutletGuess(
            None,
            "not in outlets.yml",
            (known.id, known.name, domain or next(iter(known.domains), None)),
            known,
        )
    name = _plausible_name(footer_name) or _plausible_name(site_name)
    if domain and name and name.lower() == domain:  # the host name stands in for a site name
        name = outlet_table.registrable_domain(domain)
    if not name and domain:
        name = outlet_table.name_from_domain(domain)
    if name:
        proposed_id = slugify(name)
        if proposed_id in outlets and domain:  # another outlet already has that id
            proposed_id = slugify(outlet_table.registrable_domain(domain))
        return OutletGuess(None, "not in outlets.yml", (proposed_id, name, domain))
    return OutletGuess(None, "no URL, site name or footer names the outlet")


def _plausible_name(name: str | None) -> str | None:
    """A site or footer name fit to name an outlet: short and not a web address or page label."""
    if not name:
        return None
    name = re.split(r"\s+[|–—]\s+|\s+-\s+", " ".join(name.split()))[0]  # "Isthmus | Madison, Wisconsin"
    if (
        not 2 <= len(name) <= 60
        or len(name.split()) > 8
        or re.fullmatch(r"(?i)home|homepage|news|index", name)
    ):
        return None
    return name


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
