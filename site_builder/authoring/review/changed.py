"""Which briefings to review when none are named: those new or changed since the last commit (git)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from site_builder.core.load import Layout
from site_builder.errors import BriefingsError
from site_builder.fsutil import is_inside


def changed_briefings(layout: Layout) -> list[str]:
    """Project-relative paths of briefings that ``git status`` shows as new or modified."""
    try:
        done = subprocess.run(["git", "-C", str(layout.root), "status", "--porcelain=v1", "-z",
                               "--untracked-files=all", "--", layout.display(layout.content_dir)],
                              capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        done = None
    if done is None or done.returncode != 0:
        raise BriefingsError(f"{layout.display(layout.root)} is not a git repository, so there is no last "
                             "commit to compare with; name the briefings: briefings review PATH...")
    top = subprocess.run(["git", "-C", str(layout.root), "rev-parse", "--show-toplevel"],
                         capture_output=True, text=True, timeout=30, check=False).stdout.strip()
    registry = layout.registry_dir
    out = []
    entries = iter(done.stdout.split("\0"))
    for entry in entries:  # porcelain paths are relative to the repository's top folder
        if entry[:1] in ("R", "C"):
            next(entries, None)  # the old name of a renamed file follows
        if len(entry) < 4 or "D" in entry[:2]:
            continue
        full = (Path(top) / entry[3:]).resolve()
        if full.suffix == ".md" and is_inside(full, layout.content_dir) and not is_inside(full, registry):
            out.append(layout.display(full))
    if not out:
        raise BriefingsError("no briefing is new or changed since the last commit; name the briefings to "
                             "review: briefings review PATH...")
    return sorted(out)
