"""Graphs and pages measured in headless Chromium: labels never collide or leave the drawing,
and no page scrolls sideways on a phone."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from site_builder.core.charts import NETWORK_EDGES, NETWORK_NODES
from site_builder.core.index import strongest_ties
from site_builder.core.load import Layout
from site_builder.core.render import TIES_SHOWN
from site_builder.pipeline import build_site

from .conftest import BEAT, REPO, mkdocs_build

pytestmark = pytest.mark.browser

sys.path.insert(0, str(REPO / "bench"))
from generate import generate

#: For every graph on the page: its viewBox, and the box of every label in the drawing's units.
MEASURE = """() => [...document.querySelectorAll('svg.ba-network, svg.ba-ego, svg.ba-activity')].map(svg => ({
  box: svg.viewBox.baseVal && [svg.viewBox.baseVal.width, svg.viewBox.baseVal.height],
  labels: [...svg.querySelectorAll('text')].map(t => { const b = t.getBBox();
    return [t.textContent, b.x, b.y, b.x + b.width, b.y + b.height]; }),
}))"""


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2,000-briefing synthetic corpus of ``make bench``, built without search."""
    project = tmp_path_factory.mktemp("large") / "corpus"
    generate(2000, project, seed=42)
    site = tmp_path_factory.mktemp("large-site")
    result = mkdocs_build(project, site, env={"BRIEFINGS_SEARCH": "false"})
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def label_problems(page: Any) -> tuple[int, list[str]]:
    """How many labels the page's graphs have, and every overlap or edge crossing among them."""
    problems: list[str] = []
    count = 0
    for graph in page.evaluate(MEASURE):
        width, height = graph["box"]
        labels = graph["labels"]
        count += len(labels)
        for name, left, top, right, bottom in labels:
            if left < 0 or top < 0 or right > width or bottom > height:
                problems.append(f"{name!r} crosses the edge: {left:.0f},{top:.0f},{right:.0f},{bottom:.0f}")
        for i, (a, al, at, ar, ab) in enumerate(labels):
            for b, bl, bt, br, bb in labels[i + 1:]:
                if al < br and bl < ar and at < bb and bt < ab:
                    problems.append(f"{a!r} overlaps {b!r}")
    return count, problems


def check_graphs(browser: Any, base: str, paths: list[str]) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    found: list[str] = []
    for path in paths:
        page.goto(base + path)
        count, problems = label_problems(page)
        assert count >= 8, f"{path}: only {count} labels"
        found += [f"{path}: {p}" for p in problems]
    page.close()
    assert found == [], "\n".join(found)


def test_graph_labels_never_collide_on_the_beat(browser: Any, serve: Any, beat_site: Path) -> None:
    check_graphs(browser, serve(beat_site), ["network/", "actors/mara-lind/", "actors/ansel-roe/",
                                             "actors/aurelia/", "actors/borovia/"])


def test_graph_labels_never_collide_on_two_thousand_briefings(
    browser: Any, serve: Any, large_site: Path
) -> None:
    actors = sorted(p.name for p in (large_site / "actors").iterdir() if p.is_dir())
    check_graphs(browser, serve(large_site), ["network/", *(f"actors/{a}/" for a in actors[:6])])


def test_live_blog_does_not_make_its_names_hubs(beat_site: Path) -> None:
    index = build_site(Layout.at(BEAT)).index
    nodes, ties = strongest_ties(index, NETWORK_NODES, NETWORK_EDGES)
    assert {a for a, _ in nodes[:3]} <= {"aurelia", "borovia", "mara-lind", "tomas-vey", "dmitar-kolev"}
    live = index.by_id["2024-04-09-live-silt-river-summit-day-two"]
    only_live = {(a, b) for (a, b), pair in index.pairs.items() if pair.count == 1 and a in live.actors
                 and b in live.actors}
    assert len(only_live) > 500
    assert not only_live.intersection((a, b) for a, b, _ in ties[:TIES_SHOWN])
    network = (beat_site / "network" / "index.html").read_text()
    table = network[network.index("strongest ties of the whole archive"):]
    assert table[:table.index("</table>")].count("<tr>") == TIES_SHOWN + 1  # the rest are in the CSV
    assert "co_mentions.csv" in table


PHONE_PAGES = [
    "",
    "network/",
    "events/silt-river-summit-2024/",
    "actors/aurelia/",
    "outlets/velgrad-today/",
    "timeline/",
    "timeline/2024/",
    "timeline/2024/04/",
    "briefings/2024-04-09-live-silt-river-summit-day-two/",
    "search/?q=river",
]


def test_no_page_scrolls_sideways_on_a_phone(browser: Any, serve: Any, beat_site: Path) -> None:
    base = serve(beat_site)
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    wide = []
    for path in PHONE_PAGES:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wide.append(f"{path or 'home'}: {width}px")
    page.close()
    assert wide == []
