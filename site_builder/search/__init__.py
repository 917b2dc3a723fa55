"""Search: index a built site with Pagefind, after any engine has written it.

Pagefind reads the finished HTML, so this step works the same after MkDocs,
ProperDocs or Zensical. Only the article area of each page is indexed
(``ROOT``), minus long lists, charts and repeated statements (``EXCLUDED``
and the templates' ``ba-noindex``) so that an actor page does not match every
headline it lists or every statement it repeats. Pages say what to filter and
sort on with ``data-pagefind-*`` attributes set by the templates: actor, event,
outlet, year and kind filters, a date sort, date and outlet metadata.

Pagefind holds every page of an index in memory until it writes the bundle:
about 0.2 MB per briefing, so one index of 10,000 briefings peaks near 2 GB,
whatever the page chrome around the article. A site of more than ``PART_SIZE``
pages is therefore indexed in parts (:mod:`.plan`), each by its own run of
Pagefind's command line over a folder of links to exactly its pages
(:mod:`.bundle`), ``RUNS_AT_ONCE`` at a time:

* ``pagefind/`` holds the pages without a date (home, actors, events, outlets,
  timeline, hand-written pages) and Pagefind's scripts;
* ``pagefind/part-N/`` each hold a run of dated pages (the briefings), cut in
  date order into parts of nearly equal size, oldest first;
* ``pagefind/parts.json`` lists the parts in that order, with their first and
  last dates, and how many briefings the search page reads for a query's first
  results (``first_pages``); a site indexed whole lists none;
* ``pagefind/facets.json`` lists every filter value of a parted site with its
  count and the bundles that hold it (:mod:`.facets`).

The dates come from the archive's index, which the caller passes as
:func:`page_dates` gives them. The search page merges parts into the main index
in the browser (Pagefind's ``mergeIndex``) only as a query needs them: first the
newest parts holding at most ``first_pages`` briefings (one part of a large
site), older ones when the reader asks for more results or narrows the dates or
filters to them, so that a first query costs the same whatever the archive's
size. Results and filter counts add up across the merged parts, and a
date-sorted search is read part by part (see ``static/search.js``). Every
bundle is then rewritten in a canonical order (:mod:`.canonical`) so that the
same site gives the same bytes.

Pagefind writes one fragment file per page plus index and filter chunks for
each part: about as many files as pages, which matters on hosts that cap file
counts.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from site_builder.errors import BriefingsError
from site_builder.search.bundle import EXCLUDED, ROOT, RUNS_AT_ONCE, PagefindFailed, write_bundles
from site_builder.search.canonical import canonicalise_bundle
from site_builder.search.facets import FACETS, write_facets
from site_builder.search.plan import (
    BUNDLE,
    FIRST_PAGES,
    PART_SIZE,
    Part,
    Plan,
    html_pages,
    page_dates,
    page_path,
    plan_parts,
)

__all__ = ["BUNDLE", "EXCLUDED", "FACETS", "FIRST_PAGES", "PARTS", "PART_SIZE", "ROOT", "RUNS_AT_ONCE",
           "Part", "Plan", "SearchIndex", "index_site", "page_dates", "page_path", "plan_parts"]

#: The list of parts that the search page merges, inside the bundle.
PARTS = "parts.json"
#: What a merged part needs; the browser runs Pagefind's scripts and WebAssembly from the main bundle.
_PART_KEEPS = ("pagefind-entry.json", "index", "filter", "fragment")


@dataclass(frozen=True)
class SearchIndex:
    files: int
    bytes: int


def index_site(site_dir: Path, dates: Mapping[str, str], part_size: int = PART_SIZE,
               first_pages: int = FIRST_PAGES) -> SearchIndex:
    """Index ``site_dir`` into ``site_dir/pagefind``, in parts if it has more than ``part_size`` pages.

    ``first_pages`` bounds the briefings whose parts the search page merges for a query's first
    results (at least one part is merged whatever its size).

    ``dates`` maps the built HTML file of each dated page, relative to ``site_dir``, to its ISO
    date (see :func:`page_dates`); every other page has none. Returns the files and bytes of the
    whole bundle, parts included.
    """
    bundle = site_dir / BUNDLE
    try:
        if bundle.exists():
            shutil.rmtree(bundle)  # Pagefind adds to an output folder: stale parts would linger
        plan = plan_parts(html_pages(site_dir), dates, part_size)
    except OSError as exc:
        raise BriefingsError(f"cannot read the built site for search indexing: {exc}") from exc
    main: tuple[str, ...] | None = plan.main if plan.parts else None  # None: every page, the site as it is
    runs = [(main, bundle), *((part.pages, bundle / part.name) for part in plan.parts)]
    folders = [folder for _, folder in runs]

    def rewrite(number: int) -> None:
        """Once its run has ended: a part drops Pagefind's scripts, every bundle is made canonical."""
        if number:
            _trim_part(folders[number])
        else:
            _drop_ready_made_ui(folders[0])
        canonicalise_bundle(folders[number])

    listing: dict[str, object] = {"parts": [{"path": f"{part.name}/", "first": part.first, "last": part.last,
                                             "pages": len(part.pages)} for part in plan.parts]}
    if plan.parts:
        listing["first_pages"] = first_pages
    try:
        write_bundles(site_dir, runs, rewrite)
        if plan.parts:
            write_facets(bundle, folders)
        (bundle / PARTS).write_text(json.dumps(listing, sort_keys=True, separators=(",", ":")) + "\n",
                                    encoding="utf-8")
    except OSError as exc:
        raise BriefingsError(f"cannot index the built site: {exc}") from exc
    except PagefindFailed as exc:
        raise BriefingsError(f"Pagefind failed: {exc}") from exc
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise BriefingsError(f"cannot make Pagefind's index reproducible: {exc}") from exc
    files = [p for p in bundle.rglob("*") if p.is_file()]
    return SearchIndex(len(files), sum(p.stat().st_size for p in files))


#: Pagefind's ready-made search interfaces, which the archive's search page (``static/search.js`` on
#: Pagefind's JavaScript API) does not load: 0.4 MB a site.
_READY_MADE_UI = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                  "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


def _drop_ready_made_ui(folder: Path) -> None:
    for name in _READY_MADE_UI:
        (folder / name).unlink(missing_ok=True)


def _trim_part(folder: Path) -> None:
    """Drop a part's copies of Pagefind's scripts, styles and WebAssembly: the main bundle's serve."""
    for path in folder.iterdir():
        if path.name in _PART_KEEPS or path.suffix == ".pf_meta":
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
