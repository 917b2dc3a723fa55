"""Build benchmark: ``python bench/run.py N`` (or ``make bench N=2000``).

Generates (once, cached under bench/.corpus/N) a seeded synthetic archive of N
briefings, then times, each in a fresh process:

* a clean ``mkdocs build`` (all pages, feeds, data; search indexing excluded),
* the same briefings built by plain MkDocs + Material: each briefing file copied
  into a docs folder as it is, the same theme and Markdown settings, no plugin
  (the baseline: what the theme alone costs per briefing),
* search indexing of the built site with Pagefind, when it is installed (the
  archive is loaded first, untimed, for the dates that the build would pass),
* ``mkdocs serve``: the seconds from saving an edit to one briefing until the
  server serves the changed page (the rebuild after the first build).

* three first queries in Chromium on the built site with its search index
  (``search/?q=...``, a fresh browser context each): the bytes and requests
  under ``pagefind/``, when Playwright and ``/usr/bin/chromium`` are there.

Peak memory is of the whole process tree (the build and every worker it
forks), sampled every 0.1 s as the sum of each process's proportional set size
(PSS: a page shared by forked workers counts once in all), for both builds.

It prints a human summary and ends with one JSON line:
{"n", "build_s", "per_briefing_ms", "plain_build_s", "plain_per_briefing_ms", "ratio",
 "peak_mb", "peak_kb_per_briefing", "plain_peak_mb", "plain_peak_kb_per_briefing",
 "site_files", "site_bytes", "plain_site_files", "plain_site_bytes",
 "search_s", "search_peak_mb", "search_files", "search_bytes", "queries", "incremental_s"};
"queries" maps each query to {"bytes", "requests", "results"}.
Figures are wall-clock on this machine; run on an idle machine and compare
runs of the same N.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # bench/ holds scripts, not a package


def _tree_pss_kb(root: int) -> int:
    """The summed PSS (kB) of a process and all its descendants, read from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as f:
                parents[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    total = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
        except (OSError, StopIteration, ValueError):
            continue
    return total


def _run(args: list[str], cwd: Path) -> tuple[float, float, str]:
    """Run a command; return (seconds, peak MB of its whole process tree, its standard error)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000",
           "BRIEFINGS_SEARCH": "false"}  # search is timed on its own
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env)
    peak_kb = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_kb
        while not done.wait(0.1):
            peak_kb = max(peak_kb, _tree_pss_kb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode != 0:
        sys.exit(f"command failed: {' '.join(args)}\n{stdout}\n{stderr}")
    return seconds, peak_kb / 1024, stderr


QUERIES = ("sanctions", "border security", "missile")


def _keep_search_response(responses: list[object], response: object) -> None:
    if "/pagefind/" in str(getattr(response, "url", "")):
        responses.append(response)


def _first_queries(site: Path) -> dict[str, dict[str, int]] | None:
    """Bytes and requests under pagefind/ of each query's first results, in a fresh Chromium context."""
    chromium = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright not installed: first queries skipped", file=sys.stderr)
        return None
    if not chromium.exists():
        print(f"{chromium} missing: first queries skipped", file=sys.stderr)
        return None

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    found: dict[str, dict[str, int]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(chromium),
                                                 args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
            for query in QUERIES:
                context = browser.new_context()
                page = context.new_page()
                responses: list[object] = []
                page.on("response", functools.partial(_keep_search_response, responses))
                page.goto(base + "search/?q=" + urllib.parse.quote(query))
                page.wait_for_function("() => /result/.test(document.querySelector('.ba-search__status')"
                                       ".textContent)", timeout=120_000)
                page.wait_for_timeout(500)  # fragments of the shown results still arriving
                results = page.locator(".ba-search__result").count()
                found[query] = {"bytes": sum(len(r.body()) for r in responses),  # type: ignore[attr-defined]
                                "requests": len(responses), "results": results}
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _serve_edit_seconds(corpus: Path, edited: Path) -> float:
    """Seconds from saving an edited title to ``mkdocs serve`` serving the page with it."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/briefings/{edited.stem}/"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=corpus,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "SOURCE_DATE_EPOCH": "1700000000",
            "BRIEFINGS_SEARCH": "false",
        },
    )
    original = edited.read_text(encoding="utf-8")
    marker = "Edited for the benchmark"
    try:
        deadline = time.monotonic() + 1800
        while "<h1" not in _page(url):  # the first build
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit("mkdocs serve did not come up")
            time.sleep(0.5)
        time.sleep(2)  # let the watcher settle
        edited.write_text(original.replace("title: ", f"title: {marker} ", 1), encoding="utf-8")
        start = time.perf_counter()
        while marker not in _page(url):
            if time.perf_counter() - start > 600:
                sys.exit("mkdocs serve did not rebuild within 10 minutes")
            time.sleep(0.05)
        return time.perf_counter() - start
    finally:
        edited.write_text(original, encoding="utf-8")
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def _nav_paths(nav: object) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_paths(value)]
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_paths(item)]
    return []


def _plain_project(corpus: Path) -> Path:
    """The corpus's briefings as a plain MkDocs + Material project: the same mkdocs.yml less the plugin,
    the same hand-written docs, each briefing file copied as it is, and a stub for every page the nav
    names that the plugin would have generated (so both sites carry the same navigation)."""
    from site_builder.outputs.zensical import read_config

    plain = corpus / "plain"
    if plain.exists():
        shutil.rmtree(plain)
    docs = plain / "docs"
    shutil.copytree(corpus / "docs", docs)
    (docs / "briefings").mkdir(parents=True, exist_ok=True)
    for path in (corpus / "briefings").rglob("*.md"):
        if "registry" not in path.parts:
            shutil.copy(path, docs / "briefings" / path.name)
    config = read_config(corpus / "mkdocs.yml")
    for page in _nav_paths(config.get("nav")):
        stub = docs / page
        if not stub.exists():
            stub.parent.mkdir(parents=True, exist_ok=True)
            stub.write_text(f"# {stub.stem}\n", encoding="utf-8")
    keep = ("site_name", "site_description", "theme", "markdown_extensions", "use_directory_urls", "nav",
            "validation")
    plain_config = {k: config[k] for k in keep if k in config} | {"plugins": []}
    (plain / "mkdocs.yml").write_text(json.dumps(plain_config), encoding="utf-8")  # JSON is YAML
    return plain


def _size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of briefings")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--no-serve", action="store_true", help="skip timing a rebuild under mkdocs serve")
    args = parser.parse_args()

    corpus = HERE / ".corpus" / f"{args.n}-{args.seed}"
    if not (corpus / "briefings").exists():
        print(f"generating {args.n} briefings into {corpus} ...", file=sys.stderr)
        generate(args.n, corpus, args.seed)
    else:  # keep docs/ and mkdocs.yml current with the repository
        shutil.rmtree(corpus / "docs")
        shutil.copytree(HERE.parent / "docs", corpus / "docs")
        shutil.copy(HERE.parent / "mkdocs.yml", corpus / "mkdocs.yml")
    site = corpus / "site"
    if site.exists():
        shutil.rmtree(site)

    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    build_s, peak_mb, _ = _run(mkdocs, corpus)
    site_files, site_bytes = _size(site)
    plain = _plain_project(corpus)
    plain_s, plain_peak_mb, _ = _run([sys.executable, "-m", "mkdocs", "build", "--site-dir",
                                      str(plain / "site")], plain)
    plain_files, plain_bytes = _size(plain / "site")

    search_s = search_peak = None
    search_files = search_bytes = None
    queries = None
    try:
        import pagefind  # noqa: F401
    except ImportError:
        print("pagefind not installed: search indexing skipped", file=sys.stderr)
    else:
        index = ("import sys, time; from pathlib import Path; from site_builder.core.load import Layout; "
                 "from site_builder.pipeline import build_site; "
                 "from site_builder.search import index_site, page_dates; "
                 "built = build_site(Layout.at(Path.cwd())); start = time.perf_counter(); "
                 "index_site(Path(sys.argv[1]), page_dates(built.pages, built.index)); "
                 "print(time.perf_counter() - start, file=sys.stderr)")
        _, search_peak, timed = _run([sys.executable, "-c", index, str(site)], corpus)
        search_s = float(timed.strip().splitlines()[-1])
        search_files, search_bytes = _size(site / "pagefind")
        queries = _first_queries(site)

    briefings = sorted(p for p in (corpus / "briefings").rglob("*.md") if "registry" not in p.parts)
    incremental_s = None if args.no_serve else _serve_edit_seconds(corpus, briefings[len(briefings) // 2])

    def per(mb: float) -> float:
        return round(1024 * mb / args.n, 1)

    result = {
        "n": args.n, "build_s": round(build_s, 2), "per_briefing_ms": round(1000 * build_s / args.n, 2),
        "plain_build_s": round(plain_s, 2), "plain_per_briefing_ms": round(1000 * plain_s / args.n, 2),
        "ratio": round(build_s / plain_s, 2),
        "peak_mb": round(peak_mb, 1), "peak_kb_per_briefing": per(peak_mb),
        "plain_peak_mb": round(plain_peak_mb, 1), "plain_peak_kb_per_briefing": per(plain_peak_mb),
        "site_files": site_files, "site_bytes": site_bytes,
        "plain_site_files": plain_files, "plain_site_bytes": plain_bytes,
        "search_s": None if search_s is None else round(search_s, 2),
        "search_peak_mb": None if search_peak is None else round(search_peak, 1),
        "search_files": search_files, "search_bytes": search_bytes, "queries": queries,
        "incremental_s": None if incremental_s is None else round(incremental_s, 2),
    }
    say = functools.partial(print, file=sys.stderr)
    say(f"{args.n} briefings: build {build_s:.1f} s ({result['per_briefing_ms']} ms per briefing); "
        f"plain MkDocs + Material {plain_s:.1f} s ({result['plain_per_briefing_ms']} ms per briefing); "
        f"ratio {result['ratio']}")
    say(f"peak memory (process tree, PSS): {peak_mb:.0f} MB ({per(peak_mb)} kB per briefing); "
        f"plain {plain_peak_mb:.0f} MB ({per(plain_peak_mb)} kB per briefing)")
    say(f"site: {site_files} files, {site_bytes / 1e6:.1f} MB "
        f"({site_bytes / args.n / 1e3:.1f} kB per briefing, search excluded); "
        f"plain {plain_files} files, {plain_bytes / 1e6:.1f} MB "
        f"({plain_bytes / args.n / 1e3:.1f} kB per briefing)")
    if search_s is not None and search_bytes is not None:
        say(f"search indexing {search_s:.1f} s, peak {search_peak:.0f} MB; "
            f"{search_files} files, {search_bytes / 1e6:.1f} MB")
    for query, got in (queries or {}).items():
        say(f"first query {query!r}: {got['bytes'] / 1e3:.0f} kB in {got['requests']} requests "
            f"under pagefind/, {got['results']} results shown")
    if incremental_s is not None:
        say(f"rebuild after one edit under mkdocs serve: {incremental_s:.1f} s")
    print(json.dumps(result))

if __name__ == "__main__":
    main()
