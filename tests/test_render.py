"""Page generation: golden files for every page kind, and escaping of every untrusted value."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from site_builder.core.load import Layout
from site_builder.core.pages import PageSpec, plan_pages
from site_builder.pipeline import Site, build_site, check

from .conftest import FIXTURE_ARCHIVE

GOLDEN_PAGES = [
    "index.md", "actors/index.md", "events/index.md", "outlets/index.md", "timeline/index.md",
    "timeline/2024.md", "briefings/2024-01-15-river-talks-open-in-port-aster.md", "actors/tomas-vey.md",
    "events/river-accord-talks-2024.md", "outlets/velgrad-today.md", "timeline/2024/01.md", "network.md",
]


def fixture_site() -> Site:
    return build_site(Layout.at(FIXTURE_ARCHIVE))


def test_planned_pages_are_sorted_and_complete() -> None:
    site = fixture_site()
    uris = [spec.src_uri for spec in site.pages]
    assert uris == sorted(uris)
    assert "briefings/2024-03-05-draft-note-on-talks.md" not in uris  # drafts are not published
    assert {u.split("/")[0] for u in uris} == {"index.md", "network.md", "compare.md", "search.md", "actors",
                                               "events", "outlets", "briefings", "timeline"}
    assert len([u for u in uris if u.startswith("actors/")]) == 6 + 1


@pytest.mark.parametrize("src_uri", GOLDEN_PAGES)
def test_golden_pages(src_uri: str, golden: Callable[[str, str], None]) -> None:
    site = fixture_site()
    spec = next(s for s in site.pages if s.src_uri == src_uri)
    golden(src_uri, site.renderer.render(spec).document())


_DIGEST = """
import hashlib, sys
from site_builder.core.load import Layout
from site_builder.pipeline import build_site
digest = hashlib.sha256()
from pathlib import Path
for _spec, page in build_site(Layout.at(Path(sys.argv[1]))).sources():
    digest.update(page.document().encode())
print(digest.hexdigest())
"""


def test_rendering_is_deterministic() -> None:
    """Two processes with different string hashing (so different set and dict orders) give the same pages."""
    command = [sys.executable, "-c", _DIGEST, str(FIXTURE_ARCHIVE)]
    digests = {subprocess.run(command, capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2")}
    assert len(digests) == 1 and len(digests.pop()) == 65


PAYLOAD = "<img src=x onerror=alert(1)>"


def hostile_site() -> Site:
    """The fixture archive with script-bearing values put straight into the model, bypassing every check."""
    site = fixture_site()
    index = site.index
    reg = index.registry
    bid = "2024-01-15-river-talks-open-in-port-aster"
    briefing = dataclasses.replace(
        index.by_id[bid], title=PAYLOAD, summary='"><script>alert(2)</script>',
        author="<b onmouseover=alert(3)>",
        source_url="javascript:alert(4)", section="</section><script>alert(5)</script>",
        tags=("<svg/onload=alert(6)>",), body="Hi <script>alert(7)</script> [x](javascript:alert(8))\n")
    index.by_id[bid] = briefing
    for table in (index.briefings, *index.by_actor.values(), *index.by_year.values(),
                  *index.by_outlet.values(),
                  *index.by_event.values()):
        table[:] = [briefing if b.id == bid else b for b in table]
    reg.actors["tomas-vey"] = dataclasses.replace(reg.actors["tomas-vey"],
                                                  name="Tom<script>alert(9)</script>",
                                                  aliases=("'onfocus=alert(10) autofocus '",),
                                                  wikidata='Q1" onclick="alert(11)')
    reg.outlets["harbour-times"] = dataclasses.replace(reg.outlets["harbour-times"], name="<i>Harbour</i>",
                                                       affiliation="<iframe src=javascript:alert(12)>")
    reg.events["river-accord-talks-2024"] = dataclasses.replace(reg.events["river-accord-talks-2024"],
                                                                place="<style>*{display:none}</style>")
    site.pages = plan_pages(index)
    return site


JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def test_untrusted_values_never_become_markup() -> None:
    for spec, page in hostile_site().sources():
        source = page.document()
        for block in JSON_LD.findall(source):
            assert "<" not in block and ">" not in block, spec.src_uri
            json.loads(block)
        search_script = '<script src="../assets/archive/search.js" defer></script>'
        source = JSON_LD.sub("", source).replace(search_script, "")
        for needle in ("<img", "<script", "<b ", "<svg/", "<i>", "<iframe", "<style", 'href="javascript',
                       "onclick=\"", "'onfocus"):
            assert needle not in source, f"{spec.src_uri} contains {needle!r}"


def test_untrusted_title_is_shown_as_text() -> None:
    site = hostile_site()
    sources = {spec.src_uri: page.document() for spec, page in site.sources()}
    briefing = sources["briefings/2024-01-15-river-talks-open-in-port-aster.md"]
    assert "title: '&lt;img src=x onerror=alert(1)&gt;'" in briefing  # theme <title> and header
    assert "<h1>&lt;img src=x onerror=alert(1)&gt;</h1>" in briefing
    assert "Original article: javascript:alert(4)" in briefing  # shown, not linked
    for page in ("index.md", "actors/mara-lind.md", "outlets/harbour-times.md", "timeline/2024.md",
                 "events/river-accord-talks-2024.md"):
        assert "&lt;img src=x onerror=alert(1)&gt;" in sources[page], page


def test_body_raw_html_and_bad_links_are_text() -> None:
    site = hostile_site()
    spec = PageSpec("briefings/2024-01-15-river-talks-open-in-port-aster.md", "briefing", PAYLOAD,
                    "2024-01-15-river-talks-open-in-port-aster")
    source = site.renderer.render(spec).html
    assert "Hi &lt;script&gt;alert(7)&lt;/script&gt; <span>x</span>" in source
    assert "javascript:alert(8)" not in source


def test_front_matter_is_valid_yaml_with_escaped_title(tmp_path: Path) -> None:
    import yaml

    site = hostile_site()
    for spec, page in site.sources():
        meta = yaml.safe_load(page.front_matter().split("---\n")[1])
        assert "<" not in meta["title"], spec.src_uri


def test_parallel_rendering_gives_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    from site_builder import parallel, pipeline

    monkeypatch.setattr(pipeline, "PARALLEL_MIN_PAGES", 1)
    monkeypatch.setattr(parallel, "CHUNK", 3)
    serial = list(fixture_site().outputs(workers=1))
    parallel = list(fixture_site().outputs(workers=2))
    assert [path for path, _ in parallel] == [path for path, _ in serial]
    assert parallel == serial


@pytest.mark.parametrize("workers", [1, 2])
def test_a_build_that_parses_bodies_as_it_renders_them_renders_the_same_pages(workers: int) -> None:
    kept, late = fixture_site(), build_site(Layout.at(FIXTURE_ARCHIVE), parse_bodies=False, workers=workers)
    assert all(b.parsed is not None for b in kept.index.briefings)
    assert all(b.parsed is None for b in late.index.briefings)  # nothing parsed, nor held, when loading
    pages = [(s.src_uri, p.html) for s, p in kept.sources()]
    assert [(s.src_uri, p.html) for s, p in late.sources()] == pages
    assert not any(p.problems for _, p in late.sources())


def test_the_page_that_parses_a_body_reports_what_check_reports_of_it(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(FIXTURE_ARCHIVE, archive)
    path = archive / "briefings/2024/01/2024-01-15-river-talks-open-in-port-aster.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nSee <b>this</b> and [that](javascript:alert(1)).\n"
                    "\nAs [[nobody-known]] said.\n", encoding="utf-8")
    checked = check(Layout.at(archive))
    expected = [d for d in checked.diagnostics if d.path.endswith(path.name)]
    assert len(expected) == 3  # the raw HTML, the link and the unknown [[target]], each with its line
    assert "unknown link target 'nobody-known'" in str(expected[2])
    site = build_site(Layout.at(archive), parse_bodies=False)  # loading and check leave the body to the page
    found = [p.problems for s, p in site.sources() if s.src_uri == f"briefings/{path.name}"]
    assert found == [tuple(expected)]



def test_long_lists_show_the_newest_and_link_each_years_others_to_the_search(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An actor's timeline and statements and an outlet's briefings list the newest LISTED; each year's
    others are one link away, in the search filtered to that actor (or outlet) and year."""
    from urllib.parse import parse_qs, urlsplit

    from site_builder.core import render

    from .conftest import BEAT

    site = build_site(Layout.at(BEAT))
    monkeypatch.setitem(render._environment().globals, "LISTED", 2)

    def rendered(src_uri: str) -> str:
        return site.renderer.render(next(s for s in site.pages if s.src_uri == src_uri)).html

    def search_filters(href: str) -> dict[str, list[str]]:
        url = urlsplit(href.replace("&amp;", "&"))
        assert url.path == "../../search/"
        return parse_qs(url.query)

    kinds_seen: set[str] = set()
    for listed in (1, 2):  # the beat names Tomas Vey once in 2025 and eight times in 2024
        monkeypatch.setitem(render._environment().globals, "LISTED", listed)
        actor = rendered("actors/tomas-vey.md")
        named = site.index.by_actor["tomas-vey"]
        timeline = actor[actor.index(">Timeline</h2>"):actor.index(">Statements</h2>")]
        listed_ids = re.findall(r'<li><a href="../../briefings/([^/]+)/">', timeline)
        assert listed_ids == [b.id for b in named[:listed]]
        years = sorted({b.date.year for b in named}, reverse=True)
        shown = {year: sum(b.date.year == year for b in named[:listed]) for year in years}
        in_year = {year: sum(b.date.year == year for b in named) for year in years}
        assert re.findall(r'<h3 id="y(\d+)">', timeline) == [str(y) for y in years if shown[y]]
        others = re.findall(r'<p class="ba-more-link"><a href="([^"]+)">([^<]+)</a></p>', timeline)
        left = {y: in_year[y] - shown[y] for y in years}
        assert [text for _, text in others] == [
            f"The other {left[y]} briefing{'' if left[y] == 1 else 's'} of {y}, in search"
            for y in years if 0 < shown[y] < in_year[y]]
        earlier = re.findall(r'<a href="([^"]+)">(\d{4})</a> <span class="ba-count">(\d+)</span>', timeline)
        assert [(int(y), int(n)) for _, y, n in earlier] == [(y, in_year[y]) for y in years if not shown[y]]
        kinds_seen |= {"earlier"} if earlier else set()
        kinds_seen |= {"others"} if others else set()
        assert ("Earlier years, in search:" in timeline) == bool(earlier)
        for href, year in [(h, t.split(" of ")[1][:4]) for h, t in others] + [(h, y) for h, y, _ in earlier]:
            assert search_filters(href) == {"actor": ["Tomas Vey"], "year": [year], "kind": ["Briefing"],
                                            "sort": ["desc"]}
    assert kinds_seen == {"earlier", "others"}
    monkeypatch.setitem(render._environment().globals, "LISTED", 2)
    actor = rendered("actors/tomas-vey.md")
    statements = actor[actor.index(">Statements</h2>"):actor.index(">Mentioned with</h2>")]
    assert statements.count('<figure class="ba-quote">') == 2
    assert f"The 2 latest of {len(site.index.quotes_by_actor['tomas-vey'])} statements." in statements

    outlet = rendered("outlets/kestrel-post.md")
    name = site.index.registry.outlets["kestrel-post"].name
    from_outlet = site.index.by_outlet["kestrel-post"]
    assert len(re.findall(r'<li><a href="../../briefings/', outlet)) == 2 < len(from_outlet)
    assert f"The 2 latest of {len(from_outlet)}. Older briefings from {name}, by year, in search:" in outlet
    older = re.findall(r'<a href="(../../search/[^"]+)">(\d{4})</a>', outlet)
    assert [year for _, year in older] == [str(y) for y in sorted({b.date.year for b in from_outlet[2:]},
                                                                    reverse=True)]
    for href, year in older:
        assert search_filters(href) == {"outlet": [name], "year": [year], "kind": ["Briefing"],
                                        "sort": ["desc"]}
