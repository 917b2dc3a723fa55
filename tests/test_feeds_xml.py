"""Every Atom feed is well-formed XML, even if a value with a control character got past check."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from pathlib import Path

from site_builder.core.index import build_index
from site_builder.core.load import Layout, load_archive
from site_builder.core.models import Archive, Registry
from site_builder.outputs.feeds import FEED_ENTRIES, RECORD_FEED_ENTRIES, plan_feeds, render_feed

from .conftest import FIXTURE_ARCHIVE


def test_control_characters_never_reach_a_feed() -> None:
    archive = load_archive(Layout.at(Path(FIXTURE_ARCHIVE))).archive
    reg = archive.registry
    actors = {k: dataclasses.replace(a, name=a.name + "\x0b\x1b[2J\ud800") for k, a in reg.actors.items()}
    outlets = {k: dataclasses.replace(o, name=o.name + "\x01") for k, o in reg.outlets.items()}
    briefings = tuple(dataclasses.replace(b, title=b.title + "\x0c", summary="\x00" + b.summary)
                      for b in archive.briefings)
    index = build_index(Archive(briefings, Registry(actors, reg.events, outlets)))
    specs = plan_feeds(index)
    assert len(specs) >= 10
    for spec in specs:
        text = render_feed(spec, index.registry, "https://archive.example/", 2024)
        root = ET.fromstring(text.encode("utf-8"))  # raises on a character XML does not allow
        assert root.tag.endswith("feed")


def test_record_feeds_hold_their_newest_briefings_and_the_archive_feed_more() -> None:
    archive = load_archive(Layout.at(Path(FIXTURE_ARCHIVE))).archive
    one = archive.briefings[0]
    many = tuple(dataclasses.replace(one, id=f"2024-01-{day:02d}-copy-{day}", date=one.date.replace(day=day))
                 for day in range(1, 29)) * 2  # 56 briefings, all naming the same actors
    index = build_index(Archive(many, archive.registry))
    specs = {spec.src_uri: spec for spec in plan_feeds(index)}
    ns = {"a": "http://www.w3.org/2005/Atom"}

    def entries(path: str) -> list[str]:
        root = ET.fromstring(render_feed(specs[path], index.registry, None, 2024).encode("utf-8"))
        return [e.findtext("a:updated", namespaces=ns) or "" for e in root.findall("a:entry", ns)]

    assert len(entries("feeds/all.xml")) == FEED_ENTRIES
    actor_feed = entries(f"feeds/actors/{one.actors[0]}.xml")
    assert len(actor_feed) == RECORD_FEED_ENTRIES < FEED_ENTRIES
    assert actor_feed == sorted(actor_feed, reverse=True) and actor_feed[0].startswith("2024-01-28")
