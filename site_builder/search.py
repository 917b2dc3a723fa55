"""Search: index a built site with Pagefind, after any engine has written it.

Pagefind reads the finished HTML, so this step works the same after MkDocs,
ProperDocs or Zensical. Only the article area of each page is indexed
(``ROOT``), minus long lists and charts (``EXCLUDED``) so that an actor page
does not match every headline it lists. Pages say what to filter and sort on
with ``data-pagefind-*`` attributes set by the templates: actor, event,
outlet, year and kind filters, a date sort, date and outlet metadata.

Pagefind writes one fragment file per page plus index chunks: about as many
files as pages, which matters on hosts that cap file counts.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import BriefingsError

ROOT = "article.md-content__inner"
EXCLUDED = ".ba-noindex, .ba-chart, .ba-feed, .md-source-file, .headerlink"
BUNDLE = "pagefind"


@dataclass(frozen=True)
class SearchIndex:
    files: int
    bytes: int


def index_site(site_dir: Path) -> SearchIndex:
    """Run Pagefind over ``site_dir``; the bundle lands in ``site_dir/pagefind``."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE,
               "--root-selector", ROOT, "--exclude-selectors", EXCLUDED, "--force-language", "en", "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise BriefingsError(f"cannot run Pagefind: {exc}") from exc
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise BriefingsError("Pagefind failed: " + (detail[-1] if detail else f"exit {done.returncode}")
                             + " (is the 'pagefind[bin]' package installed?)")
    files = [p for p in (site_dir / BUNDLE).rglob("*") if p.is_file()]
    return SearchIndex(len(files), sum(p.stat().st_size for p in files))
