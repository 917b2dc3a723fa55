"""Which pages each Pagefind index takes: the main bundle's, and each part's.

Dates come from the archive's index (:func:`page_dates`), not from the built HTML: the index
already holds every briefing's date, and reading thousands of built pages back to find it again
costs seconds. A page that the index does not know (a hand-written page) has no date.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from site_builder.core import urls
from site_builder.core.index import Index
from site_builder.core.pages import PageSpec

BUNDLE = "pagefind"
#: Most pages per Pagefind index. Peak memory grows with the pages of one index (about 0.2 MB per
#: briefing: 55 MB for 250, beside the build's own), and two parts are indexed at once
#: (:data:`.bundle.RUNS_AT_ONCE`); total time grows with all pages. A query reads the metadata and
#: the index chunks of each part it merges, so small parts keep a first query small.
PART_SIZE = 250
#: Most briefings whose parts the search page merges for the first results of a query: the newest
#: part alone, so the bytes of a first query do not grow with the archive (at 10,000 briefings, 142 to
#: 148 kB for three queries, against 149 to 159 kB when the newest two parts are merged).
FIRST_PAGES = PART_SIZE
#: The kinds of generated page that carry a date sort (``data-pagefind-sort="date:..."``).
DATED_KINDS = frozenset({"briefing"})


@dataclass(frozen=True)
class Part:
    """A run of dated pages indexed on its own, oldest first, with its first and last dates."""

    name: str
    pages: tuple[str, ...]
    first: str
    last: str


@dataclass(frozen=True)
class Plan:
    """The pages of the main bundle and of each part, as paths relative to the site folder."""

    main: tuple[str, ...]
    parts: tuple[Part, ...]


def page_path(src_uri: str) -> str:
    """The built HTML file of a generated page, relative to the site folder."""
    return urls.site_url(src_uri) + "index.html"


def page_dates(pages: Iterable[PageSpec], index: Index) -> dict[str, str]:
    """The ISO date of every dated archive page, keyed by its built HTML file (see :func:`page_path`).

    Only the kinds in ``DATED_KINDS`` have one: the same pages whose templates set the date sort.
    """
    return {page_path(spec.src_uri): index.by_id[str(spec.key)].date.isoformat()
            for spec in pages if spec.kind in DATED_KINDS}


def html_pages(site_dir: Path) -> Iterator[str]:
    """The site's HTML files as relative POSIX paths, except the search bundle's own."""
    for folder, dirs, files in os.walk(site_dir):
        here = Path(folder)
        dirs.sort()
        if here == site_dir and BUNDLE in dirs:
            dirs.remove(BUNDLE)
        for name in sorted(files):
            if name.endswith(".html"):
                yield (here / name).relative_to(site_dir).as_posix()


def plan_parts(pages: Iterable[str], dates: Mapping[str, str], part_size: int = PART_SIZE) -> Plan:
    """Decide which pages each Pagefind index takes; ``dates`` gives the date of each dated page.

    A site that fits in one index is indexed whole: one index ranks best and costs the browser the
    fewest requests. Otherwise the pages without a date form the main bundle and the dated pages
    are cut, in date order, into parts of nearly equal size, so that reading the parts in order
    gives the date sort. The site is indexed whole, whatever its size, when it has no dated or no
    undated pages. Dates of pages that are not among ``pages`` are ignored.
    """
    if part_size < 1:
        raise ValueError("part_size must be at least 1")
    listed = sorted(set(pages))
    whole = Plan(tuple(listed), ())
    if len(listed) <= part_size:
        return whole
    dated = sorted((dates[page], page) for page in listed if page in dates)
    if not dated or len(dated) == len(listed):
        return whole
    count = -(-len(dated) // part_size)
    runs = [dated[len(dated) * i // count:len(dated) * (i + 1) // count] for i in range(count)]
    parts = tuple(Part(f"part-{i}", tuple(page for _, page in run), run[0][0], run[-1][0])
                  for i, run in enumerate(runs, 1))
    return Plan(tuple(page for page in listed if page not in dates), parts)
