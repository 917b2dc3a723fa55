"""Record pages filled into a skeleton of the theme's page: the same bytes as rendered whole, and only
where nothing can make them differ unseen."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from site_builder.mkdocs_plugin.skeleton import Skeleton, Skeletons, mark, usable

from .conftest import mkdocs_build
from .test_parallel_pages import ENV, corpus_with, tree


def test_a_skeleton_is_filled_slot_by_slot() -> None:
    skeleton = Skeleton(f"<title>{mark('title')} - Site</title><main>{mark('content')}</main>"
                        f"<link href='/a/{mark('slug')}/'>")
    assert skeleton.sound
    filled = skeleton.fill({"title": "Kim &amp; Xi", "content": "<p>text</p>", "slug": "kim-xi"})
    assert filled == "<title>Kim &amp; Xi - Site</title><main><p>text</p></main><link href='/a/kim-xi/'>"
    assert skeleton.fill({"title": "t", "content": "c"}) is None  # a slot without a value


def test_an_address_holds_the_name_as_the_address_quotes_it() -> None:
    skeleton = Skeleton(f"<link href='https://x.example/a/{quote(mark('slug'))}/'>"
                        f"<a data-src='{mark('slug')}'>")
    assert skeleton.fill({"slug": "réunion", "quoted": "r%C3%A9union"}) == (
        "<link href='https://x.example/a/r%C3%A9union/'><a data-src='réunion'>")


def test_a_marker_the_template_changed_makes_the_skeleton_unsound() -> None:
    assert not Skeleton(f"<a title='{mark('title')[:-1]}'>").sound  # cut by a filter, say


def test_the_heading_material_adds_follows_the_page_not_the_probe() -> None:
    skeleton = Skeleton(f"<article>{mark('content')}<h1{mark('heading')}</article>")
    assert skeleton.fill({"content": "<h1>Own</h1>"}) == "<article><h1>Own</h1></article>"


def _page(tmp_path: Path, src_uri: str, meta: dict[str, object], content: str) -> Page:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: T\ntheme: material\nplugins: []\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    page = Page(None, File(src_uri, str(tmp_path / "docs"), config.site_dir, True), config)
    page.markdown, page.meta, page.content = "", meta, content
    return page


def test_a_page_holding_a_marker_or_named_index_is_rendered_whole(tmp_path: Path) -> None:
    good = _page(tmp_path, "actors/kim.md", {"title": "Kim"}, "<p>x</p>")
    assert Skeletons.values(good) == {"content": "<p>x</p>", "slug": "kim", "quoted": "kim", "title": "Kim"}
    assert Skeletons.values(_page(tmp_path, "actors/kim.md", {"title": f"K{mark('title')}"}, "")) is None
    assert Skeletons.values(_page(tmp_path, "timeline/2024/index.md", {"title": "2024"}, "")) is None
    assert Skeletons.values(_page(tmp_path, "actors/kim.md", {"title": ["a list"]}, "")) is None
    feeds = {"title": "Kim", "feed": "feeds/kim.xml"}
    assert Skeletons.values(_page(tmp_path, "actors/kim.md", feeds, ""))
    own_folder = {"title": "Kim", "feed": "actors/kim.xml"}  # made relative, shortened otherwise
    assert Skeletons.values(_page(tmp_path, "actors/kim.md", own_folder, "")) is None


def test_pages_with_other_fixed_metadata_or_headings_get_other_skeletons(tmp_path: Path) -> None:
    one = _page(tmp_path, "actors/kim.md", {"title": "Kim", "og_type": "website"}, "<h1>Kim</h1>")
    two = _page(tmp_path, "actors/xi.md", {"title": "Xi", "og_type": "website"}, "<h1>Xi</h1>")
    other = _page(tmp_path, "actors/li.md", {"title": "Li", "og_type": "article"}, "<h1>Li</h1>")
    bare = _page(tmp_path, "actors/mo.md", {"title": "Mo", "og_type": "website"}, "<p>Mo</p>")
    described = _page(tmp_path, "actors/ri.md", {"title": "Ri", "og_type": "website", "description": "d"},
                      "<h1>Ri</h1>")
    keys = [Skeletons.key(page, "main.html") for page in (one, two, other, bare, described)]
    assert keys[0] == keys[1]
    assert len(set(keys)) == 4


def test_a_plugin_that_changes_the_context_or_a_project_template_turns_skeletons_off(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    config_file = tmp_path / "mkdocs.yml"
    plain = "site_name: T\nplugins: []\n"
    config_file.write_text(plain + "theme: material\n", encoding="utf-8")
    assert usable(load_config(str(config_file)))
    hook = "def on_page_context(context, page, config, nav):\n    return context\n"
    (tmp_path / "hooks.py").write_text(hook, encoding="utf-8")
    config_file.write_text(plain + "theme: material\nhooks:\n  - hooks.py\n", encoding="utf-8")
    assert not usable(load_config(str(config_file)))
    (tmp_path / "overrides").mkdir()
    config_file.write_text(plain + "theme:\n  name: material\n  custom_dir: overrides\n", encoding="utf-8")
    assert usable(load_config(str(config_file)))  # a custom_dir of assets only
    (tmp_path / "overrides" / "main.html").write_text('{% extends "base.html" %}', encoding="utf-8")
    assert not usable(load_config(str(config_file)))


def test_workers_fill_most_record_pages_into_skeletons_and_change_no_byte(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The build MkDocs makes alone, and the one whose workers fill skeletons, are the same site; and the
    workers did fill them (counted through a file, as they are other processes)."""
    whole = corpus_with(tmp_path, "whole", "      workers: 1\n")
    filled = corpus_with(tmp_path, "filled", "      workers: 2\n")
    assert mkdocs_build(whole, env=ENV).returncode == 0
    count = tmp_path / "fills"
    fill = Skeleton.fill

    def counting(self: Skeleton, values: dict[str, str]) -> str | None:
        out = fill(self, values)
        if out is not None:
            with count.open("a", encoding="utf-8") as f:
                f.write(".")
        return out

    monkeypatch.setattr(Skeleton, "fill", counting)
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(filled)
    config = load_config(str(filled / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    one, two = tree(whole / "site"), tree(filled / "site")
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    record_pages = sum(1 for name in two
                       if name.startswith(("briefings/", "actors/")) and name.count("/") == 2)
    fills = count.stat().st_size if count.exists() else 0
    assert fills > record_pages // 2, (fills, record_pages, os.cpu_count())
