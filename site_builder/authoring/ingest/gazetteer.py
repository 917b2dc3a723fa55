"""The starter gazetteer: states, organisations, media and people every news archive meets on day one.

It lets a brand-new archive recognise "Israel", "the Pentagon" or "Reuters"
before any curator has written a registry entry. The data lives in YAML files
under ``data/gazetteer/`` that curators can read and extend; pycountry adds each
state's official names from its ISO code. The gazetteer is separate from the
archive's registry: ingest proposes a gazetteer entry, and only an accepted
proposal copies its facts into ``actors.yml``.

Loaded once per process (cached); reads only files shipped with the package.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from site_builder.core.models import Actor

DATA = Path(__file__).parent / "data" / "gazetteer"
FILES = ("states.yml", "organisations.yml", "media.yml", "people.yml")


@dataclass(frozen=True)
class Entry:
    """One gazetteer record; ``actor`` is what a registry entry copied from it would say."""

    actor: Actor
    capital: str | None = None
    seats: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    iso: str | None = None
    #: the name alone is not enough (Georgia, Jordan, Chad): the text must also use another form
    needs_context: bool = False
    #: forms that mean this body only in its own country's news ("the Senate", "the House"); they are
    #: among the actor's aliases, and count where the text also names the country
    local_aliases: tuple[str, ...] = ()


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value if isinstance(v, (str, int)) and str(v).strip())
    return ()


def _official_names(iso: str | None) -> tuple[str, ...]:
    """pycountry's name, official name and common name for an ISO 3166-1 code."""
    if not iso:
        return ()
    try:
        import pycountry
    except ImportError:  # pragma: no cover - a declared dependency
        return ()
    country = pycountry.countries.get(alpha_2=iso)
    if country is None:
        return ()
    names = [getattr(country, attr, None) for attr in ("name", "official_name", "common_name")]
    # "Korea, Republic of" is a catalogue form, never how copy names a state.
    return tuple(n for n in names if n and "," not in n and "(" not in n)


def _entry(entry_id: str, raw: dict[str, Any], default_kind: str) -> Entry:
    kind = str(raw.get("kind") or default_kind)
    name = str(raw["name"])
    local = _strings(raw.get("local_aliases"))
    aliases = list(_strings(raw.get("aliases"))) + [a for a in local if a != name]
    iso = str(raw["iso"]) if raw.get("iso") else None
    for official in _official_names(iso):
        if official != name and official not in aliases:
            aliases.append(official)
    actor = Actor(id=entry_id, name=name, kind=kind, aliases=tuple(aliases),
                  country=str(raw["country"]) if raw.get("country") else None,
                  role=str(raw["role"]) if raw.get("role") else None,
                  wikidata=str(raw["wikidata"]) if raw.get("wikidata") else None)
    return Entry(actor, str(raw["capital"]) if raw.get("capital") else None, _strings(raw.get("seats")),
                 _strings(raw.get("demonyms")), iso, raw.get("needs_context") is True, local)


@dataclass(frozen=True)
class Gazetteer:
    entries: dict[str, Entry]

    @property
    def actors(self) -> dict[str, Actor]:
        return {k: e.actor for k, e in self.entries.items()}


@lru_cache(maxsize=4)
def load(folder: Path = DATA) -> Gazetteer:
    """Every entry of the gazetteer files in ``folder``, in file order; a missing file is empty."""
    entries: dict[str, Entry] = {}
    for file_name in FILES:
        path = folder / file_name
        if not path.is_file():
            continue
        # libyaml's loader when PyYAML has it: the files hold thousands of entries
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
        default_kind = {"states.yml": "state", "media.yml": "media", "people.yml": "person"}.get(
            file_name, "organisation")
        for entry_id, raw in data.items():
            if isinstance(raw, dict) and raw.get("name") and str(entry_id) not in entries:
                entries[str(entry_id)] = _entry(str(entry_id), raw, default_kind)
    return Gazetteer(entries)
