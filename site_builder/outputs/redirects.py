"""Permalinks: pages of renamed records keep working as redirects.

A record's ``former_ids`` each get a tiny HTML page at the old URL that sends
readers (meta refresh) and search engines (canonical link) to the new one.
The target URL is built here from :mod:`urls`, never from content, and is
escaped anyway. No I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from html import escape
from typing import Any

from site_builder.core import urls
from site_builder.core.index import Index


def _page(target: str) -> str:
    href = escape(target, quote=True)
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">"
            f"<title>Moved</title><meta http-equiv=\"refresh\" content=\"0; url={href}\">"
            f"<link rel=\"canonical\" href=\"{href}\"><meta name=\"robots\" content=\"noindex\"></head>"
            f"<body><p>This page has moved to <a href=\"{href}\">{href}</a>.</p></body></html>\n")


def redirect_files(index: Index) -> Iterator[tuple[str, str]]:
    """(output path, HTML) for every former id, sorted."""
    reg = index.registry
    sources: list[tuple[Callable[[str], str], Mapping[str, Any]]] = [
        (urls.actor, reg.actors),
        (urls.event, reg.events),
        (urls.outlet, reg.outlets),
        (urls.briefing, index.by_id),
    ]
    found = []
    for to_src, records in sources:
        for record in records.values():
            for old in record.former_ids:
                old_src = to_src(old)
                found.append(
                    (urls.site_url(old_src) + "index.html", _page(urls.relative(old_src, to_src(record.id))))
                )
    yield from sorted(found)
