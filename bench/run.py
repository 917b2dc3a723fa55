"""Build benchmark: ``python bench/run.py N`` (or ``make bench N=2000``).

Generates (once, cached under bench/.corpus/N) a seeded synthetic archive of N
briefings, then, each in a fresh process:

* builds it as users do, a clean ``mkdocs build`` with search: all pages, feeds,
  data, then the Pagefind index (the part before the index and the indexing are
  also given apart, split where the plugin says it starts indexing);
* builds the same briefings with plain MkDocs + Material, the baseline: each
  briefing file copied into a docs folder as it is, the same theme and Markdown
  settings, and Material's own search plugin, which writes
  ``search/search_index.json`` (what the theme alone costs per briefing);
* runs three first queries in Chromium on the archive's site
  (``search/?q=...``, a fresh browser context each) and counts the bytes and
  requests under ``pagefind/``, when Playwright and ``/usr/bin/chromium`` are
  there. The site is served as a host that compresses text does (GitHub Pages,
  Cloudflare and Netlify gzip or brotli text files): text gzipped when the
  browser accepts it, other files (Pagefind's chunks, already compressed) as
  they are; both the bytes as served uncompressed and the bytes sent are given;
* times ``mkdocs serve``: the seconds from saving an edit to one briefing until
  the server serves the changed page (the rebuild after the first build), for an
  edit to its body and then to its title.

Peak memory is of the whole process tree (the build and every worker and
Pagefind run it starts), sampled every 0.1 s as the sum of each process's
proportional set size (PSS: a page shared by forked workers counts once in all),
for both builds. Times and peaks come from separate builds of each site (timed
first, unwatched): reading a process tree's PSS costs 7 to 28 ms of CPU a sample,
which a build busy on both cores pays in time and a build on one core does not
(the other core is idle). At 10,000 briefings, sampling made the archive's build
1.1 to 1.9 s slower in two pairs of runs.

It prints a human summary and ends with one JSON line:
{"n", "build_s", "per_briefing_ms", "plain_build_s", "plain_per_briefing_ms", "ratio",
 "peak_mb", "peak_kb_per_briefing", "plain_peak_mb", "plain_peak_kb_per_briefing",
 "site_files", "site_bytes", "plain_site_files", "plain_site_bytes",
 "pages_s", "pages_peak_mb", "search_s", "search_peak_mb", "search_files", "search_bytes",
 "plain_search_bytes", "queries", "incremental_s"};
the first twelve are of the whole builds, search included, "pages_*" the archive's build before
its index, "search_*" its indexing, "plain_search_bytes" the baseline's search index;
"queries" maps each query to {"bytes", "sent", "requests", "results"} ("bytes" uncompressed,
"sent" as a compressing host sends them), "incremental_s" to {"body", "title"}.
Figures are wall-clock on this machine; run on an idle machine and compare
runs of the same N.
"""

from __future__ import annotations

import argparse
import functools
import gzip
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


@dataclass
class Run:
    """A finished command: its seconds and peak MB (whole process tree); the seconds and peak up to the
    first line of its standard error holding ``mark``, and the peak after it (the whole run is before
    the mark when none holds it)."""

    seconds: float
    peak_mb: float
    stderr: str
    mark_s: float
    mark_peak_mb: float
    after_mark_peak_mb: float


def _run(args: list[str], cwd: Path, search: bool, mark: str | None = None, sample: bool = True) -> Run:
    """Run a command, sampling its process tree's memory unless ``sample`` is false (the peaks are then
    0); ``search`` turns the archive's indexing on."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000",
           "BRIEFINGS_SEARCH": "true" if search else "false"}
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env)
    peaks_kb = [0, 0]  # before the mark, after it
    marked: list[float] = []  # the seconds when the mark was seen
    lines: list[str] = []
    done = threading.Event()

    def sample_memory() -> None:
        while not done.wait(0.1):
            phase = 1 if marked else 0
            peaks_kb[phase] = max(peaks_kb[phase], _tree_pss_kb(process.pid))

    def read_errors() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            if mark is not None and not marked and mark in line:
                marked.append(time.perf_counter() - start)
            lines.append(line)

    sampler = threading.Thread(target=sample_memory, daemon=True)
    reader = threading.Thread(target=read_errors, daemon=True)
    if sample:
        sampler.start()
    reader.start()
    assert process.stdout is not None
    stdout = process.stdout.read()
    process.wait()
    reader.join()
    seconds = time.perf_counter() - start
    done.set()
    if sample:
        sampler.join()
    stderr = "".join(lines)
    if process.returncode != 0:
        sys.exit(f"command failed: {' '.join(args)}\n{stdout}\n{stderr}")
    before, after = peaks_kb
    return Run(seconds, max(before, after) / 1024, stderr, marked[0] if marked else seconds, before / 1024,
               after / 1024)


QUERIES = ("sanctions", "border security", "missile")


#: Types a host compresses when the browser accepts it; Pagefind's chunks and WebAssembly are
#: served as they are (already gzipped, and of a type hosts leave alone).
_COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml",
                     "application/xml")


class _CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files as a static host that compresses text does: gzipped when asked for, else as they are."""

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urllib.parse.urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if (not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "")
                or not kind.startswith(_COMPRESSED_TYPES)):
            super().do_GET()  # a folder's redirect, a missing file, or a file sent as it is
            return
        data = path.read_bytes()
        body = gzip.compress(data, compresslevel=6, mtime=0)
        if len(body) >= len(data):  # too small to gain
            super().do_GET()
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _sent(response: Any) -> int:
    """The bytes of a response's body as the server sent them: the body gzipped the same way when it
    came compressed. (Chromium reports no encoded size for a worker's script.)"""
    body: bytes = response.body()
    if response.headers.get("content-encoding") == "gzip":
        return len(gzip.compress(body, compresslevel=6, mtime=0))
    return len(body)


def _keep_search_response(responses: list[object], response: object) -> None:
    if "/pagefind/" in str(getattr(response, "url", "")):
        responses.append(response)


def _first_queries(site: Path) -> dict[str, dict[str, int]] | None:
    """Bytes (uncompressed and as sent) and requests under pagefind/ of each query's first results, in a
    fresh Chromium context."""
    chromium = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright not installed: first queries skipped", file=sys.stderr)
        return None
    if not chromium.exists():
        print(f"{chromium} missing: first queries skipped", file=sys.stderr)
        return None

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_CompressingHandler, directory=str(site)))
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
                responses: list[Any] = []
                page.on("response", functools.partial(_keep_search_response, responses))
                page.goto(base + "search/?q=" + urllib.parse.quote(query))
                page.wait_for_function("() => /result/.test(document.querySelector('.ba-search__status')"
                                       ".textContent)", timeout=120_000)
                page.wait_for_timeout(500)  # fragments of the shown results still arriving
                results = page.locator(".ba-search__result").count()
                sizes = [(_sent(r), len(r.body()), r.url.removeprefix(base)) for r in responses]
                found[query] = {"bytes": sum(size for _, size, _ in sizes),
                                "sent": sum(sent for sent, _, _ in sizes),
                                "requests": len(responses), "results": results}
                if os.environ.get("BENCH_LIST_REQUESTS"):  # what each request cost, to see where bytes go
                    for sent, size, url in sorted(sizes, key=lambda s: s[2]):
                        print(f"  {sent:>7} {size:>7} {url}", file=sys.stderr)
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


def _serve_edit_seconds(corpus: Path, edited: Path) -> dict[str, float]:
    """Seconds from saving an edit to ``mkdocs serve`` serving the page with it: the body, then the title.

    A body edit redoes the one page that shows the body; a title edit redoes every page that lists the
    briefing (its actors', events', outlet's and month's pages, the feeds, the home page).
    """
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
    seconds: dict[str, float] = {}

    def timed(kind: str, text: str, marker: str) -> None:
        edited.write_text(text, encoding="utf-8")
        start = time.perf_counter()
        while marker not in _page(url):
            if time.perf_counter() - start > 600:
                sys.exit("mkdocs serve did not rebuild within 10 minutes")
            time.sleep(0.05)
        seconds[kind] = time.perf_counter() - start
        time.sleep(2)  # let the watcher settle before the next edit

    try:
        deadline = time.monotonic() + 1800
        while "<h1" not in _page(url):  # the first build
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit("mkdocs serve did not come up")
            time.sleep(0.5)
        time.sleep(2)  # let the watcher settle
        body = original.rstrip("\n") + "\n\nA sentence added for the benchmark.\n"
        timed("body", body, "A sentence added for the benchmark.")
        marker = "Edited for the benchmark"
        timed("title", body.replace("title: ", f"title: {marker} ", 1), marker)
        return seconds
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
    """The corpus's briefings as a plain MkDocs + Material project: the same mkdocs.yml with Material's
    own search plugin in place of the archive's, the same hand-written docs, each briefing file copied
    as it is, and a stub for every page the nav names that the plugin would have generated (so both
    sites carry the same navigation)."""
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
    plain_config = {k: config[k] for k in keep if k in config} | {"plugins": ["search"]}  # Material's own
    (plain / "mkdocs.yml").write_text(json.dumps(plain_config), encoding="utf-8")  # JSON is YAML
    return plain


def _size(folder: Path, leave_out: str | None = None) -> tuple[int, int]:
    """Files and bytes under ``folder``, less those under its subfolder ``leave_out``."""
    skip = folder / leave_out if leave_out else None
    files = [p for p in folder.rglob("*") if p.is_file() and (skip is None or not p.is_relative_to(skip))]
    return len(files), sum(p.stat().st_size for p in files)


#: What the plugin logs as it starts indexing: the bench splits the build's time and memory there.
SEARCH_STARTS = "indexing the site for search"


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
    try:
        import pagefind  # noqa: F401
        search = True
    except ImportError:
        print("pagefind not installed: the archive is built without its search index", file=sys.stderr)
        search = False

    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    plain = _plain_project(corpus)
    plain_build = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(plain / "site")]
    # Time first, with nothing watching; then each build again, its memory sampled (see the docstring).
    archive = _run(mkdocs, corpus, search, mark=SEARCH_STARTS, sample=False)
    baseline = _run(plain_build, plain, search=False, sample=False)
    for folder in (site, plain / "site"):
        shutil.rmtree(folder)
    archive_memory = _run(mkdocs, corpus, search, mark=SEARCH_STARTS)
    baseline_memory = _run(plain_build, plain, search=False)
    site_files, site_bytes = _size(site)
    pages_files, pages_bytes = _size(site, "pagefind")
    plain_files, plain_bytes = _size(plain / "site")
    plain_index = plain / "site" / "search" / "search_index.json"
    plain_search = plain_index.stat().st_size
    plain_search_sent = len(gzip.compress(plain_index.read_bytes(), compresslevel=6, mtime=0))
    search_files, search_bytes = (site_files - pages_files, site_bytes - pages_bytes) if search else (0, 0)
    if search and archive.mark_s == archive.seconds:
        print(f"the build never logged {SEARCH_STARTS!r}: its phases are not told apart", file=sys.stderr)
    search_s = archive.seconds - archive.mark_s if search else None
    search_peak = archive_memory.after_mark_peak_mb if search else None
    queries = _first_queries(site) if search else None

    briefings = sorted(p for p in (corpus / "briefings").rglob("*.md") if "registry" not in p.parts)
    incremental = None if args.no_serve else _serve_edit_seconds(corpus, briefings[len(briefings) // 2])

    n: int = args.n

    def per(mb: float) -> float:
        return round(1024 * mb / n, 1)

    result = {
        "n": n, "build_s": round(archive.seconds, 2), "per_briefing_ms": round(1000 * archive.seconds / n, 2),
        "plain_build_s": round(baseline.seconds, 2),
        "plain_per_briefing_ms": round(1000 * baseline.seconds / n, 2),
        "ratio": round(archive.seconds / baseline.seconds, 2),
        "peak_mb": round(archive_memory.peak_mb, 1), "peak_kb_per_briefing": per(archive_memory.peak_mb),
        "plain_peak_mb": round(baseline_memory.peak_mb, 1),
        "plain_peak_kb_per_briefing": per(baseline_memory.peak_mb),
        "site_files": site_files, "site_bytes": site_bytes,
        "plain_site_files": plain_files, "plain_site_bytes": plain_bytes,
        "pages_s": round(archive.mark_s, 2), "pages_peak_mb": round(archive_memory.mark_peak_mb, 1),
        "search_s": None if search_s is None else round(search_s, 2),
        "search_peak_mb": None if search_peak is None else round(search_peak, 1),
        "search_files": search_files, "search_bytes": search_bytes, "plain_search_bytes": plain_search,
        "queries": queries,
        "incremental_s": None if incremental is None else {k: round(v, 2) for k, v in incremental.items()},
    }
    say = functools.partial(print, file=sys.stderr)
    say(f"{n} briefings, each site built whole as users build it (search included):")
    say(f"  build: archive {archive.seconds:.1f} s ({result['per_briefing_ms']} ms per briefing); "
        f"plain MkDocs + Material with its search {baseline.seconds:.1f} s "
        f"({result['plain_per_briefing_ms']} ms per briefing); ratio {result['ratio']}")
    peak, plain_peak = archive_memory.peak_mb, baseline_memory.peak_mb
    say(f"  peak memory (process tree, PSS): archive {peak:.0f} MB ({per(peak)} kB per "
        f"briefing); plain {plain_peak:.0f} MB ({per(plain_peak)} kB per briefing); "
        f"ratio {peak / plain_peak:.2f}")
    say(f"  site: archive {site_files} files, {site_bytes / 1e6:.1f} MB ({site_bytes / n / 1e3:.1f} kB per "
        f"briefing); plain {plain_files} files, {plain_bytes / 1e6:.1f} MB "
        f"({plain_bytes / n / 1e3:.1f} kB per briefing); ratio {site_bytes / plain_bytes:.2f}")
    pages_peak = archive_memory.mark_peak_mb
    say(f"archive before its index: {archive.mark_s:.1f} s, peak {pages_peak:.0f} MB "
        f"({per(pages_peak)} kB per briefing); {pages_files} files, {pages_bytes / 1e6:.1f} MB "
        f"({pages_bytes / n / 1e3:.1f} kB per briefing)")
    if search_s is not None and search_peak is not None:
        say(f"archive's search index (Pagefind): {search_s:.1f} s, peak of the process tree while indexing "
            f"{search_peak:.0f} MB ({per(search_peak)} kB per briefing); {search_files} files, "
            f"{search_bytes / 1e6:.1f} MB")
    say(f"plain's search index: search/search_index.json {plain_search / 1e6:.1f} MB "
        f"({plain_search_sent / 1e6:.1f} MB gzipped), which its search reads whole on a first query")
    for query, got in (queries or {}).items():
        say(f"first query {query!r}: {got['bytes'] / 1e3:.0f} kB uncompressed, "
            f"{got['sent'] / 1e3:.0f} kB sent by a host that compresses text, in {got['requests']} requests "
            f"under pagefind/; {got['results']} results shown")
    if incremental is not None:
        say(f"rebuild under mkdocs serve after one edit to a briefing's body: {incremental['body']:.2f} s; "
            f"to its title: {incremental['title']:.2f} s")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
