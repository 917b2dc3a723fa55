"""Every Atom feed is well-formed XML, even if a value with a control character got past check."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from pathlib import Path

from site_builder.core.index import build_index
from site_builder.core.load import Layout, load_archive
from site_builder.core.models import Archive, Registry
from site_builder.outputs.feeds import plan_feeds, render_feed

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
