"""Rebuilding after an edit: the pages named as affected cover every page that really changed.

Each case edits the synthetic corpus one way, renders every page and feed
before and after in full, and checks that whatever differs was named by
:func:`site_builder.core.changes.affected`. A rule missing from it fails here.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from site_builder.core import urls
from site_builder.core.changes import affected
from site_builder.core.load import Layout, LoadCache
from site_builder.pipeline import Site, build_site

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
    return sorted(yaml.safe_load((root / "briefings" / "registry" / f"{kind}.yml").read_text(encoding="utf-8")))


def swap_actor(root: Path) -> None:
    path = busiest(root)
    data, body = front(path)
    spare = [a for a in registry_ids(root, "actors") if a not in data["actors"]]
    data["actors"] = [*data["actors"][1:], spare[0]]
    data["quotes"] = [q for q in data.get("quotes", []) if q["speaker"] in data["actors"]]
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
    write(root / "briefings" / f"{day:%Y}" / f"{day:%m}" / f"{day.isoformat()}{path.stem[10:]}.md", data, body)


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
    "outlet": change_outlet,
    "events": change_events,
    "date": move_date,
    "delete": delete,
    "add": add_new,
    "draft": make_draft,
    "tags": change_field("tags", ["edited"]),
}


def everything(site: Site) -> dict[str, str]:
    out = {spec.src_uri: site.renderer.render(spec) for spec in site.pages}
    out.update(site.files())
    return out


@pytest.mark.parametrize("name", sorted(EDITS))
def test_affected_pages_cover_every_change(tmp_path: Path, name: str) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(CORPUS, root, ignore=shutil.ignore_patterns("site"))
    layout = Layout.at(root)
    cache = LoadCache()
    before = build_site(layout, cache=cache)
    old = everything(before)
    EDITS[name](root)
    after = build_site(layout, cache=cache, previous=before)
    assert everything(after) == everything(build_site(layout))  # caches change nothing
    new = everything(after)
    differing = {path for path in old.keys() | new.keys() if old.get(path) != new.get(path)}
    assert differing, "the edit changed nothing"
    named = affected(before.index, after.index, after.pages)
    assert named is not None
    always_redone = {path for path in differing if path.startswith((urls.DATA_DIR + "/",))}
    missed = differing - named - always_redone
    assert not missed
    # And the rules stay narrow: a one-briefing edit leaves most of the archive alone.
    assert len(named & old.keys()) < len(old) / 2


def test_a_registry_change_redoes_everything(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(CORPUS, root, ignore=shutil.ignore_patterns("site"))
    layout = Layout.at(root)
    before = build_site(layout)
    registry = root / "briefings" / "registry" / "outlets.yml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("name: ", "name: The ", 1), encoding="utf-8")
    after = build_site(layout, previous=before)
    assert affected(before.index, after.index, after.pages) is None
