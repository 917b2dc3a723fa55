"""Remove the last build's site while the new one is built, not before.

``mkdocs build`` empties the site folder before it builds: at 10,000 briefings some 26,500 files
in 11,000 folders, one after another, while the build waits (3.5 s on the bench machine, of which
1.5 s of CPU: the rest waits on the file system with both cores idle). The plugin moves the whole
folder aside instead (one rename, on the same file system), leaves MkDocs an empty folder, and
removes the old one in a separate process while loading and rendering go on. The build waits for
that process before it ends, so no file of the old site outlives the build that replaced it.

Only for ``mkdocs build`` and ``gh-deploy`` without ``--dirty`` (a dirty build keeps the old files
on purpose; ``mkdocs serve`` keeps the pages it can reuse, see :mod:`.kept_pages`), and only for a
real folder: a site folder that is a link is left to MkDocs. A folder set aside by a build that was
killed before it ended is removed by the next one (its name says it is one).
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

#: The middle of the name of a site folder set aside: ``.site.previous-1a2b3c4d``.
MARK = ".previous-"
_REMOVE = "import shutil, sys\nfor path in sys.argv[1:]:\n    shutil.rmtree(path, ignore_errors=True)\n"


class PreviousSite:
    """The last build's site, set aside at the start of a build and removed beside it."""

    def __init__(self) -> None:
        self.remover: subprocess.Popen[bytes] | None = None

    def set_aside(self, site_dir: str) -> None:
        """Move ``site_dir`` aside and leave an empty folder in its place; start removing the old one.

        Does nothing where the folder is missing, empty or a link, or cannot be renamed: MkDocs then
        empties it as usual.
        """
        site = Path(os.path.abspath(site_dir))
        try:
            if site.is_symlink() or not site.is_dir() or not any(site.iterdir()):
                return
            stale = sorted(str(p) for p in site.parent.glob(f".{site.name}{MARK}*")
                           if p.is_dir() and not p.is_symlink())
            aside = site.parent / f".{site.name}{MARK}{secrets.token_hex(4)}"
            site.rename(aside)
            site.mkdir()
        except OSError:
            return
        try:
            self.remover = subprocess.Popen([sys.executable, "-c", _REMOVE, str(aside), *stale],
                                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL)
        except OSError:
            self.remover = None  # left for the next build to remove

    def wait(self) -> None:
        """Wait until the folder set aside is gone."""
        remover, self.remover = self.remover, None
        if remover is not None:
            remover.wait()
