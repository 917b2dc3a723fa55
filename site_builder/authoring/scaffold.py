"""``briefings new``: start a briefing by hand, in the right place, with the fields in canonical order.

The scaffold is valid YAML written by the ingest writer
(:func:`site_builder.authoring.ingest.draft.render_briefing`), so field order comes from
:data:`site_builder.core.schema.BRIEFING_FIELDS` only. What the curator has not
given yet (actors, summary, the article text) is left out on purpose: the file
then fails ``briefings check`` with one clear line for each thing still to fill
in, and passes once they are there. Never overwrites a file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from site_builder.authoring.ingest.draft import briefing_path, render_briefing
from site_builder.core.load import Layout, load_registry_file
from site_builder.core.suggest import did_you_mean
from site_builder.core.urls import is_web_url
from site_builder.errors import BriefingsError
from site_builder.fsutil import OutsideProject, WriteRefused, atomic_write


class ScaffoldError(BriefingsError):
    """The values given cannot make a briefing; one line for the curator."""


@dataclass(frozen=True)
class NewBriefing:
    title: str | None = None
    date: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    actors: tuple[str, ...] = ()
    summary: str | None = None


#: The values ``briefings new`` asks for, in the order it asks: (attribute, flag, prompt).
ASKED = (
    ("title", "--title", "Headline, as the outlet published it"),
    ("date", "--date", "Publication date (YYYY-MM-DD)"),
    ("outlet", "--outlet", "Outlet id from outlets.yml (e.g. al-jazeera)"),
    ("url", "--url", "Address of the article (https://...)"),
)


def _suggest(word: str, choices: list[str]) -> str:
    hint = did_you_mean(word, choices)
    return f" ({hint})" if hint else ""


def _registry_ids(layout: Layout, name: str) -> list[str]:
    data, _lines, problems = load_registry_file(layout, name)
    if not data and any(p.is_error for p in problems):
        raise ScaffoldError(f"{problems[0]}; fix the registry first ('briefings check')")
    return sorted(data) if isinstance(data, dict) else []


def complete(values: NewBriefing, ask: Callable[[str], str] | None) -> NewBriefing:
    """Fill missing required values by asking (when ``ask`` is given); refuse when still missing."""
    given = {"title": values.title, "date": values.date, "outlet": values.outlet, "url": values.url}
    for name, flag, prompt in ASKED:
        while given[name] in (None, "") and ask is not None:
            answer = ask(f"{prompt}: ").strip()
            if name == "date" and answer:
                try:
                    given[name] = dt.date.fromisoformat(answer)
                except ValueError:
                    print(f"'{answer}' is not a date YYYY-MM-DD")
            else:
                given[name] = answer or None
    missing = [flag for name, flag, _ in ASKED if given[name] in (None, "")]
    if missing:
        raise ScaffoldError("missing " + ", ".join(missing) + " (give them as options, or run in a terminal "
                            "to be asked)")
    title, date, outlet, url = given["title"], given["date"], given["outlet"], given["url"]
    assert isinstance(title, str) and isinstance(date, dt.date)
    assert isinstance(outlet, str) and isinstance(url, str)
    return NewBriefing(title, date, outlet, url, values.actors, values.summary)


def scaffold_text(layout: Layout, values: NewBriefing) -> tuple[str, str]:
    """(path relative to the content folder, file text) for a complete ``values``."""
    assert values.title and values.date and values.outlet and values.url
    outlets = _registry_ids(layout, "outlets")
    if values.outlet not in outlets:
        raise ScaffoldError(f"unknown outlet '{values.outlet}'{_suggest(values.outlet, outlets)}; "
                            f"outlets are listed in {layout.display(layout.registry_file('outlets'))}")
    if values.actors:
        actors = _registry_ids(layout, "actors")
        for actor in values.actors:
            if actor not in actors:
                raise ScaffoldError(f"unknown actor '{actor}'{_suggest(actor, actors)}; actors are listed in "
                                    f"{layout.display(layout.registry_file('actors'))}")
    if not is_web_url(values.url):
        raise ScaffoldError(f"'{values.url}' is not an http:// or https:// address")
    fields = {"title": values.title, "date": values.date, "outlet": values.outlet, "source_url": values.url,
              "actors": list(values.actors), "summary": values.summary}
    return briefing_path(values.date, values.title), render_briefing(fields, [])


def create(layout: Layout, values: NewBriefing) -> Path:
    """Write the scaffold; refuse to replace an existing file or to write outside the project.

    Returns its path.
    """
    relative, text = scaffold_text(layout, values)
    path = layout.content_dir / relative
    try:
        atomic_write(path, text, root=layout.root)
    except OutsideProject as exc:
        raise ScaffoldError(f"{layout.display(path)}: not written: {str(exc).split(': ', 1)[1]}") from None
    except WriteRefused:
        raise ScaffoldError(f"{layout.display(path)}: already exists; edit that file, or give the new "
                            "briefing another title") from None
    return path


def still_to_do(values: NewBriefing) -> list[str]:
    """What the curator must still fill in; ``briefings check`` reports each until it is done."""
    todo = []
    if not values.actors:
        todo.append("actors: every actor the article names (ids from actors.yml)")
    if not values.summary:
        todo.append("summary: one or two sentences, what happened according to whom")
    todo.append("the article text, below the closing '---'")
    return todo
