"""The result computed for the last key, kept until a different key comes.

A rebuild under ``mkdocs serve`` asks again for tables made from objects it keeps between builds
(the registry, an index, its co-mention pairs): while the object is the very same, so is the table.
Keys are compared by identity and held, so a key's id is never reused while its result is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class LastResult(Generic[K, V]):
    """``compute(key)`` for the last key asked for; a new key replaces it."""

    def __init__(self, compute: Callable[[K], V]) -> None:
        self.compute = compute
        self._last: tuple[K, V] | None = None

    def __call__(self, key: K) -> V:
        if self._last is not None and self._last[0] is key:
            return self._last[1]
        value = self.compute(key)
        self._last = (key, value)
        return value
