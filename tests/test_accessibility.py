"""axe-core in headless Chromium: no serious or critical violations on the seed site's page kinds.

Stock Material fails color-contrast (dimmed tabs, footer), aria-dialog-name (its search dialog) and
link-in-text-block. site_builder/outputs/static/a11y.css (appended to the archive's one stylesheet)
fixes the colours and links; the theme's search dialog is gone
(Pagefind's search page and a labelled header form replace it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser
from axe_playwright_python import sync_playwright as axe_module

PAGES = {
    "home": "",
    "briefing": "briefings/2025-09-28-china-and-north-korea-agree-to-resist-hegemony/",
    "actor": "actors/kim-jong-un/",
    "event": "events/kim-jong-un-visit-china-2025/",
    "outlet": "outlets/al-jazeera/",
    "actors": "actors/",
    "events": "events/",
    "outlets": "outlets/",
    "timeline": "timeline/",
    "year": "timeline/2025/",
    "month": "timeline/2025/09/",
    "search": "search/?q=Kim",
    "network": "network/",
    "compare": "compare/",
    # The hand-written pages (docs/): prose with links in lists and tables.
    "data": "data/",
    "about": "about/",
    "contributing": "contributing/",
    "data model": "data-model/",
}


def _serious(axe: Any, page: Any, kind: str) -> list[str]:
    found = []
    for violation in axe.run(page).response["violations"]:
        if violation["impact"] in ("serious", "critical"):
            targets = [n["target"] for n in violation["nodes"]][:3]
            found.append(f"{kind}: {violation['id']} ({violation['impact']}) at {targets}")
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_axe_violations(browser: Any, serve: Any, seed_site: Path, scheme: str) -> None:
    """Every page kind of the real archive, the hand-written pages among them, in both schemes."""
    base = serve(seed_site)
    axe = axe_module.Axe()
    page = browser.new_page(color_scheme=scheme)
    found: list[str] = []
    for kind, path in PAGES.items():
        assert (seed_site / path.split("?")[0] / "index.html").exists(), f"{kind} page {path} was not built"
        page.goto(base + path)
        found += _serious(axe, page, kind)
    page.close()
    print(f"\naxe ({scheme}): {len(PAGES)} pages, {len(found)} serious/critical violations")
    assert found == [], "\n".join(found)


#: Every page kind of the invented beat, the reader views among them.
BEAT_PAGES = {
    "home": "",
    "briefing": "briefings/2024-04-09-live-silt-river-summit-day-two/",
    "actor": "actors/mara-lind/",
    "event": "events/silt-river-summit-2024/",
    "outlet": "outlets/velgrad-today/",
    "actors": "actors/",
    "events": "events/",
    "outlets": "outlets/",
    "compare": "compare/",
    "timeline": "timeline/",
    "year": "timeline/2024/",
    "month": "timeline/2024/04/",
    "network": "network/",
    "search": "search/?q=river",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_axe_violations_in_either_scheme(
    browser: Any, serve: Any, beat_site: Path, scheme: str
) -> None:
    """The system's colour scheme picks Material's default or slate palette; both must pass."""
    base = serve(beat_site)
    axe = axe_module.Axe()
    page = browser.new_page(color_scheme=scheme)
    found: list[str] = []
    for kind, path in BEAT_PAGES.items():
        page.goto(base + path)
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
        if kind == "search":
            page.wait_for_selector(".ba-search__result")
        found += _serious(axe, page, kind)
    page.close()
    assert found == [], "\n".join(found)
