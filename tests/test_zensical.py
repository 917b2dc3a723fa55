"""Zensical builds the archive from ``briefings zensical DIR``: every page kind, every link resolves."""

from __future__ import annotations

import html
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.cli import main
from site_builder.errors import BriefingsError
from site_builder.outputs.zensical import relink, write_project

from .linkcheck import broken_links

#: One page of each kind in the fixture archive, and the heading it must show.
PAGES = {
    "index.html": "Env Archive",  # site_name comes from !ENV in the test's config
    "briefings/2024-01-15-river-talks-open-in-port-aster/index.html": "River talks open in Port Aster",
    "actors/tomas-vey/index.html": "Tomas Vey",
    "events/river-accord-talks-2024/index.html": "River Accord talks",
    "outlets/harbour-times/index.html": "The Harbour Times",
    "timeline/index.html": "Timeline",
    "timeline/2024/index.html": "2024",
    "timeline/2024/01/index.html": "January 2024",
    "actors/index.html": "Actors",
    "events/index.html": "Events",
    "outlets/index.html": "Outlets",
    "network/index.html": "Network",
    "compare/index.html": "Outlets compared",
    "search/index.html": "Search",
    "about/index.html": "About",
}
H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)


def _heading(page: Path) -> str:
    found = H1.search(page.read_text(encoding="utf-8"))
    assert found, f"{page}: no <h1>"
    text = re.sub(r'<a class="headerlink".*?</a>', "", found.group(1), flags=re.DOTALL)  # the permalink
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()


@pytest.mark.skipif(importlib.util.find_spec("zensical") is None,
                    reason="zensical is not installed (pip install -e '.[test]')")
def test_zensical_builds_every_page_kind_with_working_links(
        archive_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = archive_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    # The repository's config uses !ENV, which a plain YAML loader rejects.
    text = text.replace("site_name: Fixture Archive", "site_name: !ENV [ZENSICAL_TEST_NAME, Fixture Archive]")
    text = text.replace("      beat: A synthetic archive for tests.\n",
                        "      beat: A synthetic archive for tests.\n"
                        "      search: !ENV [BRIEFINGS_SEARCH, true]\n")
    text = text.replace("  - About: about.md\n", "  - Outlets compared: compare.md\n  - About: about.md\n")
    config.write_text(text, encoding="utf-8")
    # Hand-written links to generated pages, which move for Zensical.
    about = archive_copy / "docs" / "about.md"
    about.write_text(
        about.read_text(encoding="utf-8") + "\nSee [the outlets compared](compare.md#volume-over-time), "
        "[the network](network.md), [a year](timeline/2024.md) and [actors](actors/index.md).\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("ZENSICAL_TEST_NAME", "Env Archive")
    project = tmp_path / "zensical-site"

    assert main(["--root", str(archive_copy), "zensical", str(project)]) == 0
    result = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict"], cwd=project,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr

    site = project / "site"
    for path, heading in PAGES.items():
        assert (site / path).is_file(), path
        assert _heading(site / path) == heading, path
    assert "A synthetic archive for tests." in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "assets/archive/briefings.css").is_file()
    assert (site / "feeds/all.xml").is_file() and (site / "data/briefings.json").is_file()
    about_html = (site / "about/index.html").read_text(encoding="utf-8")
    for target in ("../compare/", "../network/", "../timeline/2024/"):
        assert f'href="{target}' in about_html, target
    assert broken_links(site) == []


def test_a_second_run_replaces_only_its_own_folder(archive_copy: Path, tmp_path: Path) -> None:
    project = tmp_path / "zensical-site"
    write_project(archive_copy / "mkdocs.yml", project)
    with pytest.raises(BriefingsError, match="--force"):
        write_project(archive_copy / "mkdocs.yml", project)
    (project / "docs" / "stale.md").write_text("# Stale\n")
    write_project(archive_copy / "mkdocs.yml", project, force=True)
    assert not (project / "docs" / "stale.md").exists()

    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(BriefingsError, match="not written by"):
        write_project(archive_copy / "mkdocs.yml", other, force=True)
    assert (other / "notes.txt").read_text() == "mine"
    with pytest.raises(BriefingsError, match="refusing"):
        write_project(archive_copy / "mkdocs.yml", archive_copy, force=True)


def test_links_to_moved_pages_are_rewritten_and_others_kept() -> None:
    moved = {"compare.md": "compare/index.md", "actors/aurelia.md": "actors/aurelia/index.md"}
    text = ("[a](compare.md) [b](../compare.md) [c](actors/aurelia.md#x) [d](data.md)\n"
            "[e]: compare.md\n")
    assert relink(text, "about.md", moved) == (
        "[a](compare/index.md) [b](../compare.md) [c](actors/aurelia/index.md#x) [d](data.md)\n"
        "[e]: compare/index.md\n")
    assert relink("[f](../compare.md)", "guide/start.md", moved) == "[f](../compare/index.md)"
