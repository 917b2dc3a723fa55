"""End to end in headless Chromium: a reader clicks through the built site."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import mkdocs_build

pytestmark = pytest.mark.browser


def watch(page: Any) -> list[str]:
    """Collect console errors, uncaught exceptions and dialogs on a page."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    return problems


def test_home_to_briefing_to_actor_to_other_briefing(browser: Any, serve: Any, seed_site: Path) -> None:
    base = serve(seed_site)
    page = browser.new_page()
    problems = watch(page)
    page.goto(base)
    page.get_by_role(
        "link", name="China and North Korea agree to resist ‘hegemony’, Foreign Ministry says"
    ).first.click()
    page.wait_for_url("**/briefings/2025-09-28-china-and-north-korea-agree-to-resist-hegemony/")
    assert page.locator("h1").first.inner_text().startswith("China and North Korea agree")
    page.locator(".ba-chips").get_by_role("link", name="Kim Jong Un").click()
    page.wait_for_url("**/actors/kim-jong-un/")
    assert page.locator("h1").first.inner_text() == "Kim Jong Un"
    page.get_by_role("link", name="North Korea vows to develop China ties to 'new high'").first.click()
    page.wait_for_url("**/briefings/2023-07-28-north-korea-vows-to-develop-china-ties-to-new-high/")
    assert "Li Hongzhong" in page.locator(".ba-chips").inner_text()
    assert problems == []
    page.close()


def test_hostile_title_never_runs_in_the_browser(browser: Any, serve: Any, archive_copy: Path,
                                                 tmp_path: Path) -> None:
    path = archive_copy / "briefings/2024/01/2024-01-15-river-talks-open-in-port-aster.md"
    path.write_text(path.read_text().replace("title: River talks open in Port Aster",
                                             "title: <img src=x onerror=alert(1)>"))
    site = tmp_path / "site"
    assert mkdocs_build(archive_copy, site).returncode == 0
    base = serve(site)
    page = browser.new_page()
    problems = watch(page)
    shown = 0
    for html in sorted(site.rglob("index.html")):
        page.goto(base + str(html.parent.relative_to(site)).removeprefix(".") + "/")
        shown += page.get_by_text("<img src=x onerror=alert(1)>").count() > 0
    assert shown >= 8
    assert [p for p in problems if p.startswith(("dialog", "pageerror"))] == []
    page.close()


def test_event_to_outlet_to_actor_statement_to_briefing(browser: Any, serve: Any, seed_site: Path) -> None:
    base = serve(seed_site)
    page = browser.new_page()
    problems = watch(page)
    page.goto(base + "events/wang-yi-choe-son-hui-talks-2025/")
    page.locator("table.ba-coverage").get_by_role("link", name="Al Jazeera").click()
    page.wait_for_url("**/outlets/al-jazeera/")
    page.get_by_role("table", name="Actors it names most, by share of its briefings").get_by_role(
        "link", name="Choe Son Hui").click()
    page.wait_for_url("**/actors/choe-son-hui/")
    statement = page.locator(".ba-quotes figure").first
    assert "North Korea strongly supports these initiatives" in statement.inner_text()
    statement.get_by_role(
        "link", name="China and North Korea agree to resist ‘hegemony’, Foreign Ministry says"
    ).click()
    page.wait_for_url("**/briefings/2025-09-28-china-and-north-korea-agree-to-resist-hegemony/")
    assert problems == []
    page.close()


def test_charts_render_on_a_phone(browser: Any, serve: Any, seed_site: Path) -> None:
    base = serve(seed_site)
    page = browser.new_page(viewport={"width": 375, "height": 812}, is_mobile=True)
    page.goto(base + "actors/kim-jong-un/")
    for selector in (".ba-activity", ".ba-ego"):
        box = page.locator(selector).bounding_box()
        assert box is not None and 0 < box["width"] <= 375, selector
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scrolling
    page.close()
