"""Content policy for briefing bodies: plain Markdown only, links only to the web.

The renderer (:mod:`site_builder.body.html`) already shows raw HTML as text
and drops every link that is not ``http(s)``, so a body that breaks this policy
cannot put script on a page. The policy is enforced anyway, at check time,
because a curator should learn that ``<b>`` or ``javascript:`` will not work
*before* the pull request is merged, with the file and line to fix, rather than
find stray tags shown as text on the published page.

What is refused in a body:

* raw HTML, block or inline: tags (``<div>``, ``</p>``, ``<img ...>``),
  comments (``<!-- -->``), ``<!DOCTYPE>``/``<![CDATA[``, ``<?...?>``;
* a link or image whose destination is not an absolute ``http(s)`` URL:
  inline links ``[text](url)``, reference definitions ``[id]: url`` and
  autolinks ``<url>``. Destinations are HTML-unescaped and stripped of control
  characters and whitespace first, as browsers do, so ``&#106;avascript:`` and
  ``java\\tscript:`` are caught;
* quotes or lists nested :data:`~site_builder.body.parse.MAX_NESTING` deep,
  which the parser stops following.

The policy reads the same parse as the renderer (:mod:`site_builder.body.parse`),
so code is exempt exactly where the page shows it verbatim: backtick code spans,
fenced blocks (``` and ``~~~``) and indented code blocks.
"""

from __future__ import annotations

import re
from html import unescape

from site_builder.body.parse import MAX_NESTING, ParsedBody, parse
from site_builder.core.urls import is_web_url
from site_builder.errors import Diagnostic

# Tags and comments, plus declarations and processing instructions; [^<>] spans lines, as a tag may.
_HTML = re.compile(r"<!--|<![A-Za-z\[]|<\?"
                   r"|<(/?[A-Za-z][^<>@\s]*)(\s[^<>]*)?>", re.DOTALL | re.MULTILINE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")

#: Most content-policy problems reported for one body; the rest are counted in one more line.
MAX_DIAGNOSTICS = 50

HTML_HINT = ("write plain Markdown instead: *emphasis*, **strong**, [text](https://...) for links, "
             "and put HTML examples in `backticks`")
URL_HINT = "link only to absolute http:// or https:// addresses, or leave the address out"


def normalise_url(url: str) -> str:
    """The URL a browser would follow: entities decoded, control characters and spaces removed."""
    return _INVISIBLE.sub("", unescape(unescape(url.replace("\\", ""))))


#: More paragraphs or emphasis marks than any article has: a body over these is refused
#: before it is parsed (a 1 MB body of one-letter paragraphs is no article).
MAX_BLOCKS = 10_000
MAX_EMPHASIS = 20_000


def size_diagnostics(body: str, display: str, body_line: int) -> list[Diagnostic]:
    """A body with more paragraphs or emphasis marks than ``MAX_BLOCKS`` / ``MAX_EMPHASIS``."""
    out: list[Diagnostic] = []
    blocks = body.count("\n\n")
    if blocks > MAX_BLOCKS:
        out.append(Diagnostic(display, body_line, f"the body has {blocks:,} paragraphs, over the limit of "
                              f"{MAX_BLOCKS:,}", "split the article, or join lines that belong together"))
    marks = body.count("*") + body.count("_")
    if marks > MAX_EMPHASIS:
        out.append(Diagnostic(display, body_line, f"the body has {marks:,} emphasis marks (* or _), over the "
                              f"limit of {MAX_EMPHASIS:,}", "remove most of the emphasis"))
    return out


def body_diagnostics(body: str, display: str, body_line: int,
                     parsed: ParsedBody | None = None) -> list[Diagnostic]:
    """Every policy breach in a briefing body; ``body_line`` is the file line the body starts on.

    ``parsed`` is the body's parse when the caller has it (loading does); without it the body is
    parsed here, unless it is over the size limits.
    """
    sized = size_diagnostics(body, display, body_line)
    if sized:
        return sized  # never parsed nor rendered: nothing else in it needs checking
    if parsed is None:
        parsed = parse(body)
    return parsed_diagnostics(parsed, display, body_line)


def parsed_diagnostics(parsed: ParsedBody, display: str, body_line: int) -> list[Diagnostic]:
    """The policy breaches found in one parse of a body."""
    out: list[Diagnostic] = []
    for start, text in parsed.text:
        if "<" not in text:
            continue  # the common case
        for match in _HTML.finditer(text):
            line = body_line + start + text.count("\n", 0, match.start())
            name = match.group(1) or ""
            if ":" in name and match.group(2) is None:  # an autolink such as <https://example.org>
                if not is_web_url(normalise_url(name)):
                    out.append(Diagnostic(display, line,
                                          f"link to '{_short(name)}' is not an http(s) address", URL_HINT))
                continue
            if out and out[-1].line == line:
                continue  # one raw-HTML message per line is enough: <b>x</b> is one mistake
            shown = _short(match.group(0).split("\n")[0])
            out.append(Diagnostic(display, line, f"raw HTML '{shown}' is not allowed in a briefing body",
                                  HTML_HINT))
    for link in parsed.links:
        if not is_web_url(normalise_url(link.url)):
            shown = _short(link.url) if link.url else "(empty)"
            out.append(Diagnostic(display, body_line + link.line,
                                  f"link to '{shown}' is not an http(s) address", URL_HINT))
    if parsed.too_deep is not None:
        out.append(Diagnostic(display, body_line + parsed.too_deep, f"quotes or lists are nested "
                              f"{MAX_NESTING} deep, deeper than the renderer follows",
                              "nest quotes and lists less deeply"))
    if len(out) > MAX_DIAGNOSTICS:  # a hostile body could otherwise print a line per character
        rest = len(out) - MAX_DIAGNOSTICS
        out = [*out[:MAX_DIAGNOSTICS], Diagnostic(display, out[MAX_DIAGNOSTICS].line, f"{rest:,} more "
                                                  "problems in this body are not listed",
                                                  "fix the ones above first")]
    return out


def _short(text: str, limit: int = 40) -> str:
    text = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)
    return text if len(text) <= limit else text[: limit - 3] + "..."
