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
    return page([view], set(), [])


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


def _alike_of(name: str, kind: str, registry: dict[str, Actor]) -> list[str]:
    """The look-alikes offered for a proposal called ``name`` in a registry of ``registry`` plus it."""
    proposal = Actor("proposal", name, kind)
    actors = {**registry, "proposal": proposal}
    body = f"{name} met on Monday.\n"
    this = briefing("2024-05-01-new", ("proposal",))
    archive = Archive((this,), Registry(actors, {}, {}))
    view = briefing_view("briefings/2024/05/2024-05-01-new.md", "2024-05-01-new",
                         {"title": "T", "actors": ["proposal"]}, body, archive, [], {"proposal"})
    return [a for a, _ in view.actors[0].alike]


LOOK_ALIKES = {
    "joe-biden": Actor("joe-biden", "Joe Biden", "person", aliases=("Biden",)),
    "united-states": Actor("united-states", "United States", "state", aliases=("US", "U.S.", "USA")),
    "supreme-court": Actor("supreme-court", "Supreme Court", "organisation"),
    "aurelian-assembly": Actor("aurelian-assembly", "Aurelian Assembly", "organisation"),
    "aurelian-assembly-tv": Actor("aurelian-assembly-tv", "Aurelian National Assembly TV", "media"),
    "harbour-times": Actor("harbour-times", "Harbour Times", "media"),
}


def test_look_alikes_are_of_the_same_kind_and_never_a_bodys_qualified_namesake() -> None:
    assert _alike_of("Biden Administration", "organisation", LOOK_ALIKES) == []
    assert _alike_of("US Congress", "organisation", LOOK_ALIKES) == []
    assert _alike_of("FDA", "organisation", LOOK_ALIKES) == []
    assert _alike_of("Colorado Supreme Court", "organisation", LOOK_ALIKES) == []
    assert _alike_of("Supreme Court of Aurelia", "organisation", LOOK_ALIKES) == []
    assert _alike_of("Joseph Biden", "person", LOOK_ALIKES) == ["joe-biden"]
    assert _alike_of("The Harbour Times", "organisation", LOOK_ALIKES) == ["harbour-times"]  # a medium
    assert _alike_of("Harbour Times", "state", LOOK_ALIKES) == []


def test_look_alikes_come_most_alike_first() -> None:
    # "Aurelian National Assembly" holds the assembly's name whole (a word inside it), and is the
    # TV channel's name but for one word: the assembly comes first.
    assert _alike_of("Aurelian National Assembly", "organisation", LOOK_ALIKES) == \
        ["aurelian-assembly", "aurelian-assembly-tv"]


def test_evidence_keeps_one_pair_of_quote_marks_and_the_body_shows_no_markdown_escapes() -> None:
    body = ('“It never rained like this,” said Mara Lind.\n\n'
            '\\>>> Aurelia\\-Borovia talks \\*resume\\* \\\\ today &lt;soon\n')
    this = briefing("2024-05-01-rain", ("mara-lind",))
    archive = Archive((this,), Registry(ACTORS, {}, {}))
    view = briefing_view("briefings/2024/05/2024-05-01-rain.md", "2024-05-01-rain",
                         {"title": "T", "actors": ["mara-lind"]}, body, archive, [], {"mara-lind"})
    html = page([view], set(), [])
    assert "““" not in html and "””" not in html
    assert '<p class="evidence">“It never rained like this,” said Mara Lind.”</p>' in html
    assert "&gt;&gt;&gt; " in html and "Aurelia</mark>-Borovia talks *resume* \\ today &lt;soon" in html
    assert "\\&gt;" not in html and "\\-" not in html and "\\*" not in html
