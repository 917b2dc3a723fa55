"""Ingest: the starter table of well-known news outlets shipped with the package.

An archive's registry starts nearly empty, yet readers need to know who published
each article. ``data/outlets.yml`` lists major agencies, broadcasters and papers with
the facts curators would otherwise look up (country, ownership, affiliation), in the
registry's own format. Ingest proposes a new outlet from it; only the curator's
registry decides. Read once per process and cached; lookups are pure.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Any

import yaml

from site_builder.core.models import Outlet

#: Facts a proposal copies from the table into the registry, in the registry's field order.
FACT_FIELDS: tuple[str, ...] = ("country", "ownership", "affiliation")

#: Second-level labels under which a country's sites register ("bbc.co.uk", "abc.net.au").
_SECOND_LEVEL = frozenset(
    {"co", "com", "net", "org", "gov", "ac", "edu", "or", "ne", "go", "gen", "info", "nic"}
)


def facts(outlet: Outlet) -> dict[str, str]:
    """The provenance facts the table knows of ``outlet``, ready to write into outlets.yml."""
    return {f: v for f in FACT_FIELDS if (v := getattr(outlet, f))}


def _squeeze(text: str) -> str:
    return re.sub(r"[\W_]", "", text.casefold())


def _row(outlet_id: str, fields: dict[str, Any]) -> Outlet:
    """A row of the table as the registry's own record (the table uses the registry's format)."""
    return Outlet(
        id=outlet_id,
        name=str(fields["name"]),
        domains=tuple(fields.get("domains") or ()),
        country=fields.get("country"),
        ownership=fields.get("ownership"),
        affiliation=fields.get("affiliation"),
        names=tuple(fields.get("names") or ()),
    )


@functools.cache
def table() -> dict[str, Outlet]:
    """All rows by id (read from the package data on first use).

    A missing or damaged table only costs the proposals their facts, so ingest goes on without it.
    """
    try:
        text = resources.files(__package__).joinpath("data", "outlets.yml").read_text(encoding="utf-8")
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(text, Loader=loader) or {}  # a safe loader: plain data only
    except (OSError, yaml.YAMLError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): _row(str(k), v) for k, v in data.items() if isinstance(v, dict) and v.get("name")}


@functools.cache
def _by_domain() -> dict[str, Outlet]:
    return {d: row for row in table().values() for d in row.domains}


@functools.cache
def _by_name() -> dict[str, Outlet]:
    index: dict[str, Outlet] = {}
    for row in table().values():
        for name in (row.name, *row.names):
            index.setdefault(_squeeze(name), row)
    return index


def by_domain(domain: str | None) -> Outlet | None:
    """The row whose domain is ``domain`` or its closest parent ("edition.cnn.com" -> cnn.com)."""
    if not domain:
        return None
    host = domain.lower().removeprefix("www.").rstrip(".")
    index = _by_domain()
    labels = host.split(".")
    for i in range(len(labels) - 1):
        row = index.get(".".join(labels[i:]))
        if row is not None:
            return row
    return None


def by_name(name: str | None) -> Outlet | None:
    """The row an outlet name (or one of its other names) belongs to, ignoring case and punctuation."""
    key = _squeeze(name or "")
    return _by_name().get(key) if len(key) >= 2 else None


def registrable_domain(domain: str) -> str:
    """The part of a host name a publisher registers: "realestate.usnews.com" -> "usnews.com",
    "news.bbc.co.uk" -> "bbc.co.uk"."""
    labels = domain.lower().removeprefix("www.").split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def name_from_domain(domain: str) -> str:
    """A readable stand-in name when nothing else names the outlet: "usnews.com" -> "Usnews"."""
    label = registrable_domain(domain).split(".")[0]
    return label.replace("-", " ").title() if label else domain
