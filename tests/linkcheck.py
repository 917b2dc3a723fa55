"""A small link checker for a built site: every internal href/src resolves, and so does every #anchor."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name"):
                self.ids.add(value)
            elif name in ("href", "src") and tag not in ("base",):
                self.links.append(value)


def _target(site: Path, page: Path, link: str) -> Path | None:
    path = unquote(link)
    resolved = (
        (page.parent / path).resolve() if not path.startswith("/") else (site / path.lstrip("/")).resolve()
    )
    if resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved


def broken_links(site: Path) -> list[str]:
    """``page: link`` for every internal link or anchor that does not resolve."""
    site = site.resolve()
    pages: dict[Path, _Collector] = {}
    for page in sorted(site.rglob("*.html")):
        collector = _Collector()
        collector.feed(page.read_text(encoding="utf-8"))
        pages[page] = collector
    broken = []
    for page, collector in pages.items():
        for link in collector.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:")):
                continue
            url, fragment = urldefrag(link)
            url = urlsplit(url).path  # a query (search/?actor=…) names the page without it
            target = _target(site, page, url) if url else page
            if target is None or not target.exists() or site not in target.parents:
                broken.append(f"{page.relative_to(site)}: {link}")
                continue
            if fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else set()
                if fragment not in ids:
                    broken.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    return broken
