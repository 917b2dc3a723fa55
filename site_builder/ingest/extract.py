"""Ingest stage 2, *extract*: raw page or pasted text -> an :class:`Article` (title, paragraphs, hints).

HTML goes through trafilatura (main text, metadata) and htmldate (dates); we
only read the page's own structured metadata (JSON-LD, OpenGraph) to prefer the
headline a reader sees. We never hand-write an HTML boilerplate remover.

Plain text (and trafilatura's output) is cleaned line by line of what news
sites and copy-paste leave: breadcrumbs, photo captions, share buttons,
WordPress-feed footers, and the outlet-specific lines listed under
``boilerplate`` in outlets.yml. Dropped lines are kept in ``Article.captions``
/ ``Article.removed`` so later stages can still read dates and names in them.

Pure: no file or network I/O, no registry lookups beyond the patterns passed in.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..safe_regex import LinePattern, compile_pattern

#: Generic lines every outlet's copy-paste may carry (outlet-specific ones live in outlets.yml).
GENERIC_BOILERPLATE: tuple[str, ...] = (
    r"^share(?: this)?(?: article| story| post)?:?$",
    r"^(?:click|tap) here to (?:share|subscribe|read more).*$",
    r"^(?:follow|like) us on\b.{0,60}$",
    (r"^(?:advertisement|sponsored|related(?: articles| stories| news)?|read more|listen to this article)"
     r"(?:\s*[:\-].{0,40})?$"),
    r"^(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+/?$",  # bare web address
    r"^(?:subscribe|sign up) (?:to|for) (?:our|the) .{0,60}$",
    r"^(?:copyright|©).{0,120}$",
)
_WORDPRESS_FOOTER = re.compile(r"\s*The post (?P<title>.+?) appeared first on (?P<outlet>[^\n]+?)\.?\s*$",
                               re.DOTALL)
_BREADCRUMB = re.compile(r"^(?P<crumbs>[A-Z][\w&'’ .-]{0,30}(?:\s*[/›»>|]\s*[A-Z][\w&'’ .-]{0,30}){1,4})$")
_CAPTION = re.compile(
    r"(?:\((?:photo|photograph|image|picture|file photo|file)(?:\s*(?:by|:|/|credit:?))?[^)]{0,80}\)\s*$"
    r"|\[(?:photo|image|file)[^\]]{0,80}\]\s*$"
    r"|^(?:photo|image|picture|credit|photograph)s?\s*(?:by|:)\s*\S.{0,80}$"
    r"|\((?:AFP|AP|Reuters|EPA|Getty Images|Xinhua|KCNA via [^)]{1,30})(?:/[^)]{1,40})?\)\s*$)",
    re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")


@dataclass
class Article:
    """What extraction found; every field may be missing and later stages decide what to do."""

    paragraphs: list[str]
    title: str | None = None
    title_source: str | None = None  # "json-ld", "opengraph", "html", "footer", "first line"
    section: str | None = None
    date: str | None = None  # ISO date from page metadata
    date_source: str | None = None
    site_name: str | None = None
    footer_outlet: str | None = None
    author: str | None = None
    url: str | None = None
    captions: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    outlet_hits: list[str] = field(default_factory=list)  # outlet ids whose boilerplate matched

    @property
    def all_text(self) -> str:
        """Body plus captions: names and dates in a caption still count."""
        return "\n\n".join([*self.captions, *self.paragraphs])


@dataclass(frozen=True)
class Boilerplate:
    """Compiled line patterns; ``outlet`` is None for generic ones."""

    pattern: LinePattern
    outlet: str | None = None


def compile_boilerplate(outlet_patterns: Iterable[tuple[str, str]]) -> tuple[list[Boilerplate], list[str]]:
    """Compile generic plus ``(outlet_id, regex)`` patterns; return them and any that do not compile.

    The generic patterns are the package's own; outlets' patterns come from contributors and are
    compiled with RE2 (:mod:`site_builder.safe_regex`), so no pattern can make a line take
    longer than linear time.
    """
    compiled: list[Boilerplate] = [Boilerplate(re.compile(p, re.IGNORECASE)) for p in GENERIC_BOILERPLATE]
    bad: list[str] = []
    for outlet, pattern in outlet_patterns:
        try:
            compiled.append(Boilerplate(compile_pattern(pattern), outlet))
        except ValueError as exc:
            bad.append(f"outlet '{outlet}': boilerplate pattern {pattern!r} is {exc}")
    return compiled, bad


def _clean_line(line: str) -> str:
    return re.sub(r"[ \t\u00a0\u200b]+", " ", line).strip()


def clean_text(text: str, boilerplate: list[Boilerplate]) -> Article:
    """Split pasted article text into title, section, paragraphs and dropped lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    article = Article(paragraphs=[])
    footer = _WORDPRESS_FOOTER.search(text)
    if footer and "\n" not in footer.group("title").strip() and len(footer.group("outlet")) < 60:
        article.title = _clean_line(footer.group("title"))
        article.title_source = "footer"
        article.footer_outlet = _clean_line(footer.group("outlet")).rstrip(".")
        article.removed.append(_clean_line(footer.group(0)))
        text = text[: footer.start()]
    lines = [_clean_line(line) for line in text.split("\n")]
    kept: list[str] = []
    for line in lines:
        if not line:
            kept.append("")
            continue
        markdown_heading = re.match(r"^#{1,6}\s+(.+?)\s*#*$", line)
        if markdown_heading and article.title is None and not any(kept):
            article.title, article.title_source = markdown_heading.group(1), "heading"
            continue
        hit = next((b for b in boilerplate if b.pattern.search(line)), None)
        if hit is not None:
            article.removed.append(line)
            if hit.outlet and hit.outlet not in article.outlet_hits:
                article.outlet_hits.append(hit.outlet)
            continue
        crumbs = _BREADCRUMB.match(line)
        if crumbs and not any(kept) and not _SENTENCE_END.search(line):
            parts = [p.strip() for p in re.split(r"\s*[/›»>|]\s*", line) if p.strip()]
            article.section = parts[-1]
            article.removed.append(line)
            continue
        if _CAPTION.search(line) and len(line) < 400:
            article.captions.append(line)
            continue
        kept.append(line)
    blocks = _blocks(kept)
    if article.title is None and len(blocks) > 1 and _looks_like_headline(blocks[0]):
        article.title, article.title_source = blocks.pop(0), "first line"
    article.paragraphs = [b for b in blocks if b != article.title]
    return article


def _blocks(lines: list[str]) -> list[str]:
    """Paragraphs: blank lines separate them; in text with no blank lines, every line is one."""
    has_blank = any(not line for line in lines) and sum(1 for line in lines if line) > 1
    if not has_blank or all(_SENTENCE_END.search(line) or len(line) < 80 for line in lines if line):
        return [line for line in lines if line]
    out: list[str] = []
    current: list[str] = []
    for line in lines + [""]:
        if line:
            current.append(line)
        elif current:
            out.append(" ".join(current))
            current = []
    return out


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 25 and not line.endswith((".", ":", ";", ",")) and line[0].isupper() \
        or (2 <= len(words) <= 25 and line.endswith("?") and line[0].isupper())


# --------------------------------------------------------------------------- HTML


def _json_ld(tree: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "null")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                found.append(item)
                if "@graph" in item:
                    stack.append(item["@graph"])
    return found


def _meta(tree: Any, *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            values = tree.xpath(f'//meta[@{attr}="{name}"]/@content')
            if values and str(values[0]).strip():
                return str(values[0]).strip()
    return None


def strip_site_suffix(title: str, site_names: Iterable[str]) -> str:
    """Drop a " - Outlet" / " | Outlet" suffix (or prefix) naming the site.

    A part is the site's name when it equals (ignoring case and punctuation) or starts with
    a known name; a short last part after " | " is dropped even when the site is unknown,
    since pipes almost never occur inside headlines.
    """
    def squeeze(value: str) -> str:
        return re.sub(r"[\W_]", "", value.lower())

    names = {squeeze(n) for n in site_names if n and squeeze(n)}
    separator = r"\s+[|\-–—•·»:]\s+"
    parts = re.split(separator, title.strip())
    if len(parts) == 1:
        return title.strip()

    def is_site(part: str) -> bool:
        low = squeeze(part)
        return bool(low) and len(part.split()) <= 6 and any(low == n or low.startswith(n) for n in names)

    first, last = 0, len(parts)
    while last - first > 1 and is_site(parts[last - 1]):
        last -= 1
    while last - first > 1 and is_site(parts[first]):
        first += 1
    if last == len(parts) and " | " in title and len(parts[-1].split()) <= 4 and last - first > 1:
        last -= 1
    kept = parts[first:last]
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end].strip()


def extract_html(html: str, url: str | None, boilerplate: list[Boilerplate],
                 known_site_names: Iterable[str] = ()) -> Article:
    """Main text and metadata of a news page."""
    import lxml.html
    import trafilatura
    from htmldate import find_date

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False)
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        tree = None
    ld_headline = ld_date = ld_site = ld_author = ld_section = None
    if tree is not None:
        for item in _json_ld(tree):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(str(k).endswith(("Article", "NewsArticle", "BlogPosting", "Report")) for k in kinds):
                ld_headline = ld_headline or _str(item.get("headline") or item.get("name"))
                ld_date = ld_date or _str(item.get("datePublished") or item.get("dateCreated"))
                publisher = item.get("publisher")
                if isinstance(publisher, dict):
                    ld_site = ld_site or _str(publisher.get("name"))
                author = item.get("author")
                if isinstance(author, list) and author:
                    author = author[0]
                ld_author = ld_author or _str(author.get("name") if isinstance(author, dict) else author)
                ld_section = ld_section or _str(item.get("articleSection"))
            elif any(str(k) in ("WebSite", "Organization", "NewsMediaOrganization") for k in kinds):
                ld_site = ld_site or _str(item.get("name"))
    og_title = _meta(tree, "og:title", "twitter:title") if tree is not None else None
    og_site = _meta(tree, "og:site_name", "application-name") if tree is not None else None
    og_section = _meta(tree, "article:section") if tree is not None else None
    canonical = None
    if tree is not None:
        links = tree.xpath('//link[@rel="canonical"]/@href') + tree.xpath('//meta[@property="og:url"]/@content')
        canonical = next((str(h).strip() for h in links if str(h).startswith(("http://", "https://"))), None)
    site = ld_site or og_site or (getattr(doc, "sitename", None) if doc is not None else None)

    article = clean_text(text, boilerplate)
    article.paragraphs = [p for p in article.paragraphs if p]
    article.site_name = site
    article.url = canonical or (getattr(doc, "url", None) if doc is not None else None) or url
    article.author = ld_author or (getattr(doc, "author", None) if doc is not None else None)
    article.section = ld_section or og_section or article.section
    names = [n for n in (site, *known_site_names) if n]
    for candidate, source in ((ld_headline, "json-ld"), (og_title, "opengraph"),
                              (getattr(doc, "title", None) if doc is not None else None, "html")):
        if candidate and candidate.strip():
            article.title, article.title_source = strip_site_suffix(candidate.strip(), names), source
            break
    if article.paragraphs and article.title and article.paragraphs[0].strip() == article.title:
        article.paragraphs.pop(0)
    iso = _iso(ld_date)
    if iso:
        article.date, article.date_source = iso, "page metadata (JSON-LD)"
    else:
        found = find_date(
            html, url=url, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
        if found:
            article.date, article.date_source = found, "page metadata"
    return article


def _str(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _iso(value: str | None) -> str | None:
    if value and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    return None
