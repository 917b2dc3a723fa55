"""Stage 5, *render*: page specs -> finished page HTML, with the page's metadata and headings.

Escaping happens here, once: every template runs in a Jinja environment with
autoescaping on, so any value from front-matter or a registry reaches the page
as text. Templates write HTML; their section headings come from
:meth:`_PageContext.heading`, which gives each a unique id and keeps it for the
page's table of contents. Links between pages are relative site URLs from
:mod:`urls`.

An engine gets the HTML as it is, with no second Markdown pass
(:class:`RenderedPage`). Engines that run no plugins read the same page as
Markdown: :meth:`RenderedPage.markdown` turns the headings back into ``##``
lines around HTML blocks, which any Markdown engine passes through.

The page title travels in the page's metadata, HTML-escaped, because themes
insert ``page.meta.title`` into ``<title>`` and headers without escaping it.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
import unicodedata
import urllib.parse
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from site_builder.body.html import BodyLinks
from site_builder.body.mentions import find_mentions
from site_builder.body.parse import BodyRenderer, parse_of
from site_builder.body.policy import parsed_diagnostics
from site_builder.core import charts, urls
from site_builder.core.index import CoMention, Index, link_targets, strongest_ties, year_pairs
from site_builder.core.models import Briefing, Quote
from site_builder.core.pages import PageSpec, month_title
from site_builder.core.reads import BODIES, Read, Recorder, derived
from site_builder.core.roles import role_on
from site_builder.core.validate import wiki_link_diagnostics
from site_builder.errors import Diagnostic

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
    site_url: str | None = None
    beat: str = ""
    latest: int = 10
    busiest: int = 12


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def short_date(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"




def web_url(value: str | None) -> str | None:
    """The URL if it may become a link, else None (the template then shows text)."""
    return value if value and urls.is_web_url(value) else None


def _one_line(value: Any) -> Any:
    """Every plain value prints on one line.

    Line breaks in a value mean nothing in HTML, and on one line no value can end
    an HTML block of the exported Markdown (:meth:`RenderedPage.markdown`), where
    CommonMark engines end a block at a blank line.
    """
    if isinstance(value, str) and not isinstance(value, Markup) and "\n" in value:
        return " ".join(value.split())
    return value


@functools.cache
def _environment() -> jinja2.Environment:
    """The templates' environment, made once: each build's renderer would otherwise compile them again."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("site_builder.core", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.finalize = _one_line
    env.filters.update(long_date=long_date, short_date=short_date, web_url=web_url)
    env.globals.update(KIND_LABELS=KIND_LABELS, KIND_PLURALS=KIND_PLURALS,
                       OWNERSHIP_LABELS=OWNERSHIP_LABELS, month_name=month_title,
                       TIES_SHOWN=TIES_SHOWN, PROFILE_TOP=PROFILE_TOP,
                       CO_SHOWN=CO_SHOWN, CO_LISTED=CO_LISTED, LISTED=LISTED)
    return env


class Renderer:
    """Renders any :class:`PageSpec` of one index; build it once per site build.

    With ``record_reads``, every page logs what it reads of the index while it renders
    (:mod:`site_builder.core.reads`), under its source URI in :attr:`reads`, so that a rebuild after
    an edit can redo only the pages whose reads changed. Templates and page methods then see a
    recording view of the index as ``index``, and the per-build caches log reads of their own.
    """

    def __init__(self, index: Index, options: SiteOptions | None = None, record_reads: bool = False) -> None:
        self.source = index  # the index itself, for caches computed once from all of it
        self.recorder = Recorder(index) if record_reads else None
        self.index = self.recorder.view if self.recorder is not None else index
        self.options = options or SiteOptions()
        self.env = _environment()
        self.body = BodyRenderer()
        self.targets = link_targets(index.registry)  # from the registry: a change to it redoes everything
        self.mention_counts = self._cache("mention_counts", mention_counts(index))  # node sizes in graphs
        self._templates: dict[str, jinja2.Template] = {}
        self._profiles: Mapping[str, OutletProfile] | None = None

    @property
    def reads(self) -> dict[str, set[Read]]:
        """What pages (by source URI) and feeds (by path) read when last rendered; empty unless recording."""
        return self.recorder.by_output if self.recorder is not None else {}

    def _cache(self, name: str, data: Mapping[str, Any]) -> Mapping[str, Any]:
        """A cache of derived field ``name``, logging the keys each page reads of it when recording."""
        return self.recorder.mapping(name, data) if self.recorder is not None else data

    def profiles(self) -> Mapping[str, OutletProfile]:
        """What each outlet names and quotes, beside the archive as a whole; computed once per build."""
        if self._profiles is None:
            self._profiles = self._cache("outlet_profiles", outlet_profiles(self.source))
        return self._profiles

    def render(self, spec: PageSpec) -> RenderedPage:
        """The finished page: its metadata, HTML and headings."""
        template = self._templates.get(spec.kind)
        if template is None:
            template = self._templates[spec.kind] = self.env.get_template(f"{spec.kind}.html")
        page = _PageContext(self, spec)
        body = template.render(page=page, index=self.index, reg=self.index.registry,
                               options=self.options, **page.record())
        meta = {"feed": page.feed_src, "og_type": "article" if spec.kind == "briefing" else "website"}
        return RenderedPage(spec.src_uri, page_meta(spec.title, page.description, meta), body.strip("\n"),
                            tuple(page.headings), page.problems)


#: Characters a heading id keeps, as in Python-Markdown's ``toc`` extension (so ids stay as they were).
_NOT_SLUG = re.compile(r"[^\w\s-]")
_SEPARATORS = re.compile(r"[-\s]+")


def slugify(text: str) -> str:
    """A heading's id: ASCII letters, digits and hyphens, lowercase."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _SEPARATORS.sub("-", _NOT_SLUG.sub("", ascii_text).strip().lower())


@dataclass(frozen=True)
class Heading:
    """A section heading of a page, for its table of contents. ``title`` is HTML-escaped."""

    level: int
    id: str
    title: str

    @property
    def html(self) -> str:
        return f'<h{self.level} id="{self.id}">{self.title}</h{self.level}>'


_ID = re.compile(r'\sid="([^"<>]*)"')


@dataclass(frozen=True)
class RenderedPage:
    """A finished page: metadata (title and description HTML-escaped), HTML and headings.

    ``problems``: the content policy's findings, and the unknown ``[[link]]`` targets, in a briefing's
    body that loading left unparsed (:func:`~site_builder.core.load.load_archive` with
    ``parse_bodies=False``), found by the parse made here; a build must stop on them as on any error
    of ``check``. The page is safe to show
    anyway: the renderer escapes raw HTML and drops links that are not to the web.
    """

    src_uri: str
    meta: dict[str, str]
    html: str
    headings: tuple[Heading, ...]
    problems: tuple[Diagnostic, ...] = ()

    def anchors(self) -> set[str]:
        """Every id on the page, so an engine can check links to its anchors."""
        return set(_ID.findall(self.html))

    def front_matter(self) -> str:
        dumped = yaml.safe_dump(self.meta, allow_unicode=True, sort_keys=False, width=10_000)
        return f"---\n{dumped}---\n"

    def document(self) -> str:
        """Metadata and HTML in one text: what the golden pages hold."""
        return self.front_matter() + "\n" + self.html + "\n"

    def markdown(self) -> str:
        """The page for Markdown engines that run no plugins: ``##`` headings between HTML blocks.

        Heading lines are the only ones turned back: no value can produce
        ``<h2 id="`` since every value is escaped.
        """
        text = "\n" + self.html + "\n"
        for h in self.headings:
            text = text.replace(f"\n{h.html}\n", f"\n\n{'#' * h.level} {h.title}\n\n", 1)
        return self.front_matter() + "\n" + re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


def page_meta(title: str, description: str | None,
              extra: dict[str, str | None] | None = None) -> dict[str, str]:
    """A page's metadata. Title and description are HTML-escaped: themes print them unescaped."""
    meta: dict[str, str] = {"title": html.escape(title)}
    if description:
        meta["description"] = html.escape(" ".join(description.split()))
    meta |= {k: v for k, v in (extra or {}).items() if v}
    return meta


def json_ld(data: dict[str, Any]) -> Markup:
    """A JSON-LD script block that no string inside it can close or break out of."""
    text = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False, sort_keys=False,
                      separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{text}</script>')


#: The network page draws one graph for each of this many latest years.
NETWORK_YEARS = 5
#: Rows of the strongest-ties table under each graph; the full list is in data/co_mentions.csv.
TIES_SHOWN = 20


@dataclass(frozen=True)
class Graph:
    """A drawn network: the SVG, its nodes and ties (weights per briefing), and the pairs behind it."""

    svg: Markup | None
    nodes: list[tuple[str, float]]
    edges: list[tuple[str, str, float]]
    pairs: dict[tuple[str, str], CoMention]


@dataclass(frozen=True)
class Network:
    whole: Graph
    years: list[tuple[int, Graph]]


#: How many briefings (or statements) an actor or outlet page lists, newest first, before it links each
#: year's others to the search, filtered to that actor or outlet and year. Every briefing stays reachable
#: (the year pages of the timeline list them all), while the page of an actor named in thousands of
#: briefings stays a page a phone can load, and the site stays the size of the archive, not a multiple.
LISTED = 50
#: How many co-mentioned actors an actor page lists before "All N".
CO_SHOWN = 30
#: How many an actor page lists in all, the strongest ties first; the rest, named once or twice beside
#: an actor of hundreds of briefings, are in ``data/co_mentions.csv``.
CO_LISTED = 150
#: How many actors, speakers and events an outlet's profile lists.
PROFILE_TOP = 8


@dataclass(frozen=True)
class Share:
    """An actor in an outlet's coverage: how often, its share there, and its share in the whole archive."""

    actor: str
    count: int
    share: float
    archive: float


@dataclass(frozen=True)
class OutletProfile:
    outlet: str
    briefings: int
    quotes: int
    named: list[Share]
    quoted: list[Share]
    events: list[tuple[str, int]]  # (event, how many outlets covered it), most covered first
    missed: list[tuple[str, int]]  # events others covered in its active span that it did not


@derived("mention_counts")
def mention_counts(index: Index) -> dict[str, int]:
    """How many briefings name each actor: the size of its node in graphs."""
    return {a: len(bs) for a, bs in index.by_actor.items()}


@derived("outlet_profiles")
def outlet_profiles(index: Index) -> dict[str, OutletProfile]:
    """For every outlet with briefings: the actors it names and quotes most, each beside its share
    in the whole archive, and the events it covered and missed."""
    total = len(index.briefings) or 1
    all_quotes: Counter[str] = Counter(s for b in index.briefings for s, _ in b.said())
    quote_total = sum(all_quotes.values()) or 1
    outlets_per_event = {e: len(os) for e, os in index.outlets_by_event.items()}
    profiles = {}
    for o, briefings in sorted(index.by_outlet.items()):
        n = len(briefings)
        named = [Share(a, c, c / n, len(index.by_actor[a]) / total)
                 for a, c in index.actors_by_outlet.get(o, [])[:PROFILE_TOP]]
        quotes: Counter[str] = Counter(s for b in briefings for s, _ in b.said())
        q_n = sum(quotes.values()) or 1
        quoted = [Share(a, c, c / q_n, all_quotes[a] / quote_total)
                  for a, c in sorted(quotes.items(), key=lambda p: (-p[1], p[0]))[:PROFILE_TOP]]
        covered = {e for b in briefings for e in b.events}
        first, last = min(b.date for b in briefings), max(b.date for b in briefings)
        events = sorted(((e, outlets_per_event[e]) for e in covered), key=lambda p: (-p[1], p[0]))
        missed = sorted(((e, k) for e, k in outlets_per_event.items() if e not in covered
                         and any(first <= b.date <= last for b in index.by_event[e])),
                        key=lambda p: (-p[1], p[0]))
        profiles[o] = OutletProfile(o, n, sum(quotes.values()), named, quoted, events, missed)
    return profiles


OWNERSHIP_ORDER = {kind: i for i, kind in enumerate(OWNERSHIP_LABELS)}


@dataclass(frozen=True)
class CoverageRow:
    """One briefing of an event, with the actors it quoted and the others it named."""

    briefing: Briefing
    outlet: str
    quoted: list[str]
    named: list[str]


@dataclass(frozen=True)
class CoverageGroup:
    """Briefings of an event from outlets of one kind of ownership in one country."""

    label: str
    rows: list[CoverageRow]


_URL_OF: dict[str, Any] = {
    "home": urls.HOME, "actors": urls.ACTORS_INDEX, "events": urls.EVENTS_INDEX,
    "outlets": urls.OUTLETS_INDEX, "timeline": urls.TIMELINE_INDEX, "year": urls.year,
    "network": urls.NETWORK, "search": urls.SEARCH, "compare": urls.COMPARE,
}


class _PageContext:
    """What a template may ask about the page it renders: links relative to it, lookups."""

    def __init__(self, renderer: Renderer, spec: PageSpec) -> None:
        self.renderer, self.spec, self.index = renderer, spec, renderer.index
        if renderer.recorder is not None:
            renderer.recorder.start(spec.src_uri)  # what the page reads from here on is its own
        self.description: str | None = None
        self.feed_src: str | None = None  # the page's Atom feed, if it has one
        self.headings: list[Heading] = []
        self.problems: tuple[Diagnostic, ...] = ()
        self._links: dict[tuple[str, str], str] = {}

    def record(self) -> dict[str, Any]:
        """The record a page shows, under the name its template uses; sets description and feed."""
        reg, key, kind = self.index.registry, str(self.spec.key), self.spec.kind
        if kind == "briefing":
            b = self.index.by_id[key]
            if self.renderer.recorder is not None:
                self.renderer.recorder.read(BODIES, key)  # the index's comparisons leave bodies out
            self.description = b.summary
            body = parse_of(b.body, b.parsed)  # the parse made when loading, if the build kept it
            if body is not b.parsed:  # this is the body's parse: the policy and the link check read it here
                self.problems = (*parsed_diagnostics(body, b.origin.path, b.body_line),
                                 *wiki_link_diagnostics(b, body, self.renderer.targets))
            return {"b": b, "body_html": Markup(self.renderer.body.render(body, self.body_links(b)))}
        if kind in ("actor", "event", "outlet"):
            record = getattr(reg, kind + "s")[key]
            self.feed_src = urls.feed(kind, key)
            self.description = getattr(record, "description", None)
            return {kind: record}
        if kind == "year":
            return {"year": self.spec.key}
        if kind == "month":
            year, month = (int(part) for part in key.split("-"))
            return {"year": year, "month": month, "briefings": self.index.by_month[(year, month)],
                    "events": self.index.events_by_month.get((year, month), [])}
        if kind == "home":
            self.feed_src = urls.feed("all")
            self.description = self.renderer.options.beat or None
        return {}

    def body_links(self, b: Briefing) -> BodyLinks:
        """Explicit [[links]] to any record, and the first mention of each of the briefing's actors."""
        reg = self.index.registry
        targets = self.renderer.targets

        def resolve(target: str) -> tuple[str, str] | None:
            found = targets.get(target.strip().lower())
            if found is None:
                return None
            kind, key = found
            record = getattr(reg, kind + "s")[key]
            return self.link(getattr(urls, kind)(key)), record.name

        if not b.link_mentions:
            return BodyLinks(resolve)
        cast = {a: reg.actors[a] for a in b.actors if a in reg.actors}

        def mentions(text: str) -> list[tuple[int, int, str, str]]:
            return [(m.start, m.end, m.actor_id, self.actor(m.actor_id))
                    for m in find_mentions(text, cast, named_elsewhere=cast)]

        return BodyLinks(resolve, mentions, frozenset(self.actor(a) for a in cast))

    def heading(self, title: str, level: int = 2) -> Markup:
        """A section heading with an id unique on the page.

        After the first, repeats get ``_1``, ``_2`` ..., as Python-Markdown numbers them.
        """
        base = slugify(title) or "section"
        taken = {h.id for h in self.headings}
        anchor, n = base, 0
        while anchor in taken:
            n += 1
            anchor = f"{base}_{n}"
        heading = Heading(level, anchor, html.escape(title, quote=False))
        self.headings.append(heading)
        return Markup(heading.html)

    # Links, relative to this page.
    def link(self, src_uri: str, anchor: str = "") -> str:
        """The link to a page from this one; each asked for once (a briefing names an actor in its
        header, its body, its quotes and its lists)."""
        key = (src_uri, anchor)
        found = self._links.get(key)
        if found is None:
            found = self._links[key] = urls.relative(self.spec.src_uri, src_uri, anchor)
        return found

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

    def month(self, year: int, month: int) -> str:
        return self.link(urls.month(year, month))

    def feed(self) -> str | None:
        return urls.relative_file(self.spec.src_uri, self.feed_src) if self.feed_src else None

    def search_for(self, **filters: Any) -> str:
        """Link to the search page with these filters set (``actor="Kim Jong Un", year=2023``)."""
        return self.link(urls.SEARCH) + "?" + urllib.parse.urlencode(filters)

    def file(self, path: str) -> str:
        """Link to a generated or static file (data exports, feeds)."""
        return urls.relative_file(self.spec.src_uri, path)

    # Outlets compared.
    def profile(self, outlet_id: str) -> OutletProfile | None:
        return self.renderer.profiles().get(outlet_id)

    def outlet_groups(self) -> list[tuple[str, list[str]]]:
        """Outlets with briefings, by kind of ownership (in the usual order), then by name."""
        reg = self.index.registry
        groups: dict[str, list[str]] = {}
        for o in sorted(self.index.by_outlet, key=lambda o: (reg.outlets[o].name, o)):
            groups.setdefault(reg.outlets[o].ownership or "", []).append(o)
        return [(OWNERSHIP_LABELS.get(k, "Ownership not recorded"), groups[k])
                for k in sorted(groups, key=lambda k: OWNERSHIP_ORDER.get(k, len(OWNERSHIP_ORDER)))]

    def outlet_volume(self, outlet_id: str) -> charts.Activity | None:
        """An outlet's briefings per month, drawn over the whole archive's span so charts line up."""
        dates = [b.date for b in self.index.by_outlet.get(outlet_id, [])]
        span = (self.index.briefings[-1].date, self.index.briefings[0].date) if self.index.briefings else None
        scale = self._month_peak()
        name = self.index.registry.outlets[outlet_id].name
        return charts.activity_chart(dates, f"Briefings from {name}, per month",
                                     "briefing", span=span, scale=scale)

    def _month_peak(self) -> int:
        """The most briefings any one outlet published in one month: the common scale of outlet charts."""
        counts = Counter((b.outlet, b.date.year, b.date.month) for b in self.index.briefings)
        return max(counts.values(), default=0)

    def partly_covered(self, limit: int = 40) -> tuple[list[tuple[str, list[list[str]]]], int]:
        """Events that some outlets covered and others did not: for each, per ownership group, the
        outlets that covered it. Most covered first; also how many such events there are in all."""
        groups = self.outlet_groups()
        active = set(self.index.by_outlet)
        rows = []
        for e, outlets in sorted(self.index.outlets_by_event.items(),
                                 key=lambda p: (-len(p[1]), -sum(n for _, n in p[1]), p[0])):
            covered = {o for o, _ in outlets}
            if covered >= active:
                continue
            rows.append((e, [[o for o in members if o in covered] for _, members in groups]))
        return rows[:limit], len(rows)

    # Event pages: who said what, and how each outlet told it.
    def event_statements(self, event_id: str) -> list[tuple[str, list[tuple[Briefing, Quote]]]]:
        """Every quote in the event's briefings, by speaker: most quoted first, then by name."""
        by_speaker: dict[str, list[tuple[Briefing, Quote]]] = {}
        for b in sorted(self.index.by_event.get(event_id, []), key=lambda b: (b.date, b.id)):
            for speaker, q in b.said():
                by_speaker.setdefault(speaker, []).append((b, q))
        names = self.index.registry.actors
        return sorted(by_speaker.items(), key=lambda p: (-len(p[1]), names[p[0]].name, p[0]))

    def event_coverage(self, event_id: str) -> list[CoverageGroup]:
        """The event's briefings grouped by the ownership and country of their outlets."""
        outlets = self.index.registry.outlets
        groups: dict[tuple[int, str, str], list[CoverageRow]] = {}
        for b in self.index.by_event.get(event_id, []):
            o = outlets[b.outlet]
            quoted = list(dict.fromkeys(s for s, _ in b.said()))
            named = [a for a in b.actors if a not in quoted]
            rank = OWNERSHIP_ORDER.get(o.ownership or "", len(OWNERSHIP_ORDER))
            key = (rank, o.country or "", o.ownership or "")
            groups.setdefault(key, []).append(CoverageRow(b, o.id, quoted, named))
        out = []
        for (_, country, ownership), rows in sorted(groups.items()):
            owned = OWNERSHIP_LABELS.get(ownership, "Ownership not recorded")
            label = ", ".join(part for part in (owned, country) if part)
            rows.sort(key=lambda r: (outlets[r.outlet].name, r.briefing.date, r.briefing.id))
            out.append(CoverageGroup(label, rows))
        return out

    def voices(self, event_id: str) -> tuple[list[str], list[tuple[str, list[tuple[int, bool]]]]]:
        """Who gave voice to whom: outlets (columns) and, for each quoted actor, per outlet the
        number of quotes and whether the outlet named the actor at all."""
        groups = self.event_coverage(event_id)
        columns = list(dict.fromkeys(r.outlet for g in groups for r in g.rows))
        quoted: dict[str, dict[str, int]] = {}
        named: dict[str, set[str]] = {}
        for g in groups:
            for r in g.rows:
                for speaker, _ in r.briefing.said():
                    quoted.setdefault(speaker, {}).setdefault(r.outlet, 0)
                    quoted[speaker][r.outlet] += 1
                for a in r.briefing.actors:
                    named.setdefault(a, set()).add(r.outlet)
        names = self.index.registry.actors
        speakers = sorted(quoted, key=lambda a: (-len(quoted[a]), -sum(quoted[a].values()), names[a].name, a))
        rows = [(a, [(quoted[a].get(o, 0), o in named.get(a, set())) for o in columns]) for a in speakers]
        return columns, rows

    def kinds(self, actor_ids: Iterable[str]) -> set[str]:
        """The kinds of some actors (for a legend of the kinds a list shows)."""
        return {self.index.registry.actors[a].kind for a in actor_ids}

    def actor_detail(self, actor_id: str, day: dt.date | None = None) -> str:
        """Who a person is on ``day``: the role that held then, else their country; empty for others."""
        actor = self.index.registry.actors[actor_id]
        if actor.kind != "person":
            return ""
        return self.role_on(actor_id, day) or \
            (self.index.registry.actors[actor.country].name if actor.country else "")

    def role_on(self, actor_id: str, day: dt.date | None) -> str:
        """An actor's role as it was on ``day`` (roles with years show only where they held)."""
        return role_on(self.index.registry.actors[actor_id].role, day)

    # Charts and structured data.
    def activity(self, actor_id: str) -> charts.Activity | None:
        dates = [b.date for b in self.index.by_actor.get(actor_id, [])]
        return charts.activity_chart(dates, f"Briefings naming {self.actor_name(actor_id)}, per month",
                                     "briefing")

    def coverage(self, outlet_id: str | None = None) -> charts.Activity | None:
        """Briefings per month: the whole archive's, or one outlet's."""
        if outlet_id is None:
            return charts.activity_chart([b.date for b in self.index.briefings], "Briefings per month",
                                         "briefing")
        name = self.index.registry.outlets[outlet_id].name
        return charts.activity_chart([b.date for b in self.index.by_outlet.get(outlet_id, [])],
                                     f"Briefings from {name}, per month", "briefing")

    def ego_graph(self, actor_id: str) -> Markup | None:
        reg = self.index.registry
        mentions = self.renderer.mention_counts
        actor = reg.actors[actor_id]
        centre = charts.Node(actor_id, actor.name, mentions.get(actor_id, 1), actor.kind)
        # Neighbours by ties weighed per briefing, as on the network page: a live blog that names
        # forty actors does not put them all around everyone it names.
        pairs = self.index.pairs

        def tie(other: str) -> float:
            return pairs[(actor_id, other) if actor_id < other else (other, actor_id)].weight

        ranked = sorted(self.index.co_mentions.get(actor_id, []), key=lambda an: (-tie(an[0]), -an[1], an[0]))
        neighbours = [(charts.Node(a, reg.actors[a].name, mentions.get(a, 1), reg.actors[a].kind), n)
                      for a, n in ranked[:charts.EGO_NEIGHBOURS]]
        svg = charts.ego_graph(centre, neighbours, self.actor)
        return Markup(svg) if svg else None

    def network(self) -> Network:
        """The whole archive's network, then one per year, newest first."""
        whole = self._network(self.index.pairs, "Co-mention network of the whole archive")
        years = []
        for year in sorted(self.index.by_year, reverse=True)[:NETWORK_YEARS]:
            graph = self._network(year_pairs(self.index.by_year[year]), f"Co-mention network of {year}")
            if graph.svg is not None:
                years.append((year, graph))
        return Network(whole, years)

    def _network(self, pairs: dict[tuple[str, str], CoMention], label: str) -> Graph:
        nodes, edges = strongest_ties(self.index, charts.NETWORK_NODES, charts.NETWORK_EDGES, pairs)
        reg = self.index.registry
        graph_nodes = [charts.Node(a, reg.actors[a].name, w, reg.actors[a].kind) for a, w in nodes]
        graph = charts.network_graph(graph_nodes, edges, self.actor, label)
        return Graph(Markup(graph) if graph else None, nodes, edges, pairs)

    def json_ld(self, data: dict[str, Any]) -> Markup:
        return json_ld(data)

    def absolute(self, src_uri: str) -> str | None:
        base = self.renderer.options.site_url
        return base.rstrip("/") + "/" + urls.site_url(src_uri) if base else None

    # Lookups.
    def outlet_names(self, outlet_id: str) -> set[str]:
        """An outlet's names, lowercased: a byline that only repeats one is not shown."""
        o = self.index.registry.outlets[outlet_id]
        return {n.lower() for n in (o.name, *o.names)}

    def actor_name(self, actor_id: str) -> str:
        return self.index.registry.actors[actor_id].name

    def actor_names(self, actor_ids: Iterable[str]) -> list[str]:
        return [self.actor_name(a) for a in actor_ids]

    def by_month(self, briefings: Iterable[Briefing]) -> list[tuple[tuple[int, int], list[Briefing]]]:
        groups: dict[tuple[int, int], list[Briefing]] = {}
        for b in briefings:
            groups.setdefault((b.date.year, b.date.month), []).append(b)
        return list(groups.items())
