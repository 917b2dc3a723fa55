"""Timing of hostile inputs: ``python bench/hostile.py`` (or ``make bench-hostile``).

Each input below once made a stage hang or grow faster than its input. For every
one the script builds a throw-away copy of the fixture archive with the input at
three sizes, each twice the last, and times the stage it attacked:

* bodies of 250 kB, 500 kB and 1 MB (brackets, unclosed links, emphasis, tiny
  paragraphs, nested brackets): ``check``, then rendering every page with the
  content-policy check switched off (as ``tests/test_hostile.py`` does), since
  the policy refuses some of these bodies and the renderer must hold on its own;
* two links to ``.`` in 1, 2 and 4 month folders: ``check``;
* one briefing naming 500, 1,000 and 2,000 actors: ``check`` (refused over 50);
* a boilerplate pattern that backtracks, ``^(\\w+\\s?)+$``, on 1,000 to 4,000
  lines of 25 words: ingest's line cleaning;
* YAML nested 2,500, 5,000 and 10,000 deep: ``check`` (refused over 20);
* a server that drips one byte every 0.2 s: fetching with a 2 s deadline;
* a body naming one actor 15,000 to 60,000 times (90 to 360 kB): the build, whose
  mention linking once compared every mention with every other;
* an article of 25, 50 and 100 kB of short quotations: ingest's actor and quote
  finding, once quadratic in the number of quotations.

For linear growth the last time is about four times the first (constant work
stays flat). Figures are wall-clock on this machine; compare runs on the same
machine. This is a report, not a test: nothing fails on a slow run.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

import site_builder.core.load as load_module
from site_builder.authoring.ingest import fetch  # bench/ holds scripts, not a package
from site_builder.authoring.ingest.extract import clean_text, compile_boilerplate
from site_builder.core.load import Layout
from site_builder.pipeline import build_site, check

FIXTURE = REPO / "tests" / "fixtures" / "archive"
BRIEFING = """---
title: Ferry line opens
date: 2024-04-02
outlet: harbour-times
source_url: https://harbourtimes.example/2024/04/02/ferry
actors:
{actors}
summary: {summary}
---
{body}
"""
BRIEFING_PATH = "briefings/2024/04/2024-04-02-ferry-line-opens.md"


def project(scratch: Path, name: str) -> Path:
    target = scratch / name
    shutil.copytree(FIXTURE, target)
    return target


def write_briefing(root: Path, body: str = "The ferry line opened.", actors: tuple[str, ...] = ("aurelia",),
                   summary: str = "A ferry line opened.") -> None:
    path = root / BRIEFING_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    listed = "\n".join(f"  - {a}" for a in actors)
    path.write_text(BRIEFING.format(actors=listed, summary=summary, body=body), encoding="utf-8")


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def build(root: Path) -> None:
    """``check``, then render every page and file, as ``mkdocs build`` does before the theme."""
    checked(root)
    policy = load_module.body_diagnostics
    load_module.body_diagnostics = lambda *args: []
    try:
        site = build_site(Layout.at(root))
    finally:
        load_module.body_diagnostics = policy
    for _path, _content in site.outputs():
        pass


def checked(root: Path) -> int:
    return len(check(Layout.at(root)).errors)


def body_case(scratch: Path, unit: str) -> Callable[[int], float]:
    def run(size: int) -> float:
        root = project(scratch, f"body-{abs(hash(unit))}-{size}")
        write_briefing(root, body=(unit * (size // len(unit) + 1))[:size])
        return timed(lambda: build(root))
    return run


def loop_case(scratch: Path) -> Callable[[int], float]:
    def run(folders: int) -> float:
        root = project(scratch, f"loops-{folders}")
        for month in range(1, folders + 1):
            folder = root / f"briefings/2023/{month:02d}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "a").symlink_to(".", target_is_directory=True)
            (folder / "b").symlink_to(".", target_is_directory=True)
        return timed(lambda: checked(root))
    return run


def actors_case(scratch: Path) -> Callable[[int], float]:
    def run(count: int) -> float:
        root = project(scratch, f"actors-{count}")
        ids = tuple(f"extra-{i}" for i in range(count))
        with (root / "briefings/registry/actors.yml").open("a", encoding="utf-8") as handle:
            handle.writelines(f"{i}:\n  name: Extra {i.split('-')[1]}\n  kind: person\n" for i in ids)
        write_briefing(root, actors=ids)
        return timed(lambda: checked(root))
    return run


def regex_case() -> Callable[[int], float]:
    boilerplate, bad = compile_boilerplate([("nested", r"^(\w+\s?)+$")])
    assert not bad

    def run(lines: int) -> float:
        text = "Title of the piece\n\n" + ("word " * 25 + "!\n\n") * lines
        return timed(lambda: clean_text(text, boilerplate))
    return run


def nesting_case(scratch: Path) -> Callable[[int], float]:
    def run(depth: int) -> float:
        root = project(scratch, f"deep-{depth}")
        write_briefing(root, summary="[" * depth + "]" * depth)
        return timed(lambda: checked(root))
    return run


def mentions_case(scratch: Path) -> Callable[[int], float]:
    def run(count: int) -> float:
        root = project(scratch, f"mentions-{count}")
        write_briefing(root, body="Aurelia " * count)
        return timed(lambda: build(root))
    return run


def quotes_case() -> Callable[[int], float]:
    from site_builder.authoring.ingest import gazetteer
    from site_builder.authoring.ingest.actors import find_actors
    from site_builder.authoring.ingest.quotes import find_quotes

    gaz = gazetteer.load()

    def run(size: int) -> float:
        unit = "Mira Holt said: \u201cWe will not go.\u201d \u201cNor will we,\u201d Tomas Berg replied. "
        paragraphs = [unit * 10] * (size // (len(unit) * 10) + 1)

        def attempt() -> None:
            found = find_actors(paragraphs, {}, gaz)
            ids = [f.actor.id for f in found.findings]
            find_quotes(paragraphs, lambda text: found.mentions_of(text, ids),
                        {a.id: a.kind for a in found.actors.values()})
        return timed(attempt)
    return run


class _Drip(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for _ in range(int(self.path.strip("/"))):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass

    def log_message(self, *args: object) -> None:
        pass


def drip_case() -> Callable[[int], float]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Drip)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fetch.address_allowed = lambda address: address == ipaddress.ip_address("127.0.0.1")  # this server only

    def run(length: int) -> float:
        def attempt() -> None:
            try:
                fetch.fetch_url(f"http://127.0.0.1:{server.server_address[1]}/{length}", timeout=2.0)
            except fetch.FetchError:
                pass
        return timed(attempt)
    return run


def main() -> int:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    scratch = Path(tempfile.mkdtemp(prefix="hostile-bench-"))
    body_sizes = (250_000, 500_000, 999_000)  # the file, front-matter included, stays under 1,000,000 bytes
    cases: list[tuple[str, str, tuple[int, ...], Callable[[int], float]]] = [
        ("body of '['", "bytes", body_sizes, body_case(scratch, "[")),
        ("body of '[a]('", "bytes", body_sizes, body_case(scratch, "[a](")),
        ("body of '[a](x \"y) '", "bytes", body_sizes, body_case(scratch, '[a](x "y) ')),
        ("body of '[' x50 + ']' x50", "bytes", body_sizes, body_case(scratch, "[" * 50 + "]" * 50)),
        ("body of '*a* '", "bytes", body_sizes, body_case(scratch, "*a* ")),
        ("body of tiny paragraphs", "bytes", body_sizes, body_case(scratch, "a\n\n")),
        ("two links to '.' per folder", "folders", (1, 2, 4), loop_case(scratch)),
        ("actors named by one briefing", "actors", (500, 1000, 2000), actors_case(scratch)),
        ("pattern ^(\\w+\\s?)+$ on 25-word lines", "lines", (1000, 2000, 4000), regex_case()),
        ("YAML nesting", "levels", (2500, 5000, 10000), nesting_case(scratch)),
        ("server dripping 1 byte / 0.2 s", "bytes", (10, 100, 1000), drip_case()),
        ("one actor named again and again", "mentions", (15000, 30000, 60000), mentions_case(scratch)),
        ("short quotations in an article", "bytes", (25_000, 50_000, 100_000), quotes_case()),
    ]
    print(f"{'input':40} {'unit':>8} {'sizes':>22} {'seconds':>26} {'last/first':>10}")
    try:
        for name, unit, sizes, run in cases:
            times = [run(size) for size in sizes]
            shown_sizes = " / ".join(f"{s:,}" for s in sizes)
            shown_times = " / ".join(f"{t:.2f}" for t in times)
            ratio = times[-1] / times[0] if times[0] > 0 else float("inf")
            print(f"{name:40} {unit:>8} {shown_sizes:>22} {shown_times:>26} {ratio:>10.1f}", flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
