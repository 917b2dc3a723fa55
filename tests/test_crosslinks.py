"""Cross-linking on a corpus of a few dozen synthetic briefings: pages, feeds, open data, redirects."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import deque
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest

from site_builder.core import schema
from site_builder.core.load import Layout, load_archive
from site_builder.core.models import Briefing, Quote
from site_builder.pipeline import build_site

from .conftest import CORPUS, mkdocs_build
from .linkcheck import broken_links

ATOM = "{http://www.w3.org/2005/Atom}"


def test_golden_page_of_every_kind(golden: Callable[[str, str], None]) -> None:
    site = build_site(Layout.at(CORPUS))
    seen: set[str] = set()
    for spec, page in site.sources():
        if spec.kind not in seen:  # the first page of each kind, in source-URI order
            seen.add(spec.kind)
            golden(f"corpus/{spec.src_uri}", page.document())
    assert seen == {"home", "actors", "events", "outlets", "timeline", "year", "month", "network", "compare",
                    "search", "briefing", "actor", "event", "outlet"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def test_every_record_page_is_within_three_clicks_of_home(corpus_site: Path) -> None:
    depth = {"": 0}
    queue = deque([""])
    while queue:
        url = queue.popleft()
        if depth[url] == 3:
            continue
        page = corpus_site / url / "index.html"
        if not page.exists():
            continue
        parser = _Links()
        parser.feed(page.read_text())
        for href in parser.hrefs:
            target = urldefrag(urljoin("/" + url, href))[0].lstrip("/")
            if "://" in href or not target.endswith("/") or target in depth:
                continue
            depth[target] = depth[url] + 1
            queue.append(target)
    registry = load_archive(Layout.at(CORPUS)).archive.registry
    for kind, ids in (
        ("actors", registry.actors),
        ("events", registry.events),
        ("outlets", registry.outlets),
    ):
        for key in ids:
            assert f"{kind}/{key}/" in depth, f"{kind}/{key} is not reachable within three clicks"


def test_corpus_site_has_no_broken_links(corpus_site: Path) -> None:
    assert broken_links(corpus_site) == []


def test_feeds_are_valid_atom(corpus_site: Path) -> None:
    feeds = sorted(p for p in (corpus_site / "feeds").rglob("*.xml") if p.name != "sitemap.xml")
    registry = load_archive(Layout.at(CORPUS)).archive.registry
    assert len(feeds) == 1 + len(registry.actors) + len(registry.events) + len(registry.outlets)
    ids: set[str] = set()
    for path in feeds:
        root = ET.parse(path).getroot()
        assert root.tag == f"{ATOM}feed"
        # RFC 4287 4.1.1: a feed has exactly one id, title and updated,
        # and an author (or every entry has one).
        for name in ("id", "title", "updated"):
            assert len(root.findall(f"{ATOM}{name}")) == 1, (path, name)
        assert root.find(f"{ATOM}author/{ATOM}name") is not None
        assert root.find(f"{ATOM}link[@rel='alternate']") is not None
        ids.add(root.findtext(f"{ATOM}id") or "")
        for entry in root.findall(f"{ATOM}entry"):
            for name in ("id", "title", "updated"):
                assert len(entry.findall(f"{ATOM}{name}")) == 1, (path, name)
            link = entry.find(f"{ATOM}link[@rel='alternate']")
            assert link is not None
            target = (path.parent / link.get("href", "")).resolve()
            assert (target / "index.html").exists(), (path, link.get("href"))
    assert len(ids) == len(feeds)  # feed ids are unique


def test_pages_link_their_feeds(corpus_site: Path) -> None:
    actor = next((corpus_site / "actors").glob("*/index.html"))
    html = actor.read_text()
    assert 'type="application/atom+xml">Atom feed</a>' in html


def test_json_exports_round_trip_against_the_model(corpus_site: Path) -> None:
    archive = load_archive(Layout.at(CORPUS)).archive
    data = json.loads((corpus_site / "data/briefings.json").read_text())
    assert data["count"] == len(archive.briefings)
    loaded = {b.id: b for b in archive.briefings}
    for record in data["briefings"]:
        original = loaded[record["id"]]
        rebuilt = Briefing(
            id=record["id"], title=record["title"], date=original.date.fromisoformat(record["date"]),
            outlet=record["outlet"], source_url=record["source_url"], actors=tuple(record["actors"]),
            summary=record["summary"], body=original.body, events=tuple(record.get("events", ())),
            quotes=tuple(Quote(**q) for q in record.get("quotes", ())), tags=tuple(record.get("tags", ())),
            author=record.get("author"), section=record.get("section"))
        assert rebuilt == original
        assert (corpus_site / record["url"] / "index.html").exists()
        assert set(record) <= {f.name for f in schema.BRIEFING_FIELDS} | {"id", "url"}
    actors = json.loads((corpus_site / "data/actors.json").read_text())["actors"]
    assert {a["id"] for a in actors} == set(archive.registry.actors)
    for a in actors:
        actor = archive.registry.actors[a["id"]]
        assert a["name"] == actor.name and a["kind"] == actor.kind and a.get("country") == actor.country
    rows = (corpus_site / "data/co_mentions.csv").read_text().splitlines()
    assert rows[0] == "actor,other_actor,count,first,last,weight"
    first = rows[1].split(",")
    together = [b for b in archive.briefings if first[0] in b.actors and first[1] in b.actors]
    assert int(first[2]) == len(together)
    assert first[3] == min(b.date for b in together).isoformat()
    assert first[4] == max(b.date for b in together).isoformat()
    assert float(first[5]) == pytest.approx(sum(1 / (len(set(b.actors)) - 1) for b in together), abs=1e-4)


def test_structured_data_on_pages(corpus_site: Path) -> None:
    briefing = next((corpus_site / "briefings").glob("*/index.html")).read_text()
    start = briefing.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    data = json.loads(briefing[start:briefing.index("</script>", start)])
    assert data["@type"] == "NewsArticle" and data["headline"] and data["datePublished"]
    assert "sitemap.xml" in {p.name for p in corpus_site.iterdir()}


def test_renamed_ids_redirect(archive_copy: Path, tmp_path: Path) -> None:
    actors = archive_copy / "briefings/registry/actors.yml"
    actors.write_text(
        actors.read_text().replace(
            "  role: Prime Minister of Borovia\n",
            "  role: Prime Minister of Borovia\n  former_ids: [t-vey]\n",
        )
    )
    briefing = archive_copy / "briefings/2024/02/2024-02-09-assembly-debates-river-treaty.md"
    briefing.write_text(
        briefing.read_text().replace(
            "section: Politics\n", "section: Politics\nformer_ids: [2024-02-09-assembly-debate]\n"
        )
    )
    site = tmp_path / "site"
    assert mkdocs_build(archive_copy, site).returncode == 0
    old_actor = (site / "actors/t-vey/index.html").read_text()
    assert 'content="0; url=../tomas-vey/"' in old_actor
    old_briefing = (site / "briefings/2024-02-09-assembly-debate/index.html").read_text()
    assert 'href="../2024-02-09-assembly-debates-river-treaty/"' in old_briefing
    assert broken_links(site) == []


def test_former_id_may_not_hide_a_current_one(archive_copy: Path) -> None:
    from site_builder.pipeline import check

    actors = archive_copy / "briefings/registry/actors.yml"
    actors.write_text(
        actors.read_text().replace(
            "  role: Prime Minister of Borovia\n",
            "  role: Prime Minister of Borovia\n  former_ids: [mara-lind]\n",
        )
    )
    messages = [d.message for d in check(Layout.at(archive_copy)).diagnostics]
    assert messages == ["former id 'mara-lind' of actor 'tomas-vey' is the id of another actor"]


def test_explicit_links_and_first_mentions(archive_copy: Path) -> None:
    path = archive_copy / "briefings/2024/02/2024-02-09-assembly-debates-river-treaty.md"
    path.write_text(path.read_text().replace(
        "The Aurelian Assembly debated the draft treaty for six hours.",
        "The Aurelian Assembly debated it. Mara Lind spoke; Lind spoke again.\n\n"
        "See [[river-accord-talks-2024]], [[Tomas Vey|the Borovian leader]] and `[[not-a-link]]`."))
    site = build_site(Layout.at(archive_copy))
    pages = {s.src_uri: p.html for s, p in site.sources()}
    page = pages["briefings/2024-02-09-assembly-debates-river-treaty.md"]
    assert '<a class="ba-mention" href="../../actors/aurelian-assembly/">Aurelian Assembly</a>' in page
    assert page.count('href="../../actors/mara-lind/"') == 2  # chip + first mention only
    assert '<a class="ba-mention" href="../../events/river-accord-talks-2024/">River Accord talks</a>' in page
    assert '<a class="ba-mention" href="../../actors/tomas-vey/">the Borovian leader</a>' in page
    assert "<code>[[not-a-link]]</code>" in page


def test_mention_links_can_be_switched_off(archive_copy: Path) -> None:
    path = archive_copy / "briefings/2024/02/2024-02-09-assembly-debates-river-treaty.md"
    path.write_text(
        path.read_text().replace("section: Politics\n", "section: Politics\nlink_mentions: false\n")
    )
    site = build_site(Layout.at(archive_copy))
    pages = {s.src_uri: p.html for s, p in site.sources()}
    page = pages["briefings/2024-02-09-assembly-debates-river-treaty.md"]
    assert "ba-mention" not in page


def test_unknown_link_target_is_a_check_error(archive_copy: Path) -> None:
    from site_builder.pipeline import check

    path = archive_copy / "briefings/2024/02/2024-02-09-assembly-debates-river-treaty.md"
    path.write_text(path.read_text() + "\nAs [[tomas-vay]] said.\n")
    diagnostics = check(Layout.at(archive_copy)).diagnostics
    assert [str(d) for d in diagnostics] == [
        (
            "briefings/2024/02/2024-02-09-assembly-debates-river-treaty.md:12: "
            "unknown link target 'tomas-vay' in [[tomas-vay]] (did you mean 'tomas-vey'?)"
        )
    ]
