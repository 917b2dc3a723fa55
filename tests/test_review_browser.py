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

from site_builder.core.load import Layout
from site_builder.pipeline import check
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


def opened(browser: Any, url: str) -> tuple[Any, list[str]]:
    """A new page on the review address, and the script errors it reports (a test ends asserting none)."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    return page, errors


def press_on(page: Any, selector: str, key: str) -> None:
    """Focus the element ``selector`` finds and press ``key``, as a curator at the keyboard does."""
    page.locator(selector).focus()
    page.keyboard.press(key)


def front(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert isinstance(data, dict)
    return data


def test_review_decisions_by_mouse_and_keyboard_reach_the_files(browser: Any,
                                                                review: tuple[Path, str]) -> None:
    root, url = review
    page, errors = opened(browser, url)
    section = page.locator("section.briefing")
    announce = page.locator("#announce")
    assert section.locator("h2").inner_text() == "Aurelia and Borovia sign harbour pact in Port Aster"
    assert section.locator("mark.m-person[data-actor=edda-quill]").count() == 2  # "Edda Quill", "Quill"
    assert section.locator("mark.m-state[data-actor=aurelia]").count() == 2
    proposed = section.locator("li.actor[data-actor=ilse-brand]")
    assert "proposed" in proposed.inner_text()
    assert "Speaker Ilse Brand said" in proposed.locator(".evidence").inner_text()

    # Ban a proposed actor with the mouse.
    proposed.locator("button[data-action=never]").click()
    announced(page, "rejected ilse-brand")
    assert page.locator("li.actor[data-actor=ilse-brand]").count() == 0
    # Merge a near-duplicate with the keyboard: focus its card, press m.
    press_on(page, "li.actor[data-actor=aurelian-national-assembly]", "m")
    announced(page, "merged")
    # Leave quote 2's speaker open with the keyboard (n), give quote 3 another speaker with the mouse.
    press_on(page, "li.quote[data-index='1']", "n")
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
    assert data["quotes"][1] == {"text": "We have waited long enough for this day.", "how": "curator",
                                 "unattributed": "left open by a curator"}
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


def test_arrow_keys_in_a_speaker_menu_write_nothing_until_enter(browser: Any,
                                                                review: tuple[Path, str]) -> None:
    root, url = review
    page = browser.new_page()
    page.goto(url)
    before = (root / BRIEFING).read_text(encoding="utf-8")
    select = page.locator("select#speaker-0-2")
    saved = select.input_value()
    select.focus()
    for _ in range(3):
        page.keyboard.press("ArrowDown")
        page.wait_for_timeout(150)  # room for a request the page must not send
    passed = select.input_value()
    assert passed != saved
    assert (root / BRIEFING).read_text(encoding="utf-8") == before
    page.keyboard.press("Escape")  # undoes the moves, writes nothing
    assert select.input_value() == saved
    page.locator("li.quote[data-index='2']").focus()
    page.wait_for_timeout(150)
    assert (root / BRIEFING).read_text(encoding="utf-8") == before
    select.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    chosen = select.input_value()
    page.keyboard.press("Enter")
    announced(page, "quote 3: speaker " + (chosen or "left open"))
    quote = front(root / BRIEFING)["quotes"][2]
    assert quote.get("speaker") == (chosen or None) and quote["how"] == "curator"
    page.close()


def test_r_rejects_here_shift_r_never_and_n_confirms_an_open_quote(browser: Any,
                                                                  review: tuple[Path, str]) -> None:
    root, url = review
    page = browser.new_page()
    page.goto(url)
    press_on(page, "li.actor[data-actor=ilse-brand]", "r")
    announced(page, "rejected ilse-brand (not an actor here)")
    press_on(page, "li.actor[data-actor=edda-quill]", "Shift+R")
    announced(page, "rejected edda-quill (never to be proposed again)")
    rejected = yaml.safe_load((root / "briefings/registry/rejected.yml").read_text(encoding="utf-8"))
    assert list(rejected["actors"]) == ["edda-quill"]
    assert [link["actor"] for link in rejected["links"]] == ["ilse-brand"]
    assert "never propose" in (page.locator("details.keys").text_content() or "")
    # Quote 2 was Quill's: open again, for review; n on the open quote confirms it open.
    assert "how" not in front(root / BRIEFING)["quotes"][1]
    press_on(page, "li.quote[data-index='1']", "n")
    announced(page, "quote 2: speaker left open")
    quote = front(root / BRIEFING)["quotes"][1]
    assert quote["how"] == "curator" and quote["unattributed"] == "left open by a curator"
    page.close()


def test_m_asks_which_look_alike_when_there_are_several(browser: Any, tmp_path: Path) -> None:
    root = ingested_archive(tmp_path)
    actors_yml = root / "briefings/registry/actors.yml"
    actors_yml.write_text(actors_yml.read_text(encoding="utf-8").replace(
        "\n# Added by briefings ingest",
        "\naurelian-national-assembly-tv:\n  name: Aurelian National Assembly TV\n  kind: media\n"
        "\n# Added by briefings ingest", 1), encoding="utf-8")
    process, url = start_review(root, BRIEFING)
    try:
        page = browser.new_page()
        page.goto(url)
        card = page.locator("li.actor[data-actor=aurelian-national-assembly]")
        choices = card.locator("button[data-action=merge]")
        assert choices.count() == 2
        before = (root / BRIEFING).read_text(encoding="utf-8")
        card.focus()
        page.keyboard.press("m")
        announced(page, "2 look-alikes")
        assert (root / BRIEFING).read_text(encoding="utf-8") == before  # nothing merged blindly
        page.keyboard.press("ArrowDown")
        into = choices.nth(1).get_attribute("data-into")
        page.keyboard.press("Enter")
        announced(page, f"merged aurelian-national-assembly into {into}")
        assert into in front(root / BRIEFING)["actors"]
        page.close()
    finally:
        process.terminate()
        process.wait(timeout=10)


def _long_body_archive(tmp_path: Path) -> Path:
    root = ingested_archive(tmp_path)
    path = root / BRIEFING
    text = path.read_text(encoding="utf-8")
    address = "https://harbourtimes.example/pact?text=" + "Aurelia_Borovia_" * 10 + "x"
    assert len(address) == 200
    text += (f"\nThe full text of the pact is at {address} and questions go to "
             "press.office@harbourtimes.example.\n")
    path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("width", [390, 1280])
def test_the_page_never_scrolls_sideways_and_loads_without_console_errors(browser: Any, tmp_path: Path,
                                                                         width: int) -> None:
    root = _long_body_archive(tmp_path)
    process, url = start_review(root, BRIEFING)
    try:
        page = browser.new_page(viewport={"width": width, "height": 800})
        console: list[str] = []
        failed: list[str] = []
        page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        page.on("response", lambda response: failed.append(f"{response.status} {response.url}")
                if response.status >= 400 else None)
        page.goto(url, wait_until="networkidle")
        assert "press.office@harbourtimes.example" in page.locator(".body").inner_text()
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1] == width, widths
        assert console == [] and failed == [], (console, failed)
        page.close()
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_add_rename_delete_and_author_by_mouse_and_keyboard(browser: Any, review: tuple[Path, str]) -> None:
    root, url = review
    page, errors = opened(browser, url)
    assert page.locator("datalist#registry-actors option[value=aurelian-assembly]").count() == 1
    # Add a registry actor with the keyboard: + focuses the field, the name typed, Enter adds it.
    press_on(page, "li.actor[data-actor=tomas-vey]", "+")
    page.keyboard.type("Aurelian Assembly")
    page.keyboard.press("Enter")
    announced(page, "added aurelian-assembly")
    assert page.locator("li.actor[data-actor=aurelian-assembly]").count() == 1
    assert page.locator("select#speaker-0-0 option[value=aurelian-assembly]").count() == 1
    # A new actor with the mouse: name, kind, button; it appears in the speaker menus.
    page.locator("#new-name-0").fill("Dock Workers Guild")
    page.locator("#new-kind-0").select_option("organisation")
    page.get_by_role("button", name="Add new actor").click()
    announced(page, "added new actor dock-workers-guild (organisation)")
    page.locator("select#speaker-0-0").select_option("dock-workers-guild")
    announced(page, "quote 1: speaker dock-workers-guild")
    # A colliding name is refused and nothing changes.
    page.locator("#new-name-0").fill("BWS")
    page.get_by_role("button", name="Add new actor").click()
    announced(page, "Not done: the id 'bws' (from the name) is already a name or alias of actor "
                    "'borovian-wire'")
    # Rename a proposed actor with the keyboard: c focuses its name; uncheck the alias with the mouse.
    card = page.locator("li.actor[data-actor=ilse-brand]")
    card.focus()
    page.keyboard.press("c")
    page.keyboard.press("Control+A")
    page.keyboard.type("Ilse Brandt")
    page.keyboard.press("Enter")
    announced(page, "ilse-brand is now Ilse Brandt (person); its id is now ilse-brandt; 'Ilse Brand' kept as "
                    "an alias")
    # the card has the focus, under its new id
    assert page.evaluate("document.activeElement.dataset.actor") == "ilse-brandt"
    card = page.locator("li.actor[data-actor=aurelian-national-assembly]")
    card.locator("select[name=kind]").select_option("media")
    card.locator("input[name=keep_alias]").uncheck()
    card.get_by_role("button", name="Save name and kind").click()
    announced(page, "aurelian-national-assembly is now Aurelian National Assembly (media)")
    # Delete a quote: x on the focused quote; then one with the mouse.
    press_on(page, "li.quote[data-index='2']", "x")
    announced(page, "quote 3 deleted")
    page.locator("li.quote[data-index='1'] button[data-action=delete-quote]").click()
    announced(page, "quote 2 deleted")
    # The words of the quote left: w opens their field, Enter saves; focus stays on the quote.
    press_on(page, "li.quote[data-index='0']", "w")
    page.keyboard.press("Control+A")
    page.keyboard.type("This pact gives the docks back to the people who work them, she said.")
    page.keyboard.press("Enter")
    announced(page, "quote 1: words saved")
    assert page.evaluate("document.activeElement.dataset.index") == "0"
    assert "she said" in page.locator("li.quote[data-index='0'] blockquote").inner_text()
    # The author: b focuses it, Enter saves.
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    page.keyboard.type("Nela Orm")
    page.keyboard.press("Enter")
    announced(page, "author saved")
    assert "author" in (page.locator("details.keys").text_content() or "")
    assert errors == []

    data = front(root / BRIEFING)
    assert data["actors"][-2:] == ["aurelian-assembly", "dock-workers-guild"]
    assert data["author"] == "Nela Orm"
    assert [q["text"] for q in data["quotes"]] == [
        "This pact gives the docks back to the people who work them, she said."]
    assert data["quotes"][0]["speaker"] == "dock-workers-guild"
    actors = yaml.safe_load((root / "briefings/registry/actors.yml").read_text(encoding="utf-8"))
    assert actors["dock-workers-guild"] == {"name": "Dock Workers Guild", "kind": "organisation"}
    assert "BWS" not in str({k: v for k, v in actors.items() if k != "borovian-wire"})
    assert "ilse-brand" not in actors and "ilse-brand" not in data["actors"]
    assert "ilse-brandt" in data["actors"]
    assert actors["ilse-brandt"]["name"] == "Ilse Brandt"
    assert actors["ilse-brandt"]["aliases"] == ["Ilse Brand"]
    assert actors["aurelian-national-assembly"] == {"name": "Aurelian National Assembly", "kind": "media"}
    page.reload()
    assert page.locator("input#edit-author-0").input_value() == "Nela Orm"
    assert page.locator("li.actor[data-actor=ilse-brandt] strong").inner_text() == "Ilse Brandt"
    page.close()


def test_two_proposed_actors_merged_and_one_renamed_by_mouse_and_keyboard(browser: Any,
                                                                          review: tuple[Path, str]) -> None:
    root, url = review
    page, errors = opened(browser, url)
    # Two new actors for one body, and a third for one person; "Guild" is given quote 1.
    for name, actor_id, kind in [("Dock Workers Guild", "dock-workers-guild", "organisation"),
                                 ("Guild", "guild", "organisation"),
                                 ("Commissioner Edda Quill", "commissioner-edda-quill", "person")]:
        page.locator("#new-name-0").fill(name)
        page.locator("#new-kind-0").select_option(kind)
        page.get_by_role("button", name="Add new actor").click()
        announced(page, f"added new actor {actor_id} ")
    page.locator("select#speaker-0-0").select_option("guild")
    announced(page, "quote 1: speaker guild")
    # By key: M on the card focuses "merge into"; the other actor's name typed, Enter merges.
    press_on(page, "li.actor[data-actor=guild]", "M")
    page.keyboard.type("Dock Workers Guild")
    page.keyboard.press("Enter")
    announced(page, "merged guild into dock-workers-guild; 'Guild' now an alias of dock-workers-guild")
    assert page.evaluate("document.activeElement.dataset.actor") == "dock-workers-guild"
    assert page.locator("li.actor[data-actor=guild]").count() == 0
    assert page.locator("select#speaker-0-0").input_value() == "dock-workers-guild"
    # By mouse: two actors ingest proposed, one merged into the other by its id.
    card = page.locator("li.actor[data-actor=commissioner-edda-quill]")
    card.locator("form.merge input[name=into]").fill("edda-quill")
    card.get_by_role("button", name="Merge", exact=True).click()
    announced(page, "merged commissioner-edda-quill into edda-quill")
    # A merge into an actor no one has is refused, and says why.
    card = page.locator("li.actor[data-actor=aurelian-national-assembly]")
    card.locator("form.merge input[name=into]").fill("Harbour Office")
    card.get_by_role("button", name="Merge", exact=True).click()
    announced(page, "Not done: 'Harbour Office' is not an id, name or alias in actors.yml")
    # Renaming a proposed actor only this briefing uses gives it the new name's id, quotes and all.
    card = page.locator("li.actor[data-actor=edda-quill]")
    card.focus()
    page.keyboard.press("c")
    page.keyboard.press("Control+A")
    page.keyboard.type("Edda Quill-Marsh")
    page.keyboard.press("Enter")
    announced(page, "edda-quill is now Edda Quill-Marsh (person); its id is now edda-quill-marsh")
    assert page.locator("select#speaker-0-1").input_value() == "edda-quill-marsh"
    assert errors == []

    data = front(root / BRIEFING)
    assert "dock-workers-guild" in data["actors"] and "edda-quill-marsh" in data["actors"]
    for gone in ("guild", "commissioner-edda-quill", "edda-quill"):
        assert gone not in data["actors"]
    assert data["quotes"][0]["speaker"] == "dock-workers-guild"
    assert data["quotes"][1]["speaker"] == "edda-quill-marsh"
    actors_yml = (root / "briefings/registry/actors.yml").read_text(encoding="utf-8")
    assert "# Added by briefings ingest" in actors_yml and "# People" in actors_yml
    actors = yaml.safe_load(actors_yml)
    for gone in ("guild", "commissioner-edda-quill", "edda-quill"):
        assert gone not in actors
    assert actors["dock-workers-guild"] == {"name": "Dock Workers Guild", "kind": "organisation",
                                            "aliases": ["Guild"]}
    assert actors["edda-quill-marsh"] == {"name": "Edda Quill-Marsh", "kind": "person",
                                          "role": "Harbour Commissioner",
                                          "aliases": ["Commissioner Edda Quill", "Edda Quill"]}
    assert not [d for d in check(Layout.at(root)).diagnostics if d.is_error]
    page.close()


def test_role_country_and_ownership_set_in_the_page_reach_the_registries(browser: Any,
                                                                        review: tuple[Path, str]) -> None:
    root, url = review
    actors_yml = root / "briefings/registry/actors.yml"
    page, errors = opened(browser, url)
    card = page.locator("li.actor[data-actor=ilse-brand]")
    assert "person 'ilse-brand' has no country" in card.locator(".wants").inner_text()
    # With the keyboard: f focuses the card's role, Tab its country (a state's name will do), Enter saves.
    card.focus()
    page.keyboard.press("f")
    page.keyboard.press("Control+A")
    page.keyboard.type("Speaker of the Aurelian National Assembly (from 2023)")
    page.keyboard.press("Tab")
    page.keyboard.type("Aurelia")
    page.keyboard.press("Enter")
    announced(page, "ilse-brand: role Speaker of the Aurelian National Assembly (from 2023); country aurelia "
                    "(check: no errors)")
    card = page.locator("li.actor[data-actor=ilse-brand]")
    assert card.locator(".wants").count() == 0  # check asks nothing more of the entry
    assert card.locator("input[name=country]").input_value() == "aurelia"
    assert page.evaluate("document.activeElement.name") == "country"  # focus stays where the curator was
    # A value check refuses: the reason is announced, nothing is written.
    before = actors_yml.read_text(encoding="utf-8")
    edda = page.locator("li.actor[data-actor=edda-quill]")
    edda.locator("input[name=country]").fill("Mara Lind")
    edda.get_by_role("button", name="Save role and country").click()
    announced(page, "Not done: edda-quill: no state in actors.yml has the id, name or alias 'Mara Lind'")
    assert actors_yml.read_text(encoding="utf-8") == before
    # With the mouse: a state's id from the list.
    edda.locator("input[name=country]").fill("borovia")
    edda.get_by_role("button", name="Save role and country").click()
    announced(page, "edda-quill: country borovia")
    # The outlet: o focuses its country, Tab its ownership; Enter on the menu saves.
    page.keyboard.press("Escape")
    page.keyboard.press("o")
    assert page.evaluate("document.activeElement.id") == "outlet-country-0"
    page.keyboard.press("Tab")
    page.locator("#outlet-ownership-0").select_option("state-funded")
    page.keyboard.press("Enter")
    announced(page, "harbour-times: ownership state-funded")
    assert errors == []

    text = actors_yml.read_text(encoding="utf-8")
    for comment in ("# Synthetic registry for tests", "# People", "# Organisations and media",
                    "# Added by briefings ingest"):
        assert comment in text
    actors = yaml.safe_load(text)
    assert actors["ilse-brand"] == {"name": "Ilse Brand", "kind": "person", "country": "aurelia",
                                    "role": "Speaker of the Aurelian National Assembly (from 2023)"}
    assert actors["edda-quill"] == {"name": "Edda Quill", "kind": "person", "country": "borovia",
                                    "role": "Harbour Commissioner"}
    outlets = yaml.safe_load((root / "briefings/registry/outlets.yml").read_text(encoding="utf-8"))
    assert outlets["harbour-times"]["ownership"] == "state-funded"
    page.reload()
    assert page.locator("#outlet-ownership-0").input_value() == "state-funded"
    assert page.locator("li.actor[data-actor=edda-quill] input[name=country]").input_value() == "borovia"
    assert "set the actor's role and country" in (page.locator("details.keys").text_content() or "")
    page.close()
