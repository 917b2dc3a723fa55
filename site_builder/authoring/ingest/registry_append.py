"""Ingest ``--accept-new``: add proposed actors, outlets and events to the registry files.

New entries are appended as YAML text at the end of the file; nothing already
there is re-serialised, so comments, order and formatting stay byte-for-byte.
An id that already exists is never touched. Writes go through atomic_write.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from site_builder.fsutil import OutsideProject, atomic_write, check_target, open_lock


def _scalar(value: Any) -> str:
    text: str = yaml.safe_dump(value, allow_unicode=True, width=10_000, default_flow_style=True)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def entry_text(entry_id: str, fields: dict[str, Any]) -> str:
    """One entry in the registries' own style: block mapping, flow lists (``aliases: [a, b]``)."""
    lines = [f"{_scalar(entry_id)}:"]
    for key, value in fields.items():
        if value in (None, [], ()):
            continue
        if isinstance(value, (list, tuple)):
            lines.append(f"  {key}: [{', '.join(_scalar(v) for v in value)}]")
        else:
            lines.append(f"  {key}: {_scalar(value)}")
    return "\n".join(lines) + "\n"


_TOP_LEVEL_KEY = re.compile(r"^(?:'([^']+)'|\"([^\"]+)\"|([^\s#'\"][^:]*?))\s*:(?:\s|$)", re.MULTILINE)


@contextmanager
def registry_lock(folder: Path) -> Iterator[None]:
    """Serialise read-append-replace across processes (two ingests with --accept-new at once).

    The lock file is opened without following a link: a committed ``.lock`` link must not
    let ingest create or append to a file elsewhere.
    """
    descriptor = open_lock(folder / ".lock")
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def append_entries(
    path: Path, entries: dict[str, dict[str, Any]], existing: set[str], note: str
) -> list[str]:
    """Append ``entries`` not in ``existing`` (nor added meanwhile by another ingest).

    Returns the ids added.
    """
    check_target(path)
    if path.is_symlink():
        raise OutsideProject(f"{path}: is a symbolic link; replace it with the registry file itself")
    path.parent.mkdir(parents=True, exist_ok=True)
    with registry_lock(path.parent):
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        present = existing | {next(g for g in m.groups() if g) for m in _TOP_LEVEL_KEY.finditer(old)}
        added = [k for k in entries if k not in present]
        if not added:
            return []
        if old and not old.endswith("\n"):
            old += "\n"
        block = f"\n# Added by briefings ingest on {dt.date.today().isoformat()} ({note}); review these.\n"
        block += "".join(entry_text(k, entries[k]) for k in added)
        atomic_write(path, old + block, overwrite=True)
    return added
