"""Briefing bodies are untrusted Markdown; this renders them to HTML safely.

Bodies arrive by pull request, so they are rendered here with a locked-down
Python-Markdown instance rather than with the site's own Markdown settings
(which may enable ``attr_list``, ``md_in_html`` and other extensions that let
text set attributes). What this renderer guarantees:

* raw HTML, block or inline, is shown as text, never as markup;
* only ``http``/``https`` links survive (anything else keeps its text and
  loses the link); images become links to the image, so no request is made
  when a page loads;
* headings start at ``<h2>``, below the page title.

The output is final HTML that page templates embed as is.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from html import unescape

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

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


class SafeBodyExtension(Extension):
    """Switch off raw HTML and images, and sanitise what is left."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        for name in _REMOVED_BLOCK:
            if name in md.preprocessors:
                md.preprocessors.deregister(name)
        for name in _REMOVED_INLINE:
            if name in md.inlinePatterns:
                md.inlinePatterns.deregister(name)
        md.treeprocessors.register(_Sanitise(md), "briefings_sanitise", 0)


class BodyRenderer:
    """Reusable renderer (building a Markdown instance costs more than rendering a body)."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=[SafeBodyExtension(), "sane_lists"], output_format="html")

    def render(self, text: str) -> str:
        self._md.reset()
        return self._md.convert(text)


def render_body(text: str) -> str:
    return BodyRenderer().render(text)
