"""Briefing bodies are untrusted Markdown; this renders them to HTML safely.

Bodies arrive by pull request, so they are rendered here with a locked-down
Python-Markdown instance rather than with the site's own Markdown settings
(which may enable ``attr_list``, ``md_in_html`` and other extensions that let
text set attributes). What this renderer guarantees:

* raw HTML, block or inline, is shown as text, never as markup;
* only ``http``/``https`` links survive (anything else keeps its text and
  loses the link); images become links to the image, so no request is made
  when a page loads;
* headings start at ``<h2>``, below the page title;
* ``[[actor-id]]`` and the first mention of each of the briefing's actors
  link to archive pages; those links are built from registry ids, never
  from the text.

The output is final HTML that page templates embed as is.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field
from html import unescape

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .urls import is_web_url

_REMOVED_BLOCK = ("html_block",)
_REMOVED_INLINE = ("html", "automail", "image_link", "image_reference", "short_image_ref")


class _Sanitise(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for element in list(parent):
                self._clean(element)

    @staticmethod
    def _clean(element: etree.Element) -> None:
        if element.tag in ("h1", "h2", "h3", "h4", "h5"):
            element.tag = f"h{int(element.tag[1]) + 1}"
        if element.tag == "a" and element.get("class") == "ba-mention":
            return  # made by this renderer from registry ids, not from the text
        if element.tag == "a":
            href = unescape(element.get("href", "")).strip()
            title = element.get("title")
            element.attrib.clear()
            if is_web_url(href):
                element.set("href", href)
                element.set("rel", "nofollow noopener")
                if title:
                    element.set("title", title)
            else:
                element.tag = "span"
        elif element.tag not in ("code", "pre", "ol") or element.tag == "ol" and element.get("start"):
            start = element.get("start") if element.tag == "ol" else None
            element.attrib.clear()
            if start and start.isdigit():
                element.set("start", start)


#: ``[[kim-jong-un]]`` or ``[[Kim Jong Un|Kim]]``: an explicit link to an actor, event or outlet.
WIKI_LINK = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")


@dataclass(frozen=True)
class BodyLinks:
    """How one briefing's body links to the archive: explicit ``[[...]]`` links and actor mentions.

    ``resolve`` maps a ``[[target]]`` to (href, label) or None; ``mentions`` finds
    (start, end, key, href) spans of actor names in a piece of text, or is None
    when the briefing opts out of automatic links.
    """

    resolve: Callable[[str], tuple[str, str] | None]
    mentions: Callable[[str], list[tuple[int, int, str, str]]] | None = None
    mention_hrefs: frozenset[str] = frozenset()  # once all are linked, stop looking


class _WikiLinks(InlineProcessor):
    def __init__(self, links: _LinkState) -> None:
        super().__init__(WIKI_LINK.pattern)
        self.links = links

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element | str, int, int]:
        target, label = m.group(1).strip(), m.group(2)
        found = self.links.current.resolve(target) if self.links.current else None
        if found is None:
            return (label or target).strip(), m.start(0), m.end(0)
        element = etree.Element("a", {"href": found[0], "class": "ba-mention"})
        element.text = AtomicString((label or found[1]).strip())
        self.links.linked.add(found[0])
        return element, m.start(0), m.end(0)


class _Mentions(Treeprocessor):
    """Link the first mention of each actor, outside links, code and headings."""

    SKIP = frozenset({"a", "code", "pre", "h2", "h3", "h4", "h5", "h6", "span"})

    def __init__(self, md: markdown.Markdown, links: _LinkState) -> None:
        super().__init__(md)
        self.links = links

    def run(self, root: etree.Element) -> None:
        if self.links.current is None or self.links.current.mentions is None:
            return
        self._walk(root)

    def _done(self) -> bool:
        current = self.links.current
        return current is not None and bool(current.mention_hrefs) and current.mention_hrefs <= self.links.linked

    def _walk(self, element: etree.Element) -> None:
        if element.tag in self.SKIP or self._done():
            return
        if element.text:
            element.text, new = self._split(element.text)
            for offset, child in enumerate(new):
                element.insert(offset, child)
        index = 0
        while index < len(element):
            child = element[index]
            self._walk(child)
            index += 1
            if child.tail:
                child.tail, new = self._split(child.tail)
                for offset, extra in enumerate(new):
                    element.insert(index + offset, extra)
                index += len(new)

    def _split(self, text: str) -> tuple[str, list[etree.Element]]:
        """Text before the first new link, and the new links (each carrying the text after it as tail)."""
        assert self.links.current is not None and self.links.current.mentions is not None
        if self._done():
            return text, []
        spans = [s for s in self.links.current.mentions(text)]
        head: str | None = None
        created: list[etree.Element] = []
        cursor = 0
        for start, end, _key, href in spans:
            if href in self.links.linked:
                continue
            self.links.linked.add(href)
            link = etree.Element("a", {"href": href, "class": "ba-mention"})
            link.text = AtomicString(text[start:end])
            if created:
                created[-1].tail = text[cursor:start]
            else:
                head = text[:start]
            created.append(link)
            cursor = end
        if not created:
            return text, []
        created[-1].tail = text[cursor:]
        return head or "", created


@dataclass
class _LinkState:
    current: BodyLinks | None = None
    linked: set[str] = field(default_factory=set)


class SafeBodyExtension(Extension):
    """Switch off raw HTML and images, and sanitise what is left."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        for name in _REMOVED_BLOCK:
            if name in md.preprocessors:
                md.preprocessors.deregister(name)
        for name in _REMOVED_INLINE:
            if name in md.inlinePatterns:
                md.inlinePatterns.deregister(name)
        md.treeprocessors.register(_Sanitise(md), "briefings_sanitise", 0)
        md.inlinePatterns.register(_WikiLinks(self.links), "briefings_wiki_link", 175)
        md.treeprocessors.register(_Mentions(md, self.links), "briefings_mentions", 5)

    def __init__(self) -> None:
        super().__init__()
        self.links = _LinkState()


class BodyRenderer:
    """Reusable renderer (building a Markdown instance costs more than rendering a body)."""

    def __init__(self) -> None:
        self._extension = SafeBodyExtension()
        self._md = markdown.Markdown(extensions=[self._extension, "sane_lists"], output_format="html")

    def render(self, text: str, links: BodyLinks | None = None) -> str:
        self._md.reset()
        self._extension.links.current = links
        self._extension.links.linked = set()
        try:
            return fold_blank_lines(self._md.convert(text))
        finally:
            self._extension.links.current = None


def fold_blank_lines(html_text: str) -> str:
    """Keep every line non-blank (blank lines occur only inside ``<pre>``) without changing the text.

    A blank line ends an HTML block in Markdown, so a body embedded in a page
    must not contain one; ``&#10;`` is the same newline as a character reference.
    """
    out: list[str] = []
    for line in html_text.split("\n"):
        if out and not line.strip():
            out[-1] += "&#10;" + line
        else:
            out.append(line)
    return "\n".join(out)


def render_body(text: str) -> str:
    return BodyRenderer().render(text)
