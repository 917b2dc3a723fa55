"""Pagefind's word index re-cut into small chunks: the same words, ranges as Pagefind writes them,
and the same results in the browser as Pagefind's own chunks give."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from site_builder.search import BUNDLE
from site_builder.search.bundle import write_bundles
from site_builder.search.canonical import canonicalise_bundle
from site_builder.search.chunks import cut, ranges
from site_builder.search.pfcodec import decode_items, encode, encode_items, read
from site_builder.search.plan import html_pages


def _word(text: str, *pages: int) -> list[Any]:
    """A word as Pagefind packs it: each page its number, its locations and its meta locations."""
    return [text, [[number, list(range(locations)), []] for number, locations in enumerate(pages)]]


def test_words_are_cut_and_ranged_as_pagefind_cuts_them() -> None:
    # Pagefind's own test: apple (2 pages, 6 locations), apricot (3), banana (4), peach (3), budget 8
    words = [_word("apple", 3, 3), _word("apricot", 3), _word("banana", 4), _word("peach", 3)]
    chunks = cut(words, 8)
    assert [[w[0] for w in chunk] for chunk in chunks] == [["apple"], ["apricot", "banana"], ["peach"]]
    assert ranges(chunks) == [["apple", "app"], ["apr", "b"], ["p", "peach"]]
    assert ranges(cut(words, 100)) == [["apple", "peach"]]  # under budget: one chunk, whole words


def test_words_copied_as_bytes_give_the_bytes_an_encoder_would() -> None:
    """Re-cut chunks copy each word's bytes: the result is what encoding the words again gives, for
    lists whose length takes one, two or three bytes to write."""
    for count in (3, 30, 300):
        words = [_word(f"w{k:04d}", k % 7 + 1, 300) for k in range(count)]
        items = decode_items(encode([words]))
        assert [value for value, _ in items] == words
        assert encode_items([data for _, data in items]) == encode([words])
        assert encode_items([data for _, data in items[1::2]]) == encode([words[1::2]])
    with pytest.raises(ValueError):
        decode_items(encode([words]) + b"\x00")  # bytes after the list
    with pytest.raises(ValueError):
        decode_items(encode(words))  # not a list of one list


def _bundle_words(bundle: Path) -> tuple[list[list[str]], list[Any]]:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = read(bundle / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")
    words = [word for _, _, name in meta[2] for word in read(bundle / "index" / f"{name}.pf_index")[0]]
    return meta[2], words


@pytest.fixture(scope="module")
def small_chunks(tmp_path_factory: pytest.TempPathFactory, fixture_archive_site: Path) -> Path:
    """The fixture site indexed by Pagefind and re-cut into chunks of 40 locations."""
    site = tmp_path_factory.mktemp("chunks") / "site"
    shutil.copytree(fixture_archive_site, site, ignore=shutil.ignore_patterns(BUNDLE))
    write_bundles(site, [(sorted(html_pages(site)), site / BUNDLE)])
    canonicalise_bundle(site / BUNDLE, chunk_locations=40)
    return site


def test_rechunked_index_keeps_every_word_in_order(small_chunks: Path,
                                                   fixture_archive_site: Path) -> None:
    listed, words = _bundle_words(small_chunks / BUNDLE)
    before_listed, before = _bundle_words(fixture_archive_site / BUNDLE)
    assert words == before  # the same words with the same pages and locations, in the same order
    assert len(listed) > 10 * len(before_listed)
    files = sorted(p.stem for p in (small_chunks / BUNDLE / "index").iterdir())
    assert files == sorted(name for _, _, name in listed)  # every chunk listed, no stale file left


@pytest.mark.browser
@pytest.mark.parametrize("query", ["river", "border", "talks", "riv", "assembly debates", "zzzz"])
def test_rechunked_index_finds_what_pagefind_s_chunks_find(browser: Any, serve: Any, small_chunks: Path,
                                                          fixture_archive_site: Path, query: str) -> None:
    found = []
    for site in (fixture_archive_site, small_chunks):
        page = browser.new_page()
        page.goto(serve(site) + "search/?q=" + query)
        page.wait_for_function("() => /result/.test("
                               "document.querySelector('.ba-search__status').textContent)")
        found.append((page.locator(".ba-search__status").inner_text(),
                      page.locator(".ba-search__result > a").all_inner_texts()))
        page.close()
    assert found[0] == found[1]
    assert bool(found[0][1]) == (query != "zzzz")
