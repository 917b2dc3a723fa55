"""Search end to end: Pagefind indexes the built fixture site; a reader queries, filters and opens a result."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def titles(page: Any) -> list[str]:
    return page.locator(".ba-search__result > a").all_inner_texts()


def test_index_is_written_with_fragments_per_page(fixture_archive_site: Path) -> None:
    assert (fixture_archive_site / "pagefind" / "pagefind.js").exists()
    assert len(list((fixture_archive_site / "pagefind" / "fragment").iterdir())) >= 10


def test_query_filter_and_open_a_result(browser: Any, serve: Any, fixture_archive_site: Path) -> None:
    base = serve(fixture_archive_site)
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + "search/?q=river")
    page.wait_for_selector(".ba-search__result")
    found = titles(page)
    assert {"River talks open in Port Aster", "River talks end without an accord",
            "Assembly debates river treaty"} <= set(found)
    page.select_option("select[name=kind]", value="Briefing")
    page.select_option("select[name=actor]", value="Tomas Vey")
    page.wait_for_function("document.querySelectorAll('.ba-search__result').length == 2")
    assert set(titles(page)) == {"River talks open in Port Aster", "River talks end without an accord"}
    assert "actor=Tomas+Vey" in page.url and "kind=Briefing" in page.url  # the filtered search can be shared
    page.select_option("select[name=sort]", value="asc")
    page.wait_for_function("document.querySelector('.ba-search__result > a').textContent.startsWith('River talks open')")
    meta = page.locator(".ba-search__result .ba-item__meta").first.inner_text()
    assert "2024-01-15" in meta and "The Harbour Times" in meta
    page.locator(".ba-search__result > a").first.click()
    page.wait_for_url("**/briefings/2024-01-15-river-talks-open-in-port-aster/")
    assert errors == []
    page.close()


def test_actor_page_ranks_first_for_its_name(browser: Any, serve: Any, fixture_archive_site: Path) -> None:
    base = serve(fixture_archive_site)
    page = browser.new_page()
    page.goto(base + "search/?q=Tomas%20Vey")
    page.wait_for_selector(".ba-search__result")
    assert titles(page)[0] == "Tomas Vey"
    page.close()


def test_header_box_leads_to_the_search_page(browser: Any, serve: Any, fixture_archive_site: Path) -> None:
    base = serve(fixture_archive_site)
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(base + "actors/")
    page.get_by_role("searchbox", name="Search the archive").fill("border")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=border")
    page.wait_for_selector(".ba-search__result")
    assert "Borovia holds border exercise" in titles(page)
    page.close()


def test_bundle_rewrite_is_stable_and_lossless(tmp_path: Path, fixture_archive_site: Path) -> None:
    """Two Pagefind runs over the same pages give the same bundle once canonicalised."""
    import shutil
    import subprocess
    import sys

    from site_builder.search import BUNDLE, ROOT, _read, canonicalise_bundle

    bundles = []
    for name in ("a", "b"):
        site = tmp_path / name
        shutil.copytree(fixture_archive_site, site, ignore=shutil.ignore_patterns(BUNDLE))
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--root-selector", ROOT,
                        "--silent"], check=True)
        raw = {p.name: _read(p)[1] for p in (site / BUNDLE / "filter").iterdir()}  # value lists as written
        canonicalise_bundle(site / BUNDLE)
        bundles.append((site / BUNDLE, raw))
    (first, raw_first), (second, _) = bundles
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel
    rewritten = {p.name: _read(p)[1] for p in (first / "filter").iterdir()}
    as_sets = lambda values: {(v, tuple(sorted(pages))) for v, pages in values}
    assert sorted(sorted(as_sets(v)) for v in raw_first.values()) == sorted(
        sorted(as_sets(v)) for v in rewritten.values())
