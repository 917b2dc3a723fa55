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

from site_builder.authoring.ingest import edges, headline
from site_builder.authoring.ingest.headline import strip_site_suffix  # noqa: F401 (part of this module's interface)
from site_builder.authoring.ingest.sentences import ABBREVIATED, split_sentences
from site_builder.core.safe_regex import LinePattern, compile_pattern

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


@dataclass
class Article:
    """What extraction found; every field may be missing and later stages decide what to do."""

    paragraphs: list[str]
    title: str | None = None
    title_source: str | None = None  # "json-ld", "opengraph", "page headline", "html", "footer", "first line"
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
    live_blog: bool = False  # a page of timestamped updates: the briefing needs only some of them
    summary_box: str | None = None  # a live blog's own summary (the page's description)
    abstract: str | None = None  # the summary a news database's export gives under "ABSTRACT"
    title_line: str | None = None  # the first line as written, when it was taken for the title

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
    compiled with RE2 (:mod:`site_builder.core.safe_regex`), so no pattern can make a line take
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
        article.title = headline.unescape(_clean_line(footer.group("title")))  # feeds escape entities
        article.title_source = "footer"
        article.footer_outlet = headline.unescape(_clean_line(footer.group("outlet"))).rstrip(".")
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
        if crumbs and not any(kept) and not edges.SENTENCE_END.search(line):
            parts = [p.strip() for p in re.split(r"\s*[/›»>|]\s*", line) if p.strip()]
            article.section = parts[-1]
            article.removed.append(line)
            continue
        if _CAPTION.search(line) and len(line) < 400:
            article.captions.append(line)
            continue
        kept.append(line)
    blocks = _export_sections(_blocks(kept), article)
    if article.title is None and len(blocks) > 1 and _looks_like_headline(blocks[0], blocks[1]):
        article.title_line = blocks.pop(0)
        article.title, article.title_source = article.title_line, "first line"
        if article.title.endswith(";") or article.title.endswith(".") and \
                not ABBREVIATED.search(article.title):
            article.title = article.title[:-1]
    article.paragraphs = [b for b in blocks if b != article.title]
    return article


#: The labels a news database's export puts between a story's parts: "ABSTRACT." before the
#: publisher's own summary, "FULL TEXT." before the article. Capitals only, alone on a line.
_ABSTRACT_LABEL = re.compile(r"^(?:ABSTRACT|SUMMARY|HIGHLIGHTS)\s*[.:]?$")
_TEXT_LABEL = re.compile(r"^(?:FULL TEXT|TEXT|BODY|ARTICLE)\s*[.:]?$")
#: "Headline; Section." as such an export's first line gives them.
_HEADLINE_SECTION = re.compile(r"^(?P<title>[^;]{8,200});\s+(?P<section>[A-Z][^;.]{0,40})\.?$")


def _export_sections(blocks: list[str], article: Article) -> list[str]:
    """Blocks without an export's labels; its abstract goes to ``article.abstract``.

    Only an "ABSTRACT" label followed, within a few blocks, by a "FULL TEXT" label counts: the
    blocks between are the abstract, and the first block, when it reads "Headline; Section.",
    gives the title and section. Text without both labels is returned unchanged.
    """
    head = blocks[:8]
    start = next((k for k, b in enumerate(head) if _ABSTRACT_LABEL.match(b)), None)
    if start is None:
        return blocks
    end = next((k for k in range(start + 1, len(head)) if _TEXT_LABEL.match(head[k])), None)
    if end is None:
        return blocks
    abstract = " ".join(blocks[start + 1:end]).strip()
    article.abstract = abstract or None
    before = blocks[:start]
    if before and article.title is None:
        joined = 2 if len(before) > 1 and before[0].endswith(";") else 1  # one line each, or one block
        match = _HEADLINE_SECTION.match(" ".join(before[:joined]))
        if match:
            article.title, article.title_source = match.group("title").strip(), "first line"
            article.section = article.section or match.group("section").strip()
            before = before[joined:]
    return [*before, *blocks[end + 1:]]


def _blocks(lines: list[str]) -> list[str]:
    """Paragraphs: blank lines separate them; in text with no blank lines, every line is one."""
    has_blank = any(not line for line in lines) and sum(1 for line in lines if line) > 1
    if not has_blank or all(edges.SENTENCE_END.search(line) or len(line) < 80 for line in lines if line):
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


def _looks_like_headline(line: str, following: str) -> bool:
    """A first line that reads as a headline: short, capitalised, no closing punctuation.

    Some archives' exports end every headline with a full stop (or a semicolon). Such a line is
    still a headline when the paragraph after it is longer and the line is one short sentence, or
    in title case ("Bernie Sanders Suffered A Big Blow. Here's His Plan Going Forward."): a one-line
    lede is rarely followed by a longer paragraph, and a headline nearly always is.
    """
    words = line.split()
    if not (2 <= len(words) <= 25 and _HEADLINE_START.match(line)):
        return False
    if not line.endswith((".", ":", ";", ",")):
        return True
    if line.endswith(("..", ":", ",")) or len(words) > 20:
        return False
    if _title_case(words):
        return True
    return len(following.split()) > len(words) and len(split_sentences(line)) == 1


#: How a headline may start: a capital, a digit ("10 Things to Know"), a quotation mark or a hashtag.
_HEADLINE_START = re.compile(r"^[\"“‘'(#]?[A-Z0-9]")


def _title_case(words: list[str]) -> bool:
    """Most words of four letters or more are capitalised, as in a headline and never in a lede."""
    long = [w.strip("\"“”‘’'()") for w in words if len(w.strip("\"“”‘’'()")) >= 4]
    return len(long) >= 3 and sum(w[:1].isupper() for w in long) >= 0.8 * len(long)


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


@dataclass
class PageMeta:
    """What a page says about itself in JSON-LD, OpenGraph and <head>; entities already decoded."""

    ld: dict[str, str] = field(default_factory=dict)  # headline, date, site, author, section, body
    ld_types: set[str] = field(default_factory=set)
    og_title: str | None = None
    twitter_title: str | None = None
    head_title: str | None = None
    og_site: str | None = None
    og_section: str | None = None
    og_type: str | None = None
    canonical: str | None = None
    description: str | None = None  # JSON-LD, OpenGraph or <meta name=description>


def page_meta(tree: Any) -> PageMeta:
    """Read the page's structured metadata; the first news-article item in JSON-LD wins."""
    meta = PageMeta()
    for item in _json_ld(tree):
        kind = item.get("@type")
        kinds = [str(k) for k in (kind if isinstance(kind, list) else [kind])]
        meta.ld_types.update(kinds)
        if any(k.endswith(("Article", "NewsArticle", "BlogPosting", "Report")) for k in kinds):
            publisher = item.get("publisher")
            author = item.get("author")
            if isinstance(author, list) and author:
                author = author[0]
            section = item.get("articleSection")
            if isinstance(section, list) and section:
                section = section[0]
            found = {
                "headline": _text(item.get("headline") or item.get("name")),
                "date": _str(item.get("datePublished") or item.get("dateCreated")),
                "site": _text(publisher.get("name")) if isinstance(publisher, dict) else None,
                "author": _text(author.get("name") if isinstance(author, dict) else author),
                "section": _text(section),
                "body": _str(item.get("articleBody")),
                "description": _text(item.get("description")),
            }
        elif any(k in ("WebSite", "Organization", "NewsMediaOrganization") for k in kinds):
            found = {"site": _text(item.get("name"))}
        else:
            continue
        for key, value in found.items():  # the first item that has a value wins
            if value and key not in meta.ld:
                meta.ld[key] = value
    meta.og_title = _text(_meta(tree, "og:title"))
    meta.twitter_title = _text(_meta(tree, "twitter:title"))
    meta.head_title = _text(" ".join(tree.xpath("//head/title//text()")) or None)
    meta.og_site = _text(_meta(tree, "og:site_name", "application-name"))
    meta.og_section = _text(_meta(tree, "article:section"))
    meta.og_type = _text(_meta(tree, "og:type"))
    meta.description = meta.ld.get("description") or _text(_meta(tree, "og:description", "description"))
    links = tree.xpath('//link[@rel="canonical"]/@href') + tree.xpath('//meta[@property="og:url"]/@content')
    meta.canonical = next((str(h).strip() for h in links if str(h).startswith(("http://", "https://"))), None)
    return meta


def _domain_names(url: str | None) -> list[str]:
    """Names a site's domain suggests for suffix stripping.

    For example "novuslight.com" -> "novuslight.com", "novuslight".
    """
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").lower() if url else ""
    host = host.removeprefix("www.")
    if not host:
        return []
    labels = host.split(".")
    label = labels[-3] if len(labels) >= 3 and len(labels[-2]) <= 3 and len(labels[-1]) == 2 else \
        labels[-2] if len(labels) >= 2 else labels[0]
    return [host, label] if len(label) >= 4 else [host]


def extract_html(html: str, url: str | None, boilerplate: list[Boilerplate],
                 known_site_names: Iterable[str] = ()) -> Article:
    """Main text and metadata of a news page."""
    import lxml.html
    import trafilatura

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        tree = None
    # One parse serves both: trafilatura works on its own copy of the tree.
    doc = trafilatura.bare_extraction(
        tree if tree is not None else html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        fast=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    meta = page_meta(tree) if tree is not None else PageMeta()
    doc_site = _text(getattr(doc, "sitename", None) if doc is not None else None)
    site = meta.ld.get("site") or meta.og_site or doc_site

    article = clean_text(text, boilerplate)
    article.paragraphs = [p for p in article.paragraphs if p]
    article.site_name = site
    article.url = meta.canonical or (getattr(doc, "url", None) if doc is not None else None) or url
    article.author = meta.ld.get("author") or _text(getattr(doc, "author", None) if doc is not None else None)
    article.section = meta.ld.get("section") or meta.og_section or article.section
    names = [n for n in (site, meta.og_site, meta.ld.get("site"), *_domain_names(article.url or url),
                         *known_site_names) if n]
    headings = headline.visible_headings(tree, names) if tree is not None else []
    choice = headline.choose_title(
        headings,
        [(meta.ld.get("headline"), "json-ld"), (meta.og_title, "opengraph"),
         (meta.twitter_title, "opengraph"),
         (getattr(doc, "title", None) if doc is not None else None, "html"), (meta.head_title, "html")],
        names)
    if choice is not None:
        if article.title_source == "first line" and article.title_line:
            article.paragraphs.insert(0, article.title_line)  # not the headline after all: it is text
        article.title, article.title_source = choice.title, choice.source
    article.live_blog = is_live_blog(meta, article.paragraphs)
    article.summary_box = meta.description if article.live_blog else None
    article.paragraphs = reconcile_with_page_body(article.paragraphs, meta.ld.get("body"))
    article.paragraphs, dropped = edges.trim_leading(article.paragraphs, article.title)
    article.removed.extend(dropped)
    article.paragraphs, dropped = edges.trim_trailing(article.paragraphs)
    article.removed.extend(dropped)
    article.date, article.date_source = _page_date(html, url, meta, tree)
    return article


def _page_date(html: str, url: str | None, meta: PageMeta, tree: Any) -> tuple[str | None, str | None]:
    """The article's day: JSON-LD ``datePublished``, else what htmldate finds.

    When the two disagree and the page shows htmldate's day to the reader but not the
    JSON-LD one (a guide republished with a new visible date), the visible day wins.
    """
    from htmldate import find_date

    iso = _iso(meta.ld.get("date"))
    text = visible_text(tree) if iso and tree is not None else ""
    if iso and _shows_day(text, iso):
        return iso, "page metadata (JSON-LD)"  # the reader sees it too: nothing to weigh it against
    found = find_date(html, url=url, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    if iso and found and found != iso and _shows_day(text, found):
        return found, "the date shown on the page"
    if iso:
        return iso, "page metadata (JSON-LD)"
    return (found, "page metadata") if found else (None, None)


def visible_text(tree: Any) -> str:
    """The page body's text as a reader sees it (no scripts or styles), lower case, spaces squeezed."""
    nodes = tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style) "
                       "and not(ancestor::noscript)]")
    return " ".join(" ".join(str(n) for n in nodes).split()).casefold()


def _shows_day(text: str, iso: str) -> bool:
    """Does ``text`` (from :func:`visible_text`) spell out this day in a common English or numeric form?"""
    import datetime as dt

    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return False
    month, short = day.strftime("%B").casefold(), day.strftime("%b").casefold()
    forms = (
        f"{month} {day.day}, {day.year}",
        f"{short} {day.day}, {day.year}",
        f"{short}. {day.day}, {day.year}",
        f"{day.day} {month} {day.year}",
        f"{day.day} {short} {day.year}",
        f"{day.month}/{day.day}/{day.year}",
        f"{day.month:02d}/{day.day:02d}/{day.year}",
        f"{day.day:02d}.{day.month:02d}.{day.year}",
        f"{day.day}.{day.month}.{day.year}",
    )
    return any(form in text for form in forms)


#: A live blog's entries start with a time: "10:32 GMT", "2.15pm", "3:05 p.m. ET", "12 mins ago".
_ENTRY_TIME = re.compile(
    r"^(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?|\d{1,3}\s*(?:m|mins?|minutes?|h|hrs?|hours?)"
    r" ago)(?:\s*(?:GMT|UTC|BST|CET|CEST|EET|EST|EDT|ET|CT|PT|PST|PDT|IST|JST|AEDT|AEST|local time))?"
    r"(?:$|\s*[-–—:|]\s|\s+[A-Z])", re.IGNORECASE)
#: Entries with a leading time that make a page a live blog even without JSON-LD saying so.
LIVE_ENTRIES = 6


def is_live_blog(meta: PageMeta, paragraphs: list[str]) -> bool:
    """A page of timestamped updates: JSON-LD ``LiveBlogPosting``, or many paragraphs led by a time.

    A live blog's extracted text runs many reports together, so ingest must ask which
    entries belong to the briefing rather than take it whole.
    """
    if any(k.casefold() == "liveblogposting" for k in meta.ld_types):
        return True
    if meta.og_type and "live" in meta.og_type.casefold():
        return True
    return sum(1 for p in paragraphs if len(p.split()) <= 40 and _ENTRY_TIME.match(p)) >= LIVE_ENTRIES


def _words3(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())
    return {tuple(words[i:i + 3]) for i in range(max(0, len(words) - 2))}


#: Fewest words of a JSON-LD articleBody we trust as the article's full text.
PAGE_BODY_MIN_WORDS = 80


def reconcile_with_page_body(paragraphs: list[str], page_body: str | None) -> list[str]:
    """Check the extracted text against the page's own JSON-LD ``articleBody``.

    The publisher's articleBody is the article without the page around it, but is often
    cut short or unformatted, so it only corrects the extractor: when the extractor found
    mostly other text (a comment thread, a teaser grid) its paragraphs are filtered to
    those the articleBody contains, and when it missed the article it is replaced.
    """
    if not page_body:
        return paragraphs
    body = headline.unescape(re.sub(r"<[^>]+>", " ", page_body))
    body_words = re.findall(r"\w+", body.casefold())
    if len(body_words) < PAGE_BODY_MIN_WORDS:
        return paragraphs
    body_grams = _words3(body)
    got_grams = _words3("\n".join(paragraphs))
    if not got_grams:
        return paragraphs
    shared = len(got_grams & body_grams)
    recall, precision = shared / max(1, len(body_grams)), shared / len(got_grams)
    if recall < 0.3:
        parts = [_clean_line(p) for p in re.split(r"\n\s*\n|\n", page_body) if _clean_line(p)]
        parts = [headline.unescape(re.sub(r"<[^>]+>", " ", p)) for p in parts]
        return [p for p in parts if p] or paragraphs
    if recall >= 0.7 and precision < 0.35:
        kept = [p for p in paragraphs if not _words3(p) or
                len(_words3(p) & body_grams) >= 0.5 * len(_words3(p))]
        return kept or paragraphs
    return paragraphs


def _str(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _text(value: Any) -> str | None:
    """A metadata string with HTML entities decoded (CMSes often escape them, sometimes twice)."""
    return headline.unescape(value) or None if isinstance(value, str) and value.strip() else None


def _iso(value: str | None) -> str | None:
    if value and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    return None
