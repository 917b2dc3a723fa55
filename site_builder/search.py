"""Search: index a built site with Pagefind, after any engine has written it.

Pagefind reads the finished HTML, so this step works the same after MkDocs,
ProperDocs or Zensical. Only the article area of each page is indexed
(``ROOT``), minus long lists, charts and repeated statements (``EXCLUDED``
and the templates' ``ba-noindex``) so that an actor page does not match every
headline it lists or every statement it repeats. Pages say what to filter and
sort on with ``data-pagefind-*`` attributes set by the templates: actor, event,
outlet, year and kind filters, a date sort, date and outlet metadata.

Pagefind holds every page of a run in memory until it writes the bundle: about
0.2 MB per briefing, so one run over 10,000 briefings peaks near 2 GB, whatever
the page chrome around the article. A site of more than ``PART_SIZE`` pages is
therefore indexed in parts, each by its own Pagefind process, ``RUNS_AT_ONCE``
at a time:

* ``pagefind/`` holds the pages without a date (home, actors, events, outlets,
  timeline) and Pagefind's scripts;
* ``pagefind/part-N/`` each hold a run of dated pages (the briefings), cut in
  date order into parts of nearly equal size, oldest first;
* ``pagefind/parts.json`` lists the parts in that order, with their first and
  last dates; a site indexed whole lists none.

The search page merges the parts into the main index in the browser
(Pagefind's ``mergeIndex``): results and filter counts add up across parts,
and a date-sorted search is read part by part (see ``static/search.js``). Each
run picks its pages from the site with a ``--glob`` of the shortest path
prefixes that select them, so nothing is copied.

Pagefind writes one fragment file per page plus index and filter chunks for
each part: about as many files as pages, which matters on hosts that cap file
counts.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from site_builder.errors import BriefingsError

ROOT = "article.md-content__inner"
EXCLUDED = ".ba-noindex, .ba-dateline, .ba-source, .ba-chart, .ba-chart-data, .ba-feed, .md-source-file, .headerlink"
BUNDLE = "pagefind"
#: The list of parts that the search page merges, inside the bundle.
PARTS = "parts.json"
#: Most pages per Pagefind run. Peak memory grows with the pages of one run (about 0.2 MB per
#: briefing), total time with all pages; each part costs the browser a few more small requests.
PART_SIZE = 2500
#: Pagefind runs at a time. A run spends much of its time writing one file per page, mostly waiting
#: on the file system, while another parses; two runs of ``PART_SIZE`` pages peak near 1 GB together.
RUNS_AT_ONCE = 2
#: Where the templates put a page's date: the key of the date sort.
_DATE = re.compile(rb'data-pagefind-sort="date:([^"]*)"')
#: What a merged part needs; the browser runs Pagefind's scripts and WebAssembly from the main bundle.
_PART_KEEPS = ("pagefind-entry.json", "index", "filter", "fragment")
#: Characters that Pagefind's glob syntax reads as syntax unless escaped with a backslash.
_GLOB_SPECIAL = re.compile(r"([*?$:<>\[\]{}(),])")
#: Past this many path prefixes in one glob (dated pages whose paths do not follow their dates),
#: the site is indexed whole instead.
_MAX_PREFIXES = 400


@dataclass(frozen=True)
class SearchIndex:
    files: int
    bytes: int


@dataclass(frozen=True)
class Part:
    """A run of dated pages indexed on its own, oldest first, and the glob that selects them."""

    name: str
    pages: tuple[str, ...]
    first: str
    last: str
    glob: str


@dataclass(frozen=True)
class Plan:
    """Which pages each Pagefind run indexes: the main bundle's (``main_glob`` None: all) and the parts."""

    main: tuple[str, ...]
    main_glob: str | None
    parts: tuple[Part, ...]


def index_site(site_dir: Path, part_size: int = PART_SIZE) -> SearchIndex:
    """Index ``site_dir`` into ``site_dir/pagefind``, in parts if it has more than ``part_size`` pages.

    Returns the files and bytes of the whole bundle, parts included.
    """
    bundle = site_dir / BUNDLE
    try:
        if bundle.exists():
            shutil.rmtree(bundle)  # Pagefind adds to an output folder: stale parts would linger
        plan = plan_parts(site_dir, part_size)
    except OSError as exc:
        raise BriefingsError(f"cannot read the built site for search indexing: {exc}") from exc
    runs = [(plan.main_glob, bundle), *((part.glob, bundle / part.name) for part in plan.parts)]
    with ThreadPoolExecutor(max_workers=RUNS_AT_ONCE) as pool:
        started = [pool.submit(_run_pagefind, site_dir, glob, output) for glob, output in runs]
        try:
            for run in started:
                run.result()
        finally:
            for run in started:
                run.cancel()  # after a failure, the runs not yet begun are not begun
    listing = {"parts": [{"path": f"{part.name}/", "first": part.first, "last": part.last,
                          "pages": len(part.pages)} for part in plan.parts]}
    try:
        for part in plan.parts:
            _trim_part(bundle / part.name)
        for folder in (bundle, *(bundle / part.name for part in plan.parts)):
            canonicalise_bundle(folder)
        (bundle / PARTS).write_text(json.dumps(listing, sort_keys=True, separators=(",", ":")) + "\n",
                                    encoding="utf-8")
    except (OSError, ValueError, KeyError, IndexError) as exc:
        raise BriefingsError(f"cannot make Pagefind's index reproducible: {exc}") from exc
    files = [p for p in bundle.rglob("*") if p.is_file()]
    return SearchIndex(len(files), sum(p.stat().st_size for p in files))


def plan_parts(site_dir: Path, part_size: int) -> Plan:
    """Decide which pages each Pagefind run indexes.

    A site that fits in one run is indexed whole: one index ranks best and costs the browser the
    fewest requests. Otherwise the pages without a date form the main bundle and the dated pages
    are cut, in date order, into parts of nearly equal size, so that reading the parts in order
    gives the date sort. The site is indexed whole, whatever its size, when it has no dated or no
    undated pages (Pagefind cannot write an empty bundle), or when the parts cannot be selected by
    a short glob.
    """
    if part_size < 1:
        raise ValueError("part_size must be at least 1")
    pages = sorted(_html_pages(site_dir))
    whole = Plan(tuple(pages), None, ())
    if len(pages) <= part_size or any("\\" in page for page in pages):
        return whole
    dated: list[tuple[str, str]] = []
    for page in pages:
        found = _DATE.search((site_dir / page).read_bytes())
        if found:
            dated.append((found.group(1).decode("utf-8", "replace"), page))
    if not dated or len(dated) == len(pages):
        return whole
    dated.sort()
    count = -(-len(dated) // part_size)
    runs = [dated[len(dated) * i // count:len(dated) * (i + 1) // count] for i in range(count)]
    group = {page: i for i, run in enumerate(runs, 1) for _, page in run}
    labels = [group.get(page, 0) for page in pages]
    globs = [_glob(pages, labels, i) for i in range(count + 1)]
    if any(glob.count(",") >= 2 * _MAX_PREFIXES for glob in globs):
        return whole
    parts = tuple(Part(f"part-{i}", tuple(page for _, page in run), run[0][0], run[-1][0], globs[i])
                  for i, run in enumerate(runs, 1))
    return Plan(tuple(page for page, label in zip(pages, labels) if label == 0), globs[0], parts)


def _html_pages(site_dir: Path) -> Iterator[str]:
    """The site's HTML files as relative paths, as Pagefind's default glob finds them."""
    for folder, dirs, files in os.walk(site_dir):
        here = Path(folder)
        if here == site_dir and BUNDLE in dirs:
            dirs.remove(BUNDLE)
        for name in files:
            if name.endswith(".html"):
                yield (here / name).relative_to(site_dir).as_posix()


def _glob(pages: Sequence[str], labels: Sequence[int], label: int) -> str:
    """A Pagefind glob that matches exactly the pages with ``label`` among ``pages`` (sorted).

    Each page needs only as much of its path as tells it from its nearest differently labelled
    neighbours in sorted order: every path with that prefix sorts between those neighbours, so the
    prefix selects pages of this label only. A run of consecutive pages shares a few prefixes.
    """
    need = [1] * len(pages)
    for order in (range(len(pages)), range(len(pages) - 1, -1, -1)):  # nearest other before, after
        other = None
        for i in order:
            if labels[i] != label:
                other = pages[i]
            elif other is not None:
                need[i] = max(need[i], len(os.path.commonprefix([pages[i], other])) + 1)
    patterns: list[str] = []
    taken = None
    for i, page in enumerate(pages):
        if labels[i] != label or (taken is not None and page.startswith(taken)):
            continue
        if need[i] > len(page) - len(".html"):  # the prefix reaches into the suffix: name the file
            patterns.append(_GLOB_SPECIAL.sub(r"\\\1", page))
            continue
        taken = page[:need[i]]
        escaped = _GLOB_SPECIAL.sub(r"\\\1", taken)
        patterns += [f"{escaped}*.html", f"{escaped}*/**/*.html"]
    return "{" + ",".join(patterns) + "}"


def _run_pagefind(site_dir: Path, glob: str | None, output: Path) -> None:
    """Index the pages of ``site_dir`` that ``glob`` selects (None: all) into ``output``."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(output),
               "--root-selector", ROOT, "--exclude-selectors", EXCLUDED, "--force-language", "en", "--silent"]
    if glob is not None:
        command += ["--glob", glob]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise BriefingsError(f"cannot run Pagefind: {exc}") from exc
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise BriefingsError("Pagefind failed: " + (detail[-1] if detail else f"exit {done.returncode}")
                             + " (is the 'pagefind[bin]' package installed?)")


def _trim_part(folder: Path) -> None:
    """Drop a part's copies of Pagefind's scripts, styles and WebAssembly: the main bundle's serve."""
    for path in folder.iterdir():
        if path.name in _PART_KEEPS or path.suffix == ".pf_meta":
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


# --------------------------------------------------------------------------- reproducible bundle
#
# Pagefind writes its filter indexes, and the metadata file that names them, in hash-map order,
# which changes from run to run (upstream issue Pagefind/pagefind#638), and names those files by
# a hash of their bytes. To keep builds byte-identical, the bundle is rewritten in a canonical
# order: each filter's values sorted, the filter list sorted, files renamed by the hash of their
# new bytes. The files are "pagefind_dcd" followed by CBOR; a small codec below reads and
# writes the subset they use (integers, strings, arrays, maps, simple values).

_SIGNATURE = b"pagefind_dcd"


def _cbor_decode(data: bytes, at: int = 0) -> tuple[Any, int]:
    head = data[at]
    major, info = head >> 5, head & 0x1F
    at += 1
    if info < 24:
        value = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        value = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise ValueError(f"unsupported CBOR head {head:#x}")
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major in (2, 3):
        raw = data[at:at + value]
        return (bytes(raw) if major == 2 else raw.decode("utf-8")), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _cbor_decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = []
        for _ in range(value):
            key, at = _cbor_decode(data, at)
            item, at = _cbor_decode(data, at)
            pairs.append((key, item))
        return _Map(pairs), at
    if major == 7 and info < 24:
        return {20: False, 21: True, 22: None}[value], at
    raise ValueError(f"unsupported CBOR major type {major}")


class _Map(list):  # type: ignore[type-arg]
    """A CBOR map kept as its list of pairs, so it re-encodes unchanged."""


def _cbor_head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise ValueError("integer too large for CBOR")


def _cbor_encode(value: Any) -> bytes:
    if value is False or value is True or value is None:
        return bytes([0xE0 | {False: 20, True: 21, None: 22}[value]])
    if isinstance(value, int):
        return _cbor_head(0, value) if value >= 0 else _cbor_head(1, -1 - value)
    if isinstance(value, bytes):
        return _cbor_head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _cbor_head(3, len(raw)) + raw
    if isinstance(value, _Map):
        return _cbor_head(5, len(value)) + b"".join(_cbor_encode(k) + _cbor_encode(v) for k, v in value)
    if isinstance(value, list):
        return _cbor_head(4, len(value)) + b"".join(_cbor_encode(v) for v in value)
    raise ValueError(f"cannot encode {type(value).__name__} as CBOR")


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_SIGNATURE):
        raise ValueError(f"{path.name} is not a Pagefind index file")
    value, _ = _cbor_decode(data, len(_SIGNATURE))
    return value


def _write(folder: Path, prefix: str, suffix: str, value: Any, digits: int) -> str:
    """Write canonical bytes under a name derived from them; return the hash part of the name."""
    payload = _SIGNATURE + _cbor_encode(value)
    name = prefix + hashlib.sha256(payload).hexdigest()[:digits]
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(payload, mtime=0))
    return name


def canonicalise_bundle(bundle: Path) -> None:
    """Rewrite Pagefind's filter and metadata indexes in a stable order (see the note above)."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = meta[3]
        renamed = []
        for filter_name, filter_hash in filters:
            path = bundle / "filter" / f"{filter_hash}.pf_filter"
            name, values = _read(path)
            values = sorted(([value, sorted(pages)] for value, pages in values), key=lambda v: v[0])
            path.unlink()
            renamed.append([filter_name, _write(bundle / "filter", f"{language}_", ".pf_filter",
                                                [name, values], 7)])
        meta[3] = sorted(renamed)
        meta_path.unlink()
        info["hash"] = _write(bundle, f"pagefind.{language}_", ".pf_meta", meta, 10).removeprefix("pagefind.")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
