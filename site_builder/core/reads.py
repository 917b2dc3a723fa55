"""Which pages and feeds an edit can change, from what each one read while it was rendered.

``mkdocs serve`` rebuilds the site after every save; with 10,000 briefings a
full rebuild takes a minute, while one edited briefing changes a few dozen
pages. Rather than a second, hand-kept description of what each template
shows (which drifts whenever a template changes), every page records what it
actually reads from the :class:`Index` while it renders:

* :class:`Recorder` gives a view of an index whose dict fields log
  ``(field, key)`` on ``[]``, ``get`` and ``in``, ``(field, KEYS)`` on
  iteration, ``len`` and ``keys()``, and ``(field, ANY)`` on ``items()`` and
  ``values()``; touching a list field (``briefings``, ``events_newest``) logs
  ``(field, ANY)``. A value read is a dependency on all of it: a list of
  briefings read by key changes when any of its briefings does.
* Per-build caches computed from the whole index (an outlet's profile, how
  often each actor is named) are *derived* fields, registered with
  :func:`derived`: a page reading the cache for a key logs ``(name, key)``,
  and the cache is recomputed for both indexes to see which keys changed.
* :func:`changes` compares two indexes field by field and key by key. Unchanged
  records are the same objects in both (``build_index`` reuses them), so most
  comparisons end at an identity check. A briefing's body is left out of these
  comparisons: lists show a briefing's title, date, summary and names, never its
  body, which only the briefing's own page shows. That page reads the derived
  field ``bodies`` for its briefing, so a body edit redoes it and the few
  pages that read every briefing whole, not every list the briefing is on.
* :func:`affected` names every output whose reads meet the changes, plus the
  outputs that are new (a first briefing of a month makes a month page).

Whatever a page reads besides the index is covered by coarser rules: the
registry (names everywhere) by redoing everything when it changes, the site
options and hand-written docs by the plugin's environment key.

Reads are logged in the process that renders; pages rendered in forked
workers log nothing, and an output without reads is always redone. Recording
costs nothing when it is off: a plain build renders from the index itself.
"""

from __future__ import annotations

import dataclasses
import enum
import types
from collections.abc import Callable, Collection, Hashable, ItemsView, Iterator, KeysView, Mapping, ValuesView
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from site_builder.core.index import Index
from site_builder.core.models import Briefing
from site_builder.core.remembered import LastResult

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Whole(enum.Enum):
    """Reads of a whole field, not one key: ``KEYS`` depends on which keys exist, ``ANY`` on everything."""

    KEYS = "keys"
    ANY = "any"


KEYS = Whole.KEYS
ANY = Whole.ANY

#: One dependency: a field of the index (or a derived field) and a key of it, or KEYS or ANY.
Read = tuple[str, Hashable]
#: What a build recorded: for each page source URI and feed path, its reads.
Reads = Mapping[str, Collection[Read]]

Derivation = Callable[[Index], Mapping[Any, Any]]
_D = TypeVar("_D", bound=Derivation)
#: Derived fields by name: values computed once per build from the whole index, read by key.
DERIVED: dict[str, Derivation] = {}
_FIELDS = tuple(f.name for f in dataclasses.fields(Index) if f.name != "registry")


def derived(name: str) -> Callable[[_D], _D]:
    """Register a per-build cache as a derived field, so that reads of it are compared after an edit.

    The function must be pure in the index: it is run again on the index of the
    previous build to find which keys changed.
    """
    if name in _FIELDS:
        raise ValueError(f"{name!r} is already a field of Index")

    def register(compute: _D) -> _D:
        DERIVED[name] = compute
        return compute
    return register


class Recorder:
    """Logs the reads of one output at a time, through :attr:`view`.

    :meth:`start` opens the log of an output; every read through the view,
    or through a mapping made by :meth:`mapping`, goes to the latest log
    opened, until the next call. One output renders at a time in a process,
    so no lock is needed.
    """

    def __init__(self, index: Index) -> None:
        self.index = index
        self.reads: set[Read] = set()
        self.by_output: dict[str, set[Read]] = {}
        self.view = cast(Index, _IndexView(index, self))  # what templates and page methods see

    def start(self, output: str) -> set[Read]:
        """Begin the log of ``output`` (a page's source URI or a feed's path); later reads go there."""
        self.reads = self.by_output[output] = set()
        return self.reads

    def read(self, name: str, key: Hashable) -> None:
        """Log a read made without a view: ``key`` of field ``name``, for the output being rendered."""
        self.reads.add((name, key))

    def mapping(self, name: str, data: Mapping[K, V]) -> Mapping[K, V]:
        """A recording view of a dict named ``name``: an index field, or a derived field."""
        return _MappingView(name, data, self)


def recorder_of(index: Index) -> Recorder | None:
    """The recorder behind a recording view; None for a plain index."""
    return index._recorder if isinstance(index, _IndexView) else None  # type: ignore[unreachable]


class _IndexView:
    """An :class:`Index` whose fields log what is read of them.

    A dict field is wrapped once and kept; a list field logs ``ANY`` on every
    access and is handed out as it is; methods run against the view, so what
    they read is logged too; the registry is handed out unlogged (a change to
    it redoes everything).
    """

    def __init__(self, index: Index, recorder: Recorder) -> None:
        self._index, self._recorder = index, recorder

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(type(self._index), name, None)
        if isinstance(attribute, types.FunctionType):
            bound = types.MethodType(attribute, self)
            setattr(self, name, bound)
            return bound
        value = getattr(self._index, name)
        if isinstance(value, list):
            self._recorder.reads.add((name, ANY))
            return value
        if isinstance(value, dict):
            value = _MappingView(name, value, self._recorder)
        setattr(self, name, value)  # later lookups skip __getattr__
        return value


class _MappingView(Mapping[K, V], Generic[K, V]):
    """A dict that logs which of its keys are read, and reads of all of it."""

    __slots__ = ("_data", "_name", "_recorder")

    def __init__(self, name: str, data: Mapping[K, V], recorder: Recorder) -> None:
        self._name, self._data, self._recorder = name, data, recorder

    def __getitem__(self, key: K) -> V:
        self._recorder.reads.add((self._name, key))
        return self._data[key]

    def get(self, key: K, default: Any = None) -> Any:
        self._recorder.reads.add((self._name, key))
        return self._data.get(key, default)

    def __contains__(self, key: object) -> bool:
        self._recorder.reads.add((self._name, key))
        return key in self._data

    def __iter__(self) -> Iterator[K]:
        self._recorder.reads.add((self._name, KEYS))
        return iter(self._data)

    def __len__(self) -> int:
        self._recorder.reads.add((self._name, KEYS))
        return len(self._data)

    def keys(self) -> KeysView[K]:
        self._recorder.reads.add((self._name, KEYS))
        return self._data.keys()

    def items(self) -> ItemsView[K, V]:
        self._recorder.reads.add((self._name, ANY))
        return self._data.items()

    def values(self) -> ValuesView[V]:
        self._recorder.reads.add((self._name, ANY))
        return self._data.values()


_MISSING = object()
#: Every compared field of a briefing but its body (and the fields never compared).
_SHOWN = tuple(f.name for f in dataclasses.fields(Briefing) if f.compare and f.name != "body")


def _same_shown(old: Any, new: Any) -> bool:
    """Whether two values show the same: equal, or differing only in briefings' bodies."""
    if old is new or old == new:
        return True
    if isinstance(old, Briefing) and isinstance(new, Briefing):
        return all(getattr(old, name) == getattr(new, name) for name in _SHOWN)
    if isinstance(old, (list, tuple)) and isinstance(new, (list, tuple)):
        return len(old) == len(new) and all(_same_shown(a, b) for a, b in zip(old, new, strict=True))
    return False


#: The derived field of briefing bodies, by briefing id, read by each briefing's page.
BODIES = "bodies"


@derived(BODIES)
def briefing_bodies(index: Index) -> dict[str, str]:
    """Each published briefing's body, by id: what the comparisons of other fields leave out."""
    return {b.id: b.body for b in index.briefings}


def _changed_keys(before: Mapping[Any, Any], after: Mapping[Any, Any]) -> set[Any]:
    """Keys added, removed, or whose value shows something else (see :func:`_same_shown`)."""
    if before is after:
        return set()
    out = {k for k in before.keys() ^ after.keys()}
    for k, value in after.items():
        old = before.get(k, _MISSING)
        if old is not _MISSING and not _same_shown(old, value):
            out.add(k)
    return out


@dataclass(frozen=True)
class Changes:
    """What differs between two indexes: changed keys per field, and every read that sees a change."""

    keys: dict[str, set[Any]]  # field (or derived field) -> keys whose value changed; lists: {ANY}
    reads: frozenset[Read]  # (field, key), (field, KEYS) if keys came or went, (field, ANY)

    @property
    def fields(self) -> set[str]:
        """The fields that changed at all."""
        return {name for name, keys in self.keys.items() if keys}

    def touches(self, reads: Collection[Read]) -> bool:
        """Whether an output with these reads may differ."""
        return not self.reads.isdisjoint(reads)


def _derived_of(index: Index) -> dict[str, Any]:
    return {name: compute(index) for name, compute in DERIVED.items()}


#: The derived fields of the last index compared as the new one: ``mkdocs serve`` compares each
#: build's index with the next, so each index's derived fields are computed once, not twice.
_derived = LastResult(_derived_of)


def prepare_changes(index: Index) -> None:
    """Compute the derived fields of an index that the next :func:`changes` will compare with: done
    while serving once a build is written, so that the rebuild after an edit does not wait for it."""
    _derived(index)


def changes(old: Index, new: Index) -> Changes:
    """Compare every field of two indexes (registry aside) and every derived field, key by key."""
    keys: dict[str, set[Any]] = {}
    reads: set[Read] = set()
    tables: list[tuple[str, Any, Any]] = [(name, getattr(old, name), getattr(new, name)) for name in _FIELDS]
    derived_old, derived_new = _derived(old), _derived(new)
    tables += [(name, derived_old[name], derived_new[name]) for name in DERIVED]
    for name, before, after in tables:
        if isinstance(before, Mapping) and isinstance(after, Mapping):
            changed = _changed_keys(before, after)
            if before.keys() != after.keys():
                reads.add((name, KEYS))
        else:
            changed = set() if _same_shown(before, after) else {ANY}
        keys[name] = changed
        if changed:
            reads.add((name, ANY))
            reads.update((name, k) for k in changed)
    return Changes(keys, frozenset(reads))


def affected(old: Index, new: Index, reads: Reads, outputs: Collection[str]) -> set[str] | None:
    """Source URIs of pages and paths of feeds that may differ between the builds of ``old`` and ``new``.

    ``reads`` holds, for every page and feed of the old build, what it read
    when it was last rendered (a page left alone since then reads the same:
    nothing it read has changed). ``outputs`` are the pages and feeds of the
    new build (``pipeline.outputs_to_redo`` plans them). Outputs without
    recorded reads (new ones, or ones rendered where nothing was recorded) are
    always named, and so are outputs that are gone. None means everything: the
    registry changed, and with it names on every page.
    """
    if old.registry != new.registry:
        return None
    present = set(outputs)
    found = changes(old, new)
    out = {path for path, read in reads.items() if found.touches(read)}
    out.update(present.difference(reads))
    out.update(path for path in reads if path not in present)
    return out
