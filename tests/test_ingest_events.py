"""Events are the curator's: never one per headline; a batch shows which articles tell the same story."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from site_builder.authoring.ingest.events import Story, group_stories, headline_words, new_event

from .ingest_helpers import REPO, check, front_matter, ingest, make_project, written

STORY = """{title}

Beijing and Pyongyang signed a new trade protocol on Tuesday, North Korea's state media said, after
talks in which China and North Korea pledged closer ties. Kim Jong Un attended the signing.

Officials from both sides said the protocol covers rail freight and fishing rights. {extra}
"""


def _articles(folder: Path) -> list[Path]:
    folder.mkdir()
    texts = {
        "a.txt": STORY.format(
            title="China and North Korea sign trade protocol", extra="It runs for five years."
        ),
        "b.txt": STORY.format(
            title="North Korea, China agree trade protocol in Pyongyang",
            extra="Rail links reopen next month.",
        ),
        "c.txt": STORY.format(
            title="Trade protocol signed by China and North Korea", extra="Fishing quotas are set yearly."
        ),
        "d.txt": (
            "Harbour fees rise in Lisbon\n\nThe port authority of a small town raised fees for "
            "ferries and yachts on Tuesday, citing repairs to the old pier and the rising cost of fuel "
            "across the whole coast this year.\n"
        ),
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return sorted(folder.iterdir())


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "p")


def test_a_batch_lists_articles_of_one_story_and_creates_no_event(
    tmp_path: Path, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events_file = project / "briefings/registry/events.yml"
    before = events_file.read_text(encoding="utf-8")
    _articles(tmp_path / "in")
    code, _out, err = ingest(capsys, project, str(tmp_path / "in"), "--outlet", "al-jazeera",
                             "--date", "2025-10-07", "--accept-new")
    assert code == 0, err
    assert events_file.read_text(encoding="utf-8") == before  # --accept-new never makes events
    assert "story 1: 3 articles, 2025-10-07..2025-10-07, all name china, kim-jong-un, north-korea" in err
    story = err.split("story 1:")[1]
    assert all(f"{name}.txt" in story for name in "abc") and "d.txt" not in story
    assert all(not front_matter(p).get("events") for p in written(project))


def test_new_event_is_made_when_asked_and_links_every_article(tmp_path: Path, project: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    files = _articles(tmp_path / "in")
    code, _out, err = ingest(capsys, project, *map(str, files[:3]), "--outlet", "al-jazeera",
                             "--date", "2025-10-07", "--new-event", "China-North Korea trade protocol 2025")
    assert code == 0, err
    events = yaml.safe_load((project / "briefings/registry/events.yml").read_text(encoding="utf-8"))
    event = events["china-north-korea-trade-protocol-2025"]
    assert event["date"] == dt.date(2025, 10, 7)
    assert {"china", "north-korea", "kim-jong-un"} <= set(event["actors"])
    assert all(
        front_matter(p)["events"] == ["china-north-korea-trade-protocol-2025"] for p in written(project)
    )
    assert check(capsys, project)[0] == 0


def test_force_ingests_an_article_in_the_archive_again(tmp_path: Path, project: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    [first, *_] = _articles(tmp_path / "in")
    args = [str(first), "--outlet", "al-jazeera", "--date", "2025-10-07"]
    assert ingest(capsys, project, *args)[0] == 0
    [path] = written(project)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("summary: ", "summary: EDITED ", 1), encoding="utf-8")
    code, out, _err = ingest(capsys, project, *args)
    assert code == 0 and "already in the archive" in out
    code, out, err = ingest(capsys, project, *args, "--force")
    assert code == 0, err
    # The same file, the curator's edit kept (ingest --force merges, see test_ingest_merge.py).
    assert written(project) == [path] and front_matter(path)["summary"].startswith("EDITED")
    assert "ingested again over" in out and "kept your summary" in out


def test_a_batch_lists_its_failures_at_the_end(tmp_path: Path, project: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    files = _articles(tmp_path / "in")
    (tmp_path / "in" / "empty.txt").write_text("too short\n", encoding="utf-8")
    code, _out, err = ingest(capsys, project, str(tmp_path / "in"), "--outlet", "al-jazeera",
                             "--date", "2025-10-07")
    assert code == 1
    tail = err.split("failed:\n")[-1]
    assert "empty.txt: no article text found" in tail
    assert len(written(project)) == len(files)


def test_grouping_looks_only_at_nearby_days() -> None:
    def story(day: int, actors: str, title: str) -> Story:
        return Story(title, dt.date(2025, 1, day), frozenset(actors.split()), headline_words(title))

    stories = [story(1, "a b c", "Summit opens"), story(2, "a b c", "Summit closes"),
               story(20, "a b c", "Another summit"), story(2, "x", "Unrelated fire")]
    assert group_stories(stories) == [[0, 1]]
    assert new_event("Summit 2025", stories[:2]) == (
        "summit-2025", {"name": "Summit 2025", "start": dt.date(2025, 1, 1), "end": dt.date(2025, 1, 2),
                        "actors": ["a", "b", "c"]})


def test_a_large_batch_extracted_in_workers_writes_what_one_process_writes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    from site_builder.authoring.ingest import command

    spec = importlib.util.spec_from_file_location("bench_ingest", REPO / "bench" / "bench_ingest.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    folder = bench.write_folder(tmp_path / "in", 24, "html")
    pools: list[str] = []
    get_context = command.multiprocessing.get_context

    def counted(method: str) -> object:
        pools.append(method)
        return get_context(method)

    monkeypatch.setattr(command.multiprocessing, "get_context", counted)
    results = []
    for name, minimum in (("one", 10**9), ("workers", 16)):
        monkeypatch.setattr(command, "PARALLEL_MIN", minimum)
        root = make_project(tmp_path / name)
        code, _out, err = ingest(capsys, root, str(folder), "--accept-new")
        assert code == 0, err
        results.append({p.relative_to(root).as_posix(): p.read_bytes() for p in written(root)} |
                       {"actors.yml": (root / "briefings/registry/actors.yml").read_bytes()})
    assert len(results[0]) == 25 and results[0] == results[1]
    assert pools == ["fork"]  # the second run, and only it, extracted in worker processes
