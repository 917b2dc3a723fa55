"""Ingest ``--force`` over a briefing the curator has edited: a three-way merge that keeps their work.

Three versions of each field meet: what ingest wrote last time (the *base*), the curator's
file as it is now (*mine*), and what this ingest found (*new*). A field the curator changed
since the base keeps the curator's value; a field they left alone takes the new value. Lists
of ids (actors, events, tags) merge as sets: what the curator removed stays removed, what
they added stays, and what ingest newly finds is added for review. Quotations merge by their
words the same way, and the body is the curator's when they edited it. Every kept edit and
every change is one review line.

The base is kept in ``.briefings/ingested/<the briefing's path>`` inside the project: the
front-matter ingest wrote and a digest of the body, written atomically next to every
briefing ingest writes. It is meant to be committed with the briefing, so that a re-ingest
on another machine, after the pull request, merges the same way. Without a base (a briefing
written by hand or before bases were kept), every field the curator's file has is kept and
new list items are added.

Pure apart from :func:`read_base` and :func:`write_base`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from site_builder.authoring.ingest import draft
from site_builder.authoring.yaml_edit import split_front
from site_builder.core import schema as S
from site_builder.core.load import Layout
from site_builder.errors import BriefingsError
from site_builder.fsutil import atomic_write

BASE_DIR = ".briefings/ingested"
_LISTS = ("actors", "events", "tags")
_HEADER = ("# What briefings ingest last wrote to {path}: ingest --force compares it with the\n"
           "# briefing to keep the curator's edits. Commit it with the briefing; do not edit it.\n")


@dataclass
class Merged:
    fields: dict[str, Any]
    body: str | None  # the curator's body, when they edited it; None: the new one
    review: list[str] = field(default_factory=list)


def body_digest(body: str) -> str:
    return hashlib.sha256(" ".join(body.split()).encode()).hexdigest()


def base_path(layout: Layout, briefing: Path) -> Path:
    return layout.root / BASE_DIR / layout.display(briefing)


def write_base(layout: Layout, briefing: Path, fields: dict[str, Any], body: str) -> None:
    """Record what ingest wrote to ``briefing``, for the next ``--force``."""
    data = {"front_matter": _clean(fields), "body_sha256": body_digest(body)}
    text = _HEADER.format(path=layout.display(briefing)) + yaml.safe_dump(data, allow_unicode=True,
                                                                           sort_keys=False, width=100)
    atomic_write(base_path(layout, briefing), text, overwrite=True)


def read_base(layout: Layout, briefing: Path) -> tuple[dict[str, Any], str] | None:
    """(front-matter, body digest) ingest last wrote to ``briefing``; None if there is no usable record."""
    path = base_path(layout, briefing)
    if not path.is_file() or path.is_symlink():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("front_matter"), dict):
        return None
    return data["front_matter"], str(data.get("body_sha256", ""))


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v not in (None, [], (), "")}


def _quote_key(quote: Any) -> str:
    text = quote.get("text", "") if isinstance(quote, dict) else str(quote)
    return " ".join(str(text).replace("’", "'").replace("“", '"').replace("”", '"').casefold().split())


def _merge_list(name: str, base: list[Any] | None, mine: list[Any], new: list[Any],
                review: list[str]) -> list[Any]:
    singular = name.removesuffix("s")
    if base is None:
        added = [x for x in new if x not in mine]
        if added:
            review.append(f"{name}: added {', '.join(map(str, added))} (new in this ingest)")
        return [*mine, *added]
    removed = [x for x in base if x not in mine]
    kept_removed = [x for x in removed if x in new]
    curator_added = [x for x in mine if x not in base]
    dropped = [x for x in mine if x in base and x not in new]
    result = [x for x in mine if x not in dropped]
    fresh = [x for x in new if x not in mine and x not in base]
    result += fresh
    if kept_removed:
        review.append(f"kept your removal of {singular} {', '.join(map(str, kept_removed))}")
    if curator_added:
        review.append(f"kept your added {singular} {', '.join(map(str, curator_added))}")
    if fresh:
        review.append(f"{name}: added {', '.join(map(str, fresh))} (new in this ingest; review)")
    if dropped:
        review.append(f"{name}: removed {', '.join(map(str, dropped))} (this ingest no longer finds them)")
    return result


def _merge_quotes(base: list[Any] | None, mine: list[Any], new: list[Any], review: list[str]) -> list[Any]:
    base_by = {_quote_key(q): q for q in base or []}
    new_by = {_quote_key(q): q for q in new}
    mine_keys = {_quote_key(q) for q in mine}
    result: list[Any] = []
    kept = 0
    for q in mine:
        key = _quote_key(q)
        untouched = base is not None and base_by.get(key) == q
        if untouched and key not in new_by:
            continue
        if untouched:
            result.append(new_by[key])
        else:
            kept += 1 if base is not None else 0
            result.append(q)
    fresh = [q for k, q in new_by.items() if k not in mine_keys and (base is None or k not in base_by)]
    result += fresh
    if kept:
        review.append(f"kept {kept} quote(s) you added or changed")
    removed = [k for k in base_by if k not in mine_keys and k in new_by]
    if removed:
        review.append(f"kept your removal of {len(removed)} quote(s)")
    if fresh:
        review.append(f"quotes: added {len(fresh)} (new in this ingest; review)")
    return result


def merge(base: tuple[dict[str, Any], str] | None, mine: dict[str, Any], mine_body: str,
          new: dict[str, Any]) -> Merged:
    """The briefing's fields after a re-ingest: the curator's edits kept, the rest from ``new``."""
    review: list[str] = []
    if base is None:
        review.append("no record of what ingest wrote before (.briefings/ingested/): kept every field of "
                      "your file and added only what is new")
    base_front = _clean(base[0]) if base else None
    mine, new = _clean(mine), _clean(new)
    out: dict[str, Any] = {}
    for name in (f.name for f in S.BRIEFING_FIELDS):
        b = base_front.get(name) if base_front is not None else None
        m, n = mine.get(name), new.get(name)
        value: Any
        if name in _LISTS:
            value = _merge_list(name, None if base_front is None else list(b or []), list(m or []),
                                list(n or []), review)
        elif name == "quotes":
            value = _merge_quotes(None if base_front is None else list(b or []), list(m or []),
                                  list(n or []), review)
        elif base_front is None:
            value = m if m is not None else n
        elif m == b:
            value = n
            if n != m and m is not None:
                review.append(f"updated {name} from the article (you had not changed it)")
        else:
            value = m
            if m != n:
                review.append(f"kept your {name}" if m is not None else f"kept your removal of {name}")
        if value not in (None, [], ""):
            out[name] = value
    _drop_unlisted_quotes(out, [q for q in mine.get("quotes") or []])
    body = None
    if base is None or body_digest(mine_body) != base[1]:
        body = mine_body
        if base is not None:
            review.append("kept your edited body")
    return Merged(out, body, review)


def _drop_unlisted_quotes(fields: dict[str, Any], curators: list[Any]) -> None:
    """Quotations from this ingest whose speaker is not listed go (a removed actor stays removed);
    the curator's own are left for ``check`` to judge."""
    actors = set(fields.get("actors") or [])
    quotes = [q for q in fields.get("quotes") or [] if q in curators or not isinstance(q, dict) or
              all(q.get(k) in actors for k in ("speaker", "via") if q.get(k))]
    if quotes:
        fields["quotes"] = quotes
    else:
        fields.pop("quotes", None)


def merge_into(layout: Layout, path: Path, fields: dict[str, Any],
               paragraphs: list[str]) -> tuple[str, list[str]]:
    """The text to write over the curator's ``path``: this ingest's ``fields`` merged with their file."""
    try:
        _, front, body = split_front(path.read_text(encoding="utf-8"))
        mine = yaml.safe_load(front) or {}
    except (BriefingsError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise BriefingsError(f"{layout.display(path)}: cannot merge with the file as it is ({exc}); fix its "
                             "front-matter, or delete the file to ingest afresh") from None
    if not isinstance(mine, dict):
        raise BriefingsError(f"{layout.display(path)}: the front-matter is not a mapping; fix it or delete "
                             "the file to ingest afresh")
    merged = merge(read_base(layout, path), mine, body.removeprefix("---\n"), fields)
    if merged.body is None:
        return draft.render_briefing(merged.fields, paragraphs, draft.INGEST_KEEPS_EMPTY), merged.review
    return draft.render_with_body(merged.fields, merged.body, draft.INGEST_KEEPS_EMPTY), merged.review
