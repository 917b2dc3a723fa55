"""Golden test: ingesting each seed gives what the curated briefing has."""

from __future__ import annotations

from pathlib import Path

import pytest

from .ingest_helpers import REPO, SEED_000, SEED_001, body, check, front_matter, ingest, make_project, written

CURATED_000 = REPO / "briefings/2025/09/2025-09-28-china-and-north-korea-agree-to-resist-hegemony.md"
CURATED_001 = REPO / "briefings/2023/07/2023-07-28-north-korea-vows-to-develop-china-ties-to-new-high.md"

# The curated 000 briefing lists russia although the article only says "Russian President Vladimir
# Putin": a demonym before a leader's title stands for the state, so ingest lists it too.
NOT_NAMED_IN_000: set[str] = set()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


def _compare(ingested: dict, curated: dict, not_named: set[str] | None = None) -> None:
    if not_named is None:
        not_named = set()
    assert ingested["title"] == curated["title"]
    assert ingested["outlet"] == curated["outlet"]
    assert str(ingested["date"]) == str(curated["date"])
    assert set(ingested["actors"]) == set(curated["actors"]) - not_named
    assert set(ingested.get("events", [])) == set(curated.get("events", []))
    # a quote the text ties to nobody is kept without a speaker, for review
    assert {q.get("speaker") for q in ingested.get("quotes", [])} - {None} == \
        {q["speaker"] for q in curated["quotes"]}


def test_seed_001_press_tv(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = ingest(capsys, project, str(SEED_001))
    assert code == 0, err
    [path] = written(project)
    assert path.relative_to(project).as_posix().startswith("briefings/2023/07/2023-07-28-")
    assert f"wrote {path.relative_to(project).as_posix()}" in out
    assert "review:" in out and "source_url" in out
    data = front_matter(path)
    _compare(data, front_matter(CURATED_001))
    for name in ("kim-jong-un", "li-hongzhong", "sergei-shoigu", "china", "russia", "north-korea",
                 "united-states"):
        assert name in data["actors"]
    assert data["section"] == "Koreas"
    text = body(path)
    for junk in ("News / Koreas", "Photo by Reuters", "SHARE THIS ARTICLE", "alternate addresses",
                 "www.presstv.ir", "Roku"):
        assert junk not in text
    assert text.startswith("Meeting with a visiting Chinese delegation")
    assert body(path).strip() == body(CURATED_001).strip()
    assert {q.get("speaker") for q in data["quotes"]} == {"kcna"}
    assert check(capsys, project)[0] == 0


def test_seed_000_al_jazeera_with_date(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = ingest(capsys, project, str(SEED_000), "--date", "2025-09-28")
    assert code == 0, err
    [path] = written(project)
    data = front_matter(path)
    curated = front_matter(CURATED_000)
    _compare(data, curated, NOT_NAMED_IN_000)
    quotes = {(q.get("speaker"), q.get("via")) for q in data["quotes"]}
    assert ("wang-yi", "chinese-foreign-ministry") in quotes
    assert ("choe-son-hui", "chinese-foreign-ministry") in quotes
    wang = next(q for q in data["quotes"] if q.get("speaker") == "wang-yi")
    assert wang["text"] == " ".join(curated["quotes"][0]["text"].split())
    assert "appeared first on" not in body(path)
    assert data["summary"].startswith("China and North Korea have pledged")
    assert check(capsys, project)[0] == 0


def test_seed_000_without_date_asks_for_it(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = ingest(capsys, project, str(SEED_000))
    assert code == 1
    assert err.count("\n") == 1 and err.startswith(f"{SEED_000}: ") and "--date" in err
    assert "Traceback" not in err
    assert written(project) == []


def test_seed_000_draft_without_date(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = ingest(capsys, project, str(SEED_000), "--draft")
    assert code == 0, err
    assert "missing date" in out and "(draft)" in out
    [path] = written(project)
    assert front_matter(path)["draft"] is True


def test_reingesting_a_curated_seed_reports_the_existing_briefing(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import shutil
    root = tmp_path / "repo"
    shutil.copytree(REPO / "briefings", root / "briefings")
    before = written(root)
    code, out, err = ingest(capsys, root, str(SEED_001))
    assert code == 0, err
    assert "already in the archive as briefings/2023/07/2023-07-28-north-korea" in out
    assert written(root) == before
