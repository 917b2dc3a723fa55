"""Symbolic links committed to the project never lead a command outside it, nor into a loop."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.authoring.ingest import registry_append
from site_builder.cli import main
from site_builder.core.load import Layout
from site_builder.fsutil import OutsideProject, atomic_write
from site_builder.pipeline import check

from .conftest import GOOD_BRIEFING, GOOD_BRIEFING_PATH, mkdocs_build, write_source

ARTICLE = (
    "Harbour council approves ferry\n\nThe harbour council of Aurelia voted on Thursday to approve a new "
    "ferry line between the old port and the island, after two years of debate.\n\nMara Lind said the "
    "pier would be built in the summer.\n"
)


def test_two_links_to_the_month_folder_end_at_once(archive_copy: Path) -> None:
    month = archive_copy / "briefings/2024/01"
    (month / "again").symlink_to(".", target_is_directory=True)
    (month / "and-again").symlink_to(".", target_is_directory=True)
    result = subprocess.run([sys.executable, "-c", ("import sys; from site_builder.cli import main; "
                             f"sys.exit(main(['--root', {str(archive_copy)!r}, 'check']))")],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1, result.stderr
    assert [line for line in result.stdout.splitlines() if ": warning: " not in line] == [
        ("briefings/2024/01/again: symbolic link to a folder that contains it makes a loop "
        "(replace the link with the file or folder itself)"),
        ("briefings/2024/01/and-again: symbolic link to a folder that contains it makes a loop "
        "(replace the link with the file or folder itself)")]


def test_link_inside_the_content_folder_is_read_once(archive_copy: Path) -> None:
    (archive_copy / "briefings/2024/01-again").symlink_to("01", target_is_directory=True)
    checked = check(Layout.at(archive_copy))
    assert checked.diagnostics == []
    ids = [b.id for b in checked.archive.briefings]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("target", ["/etc/passwd", "/proc/self/environ"])
def test_check_reports_a_docs_link_out_of_the_project(archive_copy: Path, target: str) -> None:
    (archive_copy / "docs/secrets.md").symlink_to(target)
    found = [str(d) for d in check(Layout.at(archive_copy)).diagnostics]
    assert found == [("docs/secrets.md: symbolic link points outside the project folder "
                     "(replace the link with the file or folder itself)")]


def test_check_reports_a_briefings_link_out_of_the_project(archive_copy: Path) -> None:
    (archive_copy / "briefings/notes.txt").symlink_to("/etc/hostname")
    found = [str(d) for d in check(Layout.at(archive_copy)).diagnostics]
    assert found == [("briefings/notes.txt: symbolic link points outside the project folder "
                     "(replace the link with the file or folder itself)")]


def test_build_refuses_to_copy_a_docs_link(archive_copy: Path, tmp_path: Path) -> None:
    (archive_copy / "docs/passwd.txt").symlink_to("/etc/passwd")
    site = tmp_path / "site"
    result = mkdocs_build(archive_copy, site)
    assert result.returncode != 0
    assert "docs/passwd.txt: symbolic link points outside the project folder" in result.stderr
    assert not (site / "passwd.txt").exists()


def test_build_refuses_a_docs_loop(archive_copy: Path, tmp_path: Path) -> None:
    (archive_copy / "docs/loop").symlink_to(".", target_is_directory=True)
    (archive_copy / "docs/loop2").symlink_to(".", target_is_directory=True)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site"),
                             "--config-file", str(archive_copy / "mkdocs.yml")], cwd=archive_copy,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode != 0
    assert "docs/loop: symbolic link to a folder that contains it makes a loop" in result.stderr


def test_lock_link_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    registry = tmp_path / "project/briefings/registry"
    registry.mkdir(parents=True)
    (registry / "actors.yml").write_text("aurelia:\n  name: Aurelia\n  kind: state\n", encoding="utf-8")
    (registry / ".lock").symlink_to(outside)
    with pytest.raises(OutsideProject, match="is a symbolic link"):
        registry_append.append_entries(
            registry / "actors.yml", {"borovia": {"name": "Borovia", "kind": "state"}}, {"aurelia"}, "test"
        )
    assert not outside.exists()
    assert "borovia" not in (registry / "actors.yml").read_text(encoding="utf-8")


def test_lock_link_to_an_existing_file_is_not_appended_to(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep\n", encoding="utf-8")
    registry = tmp_path / "project/briefings/registry"
    registry.mkdir(parents=True)
    (registry / ".lock").symlink_to(outside)
    with pytest.raises(OutsideProject):
        registry_append.append_entries(registry / "events.yml", {"x-2024": {"name": "X"}}, set(), "test")
    assert outside.read_text(encoding="utf-8") == "keep\n"


def test_new_refuses_a_dangling_year_link(archive_copy: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "elsewhere"
    (archive_copy / "briefings/2031").symlink_to(outside, target_is_directory=True)
    outside.mkdir()  # the path exists by the time someone runs `briefings new`
    code = main(["--root", str(archive_copy), "new", "--title", "Ferry line opens", "--date", "2031-05-02",
                 "--outlet", "harbour-times", "--url", "https://harbourtimes.example/ferry"])
    assert code == 1
    assert "outside the project" in capsys.readouterr().err
    assert list(outside.iterdir()) == []


def test_ingest_refuses_a_month_link_out_of_the_project(archive_copy: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (archive_copy / "briefings/2024/05").symlink_to(outside, target_is_directory=True)
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    main(["--root", str(archive_copy), "ingest", str(article), "--url", "https://harbourtimes.example/ferry",
          "--date", "2024-05-14", "--outlet", "harbour-times"])
    assert "outside the project" in capsys.readouterr().err
    assert list(outside.iterdir()) == []


def test_confined_write_refuses_a_linked_target(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "note.md").symlink_to(tmp_path / "outside.md")
    with pytest.raises(OutsideProject, match="is a symbolic link"):
        atomic_write(project / "note.md", "x", overwrite=True, root=project)
    assert not (tmp_path / "outside.md").exists()


def test_good_briefing_still_loads_through_the_walk(archive_copy: Path) -> None:
    write_source(archive_copy, GOOD_BRIEFING)
    checked = check(Layout.at(archive_copy))
    assert checked.diagnostics == []
    assert any(b.origin.path == GOOD_BRIEFING_PATH for b in checked.archive.briefings)
