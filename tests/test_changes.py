"""Rebuilding after an edit: the pages named as affected cover every page that really changed.

Each case renders every page and feed of the synthetic corpus while recording
what each reads, edits the corpus one way, renders everything again in full,
and checks that whatever differs was named by :func:`site_builder.pipeline.outputs_to_redo`
(:func:`site_builder.core.reads.affected` over every page and feed).
A template or page method that reads the index without its read being recorded
fails here, as does an edit whose changes the comparison of indexes misses.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from site_builder.core.load import Layout, LoadCache
from site_builder.core.reads import ANY, KEYS, Recorder, changes
from site_builder.pipeline import Site, build_site, outputs_to_redo

from .conftest import CORPUS

Edit = Callable[[Path], None]


def front(path: Path) -> tuple[dict[str, Any], str]:
    _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(head), body


def write(path: Path, data: dict[str, Any], body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n" + body,
                    encoding="utf-8")


def briefings(root: Path) -> list[Path]:
    return sorted(p for p in (root / "briefings").rglob("*.md") if "registry" not in p.parts)


def busiest(root: Path) -> Path:
    """The briefing naming the most actors: its edits reach the most pages."""
    return max(briefings(root), key=lambda p: (len(front(p)[0]["actors"]), p.name))


def change_field(name: str, value: Any) -> Edit:
    def edit(root: Path) -> None:
        path = busiest(root)
        data, body = front(path)
        data[name] = value(data) if callable(value) else value
        write(path, data, body)
    return edit


def registry_ids(root: Path, kind: str) -> list[str]:
    path = root / "briefings" / "registry" / f"{kind}.yml"
    return sorted(yaml.safe_load(path.read_text(encoding="utf-8")))


def swap_actor(root: Path) -> None:
    path = busiest(root)
    data, body = front(path)
    spare = [a for a in registry_ids(root, "actors") if a not in data["actors"]]
    data["actors"] = [*data["actors"][1:], spare[0]]
    data["quotes"] = [q for q in data.get("quotes", []) if q["speaker"] in data["actors"]]
    write(path, data, body)


def reword_quote(root: Path) -> None:
    """A quote's words change, not its speaker: the lists of quotes keep their order."""
    path = max(briefings(root), key=lambda p: (len(front(p)[0].get("quotes") or []), p.name))
    data, body = front(path)
    assert len(data["quotes"]) >= 2
    data["quotes"][-1]["text"] = "Words edited for the test."
    write(path, data, body)


def add_quote(root: Path) -> None:
    path = busiest(root)
    data, body = front(path)
    data["quotes"] = [*data.get("quotes", []), {"speaker": data["actors"][-1], "text": "A new remark."}]
    write(path, data, body)


def change_outlet(root: Path) -> None:
    path = busiest(root)
    data, body = front(path)
    data["outlet"] = next(o for o in registry_ids(root, "outlets") if o != data["outlet"])
    write(path, data, body)


def change_events(root: Path) -> None:
    path = busiest(root)
    data, body = front(path)
    events = registry_ids(root, "events")
    data["events"] = [events[0]] if data.get("events") != [events[0]] else [events[1]]
    write(path, data, body)


def move_date(root: Path) -> None:
    """A new date is a new file name, hence a new id: one page goes, another comes."""
    path = busiest(root)
    data, body = front(path)
    day = data["date"] + dt.timedelta(days=400)
    data["date"] = day
    path.unlink()
    folder = root / "briefings" / f"{day:%Y}" / f"{day:%m}"
    write(folder / f"{day.isoformat()}{path.stem[10:]}.md", data, body)


def delete(root: Path) -> None:
    busiest(root).unlink()


def add_new(root: Path) -> None:
    data, body = front(busiest(root))
    data["title"] = "A briefing added later"
    data["source_url"] = "https://added.example/later"
    write(root / "briefings" / "2024" / "12" / "2024-12-30-a-briefing-added-later.md", data | {"date":
          dt.date(2024, 12, 30)}, body)


def append_to_body(root: Path) -> None:
    path = busiest(root)
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")


def make_draft(root: Path) -> None:
    change_field("draft", True)(root)


EDITS: dict[str, Edit] = {
    "title": change_field("title", "An edited title"),
    "summary": change_field("summary", "An edited summary."),
    "body": append_to_body,
    "swap an actor": swap_actor,
    "add a quote": add_quote,
    "reword a quote": reword_quote,
    "outlet": change_outlet,
    "events": change_events,
    "date": move_date,
    "delete": delete,
    "add": add_new,
    "draft": make_draft,
    "tags": change_field("tags", ["edited"]),
}


def registry_edit(root: Path) -> None:
    registry = root / "briefings" / "registry" / "outlets.yml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("name: ", "name: The ", 1), encoding="utf-8")


def everything(site: Site) -> dict[str, str]:
    """Every page and file of a site, rendered in full (recording reads if the site does)."""
    out = {spec.src_uri: site.renderer.render(spec).document() for spec in site.pages}
    out.update(site.files())
    return out


def rewritten(paths: set[str]) -> set[str]:
    """Files rewritten on every build (open data, redirects, assets): only pages and feeds are kept."""
    return {p for p in paths if not p.endswith(".md") and not (p.startswith("feeds/") and p.endswith(".xml")
                                                              and not p.endswith("/sitemap.xml"))}


def copy_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(CORPUS, root, ignore=shutil.ignore_patterns("site"))
    return root


#: The most pages and feeds an edit to one briefing may name, as a share of all (about 0.31 now, for a
#: deleted briefing): every edit here touches the briefing naming the most actors.
LOCAL_SHARE = 0.4
#: An edit to a title, summary, body or tags changes what lists show, not who is named with whom:
#: the briefing, the lists it is on and the few pages that read the whole archive (about 0.12 now).
TEXT_SHARE = 0.15
TEXT_EDITS = {"title", "summary", "tags"}
#: A body shows only on its briefing's page: lists show titles, dates, summaries and names.
BODY_EDITS = {"body"}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_affected_pages_cover_every_change(tmp_path: Path, name: str) -> None:
    root = copy_corpus(tmp_path)
    layout = Layout.at(root)
    cache = LoadCache()
    before = build_site(layout, cache=cache, record_reads=True)
    old = everything(before)
    assert set(before.renderer.reads) == set(old) - rewritten(set(old))  # every page and feed recorded
    EDITS[name](root)
    after = build_site(layout, cache=cache, previous=before, record_reads=True)
    new = everything(after)
    assert new == everything(build_site(layout))  # caches and recording change nothing
    differing = {path for path in old.keys() | new.keys() if old.get(path) != new.get(path)}
    assert differing, "the edit changed nothing"
    named = outputs_to_redo(before.index, after.index, before.renderer.reads)
    assert named is not None
    assert not differing - named - rewritten(differing)
    # And the reads stay narrow: a one-briefing edit leaves most of the archive alone.
    share = len(named & old.keys()) / len(old)
    assert share < (TEXT_SHARE if name in TEXT_EDITS else LOCAL_SHARE), f"{len(named)} of {len(old)}"
    if name in BODY_EDITS:  # the edited briefing's page, and no page that only lists it
        assert named == {f"briefings/{busiest(root).stem}.md"}


def test_reads_kept_across_rebuilds_stay_valid(tmp_path: Path) -> None:
    """While serving, only affected pages are rendered again; the others keep the reads of an earlier
    build. After a second edit those kept reads must still name every page that changes."""
    root = copy_corpus(tmp_path)
    layout = Layout.at(root)
    first = build_site(layout, record_reads=True)
    everything(first)
    kept = {path: frozenset(r) for path, r in first.renderer.reads.items()}
    EDITS["swap an actor"](root)
    second = build_site(layout, previous=first, record_reads=True)
    redo = outputs_to_redo(first.index, second.index, kept)
    assert redo is not None
    for spec in second.pages:
        if spec.src_uri in redo:
            second.renderer.render(spec)
    dict(second.files())  # feeds are planned, hence recorded, on every build
    kept.update((path, frozenset(r)) for path, r in second.renderer.reads.items())
    old = everything(build_site(layout))
    EDITS["add a quote"](root)
    third = build_site(layout, previous=second, record_reads=True)
    new = everything(third)
    named = outputs_to_redo(second.index, third.index, kept)
    assert named is not None
    differing = {path for path in old.keys() | new.keys() if old.get(path) != new.get(path)}
    assert not differing - named - rewritten(differing)


def test_a_registry_change_redoes_everything(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    layout = Layout.at(root)
    before = build_site(layout, record_reads=True)
    everything(before)
    registry_edit(root)
    after = build_site(layout, previous=before)
    assert outputs_to_redo(before.index, after.index, before.renderer.reads) is None


def test_pages_without_recorded_reads_are_redone(tmp_path: Path) -> None:
    """A build that recorded nothing (or a page rendered elsewhere) leaves nothing to compare: redo it."""
    layout = Layout.at(copy_corpus(tmp_path))
    site = build_site(layout)
    everything(site)
    assert site.renderer.reads == {}
    named = outputs_to_redo(site.index, site.index, {})
    assert named is not None and {spec.src_uri for spec in site.pages} <= named


def test_an_unchanged_archive_affects_nothing(tmp_path: Path) -> None:
    layout = Layout.at(copy_corpus(tmp_path))
    before = build_site(layout, record_reads=True)
    everything(before)
    after = build_site(layout, previous=before)
    assert outputs_to_redo(before.index, after.index, before.renderer.reads) == set()


def test_the_view_records_each_kind_of_read(tmp_path: Path) -> None:
    """Keys read one by one are recorded one by one; reading a whole field records the whole field."""
    index = build_site(Layout.at(copy_corpus(tmp_path))).index
    recorder = Recorder(index)
    view = recorder.view
    some_actor = next(iter(index.by_actor))
    reads = recorder.start("a")
    assert view.by_actor[some_actor] is index.by_actor[some_actor]
    assert view.by_event.get("no-such-event") is None
    _ = (2015, 1) in view.by_month
    assert reads == {("by_actor", some_actor), ("by_event", "no-such-event"), ("by_month", (2015, 1))}
    reads = recorder.start("b")
    assert len(view.by_year) == len(index.by_year)
    sorted(view.by_outlet)
    list(view.pairs.items())
    assert view.briefings is index.briefings
    assert reads == {("by_year", KEYS), ("by_outlet", KEYS), ("pairs", ANY), ("briefings", ANY)}
    reads = recorder.start("c")
    view.actor_ranking()  # methods of Index run against the view
    assert reads == {("by_actor", ANY)}
    assert recorder.by_output.keys() == {"a", "b", "c"}


def test_changes_name_changed_keys_and_fields(tmp_path: Path) -> None:
    root = copy_corpus(tmp_path)
    layout = Layout.at(root)
    cache = LoadCache()
    before = build_site(layout, cache=cache)
    path = busiest(root)
    data, _ = front(path)
    change_field("title", "An edited title")(root)
    after = build_site(layout, cache=cache, previous=before)
    found = changes(before.index, after.index)
    bid = next(b.id for b in after.index.briefings if b.title == "An edited title")
    assert found.keys["by_id"] == {bid}
    assert found.keys["by_actor"] == set(data["actors"])
    assert "pairs" not in found.fields and "co_mentions" not in found.fields  # nobody new is named together
    assert not found.keys["mention_counts"] and not found.keys["outlet_profiles"]
    assert found.touches([("by_id", bid)]) and not found.touches([("by_id", "another"), ("by_year", KEYS)])
