"""Search end to end: Pagefind indexes the built fixture site; a reader queries, filters and opens a result.

The browser tests run twice: on the site as built (one bundle) and on a copy indexed in parts of two
pages, where the search page merges the parts and reads date-sorted results part by part.
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path
from typing import Any

import pytest

from site_builder.search import BUNDLE, FIRST_PAGES, index_site
from site_builder.search.canonical import canonicalise_bundle

from .conftest import CORPUS, FIXTURE_ARCHIVE, archive_dates

pytestmark = pytest.mark.browser


def titles(page: Any) -> list[str]:
    return page.locator(".ba-search__result > a").all_inner_texts()


def open_filters(page: Any) -> None:
    """Open the filters as a reader does (focus one), and wait until they hold values and counts."""
    page.locator("select[name=kind]").focus()
    page.wait_for_selector(".ba-search__filters:not([aria-busy])")


def filter_files(page: Any, run: Any) -> list[str]:
    """The Pagefind filter files, and facets.json, that the page requests while ``run()`` runs."""
    read: list[str] = []
    page.on("request", lambda r: read.append(r.url) if "/filter/" in r.url or r.url.endswith("facets.json")
            else None)
    run()
    return read


def results(browser: Any, base: str, query: str) -> Any:
    """A new page on the search page for ``query`` (a URL query string), once results show."""
    page = browser.new_page()
    results_on(page, base + "search/?q=" + query)
    return page


def results_on(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".ba-search__result")


def indexed_in_parts(factory: pytest.TempPathFactory, built: Path, project: Path, name: str,
                     part_size: int, first_pages: int = FIRST_PAGES) -> Path:
    """A copy of a built site, its search index rebuilt in parts of ``part_size`` pages."""
    site = factory.mktemp(name) / "site"
    shutil.copytree(built, site, ignore=shutil.ignore_patterns(BUNDLE))
    index_site(site, archive_dates(project), part_size=part_size, first_pages=first_pages)
    return site


@pytest.fixture(scope="session")
def parted_fixture_site(tmp_path_factory: pytest.TempPathFactory, fixture_archive_site: Path) -> Path:
    """The fixture site indexed in parts of two pages: several parts, each holding some river briefings."""
    return indexed_in_parts(tmp_path_factory, fixture_archive_site, FIXTURE_ARCHIVE, "parted", 2)


@pytest.fixture(params=["whole", "parts"])
def search_site(request: pytest.FixtureRequest) -> Path:
    """The fixture site with one search bundle, then with the bundle in parts."""
    name = "fixture_archive_site" if request.param == "whole" else "parted_fixture_site"
    site: Path = request.getfixturevalue(name)
    return site


def test_index_is_written_with_fragments_per_page(fixture_archive_site: Path) -> None:
    assert (fixture_archive_site / "pagefind" / "pagefind.js").exists()
    assert len(list((fixture_archive_site / "pagefind" / "fragment").iterdir())) >= 10


def test_query_filter_and_open_a_result(browser: Any, serve: Any, search_site: Path) -> None:
    base = serve(search_site)
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + "search/?q=river")
    page.wait_for_selector(".ba-search__result")
    found = titles(page)
    assert {"River talks open in Port Aster", "River talks end without an accord",
            "Assembly debates river treaty"} <= set(found)
    open_filters(page)
    page.select_option("select[name=kind]", value="Briefing")
    page.fill("input[name=actor]", "Tomas Vey")
    page.locator("input[name=actor]").press("Tab")  # leave the field: its list of names closes
    page.wait_for_function("() => document.querySelectorAll('.ba-search__result').length == 2")
    assert set(titles(page)) == {"River talks open in Port Aster", "River talks end without an accord"}
    assert "actor=Tomas+Vey" in page.url and "kind=Briefing" in page.url  # the filtered search can be shared
    page.select_option("select[name=sort]", value="asc")
    page.wait_for_function("() => document.querySelector('.ba-search__result > a').textContent"
                           ".startsWith('River talks open')")
    meta = page.locator(".ba-search__result .ba-item__meta").first.inner_text()
    assert "2024-01-15" in meta and "The Harbour Times" in meta
    page.locator(".ba-search__result > a").first.click()
    page.wait_for_url("**/briefings/2024-01-15-river-talks-open-in-port-aster/")
    assert errors == []
    page.close()


def test_actor_page_ranks_first_for_its_name(browser: Any, serve: Any, search_site: Path) -> None:
    base = serve(search_site)
    page = results(browser, base, "Tomas%20Vey")
    assert titles(page)[0] == "Tomas Vey"
    page.close()


def test_header_box_leads_to_the_search_page(browser: Any, serve: Any, search_site: Path) -> None:
    base = serve(search_site)
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(base + "actors/")
    page.get_by_role("searchbox", name="Search the archive").fill("border")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=border")
    page.wait_for_selector(".ba-search__result")
    assert "Borovia holds border exercise" in titles(page)
    page.close()


def test_bundle_rewrite_is_stable_and_lossless(tmp_path: Path, fixture_archive_site: Path) -> None:
    """Two Pagefind runs over the same pages give the same bundle once canonicalised, and cbor2 re-encodes
    every index file Pagefind wrote to the very same bytes."""
    from site_builder.search.bundle import write_bundles
    from site_builder.search.pfcodec import decode, encode, read
    from site_builder.search.plan import html_pages

    bundles = []
    for name in ("a", "b"):
        site = tmp_path / name
        shutil.copytree(fixture_archive_site, site, ignore=shutil.ignore_patterns(BUNDLE))
        write_bundles(site, [(sorted(html_pages(site)), site / BUNDLE)])
        written = [p for p in (site / BUNDLE).rglob("*")
                   if p.suffix in (".pf_meta", ".pf_filter", ".pf_index")]
        assert len(written) >= 5
        for path in written:
            raw = gzip.decompress(path.read_bytes())
            assert encode(decode(raw)) == raw, path.name  # the round trip changes no byte
        # the value lists as written
        raw_filters = {p.name: read(p)[1] for p in (site / BUNDLE / "filter").iterdir()}
        canonicalise_bundle(site / BUNDLE)
        bundles.append((site / BUNDLE, raw_filters))
    (first, raw_first), (second, _) = bundles
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel
    rewritten = {p.name: read(p)[1] for p in (first / "filter").iterdir()}
    as_sets = lambda values: {(v, tuple(sorted(pages))) for v, pages in values}
    assert sorted(sorted(as_sets(v)) for v in raw_first.values()) == sorted(
        sorted(as_sets(v)) for v in rewritten.values())


@pytest.fixture(scope="session")
def parted_corpus_site(tmp_path_factory: pytest.TempPathFactory, corpus_site: Path) -> Path:
    """The synthetic corpus (36 briefings) indexed in parts of five pages."""
    return indexed_in_parts(tmp_path_factory, corpus_site, CORPUS, "parted-corpus", 5)


def _results(page: Any, url: str) -> tuple[str, list[str]]:
    """The status line and the metadata line (kind · date · outlet) of each shown result."""
    page.goto(url)
    page.wait_for_selector(".ba-search__result")
    return (page.locator(".ba-search__status").inner_text(),
            page.locator(".ba-search__result .ba-item__meta").all_inner_texts())


@pytest.mark.parametrize("query", ["search/?q=talks&sort=desc", "search/?q=talks&sort=asc",
                                   "search/?kind=Briefing&sort=desc", "search/?kind=Briefing&sort=asc"])
def test_date_sort_runs_across_parts(browser: Any, serve: Any, corpus_site: Path, parted_corpus_site: Path,
                                     query: str) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    whole_status, whole = _results(page, serve(corpus_site) + query)
    parts_status, parted = _results(page, serve(parted_corpus_site) + query)
    assert len(parted) == 10 and "showing the first 10" in parts_status  # ten at first
    assert parts_status == whole_status
    for shown in (20, 30):  # the next ten from the same results, as often as the reader asks
        page.get_by_role("button", name="Show more results").click()
        page.wait_for_function(f"() => document.querySelectorAll('.ba-search__result').length == {shown}")
        assert f"showing the first {shown}" in page.locator(".ba-search__status").inner_text()
        assert page.evaluate("() => document.activeElement.closest('.ba-search__result') === "
                             f"document.querySelectorAll('.ba-search__result')[{shown - 10}]")
    parted = page.locator(".ba-search__result .ba-item__meta").all_inner_texts()
    dates = [meta.split(" · ")[1] for meta in parted]
    assert dates == sorted(dates, reverse=query.endswith("desc"))  # the page fills from several parts
    page.goto(serve(corpus_site) + query)
    page.wait_for_selector(".ba-search__result")
    while page.locator(".ba-search__next").is_visible():
        count = page.locator(".ba-search__result").count()
        page.get_by_role("button", name="Show more results").click()
        page.wait_for_function(f"() => document.querySelectorAll('.ba-search__result').length > {count}")
    whole = page.locator(".ba-search__result .ba-item__meta").all_inner_texts()
    assert dates == [meta.split(" · ")[1] for meta in whole][:30]
    hrefs = page.eval_on_selector_all(".ba-search__result > a",
                                      "links => links.map(a => a.getAttribute('href'))")
    assert all(href.startswith("/briefings/") for href in hrefs)  # merged parts link like the main bundle
    assert errors == []
    page.close()


def test_parts_work_under_a_base_path(browser: Any, serve: Any, tmp_path: Path,
                                      parted_fixture_site: Path) -> None:
    """A site published in a subfolder (a project site): results from every part link inside it."""
    (tmp_path / "repo").symlink_to(parted_fixture_site)
    page = browser.new_page()
    page.goto(serve(tmp_path) + "repo/search/?q=river&sort=desc")
    page.wait_for_function("() => document.querySelectorAll('.ba-search__result').length == 3")
    hrefs = page.eval_on_selector_all(".ba-search__result > a",
                                      "links => links.map(a => a.getAttribute('href'))")
    assert hrefs == ["/repo/briefings/2024-02-09-assembly-debates-river-treaty/",
                     "/repo/briefings/2024-01-17-river-talks-end-without-accord/",
                     "/repo/briefings/2024-01-15-river-talks-open-in-port-aster/"]
    page.locator(".ba-search__result > a").first.click()
    page.wait_for_url("**/repo/briefings/2024-02-09-assembly-debates-river-treaty/")
    page.close()


def test_filter_counts_are_the_same_in_parts(browser: Any, serve: Any, corpus_site: Path,
                                             parted_corpus_site: Path) -> None:
    page = browser.new_page()
    options = []
    for site in (corpus_site, parted_corpus_site):
        page.goto(serve(site) + "search/")
        page.wait_for_function("() => document.querySelector('#ba-actor-list').options.length > 1")
        options.append({name: page.locator(f"select[name={name}] option").all_inner_texts()
                        for name in ("kind", "outlet", "year")})
        for name in ("actor", "event"):
            options[-1][name] = page.eval_on_selector_all(f"#ba-{name}-list option",
                                                          "os => os.map(o => o.textContent)")
    assert options[0] == options[1]
    assert "Briefing (36)" in options[1]["kind"]
    page.close()


def status_after(page: Any, before: str) -> str:
    page.wait_for_function("b => document.querySelector('.ba-search__status').textContent !== b", arg=before)
    return str(page.locator(".ba-search__status").inner_text())


def test_filter_counts_follow_the_query(browser: Any, serve: Any, beat_site: Path) -> None:
    base = serve(beat_site)
    page = browser.new_page()
    # a query alone reads no filter file: the counts are read once the reader opens the filters
    assert filter_files(page, lambda: results_on(page, base + "search/?q=weir")) == []
    assert page.locator("select[name=kind] option").all_inner_texts() == ["Any"]
    assert filter_files(page, lambda: open_filters(page))
    weir = page.locator("select[name=kind] option").all_inner_texts()
    outlets = page.locator("select[name=outlet] option").all_inner_texts()
    results_on(page, base + "search/?q=grain")
    open_filters(page)
    grain = page.locator("select[name=kind] option").all_inner_texts()
    assert weir != grain
    briefings = int(next(o for o in weir if o.startswith("Briefing")).split("(")[1].rstrip(")"))
    assert briefings == 5  # the five briefings about the weir, not all 34
    assert "Velgrad Today (1)" in outlets and "The Kestrel Post (0)" in outlets
    page.close()


def test_typed_actor_and_month_range(browser: Any, serve: Any, beat_site: Path) -> None:
    base = serve(beat_site)
    page = results(browser, base, "water")
    before = str(page.locator(".ba-search__status").inner_text())
    page.fill("input[name=actor]", "hana quill")  # any case
    status_after(page, before)
    assert "actor=hana+quill" in page.url
    page.wait_for_function("() => document.querySelector('.ba-search__status').textContent === '4 results'")
    page.goto(base + "search/?q=water&actor=Hana+Quill&from=2024-09&to=2024-12")
    page.wait_for_function("() => document.querySelector('.ba-search__status').textContent === '1 result'")
    assert titles(page) == ["Kolev secures farmers' quota in Lake Orme draft"]
    assert page.input_value("input[name=from]") == "2024-09"
    page.fill("input[name=actor]", "Nobody Atall")
    page.locator("input[name=actor]").dispatch_event("change")
    page.wait_for_function("() => document.querySelector('.ba-search__status').textContent"
                           ".startsWith('No actor called')")
    page.close()


def test_excerpts_come_from_the_article(browser: Any, serve: Any, beat_site: Path) -> None:
    base = serve(beat_site)
    page = results(browser, base, "Halden&kind=Briefing")
    excerpts = page.locator(".ba-search__excerpt").all_inner_texts()
    assert len(excerpts) >= 2
    for text in excerpts:
        assert "Actors named" not in text and " · " not in text  # no chips, no dateline
    page.close()


def test_misspelt_query_suggests_close_names(browser: Any, serve: Any, beat_site: Path) -> None:
    base = serve(beat_site)
    page = browser.new_page()
    page.goto(base + "search/?q=Halvic")
    page.wait_for_selector(".ba-search__suggest:not([hidden])")
    assert page.locator(".ba-search__status").inner_text() == "0 results"
    assert page.locator(".ba-search__suggest a").all_inner_texts() == ["Petra Halvik"]
    page.goto(base + "search/?q=Sarrto")
    page.wait_for_selector(".ba-search__suggest:not([hidden])")
    assert page.locator(".ba-search__suggest a").all_inner_texts() == ["Emil Sarto"]
    page.locator(".ba-search__suggest a").click()
    page.wait_for_selector(".ba-search__result")
    assert titles(page)[0] == "Emil Sarto"
    page.close()
