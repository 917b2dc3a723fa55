"""A 2,000-briefing synthetic archive builds with --strict and has no broken internal link."""

from __future__ import annotations

import sys
from pathlib import Path

from .conftest import REPO, mkdocs_build
from .linkcheck import broken_links

sys.path.insert(0, str(REPO / "bench"))
from generate import generate


def test_two_thousand_briefings_build_strict_without_broken_links(tmp_path: Path) -> None:
    project = tmp_path / "corpus"
    generate(2000, project, seed=3)
    site = tmp_path / "site"
    result = mkdocs_build(project, site, env={"BRIEFINGS_SEARCH": "false"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(list((site / "briefings").iterdir())) == 2000
    assert broken_links(site) == []
