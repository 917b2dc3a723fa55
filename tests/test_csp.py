"""Every page carries a Content-Security-Policy that allows only the site's own scripts and styles.

The theme's inline boot scripts are allowed by hash; nothing else inline runs, no other origin is
allowed, and in Chromium the theme and the search still work with no violation reported.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Any

import pytest

from site_builder.outputs.csp import inline_script_hashes, policy, with_policy

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def test_every_page_has_a_policy(fixture_archive_site: Path) -> None:
    pages = sorted(fixture_archive_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if "http-equiv=\"refresh\"" in html:  # a page left by a renamed record: nothing may load
            assert "content=\"default-src 'none'\"" in html, page
            continue
        found = META.findall(html)
        assert len(found) == 1, page
        assert found[0] == policy(html), page
        assert html.index("Content-Security-Policy") < html.index("<script"), page


def test_policy_allows_only_the_pages_own_inline_scripts() -> None:
    html = ("<html><head><meta charset=\"utf-8\"><script>boot()</script>"
            "<script type=\"application/ld+json\">{\"a\": 1}</script><script src=\"x.js\"></script></head>"
            "<body><script>boot()</script></body></html>")
    digest = base64.b64encode(hashlib.sha256(b"boot()").digest()).decode()
    assert inline_script_hashes(html) == [f"'sha256-{digest}'"]  # once; the data block and src= need none
    rule = policy(html)
    assert "'unsafe-inline'" not in rule and "'unsafe-eval'" not in rule and "http" not in rule
    # Styles, fonts, fetches and workers fall back to default-src: only the site's own.
    assert rule.startswith("default-src 'self'; ") and "object-src 'none'" in rule
    assert not re.search(r"(style|font|connect|worker|child|frame)-src", rule)
    assert with_policy(html).startswith('<html><head><meta charset="utf-8">\n    <meta http-equiv=')
    assert with_policy(html) == with_policy(html)


def test_the_policy_is_computed_from_the_page(fixture_archive_site: Path) -> None:
    html = (fixture_archive_site / "index.html").read_text(encoding="utf-8")
    meta = META.search(html)
    assert meta is not None
    bare = html.replace("\n    " + meta.group(0), "")
    assert with_policy(bare) == html


def _watch(page: Any) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                         "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))")
    return problems


@pytest.mark.browser
def test_theme_and_search_work_under_the_policy(browser: Any, serve: Any, fixture_archive_site: Path) -> None:
    base = serve(fixture_archive_site)
    page = browser.new_page()
    problems = _watch(page)
    for path in ("", "actors/aurelia/", "briefings/2024-01-15-river-talks-open-in-port-aster/", "network/",
                 "timeline/"):
        page.goto(base + path, wait_until="load")
        assert page.evaluate("typeof __md_scope") == "object"  # the inline boot script ran
        assert page.evaluate("typeof document$") == "object"  # the theme's bundle ran
    page.goto(base + "search/?q=river")
    page.wait_for_selector(".ba-search__result")
    assert page.locator(".ba-search__result").count() >= 2
    page.close()
    assert problems == []


@pytest.mark.browser
def test_an_injected_inline_script_is_blocked(browser: Any, serve: Any, fixture_archive_site: Path,
                                               tmp_path: Path) -> None:
    """Were a script ever to reach a page, the policy stops it and Chromium says so."""
    site = tmp_path / "site"
    site.mkdir()
    html = (fixture_archive_site / "index.html").read_text(encoding="utf-8")
    (site / "index.html").write_text(html.replace("</body>", "<script>window.pwned = 1</script></body>"),
                                     encoding="utf-8")
    page = browser.new_page()
    problems = _watch(page)
    page.goto(serve(site), wait_until="load")
    assert page.evaluate("window.pwned") is None
    page.close()
    assert any("CSP violation: script-src" in p for p in problems), problems
