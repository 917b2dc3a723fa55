"""Linking: who is mentioned where, with whom, and what is related."""

from __future__ import annotations

from site_builder.core.index import Index, build_index
from site_builder.core.load import Layout, load_archive
from site_builder.core.urls import relative, site_url

from .conftest import FIXTURE_ARCHIVE


def fixture_index() -> Index:
    return build_index(load_archive(Layout.at(FIXTURE_ARCHIVE)).archive)


def ids(briefings: list) -> list[str]:
    return [b.id for b in briefings]


def test_actor_to_briefings_newest_first() -> None:
    index = fixture_index()
    assert ids(index.by_actor["borovia"]) == [
        "2024-03-02-borovia-holds-border-exercise",
        "2024-01-17-river-talks-end-without-accord",
        "2024-01-15-river-talks-open-in-port-aster",
    ]


def test_drafts_are_not_published() -> None:
    index = fixture_index()
    assert "2024-03-05-draft-note-on-talks" not in index.by_id
    assert len(index.briefings) == 4


def test_co_mentions_are_counted_and_ranked() -> None:
    index = fixture_index()
    assert index.co_mentions["tomas-vey"] == [("aurelia", 2), ("borovia", 2), ("borovian-wire", 1),
                                              ("mara-lind", 1)]
    assert dict(index.co_mentions["mara-lind"])["aurelian-assembly"] == 1


def test_quotes_events_and_outlets() -> None:
    index = fixture_index()
    assert [q.text for _, q in index.quotes_by_actor["tomas-vey"]] == [
        "Borovia will not sign away its water.", "The river belongs to those who live beside it."]
    assert index.events_by_actor["borovia"] == ["border-exercise-2024", "river-accord-talks-2024"]
    assert index.outlets_by_event["river-accord-talks-2024"] == [("harbour-times", 1), ("velgrad-today", 1)]
    assert ids(index.by_outlet["velgrad-today"]) == ["2024-03-02-borovia-holds-border-exercise",
                                                    "2024-01-17-river-talks-end-without-accord"]


def test_related_prefers_rare_shared_actors_and_events() -> None:
    index = fixture_index()
    related = ids(index.related["2024-01-15-river-talks-open-in-port-aster"])
    # Shares the event, Tomas Vey and both states with the closing report: strongest tie.
    assert related[0] == "2024-01-17-river-talks-end-without-accord"
    assert set(related) == {
        "2024-01-17-river-talks-end-without-accord",
        "2024-02-09-assembly-debates-river-treaty",
        "2024-03-02-borovia-holds-border-exercise",
    }
    assert "2024-01-15-river-talks-open-in-port-aster" not in related


def test_common_actors_only_relate_briefings_near_in_date(monkeypatch) -> None:
    import datetime as dt

    from site_builder.core import index as link
    from site_builder.core.models import Briefing

    monkeypatch.setattr(link, "CANDIDATES_PER_ENTITY", 4)
    day = dt.date(2024, 1, 1)
    briefings = [
        Briefing(
            id=f"2024-01-{i + 1:02d}-b{i}",
            title="t",
            date=day + dt.timedelta(days=i),
            outlet="o",
            source_url=f"https://x.example/{i}",
            actors=("common",),
            summary="s",
            body="b",
        )
        for i in range(20)
    ]
    by_actor = {"common": sorted(briefings, key=link.newest_first)}
    related = link.related_briefings(briefings, by_actor, {})
    middle = related["2024-01-11-b10"]
    assert len(middle) <= link.RELATED_LIMIT
    assert {b.date.day for b in middle} <= {9, 10, 12, 13}
    assert [b.date.day for b in middle][:2] in ([10, 12], [12, 10])  # nearest dates first


def test_relative_urls() -> None:
    assert site_url("index.md") == ""
    assert site_url("actors/index.md") == "actors/"
    assert site_url("actors/kim.md") == "actors/kim/"
    assert relative("briefings/x.md", "actors/kim.md") == "../../actors/kim/"
    assert relative("index.md", "actors/kim.md") == "actors/kim/"
    assert relative("actors/index.md", "actors/kim.md") == "kim/"
    assert relative("actors/kim.md", "index.md") == "../../"
    assert relative("timeline/2024.md", "timeline/2024.md", "2024-01") == "./#2024-01"


def _reference_related(briefings, by_actor, by_event):  # type: ignore[no-untyped-def]
    """The ranking spelled out: score every candidate, sort them all by the full key."""
    import math

    from site_builder.core import index as link

    postings = {("a", k): v for k, v in by_actor.items()} | {("e", k): v for k, v in by_event.items()}
    weight = {k: math.log(1 + len(briefings) / len(v)) for k, v in postings.items()}
    dates = {o.id: o.date.toordinal() for o in briefings}
    out = {}
    for b in briefings:
        scores: dict[str, float] = {}
        for key in [("a", a) for a in sorted(set(b.actors))] + [("e", e) for e in sorted(set(b.events))]:
            posting = sorted(postings[key], key=lambda o: (o.date.toordinal(), o.id))
            if len(posting) > link.CANDIDATES_PER_ENTITY:
                at = [(o.date.toordinal(), o.id) for o in posting].index((b.date.toordinal(), b.id))
                half = link.CANDIDATES_PER_ENTITY // 2
                start = max(0, min(at - half, len(posting) - link.CANDIDATES_PER_ENTITY))
                posting = posting[start:start + link.CANDIDATES_PER_ENTITY]
            for other in posting:
                if other.id != b.id:
                    scores[other.id] = scores.get(other.id, 0.0) + weight[key]

        def key(item: tuple[str, float], ordinal: int = b.date.toordinal()) -> tuple[float, int, str]:
            days = abs(dates[item[0]] - ordinal)
            return (-round(item[1] / (1 + days / link.HALF_LIFE_DAYS), 9), days, item[0])

        out[b.id] = [oid for oid, _ in sorted(scores.items(), key=key)[:link.RELATED_LIMIT]]
    return out


def test_related_ranking_matches_a_full_sort_of_every_candidate(monkeypatch) -> None:
    """Only the candidates that can reach the top are ranked; the result must not differ."""
    import datetime as dt
    import random

    from site_builder.core import index as link
    from site_builder.core.models import Briefing

    monkeypatch.setattr(link, "CANDIDATES_PER_ENTITY", 12)
    rng = random.Random(7)
    start = dt.date(2020, 1, 1)
    briefings = []
    for i in range(300):  # few actors and dates: many exact ties in score and distance
        actors = tuple(sorted(rng.sample(["a", "b", "c", "d", "e", "f", "g"], rng.randint(1, 3))))
        events = tuple(rng.sample(["x", "y"], rng.randint(0, 1)))
        briefings.append(
            Briefing(
                id=f"b{i:03d}",
                title="t",
                date=start + dt.timedelta(days=rng.randint(0, 60)),
                outlet="o",
                source_url=f"https://x.example/{i}",
                actors=actors,
                events=events,
                summary="s",
                body="b",
            )
        )
    by_actor: dict[str, list[Briefing]] = {}
    by_event: dict[str, list[Briefing]] = {}
    for b in briefings:
        for a in b.actors:
            by_actor.setdefault(a, []).append(b)
        for e in b.events:
            by_event.setdefault(e, []).append(b)
    fast = link.related_briefings(briefings, by_actor, by_event)
    assert {k: [b.id for b in v] for k, v in fast.items()} == _reference_related(
        briefings, by_actor, by_event
    )


def test_relative_paths_agree_with_posixpath() -> None:
    import posixpath

    from hypothesis import given
    from hypothesis import strategies as st

    from site_builder.core.urls import _relpath

    segment = st.sampled_from(["a", "b", "actors", "x-y", "2024"])
    path = st.lists(segment, max_size=4).map(lambda parts: "/".join(parts) + "/" if parts else ".")

    @given(path, path)
    def agree(target: str, base: str) -> None:
        assert _relpath(target, base) == posixpath.relpath(target, base)

    agree()


def test_open_data_is_serialised_exactly_as_json_dumps_would() -> None:
    """Records are serialised one by one (a rebuild reuses them); the file must not differ from one dump
    of the whole, one record per line."""
    import json

    from site_builder.outputs import opendata

    def reference(kind: str, records: list[dict[str, object]]) -> str:
        """Compact JSON with each record on a line of its own."""
        body = {"format": opendata.DATA_FORMAT_VERSION, "kind": kind, "count": len(records), kind: records}
        text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
        for record in records:
            line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
            text = text.replace(line, "\n" + line, 1)
        return (text[:-2] + "\n]}" if records else text) + "\n"

    tricky = [{"id": "a", "title": "Quote \" and \\ and </script> and \u2028 and 東京", "tags": ["x", "y"],
               "quotes": [{"speaker": "s", "text": "t\nu"}], "empty": [], "nested": {"k": [1, {"z": None}]}},
              {"id": "b"}]
    for records in ([], tricky[:1], tricky):
        assert opendata._dump("briefings", records) == reference("briefings", records)
    index = fixture_index()
    cache: opendata.RecordCache = {}
    first = opendata.data_files(index, cache)
    assert first == opendata.data_files(index, cache) == opendata.data_files(index)
    assert json.loads(first["briefings.json"])["count"] == len(index.briefings)
