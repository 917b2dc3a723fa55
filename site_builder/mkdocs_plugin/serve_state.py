"""Everything ``mkdocs serve`` keeps from one build to the next, in one object.

A rebuild after an edit reuses what did not change: parsed files (the load
cache), the last site (its index, so linking is redone only where needed), what
each page and feed read of the index when it was rendered (so only those whose
reads an edit touched are rendered again), serialised open-data records, feeds that no edit
touched, archive page files and the pages already written (:class:`KeptPages`).
``mkdocs build`` keeps none of it: its output never depends on an earlier run.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from site_builder.core.load import LoadCache
from site_builder.core.reads import Read
from site_builder.mkdocs_plugin.kept_pages import KeptPages
from site_builder.mkdocs_plugin.workers import ArchiveFile
from site_builder.outputs.opendata import RecordCache
from site_builder.pipeline import Site


def environment_key(config: MkDocsConfig) -> str:
    """A digest of what every page is built with besides its own source: config, docs, nav.

    Kept pages are reused only while this is unchanged.
    """
    digest = hashlib.sha256()
    config_file = Path(config.config_file_path or "mkdocs.yml")
    digest.update(config_file.read_bytes() if config_file.is_file() else b"")
    digest.update(repr(config.nav).encode())
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    for folder in filter(None, (config.docs_dir, config.theme.custom_dir)):
        for parent, dirs, names in sorted(os.walk(folder)):
            dirs.sort()
            for name in sorted(names):
                info = os.stat(os.path.join(parent, name))
                digest.update(f"{parent}/{name}:{info.st_mtime_ns}:{info.st_size}\n".encode())
    return digest.hexdigest()


@dataclass
class ServeState:
    """What one build of ``mkdocs serve`` leaves for the next."""

    load: LoadCache = field(default_factory=LoadCache)
    site: Site | None = None  # the last site built
    reads: dict[str, set[Read]] = field(default_factory=dict)  # what each page and feed read, by path
    records: RecordCache = field(default_factory=dict)  # open-data records, serialised
    files: dict[str, str] = field(default_factory=dict)  # the last build's feeds, data and redirects
    archive_files: dict[str, ArchiveFile] = field(default_factory=dict)  # by source URI
    kept: KeptPages = field(default_factory=KeptPages)  # pages written, and their anchors

    def clear(self) -> None:
        """Forget the pages written: the next build writes every page."""
        self.kept.clear()
