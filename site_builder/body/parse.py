"""One parse of a briefing body, shared by the content policy, ``[[links]]``, mentions and rendering.

Bodies used to be read three ways (regular expressions for the policy and for
``[[links]]``, Python-Markdown for the page), and the three disagreed: a
``~~~`` fence was code to the policy but text to the renderer, so a link in it
passed the check and vanished from the page. Now markdown-it-py reads each
body once. It follows CommonMark, so what is code, a link or text is defined by
a specification rather than by three sets of heuristics; it produces a token
stream rather than HTML, so the policy and the renderer look at the same
tokens; it runs in time linear in the body; and it is maintained.

The parse keeps no tokens. A token list costs a few hundred bytes per token,
tens of kilobytes per body, far too much to hold for every briefing of an
archive between loading and rendering. Instead :func:`parse` turns the tokens
at once into a :class:`ParsedBody`: the facts the policy and the cross-file
checks need (links, raw HTML, ``[[links]]``, each with its line) and the body's
HTML as a short tuple of segments (see :mod:`site_builder.body.html`) in which
only what depends on the page (``[[link]]`` targets and text where an actor
may be mentioned) is left open. Loading parses each body once and keeps this
on the briefing; checking and rendering read it.

The parser is CommonMark with raw HTML switched off (tags stay text, and are
escaped when rendered), every link destination accepted as written (the
policy refuses, and the renderer drops, all but ``http(s)``), and one extra
inline rule for ``[[target]]`` and ``[[target|text]]``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from markdown_it import MarkdownIt, helpers
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.image import image as image_rule
from markdown_it.rules_inline.link import link as link_rule
from markdown_it.token import Token

from site_builder.body.html import (
    BodyLinks,
    Segment,
    Text,
    compile_tokens,
    fill,
    fold_blank_lines,
    is_email_autolink,
)

#: Deepest nesting of blocks (quotes, lists) and of inline markup the parser follows; deeper
#: structure is not parsed (markdown-it drops blocks below it), and check refuses such a body.
MAX_NESTING = 20

#: Longest link text, in characters, and deepest nesting of brackets inside it; beyond these
#: the brackets stay text.
MAX_LINK_TEXT = 2_000
MAX_LINK_DEPTH = 4

#: ``[[kim-jong-un]]`` or ``[[Kim Jong Un|Kim]]``: an explicit link to an actor, event or outlet.
WIKI_LINK = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")


@dataclass(frozen=True, slots=True)
class Link:
    """A link destination as written (entities and escapes decoded), and the body line it is on."""

    line: int
    url: str


@dataclass(frozen=True, slots=True)
class WikiTarget:
    line: int
    target: str
    source: str  # the whole ``[[...]]``, for messages


@dataclass(frozen=True, slots=True)
class ParsedBody:
    """What one parse of a body yields; lines count from 0 at the body's first line."""

    source: str  # the body parsed (the same string object the briefing holds: no copy)
    segments: tuple[Segment, ...]
    links: tuple[Link, ...] = ()
    text: tuple[tuple[int, str], ...] = ()  # prose outside code holding "<", per block: (first line, text)
    wiki_links: tuple[WikiTarget, ...] = ()
    too_deep: int | None = None  # the line where nesting reaches MAX_NESTING, if it does


def _wiki_link(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[[", state.pos):
        return False
    match = WIKI_LINK.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    if not silent:
        token = state.push("wiki_link", "", 0)
        token.content = match.group(0)
        token.meta = {"target": match.group(1).strip(), "label": match.group(2)}
    state.pos = match.end()
    return True


_BRACKET = re.compile(r"[\[\]]")
#: MAX_LINK_DEPTH more "[" before any "]": too deep, answered by one match instead of a loop.
_TOO_DEEP = re.compile(r"(?:[^\[\]]*+\[){" + str(MAX_LINK_DEPTH) + "}")


def _label_in_bounds(src: str, start: int) -> bool:
    """A ``]`` closes the ``[`` before ``start`` within MAX_LINK_TEXT characters and MAX_LINK_DEPTH brackets.

    markdown-it looks for the end of a link text from every ``[``, to the end of the paragraph
    when there is none, so a paragraph of ``[`` takes quadratic time; this answers first, in
    bounded time.
    """
    stop = min(len(src), start + MAX_LINK_TEXT)
    if _TOO_DEEP.match(src, start, stop):
        return False
    depth = 1
    found = _BRACKET.search(src, start, stop)
    while found is not None:
        if found.group(0) == "]":
            depth -= 1
            if depth == 0:
                return True
        else:
            depth += 1
            if depth > MAX_LINK_DEPTH:
                return False
        found = _BRACKET.search(src, found.end(), stop)
    return False


def _bounded(rule: Callable[[StateInline, bool], bool], skip: int) -> Callable[[StateInline, bool], bool]:
    """``rule`` (link or image), tried only when its text is within the bounds."""
    opener = "!["[2 - skip:]

    def bounded(state: StateInline, silent: bool) -> bool:
        if not state.src.startswith(opener, state.pos) or not _label_in_bounds(state.src, state.pos + skip):
            return False
        return rule(state, silent)
    return bounded


def _destination_as_written(string: str, pos: int, maximum: int) -> Any:
    """markdown-it's link destination, as written: entities and escapes are left for the policy
    (which names the destination as the curator wrote it) and the renderer to decode."""
    result = helpers.parseLinkDestination(string, pos, maximum)
    if result.ok:
        raw = string[pos:result.pos]
        result.str = raw[1:-1] if raw.startswith("<") and raw.endswith(">") else raw
    return result


def _as_written(url: str) -> str:
    return url


def _any_link(url: str) -> bool:
    return True


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "maxNesting": MAX_NESTING})
    md.disable("text_join")  # keep entities and escapes apart: they are rendered as written
    md.inline.ruler.before("link", "wiki_link", _wiki_link)
    md.inline.ruler.at("link", _bounded(link_rule, 1))
    md.inline.ruler.at("image", _bounded(image_rule, 2))
    md.helpers = SimpleNamespace(  # type: ignore[assignment]  # this instance's own, not shared
        parseLinkLabel=helpers.parseLinkLabel, parseLinkDestination=_destination_as_written,
        parseLinkTitle=helpers.parseLinkTitle)
    md.validateLink = _any_link  # type: ignore[method-assign,assignment]
    md.normalizeLink = _as_written  # type: ignore[method-assign,assignment]
    md.normalizeLinkText = _as_written  # type: ignore[method-assign,assignment]
    return md


_MD = _parser()


#: A character that may start Markdown's inline syntax (escapes, code, emphasis, links, images,
#: autolinks, entities, ``[[links]]``), or that the parser would normalise or read as indentation.
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]<>&~|\t\r\0]")
#: The start of a line that may begin a block other than a paragraph, or end one: headings, quotes,
#: rules, lists, setext underlines (most such starts are caught by :data:`_INLINE_SYNTAX`).
_BLOCK_START = re.compile(r"[#>+=-]|\d{1,9}[.)]")


def _plain(text: str) -> ParsedBody | None:
    """The parse of a body of plain paragraphs, made without the parser, or None for any other body.

    Most bodies are paragraphs of prose and nothing else: lines of text with no character that
    Markdown reads as syntax, none starting a block, none indented or ending in spaces (a line
    break), paragraphs apart by empty lines. For those, CommonMark's result is known: each paragraph
    its lines, joined by line breaks, in ``<p>``. Spares the parser about 0.4 ms a body, which was
    two fifths of rendering a briefing's page. ``tests/test_body_parse.py`` checks that this gives
    what the parser gives, on bodies built to sit on either side of every condition.
    """
    if _INLINE_SYNTAX.search(text):
        return None
    segments: list[Segment] = []
    paragraph: list[str] = []
    for line in [*text.split("\n"), ""]:
        if not line:
            if paragraph:
                segments += ["</p>\n<p>" if segments else "<p>", Text("\n".join(paragraph))]
                paragraph = []
            continue
        if line[0].isspace() or line[-1].isspace() or _BLOCK_START.match(line):
            return None
        paragraph.append(line)
    if not segments:
        return None
    return ParsedBody(text, (*segments, "</p>"))


def parse(text: str) -> ParsedBody:
    """Parse a body once: the policy's facts and the HTML segments, no tokens kept."""
    plain = _plain(text)
    return plain if plain is not None else parse_markdown(text)


def parse_markdown(text: str) -> ParsedBody:
    """:func:`parse` by the parser, whatever the body."""
    env: dict[str, object] = {}
    tokens = _MD.parse(text, env)
    links: list[Link] = []
    prose: list[tuple[int, str]] = []
    wiki: list[WikiTarget] = []
    too_deep: int | None = None
    line = 0
    for token in tokens:
        if token.map:
            line = token.map[0]
        if token.level >= MAX_NESTING - 1 and too_deep is None:
            too_deep = line
        if token.type == "inline" and token.children:
            _inline_facts(token.children, line, links, prose, wiki)
            if too_deep is None and any(child.level >= MAX_NESTING - 1 for child in token.children):
                too_deep = line
    references = env.get("references")
    if isinstance(references, dict) and references:
        defined = {ref["href"] for ref in references.values()}
        links = [link for link in links if link.url not in defined]  # [text][id]: its definition is reported
        links += [Link(ref["map"][0], ref["href"]) for ref in references.values()]
    links.sort(key=lambda link: link.line)
    return ParsedBody(text, compile_tokens(tokens), tuple(links), tuple(prose), tuple(wiki), too_deep)


def parse_of(body: str, parsed: ParsedBody | None) -> ParsedBody:
    """``parsed`` when it is the parse of ``body``, else a parse of it (a briefing copied with a new
    body, or made outside loading, has no parse of its own)."""
    return parsed if parsed is not None and (parsed.source is body or parsed.source == body) else parse(body)


def _inline_facts(children: list[Token], line: int, links: list[Link], prose: list[tuple[int, str]],
                  wiki: list[WikiTarget]) -> None:
    """Links, ``[[links]]`` and the prose (code spans left out) of one paragraph or heading."""
    start, parts = line, []
    for index, child in enumerate(children):
        kind = child.type
        if kind == "text":
            parts.append(child.content)
        elif kind == "text_special":
            parts.append(child.markup)
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
            line += 1
        elif kind == "wiki_link":
            parts.append(child.content)
            wiki.append(WikiTarget(line, child.meta["target"], child.content))
        elif kind == "link_open" and child.markup != "autolink":
            links.append(Link(line, str(child.attrs.get("href", ""))))
        elif kind == "link_open" and not is_email_autolink(children, index):
            parts.append("<" + str(child.attrs.get("href", "")) + ">")  # the policy reads autolinks as tags
        elif kind == "image":
            links.append(Link(line, str(child.attrs.get("src", ""))))
            if child.children:
                _inline_facts(child.children, line, links, prose, wiki)
        elif kind == "code_inline":
            parts.append(" ")
    if parts:
        joined = "".join(parts)
        if "<" in joined:  # all the policy looks for in prose; the rest is not kept
            prose.append((start, joined))


class BodyRenderer:
    """Fills in a parsed body's links for one page; holds no state between bodies."""

    def render(self, body: ParsedBody | str, links: BodyLinks | None = None) -> str:
        """The body's HTML on one page; ``body`` is a parse, or the text of a body not loaded from a file."""
        if isinstance(body, str):
            body = parse(body)
        return fold_blank_lines(fill(body.segments, links))
