"""Actor matching (site_builder.body.mentions), candidates for new actors, --accept-new, folders."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from site_builder.authoring.ingest import dates
from site_builder.authoring.ingest.quotes import find_quotes
from site_builder.body.mentions import find_mentions, mentioned_ids
from site_builder.core.models import Actor

from .ingest_helpers import REPO, SEED_001, check, front_matter, ingest, make_project, written

ACTORS = {a.id: a for a in [
    Actor("china", "China", "state", ("Beijing", "PRC")),
    Actor("united-states", "United States", "state", ("US", "U.S.", "Washington")),
    Actor("us-air-force", "United States Air Force", "organisation", ("US Air Force",)),
    Actor("kim-jong-un", "Kim Jong Un", "person", ("Kim Jong-un",)),
    Actor("kim-yo-jong", "Kim Yo Jong", "person"),
    Actor("wang-yi", "Wang Yi", "person"),
    Actor("vladimir-putin", "Vladimir Putin", "person"),
]}


def ids(text: str) -> list[str]:
    return mentioned_ids(find_mentions(text, ACTORS))


def test_names_aliases_case_and_possessives() -> None:
    assert ids("CHINA and beijing's envoys met in Washington’s embassy") == ["china", "united-states"]
    assert ids("Kim Jong-un's speech") == ["kim-jong-un"]


def test_no_match_inside_words_or_lowercase_acronyms() -> None:
    assert ids("Chinatown traders told us that Kimberly and Wangari left") == []
    assert ids("the U.S. and the US-led coalition") == ["united-states"]


def test_longest_match_wins() -> None:
    spans = find_mentions("the US Air Force flew", ACTORS)
    assert [(m.actor_id, m.surface) for m in spans] == [("us-air-force", "US Air Force")]


def test_bare_surname_only_after_a_full_name() -> None:
    assert ids("Wang said Putin agreed.") == []
    assert ids("Wang Yi met Vladimir Putin. Wang said Putin agreed.") == ["wang-yi", "vladimir-putin"]
    spans = find_mentions("Kim Jong Un spoke. Kim Yo Jong replied. Kim later left.", ACTORS)
    assert spans[-1].actor_id == "kim-yo-jong" and spans[-1].how == "short"


def test_spans_point_into_the_text() -> None:
    text = "Talks in Beijing with Wang Yi."
    for m in find_mentions(text, ACTORS):
        assert text[m.start:m.end] == m.surface


def test_quote_attribution_patterns() -> None:
    paragraphs = [
        "Wang Yi and Vladimir Putin met on Monday.",
        ("\u201cWe will keep working closely together on every regional question,\u201d Wang told Putin, "
        "according to a readout by the US."),
        "Putin said: \u201cOur two countries have never been closer than they are today.\u201d",
        "\u201cAnd that friendship will last for many more decades to come.\u201d",
        "Officials called it a \u201cvery long and quite productive meeting of minds\u201d at the time.",
    ]
    result = find_quotes(paragraphs, lambda t: find_mentions(t, ACTORS, ["wang-yi", "vladimir-putin"]))
    assert [(q.speaker, q.via, q.how) for q in result.quotes] == [
        ("wang-yi", "united-states", "named"), ("vladimir-putin", None, "named"),
        ("vladimir-putin", None, "continued"), (None, None, None)]
    assert [q.cue for q in result.quotes[:2]] == ["Wang told", "Putin said"]
    assert result.quotes[3].reason == "no speech verb or speaker near the quotation"


def test_weekday_resolves_against_nearest_date() -> None:
    guess = dates.guess_date("", "Officials met on Friday. The statement was dated July 31, 2023.")
    assert guess.date is not None and guess.date.isoformat() == "2023-07-31"
    [friday] = dates.resolve_weekdays("met on Friday", dates.explicit_dates("July 31, 2023"))
    assert friday.date.isoformat() == "2023-07-28"
    assert dates.guess_date("", "They met on Sunday.").date is None


def _registry_without(root: Path, *actor_ids: str) -> None:
    path = root / "briefings/registry/actors.yml"
    text = path.read_text(encoding="utf-8")
    for actor_id in actor_ids:
        text = re.sub(rf"^{actor_id}:\n(?:  .*\n)+", "", text, flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")
    events = root / "briefings/registry/events.yml"
    events.write_text(re.sub(r"\[[^\]]*\]", lambda m: "[" + ", ".join(
        a for a in m.group(0)[1:-1].split(", ") if a not in actor_ids) + "]", events.read_text("utf-8")),
        encoding="utf-8")


def test_candidates_for_unregistered_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    _registry_without(root, "li-hongzhong", "sergei-shoigu")
    code, out, err = ingest(capsys, root, str(SEED_001))
    assert code == 0, err
    assert "new actor? li-hongzhong 'Li Hongzhong' (person, Communist Party Politburo member;" in out
    # Shoigu is in the starter gazetteer: the proposal carries its facts
    assert "new actor? sergei-shoigu 'Sergei Shoigu' (person, Secretary of Russia's Security Council" in out
    assert "of russia; from the gazetteer)" in out
    data = front_matter(written(root)[0])
    assert "li-hongzhong" not in data["actors"]  # not registered, not a draft: listed, not used
    assert check(capsys, root)[0] == 0


def test_draft_keeps_proposed_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    _registry_without(root, "li-hongzhong", "sergei-shoigu")
    assert ingest(capsys, root, str(SEED_001), "--draft")[0] == 0
    data = front_matter(written(root)[0])
    assert data["draft"] is True and {"li-hongzhong", "sergei-shoigu"} <= set(data["actors"])


def test_accept_new_appends_without_reformatting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    _registry_without(root, "li-hongzhong", "sergei-shoigu")
    actors_file = root / "briefings/registry/actors.yml"
    before = actors_file.read_text(encoding="utf-8")
    code, _out, err = ingest(capsys, root, str(SEED_001), "--accept-new")
    assert code == 0, err
    after = actors_file.read_text(encoding="utf-8")
    assert after.startswith(before)  # comments, order and formatting kept byte for byte
    added = after[len(before):]
    assert "li-hongzhong:\n  name: Li Hongzhong\n  kind: person\n" in added
    assert "sergei-shoigu:\n  name: Sergei Shoigu\n  kind: person\n" in added
    data = front_matter(written(root)[0])
    assert {"li-hongzhong", "sergei-shoigu"} <= set(data["actors"])
    assert check(capsys, root)[0] == 0


def _bench() -> object:
    spec = importlib.util.spec_from_file_location("bench_ingest", REPO / "bench" / "bench_ingest.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_folder_of_200_articles_with_progress_bar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bench = _bench()
    root = make_project(tmp_path / "p")
    folder = bench.write_folder(tmp_path / "in", 200, "text")  # type: ignore[attr-defined]
    bench.write_folder(tmp_path / "in" / "html", 10, "html", start=1000)  # type: ignore[attr-defined]
    code, _out, err = ingest(capsys, root, str(folder))
    assert code == 0, err[-2000:]
    assert len(written(root)) == 210
    assert "ingest [##############################] 210/210" in err
    assert "ingested 210 source(s): 210 written, 0 already in the archive, 0 printed, 0 failed" in err
    assert check(capsys, root)[0] == 0
    code, _out, err = ingest(capsys, root, str(folder))
    assert code == 0 and "210 already in the archive" in err
