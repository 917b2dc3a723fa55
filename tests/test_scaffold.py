"""``briefings new``: the right place, canonical order, clear check errors, never an overwrite."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from site_builder.authoring import scaffold
from site_builder.cli import main
from site_builder.core import schema
from site_builder.core.load import Layout

URL = "https://harbour-times.example/2024/05/river-talks"
NEW = ["new", "--title", "River talks resume in Port Aster", "--date", "2024-05-02",
       "--outlet", "harbour-times", "--url", URL]
PATH = "briefings/2024/05/2024-05-02-river-talks-resume-in-port-aster.md"


def run(project: Path, *args: str) -> int:
    return main(["--root", str(project), *args])


def test_new_writes_front_matter_in_canonical_order(archive_copy: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert run(archive_copy, *NEW, "--actors", "tomas-vey", "--summary", "Talks resumed.") == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == PATH
    assert "the article text" in captured.err
    text = (archive_copy / PATH).read_text()
    front = yaml.safe_load(text.split("---\n")[1])
    order = [f.name for f in schema.BRIEFING_FIELDS]
    assert list(front) == sorted(front, key=order.index)
    assert front == {"title": "River talks resume in Port Aster", "date": dt.date(2024, 5, 2),
                     "outlet": "harbour-times", "source_url": URL, "actors": ["tomas-vey"],
                     "summary": "Talks resumed."}


def test_check_lists_what_is_still_missing_until_it_is_filled(archive_copy: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert run(archive_copy, *NEW) == 0
    capsys.readouterr()
    assert run(archive_copy, "check") == 1
    out = capsys.readouterr().out
    assert f"{PATH}:2: missing required field 'actors'" in out
    assert f"{PATH}:2: missing required field 'summary'" in out
    path = archive_copy / PATH
    path.write_text(
        path.read_text().replace("---\n\n", "actors: [tomas-vey]\nsummary: Talks resumed.\n---\n")
    )
    assert run(archive_copy, "check") == 1
    assert "the briefing has no body text" in capsys.readouterr().out
    path.write_text(path.read_text() + "Talks between the river states resumed on Thursday.\n")
    assert run(archive_copy, "check") == 0


def test_new_refuses_to_overwrite(archive_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(archive_copy, *NEW) == 0
    (archive_copy / PATH).write_text("curated\n")
    assert run(archive_copy, *NEW) == 1
    assert "already exists" in capsys.readouterr().err
    assert (archive_copy / PATH).read_text() == "curated\n"


def test_unknown_outlet_suggests_the_right_one(
    archive_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [a if a != "harbour-times" else "harbor-times" for a in NEW]
    assert run(archive_copy, *args) == 1
    assert "unknown outlet 'harbor-times' (did you mean 'harbour-times'?)" in capsys.readouterr().err
    assert not (archive_copy / PATH).exists()


def test_unknown_actor_and_bad_url_are_refused(
    archive_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(archive_copy, *NEW, "--actors", "tomas-veyy") == 1
    assert "did you mean 'tomas-vey'?" in capsys.readouterr().err
    bad_url = [a if a != URL else "ftp://x" for a in NEW]
    assert run(archive_copy, *bad_url) == 1
    assert "not an http:// or https:// address" in capsys.readouterr().err


def test_missing_values_without_a_terminal(archive_copy: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    assert run(archive_copy, "new", "--title", "Only a title") == 1
    assert "missing --date, --outlet, --url" in capsys.readouterr().err


def test_asks_for_missing_values(archive_copy: Path) -> None:
    answers = iter(["River talks resume in Port Aster", "not a date", "2024-05-02", "harbour-times", URL])
    values = scaffold.complete(scaffold.NewBriefing(), lambda prompt: next(answers))
    path = scaffold.create(Layout.at(archive_copy), values)
    assert path == archive_copy / PATH
