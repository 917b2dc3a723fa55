"""A hostile archive, built with the content-policy check switched off, never runs script.

tests/fixtures/hostile/ carries XSS payloads (OWASP filter-evasion forms) in every field the
schema still accepts, and in the bodies. The content-policy check would refuse the bodies, so it
is switched off here: the site is exported as a plain docs tree (as ``briefings export-docs``
does) and built by MkDocs without the briefings plugin. Every page is then loaded in headless
Chromium while hooks record dialogs, console messages, page errors, changed titles, requests
to anything but the local server and navigation away. The count must be zero: the renderer's
escaping alone has to hold.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import site_builder.core.load as load_module
from site_builder.cli import main
from site_builder.core.load import Layout
from site_builder.outputs.export import export_docs
from site_builder.pipeline import build_site

from .conftest import TESTS, mkdocs_build

HOSTILE = TESTS / "fixtures" / "hostile"
MARKERS = re.compile(r"XSS-\d+|PWNED-\d+|alert\(|javascript:|onerror|onload|<script", re.IGNORECASE)

MKDOCS_YML = """site_name: Hostile Archive
docs_dir: export
use_directory_urls: true
theme:
  name: material
  font: false
validation:
  nav:
    omitted_files: ignore
  links:
    not_found: ignore
    unrecognized_links: ignore
    anchors: ignore
"""


def count_payloads() -> int:
    """Payload strings tried: every marker occurrence in the fixture sources."""
    return sum(len(MARKERS.findall(p.read_text(encoding="utf-8")))
               for p in sorted((HOSTILE / "briefings").rglob("*")) if p.is_file())


class _Title(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside, self.done, self.text = False, False, ""

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.inside = self.inside or (tag == "title" and not self.done)  # the document's, not an SVG's

    def handle_endtag(self, tag: str) -> None:
        if self.inside and tag == "title":
            self.inside, self.done = False, True

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.text += data


def static_title(html: Path) -> str:
    parser = _Title()
    parser.feed(html.read_text(encoding="utf-8"))
    return parser.text


def test_check_refuses_every_hostile_body(capsys: pytest.CaptureFixture[str]) -> None:
    """With the policy on, ``briefings check`` names each hostile body line and exits 1.

    The NUL escapes in a byline and the registries are refused too, each on its line.
    """
    assert main(["--root", str(HOSTILE), "check"]) == 1
    out = capsys.readouterr().out.splitlines()
    refused = [line for line in out if "control character" in line]
    assert refused == [
        ("briefings/2024/03/2024-03-02-hostile-two.md:6: 'author' contains the control character U+0000 "
        "(delete it; it may be invisible in your editor)"),
        ("briefings/registry/actors.yml:13: actor 'mara-lind': 'role' contains the control character U+0000 "
        "(delete it; it may be invisible in your editor)"),
        ("briefings/registry/outlets.yml:9: outlet 'harbour-times': 'description' contains the control "
         "character U+0000 (delete it; it may be invisible in your editor)")]
    # the refused entries are then unknown wherever they are used
    bodies = [line for line in out if line not in refused and ": warning: " not in line
              and not re.search(r": unknown (actor|outlet|link target) ", line)]
    assert bodies and all(re.match(r"briefings/2024/0[13]/2024-0[13]-\d\d-hostile-\w+\.md:\d+: "
                                   r"(raw HTML|link to)", line) for line in bodies), out


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("hostile")
    shutil.copytree(HOSTILE / "briefings", project / "briefings")
    shutil.copytree(HOSTILE / "docs", project / "docs")
    # Skip the content-policy and character checks (they refuse the bodies and the NUL escapes in the
    # registries), keep everything else: the renderer's escaping must hold on its own.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(load_module, "body_diagnostics", lambda *args: [])
        patch.setattr(load_module, "character_diagnostics", lambda *args, **kwargs: [])
        site = build_site(Layout.at(project))
    pages = export_docs(site, project / "docs", project / "export")
    assert pages >= 10
    (project / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    result = mkdocs_build(project, project / "site", strict=False)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.mark.browser
def test_no_payload_runs(browser: Any, serve: Any, hostile_site: Path) -> None:
    base = serve(hostile_site)
    events: list[str] = []
    page = browser.new_page()
    page.on("dialog", lambda d: (events.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("console", lambda m: events.append(f"console {m.type}: {m.text}")
            if MARKERS.search(m.text) or m.type == "log" else None)
    page.on("pageerror", lambda e: events.append(f"pageerror: {e}"))

    def route(r: Any) -> None:
        if r.request.url.startswith(base):
            r.continue_()
        else:
            events.append(f"request: {r.request.url}")
            r.abort()

    page.route("**/*", route)
    htmls = sorted(hostile_site.rglob("index.html"))
    loaded = 0
    for html in htmls:
        rel = html.parent.relative_to(hostile_site).as_posix()
        url = base + ("" if rel == "." else rel + "/")
        page.goto(url, wait_until="load")
        page.mouse.move(5, 5)
        page.mouse.move(400, 300)
        page.keyboard.press("Tab")
        page.wait_for_timeout(20)
        if page.url.split("#")[0] != url:
            events.append(f"navigated away: {url} -> {page.url}")
        if page.title() != static_title(html):
            events.append(f"title changed on {url}: {page.title()!r}")
        loaded += 1
    page.close()
    payloads = count_payloads()
    print(f"\nhostile corpus: {payloads} payloads tried, {loaded} pages loaded, "
          f"{len(events)} script executions / escapes")
    assert payloads >= 60
    assert loaded >= 10
    assert events == []


def test_payloads_reach_pages_as_text(hostile_site: Path) -> None:
    """The payloads are on the pages (escaped), so the browser test really exercised them."""
    briefing = next(hostile_site.glob("briefings/2024-01-15-hostile-one/index.html")).read_text()
    assert "&lt;iframe src=" in briefing
    assert "<iframe" not in briefing
    assert not re.search(r"<[a-z]+[^>]*\son[a-z]+\s*=", briefing)
    assert 'href="javascript' not in briefing.lower() and 'href="data:' not in briefing.lower()
