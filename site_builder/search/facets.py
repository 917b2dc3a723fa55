"""Every filter value of a parted index, with its count and the bundles that hold it, in one small file.

The search page of a parted index merges only the newest part at first (see ``static/search.js``),
so Pagefind's own filter files tell it only the values of what it has merged. ``facets.json`` lists
every value of every filter once: its number of pages in the whole site and the bundles with at
least one of them (0 is the main bundle, N is ``part-N``). The page reads it only when the reader
opens the filters or arrives with one set, to offer every value with its count across the archive
and to merge just the parts that can hold results for the filters chosen.

Read from the canonical filter files after indexing, so it adds no Pagefind run and is as
reproducible as they are.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from site_builder.search.pfcodec import read

FACETS = "facets.json"


def bundle_filters(folder: Path) -> dict[str, dict[str, int]]:
    """Filter name -> value -> number of pages, as one bundle's filter files hold them."""
    counts: dict[str, dict[str, int]] = {}
    filters = folder / "filter"
    if not filters.is_dir():
        return counts
    for path in sorted(filters.iterdir()):
        name, values = read(path)
        found = counts.setdefault(str(name), {})
        for value, pages in values:
            found[str(value)] = found.get(str(value), 0) + len(pages)
    return counts


def facets(bundles: Sequence[Path]) -> dict[str, dict[str, list[int]]]:
    """Filter name -> value -> ``[pages in all bundles, numbers of the bundles holding it...]``.

    ``bundles`` are the main bundle first, then the parts in order, so a bundle's number is its
    position: 0 for the main bundle, N for ``part-N``.
    """
    merged: dict[str, dict[str, list[int]]] = {}
    for number, folder in enumerate(bundles):
        for name, values in bundle_filters(folder).items():
            found = merged.setdefault(name, {})
            for value, count in values.items():
                entry = found.setdefault(value, [0])
                entry[0] += count
                entry.append(number)
    return merged


def write_facets(bundle: Path, bundles: Sequence[Path]) -> None:
    """Write ``facets.json`` into the main bundle, in a stable order."""
    text = json.dumps({"filters": facets(bundles)}, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    (bundle / FACETS).write_text(text + "\n", encoding="utf-8")
