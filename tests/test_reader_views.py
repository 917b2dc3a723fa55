"""Reader views on the invented beat (tests/fixtures/beat): event pages, related events, outlets."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import markupsafe
import pytest

from site_builder.core.load import Layout
from site_builder.pipeline import Site, build_site

from .conftest import BEAT

SUMMIT = "silt-river-summit-2024"
LIVE_BLOG = "2024-04-09-live-silt-river-summit-day-two"


@cache
def beat() -> Site:
    return build_site(Layout.at(BEAT))


def page(src_uri: str) -> str:
    site = beat()
    spec = next(s for s in site.pages if s.src_uri == src_uri)
    return site.renderer.render(spec).document()


def section(text: str, heading: str) -> str:
    """The part of a page under a level-2 heading, up to the next one."""
    start = text.index(f">{heading}</h2>\n")
    end = text.find("\n<h2 ", start + 1)
    return text[start:end if end != -1 else None]


def test_the_beat_is_a_realistic_archive() -> None:
    index = beat().index
    assert len(index.briefings) >= 30
    assert len(index.by_id[LIVE_BLOG].actors) >= 30
    ownerships = {index.registry.outlets[b.outlet].ownership for b in index.by_event[SUMMIT]}
    assert len(ownerships) >= 4
    assert sum(1 for bs in index.by_event.values() if len({b.outlet for b in bs}) >= 3) >= 5


def test_event_page_lists_every_statement_by_speaker() -> None:
    said = section(page(f"events/{SUMMIT}.md"), "Who said what")
    briefings = beat().index.by_event[SUMMIT]
    quotes = [q for b in briefings for q in b.quotes]
    assert said.count("<blockquote>") == len(quotes) >= 10
    linked = set(re.findall(r'href="\.\./\.\./briefings/([^/"]+)/"', said))
    assert len(linked) >= 2 and linked <= {b.id for b in briefings}
    # Grouped: one heading per speaker, with the speaker's role;
    # Kolev (quoted twice) before one-quote speakers.
    headings = re.findall(r'<h3 id="said-([a-z-]+)">', said)
    assert len(headings) == len(set(headings)) == len({q.speaker for q in quotes})
    assert headings.index("dmitar-kolev") < headings.index("ansel-roe")
    assert "Deputy spokesperson of the Borovian Foreign Ministry" in said


def test_event_page_compares_outlets_grouped_by_ownership() -> None:
    text = page(f"events/{SUMMIT}.md")
    compare = section(text, "How each outlet told it")
    groups = re.findall(r'<p class="ba-compare__group">([^<]+)</p>', compare)
    assert groups[0] == "State-owned, Borovia"
    assert {
        "Public service, Aurelia",
        "Privately owned, Aurelia",
        "Party-owned, Borovia",
        "Non-profit, Estmark",
    } <= set(groups)
    runs = [g for i, g in enumerate(groups) if i == 0 or groups[i - 1] != g]
    assert len(runs) == len(set(groups))  # the outlets of a group stand together
    # The live blog names 40 actors: 4 quoted, the rest capped with a link to the briefing.
    assert (
        'and <a href="../../briefings/2024-04-09-live-silt-river-summit-day-two/">28 more (all 36)</a>'
        in compare
    )
    voices = section(text, "Who gave voice to whom")
    row = re.search(
        r'<tr><th scope="row"><a href="../../actors/ansel-roe/">Ansel Roe</a></th>(.*?)</tr>', voices
    )
    assert row is not None
    columns = re.findall(r'<th scope="col"><a href="../../outlets/([a-z-]+)/">', voices)
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", row.group(1))
    assert dict(zip(columns, cells)) == {"velgrad-today": "–", "aurelian-broadcasting": "1 quote",
                                         "harbour-times": "–", "kestrel-post": "–", "river-watch": "–",
                                         "the-banner": "–"}


def test_related_events_share_actors_and_time() -> None:
    related = {k: [e.id for e in v] for k, v in beat().index.related_events.items()}
    assert related["estmark-budget-2024"] == []  # named once in a live blog is not a shared participant
    assert SUMMIT not in related["estmark-budget-2024"] and "estmark-budget-2024" not in related[SUMMIT]
    assert related[SUMMIT][0] == "borovian-grain-embargo-2024"
    assert "dervany-mediation-talks-2024" in related[SUMMIT]


def test_outlets_compared_side_by_side() -> None:
    text = page("compare.md")
    groups = re.findall(r'<p class="ba-compare__group">([^<]+)</p>', section(text, "Volume over time"))
    assert groups == ["State-owned", "State-funded", "Public service", "Privately owned", "Privately owned",
                      "Non-profit", "Party-owned"]
    # Every outlet's chart spans the whole archive (April 2024 to March 2025) on one scale: the same
    # axis, with a tick for each month, on all seven.
    charts = re.findall(r"<svg.*?</svg>", section(text, "Volume over time"), re.DOTALL)
    tick = re.compile(r'<text x="([\d.]+)"[^>]*>(20\d\d|[A-Z][a-z]{2})</text>')
    axes = {tuple(tick.findall(svg)) for svg in charts}
    assert len(charts) == 7 and len(axes) == 1
    (axis,) = axes
    assert [label for _, label in axis] == ["Apr", "2024", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                                            "Dec", "Jan", "2025", "Feb", "Mar"]
    profiles = section(text, "Whom each names and quotes")
    velgrad = profiles[profiles.index("Velgrad Today"):profiles.index("Dervany International")]
    assert ">Tomas Vey</a> 33% · 26%</li>" in velgrad  # 2 of its 6 briefings, 9 of all 34
    assert '>Silt Basin Farmers&#39; Union</a> 33% · 15% <span class="ba-more">(more here)</span>' in velgrad
    partly = section(text, "Events only some covered")
    budget = re.search(r'<tr><th scope="row"><a href="../events/estmark-budget-2024/">.*?</tr>', partly)
    assert budget is not None
    assert re.findall(r">([^<>]+)</a>", budget.group(0))[1:] == ["The Kestrel Post", "River Watch"]


def test_outlet_page_compares_with_the_archive() -> None:
    text = page("outlets/the-banner.md")
    named = section(text, "Whom it names and quotes")
    assert "Actors it names most, by share of its briefings" in named
    assert (
        'tomas-vey/">Tomas Vey</a></td><td>4</td><td>80%</td><td>26% <span class="ba-more">(more here)</span>'
        in named
    )  # 4 of its 5 briefings, 9 of all 34
    events = section(text, "Events")
    missed = events[events.index("Did not cover"):]
    assert "Collapse of the Lower Silt weir" in missed and "Silt River summit" not in missed


@pytest.mark.parametrize(
    "src_uri", [f"events/{SUMMIT}.md", "compare.md", "outlets/the-banner.md", "network.md", "index.md"])
def test_beat_golden_pages(src_uri: str, golden: Callable[[str, str], None]) -> None:
    golden("beat/" + src_uri, page(src_uri))


def test_timeline_months_show_summaries_and_actors() -> None:
    month = page("timeline/2024/04.md")
    live = beat().index.by_id[LIVE_BLOG]
    assert str(markupsafe.escape(live.summary)) in month
    assert f"and {len(live.actors) - 6} more</span>" in month  # a live blog's 40 names, capped
    year = page("timeline/2024.md")
    months = re.findall(
        r'<li><a href="#m(\d\d)">([A-Za-z]+ 2024)</a> <span class="ba-count">(\d+)</span></li>', year
    )
    assert months[0] == ("04", "April 2024", "6") and len(months) == 8


def test_people_show_role_and_long_lists_are_capped() -> None:
    briefing = page(f"briefings/{LIVE_BLOG}.md")
    assert (
        '>Ansel Roe</a> <span class="ba-chip__role">'
        "Deputy spokesperson of the Borovian Foreign Ministry</span>"
        in briefing
    )
    assert '<p class="ba-chip-legend" aria-hidden="true">' in briefing
    assert (
        "Ansel Roe</a>, Deputy spokesperson of the Borovian Foreign Ministry</figcaption>" in briefing
    )  # quotes
    actor = page("actors/aurelia.md")
    shown = section(actor, "Mentioned with")
    assert shown.count("<li>") == len(beat().index.co_mentions["aurelia"]) > 30
    assert re.search(r"<summary>All \d+ actors named with Aurelia</summary>", shown)
    assert shown[:shown.index("<details")].count("<li>") == 30


def test_a_byline_that_repeats_the_outlet_is_left_out() -> None:
    assert "By River Watch" not in page("briefings/2024-12-11-estmark-budget-the-clean-up-fund-in-numbers.md")
    assert "By Jo Ambler" in page("briefings/2024-05-06-satellite-images-show-weir-cracks-a-year-before.md")


def test_ego_graph_ties_are_weighed_per_briefing() -> None:
    """Around Lena Osk, the people she is named with again and again, not the live blog's one-off names."""
    index = beat().index
    live = set(index.by_id[LIVE_BLOG].actors)
    html = page("actors/lena-osk.md")
    ego = html[html.index("ba-ego"):]
    ego = ego[:ego.index("</svg>")]
    shown = set(re.findall(r'href="\.\./([a-z0-9-]+)/"', ego))
    assert shown, ego[:500]

    def once_in_the_live_blog(other: str) -> bool:
        pair = index.pairs[tuple(sorted(("lena-osk", other)))]  # type: ignore[index]
        return other in live and pair.count == 1

    assert not any(once_in_the_live_blog(other) for other in shown)
