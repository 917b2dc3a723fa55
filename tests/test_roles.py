"""A role with years shows on a briefing or event page only where it held on that date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from site_builder.core.load import Layout
from site_builder.core.roles import role_on
from site_builder.pipeline import build_site

from .conftest import GOOD_BRIEFING, write_source


@pytest.mark.parametrize(("role", "day", "shown"), [
    ("Foreign Secretary (from 2025)", dt.date(2023, 5, 1), ""),
    ("Foreign Secretary (from 2025)", dt.date(2025, 9, 1), "Foreign Secretary"),
    ("Home Secretary (2019–2023)", dt.date(2023, 12, 31), "Home Secretary"),
    ("Home Secretary (2019-2023)", dt.date(2024, 1, 1), ""),
    ("Mayor (until March 2020)", dt.date(2020, 3, 31), "Mayor"),
    ("Mayor (until March 2020)", dt.date(2020, 4, 1), ""),
    ("Chair (since Sept 2021)", dt.date(2021, 8, 31), ""),
    ("Leader (1999–present)", dt.date(2026, 1, 1), "Leader"),
    ("Shadow Minister (2019–2024); Minister (from July 2024)", dt.date(2023, 1, 1), "Shadow Minister"),
    ("Shadow Minister (2019–2023); Minister (from July 2024)", dt.date(2025, 1, 1), "Minister"),
    ("Prime Minister", dt.date(1990, 1, 1), "Prime Minister"),
    ("Foreign Secretary (from 2025)", None, "Foreign Secretary (from 2025)"),
])
def test_role_on(role: str, day: dt.date | None, shown: str) -> None:
    assert role_on(role, day) == shown


def _chip_roles(html: str) -> list[str]:
    return [part.split("</span>")[0] for part in html.split('<span class="ba-chip__role">')[1:]]


def test_pages_show_the_role_of_their_date(archive_copy: Path) -> None:
    actors = archive_copy / "briefings/registry/actors.yml"
    text = actors.read_text(encoding="utf-8")
    actors.write_text(text.replace("role: Foreign Minister of Aurelia",
                                   "role: Envoy (2019–2023); Foreign Minister of Aurelia (from 2024)"),
                      encoding="utf-8")
    write_source(archive_copy, GOOD_BRIEFING)  # 2024-04-02
    site = build_site(Layout.at(archive_copy))
    pages = {spec.src_uri: page.html for spec, page in site.sources()}
    assert "Foreign Minister of Aurelia" in _chip_roles(pages["briefings/2024-04-02-river-talks-resume.md"])
    assert not any("Envoy" in r for r in _chip_roles(pages["briefings/2024-04-02-river-talks-resume.md"]))
    event = pages["events/river-accord-talks-2024.md"]  # January 2024
    assert "Foreign Minister of Aurelia" in _chip_roles(event) and "(from 2024)" not in event.split("<h1")[-1]
    # The actor's own page shows the role as written.
    assert "Envoy (2019–2023); Foreign Minister of Aurelia (from 2024)" in pages["actors/mara-lind.md"]
