"""Ingest: which of a page's titles is the headline a reader sees. Pure.

A news page names its article several times: the JSON-LD ``headline``, ``og:title``,
``twitter:title``, ``<title>`` and the visible ``<h1>``. The metadata ones are written
for search engines and social cards: often reworded, cut short with "...", carrying
the site's name, or HTML-escaped twice. The ``<h1>`` is what the reader sees, but a
page may have several (a logo, a section name, a related story). So we take the
``<h1>`` that agrees best with the metadata; a lone plausible ``<h1>`` wins even when
the metadata says something else; and only without one do we fall back to the
metadata titles, cleaned of entities, site names and truncation.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

#: How much of the shorter title's words the other must share to count as the same headline.
AGREEMENT = 0.6
#: Longest plausible headline, in words (longer "h1"s are whole teasers or mis-tagged paragraphs).
MAX_WORDS = 40
#: Class names (or data attributes) of labels a CMS puts inside the h1: "Opinion", "Live", a kicker.
_LABEL = re.compile(r"prefix|kicker|label|eyebrow|rubric|flag|badge|category|overline|tag\b|sr-only|"
                    r"visually-hidden|screen-reader", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s+[|\-–—•·»:]\s+")
_ELLIPSIS = re.compile(r"(?:\.\.\.|…)\s*$")


class Choice(NamedTuple):
    """The chosen headline and where it came from ("json-ld", "opengraph", "page headline", ...)."""

    title: str
    source: str


def unescape(text: str) -> str:
    """Decode HTML entities, also when a CMS escaped them twice (``&amp;#8217;``), and tidy spaces."""
    for _ in range(3):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def squeeze(value: str) -> str:
    """Letters and digits only, lower case: for comparing names that differ in spacing or punctuation."""
    return re.sub(r"[\W_]", "", value.casefold())


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def agreement(a: str, b: str) -> float:
    """Share of the shorter title's distinct words that the other one also uses (0..1)."""
    wa, wb = set(_words(a)), set(_words(b))
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def strip_site_suffix(title: str, site_names: Iterable[str]) -> str:
    """Drop a " - Outlet" / " | Outlet" suffix (or prefix) naming the site, and what follows it.

    A part is the site's name when it equals (ignoring case and punctuation) or starts with
    a known name; everything from the first such part on is dropped ("Headline - Site -
    Tagline"). A short last part after " | " is dropped even when the site is unknown,
    since pipes almost never occur inside headlines ("Headline | Opinion").
    """
    names = {squeeze(n) for n in site_names if n and len(squeeze(n)) >= 3}
    parts = _SEPARATOR.split(title.strip())
    if len(parts) == 1:
        return title.strip()

    def is_site(part: str) -> bool:
        low = squeeze(part)
        return bool(low) and len(part.split()) <= 6 and any(low == n or low.startswith(n) for n in names)

    first, last = 0, len(parts)
    cut = next((i for i in range(1, len(parts)) if is_site(parts[i])), None)
    if cut is not None:
        last = cut
    while last - first > 1 and is_site(parts[first]):
        first += 1
    if last == len(parts) and " | " in title and len(parts[-1].split()) <= 4 and last - first > 1:
        last -= 1
    kept = parts[first:last]
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end].strip()


def _section_label_removed(title: str) -> str:
    """"Opinion | Headline | Editorial" -> "Headline": pipes around short labels in a visible heading."""
    parts = [p.strip() for p in title.split(" | ")]
    if len(parts) == 1:
        return title
    longest = max(parts, key=len)
    if all(p is longest or len(p.split()) <= 3 for p in parts):
        return longest
    return title


def heading_text(element: Any) -> str:
    """Visible text of a heading element, without the labels some CMSes nest inside it."""
    pieces: list[str] = []

    def walk(node: Any) -> None:
        if not isinstance(
            node.tag, str
        ):  # a comment or processing instruction: its tail is added by the parent
            return
        tag = node.tag
        if tag in ("script", "style", "noscript", "svg", "button", "template"):
            return
        marks = " ".join(str(node.get(a) or "") for a in ("class", "data-qa", "data-testid", "aria-hidden"))
        if node is not element and (_LABEL.search(marks) or node.get("aria-hidden") == "true"):
            return
        if tag == "br":
            pieces.append(" ")
        pieces.append(node.text or "")
        for child in node:
            walk(child)
            pieces.append(child.tail or "")

    walk(element)
    return unescape("".join(pieces))


def _in_page_chrome(element: Any) -> bool:
    """True for headings inside the site's header, navigation, footer or a sidebar (logos, menus)."""
    for ancestor in element.iterancestors():
        tag = ancestor.tag if isinstance(ancestor.tag, str) else ""
        if tag in ("nav", "footer", "aside"):
            return True
        # the page's banner (it holds the menu or the logo); the <header> of an article, or one inside
        # <main>, holds the headline
        if tag == "header" and not any(a.tag in ("article", "main") for a in ancestor.iterancestors()) and \
                (ancestor.xpath(".//nav") or ancestor.xpath(".//*[contains(@class, 'logo')]")):
            return True
    return False


def visible_headings(tree: Any, site_names: Sequence[str]) -> list[str]:
    """Texts of the page's plausible headline ``<h1>``s, in page order (logos and labels left out)."""
    names = {squeeze(n) for n in site_names if n}
    found: list[str] = []
    for element in tree.iter("h1"):
        if _in_page_chrome(element):
            continue
        text = _section_label_removed(heading_text(element))
        text = strip_site_suffix(text, site_names)
        low = squeeze(text)
        if not low or low in names or "logo" in text.casefold().split():
            continue
        if not 2 <= len(text.split()) <= MAX_WORDS or text in found:
            continue
        found.append(text)
    return found


def _truncated(title: str, others: Iterable[str]) -> bool:
    """A social title cut short ("... just weeks before...") when a longer one exists."""
    if not _ELLIPSIS.search(title):
        return False
    stem = _ELLIPSIS.sub("", title).strip()
    return any(len(o) > len(stem) and not _ELLIPSIS.search(o) for o in others)


def choose_title(headings: Sequence[str], metadata: Sequence[tuple[str | None, str]],
                 site_names: Sequence[str]) -> Choice | None:
    """The headline a reader sees, given the page's ``<h1>`` texts and ``(title, source)`` metadata.

    ``metadata`` is in order of trust (JSON-LD headline first). The result's source is the
    metadata's when the heading and it say the same, else "page headline".
    """
    meta = [(strip_site_suffix(unescape(t), site_names), s) for t, s in metadata if t and unescape(t)]
    meta = [(t, s) for t, s in meta if t]
    meta_titles = [t for t, _ in meta]
    scored = [
        (max((agreement(h, t) for t in meta_titles), default=0.0), -i, h) for i, h in enumerate(headings)
    ]
    best = max(scored, default=None)
    heading: str | None = None
    if best and best[0] >= AGREEMENT:
        heading = best[2]
    elif len(headings) == 1 and len(headings[0].split()) >= 3:
        heading = headings[0]  # the page shows one headline: trust it over reworded metadata
    if heading is not None:
        same = next((s for t, s in meta if squeeze(t) == squeeze(heading)), None)
        return Choice(heading, same or "page headline")
    complete = [(t, s) for t, s in meta if not _truncated(t, meta_titles)]
    if complete:
        return Choice(*complete[0])
    return Choice(*meta[0]) if meta else None
