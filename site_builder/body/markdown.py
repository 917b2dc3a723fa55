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
  from the text;
* time grows linearly with the body, whatever it holds. Python-Markdown
  scans from every ``[`` to its matching ``]`` and from every ``](`` to its
  ``)``, to the end of the paragraph when there is none, so a paragraph of
  ``[`` takes quadratic time. Here a link text may span at most
  :data:`MAX_LINK_TEXT` characters and :data:`MAX_LINK_DEPTH` nested
  brackets, a destination at most :data:`MAX_LINK_DESTINATION` characters and
  :data:`MAX_LINK_PARENS` parentheses; beyond that the brackets stay text.
  Python-Markdown also copies a paragraph once per inline match, so a body
  longer than :data:`PART_THRESHOLD` is rendered in parts of about
  :data:`PART_SIZE` characters, cut at blank lines where it can be (a
  reference link then works only within its part). Bodies below the
  threshold, every real article, render exactly as before.

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
from markdown.inlinepatterns import (
    LINK_RE,
    REFERENCE_RE,
    InlineProcessor,
    LinkInlineProcessor,
    ReferenceInlineProcessor,
    ShortReferenceInlineProcessor,
)
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from site_builder.core.urls import is_web_url

#: Longest link text, in characters, and deepest nesting of brackets inside it.
MAX_LINK_TEXT = 2_000
MAX_LINK_DEPTH = 4
#: Longest link destination (with its title), and most parentheses in it (the opening one included).
MAX_LINK_DESTINATION = 2_100
MAX_LINK_PARENS = 8
#: Bodies longer than this are rendered in parts of about PART_SIZE characters.
PART_THRESHOLD = 64_000
PART_SIZE = 16_000

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


_BRACKET = re.compile(r"[\[\]]")
#: MAX_LINK_DEPTH more "[" before any "]": too deep, answered by one match instead of a loop.
_TOO_DEEP = re.compile(r"(?:[^\[\]]*+\[){" + str(MAX_LINK_DEPTH) + "}")
_PAREN = re.compile(r"[()]")


class _BoundedLinks:
    """Python-Markdown's link scanning, bounded (see the module's docstring); same result within the bounds."""

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:
        depth = 1
        stop = min(len(data), index + MAX_LINK_TEXT)
        if _TOO_DEEP.match(data, index, stop):
            return "", index, False
        found = _BRACKET.search(data, index, stop)
        while found is not None:
            if found.group(0) == "]":
                depth -= 1
                if depth == 0:
                    return data[index:found.start()], found.end(), True
            else:
                depth += 1
                if depth > MAX_LINK_DEPTH:
                    break
            found = _BRACKET.search(data, found.end(), stop)
        return "", index, False

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:
        if not data.startswith("(", index):
            return "", None, index, False  # what Python-Markdown answers too, without looking further
        stop = min(len(data), index + MAX_LINK_DESTINATION)
        for seen, found in enumerate(_PAREN.finditer(data, index, stop), start=1):
            if seen == MAX_LINK_PARENS:
                stop = found.end()
                break
        href, title, end, handled = super().getLink(data[index:stop], 0)  # type: ignore[misc]
        return href, title, end + index if end >= 0 else end, handled  # -1: as Python-Markdown answers


class _Link(_BoundedLinks, LinkInlineProcessor):
    pass


class _Reference(_BoundedLinks, ReferenceInlineProcessor):
    pass


class _ShortReference(_BoundedLinks, ShortReferenceInlineProcessor):
    pass


def split_parts(text: str) -> list[str]:
    """A long body in parts of about :data:`PART_SIZE` characters, cut at a blank line outside a fence
    when there is one, else at a line break, else (one enormous line) at a space or anywhere."""
    parts: list[str] = []
    current: list[str] = []
    size = 0
    fenced = False
    for line in text.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        while len(line) > PART_SIZE:
            cut = line.rfind(" ", 0, PART_SIZE)
            cut = cut if cut > 0 else PART_SIZE
            if current:
                parts.append("\n".join(current))
                current, size = [], 0
            parts.append(line[:cut])
            line = line[cut:].lstrip(" ")
        current.append(line)
        size += len(line) + 1
        if size >= PART_SIZE and ((not line.strip() and not fenced) or size >= 2 * PART_SIZE):
            parts.append("\n".join(current))
            current, size = [], 0
    if current:
        parts.append("\n".join(current))
    return parts


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
        md.inlinePatterns.register(_Reference(REFERENCE_RE, md), "reference", 170)
        md.inlinePatterns.register(_Link(LINK_RE, md), "link", 160)
        md.inlinePatterns.register(_ShortReference(REFERENCE_RE, md), "short_reference", 130)
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
            if len(text) <= PART_THRESHOLD:
                return fold_blank_lines(self._md.convert(text))
            out = []
            for part in split_parts(text):  # mentions already linked stay linked across parts
                self._md.reset()
                out.append(fold_blank_lines(self._md.convert(part)))
            return "\n".join(chunk for chunk in out if chunk)
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
