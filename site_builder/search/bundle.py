"""Write Pagefind bundles with Pagefind's command line, one process per bundle.

Each bundle (the main one, or a part) is written by one run of the ``pagefind`` binary of the
``pagefind[bin]`` package (``python -m pagefind``). A run indexes the files of a folder that match
a pattern. A part's pages are briefing pages, which one pattern names (:func:`glob_of`), so its run
reads the site itself. Any other run that takes some of the site's pages is given a folder that
holds exactly those: hard links to the site's files (copies where the file system cannot link
them), at the same paths relative to that folder as in the site, so that the pages' URLs are
unchanged. These folders are made in a temporary folder
beside the site, on the same file system, and removed once their run ends. A run that takes every
page (a site indexed whole) reads the site itself: on a 2,000-briefing site, making and removing a
folder of links took from half a second to several seconds.

The options are the article area as root (``ROOT``), the excluded selectors (``EXCLUDED``), English
forced as the language, nothing printed. Pagefind runs in the temporary folder and without the
caller's ``PAGEFIND_*`` variables, so no configuration file or variable of the caller's changes the
bundle.

The command line and not Pagefind's Python API: the API's service indexes one page at a time, each
sent over a pipe, and measured 2.6 times slower on a 2,000-briefing site; it also answers that a
bundle is written before all its files are on disk.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from site_builder.parallel import give_back_memory

ROOT = "article.md-content__inner"
EXCLUDED = (".ba-noindex", ".ba-dateline", ".ba-source", ".ba-chart", ".ba-chart-data", ".ba-feed",
            ".md-source-file", ".headerlink")
#: Pagefind runs at a time, each on one thread (``RAYON_NUM_THREADS=1``), beside the thread that
#: rewrites finished bundles. A run left to spread over every core while another process needs one
#: spends the difference spinning: at 10,000 briefings one run at a time over both cores took 27 s,
#: 16 s of it in the kernel; two runs of one thread each take half as long. Two runs hold two
#: parts' pages in memory at once, hence parts of 250 pages (:data:`.plan.PART_SIZE`).
RUNS_AT_ONCE = 2


class PagefindFailed(Exception):
    """Pagefind could not be started, or ended with an error."""


def mirror_pages(site_dir: Path, pages: Sequence[str], folder: Path) -> None:
    """Make ``folder`` hold ``pages`` (paths relative to ``site_dir``) at the same relative paths.

    Each page is a hard link to the site's file where the file system allows one, else a copy.
    """
    made: set[Path] = set()
    link = True
    for page in pages:
        target = folder / page
        parent = target.parent
        if parent not in made:
            parent.mkdir(parents=True, exist_ok=True)
            made.add(parent)
        if link:
            try:
                os.link(site_dir / page, target)
                continue
            except OSError:
                link = False  # another file system, or none that links: copy this page and the rest
        shutil.copyfile(site_dir / page, target)


@functools.cache
def _pagefind() -> list[str]:
    """Pagefind's binary, found once: ``python -m pagefind`` starts a Python to find it for every run."""
    try:
        from pagefind_bin import get_executable
        binary = get_executable()
    except (ImportError, FileNotFoundError):
        return [sys.executable, "-m", "pagefind"]  # which says what is missing
    return [str(binary)]


def _command(folder: Path, output: Path, glob: str | None = None) -> list[str]:
    return [*_pagefind(), "--site", str(folder), "--output-path", str(output),
            "--root-selector", ROOT, "--exclude-selectors", ", ".join(EXCLUDED), "--force-language", "en",
            "--silent", *(["--glob", glob] if glob else [])]


#: A folder or page name that a glob pattern can list as it is (no wildcard, brace or comma in it).
_PLAIN_NAME = re.compile(r"[A-Za-z0-9._-]+")
#: The longest pattern passed: Linux refuses a single argument over 128 KiB.
_GLOB_LIMIT = 100_000


def glob_of(pages: Sequence[str]) -> str | None:
    """A Pagefind ``--glob`` pattern that matches exactly ``pages``, or None when none is simple.

    A part of the search index is a run of briefing pages, ``briefings/ID/index.html`` with plain
    ids: one pattern (``briefings/{ID,ID,...}/index.html``) names them all, and Pagefind reads them
    from the site itself, with no folder of links to make and remove for each run.
    """
    folders: set[str] = set()
    names: list[str] = []
    for page in pages:
        parts = page.split("/")
        if (len(parts) != 3 or parts[2] != "index.html" or not _PLAIN_NAME.fullmatch(parts[0])
                or not _PLAIN_NAME.fullmatch(parts[1])):
            return None
        folders.add(parts[0])
        names.append(parts[1])
    if len(folders) != 1 or len(set(names)) != len(names):
        return None
    pattern = f"{folders.pop()}/{{{','.join(names)}}}/index.html"
    return pattern if len(pattern) <= _GLOB_LIMIT else None


def _run(site_dir: Path, pages: Sequence[str] | None, output: Path, staging: Path, number: int) -> None:
    """Index ``pages`` of ``site_dir`` into ``output`` (None: all): read from the site through a
    pattern that names them (:func:`glob_of`), else through a folder of links under ``staging``."""
    folder = site_dir
    glob = glob_of(pages) if pages else None
    mirrored = pages is not None and glob is None
    if mirrored:
        assert pages is not None
        folder = staging / f"run-{number}"
        mirror_pages(site_dir, pages, folder)
    env = {name: value for name, value in os.environ.items() if not name.upper().startswith("PAGEFIND_")}
    env["RAYON_NUM_THREADS"] = "1"  # see RUNS_AT_ONCE
    try:
        done = subprocess.run(_command(folder, output, glob), cwd=staging, env=env, capture_output=True,
                              text=True, errors="replace", check=False)
    except OSError as exc:
        raise PagefindFailed(f"cannot start it: {exc}") from exc
    finally:
        if mirrored:
            shutil.rmtree(folder, ignore_errors=True)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        problem = detail[-1] if detail else f"exit {done.returncode}"
        if "No module named" in done.stderr or "Traceback" in done.stderr:  # Python found no Pagefind to run
            problem += " (is the 'pagefind[bin]' package installed?)"
        raise PagefindFailed(problem)


def write_bundles(site_dir: Path, runs: Sequence[tuple[Sequence[str] | None, Path]],
                  then: Callable[[int], None] | None = None) -> None:
    """Index each list of pages (paths relative to ``site_dir``; None: every page) into its own bundle folder.

    ``RUNS_AT_ONCE`` runs at a time; after a failure, the runs not yet begun are not begun. ``then(k)``
    is called once run ``k`` has ended, in order, on a thread of its own, so that rewriting one
    bundle (Python) overlaps the next Pagefind run (another process). Raises :class:`PagefindFailed`,
    :class:`OSError` when a page cannot be linked or copied, or what ``then`` raises.
    """
    site_dir = site_dir.absolute()
    give_back_memory()
    with (tempfile.TemporaryDirectory(prefix=f".{site_dir.name}-search-", dir=site_dir.parent) as staging,
          ThreadPoolExecutor(max_workers=RUNS_AT_ONCE) as pool,  # the pools end first, then the folder goes
          ThreadPoolExecutor(max_workers=1) as after):
        started = [pool.submit(_run, site_dir, pages, output.absolute(), Path(staging), number)
                   for number, (pages, output) in enumerate(runs)]
        finishing = []
        try:
            for number, run in enumerate(started):
                run.result()
                if then is not None:
                    finishing.append(after.submit(then, number))
            for done in finishing:
                done.result()
        finally:
            for run in started + finishing:
                run.cancel()
