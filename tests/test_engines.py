"""Engine portability and configuration: ProperDocs runs the plugin unchanged; bad options fail clearly."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import mkdocs_build

BRIEFING_PAGE = "briefings/2024-01-15-river-talks-open-in-port-aster/index.html"


@pytest.mark.skipif(importlib.util.find_spec("properdocs") is None,
                    reason="properdocs is not installed (pip install -e '.[test]')")
def test_properdocs_builds_the_fixture_archive(archive_copy: Path) -> None:
    """ProperDocs, the maintained fork of MkDocs 1.6, reads mkdocs.yml when named with -f."""
    site = archive_copy / "properdocs-site"
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(archive_copy / "mkdocs.yml"),
         "-d", str(site)], cwd=archive_copy, capture_output=True, text=True, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    page = (site / BRIEFING_PAGE).read_text(encoding="utf-8")
    assert "River talks open in Port Aster" in page
    for generated in ("actors/tomas-vey/index.html", "timeline/index.html", "data/briefings.json",
                      "feeds/all.xml"):
        assert (site / generated).exists(), generated


def _set_option(project: Path, line: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text()
    anchor = "      beat: A synthetic archive for tests.\n"
    assert anchor in text
    config.write_text(text.replace(anchor, anchor + f"      {line}\n"))


@pytest.mark.parametrize(("option", "message"), [
    ("latest: 0", "option 'latest' must be at least 1, got 0"),
    ("latest: ten", "option 'latest'"),
    ("content_dir: nowhere", "content folder not found (create it, or set content_dir in mkdocs.yml)"),
])
def test_bad_plugin_option_fails_the_build_naming_it(archive_copy: Path, option: str, message: str) -> None:
    _set_option(archive_copy, option)
    result = mkdocs_build(archive_copy)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
