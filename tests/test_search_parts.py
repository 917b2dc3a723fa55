"""Search indexing in parts: which pages each Pagefind index takes, and what the parts add up to.

A large site is indexed by several Pagefind runs so that no run holds the whole site in memory. These
tests force parts on the small synthetic corpus (``part_size`` of a few pages) and check that the
parts, taken together, index exactly what one run over the whole site does.
"""

from __future__ import annotations

import errno
import gzip
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from site_builder.errors import BriefingsError
from site_builder.search import (
    BUNDLE,
    FACETS,
    FIRST_PAGES,
    PARTS,
    Plan,
    bundle,
    index_site,
    page_path,
    plan_parts,
)
from site_builder.search.pfcodec import read
from site_builder.search.plan import html_pages

from .conftest import CORPUS, FIXTURE_ARCHIVE, archive_dates

PART_SIZE = 5


def _copy(site: Path, target: Path) -> Path:
    shutil.copytree(site, target, ignore=shutil.ignore_patterns(BUNDLE))
    return target


def _urls(bundle: Path) -> list[str]:
    """The URL of every page a bundle indexed, from its fragment files."""
    urls = []
    for path in (bundle / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        urls.append(json.loads(data)["url"])
    return sorted(urls)


def _filters(bundle: Path) -> dict[str, dict[str, int]]:
    """Filter name -> value -> number of pages, as a bundle's filter index holds them."""
    counts: dict[str, dict[str, int]] = {}
    for path in (bundle / "filter").iterdir():
        name, values = read(path)
        counts[name] = {value: len(pages) for value, pages in values}
    return counts


def _url(page: str) -> str:
    return "/" + page.removesuffix("index.html")


@pytest.fixture(scope="module")
def dates() -> dict[str, str]:
    """The corpus's briefing dates, as the build passes them."""
    return archive_dates(CORPUS)


def _plan(site: Path, dates: dict[str, str], part_size: int = PART_SIZE) -> Plan:
    return plan_parts(html_pages(site), dates, part_size)


@pytest.fixture(scope="module")
def parted(tmp_path_factory: pytest.TempPathFactory, corpus_site: Path, dates: dict[str, str]) -> Path:
    """The corpus site indexed in parts of five pages."""
    site = _copy(corpus_site, tmp_path_factory.mktemp("parted") / "site")
    index_site(site, dates, part_size=PART_SIZE)
    return site


def test_dates_are_the_archive_s_briefing_dates(fixture_archive_site: Path) -> None:
    found = archive_dates(FIXTURE_ARCHIVE)
    assert found["briefings/2024-01-15-river-talks-open-in-port-aster/index.html"] == "2024-01-15"
    assert all(page.startswith("briefings/") and page[10:20] == date for page, date in found.items())
    assert set(found) <= set(html_pages(fixture_archive_site))  # each names a built page
    assert page_path("index.md") == "index.html" and page_path("actors/x.md") == "actors/x/index.html"


def test_a_site_that_fits_one_run_is_indexed_whole(corpus_site: Path, dates: dict[str, str]) -> None:
    plan = _plan(corpus_site, dates, part_size=10_000)
    assert plan.parts == () and len(plan.main) == len(list(html_pages(corpus_site)))
    listing = json.loads((corpus_site / BUNDLE / PARTS).read_text(encoding="utf-8"))
    assert listing == {"parts": []}


def test_dated_pages_are_cut_in_date_order_into_even_parts(corpus_site: Path, dates: dict[str, str]) -> None:
    plan = _plan(corpus_site, dates)
    briefings = sorted(p for p in plan.main + tuple(q for part in plan.parts for q in part.pages)
                       if p.startswith("briefings/"))
    assert len(plan.parts) >= 3
    assert not any(page.startswith("briefings/") for page in plan.main)  # undated pages only
    in_parts = [page for part in plan.parts for page in part.pages]
    assert sorted(in_parts) == briefings and len(set(in_parts)) == len(in_parts)
    sizes = [len(part.pages) for part in plan.parts]
    assert max(sizes) <= PART_SIZE and max(sizes) - min(sizes) <= 1
    dates = [page.removeprefix("briefings/")[:10] for page in in_parts]
    assert dates == sorted(dates)  # reading the parts in order gives the date order
    for part in plan.parts:
        assert (part.first, part.last) == (part.pages[0][10:20], part.pages[-1][10:20])


def test_parts_together_index_what_one_run_does(parted: Path, corpus_site: Path,
                                                dates: dict[str, str]) -> None:
    plan = _plan(parted, dates)
    whole = _urls(corpus_site / BUNDLE)
    main = _urls(parted / BUNDLE)
    assert main == sorted(_url(page) for page in plan.main if _url(page) in whole)
    together = list(main)
    for part in plan.parts:
        found = _urls(parted / BUNDLE / part.name)
        assert found == sorted(_url(page) for page in part.pages)  # its pages, and no others
        together += found
    assert sorted(together) == whole  # every page once


def test_filter_counts_add_up_across_parts(parted: Path, corpus_site: Path, dates: dict[str, str]) -> None:
    plan = _plan(parted, dates)
    total: dict[str, dict[str, int]] = {}
    for folder in [parted / BUNDLE] + [parted / BUNDLE / part.name for part in plan.parts]:
        for name, values in _filters(folder).items():
            for value, count in values.items():
                total.setdefault(name, {})[value] = total.get(name, {}).get(value, 0) + count
    assert total == _filters(corpus_site / BUNDLE)


def test_parts_hold_index_data_and_are_listed(parted: Path, dates: dict[str, str]) -> None:
    plan = _plan(parted, dates)
    listing = json.loads((parted / BUNDLE / PARTS).read_text(encoding="utf-8"))
    assert listing["parts"] == [{"path": f"{part.name}/", "first": part.first, "last": part.last,
                                 "pages": len(part.pages)} for part in plan.parts]
    assert (parted / BUNDLE / "pagefind.js").exists()
    for part in plan.parts:
        names = {p.name for p in (parted / BUNDLE / part.name).iterdir()}
        meta = {name for name in names if name.endswith(".pf_meta")}
        assert names - meta == {"pagefind-entry.json", "index", "filter", "fragment"} and len(meta) == 1


def test_parted_index_is_reproducible_and_counted(tmp_path: Path, corpus_site: Path,
                                                  dates: dict[str, str]) -> None:
    first, second = _copy(corpus_site, tmp_path / "a"), _copy(corpus_site, tmp_path / "b")
    found = index_site(first, dates, part_size=PART_SIZE)
    (first / BUNDLE / "stale").mkdir()  # left over from an earlier build: removed by the next
    index_site(first, dates, part_size=PART_SIZE)
    index_site(second, dates, part_size=PART_SIZE)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel
    bundle = [p for p in (first / BUNDLE).rglob("*") if p.is_file()]
    assert (found.files, found.bytes) == (len(bundle), sum(p.stat().st_size for p in bundle))
    assert not (first / BUNDLE / "stale").exists()


def _write_pages(site: Path, names: dict[str, str | None]) -> None:
    """Minimal pages; each HTML date sort says the opposite of ``names`` (a date is 2024-01-DD there)."""
    for name, date in names.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        wrong = f"2024-01-{31 - int(date[-2:]):02d}" if date else "2023-06-01"
        path.write_text(f'<html lang="en"><body><article class="md-content__inner"><h1>{name}</h1>'
                        f'<p><time data-pagefind-sort="date:{wrong}">{wrong}</time> words</p></article>'
                        "</body></html>", encoding="utf-8")


def test_parts_hold_pages_with_awkward_names(tmp_path: Path) -> None:
    """Names with glob syntax in them, prefixes of each other, and a dated page beside undated ones."""
    site = tmp_path / "site"
    names = {"index.html": None, "a b/index.html": None, "x[1]/index.html": "2024-01-02",
             "x{2},(3)/index.html": "2024-01-01", "x.html": None, "xy.html": "2024-01-03",
             "deep/er/page.html": "2024-01-04", "deep/index.html": None, "#h/index.html": "2024-01-05",
             "ü/index.html": None, "c$:<d>?*/index.html": "2024-01-06", "back\\slash/index.html": None}
    _write_pages(site, names)
    dates = {name: date for name, date in names.items() if date}
    index_site(site, dates, part_size=2)
    plan = _plan(site, dates, part_size=2)
    assert len(plan.parts) == 3
    assert _urls(site / BUNDLE) == sorted(_url(n) for n, date in names.items() if date is None)
    for part in plan.parts:
        assert _urls(site / BUNDLE / part.name) == sorted(_url(page) for page in part.pages)


def test_parts_follow_the_index_dates_not_the_pages(tmp_path: Path) -> None:
    """Pages whose HTML gives other dates, or none the index knows, are parted and listed by the index's."""
    site = tmp_path / "site"
    names = ({f"b{i}/index.html": f"2024-01-{i:02d}" for i in range(1, 7)} |
             {"index.html": None, "about.html": None})
    _write_pages(site, names)
    dates = {name: date for name, date in names.items() if date}
    index_site(site, dates, part_size=3)
    listing = json.loads((site / BUNDLE / PARTS).read_text(encoding="utf-8"))
    assert listing["parts"] == [{"path": "part-1/", "first": "2024-01-01", "last": "2024-01-03", "pages": 3},
                                {"path": "part-2/", "first": "2024-01-04", "last": "2024-01-06", "pages": 3}]
    assert _urls(site / BUNDLE / "part-1") == ["/b1/", "/b2/", "/b3/"]  # the HTML would put them last
    assert _urls(site / BUNDLE / "part-2") == ["/b4/", "/b5/", "/b6/"]
    assert _urls(site / BUNDLE) == ["/", "/about.html"]  # the HTML's date sort does not make them dated


def test_runs_read_links_or_copies_and_leave_nothing_beside_the_site(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Each run indexes a folder of hard links to its pages, or of copies where the file system refuses
    links: both give the same bundle, which no Pagefind setting of the caller's changes, and the folders
    are gone afterwards."""
    names = {f"b{i}/index.html": f"2024-01-{i:02d}" for i in range(1, 5)} | {"index.html": None,
                                                                               "x/about.html": None}
    dates = {name: date for name, date in names.items() if date}
    linked, copied = tmp_path / "linked" / "site", tmp_path / "copied" / "site"
    _write_pages(linked, names)
    _write_pages(copied, names)
    index_site(linked, dates, part_size=2)

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", refuse)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pagefind.yml").write_text('glob: "b1/**/*.html"\n', encoding="utf-8")
    monkeypatch.setenv("PAGEFIND_KEEP_INDEX_URL", "true")
    index_site(copied, dates, part_size=2)
    files = sorted(p.relative_to(linked) for p in linked.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(copied) for p in copied.rglob("*") if p.is_file())
    for rel in files:
        assert (linked / rel).read_bytes() == (copied / rel).read_bytes(), rel
    assert len(_urls(linked / BUNDLE / "part-1")) == 2
    assert [p.name for p in linked.parent.iterdir()] == ["site"]
    assert [p.name for p in copied.parent.iterdir()] == ["site"]


def test_a_part_of_briefing_pages_is_named_by_one_pattern() -> None:
    pages = ["briefings/2024-01-02-b/index.html", "briefings/2024-01-01-a/index.html"]
    assert bundle.glob_of(pages) == "briefings/{2024-01-02-b,2024-01-01-a}/index.html"
    for odd in (["briefings/a,b/index.html"], ["briefings/{a}/index.html"], ["briefings/a*/index.html"],
                ["briefings/a/page.html"], ["briefings/a/index.html", "events/b/index.html"],
                ["x/index.html"], ["briefings/deep/er/index.html"], ["briefings/ü/index.html"]):
        assert bundle.glob_of(odd) is None, odd  # these are read through a folder of links instead
    assert bundle.glob_of([f"briefings/{'a' * 200}{i}/index.html" for i in range(1000)]) is None  # too long


def test_parts_read_through_a_pattern_equal_parts_read_through_links(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    names = {f"briefings/b{i}/index.html": f"2024-01-{i:02d}" for i in range(1, 6)} | {"index.html": None}
    dates = {name: date for name, date in names.items() if date}
    patterned, linked = tmp_path / "patterned" / "site", tmp_path / "linked" / "site"
    _write_pages(patterned, names)
    _write_pages(linked, names)
    commands: list[list[str]] = []
    command = bundle._command
    monkeypatch.setattr(bundle, "_command", lambda *args: commands.append(command(*args)) or commands[-1])
    index_site(patterned, dates, part_size=2)
    assert sum("--glob" in c for c in commands) == 3  # every part; the main bundle through links
    monkeypatch.setattr(bundle, "glob_of", lambda pages: None)
    index_site(linked, dates, part_size=2)
    files = sorted(p.relative_to(patterned) for p in patterned.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(linked) for p in linked.rglob("*") if p.is_file())
    for rel in files:
        assert (patterned / rel).read_bytes() == (linked / rel).read_bytes(), rel
    for part in _plan(patterned, dates, part_size=2).parts:
        assert _urls(patterned / BUNDLE / part.name) == sorted(_url(page) for page in part.pages)


def test_a_failed_run_is_reported_and_leaves_nothing_beside_the_site(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    _write_pages(site, {"index.html": None, "b/index.html": "2024-01-01"})
    monkeypatch.setattr(bundle, "_command", lambda folder, output, glob=None: [
        sys.executable, "-c", "import sys; print('no pages here', file=sys.stderr); sys.exit(3)"])
    with pytest.raises(BriefingsError, match="Pagefind failed: no pages here"):
        index_site(site, {"b/index.html": "2024-01-01"})
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_facets_list_every_value_with_its_count_and_bundles(parted: Path, corpus_site: Path,
                                                            dates: dict[str, str]) -> None:
    """facets.json adds up to the whole index's filters, and names exactly the bundles holding each value."""
    plan = _plan(parted, dates)
    facets = json.loads((parted / BUNDLE / FACETS).read_text(encoding="utf-8"))["filters"]
    whole = _filters(corpus_site / BUNDLE)
    totals = {name: {value: entry[0] for value, entry in values.items()} for name, values in facets.items()}
    assert totals == whole
    folders = [parted / BUNDLE] + [parted / BUNDLE / part.name for part in plan.parts]
    held = [_filters(folder) for folder in folders]
    for name, values in facets.items():
        for value, entry in values.items():
            assert entry[1:] == [n for n, found in enumerate(held) if value in found.get(name, {})]
    assert facets["kind"]["Briefing"][1:] == list(range(1, len(plan.parts) + 1))  # every part, not the main
    listing = json.loads((parted / BUNDLE / PARTS).read_text(encoding="utf-8"))
    assert listing["first_pages"] == FIRST_PAGES
    assert not (corpus_site / BUNDLE / FACETS).exists()  # a site indexed whole has its filters in one place
