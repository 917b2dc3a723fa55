"""Build benchmark: ``python bench/run.py N`` (or ``make bench N=2000``).

Generates (once, cached under bench/.corpus/N) a seeded synthetic archive of N
briefings, then times, each in a fresh process:

* a clean ``mkdocs build`` (all pages, feeds, data; search indexing excluded),
* search indexing of the built site with Pagefind, when it is installed,
* a rebuild after editing one briefing (what ``mkdocs serve`` does on a change).

It prints a human summary and ends with one JSON line:
{"n", "build_s", "per_briefing_ms", "peak_rss_mb", "site_files", "site_bytes",
 "search_s", "search_peak_mb", "search_files", "search_bytes", "incremental_s"}.
Figures are wall-clock on this machine; run on an idle machine and compare
runs of the same N.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # bench/ holds scripts, not a package


def _run(args: list[str], cwd: Path) -> tuple[float, float]:
    """Run a command; return (seconds, peak RSS in MB of that command alone)."""
    measure = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]).returncode; "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(r)")
    wrapper = [sys.executable, "-c", measure, *args]
    start = time.perf_counter()
    done = subprocess.run(wrapper, cwd=cwd, capture_output=True, text=True, check=False,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000",
                               "BRIEFINGS_SEARCH": "false"})  # search is timed on its own
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"command failed: {' '.join(args)}\n{done.stdout}\n{done.stderr}")
    peak_kb = int(done.stderr.strip().splitlines()[-1])
    return seconds, peak_kb / 1024


def _size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of briefings")
    parser.add_argument("--seed", type=int, default=42)
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
    build_s, peak_mb = _run(mkdocs, corpus)
    site_files, site_bytes = _size(site)

    search_s = search_peak = None
    search_files = search_bytes = None
    try:
        import pagefind  # noqa: F401
    except ImportError:
        print("pagefind not installed: search indexing skipped", file=sys.stderr)
    else:
        index = ("import sys; from pathlib import Path; "
                 "from site_builder.search import index_site; index_site(Path(sys.argv[1]))")
        search_s, search_peak = _run([sys.executable, "-c", index, str(site)], corpus)
        search_files, search_bytes = _size(site / "pagefind")

    briefings = sorted(p for p in (corpus / "briefings").rglob("*.md"))
    edited = briefings[len(briefings) // 2]
    original = edited.read_text(encoding="utf-8")
    edited.write_text(original.replace("title: ", "title: Edited ", 1), encoding="utf-8")
    try:
        incremental_s, _ = _run([a for a in mkdocs if a != "--strict"] + ["--no-strict", "--dirty"], corpus)
    finally:
        edited.write_text(original, encoding="utf-8")

    result = {
        "n": args.n, "build_s": round(build_s, 2), "per_briefing_ms": round(1000 * build_s / args.n, 2),
        "peak_rss_mb": round(peak_mb, 1), "site_files": site_files, "site_bytes": site_bytes,
        "search_s": None if search_s is None else round(search_s, 2),
        "search_peak_mb": None if search_peak is None else round(search_peak, 1),
        "search_files": search_files, "search_bytes": search_bytes, "incremental_s": round(incremental_s, 2),
    }
    print(f"{args.n} briefings: build {build_s:.1f} s ({result['per_briefing_ms']} ms per briefing), "
          f"peak {peak_mb:.0f} MB, {site_files} files / {site_bytes / 1e6:.1f} MB; "
          f"rebuild after one edit {incremental_s:.1f} s", file=sys.stderr)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
