"""The last build's site is moved aside and removed while the new one is built (previous_site.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.mkdocs_plugin.previous_site import MARK, PreviousSite

from .conftest import FIXTURE_ARCHIVE, mkdocs_build


def _old_site(site: Path) -> None:
    (site / "briefings" / "gone").mkdir(parents=True)
    (site / "briefings" / "gone" / "index.html").write_text("old page", encoding="utf-8")
    (site / "stale.txt").write_text("old", encoding="utf-8")


def test_the_old_site_is_set_aside_and_removed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _old_site(site)
    left = tmp_path / f".site{MARK}0badf00d"  # set aside by a build that was killed
    (left / "deep").mkdir(parents=True)
    (left / "deep" / "page.html").write_text("older", encoding="utf-8")
    unrelated = tmp_path / ".site-notes"
    unrelated.mkdir()
    previous = PreviousSite()
    previous.set_aside(str(site))
    assert site.is_dir() and not any(site.iterdir())  # MkDocs finds an empty folder
    previous.wait()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site-notes", "site"]


def test_nothing_is_moved_where_mkdocs_must_decide(tmp_path: Path) -> None:
    previous = PreviousSite()
    previous.set_aside(str(tmp_path / "missing"))  # no folder: nothing to do
    empty = tmp_path / "empty"
    empty.mkdir()
    previous.set_aside(str(empty))
    target = tmp_path / "elsewhere"
    _old_site(target)
    link = tmp_path / "linked"
    link.symlink_to(target, target_is_directory=True)
    previous.set_aside(str(link))  # a link: MkDocs empties what it points to, as it always did
    previous.wait()
    assert previous.remover is None
    assert (target / "stale.txt").exists() and link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "empty", "linked"]


@pytest.mark.parametrize("dirty", [False, True])
def test_a_build_over_an_old_site_leaves_only_the_new_one(tmp_path: Path, dirty: bool) -> None:
    site = tmp_path / "site"
    _old_site(site)
    if dirty:  # a dirty build keeps the old files on purpose
        args = [sys.executable, "-m", "mkdocs", "build", "--dirty", "--site-dir", str(site), "--config-file",
                str(FIXTURE_ARCHIVE / "mkdocs.yml")]
        result = subprocess.run(args, cwd=FIXTURE_ARCHIVE, capture_output=True, text=True, check=False,
                                env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    else:
        result = mkdocs_build(FIXTURE_ARCHIVE, site)
    assert result.returncode == 0, result.stderr
    assert (site / "index.html").exists()
    assert (site / "stale.txt").exists() is dirty
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.mark.parametrize(("command", "dirty", "moved"),
                         [("build", False, True), ("gh-deploy", False, True), ("build", True, False),
                          ("serve", False, False)])
def test_the_plugin_sets_the_old_site_aside_only_for_a_clean_build(tmp_path: Path, command: str, dirty: bool,
                                                                  moved: bool) -> None:
    from types import SimpleNamespace

    from site_builder.mkdocs_plugin.plugin import BriefingsPlugin

    site = tmp_path / "site"
    _old_site(site)
    plugin = BriefingsPlugin()
    plugin.on_startup(command=command, dirty=dirty)
    plugin.on_pre_build(config=SimpleNamespace(site_dir=str(site)))  # type: ignore[arg-type]
    assert (site / "stale.txt").exists() is not moved
    plugin.on_shutdown()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
