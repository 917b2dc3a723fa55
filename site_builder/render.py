"""Stage 5, *render*: page specs -> page sources (Markdown with HTML blocks).

Escaping happens here, once: every template runs in a Jinja environment with
autoescaping on, so any value from front-matter or a registry reaches the page
as text. Data-bearing parts of a page are written as HTML blocks (which any
Markdown engine passes through untouched) instead of Markdown, because
Markdown syntax inside a title or name could otherwise become a link or an
attribute. Links between pages are relative site URLs from :mod:`urls`.

The page title travels in the page's YAML front-matter, HTML-escaped, because
themes insert ``page.meta.title`` into ``<title>`` and headers without
escaping it.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from . import urls
from .link import Index
from .models import Briefing
from .pages import PageSpec
from .safe_markdown import BodyRenderer

KIND_LABELS = {"person": "Person", "state": "State", "organisation": "Organisation", "media": "Media"}
KIND_PLURALS = {"person": "People", "state": "States", "organisation": "Organisations", "media": "Media"}
OWNERSHIP_LABELS = {
    "state-owned": "State-owned", "state-funded": "State-funded", "public-service": "Public service",
    "private": "Privately owned", "non-profit": "Non-profit", "party-owned": "Party-owned",
}


@dataclass(frozen=True)
class SiteOptions:
    """Settings a fork changes; the MkDocs plugin fills them from ``mkdocs.yml``."""

    site_name: str = "Briefing Archive"
    beat: str = ""
    latest: int = 10
    busiest: int = 12


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def short_date(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def month_name(year: int, month: int) -> str:
    return f"{dt.date(year, month, 1):%B} {year}"


def web_url(value: str | None) -> str | None:
    """The URL if it may become a link, else None (the template then shows text)."""
    return value if value and urls.is_web_url(value) else None


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("site_builder", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(long_date=long_date, short_date=short_date, web_url=web_url)
    env.globals.update(KIND_LABELS=KIND_LABELS, KIND_PLURALS=KIND_PLURALS,
                       OWNERSHIP_LABELS=OWNERSHIP_LABELS, month_name=month_name)
    return env


class Renderer:
    """Renders any :class:`PageSpec` of one index; build it once per site build."""

    def __init__(self, index: Index, options: SiteOptions | None = None) -> None:
        self.index = index
        self.options = options or SiteOptions()
        self.env = _environment()
        self.body = BodyRenderer()
        self._templates = {}

    def render(self, spec: PageSpec) -> str:
        """The complete page source: YAML front-matter, then the Markdown body."""
        template = self._templates.get(spec.kind)
        if template is None:
            template = self._templates[spec.kind] = self.env.get_template(f"{spec.kind}.md")
        page = _PageContext(self, spec)
        body = template.render(page=page, index=self.index, reg=self.index.registry,
                               options=self.options, **page.record())
        return front_matter(spec.title, page.description) + "\n" + body.strip("\n") + "\n"


def front_matter(title: str, description: str | None) -> str:
    meta: dict[str, str] = {"title": html.escape(title)}
    if description:
        meta["description"] = html.escape(" ".join(description.split()))
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{dumped}---\n"


_URL_OF: dict[str, Any] = {
    "home": urls.HOME, "actors": urls.ACTORS_INDEX, "events": urls.EVENTS_INDEX,
    "outlets": urls.OUTLETS_INDEX, "timeline": urls.TIMELINE_INDEX, "year": urls.year,
}


class _PageContext:
    """What a template may ask about the page it renders: links relative to it, lookups."""

    def __init__(self, renderer: Renderer, spec: PageSpec) -> None:
        self.renderer, self.spec, self.index = renderer, spec, renderer.index
        self.description: str | None = None

    def record(self) -> dict[str, Any]:
        reg, key, kind = self.index.registry, self.spec.key, self.spec.kind
        if kind == "briefing":
            b = self.index.by_id[str(key)]
            self.description = b.summary
            return {"b": b, "body_html": Markup(self.renderer.body.render(b.body))}
        if kind == "actor":
            return {"actor": reg.actors[str(key)]}
        if kind == "event":
            return {"event": reg.events[str(key)]}
        if kind == "outlet":
            return {"outlet": reg.outlets[str(key)]}
        if kind == "year":
            return {"year": key}
        return {}

    # Links, relative to this page.
    def link(self, src_uri: str, anchor: str = "") -> str:
        return urls.relative(self.spec.src_uri, src_uri, anchor)

    def to(self, kind: str, key: Any = None) -> str:
        """Link to a page by kind: ``to("year", 2025)``, ``to("actors")`` for the actor index."""
        target = _URL_OF[kind]
        return self.link(target(key) if callable(target) else target)

    def briefing(self, briefing_id: str) -> str:
        return self.link(urls.briefing(briefing_id))

    def actor(self, actor_id: str) -> str:
        return self.link(urls.actor(actor_id))

    def event(self, event_id: str) -> str:
        return self.link(urls.event(event_id))

    def outlet(self, outlet_id: str) -> str:
        return self.link(urls.outlet(outlet_id))

    def month(self, day: dt.date) -> str:
        return self.link(urls.year(day.year), urls.month_anchor(day))

    @staticmethod
    def month_anchor(day: dt.date) -> str:
        return urls.month_anchor(day)

    # Lookups.
    def actor_name(self, actor_id: str) -> str:
        return self.index.registry.actors[actor_id].name

    def by_month(self, briefings: Iterable[Briefing]) -> list[tuple[tuple[int, int], list[Briefing]]]:
        groups: dict[tuple[int, int], list[Briefing]] = {}
        for b in briefings:
            groups.setdefault((b.date.year, b.date.month), []).append(b)
        return list(groups.items())
