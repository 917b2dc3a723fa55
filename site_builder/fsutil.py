"""Safe writes: a curator's file is replaced whole or not at all.

Every file this package writes goes through :func:`atomic_write`: the content
goes to a temporary file in the same folder, is flushed to disk, and is then
renamed over the target, so a crash leaves either the old file or the new one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import BriefingsError


class WriteRefused(BriefingsError):
    """The target exists and the caller did not ask to overwrite it."""


def atomic_write(path: Path, content: str | bytes, *, overwrite: bool = False) -> None:
    """Write ``content`` to ``path`` atomically; refuse an existing file unless ``overwrite``."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if path exists: no race between check and write
            except FileExistsError:
                raise WriteRefused(f"{path}: already exists; pass --force to overwrite it") from None
            os.unlink(tmp)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
