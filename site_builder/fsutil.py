"""Safe writes and contained paths: a curator's file is replaced whole or not at all, and only
inside the project.

Every file this package writes goes through :func:`atomic_write`: the content
goes to a temporary file in the same folder, is flushed to disk, and is then
renamed over the target, so a crash leaves either the old file or the new one.

Symbolic links arrive by pull request like any other file, so a committed link
(``briefings/2031 -> /home/you``, ``registry/.lock -> ~/.bashrc``) must never
redirect a write. A command that writes into the project runs inside
:func:`confined_to` (or passes ``root``): the target's folder is resolved and
must lie inside the project, and the target itself must not be a link.
:func:`walk` lists a folder without leaving it and without entering a loop, and
:func:`outside_links` names every link that leads out of the project.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from site_builder.errors import BriefingsError

#: Most files and folders one walk visits; a content or docs folder larger than this is refused
#: rather than read (10,000 briefings take some 10,200 entries).
MAX_WALK_ENTRIES = 500_000

_ROOT: ContextVar[Path | None] = ContextVar("write_root", default=None)


class WriteRefused(BriefingsError):
    """The target exists and the caller did not ask to overwrite it."""


class OutsideProject(BriefingsError):
    """A write would leave the project folder, or follow a symbolic link."""


class TooManyEntries(BriefingsError):
    """A folder holds more entries than :data:`MAX_WALK_ENTRIES`."""


@contextmanager
def confined_to(root: Path) -> Iterator[None]:
    """Within this block, :func:`atomic_write` refuses any target outside ``root``."""
    token = _ROOT.set(root.resolve())
    try:
        yield
    finally:
        _ROOT.reset(token)


def is_inside(path: Path, root: Path) -> bool:
    """Whether ``path`` (already resolved) is ``root`` or below it."""
    return path == root or root in path.parents


def check_target(path: Path, root: Path | None = None) -> None:
    """Refuse to write ``path`` if its folder resolves outside ``root`` or if it is a link.

    ``root`` defaults to the one set by :func:`confined_to`; with neither, anything goes
    (a folder the user named on the command line, such as ``export-docs DIR``).
    """
    root = root.resolve() if root is not None else _ROOT.get()
    if root is None:
        return
    folder = path.parent.resolve()  # follows links, dangling ones too
    if not is_inside(folder, root):
        raise OutsideProject(f"{path}: the folder leads outside the project (to {folder}); a symbolic link "
                             "in the project points elsewhere; replace it with a real folder")
    if os.path.islink(path):
        raise OutsideProject(f"{path}: is a symbolic link; replace it with a real file")


def open_lock(path: Path, root: Path | None = None) -> int:
    """Open (creating) a lock file without following a link; returns the descriptor."""
    check_target(path, root)
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        if os.path.islink(path):
            raise OutsideProject(
                f"{path}: is a symbolic link; delete it (it is made again as a plain file)"
            ) from None
        raise BriefingsError(f"{path}: cannot open lock file: {exc.strerror}") from None


def walk(folder: Path) -> Iterator[tuple[Path, list[os.DirEntry[str]]]]:
    """Every folder under ``folder`` (itself included) with its entries, without leaving it.

    A linked folder is entered only when it resolves inside ``folder`` and has not been
    visited yet, so two links to ``.`` cost nothing and a link to ``/`` is never read.
    Folders are visited in sorted order. Raises :class:`TooManyEntries` past
    :data:`MAX_WALK_ENTRIES`.
    """
    top = folder.resolve()
    seen = {top}
    pending = [folder]
    count = 0
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            continue
        count += len(entries)
        if count > MAX_WALK_ENTRIES:
            raise TooManyEntries(f"{folder}: more than {MAX_WALK_ENTRIES:,} files and folders")
        yield current, entries
        below = []
        for entry in entries:
            try:
                if not entry.is_dir(follow_symlinks=True):
                    continue
            except OSError:
                continue
            path = Path(entry.path)
            real = path.resolve()
            if not is_inside(real, top) or real in seen:
                continue
            seen.add(real)
            below.append(path)
        pending.extend(reversed(below))


OUTSIDE = "symbolic link points outside the project folder"
LOOP = "symbolic link to a folder that contains it makes a loop"


def bad_links(folder: Path, root: Path) -> list[tuple[Path, str]]:
    """Every symbolic link under ``folder`` that leads outside ``root`` (or nowhere), or back
    into a folder above it (which MkDocs, following links, would walk forever); sorted.

    Links are looked at, never followed.
    """
    root = root.resolve()
    found: list[tuple[Path, str]] = []
    if not folder.is_dir():
        return found
    count = 0
    pending = [os.fspath(folder)]
    while pending:  # os.scandir's entries know their type: no lstat for each of thousands of files
        current = pending.pop()
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError:
            continue
        count += len(entries)
        if count > MAX_WALK_ENTRIES:
            raise TooManyEntries(f"{folder}: more than {MAX_WALK_ENTRIES:,} files and folders")
        for entry in entries:
            try:
                if not entry.is_symlink():
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
                    continue
            except OSError:
                continue
            path = Path(entry.path)
            real = path.resolve()
            if not is_inside(real, root):
                found.append((path, OUTSIDE))
            elif real.is_dir() and is_inside(path.parent.resolve(), real):
                found.append((path, LOOP))
    return sorted(found)


def atomic_write(
    path: Path, content: str | bytes, *, overwrite: bool = False, root: Path | None = None
) -> None:
    """Write ``content`` to ``path`` atomically; refuse an existing file unless ``overwrite``.

    With ``root`` (or inside :func:`confined_to`), refuse a target outside the project.
    """
    check_target(path, root)
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
