"""Archive pages kept between rebuilds of ``mkdocs serve``, so unchanged pages are not built again.

MkDocs empties the site folder before every rebuild. Just before it does, the
folders holding archive pages (``briefings/``, ``actors/`` ...) are moved
aside, a rename that costs the same for ten pages or ten thousand. Once the
plugin knows which pages an edit affects (:mod:`site_builder.core.reads`), they
are moved back and every file in them that is not an unchanged archive page is
deleted, so they hold what a clean build would keep; the affected pages are
then built as usual. Folders kept whole (the search index) come back as they were.

Used only while serving: ``mkdocs build`` output never depends on an earlier run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path


class KeptPages:
    """The last build's archive pages, their anchors, and every file written beside them."""

    def __init__(self) -> None:
        self.key: str | None = None  # what the kept pages were built with (config, docs, nav)
        self.anchors: dict[str, set[str]] = {}  # source URI -> anchors on the page
        self.folders: set[str] = set()  # top-level site folders holding archive pages
        self.whole: set[str] = set()  # top-level site folders kept as they are
        self.written: set[str] = set()  # every file the last build wrote in self.folders
        self.holding: Path | None = None  # where the folders wait while MkDocs cleans the site

    def has(self, src_uri: str) -> bool:
        return src_uri in self.anchors

    def set_aside(self, site_dir: str) -> None:
        """Move the kept folders out of ``site_dir`` (call before MkDocs empties it).

        If the last build failed before the folders came back, they are still
        set aside, and stay there for this one.
        """
        if self.holding is not None or not (self.anchors or self.whole):
            return
        parent = os.path.dirname(os.path.abspath(site_dir))  # same file system: renames, not copies
        self.holding = Path(tempfile.mkdtemp(prefix=".briefings-kept-", dir=parent))
        for folder in sorted(self.folders | self.whole):
            source = os.path.join(site_dir, folder)
            if os.path.isdir(source):
                os.rename(source, self.holding / folder)

    def bring_back(self, site_dir: str, keep: Iterable[str]) -> None:
        """Move the folders back and delete every file in them but ``keep`` (paths of unchanged pages).

        Without a folder set aside (``--dirty`` builds do not empty the site), only deletes.
        """
        holding, self.holding = self.holding, None
        if holding is not None:
            for folder in sorted(self.folders | self.whole):
                target = os.path.join(site_dir, folder)
                if (holding / folder).is_dir() and not os.path.exists(target):
                    os.rename(holding / folder, target)
            shutil.rmtree(holding, ignore_errors=True)
        root = os.path.abspath(site_dir)
        for stale in self.written - set(keep):
            try:
                os.unlink(stale)
            except FileNotFoundError:
                continue
            folder = os.path.dirname(stale)
            while folder.startswith(root + os.sep):  # drop folders left empty, never the site itself
                try:
                    os.rmdir(folder)
                except OSError:
                    break
                folder = os.path.dirname(folder)

    def remember(self, site_dir: str, pages: dict[str, tuple[str, set[str]]],
                 dest_paths: Iterable[str]) -> None:
        """After a build: ``pages`` maps each archive page's source URI to (its path, its anchors);
        ``dest_paths`` is every file the build wrote."""
        self.anchors = {src: anchors for src, (_, anchors) in pages.items()}
        root = os.path.abspath(site_dir)
        self.folders = {os.path.relpath(path, root).split(os.sep)[0] for path, _ in pages.values()}
        prefixes = tuple(os.path.join(root, folder) + os.sep for folder in self.folders)
        self.written = {path for path in dest_paths if path.startswith(prefixes)}

    def discard_holding(self) -> None:
        if self.holding is not None:
            shutil.rmtree(self.holding, ignore_errors=True)
            self.holding = None

    def clear(self) -> None:
        """Forget every page (the whole folders too): the next build starts from nothing."""
        self.discard_holding()
        self.key, self.anchors, self.folders, self.whole, self.written = None, {}, set(), set(), set()
