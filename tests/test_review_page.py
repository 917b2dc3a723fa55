"""The review page's model and HTML: mentions by kind, quote cues, reasons, escaping, look-alikes."""

from __future__ import annotations

import datetime as dt

from site_builder.authoring.review.page import page
from site_builder.authoring.review.view import briefing_view, proposed_block_ids
from site_builder.core.models import Actor, Archive, Briefing, Registry

ACTORS = {
    "mara-lind": Actor("mara-lind", "Mara Lind", "person"),
    "aurelia": Actor("aurelia", "Aurelia", "state"),
    "harbour-board": Actor("harbour-board", "Harbour Board", "organisation"),
    "board-of-the-harbour": Actor("board-of-the-harbour", "Board of the Harbour", "organisation"),
}
BODY = ('Aurelia will open the docks, said Mara Lind on Monday. "The docks are open <script>x</script>," '
        'she said.\n\nThe Board of the Harbour agreed. "Nobody asked us first," officials said.\n')
FRONT = {
    "title": "Docks <b>open</b>", "summary": "S",
    "actors": ["aurelia", "mara-lind", "board-of-the-harbour"],
    "quotes": [
        {"speaker": "mara-lind", "text": "The docks are open <script>x</script>", "how": "named",
         "cue": "said Mara Lind"},
        {"text": "Nobody asked us first", "unattributed": "anonymous officials"},
    ],
}


def briefing(stem: str, actors: tuple[str, ...]) -> Briefing:
    return Briefing(stem, "T", dt.date(2024, 5, 1), "o", "https://o.example/", actors, "S", "B")


def render() -> str:
    this = briefing("2024-05-01-docks", ("aurelia", "mara-lind", "board-of-the-harbour"))
    other = briefing("2024-04-01-older", ("aurelia", "mara-lind", "harbour-board"))
    archive = Archive((this, other), Registry(ACTORS, {}, {}))
    view = briefing_view("briefings/2024/05/2024-05-01-docks.md", "2024-05-01-docks", FRONT, BODY, archive,
                         [], set())
    return page([view], set())


def test_mentions_are_marked_by_kind_and_the_cue_where_it_occurs() -> None:
    html = render()
    assert '<mark class="m-state" data-actor="aurelia" title="aurelia">Aurelia</mark>' in html
    assert ('<mark class="m-cue">said </mark><mark class="m-cue"><mark class="m-person" '
            'data-actor="mara-lind"') in html
    assert "Tied by: named · “<mark class=\"m-cue\">said Mara Lind</mark>”" in html
    assert "No speaker: anonymous officials" in html


def test_every_value_is_escaped() -> None:
    html = render()
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<b>open</b>" not in html and "Docks &lt;b&gt;open&lt;/b&gt;" in html


def test_a_proposed_actor_comes_first_with_its_sentence_and_look_alikes() -> None:
    html = render()
    card = html[html.index('data-actor="board-of-the-harbour" aria-label'):]
    assert html.index('aria-label="actor Board of the Harbour"') < html.index('aria-label="actor Aurelia"')
    assert "“The Board of the Harbour agreed.”" in card
    assert 'data-action="merge" data-actor="board-of-the-harbour" data-into="harbour-board"' in card


def test_proposed_block_ids_are_those_under_ingests_comment() -> None:
    text = ("a:\n  name: A\n\n# Added by briefings ingest on 2024-05-01 (proposed actors); review these.\n"
            "b:\n  name: B\n'c-d':\n  name: C\n# Kept by hand\ne:\n  name: E\n")
    assert proposed_block_ids(text) == {"b", "c-d"}
