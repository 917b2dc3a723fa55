"""Where a built site's bytes go: ``python bench/bytes.py SITE [OTHER_SITE]``.

Sums file bytes by kind (the first folder under the site: briefings/, actors/,
feeds/, data/, ...) and, for HTML pages, by part of the page as Material lays it
out (head, header, tabs, the navigation sidebar, the table of contents, the
article, the footer and scripts), so that what grows with the archive can be
told from what every page repeats. With two sites, prints them side by side.
"""

from __future__ import annotations

import argparse
import itertools
import re
from collections import Counter
from pathlib import Path

#: Where each part of a Material page starts; a part runs to the start of the next one found.
PARTS = (
    ("head", "<head>"),
    ("header", '<header class="md-header'),
    ("tabs", '<nav class="md-tabs'),
    ("nav", '<div class="md-sidebar md-sidebar--primary'),
    ("toc", '<div class="md-sidebar md-sidebar--secondary'),
    ("article", "<article"),
    ("after article", "</article>"),
    ("footer", '<footer class="md-footer'),
    ("scripts", '<script id="__config"'),
)


def page_parts(html: str) -> Counter[str]:
    """Bytes of each part of one page (UTF-8)."""
    found = sorted((at, name) for name, marker in PARTS  # the article's end: the last one (pages nest some)
                   if (at := html.rfind(marker) if name == "after article" else html.find(marker)) >= 0)
    parts: Counter[str] = Counter()
    starts = [(0, "before head"), *found, (len(html), "")]
    for (start, name), (end, _) in itertools.pairwise(starts):
        parts[name] += len(html[start:end].encode("utf-8"))
    return parts


def kind_of(site: Path, path: Path) -> str:
    rel = path.relative_to(site).parts
    return rel[0] + "/" if len(rel) > 1 else rel[0]


def measure(site: Path) -> tuple[Counter[str], Counter[str], Counter[str], Counter[str]]:
    """(bytes by kind, files by kind, bytes by page part, svg bytes by kind) over the whole site."""
    by_kind: Counter[str] = Counter()
    files: Counter[str] = Counter()
    parts: Counter[str] = Counter()
    svg: Counter[str] = Counter()
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        kind = kind_of(site, path)
        by_kind[kind] += path.stat().st_size
        files[kind] += 1
        if path.suffix == ".html":
            html = path.read_text(encoding="utf-8")
            parts.update(page_parts(html))
            svg[kind] += sum(len(m.group(0).encode()) for m in re.finditer(r"<svg.*?</svg>", html, re.DOTALL))
    return by_kind, files, parts, svg


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", type=Path, nargs="+")
    args = parser.parse_args()
    measured = [measure(site) for site in args.sites]
    head = "".join(f"{str(s)[-28:]:>30}" for s in args.sites)
    for title, which in (("bytes by kind (files)", 0), ("bytes by part of page, all HTML", 2),
                         ("inline SVG bytes by kind", 3)):
        print(f"\n{title:<24}{head}")
        keys = sorted(set().union(*(m[which] for m in measured)), key=lambda k: -measured[0][which][k])
        for key in keys:
            cells = "".join(
                f"{m[which][key] / 1e6:>20.2f} MB" + (f" ({m[1][key]:>5})" if which == 0 else " " * 8)
                for m in measured)
            print(f"{key:<24}{cells}")
        totals = "".join(f"{sum(m[which].values()) / 1e6:>20.2f} MB{' ' * 8}" for m in measured)
        print(f"{'total':<24}{totals}")


if __name__ == "__main__":
    main()
