"""``briefings review`` end to end in headless Chromium: decisions by mouse and key land in the files."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from axe_playwright_python import sync_playwright as axe_module

from tests.review_helpers import BRIEFING, ingested_archive

pytestmark = pytest.mark.browser

HOSTILE = """---
title: <script>alert('title')</script>"><img src=x onerror=alert(1)>
date: 2024-05-08
outlet: harbour-times
source_url: https://harbourtimes.example/2024/05/08/hostile
actors: [mara-lind]
summary: "</textarea><script>alert('summary')</script>"
quotes:
  - speaker: mara-lind
    text: "<img src=x onerror=alert('quote')> and more words"
---
Mara Lind said "<img src=x onerror=alert('quote')> and more words" <script>alert('body')</script>.

"><svg onload=alert('svg')> Mara Lind</p><script>alert(2)</script>
"""
HOSTILE_PATH = "briefings/2024/05/2024-05-08-hostile.md"


def start_review(root: Path, *paths: str) -> tuple[subprocess.Popen[str], str]:
    """Run ``briefings review`` as a curator would; returns the process and the address it printed."""
    process = subprocess.Popen([sys.executable, "-c", "from site_builder.cli import run; run()", "--root",
                                str(root), "review", *paths, "--no-browser"], cwd=root,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    url = process.stdout.readline().strip()
    assert url.startswith("http://127.0.0.1:"), process.stderr.read() if process.stderr else url
    return process, url


@pytest.fixture
def review(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    root = ingested_archive(tmp_path)
    process, url = start_review(root, BRIEFING)
    yield root, url
    process.terminate()
    process.wait(timeout=10)


def announced(page: Any, start: str) -> None:
    """Wait until the page announces a decision's result (the page's CSP forbids evaluated script)."""
    from playwright.sync_api import expect

    expect(page.locator("#announce")).to_have_text(re.compile("^" + re.escape(start)))


def front(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert isinstance(data, dict)
    return data


def test_review_decisions_by_mouse_and_keyboard_reach_the_files(browser: Any,
                                                                review: tuple[Path, str]) -> None:
    root, url = review
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    section = page.locator("section.briefing")
    announce = page.locator("#announce")
    assert section.locator("h2").inner_text() == "Aurelia and Borovia sign harbour pact in Port Aster"
    assert section.locator("mark.m-person[data-actor=edda-quill]").count() == 2  # "Edda Quill", "Quill"
    assert section.locator("mark.m-state[data-actor=aurelia]").count() == 2
    proposed = section.locator("li.actor[data-actor=ilse-brand]")
    assert "proposed" in proposed.inner_text()
    assert "Speaker Ilse Brand said" in proposed.locator(".evidence").inner_text()

    # Reject a proposed actor with the mouse.
    proposed.locator("button[data-action=reject]").click()
    announced(page, "rejected ilse-brand")
    assert page.locator("li.actor[data-actor=ilse-brand]").count() == 0
    # Merge a near-duplicate with the keyboard: focus its card, press m.
    page.locator("li.actor[data-actor=aurelian-national-assembly]").focus()
    page.keyboard.press("m")
    announced(page, "merged")
    # Leave quote 2's speaker open with the keyboard (n), give quote 3 another speaker with the mouse.
    page.locator("li.quote[data-index='1']").focus()
    page.keyboard.press("n")
    announced(page, "quote 2")
    page.locator("select#speaker-0-2").select_option("mara-lind")
    announced(page, "quote 3")
    # Edit the summary: e focuses it, Enter saves.
    page.keyboard.press("Escape")
    page.keyboard.press("e")
    page.keyboard.press("Control+A")
    page.keyboard.type("Aurelia and Borovia signed a harbour pact; the Assembly votes in May.")
    page.keyboard.press("Enter")
    announced(page, "summary saved")
    assert "check" in announce.inner_text()
    check_box = page.locator("section.briefing .check")
    assert check_box.locator("h3").inner_text() == "briefings check"
    assert errors == []

    data = front(root / BRIEFING)
    assert "ilse-brand" not in data["actors"]
    assert "aurelian-assembly" in data["actors"] and "aurelian-national-assembly" not in data["actors"]
    assert data["quotes"][1] == {"text": "We have waited long enough for this day.", "how": "curator"}
    assert data["quotes"][2]["speaker"] == "mara-lind" and data["quotes"][2]["how"] == "curator"
    assert data["summary"] == "Aurelia and Borovia signed a harbour pact; the Assembly votes in May."
    actors_yml = (root / "briefings/registry/actors.yml").read_text(encoding="utf-8")
    for comment in ("# Synthetic registry for tests", "# People", "# Organisations and media",
                    "# Added by briefings ingest"):
        assert comment in actors_yml
    actors = yaml.safe_load(actors_yml)
    assert "ilse-brand" not in actors and "aurelian-national-assembly" not in actors
    assert actors["aurelian-assembly"]["aliases"] == ["Aurelian National Assembly"]
    rejected = yaml.safe_load((root / "briefings/registry/rejected.yml").read_text(encoding="utf-8"))
    assert rejected["actors"]["ilse-brand"]["name"] == "Ilse Brand"
    # The page shows the files as they now are.
    page.reload()
    assert page.locator("li.actor[data-actor=aurelian-assembly]").count() == 1
    assert page.locator("textarea#edit-summary-0").input_value() == data["summary"]
    page.close()


def test_the_review_page_has_no_serious_axe_violations(browser: Any, review: tuple[Path, str]) -> None:
    _, url = review
    found = []
    for scheme in ("light", "dark"):
        page = browser.new_page(color_scheme=scheme)
        page.goto(url)
        for violation in axe_module.Axe().run(page).response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in violation["nodes"]][:3]
                found.append(f"{scheme}: {violation['id']} at {targets}")
        page.close()
    assert found == []


def test_a_hostile_article_runs_no_script(browser: Any, tmp_path: Path) -> None:
    root = ingested_archive(tmp_path)
    (root / HOSTILE_PATH).write_text(HOSTILE, encoding="utf-8")
    process, url = start_review(root, HOSTILE_PATH)
    try:
        page = browser.new_page()
        dialogs: list[str] = []
        console: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("console", lambda message: console.append(message.text))
        page.goto(url)
        section = page.locator("section.briefing")
        assert "<script>alert('title')</script>" in section.locator("h2").inner_text()
        assert "<script>alert('body')</script>" in section.locator(".body").inner_text()
        assert page.locator("img, svg, section script").count() == 0
        # A decision swaps in freshly rendered HTML: still nothing runs.
        page.locator("li.quote[data-index='0'] select").select_option("")
        announced(page, "quote 1")
        assert page.locator("img, svg, section script").count() == 0
        page.wait_for_timeout(300)
        assert dialogs == [] and [c for c in console if "alert" in c] == []
        page.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
