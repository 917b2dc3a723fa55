"""A first query costs the same at any archive size: the search page merges only the newest part.

The corpus (36 briefings, 2015-2024) is indexed in parts of five briefings, and the search page
told to read at most five briefings for a query's first results (``first_pages``), as a large
archive is with parts of 500: one part of eight. Every request under ``pagefind/`` is recorded,
those of Pagefind's worker included, to show which parts a search read.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest

from site_builder.search import BUNDLE, FACETS, PARTS

from .conftest import CORPUS
from .test_search import indexed_in_parts, open_filters

pytestmark = pytest.mark.browser

PART_SIZE = 5


@pytest.fixture(scope="module")
def lazy_site(tmp_path_factory: pytest.TempPathFactory, corpus_site: Path) -> Path:
    """The corpus in parts of five, the first query reading one part."""
    return indexed_in_parts(tmp_path_factory, corpus_site, CORPUS, "lazy", PART_SIZE, first_pages=PART_SIZE)


@pytest.fixture(scope="module")
def eager_site(tmp_path_factory: pytest.TempPathFactory, corpus_site: Path) -> Path:
    """The same parts, the first query reading them all."""
    return indexed_in_parts(tmp_path_factory, corpus_site, CORPUS, "eager", PART_SIZE, first_pages=1000)


def listing(site: Path) -> list[dict[str, Any]]:
    parts: list[dict[str, Any]] = json.loads((site / BUNDLE / PARTS).read_text(encoding="utf-8"))["parts"]
    return parts


class Recorder:
    """A page that records every response under ``pagefind/``, and its path."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.page = browser.new_page()
        self.fetched: list[tuple[str, Any]] = []
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("response", self._record)

    def _record(self, response: Any) -> None:
        path = response.url.removeprefix(self.base).split("?")[0]
        if path.startswith(BUNDLE + "/"):
            self.fetched.append((path, response))

    def open(self, query: str) -> None:
        self.page.goto(self.base + "search/?" + query)
        self.page.wait_for_selector(".ba-search__result")

    def parts(self) -> set[str]:
        """The parts any file was read from."""
        return {m.group(1) for path, _ in self.fetched if (m := re.match(BUNDLE + r"/(part-\d+)/", path))}

    def bytes(self, under: str = "") -> int:
        return sum(len(response.body()) for path, response in self.fetched
                   if path.startswith(BUNDLE + "/" + under))

    def further(self, name: str = "Search older briefings") -> None:
        """Ask for the next parts, and wait until their results show."""
        note = self.page.locator(".ba-search__more")
        before = note.inner_text()
        note.get_by_role("button", name=name).click()
        self.page.wait_for_function("b => { const n = document.querySelector('.ba-search__more');"
                                    " return n.hidden || n.textContent !== b; }", arg=before)

    def status(self) -> str:
        """The status line once every result shows."""
        self.show_all()
        return str(self.page.locator(".ba-search__status").inner_text())

    def show_all(self) -> None:
        """Show every result of the search, ten more at a time as a reader asks for them.

        A search still running (a filter just changed) may replace the results meanwhile: the button
        is then pressed again on the new ones."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        press = ("() => { const next = document.querySelector('.ba-search__next');"
                 " if (next.hidden) return -1; next.querySelector('button').click();"
                 " return document.querySelectorAll('.ba-search__result').length; }")
        moved = ("s => document.querySelector('.ba-search__next').hidden"
                 " || document.querySelectorAll('.ba-search__result').length > s")
        for _ in range(100):
            shown = self.page.evaluate(press)
            if shown < 0:
                return
            try:
                self.page.wait_for_function(moved, arg=shown, timeout=5000)
            except PlaywrightTimeout:  # a newer search took the press: press again
                continue
        raise AssertionError("the results never all showed")

    def dates(self) -> list[str]:
        """The dates of the briefings among the search's results, every result shown."""
        self.show_all()
        metas = self.page.locator(".ba-search__result .ba-item__meta").all_inner_texts()
        return [meta.split(" · ")[1] for meta in metas if meta.startswith("Briefing")]


def test_first_query_reads_only_the_newest_part(browser: Any, serve: Any, lazy_site: Path,
                                                eager_site: Path) -> None:
    parts = listing(lazy_site)
    assert len(parts) == 8
    newest = parts[-1]
    lazy = Recorder(browser, serve(lazy_site))
    lazy.open("q=talks")
    assert lazy.parts() == {"part-8"}  # the newest part and the main bundle (undated pages), no other
    assert sum("/fragment/" in path for path, _ in lazy.fetched) == 10  # the shown results' only
    # filters not opened: neither the archive's values nor Pagefind's filter files, nor its worker
    assert not any(path.endswith(FACETS) or "/filter/" in path or "worker" in path
                   for path, _ in lazy.fetched)
    assert lazy.dates() and min(lazy.dates()) >= newest["first"]
    note = lazy.page.locator(".ba-search__more").inner_text()
    assert f"Searched the 5 newest of the 36 briefings that can match ({newest['first']} to " in note
    eager = Recorder(browser, serve(eager_site))
    eager.open("q=talks")
    assert len(eager.parts()) == 8
    eager.show_all()  # both with every result shown: the lazy page has fewer to show
    assert lazy.bytes() < eager.bytes() and len(lazy.fetched) < len(eager.fetched)
    assert lazy.bytes("part-") < eager.bytes("part-") / 4  # one part's files of eight
    # opened, the filters offer counts from what was read, for the briefings the note names
    open_filters(lazy.page)
    assert "Briefing (5)" in lazy.page.locator("select[name=kind] option").all_inner_texts()
    assert lazy.parts() == {"part-8"}
    assert lazy.errors == eager.errors == []
    eager.page.close()
    lazy.page.close()


def test_older_results_are_reachable_one_step_at_a_time(browser: Any, serve: Any, lazy_site: Path,
                                                        corpus_site: Path) -> None:
    whole = Recorder(browser, serve(corpus_site))
    whole.open("q=talks&sort=desc")
    lazy = Recorder(browser, serve(lazy_site))
    lazy.open("q=talks&sort=desc")
    assert lazy.parts() == {"part-8"}
    seen = [lazy.dates()]
    steps = 0
    while lazy.page.locator(".ba-search__more").is_visible():
        lazy.further()
        steps += 1
        assert lazy.parts() == {f"part-{n}" for n in range(8 - steps, 9)}  # one older part per step
        seen.append(lazy.dates())
    assert steps == 7
    assert lazy.status() == whole.status() and lazy.dates() == whole.dates()  # the whole archive, in order
    assert all(len(a) <= len(b) for a, b in itertools.pairwise(seen))
    assert lazy.errors == []
    whole.page.close()
    lazy.page.close()


def test_oldest_first_reads_the_oldest_part(browser: Any, serve: Any, lazy_site: Path) -> None:
    oldest = listing(lazy_site)[0]
    lazy = Recorder(browser, serve(lazy_site))
    lazy.open("q=talks&sort=asc")
    assert lazy.parts() == {"part-1"}
    assert lazy.dates()[0] == oldest["first"] and lazy.dates() == sorted(lazy.dates())
    assert lazy.page.get_by_role("button", name="Search later briefings").is_visible()
    lazy.page.close()


def test_a_month_range_reads_only_its_parts(browser: Any, serve: Any, lazy_site: Path) -> None:
    parts = listing(lazy_site)
    wanted = {f"part-{n}" for n, part in enumerate(parts, 1) if part["first"] <= "2016-12-31"
              and part["last"] >= "2015-01-01"}
    lazy = Recorder(browser, serve(lazy_site))
    lazy.open("q=talks&from=2015-01&to=2016-12")
    assert wanted == {"part-1", "part-2"}
    assert lazy.parts() == {"part-2"}  # the newest part of the range, none of the later ones
    assert all("2015" <= date < "2017" for date in lazy.dates())
    assert lazy.page.input_value("input[name=from]") == "2015-01"
    lazy.further()
    assert lazy.page.locator(".ba-search__more").is_hidden()
    assert lazy.parts() == wanted
    lazy.page.close()


def test_a_shared_filter_reads_only_the_parts_that_name_it(browser: Any, serve: Any, lazy_site: Path,
                                                          corpus_site: Path) -> None:
    """A deep link to an actor named only in older briefings finds them, reading just those parts."""
    facets = json.loads((lazy_site / BUNDLE / FACETS).read_text(encoding="utf-8"))["filters"]
    newest = len(listing(lazy_site))
    actor, entry = next((name, entry) for name, entry in sorted(facets["actor"].items())
                        if newest not in entry[1:] and len(entry) > 2)
    query = "actor=" + actor.replace(" ", "+")
    whole = Recorder(browser, serve(corpus_site))
    whole.open(query)
    lazy = Recorder(browser, serve(lazy_site))
    lazy.open(query)
    assert lazy.parts() <= {f"part-{n}" for n in entry[1:]} and lazy.parts()
    assert lazy.status() == whole.status() == f"{entry[0]} results"
    assert sorted(lazy.dates()) == sorted(whole.dates())
    # every value of the archive offered, with its count across all parts
    offered = lazy.page.eval_on_selector_all("#ba-actor-list option", "os => os.map(o => o.textContent)")
    assert f"{actor} ({entry[0]})" in offered and len(offered) == len(facets["actor"])
    whole.page.close()
    lazy.page.close()


def test_opening_the_filters_offers_every_value(browser: Any, serve: Any, lazy_site: Path,
                                                corpus_site: Path) -> None:
    facets = json.loads((lazy_site / BUNDLE / FACETS).read_text(encoding="utf-8"))["filters"]
    whole = Recorder(browser, serve(corpus_site))
    whole.open("q=talks&year=2015")
    lazy = Recorder(browser, serve(lazy_site))
    lazy.open("q=talks")
    years = lazy.page.locator("select[name=year] option").all_inner_texts()
    assert years == ["Any"]  # no value read until the filters are opened
    lazy.page.locator("select[name=year]").focus()
    lazy.page.wait_for_function(
        "n => document.querySelectorAll('select[name=year] option').length === n",
        arg=len(facets["year"]) + 1)
    lazy.page.select_option("select[name=year]", value="2015")
    lazy.page.wait_for_function("() => location.search.includes('year=2015')")
    # Results of 2015 only, and some: the list is empty for a moment while the new search runs.
    lazy.page.wait_for_function("() => (ms => ms.length > 0 && ms.every(m => !m.textContent.startsWith("
                                "'Briefing') || m.textContent.includes('2015-')))"
                                "([...document.querySelectorAll('.ba-search__result .ba-item__meta')])")
    holding = facets["year"]["2015"][1:]
    assert holding == [1, 2] and lazy.dates()
    assert lazy.parts() == {"part-8", "part-2"}  # read first, then the newer of the two holding 2015
    lazy.further()
    assert lazy.page.locator(".ba-search__more").is_hidden()
    assert lazy.parts() == {"part-8", "part-2", "part-1"}
    assert {date[:4] for date in lazy.dates()} == {"2015"}
    assert lazy.status() == whole.status() and lazy.dates() == whole.dates()
    whole.page.close()
    lazy.page.close()


def test_an_actor_pages_link_to_a_year_finds_that_actors_briefings_of_that_year(
        browser: Any, serve: Any, lazy_site: Path) -> None:
    """What an actor page links to for a year beyond its list (``render.LISTED``): in the search, every
    briefing of that year naming the actor, newest first, read from that year's parts only."""
    from urllib.parse import urlencode

    from site_builder.core.load import Layout
    from site_builder.pipeline import build_site

    index = build_site(Layout.at(CORPUS)).index
    actor_id, named = max(index.by_actor.items(), key=lambda item: (len(item[1]), item[0]))
    year = max({b.date.year for b in named}, key=lambda y: (sum(b.date.year == y for b in named), y))
    expected = sorted((b.date.isoformat() for b in named if b.date.year == year), reverse=True)
    assert len(expected) >= 2
    name = index.registry.actors[actor_id].name
    lazy = Recorder(browser, serve(lazy_site))
    lazy.open(urlencode({"year": year, "kind": "Briefing", "sort": "desc", "actor": name}))
    while lazy.page.locator(".ba-search__more").is_visible():
        lazy.further()
    assert lazy.dates() == expected
    facets = json.loads((lazy_site / BUNDLE / FACETS).read_text(encoding="utf-8"))["filters"]
    holding = facets["year"][str(year)]
    assert lazy.parts() <= {f"part-{n}" for n in holding[1:]}
    assert lazy.errors == []
    lazy.page.close()
