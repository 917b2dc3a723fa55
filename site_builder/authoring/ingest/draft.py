"""Ingest: the finished briefing as text — front-matter in canonical order, body as Markdown.

Field order comes from :data:`site_builder.core.schema.BRIEFING_FIELDS` and nowhere
else. The body is the article's paragraphs, with anything Markdown would read
as markup at the start of a line escaped, so the text stays text.
Pure: returns strings, never writes.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from site_builder.core import schema as S
from site_builder.core.urls import slugify


def briefing_path(day: dt.date, title: str) -> str:
    """``YYYY/MM/YYYY-MM-DD-slug.md``, relative to the content folder."""
    return f"{day.year:04d}/{day.month:02d}/{day.isoformat()}-{slugify(title)}.md"


def _escape(paragraph: str) -> str:
    paragraph = re.sub(r"\s+", " ", paragraph).strip()
    paragraph = re.sub(r"^([#>+=|]|[-*](?=\s)|\d+[.)](?=\s))", r"\\\1", paragraph)
    return paragraph.replace("<", "&lt;")


def render_body(paragraphs: list[str]) -> str:
    return "\n\n".join(_escape(p) for p in paragraphs if p.strip()) + "\n"


class _Dumper(yaml.SafeDumper):
    """Indents list items under their key, as the curated briefings do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = ">" if len(value) > 90 else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


#: Lists ingest writes even when empty: a briefing that names no actor says so ("actors: []") and passes
#: check, where ``briefings new`` leaves the field out for check to ask for.
INGEST_KEEPS_EMPTY = frozenset({"actors"})


def render_front(fields: dict[str, Any], keep_empty: frozenset[str] = frozenset()) -> str:
    """The front-matter in canonical order, without ``---`` lines; an unknown key is a programming error."""
    unknown = set(fields) - {f.name for f in S.BRIEFING_FIELDS}
    assert not unknown, unknown
    ordered = {f.name: fields[f.name] for f in S.BRIEFING_FIELDS
               if f.name in fields and (fields[f.name] not in (None, [], ()) or f.name in keep_empty)}
    front: str = yaml.dump(ordered, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=96,
                           default_flow_style=False, indent=2)
    return front


def render_briefing(fields: dict[str, Any], paragraphs: list[str],
                    keep_empty: frozenset[str] = frozenset()) -> str:
    """The whole briefing file."""
    return f"---\n{render_front(fields, keep_empty)}---\n{render_body(paragraphs)}"


def render_with_body(fields: dict[str, Any], body: str, keep_empty: frozenset[str] = frozenset()) -> str:
    """The whole briefing file around a body kept as the curator wrote it."""
    return f"---\n{render_front(fields, keep_empty)}---\n{body}"
