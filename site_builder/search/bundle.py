"""Write Pagefind bundles with Pagefind's command line, one process per bundle.

Each bundle (the main one, or a part) is written by one run of the ``pagefind`` binary of the
``pagefind[bin]`` package (``python -m pagefind``). A run indexes a whole folder, so a run that
takes some of the site's pages is given a folder that holds exactly those: hard links to the site's
files (copies where the file system cannot link them), at the same paths relative to that folder as
in the site, so that the pages' URLs are unchanged. These folders are made in a temporary folder
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
#: Pagefind runs at a time. Pagefind spreads a run over the cores itself; a second run at once
#: overlapped one's file writing with the other's parsing, a few seconds at 10,000 briefings, but
#: doubled the memory that indexing adds to the build's.
RUNS_AT_ONCE = 1


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


def _command(folder: Path, output: Path) -> list[str]:
    return [*_pagefind(), "--site", str(folder), "--output-path", str(output),
            "--root-selector", ROOT, "--exclude-selectors", ", ".join(EXCLUDED), "--force-language", "en",
            "--silent"]


def _run(site_dir: Path, pages: Sequence[str] | None, output: Path, staging: Path, number: int) -> None:
    """Index ``pages`` of ``site_dir`` into ``output``, through a folder of their own under ``staging``
    (None: all, from the site itself)."""
    folder = site_dir
    if pages is not None:
        folder = staging / f"run-{number}"
        mirror_pages(site_dir, pages, folder)
    env = {name: value for name, value in os.environ.items() if not name.upper().startswith("PAGEFIND_")}
    try:
        done = subprocess.run(_command(folder, output), cwd=staging, env=env, capture_output=True,
                              text=True, errors="replace", check=False)
    except OSError as exc:
        raise PagefindFailed(f"cannot start it: {exc}") from exc
    finally:
        if pages is not None:
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
