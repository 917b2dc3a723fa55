"""Which generated pages and feeds an edit can change, so a rebuild redoes only those.

``mkdocs serve`` rebuilds the whole site after every save. With 10,000
briefings that is a minute; one edited briefing changes a few dozen pages.
Given the index before and after an edit, :func:`affected` names every page
and feed whose content may differ, erring on the side of more. The rules
follow what each page shows (see ``templates/``):

* a briefing's page shows the briefing and its related briefings (title, date,
  outlet), so it changes with either;
* an actor's page lists the briefings naming or quoting the actor, and its
  graph sizes each neighbour by how often that neighbour is named;
* event, outlet, year and month pages list their briefings; an event page also lists related
  events, found through the actors its briefings keep naming; an outlet page compares its
  coverage with the whole archive's, so every outlet page changes when a briefing's outlet,
  date, actors, quoted speakers or events change;
* pages of other kinds (home, indexes, network, search) are always redone:
  they summarise the whole archive, and there are only a handful.

A change to the registry changes names everywhere, so everything is redone.
``tests/test_changes.py`` checks the rules against full renders for many
kinds of edit.
"""

from __future__ import annotations

from collections.abc import Iterable

from site_builder.core import urls
from site_builder.core.index import Index
from site_builder.core.models import Briefing
from site_builder.core.pages import PageSpec
from site_builder.outputs.charts import EGO_NEIGHBOURS

#: Page kinds whose content depends on records of one kind only, by key.
RECORD_KINDS = frozenset({"briefing", "actor", "event", "outlet", "year", "month"})


def changed_briefings(old: Index, new: Index) -> set[str]:
    """Ids of briefings added, removed or edited (published ones; a draft counts as absent)."""
    before, after = old.by_id, new.by_id
    return {i for i in before.keys() | after.keys()
            if before.get(i) is not after.get(i) and before.get(i) != after.get(i)}


def _compared(b: Briefing | None) -> tuple[object, ...] | None:
    """What outlet pages read from a briefing when they compare an outlet with the archive."""
    if b is None:
        return None
    return (b.outlet, b.date, frozenset(b.actors), tuple(q.speaker for q in b.quotes), frozenset(b.events))


def affected(old: Index, new: Index, pages: Iterable[PageSpec]) -> set[str] | None:
    """Source URIs of pages and paths of feeds that may differ between ``old`` and ``new``.

    ``pages`` are the pages of the new site. None means every page and feed.
    """
    if old.registry != new.registry:
        return None
    changed = changed_briefings(old, new)
    actors: set[str] = set()
    events: set[str] = set()
    outlets: set[str] = set()
    years: set[int] = set()
    months: set[tuple[int, int]] = set()
    out: set[str] = set()
    versions: list[Briefing] = [b for i in changed for b in (old.by_id.get(i), new.by_id.get(i)) if b is not None]
    for b in versions:
        out.add(urls.briefing(b.id))
        actors.update(b.actors)
        actors.update(q.speaker for q in b.quotes)
        events.update(b.events)
        outlets.add(b.outlet)
        years.add(b.date.year)
        months.add((b.date.year, b.date.month))
    # Pages listing a changed briefing as related, or whose related list changed.
    for bid in new.by_id:
        now = [r.id for r in new.related.get(bid, ())]
        if changed.intersection(now) or now != [r.id for r in old.related.get(bid, ())]:
            out.add(urls.briefing(bid))
    # Event pages whose related events changed (casts follow the briefings).
    for eid, now_events in new.related_events.items():
        if [e.id for e in now_events] != [e.id for e in old.related_events.get(eid, ())]:
            events.add(eid)
    # Actor graphs size neighbours by how often they are named.
    recounted = {a for a in old.by_actor.keys() | new.by_actor.keys()
                 if len(old.by_actor.get(a, ())) != len(new.by_actor.get(a, ()))}
    if recounted:
        for index in (old, new):
            for centre, neighbours in index.co_mentions.items():
                if any(n in recounted for n, _ in neighbours[:EGO_NEIGHBOURS]):
                    actors.add(centre)
    # Outlet pages compare with the whole archive: all change when any briefing's outlet, date,
    # actors, quoted speakers or events change (not after an edit to a title, summary or body).
    if any(_compared(old.by_id.get(i)) != _compared(new.by_id.get(i)) for i in changed):
        out.update(urls.outlet(o) for index in (old, new) for o in index.by_outlet)
    out.update(urls.actor(a) for a in actors)
    out.update(urls.event(e) for e in events)
    out.update(urls.outlet(o) for o in outlets)
    out.update(urls.year(y) for y in years)
    out.update(urls.month(y, m) for y, m in months)
    out.update(urls.feed("actor", a) for a in actors)
    out.update(urls.feed("event", e) for e in events)
    out.update(urls.feed("outlet", o) for o in outlets)
    out.add(urls.feed("all"))
    out.update(spec.src_uri for spec in pages if spec.kind not in RECORD_KINDS)
    return out
