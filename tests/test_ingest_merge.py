"""``ingest --force`` over an edited briefing keeps every field the curator changed (a three-way merge)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from site_builder.authoring.ingest.merge import merge

from .ingest_helpers import SEED_000, body, front_matter, ingest, make_project, written

URL = "https://www.aljazeera.com/news/2025/9/28/china-north-korea"


def _edit(path: Path) -> None:
    text = path.read_text(encoding="utf-8").replace("  - united-states\n", "")
    summary = "summary: Wang Yi and Choe Son Hui met in Beijing.\n"
    text = re.sub(r"summary: (?:>-?\n(?:  .*\n)+|.*\n)", summary, text)
    path.write_text(text, encoding="utf-8")


def test_force_keeps_the_curators_summary_and_removed_actor(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "project")
    args = (str(SEED_000), "--url", URL, "--date", "2025-09-28")
    code, _, err = ingest(capsys, root, *args)
    assert code == 0, err
    [path] = written(root)
    base = root / ".briefings/ingested" / path.relative_to(root)
    assert base.is_file(), "ingest records what it wrote, for the next --force"
    assert "united-states" in front_matter(path)["actors"]
    _edit(path)

    code, out, err = ingest(capsys, root, *args, "--force", "--new-event", "Wang Yi Choe Son Hui talks")
    assert code == 0, err
    fields = front_matter(path)
    assert fields["summary"] == "Wang Yi and Choe Son Hui met in Beijing."
    assert "united-states" not in fields["actors"]
    assert "wang-yi-choe-son-hui-talks" in fields["events"]
    assert "kept your summary" in out and "kept your removal of actor united-states" in out
    assert "events: added wang-yi-choe-son-hui-talks" in out

    # A second re-ingest still keeps them: the merged file is the curator's, the base is ingest's.
    code, out, err = ingest(capsys, root, *args, "--force")
    assert code == 0, err
    assert front_matter(path)["summary"] == "Wang Yi and Choe Son Hui met in Beijing."
    assert "united-states" not in front_matter(path)["actors"]


def test_force_keeps_an_edited_body(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "project")
    args = (str(SEED_000), "--url", URL, "--date", "2025-09-28")
    ingest(capsys, root, *args)
    [path] = written(root)
    path.write_text(path.read_text(encoding="utf-8") + "\nA note the curator added.\n", encoding="utf-8")
    code, out, _ = ingest(capsys, root, *args, "--force")
    assert code == 0 and "kept your edited body" in out
    assert body(path).endswith("A note the curator added.\n")


def test_without_a_record_every_field_of_the_file_is_kept(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "project")
    args = (str(SEED_000), "--url", URL, "--date", "2025-09-28")
    ingest(capsys, root, *args)
    [path] = written(root)
    _edit(path)
    for base in (root / ".briefings").rglob("*.md"):
        base.unlink()
    code, out, _ = ingest(capsys, root, *args, "--force")
    assert code == 0 and "no record of what ingest wrote before" in out
    assert front_matter(path)["summary"] == "Wang Yi and Choe Son Hui met in Beijing."


DAY = dt.date(2025, 1, 2)


def test_merge_per_field() -> None:
    base = {"title": "T", "date": DAY, "summary": "S", "actors": ["a", "b", "c"],
            "quotes": [{"speaker": "a", "text": "One two three four five."}]}
    mine = {"title": "My title", "date": DAY, "summary": "S", "actors": ["a", "c", "d"],
            "quotes": [{"speaker": "c", "text": "One two three four five."}]}
    new = {"title": "T", "date": DAY, "summary": "New lede.", "actors": ["a", "b", "c", "e"],
           "quotes": [{"speaker": "a", "text": "One two three four five."},
                      {"speaker": "b", "text": "Words by an actor the curator removed."},
                      {"speaker": "e", "text": "Fresh words of a new actor here."}]}
    merged = merge((base, ""), mine, "body", new)
    assert merged.fields["title"] == "My title"  # the curator changed it
    assert merged.fields["summary"] == "New lede."  # the curator left it alone
    assert merged.fields["actors"] == ["a", "c", "d", "e"]  # b stays removed, d stays added, e is new
    assert merged.fields["quotes"] == [{"speaker": "c", "text": "One two three four five."},
                                       {"speaker": "e", "text": "Fresh words of a new actor here."}]
    assert merged.body == "body"  # the digest differs: the curator's body is kept
    assert "kept your title" in merged.review and "kept your removal of actor b" in merged.review
