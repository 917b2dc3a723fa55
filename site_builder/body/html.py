"""Briefing bodies are untrusted Markdown; this turns their parse into HTML safely.

What the HTML guarantees, whatever the body holds:

* raw HTML, block or inline, is shown as text, never as markup (the parser
  has HTML switched off, and every piece of text is escaped here);
* only ``http``/``https`` links become ``<a>``; any other link keeps its text
  in a ``<span>``; images are shown as written (``![alt](address)``), so no
  request is made when a page loads;
* code (backtick spans, ``` and ``~~~`` fences, indented blocks) is shown
  verbatim in ``<code>`` / ``<pre><code>``, and nothing in it becomes a link;
* headings start at ``<h2>``, below the page title;
* ``[[actor-id]]`` and the first mention of each of the briefing's actors
  link to archive pages; those links are built from registry ids, never from
  the text.

The markup matches what Python-Markdown (the previous renderer) wrote for the
same bodies, so the published pages of ordinary articles do not change: ``"``
is not escaped in text, entities stay as written, ``<hr />`` and ``<br />``,
one block per line.

Rendering has two steps, because links depend on the page while the parse is
done once per build, when the body is loaded: :func:`compile_tokens` turns the
tokens into *segments* (finished HTML strings, and the open parts: text in which
actors may be mentioned, and ``[[links]]``), and :func:`fill` fills in the open
parts for one page (``parse.BodyRenderer`` does both for a body's text or parse).
This module reads tokens and never the parser, so the parser can use it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import unescape
from typing import TYPE_CHECKING

from site_builder.core.urls import is_web_url

if TYPE_CHECKING:
    from markdown_it.token import Token


@dataclass(frozen=True, slots=True)
class Text:
    """Text where an actor may be mentioned (not in a link, code or subheading); not yet escaped."""

    text: str


@dataclass(frozen=True, slots=True)
class Wiki:
    """A ``[[target]]`` or ``[[target|label]]``; ``linkable`` is False inside a link's text."""

    target: str
    label: str | None
    linkable: bool = True


Segment = str | Text | Wiki

_AMP = re.compile(r"&(?!(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);)", re.IGNORECASE)


def escape_text(text: str) -> str:
    """Escape character data as Python-Markdown did: ``&`` only when it starts no entity, no ``"``."""
    if "&" in text:
        text = _AMP.sub("&amp;", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(text: str) -> str:
    return escape_text(text).replace('"', "&quot;").replace("\n", "&#10;")


def escape_code(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link_open(href: str, title: str | None) -> str:
    """``<a>`` for a web address, else ``<span>`` (the text stays, the link goes)."""
    href = unescape(href).strip()
    if not is_web_url(href):
        return "<span>"
    title_attr = f' title="{escape_attribute(title)}"' if title else ""
    return f'<a href="{escape_attribute(href)}" rel="nofollow noopener"{title_attr}>'


class _Compiler:
    """Tokens -> segments. Adjacent HTML strings are joined, so a plain body is one or a few strings."""

    def __init__(self) -> None:
        self.out: list[Segment] = []
        self.html: list[str] = []

    def emit(self, html: str) -> None:
        self.html.append(html)

    def open(self, segment: Segment) -> None:
        if self.html:
            self.out.append("".join(self.html))
            self.html = []
        if isinstance(segment, Text) and self.out and isinstance(self.out[-1], Text):
            self.out[-1] = Text(self.out[-1].text + segment.text)
        else:
            self.out.append(segment)

    def finish(self) -> tuple[Segment, ...]:
        if self.html:
            self.out.append("".join(self.html))
        return tuple(self.out)

    # Blocks
    def blocks(self, tokens: Sequence[Token]) -> None:
        tight: list[bool] = []
        for i, token in enumerate(tokens):
            kind = token.type
            if kind == "paragraph_open":
                if not token.hidden:
                    self.emit("<p>")
            elif kind == "paragraph_close":
                if not token.hidden:
                    self.emit("</p>\n")
                elif i + 1 < len(tokens) and tokens[i + 1].type != "list_item_close":
                    self.emit("\n")
            elif kind == "inline":
                heading = tokens[i - 1].tag if i and tokens[i - 1].type == "heading_open" else ""
                self.inline(token.children or [], mentions=heading in ("", "h1"))
            elif kind == "heading_open":
                self.emit(f"<{_shift(token.tag)}>")
            elif kind == "heading_close":
                self.emit(f"</{_shift(token.tag)}>\n")
            elif kind in ("bullet_list_open", "ordered_list_open"):
                start = token.attrs.get("start")
                self.emit(f'<{token.tag} start="{start}">\n' if start is not None and start != 1
                          else f"<{token.tag}>\n")
                tight.append(bool(i + 2 < len(tokens) and tokens[i + 2].hidden))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.emit(f"</{token.tag}>\n")
                tight.pop()
            elif kind == "list_item_open":
                loose = not tokens[i + 1].hidden if i + 1 < len(tokens) else False
                self.emit("<li>\n" if loose else "<li>")
            elif kind == "list_item_close":
                self.emit("</li>\n")
            elif kind == "blockquote_open":
                self.emit("<blockquote>\n")
            elif kind == "blockquote_close":
                self.emit("</blockquote>\n")
            elif kind == "hr":
                self.emit("<hr />\n")
            elif kind in ("code_block", "fence"):
                self.emit(f"<pre><code>{escape_code(token.content)}</code></pre>\n")
            elif kind == "html_block":  # not produced with HTML off; shown as text all the same
                self.emit(f"<p>{escape_text(token.content.strip())}</p>\n")

    # Inline
    def inline(self, children: Sequence[Token], mentions: bool) -> None:
        in_link = 0
        for i, child in enumerate(children):
            kind = child.type
            eligible = mentions and not in_link
            if kind in ("text", "text_special"):
                text = child.markup if kind == "text_special" and child.info == "entity" else child.content
                if eligible:
                    self.open(Text(text))
                else:
                    self.emit(escape_text(text))
            elif kind == "softbreak":
                self.open(Text("\n")) if eligible else self.emit("\n")
            elif kind == "hardbreak":
                self.emit("<br />\n")
            elif kind == "code_inline":
                self.emit(f"<code>{escape_code(child.content.strip())}</code>")
            elif kind in ("em_open", "strong_open"):
                self.emit(f"<{child.tag}>")
            elif kind in ("em_close", "strong_close"):
                self.emit(f"</{child.tag}>")
            elif kind == "wiki_link":
                self.open(Wiki(child.meta["target"], child.meta["label"], linkable=not in_link))
            elif kind == "link_open":
                if is_email_autolink(children, i):
                    self.emit("&lt;")
                    in_link += 1
                    continue
                href = str(child.attrs.get("href", ""))
                title = child.attrs.get("title")
                self.emit(link_open(href, str(title) if title else None))
                in_link += 1
            elif kind == "link_close":
                in_link -= 1
                opened = _opening(children, i)
                if opened is not None and is_email_autolink(children, opened):
                    self.emit("&gt;")
                elif (opened is not None
                      and is_web_url(unescape(str(children[opened].attrs.get("href", ""))).strip())):
                    self.emit("</a>")
                else:
                    self.emit("</span>")
            elif kind == "image":  # shown as written, as it always was: no request when the page loads
                title = child.attrs.get("title")
                src = child.attrs.get("src", "")
                shown = f'![{child.content}]({src}' + (f' "{title}"' if title else "") + ")"
                self.open(Text(shown)) if eligible else self.emit(escape_text(shown))


def _opening(children: Sequence[Token], close: int) -> int | None:
    depth = 0
    for j in range(close - 1, -1, -1):
        if children[j].type == "link_close":
            depth += 1
        elif children[j].type == "link_open":
            if depth == 0:
                return j
            depth -= 1
    return None


def is_email_autolink(children: Sequence[Token], index: int) -> bool:
    """``<name@example.org>``: shown as text, as it always was, never as a ``mailto:`` link."""
    token = children[index]
    if token.markup != "autolink" or index + 1 >= len(children):
        return False
    return token.attrs.get("href") == "mailto:" + children[index + 1].content


def _shift(tag: str) -> str:
    """``h1`` -> ``h2`` ... ``h5`` -> ``h6``; the page title is the only ``h1``."""
    return f"h{min(int(tag[1]) + 1, 6)}"


def compile_tokens(tokens: Sequence[Token]) -> tuple[Segment, ...]:
    compiler = _Compiler()
    compiler.blocks(tokens)
    segments = compiler.finish()
    if segments and isinstance(segments[-1], str):
        segments = (*segments[:-1], segments[-1].rstrip("\n"))
    return segments


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


def fill(segments: Sequence[Segment], links: BodyLinks | None) -> str:
    """Resolve ``[[links]]`` (all first: a ``[[link]]`` anywhere spares the actor a mention link),
    then link the first mention of each actor in document order."""
    if len(segments) == 1 and isinstance(segments[0], str):
        return segments[0]
    linked: set[str] = set()
    resolved: list[str | Text] = []
    for segment in segments:
        if isinstance(segment, Wiki):
            found = links.resolve(segment.target) if links is not None and segment.linkable else None
            if found is None:
                resolved.append(Text((segment.label or segment.target).strip()))
            else:
                linked.add(found[0])
                label = (segment.label or found[1]).strip()
                resolved.append(f'<a class="ba-mention" href="{escape_attribute(found[0])}">'
                                f"{escape_text(label)}</a>")
        else:
            resolved.append(segment)
    mentions = links.mentions if links is not None else None
    out: list[str] = []
    run: list[str] = []
    for segment in resolved:
        if isinstance(segment, Text):
            run.append(segment.text)
            continue
        if run:
            out.append(_mention(("".join(run)), mentions, links, linked))
            run = []
        out.append(segment)
    if run:
        out.append(_mention("".join(run), mentions, links, linked))
    return "".join(out)


def _mention(text: str, mentions: Callable[[str], list[tuple[int, int, str, str]]] | None,
             links: BodyLinks | None, linked: set[str]) -> str:
    """Escaped text, with the first mention of each actor not yet linked made a link."""
    if mentions is None or links is None or (links.mention_hrefs and links.mention_hrefs <= linked):
        return escape_text(text)
    out: list[str] = []
    cursor = 0
    for start, end, _key, href in mentions(text):
        if href in linked:
            continue
        linked.add(href)
        out.append(escape_text(text[cursor:start]))
        out.append(f'<a class="ba-mention" href="{escape_attribute(href)}">'
                   f'{escape_text(text[start:end])}</a>')
        cursor = end
    out.append(escape_text(text[cursor:]))
    return "".join(out)


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
