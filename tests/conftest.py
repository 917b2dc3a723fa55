"""Shared fixtures: temporary copies of archives, golden files, headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
REPO = TESTS.parent
FIXTURE_ARCHIVE = TESTS / "fixtures" / "archive"
CORPUS = TESTS / "fixtures" / "corpus"
#: An invented beat of 30+ briefings: several outlets of different ownership per event, a live blog
#: naming 40 actors, quotes from many speakers.
BEAT = TESTS / "fixtures" / "beat"
GOLDENS = TESTS / "goldens"
#: A valid briefing for the fixture archive (tests/fixtures/archive); tests break it one way at a time.
GOOD_BRIEFING = """---
title: River talks resume
date: 2024-04-02
outlet: harbour-times
source_url: https://harbourtimes.example/2024/04/02/talks-resume
actors:
  - aurelia
  - mara-lind
events: [river-accord-talks-2024]
summary: The talks resumed.
quotes:
  - speaker: mara-lind
    text: We are back.
---
The talks resumed on Tuesday. "We are back," Mara Lind said.
"""
GOOD_BRIEFING_PATH = "briefings/2024/04/2024-04-02-river-talks-resume.md"


def write_source(project: Path, text: str | bytes, name: str = GOOD_BRIEFING_PATH) -> Path:
    """Write a source file (text, or raw bytes for encoding tests) into a project, making folders."""
    path = project / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite golden files from current output")


@pytest.fixture
def archive_copy(tmp_path: Path) -> Path:
    """A writable copy of the synthetic fixture archive (briefings/, docs/, mkdocs.yml)."""
    target = tmp_path / "archive"
    shutil.copytree(FIXTURE_ARCHIVE, target)
    return target


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """A writable copy of the real archive: the curated seed briefings and registries."""
    target = tmp_path / "repo"
    target.mkdir()
    for name in ("briefings", "docs"):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/goldens/NAME; ``--update-goldens`` rewrites the file instead."""
    update = request.config.getoption("--update-goldens")

    def check(name: str, actual: str) -> None:
        path = GOLDENS / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"missing golden {path}; run pytest --update-goldens"
        assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"

    return check


def mkdocs_build(project: Path, site_dir: Path | None = None, *, strict: bool = True,
                 env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build`` on a project folder, as a user would."""
    site_dir = site_dir or project / "site"
    args = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir), "--config-file",
            str(project / "mkdocs.yml")]
    if strict:
        args.append("--strict")
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(args, cwd=project, capture_output=True, text=True, env=full_env, check=False)


def archive_dates(project: Path) -> dict[str, str]:
    """The dates that a build of ``project`` passes to the search index, from its archive."""
    from site_builder.core.load import Layout
    from site_builder.pipeline import build_site
    from site_builder.search import page_dates

    site = build_site(Layout.at(project))
    return page_dates(site.pages, site.index)


def _built(factory: pytest.TempPathFactory, project: Path, name: str) -> Path:
    site = factory.mktemp(name)
    result = mkdocs_build(project, site, env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real archive (the curated seed briefings), built once per test run. Read-only."""
    return _built(tmp_path_factory, REPO, "seed-site")


@pytest.fixture(scope="session")
def fixture_archive_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small hand-written fixture archive, built once per test run. Read-only."""
    return _built(tmp_path_factory, FIXTURE_ARCHIVE, "fixture-site")


@pytest.fixture(scope="session")
def beat_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The invented beat (tests/fixtures/beat), built once per test run with search. Read-only."""
    return _built(tmp_path_factory, BEAT, "beat-site")


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic corpus of a few dozen briefings, built once per test run. Read-only."""
    return _built(tmp_path_factory, CORPUS, "corpus-site")


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """Serve a folder over HTTP on 127.0.0.1; returns its base URL."""
    servers: list[ThreadingHTTPServer] = []

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    def start(root: Path) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium driven by Playwright; never downloads a browser."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()
