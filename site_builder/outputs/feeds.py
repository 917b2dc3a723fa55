"""Atom feeds: one for the archive, one per actor, event and outlet.

Feeds are built with ElementTree, which escapes text and attributes, so
untrusted titles and summaries stay text in every feed reader. ElementTree
does not refuse characters XML 1.0 cannot carry (control characters, lone
surrogates, U+FFFE), and one of them makes the whole feed unreadable, so every
value is passed through :func:`xml_text` first; ``briefings check`` refuses
them anyway. Timestamps come from briefing dates, never the clock, so feeds
are reproducible. No I/O.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from site_builder.core import urls
from site_builder.core.index import Index
from site_builder.core.models import Briefing, Registry
from site_builder.core.reads import recorder_of

ATOM = "http://www.w3.org/2005/Atom"
#: Entries in the archive's feed: readers poll feeds; the archive pages hold the rest.
FEED_ENTRIES = 50
#: Entries in an actor's, event's or outlet's feed: each gets a small share of the archive's new
#: briefings, so ten cover weeks to months of them between two polls of a feed reader, and with hundreds
#: of such feeds, 20 entries each were a twentieth of the site's bytes.
RECORD_FEED_ENTRIES = 10


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 does not allow."""
    return _NOT_XML.sub("", value)


@dataclass(frozen=True)
class FeedSpec:
    """A feed to write: where, what it is about, and which briefings (newest first)."""

    src_uri: str  # e.g. feeds/actors/kim-jong-un.xml
    title: str
    page_src: str  # the page the feed belongs to
    briefings: Sequence[Briefing]
    entries: int = FEED_ENTRIES  # the newest this many briefings are in the feed


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def tag_uri(site_url: str | None, first_year: int, specific: str) -> str:
    """A stable Atom id (RFC 4151 tag URI) that does not depend on where the site is hosted today."""
    authority = urlsplit(site_url).hostname if site_url else None
    return f"tag:{authority or 'briefing-archive.invalid'},{first_year}:{specific}"


def render_feed(spec: FeedSpec, registry: Registry, site_url: str | None, first_year: int) -> str:
    """Atom XML for one feed. Links are absolute when ``site_url`` is known, else relative to the feed."""
    ET.register_namespace("", ATOM)

    def href(page_src: str) -> str:
        if site_url:
            return site_url.rstrip("/") + "/" + urls.site_url(page_src)
        return urls.relative_from_file(spec.src_uri, page_src)

    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}id").text = tag_uri(site_url, first_year, spec.src_uri)
    ET.SubElement(feed, f"{{{ATOM}}}title").text = xml_text(spec.title)
    newest = spec.briefings[0].date if spec.briefings else dt.date(first_year, 1, 1)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(newest)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=href(spec.page_src))
    if site_url:
        ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml",
                      href=site_url.rstrip("/") + "/" + spec.src_uri)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "Briefing Archive curators"
    for b in spec.briefings[:spec.entries]:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = tag_uri(site_url, first_year, f"briefing/{b.id}")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = xml_text(b.title)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(b.date)  # no <published>: the same day
        ET.SubElement(
            entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=href(urls.briefing(b.id))
        )
        if urls.is_web_url(b.source_url):
            ET.SubElement(
                entry, f"{{{ATOM}}}link", rel="related", type="text/html", href=xml_text(b.source_url)
            )
        outlet = registry.outlets.get(b.outlet)
        entry_author = ET.SubElement(entry, f"{{{ATOM}}}author")
        ET.SubElement(entry_author, f"{{{ATOM}}}name").text = xml_text(outlet.name if outlet else b.outlet)
        ET.SubElement(entry, f"{{{ATOM}}}summary", type="text").text = xml_text(b.summary)
        for actor_id in b.actors:
            actor = registry.actors.get(actor_id)
            ET.SubElement(entry, f"{{{ATOM}}}category", term=xml_text(actor_id),
                          label=xml_text(actor.name if actor else actor_id))
    ET.indent(feed, space="")  # an element per line, unindented: hundreds of feeds, a seventh smaller each
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def first_year(index: Index) -> int:
    """The year in every feed's and entry's id: the archive's first, so ids never change."""
    return min(index.by_year, default=2000)


def plan_feeds(index: Index) -> list[FeedSpec]:
    """The archive feed plus one per actor, event and outlet that has briefings.

    Given a recording view of the index (:mod:`site_builder.core.reads`), each feed's
    reads are logged under its path, as pages' are: what it lists and the first year.
    """
    recorder = recorder_of(index)

    def begin(path: str) -> None:
        if recorder is not None:
            recorder.start(path)
            first_year(index)

    begin(urls.feed("all"))
    specs = [FeedSpec(urls.feed("all"), "Briefing Archive: latest briefings", urls.HOME, index.briefings)]
    reg = index.registry
    for kind, table, names, page in (("actor", index.by_actor, reg.actors, urls.actor),
                                     ("event", index.by_event, reg.events, urls.event),
                                     ("outlet", index.by_outlet, reg.outlets, urls.outlet)):
        for key in sorted(names):
            begin(urls.feed(kind, key))
            specs.append(FeedSpec(urls.feed(kind, key), f"Briefings: {names[key].name}", page(key),
                                  table.get(key, []), RECORD_FEED_ENTRIES))
    return specs


#: Material for MkDocs treats every <link rel="alternate"> as a translation of the site and fetches
#: "sitemap.xml" next to its target. An empty sitemap in each feed folder answers that request.
EMPTY_SITEMAP = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n')


def feed_folder_sitemaps(specs: list[FeedSpec]) -> dict[str, str]:
    folders = sorted({spec.src_uri.rsplit("/", 1)[0] for spec in specs})
    return {f"{folder}/sitemap.xml": EMPTY_SITEMAP for folder in folders}
