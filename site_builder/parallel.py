"""One way to spread pure work over the cores: forked processes, chunks of indices, results in order.

Forking shares everything the parent has loaded (the index, the compiled
templates) with the workers for free, so a task gets only a range of indices
and returns plain results. Where ``fork`` is missing (Windows, or a macOS
Python that forbids it), callers do the work in their own process.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import gc
import multiprocessing as mp
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

#: Items per task: large enough to amortise the hand-off and a fresh worker's start, small enough to
#: balance the cores and bound what a worker holds (see :data:`TASKS_PER_WORKER`). Each fresh worker
#: copies the parent's memory pages it touches again (templates, navigation, registry), so larger tasks
#: pay that less often. At 10,000 briefings, search off, in four interleaved pairs of builds, 100 pages
#: a task took 1.8 to 1.9 s less than 50 in three and 0.3 s more in one (of 22 to 28 s), with a peak of
#: 325 to 328 MB against 306 to 310. 150 pages saved 1.5 and 4.1 s more in two pairs, at 335 and 336 MB
#: (200 pages: 338 MB): too near plain Material's 348.
CHUNK = 100
#: Tasks a worker runs before a fresh fork replaces it. A long-lived worker's memory grows with every
#: page it builds (reading the parent's objects writes their reference counts, which copies the memory
#: pages holding them, and the theme's work leaves garbage behind), so that two workers ended up holding
#: most of a second and third copy of the parent. At 10,000 briefings the build's peak (the process
#: tree's PSS) was 367 to 371 MB with four tasks, 340 to 350 with two and 321 to 331 with one, for about
#: the same time (a fork, and the copies a fresh worker makes again, cost milliseconds).
TASKS_PER_WORKER = 1

T = TypeVar("T")
_TASK: Callable[[Sequence[int]], Any] | None = None  # what a forked worker runs


def can_fork() -> bool:
    return "fork" in mp.get_all_start_methods()


def _run(indices: Sequence[int]) -> Any:
    assert _TASK is not None
    return _TASK(indices)


def give_back_memory() -> None:
    """Collect garbage and hand the heap's free pages back to the system, where the C library can.

    Python frees objects into its own allocator and the C library's heap, which keep the pages, so a
    process holds them after the work that used them: before forking, each worker would share them
    (and count a part of them), and after a build they would sit beside Pagefind's runs (at 10,000
    briefings the build's 252 MB fell to 188 MB). Only glibc has ``malloc_trim``; elsewhere only the
    collection runs.
    """
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, looked up once (finding the C library may run ``ldconfig``), else None."""
    try:
        trim: Callable[[int], int] = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None
    return trim


@contextlib.contextmanager
def heap_frozen() -> Iterator[None]:
    """Within the block, the garbage collector leaves alone every object alive at its start.

    For long work beside a large heap that lives on (a build's index and pages while the site is
    indexed for search): each full collection would walk all of it again, for nothing. Rewriting the
    search bundles of 10,000 briefings allocates enough to trigger such collections: the build's own
    CPU time while indexing fell from 7.6 to 4.9 s. Not nested: leaving the block unfreezes everything.
    """
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def fork_map(task: Callable[[Sequence[int]], T], indices: Sequence[int], workers: int,
             chunk: int | None = None, tasks_per_worker: int | None = TASKS_PER_WORKER,
             ) -> Iterator[tuple[Sequence[int], T]]:
    """``task`` over chunks of ``indices`` (of :data:`CHUNK` unless ``chunk`` is given) in ``workers``
    forked processes: (chunk, result), in order.

    ``tasks_per_worker``: see :data:`TASKS_PER_WORKER`; None keeps each worker to the end, for work
    that reads little of the parent (loading files), where a fresh fork's start costs more than the
    memory it would give back.
    """
    global _TASK
    if not indices:
        return  # nothing to fork for (a rebuild under serve builds its few pages in this process)
    size = chunk or CHUNK
    chunks = [indices[i:i + size] for i in range(0, len(indices), size)]
    _TASK = task
    # Frozen objects are skipped by the garbage collector, so workers do not write to (and
    # copy) every memory page of the parent's heap when they collect.
    give_back_memory()
    gc.freeze()
    try:
        with mp.get_context("fork").Pool(workers, maxtasksperchild=tasks_per_worker) as pool:
            yield from zip(chunks, pool.imap(_run, chunks))
    finally:
        gc.unfreeze()
        _TASK = None
