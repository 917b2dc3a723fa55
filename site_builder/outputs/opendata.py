"""Open data: the archive as JSON and CSV, so researchers need not scrape pages.

``data/briefings.json``, ``actors.json``, ``events.json`` and ``outlets.json``
hold every published record with the fields of :mod:`schema` (same names, same
order) plus its page URL; ``co_mentions.csv`` lists every pair of actors named
together. Output is sorted and serialised the same way every time. No I/O.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from typing import Any

from site_builder.core import schema, urls
from site_builder.core.index import Index
from site_builder.core.models import Briefing
from site_builder.core.remembered import LastResult

DATA_FORMAT_VERSION = 1


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)
                if getattr(value, f.name) is not None}
    return value


def _record(obj: Any, fields: tuple[schema.Field, ...], url: str) -> dict[str, Any]:
    out: dict[str, Any] = {"id": obj.id}
    for f in fields:
        value = getattr(obj, f.name)
        if value is None or value == () or (f.type == "boolean" and value is False):
            continue
        out[f.name] = _plain(value)
    out["url"] = url
    return out


def _dump(kind: str, records: list[dict[str, Any]]) -> str:
    return _join(kind, [_item(r) for r in records])


def _item(record: dict[str, Any]) -> str:
    """A record as it appears inside :func:`_join`'s list: one line, without spaces between tokens.

    One record per line keeps the file easy to read, grep and diff at a fraction of the bytes of an
    indented dump (a third of ``briefings.json`` was indentation).
    """
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def _join(kind: str, items: list[str]) -> str:
    """The JSON of ``{"format", "kind", "count", kind: [...]}``, one record per line, from serialised items.

    Serialising item by item lets a rebuild reuse the text of records that did not change.
    """
    head = {"format": DATA_FORMAT_VERSION, "kind": kind, "count": len(items)}
    text = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]  # drop the closing "}"
    listed = "[\n" + ",\n".join(items) + "\n]" if items else "[]"
    return f"{text},{json.dumps(kind)}:{listed}}}\n"


#: Serialised briefing records by id, with the record they were made from (``mkdocs serve`` keeps one).
RecordCache = dict[str, tuple[Briefing, str]]


def _co_mention_table(pairs: dict[tuple[str, str], Any]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["actor", "other_actor", "count", "first", "last", "weight"])
    for (a, b), pair in sorted(pairs.items()):
        writer.writerow(
            [a, b, pair.count, pair.first.isoformat(), pair.last.isoformat(), f"{pair.weight:.4f}"]
        )
    return buffer.getvalue()


#: The last co-mention table, kept while serving: an edit that links no briefing anew keeps the
#: index's pairs (the same object), and the table of 10,000 briefings takes a third of a second to
#: sort and write. A build writes it once and keeps none (8 MB at 50,000 briefings).
_kept_table = LastResult(_co_mention_table)


def data_files(index: Index, cache: RecordCache | None = None) -> dict[str, str]:
    """File name under ``data/`` -> content. ``cache`` keeps each briefing's text for the next call."""
    reg = index.registry
    keep = cache is not None
    cache = {} if cache is None else cache
    briefings: list[str] = []
    for briefing in sorted(index.briefings, key=lambda b: (b.date, b.id)):
        known = cache.get(briefing.id)
        if known is None or known[0] is not briefing:
            text = _item(_record(briefing, schema.BRIEFING_FIELDS, urls.site_url(urls.briefing(briefing.id))))
            known = cache[briefing.id] = (briefing, text)
        briefings.append(known[1])
    for gone in cache.keys() - index.by_id.keys():
        del cache[gone]
    actors = [
        _record(a, schema.ACTOR_FIELDS, urls.site_url(urls.actor(a.id)))
        | {"briefings": len(index.by_actor.get(a.id, ()))}
        for a in sorted(reg.actors.values(), key=lambda a: a.id)
    ]
    events = [
        _record(e, schema.EVENT_FIELDS, urls.site_url(urls.event(e.id)))
        | {"briefings": len(index.by_event.get(e.id, ()))}
        for e in sorted(reg.events.values(), key=lambda e: e.id)
    ]
    outlets = [
        _record(o, schema.OUTLET_FIELDS, urls.site_url(urls.outlet(o.id)))
        | {"briefings": len(index.by_outlet.get(o.id, ()))}
        for o in sorted(reg.outlets.values(), key=lambda o: o.id)
    ]
    return {
        "briefings.json": _join("briefings", briefings),
        "actors.json": _dump("actors", actors),
        "events.json": _dump("events", events),
        "outlets.json": _dump("outlets", outlets),
        "co_mentions.csv": _kept_table(index.pairs) if keep else _co_mention_table(index.pairs),
    }
