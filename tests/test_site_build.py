"""The MkDocs build end to end.

Strict build, links, escaping, determinism, and failing with check's messages.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .conftest import REPO, mkdocs_build
from .linkcheck import broken_links

SEED_PAGES = [
    "briefings/2025-09-28-china-and-north-korea-agree-to-resist-hegemony/index.html",
    "briefings/2023-07-28-north-korea-vows-to-develop-china-ties-to-new-high/index.html",
    "actors/kim-jong-un/index.html", "actors/li-hongzhong/index.html", "actors/sergei-shoigu/index.html",
    "events/beijing-victory-day-parade-2025/index.html", "events/wang-yi-choe-son-hui-talks-2025/index.html",
    "outlets/al-jazeera/index.html", "outlets/press-tv/index.html", "timeline/2023/index.html",
    "actors/index.html", "events/index.html", "outlets/index.html", "timeline/index.html", "index.html",
]


def test_seed_site_has_every_page(seed_site: Path) -> None:
    for page in SEED_PAGES:
        assert (seed_site / page).exists(), page
    actors = {p.parent.name for p in (seed_site / "actors").glob("*/index.html")}
    assert {"kim-jong-un", "wang-yi", "choe-son-hui", "united-states", "kcna"} <= actors


def test_seed_site_has_no_broken_links(seed_site: Path) -> None:
    assert broken_links(seed_site) == []


def test_cross_links_go_both_ways(seed_site: Path) -> None:
    briefing = (seed_site / SEED_PAGES[0]).read_text()
    actor = (seed_site / "actors/kim-jong-un/index.html").read_text()
    assert 'href="../../actors/kim-jong-un/"' in briefing
    assert 'href="../../briefings/2025-09-28-china-and-north-korea-agree-to-resist-hegemony/"' in actor
    assert 'href="../../briefings/2023-07-28-north-korea-vows-to-develop-china-ties-to-new-high/"' in actor
    event = (seed_site / "events/beijing-victory-day-parade-2025/index.html").read_text()
    assert 'href="../../outlets/al-jazeera/"' in event
    outlet = (seed_site / "outlets/press-tv/index.html").read_text()
    assert "State-owned" in outlet and "Iran" in outlet


def test_boilerplate_is_not_in_the_seed_pages(seed_site: Path) -> None:
    text = "".join((seed_site / page).read_text() for page in SEED_PAGES[:2])
    for junk in (
        "SHARE THIS ARTICLE",
        "appeared first on",
        "alternate addresses",
        "(Photo by Reuters)",
        "Roku",
    ):
        assert junk not in text


def test_hostile_title_is_text_on_every_page(archive_copy: Path, tmp_path: Path) -> None:
    path = archive_copy / "briefings/2024/01/2024-01-15-river-talks-open-in-port-aster.md"
    path.write_text(path.read_text().replace("title: River talks open in Port Aster",
                                             "title: <img src=x onerror=alert(1)>"))
    result = mkdocs_build(archive_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    shown = 0
    for page in (tmp_path / "site").rglob("*.html"):
        html = page.read_text()
        assert "<img src=x" not in html, page
        shown += "&lt;img src=x onerror=alert(1)&gt;" in html
    # briefing, home, timeline year, two actor pages... every page that lists it
    assert shown >= 8


def test_build_fails_with_the_checker_messages(archive_copy: Path, tmp_path: Path) -> None:
    path = archive_copy / "briefings/2024/01/2024-01-15-river-talks-open-in-port-aster.md"
    path.write_text(path.read_text().replace("mara-lind, tomas-vey]", "mara-lind, tomas-vy]"))
    result = mkdocs_build(archive_copy, tmp_path / "site")
    assert result.returncode != 0
    assert ("briefings/2024/01/2024-01-15-river-talks-open-in-port-aster.md:7: unknown actor 'tomas-vy' "
            "(did you mean 'tomas-vey'?)") in result.stderr
    assert "Traceback" not in result.stderr


def _digest(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_builds_are_byte_identical(tmp_path: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    first, second = tmp_path / "a", tmp_path / "b"
    assert mkdocs_build(REPO, first, env=env).returncode == 0
    assert mkdocs_build(REPO, second, env=env).returncode == 0
    digests = _digest(first)
    assert digests == _digest(second)
    assert any(name.startswith("pagefind/filter/") for name in digests)  # the search index is included
