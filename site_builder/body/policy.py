"""Content policy for briefing bodies: plain Markdown only, links only to the web.

The renderer (:mod:`site_builder.body.markdown`) already shows raw HTML as text
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
  ``java\\tscript:`` are caught.

Code is exempt, as the renderer shows it verbatim: backtick code spans, fenced
blocks and indented code blocks. Pure: text in, diagnostics out.
"""

from __future__ import annotations

import bisect
import re
from html import unescape

from site_builder.core.urls import is_web_url
from site_builder.errors import Diagnostic

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[*+-]|\d+[.)])\s")
_CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.DOTALL)
# Python-Markdown's inline HTML pattern (tags and comments), plus declarations and processing
# instructions; [^<>] spans lines, as a tag may.
_HTML = re.compile(r"<!--|<![A-Za-z\[]|<\?"
                   r"|<(/?[A-Za-z][^<>@\s]*)(\s[^<>]*)?>", re.DOTALL | re.MULTILINE)
_LINK_OPEN = re.compile(r"\]\(")
_MAX_URL = 2000  # longer destinations are cut here (keeps hostile input linear)
_REFERENCE = re.compile(r"^ {0,3}\[([^\[\]\n]+)\]:[ \t]*\n?[ \t]*(\S+)", re.MULTILINE)
_URLISH = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")

#: Most content-policy problems reported for one body; the rest are counted in one more line.
MAX_DIAGNOSTICS = 50

HTML_HINT = ("write plain Markdown instead: *emphasis*, **strong**, [text](https://...) for links, "
             "and put HTML examples in `backticks`")
URL_HINT = "link only to absolute http:// or https:// addresses, or leave the address out"


def _mask(text: str) -> str:
    """``text`` with every code region blanked out (newlines kept, so offsets and lines survive)."""
    lines = text.split("\n")
    out: list[str] = []
    fence: str | None = None
    previous_blank, in_list, in_indented = True, False, False
    for line in lines:
        if fence is not None:
            out.append(" " * len(line))
            if line.strip().startswith(fence) and set(line.strip()) == {fence[0]}:
                fence = None
            continue
        opened = _FENCE.match(line)
        if opened:
            fence = opened.group(1)
            out.append(" " * len(line))
            previous_blank = in_indented = False
            continue
        blank = not line.strip()
        indented = line.startswith(("    ", "\t"))
        if not blank and not indented:
            in_list = bool(_LIST_ITEM.match(line)) or (in_list and not previous_blank)
        if indented and not blank and not in_list and (previous_blank or in_indented):
            out.append(" " * len(line))
            in_indented = True
        else:
            in_indented = in_indented and blank
            out.append(line)
        previous_blank = blank
    masked = "\n".join(out)
    return _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), masked)


def _destination(text: str, start: int) -> tuple[str, int] | None:
    """The link destination beginning at ``start`` (just after ``](``), and where it starts."""
    i = start
    while i < len(text) and text[i] in " \t\n":
        i += 1
    if i < len(text) and text[i] == "<":
        end = text.find(">", i, i + _MAX_URL)
        return (text[i + 1:end], i) if end != -1 else None
    depth, j, stop = 0, i, min(len(text), i + _MAX_URL)
    while j < stop:
        ch = text[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        elif ch in " \t\n[]<>":
            break  # a destination never spans these; stopping keeps hostile input linear
        j += 1
    return text[i:j], i


def normalise_url(url: str) -> str:
    """The URL a browser would follow: entities decoded, control characters and spaces removed."""
    return _INVISIBLE.sub("", unescape(unescape(url.replace("\\", ""))))


#: More paragraphs or emphasis marks than any article has: a body over these is refused, since
#: each one costs the Markdown renderer a fixed amount of work (a 1 MB body of one-letter
#: paragraphs would take it several seconds per build).
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


def body_diagnostics(body: str, display: str, body_line: int) -> list[Diagnostic]:
    """Every policy breach in a briefing body; ``body_line`` is the file line the body starts on."""
    sized = size_diagnostics(body, display, body_line)
    if sized:
        return sized  # the renderer never sees it: nothing else in it needs checking
    if "<" not in body and "]" not in body:
        return []  # no tag, autolink, link or reference definition is possible: the common case
    masked = _mask(body)
    newlines: list[int] = []

    def line_of(offset: int) -> int:
        if not newlines:  # built on the first breach only; clean bodies never pay for it
            newlines.extend(m.start() for m in re.finditer("\n", masked))
            newlines.append(len(masked) + 1)
        return body_line + bisect.bisect_left(newlines, offset)

    out: list[Diagnostic] = []
    for match in _HTML.finditer(masked):
        if masked[max(0, match.start() - 100): match.start()].rstrip(" \t\n").endswith("]("):
            continue  # [text](<url>): the destination is checked as a link below
        name = match.group(1) or ""
        if ":" in name and match.group(2) is None:  # an autolink such as <https://example.org>
            url = name
            if not is_web_url(normalise_url(url)):
                out.append(Diagnostic(display, line_of(match.start()),
                                      f"link to '{_short(url)}' is not an http(s) address", URL_HINT))
            continue
        shown = _short(match.group(0).split("\n")[0])
        if out and out[-1].line == line_of(match.start()):
            continue  # one raw-HTML message per line is enough: <b>x</b> is one mistake
        out.append(Diagnostic(display, line_of(match.start()),
                              f"raw HTML '{shown}' is not allowed in a briefing body", HTML_HINT))
    found: list[tuple[int, str]] = []
    for match in _LINK_OPEN.finditer(masked):
        dest = _destination(masked, match.end())
        if dest is not None:
            found.append((dest[1], dest[0]))
    for match in _REFERENCE.finditer(masked):
        found.append((match.start(2), match.group(2).strip("<>")))
    for offset, url in sorted(found):
        if not is_web_url(normalise_url(url)):
            shown = _short(url) if url else "(empty)"
            out.append(Diagnostic(display, line_of(offset),
                                  f"link to '{shown}' is not an http(s) address", URL_HINT))
    if len(out) > MAX_DIAGNOSTICS:  # a hostile body could otherwise print a line per character
        rest = len(out) - MAX_DIAGNOSTICS
        out = [*out[:MAX_DIAGNOSTICS], Diagnostic(display, out[MAX_DIAGNOSTICS].line, f"{rest:,} more "
                                                  "problems in this body are not listed", "fix the ones above first")]
    return out


def _short(text: str, limit: int = 40) -> str:
    text = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)
    return text if len(text) <= limit else text[: limit - 3] + "..."
