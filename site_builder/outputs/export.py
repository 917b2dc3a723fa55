"""``briefings export-docs``: the generated pages as a plain docs tree.

Engines that run no third-party plugins (Zensical, MkDocs 2) can build the
archive from this tree: hand-written pages from ``docs/`` plus every generated
page written out as a Markdown file.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from site_builder.errors import BriefingsError
from site_builder.fsutil import atomic_write
from site_builder.pipeline import Site


def export_docs(site: Site, docs_dir: Path, target: Path, *, force: bool = False) -> int:
    """Copy ``docs_dir`` to ``target`` and add every generated file; return how many."""
    if target.exists():
        if not force:
            raise BriefingsError(f"{target}: already exists; pass --force to replace it")
        if (target / "mkdocs.yml").exists() or target.resolve() in (Path.cwd().resolve(), docs_dir.resolve()):
            raise BriefingsError(f"{target}: refusing to replace a project or docs folder")
        shutil.rmtree(target)
    shutil.copytree(docs_dir, target)
    count = 0
    for path, content in site.outputs(workers=os.cpu_count() or 1):
        destination = target / path
        if destination.exists():
            raise BriefingsError(f"{docs_dir / path}: hand-written file clashes with a generated one; "
                                 "rename or remove it")
        atomic_write(destination, content)
        count += 1
    return count
